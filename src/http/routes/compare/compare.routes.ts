import { createRoute, z } from "@hono/zod-openapi";
import { ComparisonSchema, ContestedTermsSchema } from "../../../model/comparison";
import { CorpusFilterQuerySchema, EvidenceQuerySchema } from "../../lib/filters";
import { ComparePairQuerySchema, queryInt, queryParam } from "../../lib/params";
import { problemResponseSpec } from "../../lib/problem";

const tags = ["Compare"];

export const CompareQuerySchema = ComparePairQuerySchema.extend({
  topic: queryParam(z.string().max(64).optional()).openapi({
    description: "Only this topic (default: every topic with records)",
    example: "strategic-competition",
  }),
  ...CorpusFilterQuerySchema.shape,
  ...EvidenceQuerySchema.shape,
  format: queryParam(z.enum(["json", "csv"]).optional()).openapi({
    description:
      "json (default), or csv: the per-topic, per-side summary as one table (no records; Accept: text/csv does the same)",
  }),
});

export const compare = createRoute({
  method: "get",
  path: "/v1/compare",
  tags,
  summary: "How actor a and actor b frame each topic, side by side, with verbatim evidence",
  request: { query: CompareQuerySchema },
  responses: {
    200: {
      description: "One row per topic (JSON), or two rows per topic, one per side (CSV)",
      // The CSV is described here and in `format`, not as a second content type: the typed client
      // (hono/client) would otherwise type every answer as possibly a string.
      content: { "application/json": { schema: ComparisonSchema } },
    },
    400: problemResponseSpec("Malformed actor code, date or range"),
    404: problemResponseSpec("Unknown actor or topic"),
  },
});

export const TermsQuerySchema = ComparePairQuerySchema.extend({
  limit: queryInt({ min: 1, max: 200, fallback: 50 }).openapi({ description: "At most this many terms, best first" }),
  evidence: queryInt({ min: 0, max: 50, fallback: 5 }).openapi({
    description: "At most this many records per side and term, the most recent; recordCount counts them all",
    example: 5,
  }),
});

export const terms = createRoute({
  method: "get",
  path: "/v1/terms",
  tags,
  summary: "Contested vocabulary: words both actors use, in different frames",
  request: { query: TermsQuerySchema },
  responses: {
    200: {
      description: "Contested terms, most contested first",
      content: { "application/json": { schema: ContestedTermsSchema } },
    },
    400: problemResponseSpec("Malformed actor code or limit"),
    404: problemResponseSpec("Unknown actor"),
  },
});

export type CompareRoute = typeof compare;
export type TermsRoute = typeof terms;
