import { extractRecords } from "../../../engine/extract/index";
import { bundledTaxonomy } from "../../../storage/bundled-corpus";
import { engineTitle, sha256Hex } from "../../../storage/document-identity";
import { MemoryStore } from "../../../storage/memory-store";
import type { AppRouteHandler } from "../../lib/app-types";
import { compareCorpus, contestedTerms } from "../../lib/corpus-reads";
import { resolveActor } from "../../lib/params";
import { readSubmission } from "../../lib/submission";
import type { AnalyzeRoute } from "./analyze.routes";

/** Needs the taxonomy only: it works whatever state storage is in. */
export const analyze: AppRouteHandler<AnalyzeRoute> = async (c) => {
  const taxonomy = bundledTaxonomy();
  const query = c.req.valid("query");
  // Unknown actors fail before the body is read: no work for a request that cannot succeed.
  const a = resolveActor(taxonomy, query.a);
  const b = resolveActor(taxonomy, query.b);
  const submission = await readSubmission(c);
  const sha256 = await sha256Hex(submission.text);
  const documentId = `analysis-${sha256.slice(0, 12)}`;
  const publishedAt = submission.publishedAt ?? null;
  // Title and source are document-level evidence for the engine (who issued it, what genre it is).
  const records = extractRecords(
    {
      documentId,
      text: submission.text,
      publishedAt,
      title: engineTitle(submission.title ?? null, submission.text),
      source: submission.source ?? null,
    },
    taxonomy,
  );
  const meta = {
    sha256,
    length: submission.text.length,
    title: submission.title ?? null,
    source: submission.source ?? null,
    url: submission.url ?? null,
    publishedAt,
  };
  const document = {
    id: documentId,
    title: submission.title ?? "Submitted text",
    source: meta.source,
    url: meta.url,
    publishedAt,
    language: "en",
    synthetic: false,
    notes: null,
    sha256,
    length: meta.length,
    origin: "stored" as const,
    text: submission.text,
  };
  // A store of this text alone, so the comparison and terms are the same computations as
  // /v1/compare and /v1/terms, with every record as evidence.
  const store = MemoryStore.from(taxonomy, `analysis:${sha256}`, { documents: [document], records });
  const all = Math.max(1, records.length);
  const [comparison, terms] = await Promise.all([
    compareCorpus(store, taxonomy, { a, b, filter: {}, evidence: all }),
    contestedTerms(store, taxonomy, { a, b, limit: Number.POSITIVE_INFINITY, evidence: all }),
  ]);
  return c.json({ document: meta, records, comparison, terms }, 200, { "cache-control": "no-store" });
};
