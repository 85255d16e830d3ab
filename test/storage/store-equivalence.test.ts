import { env } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StanceDocument } from "../../src/model/document";
import type { StanceRecord } from "../../src/model/record";
import { FRAME_IDS, type FrameId, TOPIC_IDS, type TopicId } from "../../src/model/taxonomy";
import { analysisVersion, bundledTaxonomy } from "../../src/storage/bundled-corpus";
import { CombinedStore } from "../../src/storage/combined-store";
import { D1Store } from "../../src/storage/d1-store";
import { sha256Hex } from "../../src/storage/document-identity";
import { MemoryStore } from "../../src/storage/memory-store";
import { answers, referenceAggregates, storedAggregates } from "./store-answers";

/**
 * The in-memory store is the reference: random corpora (random inserts and deletes) go into both
 * it and D1, and every read must answer the same, and D1's aggregates must equal a recomputation
 * from the records. SYNTHETIC data throughout: generated words, not real statements.
 */

const { PROPERTY_DB: db, PROPERTY_RUNS } = env as typeof env & { PROPERTY_DB: D1Database; PROPERTY_RUNS: string };
const runs = Number.parseInt(PROPERTY_RUNS, 10) || 12;
const taxonomy = bundledTaxonomy();

// A small vocabulary, so generated quotes share stems (contested terms) across actors.
const WORDS = [
  "competition",
  "competitive",
  "cooperation",
  "cooperate",
  "dialogue",
  "tariffs",
  "sovereignty",
  "security",
  "taiwan",
  "climate",
  "fentanyl",
  "sanctions",
  "stability",
  "respect",
  "responsibly",
  "confrontation",
] as const;
const ACTORS = ["US", "CN", "SG", null] as const;
const SOURCES = [null, "Synthetic Wire", "synthetic wire ", "Synthetic Ministry"] as const;
const DATES = [null, "2021-03-04", "2021-03-31", "2021-04-01T23:30:00-05:00", "2022-12-31", "2023-01-01", "2024-06-15"];

const recordSpec = fc.record({
  actor: fc.constantFrom(...ACTORS),
  topics: fc.uniqueArray(fc.constantFrom(...TOPIC_IDS.slice(0, 5)), { minLength: 1, maxLength: 2 }),
  frames: fc.uniqueArray(fc.constantFrom(...FRAME_IDS), { minLength: 1, maxLength: 2 }),
  posture: fc.integer({ min: -1000, max: 1000 }).map((n) => n / 1000),
  words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }),
});
const documentSpec = fc.record({
  source: fc.constantFrom(...SOURCES),
  publishedAt: fc.constantFrom(...DATES),
  records: fc.array(recordSpec, { maxLength: 4 }),
});
/** Insert a new document, or delete the k-th stored one (modulo how many there are). */
const operation = fc.oneof(
  { weight: 3, arbitrary: documentSpec.map((d) => ({ kind: "insert" as const, doc: d })) },
  { weight: 1, arbitrary: fc.nat().map((k) => ({ kind: "delete" as const, k })) },
);

type DocumentSpec = typeof documentSpec extends fc.Arbitrary<infer T> ? T : never;

async function build(spec: DocumentSpec, n: number): Promise<{ document: StanceDocument; records: StanceRecord[] }> {
  // Each record's quote is one sentence of the text, so spans are exact by construction.
  const sentences = spec.records.map((r, i) => `Synthetic sentence ${i}: ${r.words.join(" ")}.`);
  const text = `Synthetic document ${n}. ${sentences.join(" ")}`;
  const sha256 = await sha256Hex(text);
  const id = `synthetic-${n}-${sha256.slice(0, 8)}`;
  const document: StanceDocument = {
    id,
    title: `Synthetic ${n}`,
    source: spec.source,
    url: null,
    publishedAt: spec.publishedAt,
    language: "en",
    synthetic: true,
    notes: "Synthetic property-test document.",
    sha256,
    length: text.length,
    origin: "stored",
    text,
  };
  const records = spec.records.map((r, i): StanceRecord => {
    const quote = sentences[i] as string;
    const start = text.indexOf(quote);
    return {
      id: `${id}.p${String(i).padStart(2, "0")}`,
      documentId: id,
      actor: r.actor,
      speaker: null,
      topics: r.topics as TopicId[],
      frames: r.frames as FrameId[],
      posture: r.posture,
      quote,
      span: { start, end: start + quote.length },
      kind: r.actor === null ? "narration" : "direct-quote",
      method: "extracted",
      confidence: 0.5,
      via: null,
      cues: null,
    };
  });
  return { document, records };
}

