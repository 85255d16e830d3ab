import { bundledTaxonomy } from "../../../storage/bundled-corpus";
import type { AppRouteHandler } from "../../lib/app-types";
import { actorsWithCounts, compareCorpus, topicsWithCounts } from "../../lib/corpus-reads";
import { aggregateFilter } from "../../lib/filters";
import { memoJson } from "../../lib/memo-json";
import { resolveActor, resolveTopic } from "../../lib/params";
import type {
  CompareTopicRoute,
  GetTopicRoute,
  ListActorsRoute,
  ListFramesRoute,
  ListTopicsRoute,
} from "./taxonomy.routes";

export const listActors: AppRouteHandler<ListActorsRoute> = async (c) =>
  c.json({ actors: await actorsWithCounts(c.get("store"), bundledTaxonomy()) }, 200);

export const listTopics: AppRouteHandler<ListTopicsRoute> = async (c) =>
  c.json({ topics: await topicsWithCounts(c.get("store"), bundledTaxonomy()) }, 200);

export const getTopic: AppRouteHandler<GetTopicRoute> = async (c) => {
  const taxonomy = bundledTaxonomy();
  const topic = resolveTopic(taxonomy, c.req.valid("param").id);
  const found = (await topicsWithCounts(c.get("store"), taxonomy)).find((t) => t.id === topic.id);
  return c.json(found ?? { ...topic, recordCount: 0, counts: {} }, 200);
};

export const compareTopic: AppRouteHandler<CompareTopicRoute> = async (c) => {
  const query = c.req.valid("query");
  const taxonomy = bundledTaxonomy();
  const topic = resolveTopic(taxonomy, c.req.valid("param").id);
  const a = resolveActor(taxonomy, query.a);
  const b = resolveActor(taxonomy, query.b);
  const filter = aggregateFilter(query);
  const key = JSON.stringify(["topic-compare", topic.id, a, b, filter, query.evidence]);
  return memoJson(c, c.get("version"), key, async () => {
    const comparison = await compareCorpus(c.get("store"), taxonomy, {
      a,
      b,
      topics: [topic],
      filter,
      evidence: query.evidence,
    });
    return comparison.topics[0] as NonNullable<(typeof comparison.topics)[0]>;
  });
};

export const listFrames: AppRouteHandler<ListFramesRoute> = (c) => c.json({ frames: bundledTaxonomy().frames }, 200);
