import { filterCorpus } from "../../../engine/corpus-filter";
import { memoize } from "../../../engine/corpus-index";
import { topicTimeline as buildTimeline } from "../../../engine/timeline";
import type { AppRouteHandler } from "../../lib/app-types";
import { corpusFilter } from "../../lib/filters";
import { resolveActor, resolveTopic } from "../../lib/params";
import type { TopicTimelineRoute } from "./timeline.routes";

export const topicTimeline: AppRouteHandler<TopicTimelineRoute> = (c) => {
  const query = c.req.valid("query");
  const corpus = filterCorpus(c.get("corpus"), corpusFilter(query));
  const topic = resolveTopic(corpus, c.req.valid("param").id);
  const a = resolveActor(corpus, query.a);
  const b = resolveActor(corpus, query.b);
  const timeline = memoize(corpus, `timeline:${topic.id}:${a}:${b}`, () => buildTimeline(corpus, topic, a, b));
  return c.json(timeline, 200);
};
