import { createRoute, z } from "@hono/zod-openapi";
import { ComparisonSchema, ContestedTermsSchema } from "../../../model/comparison";
import { StanceRecordSchema } from "../../../model/record";
import { ComparePairQuerySchema } from "../../lib/params";
import { problemResponseSpec } from "../../lib/problem";
import { analyzeLimit } from "../../middleware/analyze-limit";

const tags = ["Analyze"];

export const AnalysisSchema = z
  .object({
    document: z.object({
      sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .openapi({ description: "SHA-256 of the text as submitted (UTF-8), hex" }),
      length: z.int().min(0).openapi({ description: "Length of the text in UTF-16 code units" }),
      title: z.string().nullable(),
      source: z.string().nullable(),
      url: z.string().nullable(),
      publishedAt: z.string().nullable(),
    }),
    records: z.array(StanceRecordSchema).openapi({
      description: "Stance records the engine extracted (method 'extracted'); spans index the text as submitted",
    }),
    comparison: ComparisonSchema.openapi({
      description: "The same side-by-side view as /v1/compare, for this text alone",
    }),
    terms: ContestedTermsSchema.openapi({ description: "The same contested terms as /v1/terms, for this text alone" }),
  })
  .openapi("Analysis");

export const analyze = createRoute({
  method: "post",
  path: "/v1/analyze",
  tags,
  // Counted per client before anything else (the query, the body) is looked at.
  middleware: [analyzeLimit] as const,
  summary: "Extract stance records from your own text and compare two actors in it (nothing is stored)",
  request: {
    query: ComparePairQuerySchema,
    // Documented by reference, not validated here: readSubmission checks size before parsing and
    // reports where malformed JSON broke, which the generic JSON validator cannot.
    body: {
      required: true,
      description: "application/json {text, title?, source?, url?, publishedAt?, language?} or text/plain (the text)",
      content: {
        "application/json": { schema: { $ref: "#/components/schemas/Submission" } },
        "text/plain": { schema: { type: "string", description: "The text itself" } },
      },
    },
  },
  responses: {
    200: {
      description: "Records, comparison and contested terms",
      content: { "application/json": { schema: AnalysisSchema } },
    },
    400: problemResponseSpec("Empty text, malformed JSON (with where it broke) or invalid fields"),
    404: problemResponseSpec("Unknown actor"),
    413: problemResponseSpec("Text over 200,000 characters or body over 1 MiB"),
    415: problemResponseSpec("Content type other than application/json or text/plain"),
    408: problemResponseSpec("The body took longer than 30 seconds to arrive"),
    422: problemResponseSpec("language not supported yet (only English)"),
    429: problemResponseSpec("Too many analyses from this client: 20 per 10 seconds (see Retry-After)"),
  },
});

export type AnalyzeRoute = typeof analyze;
