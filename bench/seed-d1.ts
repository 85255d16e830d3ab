/**
 * Seeds a SYNTHETIC corpus straight into a local D1 (the one `wrangler dev --persist-to <dir>`
 * serves), through the store's own write statements, many documents per batch: what the browser
 * tests and the page bench need at sizes the write endpoint (100 writes per 10 s) would take hours
 * to reach. Every document is marked synthetic and says so in its text.
 */
import { createHash } from "node:crypto";
import { getPlatformProxy } from "wrangler";
import type { StanceDocument } from "../src/model/document";
import type { StanceRecord } from "../src/model/record";
import { analysisVersion, bundledTaxonomy } from "../src/storage/bundled-corpus";
import { D1Store } from "../src/storage/d1-store";
import type { SeedDocument } from "./seed-spec";

/** A stored document whose records are verbatim slices of its text. */
export function seedDocument(spec: SeedDocument): { document: StanceDocument; records: StanceRecord[] } {
  const sentences = spec.statements.map((s) => `An official said “${s.quote}”.`);
  const text = `${spec.title}\n\n${sentences.join("\n\n")}\n\n(Synthetic text generated for tests and benchmarks; not real reporting.)\n`;
  const sha256 = createHash("sha256").update(text).digest("hex");
  const id = `synthetic-seed-${sha256.slice(0, 16)}`;
  const document: StanceDocument = {
    id,
    title: spec.title,
    source: spec.source,
    url: `https://synthetic.example/${id}`,
    publishedAt: spec.publishedAt,
    language: "en",
    synthetic: true,
    notes: "Synthetic seed document (bench/seed-d1.ts).",
    sha256,
    length: text.length,
    origin: "stored",
    text,
  };
  let from = 0;
  const records = spec.statements.map((s, i): StanceRecord => {
    const start = text.indexOf(s.quote, from);
    from = start + s.quote.length;
    return {
      id: `${id}.s${String(i + 1).padStart(2, "0")}`,
      documentId: id,
      actor: s.actor,
      speaker: { name: null, role: `${s.actor} official (synthetic)` },
      topics: s.topics,
      frames: s.frames,
      posture: s.posture,
      quote: s.quote,
      span: { start, end: start + s.quote.length },
      kind: "direct-quote",
      method: "extracted",
      confidence: 0.9,
      via: null,
      cues: null,
    };
  });
  return { document, records };
}

/**
 * Writes `count` documents made by `make(i)` into the local D1 under `persistTo` (wrangler's
 * --persist-to directory), `perBatch` documents per D1 batch.
 */
export async function seedLocalD1(
  persistTo: string,
  count: number,
  make: (i: number) => SeedDocument,
  perBatch = 25,
): Promise<{ documents: number; records: number; ms: number }> {
  const started = performance.now();
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ persist: { path: `${persistTo}/v3` } });
  try {
    const db = proxy.env.DB;
    const store = new D1Store(db, bundledTaxonomy());
    const version = analysisVersion();
    let records = 0;
    for (let i = 0; i < count; i += perBatch) {
      const docs = [];
      for (let j = i; j < Math.min(count, i + perBatch); j++) docs.push(seedDocument(make(j)));
      const n = docs.reduce((sum, d) => sum + d.records.length, 0);
      records += n;
      await db.batch([
        ...docs.flatMap((d) => [
          store.documentStatement(d.document, version),
          ...store.recordStatements(d.document, d.records),
        ]),
        store.bump(docs.length, n),
      ]);
    }
    return { documents: count, records, ms: performance.now() - started };
  } finally {
    await proxy.dispose();
  }
}

/** `tsx bench/seed-d1.ts <persist-to dir> e2e`: the browser tests' corpus (test/e2e/corpus.ts). */
if (process.argv[1]?.endsWith("seed-d1.ts") && process.argv[3] === "e2e") {
  const { e2eDocument, SEED_DOCUMENTS } = await import("../test/e2e/corpus");
  const result = await seedLocalD1(process.argv[2] as string, SEED_DOCUMENTS, e2eDocument);
  console.log(JSON.stringify(result));
}
