import { compareTopic as compareOneTopic } from "../../../engine/compare";
import { filterCorpus } from "../../../engine/corpus-filter";
import { type CorpusIndex, memoize } from "../../../engine/corpus-index";
import { limitEvidence } from "../../../engine/evidence";
import type { AppRouteHandler } from "../../lib/app-types";
import { corpusFilter } from "../../lib/filters";
import { memoJson } from "../../lib/memo-json";
import { resolveActor, resolveTopic } from "../../lib/params";
import type {
  CompareTopicRoute,
  GetTopicRoute,
  ListActorsRoute,
  ListFramesRoute,
  ListTopicsRoute,
} from "./taxonomy.routes";

export const listActors: AppRouteHandler<ListActorsRoute> = (c) => {
  const corpus = c.get("corpus");
  const actors = memoize(corpus, "actors", () =>
    corpus.taxonomy.actors.map((actor) => ({
      ...actor,
      recordCount: corpus.recordsByActor.get(actor.id)?.length ?? 0,
    })),
  );
  return c.json({ actors }, 200);
};

function topicsWithCounts(corpus: CorpusIndex) {
  return memoize(corpus, "topics", () =>
    corpus.taxonomy.topics.map((topic) => ({
      ...topic,
      recordCount: corpus.recordsByTopic.get(topic.id)?.length ?? 0,
      counts: corpus.topicCounts.get(topic.id) ?? {},
    })),
  );
}

export const listTopics: AppRouteHandler<ListTopicsRoute> = (c) =>
  c.json({ topics: topicsWithCounts(c.get("corpus")) }, 200);

export const getTopic: AppRouteHandler<GetTopicRoute> = (c) => {
  const corpus = c.get("corpus");
  const topic = resolveTopic(corpus, c.req.valid("param").id);
  const found = topicsWithCounts(corpus).find((t) => t.id === topic.id);
  return c.json(found ?? { ...topic, recordCount: 0, counts: {} }, 200);
};

export const compareTopic: AppRouteHandler<CompareTopicRoute> = async (c) => {
  const query = c.req.valid("query");
  const corpus = filterCorpus(c.get("corpus"), corpusFilter(query));
  const topic = resolveTopic(corpus, c.req.valid("param").id);
  const { a, b } = query;
  const actorA = resolveActor(corpus, a);
  const actorB = resolveActor(corpus, b);
  return memoJson(c, corpus, `topic-compare:${topic.id}:${actorA}:${actorB}:${query.evidence}`, () =>
    limitEvidence(compareOneTopic(corpus, topic, actorA, actorB), query.evidence),
  );
};

export const listFrames: AppRouteHandler<ListFramesRoute> = (c) =>
  c.json({ frames: c.get("corpus").taxonomy.frames }, 200);
