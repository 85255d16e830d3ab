import { z } from "zod";
import { AnalysisSchema } from "../http/routes/analyze/analyze.routes";

/** What POST /v1/analyze answers: the API's own schema, so the page and the API cannot drift apart. */
export const AnalysisResultSchema = AnalysisSchema;

/** What the client script posts to /fragments/analysis: the submitted text and the API's answer. */
export const AnalysisFragmentRequestSchema = z.object({
  text: z.string().min(1).max(200_000),
  title: z.string().max(500).optional(),
  result: AnalysisResultSchema,
});

export type AnalysisResult = z.infer<typeof AnalysisResultSchema>;
export type AnalysisFragmentRequest = z.infer<typeof AnalysisFragmentRequestSchema>;
