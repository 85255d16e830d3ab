import { z } from "@hono/zod-openapi";
import { sourceKey } from "../../storage/contributions";
import type { AggregateFilter, ListFilter } from "../../storage/corpus-store";
import { queryInt, queryParam } from "./params";
import { ProblemError } from "./problem";

/** `from` / `to` / `source`: the corpus filters shared by records, documents, compare and timeline. */
export const CorpusFilterQuerySchema = z.object({
  from: queryParam(z.iso.date().optional()).openapi({
    description:
      "Only documents published on or after this day (YYYY-MM-DD). Listings are exact by day; comparisons and timelines count whole months (from the 1st of this day's month)",
    example: "2023-01-01",
  }),
  to: queryParam(z.iso.date().optional()).openapi({
    description:
      "Only documents published on or before this day (YYYY-MM-DD). Listings are exact by day; comparisons and timelines count whole months (to the end of this day's month)",
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

interface FilterQuery {
  from?: string | undefined;
  to?: string | undefined;
  source?: string | undefined;
}

/** The listings' filter (records, documents): exact by day. An inverted range is a client error. */
export function listFilter(query: FilterQuery): ListFilter {
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw new ProblemError(400, "invalid-range", `from (${query.from}) is after to (${query.to}).`);
  }
  return {
    from: query.from,
    to: query.to,
    sourceKey: query.source === undefined ? undefined : sourceKey(query.source),
  };
}

/**
 * The aggregate routes' filter (compare, topic compare, timeline): the months the days fall in,
 * since aggregates are kept per month. `from=2023-06-15` counts from 2023-06-01.
 */
export function aggregateFilter(query: FilterQuery): AggregateFilter {
  const { from, to, sourceKey: key } = listFilter(query);
  return { fromMonth: from?.slice(0, 7), toMonth: to?.slice(0, 7), sourceKey: key };
}
