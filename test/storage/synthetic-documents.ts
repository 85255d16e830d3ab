import type { StanceDocument } from "../../src/model/document";
import type { StanceRecord } from "../../src/model/record";
import type { TopicId } from "../../src/model/taxonomy";
import { analysisVersion, bundledTaxonomy } from "../../src/storage/bundled-corpus";
import { D1Store } from "../../src/storage/d1-store";
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

/** Stores a document straight into the test D1, as the write path does. */
export function testStore(db: D1Database): D1Store {
  return new D1Store(db, bundledTaxonomy());
}

export function insertDocument(db: D1Database, document: StanceDocument, records: readonly StanceRecord[]) {
  return testStore(db).insertDocument(document, records, analysisVersion());
}
