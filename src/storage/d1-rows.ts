import { z } from "zod";

/** Row shapes as D1 returns them (snake_case columns, JSON kept as text, booleans as 0/1). */

export const CorpusVersionRowSchema = z.object({
  epoch: z.string().min(1),
  counter: z.int().min(0),
});

export const DocumentRowSchema = z.object({
  id: z.string(),
  sha256: z.string(),
  title: z.string(),
  source: z.string().nullable(),
  url: z.string().nullable(),
  published_at: z.string().nullable(),
  language: z.string(),
  synthetic: z.union([z.literal(0), z.literal(1)]),
  notes: z.string().nullable(),
  text: z.string(),
  length: z.int(),
});

export const RecordRowSchema = z.object({
  id: z.string(),
  document_id: z.string(),
  actor: z.string().nullable(),
  kind: z.string(),
  method: z.string(),
  posture: z.number(),
  confidence: z.number(),
  span_start: z.int(),
  span_end: z.int(),
  topics: z.string(),
  frames: z.string(),
  speaker: z.string().nullable(),
  cues: z.string().nullable(),
  via: z.string().nullable(),
  /** Null only for rows stored before migration 0002 in a text with characters outside the BMP. */
  quote: z.string().nullable(),
});

export type CorpusVersionRow = z.infer<typeof CorpusVersionRowSchema>;
export type DocumentRow = z.infer<typeof DocumentRowSchema>;
export type RecordRow = z.infer<typeof RecordRowSchema>;

/** A stored document's fields from its row (snake_case columns, synthetic as 0/1), without its text. */
export function storedDocumentFields(row: Omit<DocumentRow, "text">) {
  return {
    id: row.id,
    title: row.title,
    source: row.source,
    url: row.url,
    publishedAt: row.published_at,
    language: row.language,
    synthetic: row.synthetic === 1,
    notes: row.notes,
    sha256: row.sha256,
    length: row.length,
    origin: "stored" as const,
  };
}
