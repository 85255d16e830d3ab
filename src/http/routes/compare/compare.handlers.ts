import { compareActors } from "../../../engine/compare";
import { contestedTerms } from "../../../engine/contested-terms";
import { filterCorpus } from "../../../engine/corpus-filter";
import { limitEvidence } from "../../../engine/evidence";
import type { AppRouteHandler } from "../../lib/app-types";
import { corpusFilter } from "../../lib/filters";
import { memoJson } from "../../lib/memo-json";
import { resolveActor, resolveTopic } from "../../lib/params";
import type { CompareRoute, TermsRoute } from "./compare.routes";

export const compare: AppRouteHandler<CompareRoute> = async (c) => {
  const query = c.req.valid("query");
  const corpus = filterCorpus(c.get("corpus"), corpusFilter(query));
  const a = resolveActor(corpus, query.a);
  const b = resolveActor(corpus, query.b);
  const topics = query.topic === undefined ? undefined : [resolveTopic(corpus, query.topic)];
  const key = `compare-evidence:${a}:${b}:${query.topic ?? "*"}:${query.evidence}`;
  return memoJson(c, corpus, key, () => {
    const full = compareActors(corpus, a, b, topics);
    return { ...full, topics: full.topics.map((row) => limitEvidence(row, query.evidence)) };
  });
};

export const terms: AppRouteHandler<TermsRoute> = async (c) => {
  const corpus = c.get("corpus");
  const query = c.req.valid("query");
  const a = resolveActor(corpus, query.a);
  const b = resolveActor(corpus, query.b);
  return memoJson(c, corpus, `terms:${a}:${b}:${query.limit}`, () => {
    const result = contestedTerms(corpus, a, b);
    return { ...result, terms: result.terms.slice(0, query.limit) };
  });
};
