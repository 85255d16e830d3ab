import { z } from "@hono/zod-openapi";
import type { CorpusFilter } from "../../engine/corpus-filter";
import { queryInt, queryParam } from "./params";
import { ProblemError } from "./problem";

/** `from` / `to` / `source`: the corpus filters shared by records, documents, compare and timeline. */
export const CorpusFilterQuerySchema = z.object({
  from: queryParam(z.iso.date().optional()).openapi({
    description: "Only documents published on or after this day (YYYY-MM-DD)",
    example: "2023-01-01",
  }),
  to: queryParam(z.iso.date().optional()).openapi({
    description: "Only documents published on or before this day (YYYY-MM-DD)",
    example: "2023-12-31",
  }),
  source: queryParam(z.string().trim().min(1).max(200).optional()).openapi({
    description: "Only documents from this source (outlet or issuing body, case-insensitive)",
  }),
});

/** How much verbatim evidence a comparison carries per side and topic (the counts cover everything). */
export const EvidenceQuerySchema = z.object({
  evidence: queryInt({ min: 0, max: 500, fallback: 10 }).openapi({
    description:
      "At most this many records per side (and of context) per topic, the most recent; recordCount, frameCounts and meanPosture still cover every record. Page through the rest with /v1/records.",
    example: 10,
  }),
});

/** The filter a validated query asks for; an inverted range is a client error, not an empty result. */
export function corpusFilter(query: CorpusFilter): CorpusFilter {
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw new ProblemError(400, "invalid-range", `from (${query.from}) is after to (${query.to}).`);
  }
  return { from: query.from, to: query.to, source: query.source };
}
