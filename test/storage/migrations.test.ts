import { applyD1Migrations, type D1Migration, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { StanceDocument } from "../../src/model/document";
import type { StanceRecord } from "../../src/model/record";
import { bundledTaxonomy } from "../../src/storage/bundled-corpus";
import { D1Store } from "../../src/storage/d1-store";
import { MemoryStore } from "../../src/storage/memory-store";
import { answers, referenceAggregates, storedAggregates } from "./store-answers";
import { syntheticDocument } from "./synthetic-documents";

/**
 * Upgrading a database that holds documents in the first schema (0001) to the current one: nothing
 * stored is lost, quotes and aggregates come out as if the documents had been written today.
 * SYNTHETIC documents.
 */

const { UPGRADE_DB: db, TEST_MIGRATIONS: migrations } = env as typeof env & {
  UPGRADE_DB: D1Database;
  TEST_MIGRATIONS: D1Migration[];
};

/** The write path of the first schema: documents, records (no quotes) and record_topics. */
async function insertOld(document: StanceDocument, records: StanceRecord[]): Promise<void> {
  await db.batch([
    db
      .prepare(
        "INSERT INTO documents (id, sha256, title, source, url, published_at, language, synthetic, notes, text, length) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
      )
      .bind(
        document.id,
        document.sha256,
        document.title,
        document.source,
        document.url,
        document.publishedAt,
        document.language,
        1,
        document.notes,
        document.text,
        document.length,
      ),
    ...records.flatMap((r) => [
      db
        .prepare(
          "INSERT INTO records (id, document_id, actor, kind, method, posture, confidence, span_start, span_end, topics, frames, speaker, cues, via) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )
        .bind(
          r.id,
          r.documentId,
          r.actor,
          r.kind,
          r.method,
          r.posture,
          r.confidence,
          r.span.start,
          r.span.end,
          JSON.stringify(r.topics),
          JSON.stringify(r.frames),
          JSON.stringify(r.speaker),
          null,
          r.via,
        ),
      ...r.topics.map((t) => db.prepare("INSERT INTO record_topics (topic, record_id) VALUES (?1, ?2)").bind(t, r.id)),
    ]),
    db.prepare("UPDATE corpus_version SET counter = counter + 1 WHERE id = 1"),
  ]);
}

describe("migrations", () => {
  it("should upgrade a database with data in the first schema without losing a document or a record", async () => {
    await applyD1Migrations(
      db,
      migrations.filter((m) => m.name.startsWith("0001")),
    );
    const docs = await Promise.all([
      syntheticDocument(
        "Synthetic upgrade one. The US said “we will manage competition responsibly”. China said “Taiwan is a red line”.",
        { title: "Synthetic upgrade one", source: "Synthetic Wire", publishedAt: "2023-06-18" },
        [
          {
            quote: "we will manage competition responsibly",
            actor: "US",
            topics: ["strategic-competition"],
            posture: 0.2,
          },
          { quote: "Taiwan is a red line", actor: "CN", topics: ["taiwan", "strategic-competition"], posture: -0.7 },
        ],
      ),
      // Characters outside the BMP before the quote: SQLite's substr and UTF-16 spans disagree here.
      syntheticDocument(
        "Synthetic upgrade two 🌏🌏. Officials said “climate cooperation continues”.",
        { title: "Synthetic upgrade two", publishedAt: null },
        [{ quote: "climate cooperation continues", actor: null, topics: ["climate-change"], posture: 0.5 }],
      ),
    ]);
    for (const d of docs) await insertOld(d.document, d.records);

    await applyD1Migrations(db, migrations);

    const store = new D1Store(db, bundledTaxonomy());
    const reference = MemoryStore.from(bundledTaxonomy(), "reference", {
      documents: docs.map((d) => d.document),
      records: docs.flatMap((d) => d.records),
    });
    expect(await store.totals()).toEqual({ documents: 2, records: 3 });
    for (const d of docs) {
      const stored = await store.getDocument(d.document.id);
      // The upgrade marks them analysed by an engine from before versions were kept.
      expect(stored?.document).toEqual({
        ...d.document,
        analysis: { status: "analyzed", engineVersion: null, failure: null },
      });
      expect(stored?.records).toEqual(d.records);
      for (const r of stored?.records ?? []) expect(d.document.text.slice(r.span.start, r.span.end)).toBe(r.quote);
    }
    // Every read but contested terms (their word stems come from the engine: filled on re-analysis).
    // The stored documents also carry their analysis state (checked above), which the reference,
    // built from files as the bundled corpus is, does not have.
    const withoutAnalysis = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === "analysis" ? undefined : v)));
    expect(withoutAnalysis(await answers(store, { terms: false }))).toEqual(
      withoutAnalysis(await answers(reference, { terms: false })),
    );
    expect(await storedAggregates(db)).toEqual(referenceAggregates(reference));
    // Documents from before the upgrade are marked as analysed by an unknown (older) engine.
    const { results: versions } = await db.prepare("SELECT engine_version, status FROM documents").all();
    expect(versions).toEqual([
      { engine_version: null, status: "analyzed" },
      { engine_version: null, status: "analyzed" },
    ]);
    // The legacy quote of the non-BMP text was left empty and is sliced from the text instead.
    const { results: quotes } = await db
      .prepare("SELECT quote FROM records ORDER BY id")
      .all<{ quote: string | null }>();
    expect(quotes.filter((q) => q.quote === null)).toHaveLength(1);
  });
});
