import { compareActors } from "../../../engine/compare";
import { contestedTerms } from "../../../engine/contested-terms";
import type { AppRouteHandler } from "../../lib/app-types";
import { resolveActor, resolveTopic } from "../../lib/params";
import type { CompareRoute, TermsRoute } from "./compare.routes";

export const compare: AppRouteHandler<CompareRoute> = (c) => {
  const corpus = c.get("corpus");
  const query = c.req.valid("query");
  const a = resolveActor(corpus, query.a);
  const b = resolveActor(corpus, query.b);
  const topics = query.topic === undefined ? undefined : [resolveTopic(corpus, query.topic)];
  return c.json(compareActors(corpus, a, b, topics), 200);
};

export const terms: AppRouteHandler<TermsRoute> = (c) => {
  const corpus = c.get("corpus");
  const query = c.req.valid("query");
  const result = contestedTerms(corpus, resolveActor(corpus, query.a), resolveActor(corpus, query.b));
  return c.json({ ...result, terms: result.terms.slice(0, query.limit) }, 200);
};