async function emptyDatabase(): Promise<void> {
  await db.batch(
    [
      "DELETE FROM documents",
      "DELETE FROM topic_records",
      "DELETE FROM record_terms",
      "DELETE FROM stance_aggregates",
      "DELETE FROM term_frames",
      "DELETE FROM term_forms",
      "UPDATE corpus_version SET documents = 0, records = 0",
    ].map((sql) => db.prepare(sql)),
  );
}

describe("the D1 store against the in-memory reference", () => {
  it("should answer every read exactly as the reference does, after random inserts and deletes", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 10 }), async (operations) => {
        await emptyDatabase();
        const reference = new MemoryStore(taxonomy, "reference");
        const d1 = new D1Store(db, taxonomy);
        const live: { document: StanceDocument; records: StanceRecord[] }[] = [];
        for (const op of operations) {
          if (op.kind === "insert") {
            const doc = await build(op.doc, n++);
            expect(await d1.insertDocument(doc.document, doc.records, analysisVersion())).toBe(
              await reference.insertDocument(doc.document, doc.records, analysisVersion()),
            );
            live.push(doc);
          } else if (live.length > 0) {
            const [gone] = live.splice(op.k % live.length, 1);
            if (!gone) continue;
            expect(await d1.deleteDocument(gone.document.id)).toBe(true);
            expect(await reference.deleteDocument(gone.document.id)).toBe(true);
            expect(await d1.deleteDocument(gone.document.id)).toBe(false);
          }
        }
        expect(await answers(d1)).toEqual(await answers(reference));

        // Bundled + stored (CombinedStore) ranks contested terms as one store holding both: D1
        // ranks the stems the bundled documents never use, the rest are ranked on summed figures.
        const extra = await Promise.all(
          operations
            .flatMap((op) => (op.kind === "insert" ? [op.doc] : []))
            .slice(0, 3)
            .map((d) => build(d, n++)),
        );
        const bundled = MemoryStore.from(taxonomy, "bundled", {
          documents: extra.map((d) => d.document),
          records: extra.flatMap((d) => d.records),
        });
        const whole = MemoryStore.from(taxonomy, "whole", {
          documents: [...live, ...extra].map((d) => d.document),
          records: [...live, ...extra].flatMap((d) => d.records),
        });
        const combinedTerms = await answers(new CombinedStore(bundled, d1));
        const wholeTerms = await answers(whole);
        expect([combinedTerms.terms, combinedTerms.termsSG]).toEqual([wholeTerms.terms, wholeTerms.termsSG]);

        // The aggregates D1 kept through inserts and deletes equal a recomputation from the records.
        const recomputed = MemoryStore.from(taxonomy, "recomputed", {
          documents: live.map((d) => d.document),
          records: live.flatMap((d) => d.records),
        });
        expect(await storedAggregates(db)).toEqual(referenceAggregates(recomputed));
        const { results: terms } = await db
          .prepare(
            "SELECT (SELECT count(*) FROM term_frames) AS frames, (SELECT count(*) FROM record_terms) AS uses, (SELECT coalesce(sum(records), 0) FROM term_frames WHERE frame = '') AS stemUses",
          )
          .all<{ frames: number; uses: number; stemUses: number }>();
        expect(terms[0]?.uses).toBe(terms[0]?.stemUses);
        if (live.length === 0) expect(terms[0]).toEqual({ frames: 0, uses: 0, stemUses: 0 });
      }),
      { numRuns: runs, seed: 20261201, endOnFailure: true },
    );
  }, 300_000);
});
