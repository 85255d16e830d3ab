import { compareActors } from "../../../engine/compare";
import { contestedTerms } from "../../../engine/contested-terms";
import { buildCorpusIndex } from "../../../engine/corpus-index";
import { extractRecords } from "../../../engine/extract/index";
import type { AppRouteHandler } from "../../lib/app-types";
import { resolveActor } from "../../lib/params";
import { readSubmission } from "../../lib/submission";
import type { AnalyzeRoute } from "./analyze.routes";

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export const analyze: AppRouteHandler<AnalyzeRoute> = async (c) => {
  const corpus = c.get("corpus");
  const query = c.req.valid("query");
  // Unknown actors fail before the body is read: no work for a request that cannot succeed.
  const a = resolveActor(corpus, query.a);
  const b = resolveActor(corpus, query.b);
  const submission = await readSubmission(c);
  const sha256 = await sha256Hex(submission.text);
  const documentId = `analysis-${sha256.slice(0, 12)}`;
  const publishedAt = submission.publishedAt ?? null;
  const records = extractRecords({ documentId, text: submission.text, publishedAt }, corpus.taxonomy);
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
  // A corpus of this text alone, so the comparison and terms are the same computations as
  // /v1/compare and /v1/terms.
  const index = buildCorpusIndex({ documents: [document], records }, corpus.taxonomy, `analysis:${sha256}`);
  return c.json(
    { document: meta, records, comparison: compareActors(index, a, b), terms: contestedTerms(index, a, b) },
    200,
    { "cache-control": "no-store" },
  );
};
