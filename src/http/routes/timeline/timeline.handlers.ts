import { bundledTaxonomy } from "../../../storage/bundled-corpus";
import type { AppRouteHandler } from "../../lib/app-types";
import { topicTimeline as buildTimeline } from "../../lib/corpus-reads";
import { aggregateFilter } from "../../lib/filters";
import { memoJson } from "../../lib/memo-json";
import { resolveActor, resolveTopic } from "../../lib/params";
import type { TopicTimelineRoute } from "./timeline.routes";

export const topicTimeline: AppRouteHandler<TopicTimelineRoute> = async (c) => {
  const query = c.req.valid("query");
  const taxonomy = bundledTaxonomy();
  const topic = resolveTopic(taxonomy, c.req.valid("param").id);
  const a = resolveActor(taxonomy, query.a);
  const b = resolveActor(taxonomy, query.b);
  const filter = aggregateFilter(query);
  return memoJson(c, c.get("version"), JSON.stringify(["timeline", topic.id, a, b, filter]), () =>
    buildTimeline(c.get("store"), taxonomy, { topic, a, b, filter }),
  );
};
