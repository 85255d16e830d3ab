import { bundledTaxonomy } from "../../../storage/bundled-corpus";
import type { AppRouteHandler } from "../../lib/app-types";
import { compareCorpus, contestedTerms } from "../../lib/corpus-reads";
import { asRouteAnswer, compareCsv, exportFormat, exportResponse } from "../../lib/export";
import { aggregateFilter } from "../../lib/filters";
import { memoJson } from "../../lib/memo-json";
import { resolveActor, resolveTopic } from "../../lib/params";
import type { CompareRoute, TermsRoute } from "./compare.routes";

export const compare: AppRouteHandler<CompareRoute> = async (c) => {
  const query = c.req.valid("query");
  const taxonomy = bundledTaxonomy();
  const filter = aggregateFilter(query);
  const a = resolveActor(taxonomy, query.a);
  const b = resolveActor(taxonomy, query.b);
  const topics = query.topic === undefined ? undefined : [resolveTopic(taxonomy, query.topic)];
  if (exportFormat(query.format, c.req.header("accept")) === "csv") {
    const comparison = await compareCorpus(c.get("store"), taxonomy, { a, b, topics, filter, evidence: 0 });
    const frames = taxonomy.frames.map((f) => f.id);
    return asRouteAnswer(await exportResponse(c, compareCsv(comparison, frames), "csv", `compare-${a}-${b}`));
  }
  const key = JSON.stringify(["compare", a, b, query.topic ?? null, filter, query.evidence]);
  return memoJson(c, c.get("version"), key, () =>
    compareCorpus(c.get("store"), taxonomy, { a, b, topics, filter, evidence: query.evidence }),
  );
};

export const terms: AppRouteHandler<TermsRoute> = async (c) => {
  const query = c.req.valid("query");
  const taxonomy = bundledTaxonomy();
  const a = resolveActor(taxonomy, query.a);
  const b = resolveActor(taxonomy, query.b);
  return memoJson(c, c.get("version"), JSON.stringify(["terms", a, b, query.limit, query.evidence]), () =>
    contestedTerms(c.get("store"), taxonomy, { a, b, limit: query.limit, evidence: query.evidence }),
  );
};
