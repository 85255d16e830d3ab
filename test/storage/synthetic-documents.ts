import type { StanceDocument } from "../../src/model/document";
import type { StanceRecord } from "../../src/model/record";
import type { TopicId } from "../../src/model/taxonomy";
import { sha256Hex, storedDocumentId } from "../../src/storage/document-identity";

/** SYNTHETIC fixtures: texts written for the tests, not real reporting. */

export interface SyntheticRecord {
  quote: string;
  actor: string | null;
  topics: TopicId[];
  posture: number;
}

/** A stored document and records whose spans are found in the text, so quotes are verbatim slices. */
export async function syntheticDocument(
  text: string,
  meta: { title: string; source?: string | null; publishedAt?: string | null },
  records: SyntheticRecord[],
): Promise<{ document: StanceDocument; records: StanceRecord[] }> {
  const sha256 = await sha256Hex(text);
  const id = storedDocumentId(meta.title, sha256);
  const document: StanceDocument = {
    id,
    title: meta.title,
    source: meta.source ?? null,
    url: null,
    publishedAt: meta.publishedAt ?? null,
    language: "en",
    synthetic: true,
    notes: "Synthetic test fixture.",
    sha256,
    length: text.length,
    origin: "stored",
    text,
  };
  return {
    document,
    records: records.map((r, i) => {
      const start = text.indexOf(r.quote);
      if (start < 0) throw new Error(`fixture quote not in text: ${r.quote}`);
      return {
        id: `${id}.t${String(i + 1).padStart(2, "0")}`,
        documentId: id,
        actor: r.actor,
        speaker: r.actor ? { name: null, role: `${r.actor} official` } : null,
        topics: r.topics,
        frames: ["cooperation"],
        posture: r.posture,
        quote: r.quote,
        span: { start, end: start + r.quote.length },
        kind: r.actor ? "direct-quote" : "narration",
        method: "annotated",
        confidence: 1,
        via: null,
        cues: null,
      };
    }),
  };
}
