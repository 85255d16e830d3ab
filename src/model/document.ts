import { StanceRecordSchema } from "./record";
import { z } from "./zod";

/** Where a stored document's analysis stands, and which engine (and taxonomy) produced its records. */
export const AnalysisStateSchema = z
  .object({
    status: z.enum(["pending", "analyzed", "failed"]),
    engineVersion: z.string().nullable().meta({
      description:
        "analysisVersion() of the engine that produced the records; null: not analysed yet, or an engine before versions",
    }),
    failure: z.string().nullable().meta({ description: "Why the last analysis attempt failed, or null" }),
  })
  .openapi("AnalysisState");

export const DocumentMetaSchema = z
  .object({
    id: z.string().min(1).meta({ example: "blinken-china-visit-2023-06-17" }),
    title: z.string().min(1),
    source: z
      .string()
      .min(1)
      .nullable()
      .meta({ description: "Outlet or issuing body; null when the text does not name it" }),
    url: z.url().nullable(),
    publishedAt: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/, "an ISO 8601 date")
      .nullable(),
    language: z.string().min(2).meta({ example: "en" }),
    synthetic: z.boolean().meta({ description: "True for fixtures written by the project, never for real reporting" }),
    notes: z.string().nullable(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .meta({ description: "SHA-256 of the text, hex" }),
    length: z.int().min(0).meta({ description: "Length of the text in UTF-16 code units" }),
    origin: z.enum(["bundled", "stored"]).meta({ description: "Bundled with the worker, or added through the API" }),
    analysis: AnalysisStateSchema.optional().meta({
      description:
        "Stored documents only: whether the engine has analysed the text yet (bulk imports analyse after storing)",
    }),
  })
  .openapi("DocumentMeta");

export const DocumentSchema = DocumentMetaSchema.extend({
  text: z.string().min(1),
});

export const DocumentWithRecordsSchema = DocumentSchema.extend({
  records: z.array(StanceRecordSchema),
});

/** A bundled document as it sits in data/documents/*.json (length and origin are derived). */
export const BundledDocumentFileSchema = z.object({
  document: DocumentSchema.omit({ length: true, origin: true, analysis: true }),
  records: z.array(StanceRecordSchema),
});

export type DocumentMeta = z.infer<typeof DocumentMetaSchema>;
export type StanceDocument = z.infer<typeof DocumentSchema>;
export type BundledDocumentFile = z.infer<typeof BundledDocumentFileSchema>;
export type AnalysisState = z.infer<typeof AnalysisStateSchema>;
