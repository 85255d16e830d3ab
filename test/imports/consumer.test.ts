import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import type { StanceDocument } from "../../src/model/document";
import type { StanceRecord } from "../../src/model/record";
import {
  type AnalysisJob,
  createQueueHandler,
  DEAD_LETTER_QUEUE,
  queue,
  retryDelaySeconds,
} from "../../src/queue/analysis-consumer";
import { analysisVersion, bundledTaxonomy } from "../../src/storage/bundled-corpus";
import { D1Imports } from "../../src/storage/d1-imports";
import { D1Store } from "../../src/storage/d1-store";
import { sha256Hex, storedDocumentId } from "../../src/storage/document-identity";
import { MemoryStore } from "../../src/storage/memory-store";
import { referenceAggregates, storedAggregates } from "../storage/store-answers";
import { syntheticDocument } from "../storage/synthetic-documents";
import { syntheticArticle } from "./helpers";

/**
 * The analysis queue's consumer, called as the runtime calls it (createMessageBatch, getQueueResult)
 * on a D1 database of its own, so its aggregates can be compared with a recomputation.
 * SYNTHETIC texts throughout.
 */

const db = (env as typeof env & { IMPORTS_DB: D1Database }).IMPORTS_DB;
const consumerEnv: Env = { ...env, DB: db };
const taxonomy = bundledTaxonomy();
const store = new D1Store(db, taxonomy);
const imports = new D1Imports(db, store);
const ANALYSIS_QUEUE = "stance-desk-analysis";

async function emptyDatabase(): Promise<void> {
  await db.batch(
    [
      "DELETE FROM imports",
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

async function pendingDocument(tag: string, publishedAt: string | null = "2023-06-19"): Promise<StanceDocument> {
  const text = syntheticArticle(tag);
  const sha256 = await sha256Hex(text);
  const title = `Synthetic consumer test ${tag}`;
  return {
    id: storedDocumentId(title, sha256),
    title,
    source: "Synthetic Wire",
    url: null,
    publishedAt,
    language: "en",
    synthetic: true,
    notes: "Synthetic test fixture.",
    sha256,
    length: text.length,
    origin: "stored",
    text,
  };
}

/** Stores pending documents as POST /v1/imports does (without sending jobs), and returns the jobs. */
async function importPending(importId: string, documents: StanceDocument[]): Promise<AnalysisJob[]> {
  await imports.create({
    id: importId,
    kind: "import",
    lines: documents.length,
    documents: documents.map((document, i) => ({ document, line: i + 1 })),
    requeued: [],
    duplicate: 0,
    rejections: [],
  });
  return documents.map((d) => ({ documentId: d.id, importId }));
}

let messageCounter = 0;
function batchOf(jobs: AnalysisJob[], attempts = 1, queueName = ANALYSIS_QUEUE) {
  return createMessageBatch<AnalysisJob>(
    queueName,
    jobs.map((body) => ({ id: `msg-${++messageCounter}`, timestamp: new Date(0), attempts, body })),
  );
}

async function deliver(
  jobs: AnalysisJob[],
  options: { attempts?: number; queueName?: string; handler?: typeof queue } = {},
) {
  const batch = batchOf(jobs, options.attempts, options.queueName);
  const ctx = createExecutionContext();
  await (options.handler ?? queue)(batch, consumerEnv);
  return { batch, result: await getQueueResult(batch, ctx) };
}

/** Every stored document with its records, read back through the store. */
async function storedCorpus(): Promise<{ document: StanceDocument; records: StanceRecord[] }[]> {
  const { results } = await db.prepare("SELECT id FROM documents ORDER BY id").all<{ id: string }>();
  const out: { document: StanceDocument; records: StanceRecord[] }[] = [];
  for (const { id } of results) {
    const found = await store.getDocument(id);
    if (found) out.push(found);
  }
  return out;
}

/** D1's aggregates equal a recomputation from its records (MemoryStore, as the property test does). */
async function expectAggregatesRecomputed(): Promise<void> {
  const corpus = await storedCorpus();
  const recomputed = MemoryStore.from(taxonomy, "recomputed", {
    documents: corpus.map((d) => d.document),
    records: corpus.flatMap((d) => d.records),
  });
  expect(await storedAggregates(db)).toEqual(referenceAggregates(recomputed));
  const totals = await store.totals();
  expect(totals.records).toBe(corpus.reduce((n, d) => n + d.records.length, 0));
  expect(totals.documents).toBe(corpus.length);
  const { results: terms } = await db
    .prepare(
      "SELECT (SELECT count(*) FROM record_terms) AS uses, (SELECT coalesce(sum(records), 0) FROM term_frames WHERE frame = '') AS stemUses",
    )
    .all<{ uses: number; stemUses: number }>();
  expect(terms[0]?.uses).toBe(terms[0]?.stemUses);
}

async function recordCount(): Promise<number> {
  const row = await db.prepare("SELECT count(*) AS n FROM records").first<{ n: number }>();
  return row?.n ?? 0;
}

beforeEach(emptyDatabase);

describe("the analysis queue consumer", () => {
  it("should analyse a batch of pending documents, store verbatim records and settle the import", async () => {
    const docs = await Promise.all(["a", "b", "c"].map((t) => pendingDocument(`batch-${t}`)));
    const jobs = await importPending("imp-consumer-batch", docs);
    expect((await imports.view("imp-consumer-batch"))?.status).toBe("queued");

    const { result } = await deliver(jobs);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toHaveLength(3);

    for (const doc of docs) {
      const found = await store.getDocument(doc.id);
      expect(found?.document.analysis).toEqual({ status: "analyzed", engineVersion: analysisVersion(), failure: null });
      expect(found?.records.length).toBeGreaterThan(0);
      for (const r of found?.records ?? []) expect(doc.text.slice(r.span.start, r.span.end)).toBe(r.quote);
    }
    const view = await imports.view("imp-consumer-batch");
    expect(view?.status).toBe("done");
    expect(view?.counts).toEqual({ lines: 3, stored: 3, duplicate: 0, invalid: 0, analyzed: 3, failed: 0 });
    await expectAggregatesRecomputed();
  });

  it("should never duplicate records when a job is redelivered, one after the other or at once", async () => {
    const docs = await Promise.all(["a", "b"].map((t) => pendingDocument(`redeliver-${t}`)));
    const jobs = await importPending("imp-consumer-redeliver", docs);
    await deliver(jobs);
    const once = await recordCount();
    const versionOnce = await store.version();
    expect(once).toBeGreaterThan(0);

    const again = await deliver(jobs);
    expect(again.result.explicitAcks).toHaveLength(2);
    await Promise.all([deliver(jobs), deliver(jobs), deliver([...jobs].reverse())]);
    expect(await recordCount()).toBe(once);
    // Nothing was written again, so no cache had to be invalidated.
    expect(await store.version()).toBe(versionOnce);
    await expectAggregatesRecomputed();
  });

  it("should analyse concurrent first deliveries of the same job once", async () => {
    const docs = await Promise.all(["a", "b"].map((t) => pendingDocument(`race-${t}`)));
    const jobs = await importPending("imp-consumer-race", docs);
    await Promise.all([deliver(jobs), deliver(jobs)]);
    const single = await Promise.all(docs.map((d) => store.getDocument(d.id)));
    const expected = single.reduce((n, d) => n + (d?.records.length ?? 0), 0);
    expect(await recordCount()).toBe(expected);
    await expectAggregatesRecomputed();
  });

  it("should retry a failing job with growing backoff and keep the reason on the pending document", async () => {
    const [doc] = await Promise.all([pendingDocument("retry")]);
    if (!doc) throw new Error("no fixture");
    const jobs = await importPending("imp-consumer-retry", [doc]);
    const failing = createQueueHandler(() => {
      throw new Error("synthetic engine failure");
    });
    // The delay each retry asks for (getQueueResult lists retried messages, without their delay).
    const delays: (number | undefined)[] = [];
    for (const attempts of [1, 2]) {
      const batch = batchOf(jobs, attempts);
      for (const m of batch.messages) {
        const retry = m.retry.bind(m);
        m.retry = (options) => {
          delays.push(options?.delaySeconds);
          retry(options);
        };
      }
      const ctx = createExecutionContext();
      await failing(batch, consumerEnv);
      const result = await getQueueResult(batch, ctx);
      expect(result.explicitAcks).toEqual([]);
      expect(result.retryMessages.map((m) => m.msgId)).toEqual([batch.messages[0]?.id]);
    }
    expect(delays).toEqual([retryDelaySeconds(1), retryDelaySeconds(2)]);
    expect(retryDelaySeconds(2)).toBeGreaterThan(retryDelaySeconds(1));

    const found = await store.getDocument(doc.id);
    expect(found?.document.analysis?.status).toBe("pending");
    expect(found?.document.analysis?.failure).toMatch(/attempt 2: Error: synthetic engine failure/);
    expect(found?.records).toEqual([]);
    expect((await imports.view("imp-consumer-retry"))?.status).toBe("queued");

    // A later attempt that succeeds clears the failure.
    await deliver(jobs, { attempts: 3 });
    expect((await store.getDocument(doc.id))?.document.analysis).toMatchObject({ status: "analyzed", failure: null });
    expect((await imports.view("imp-consumer-retry"))?.status).toBe("done");
  });

  it("should mark a dead-lettered document failed with the last reason, and count it in its import", async () => {
    const docs = await Promise.all(["bad", "good"].map((t) => pendingDocument(`dlq-${t}`)));
    const [bad, good] = docs;
    if (!bad || !good) throw new Error("no fixtures");
    const jobs = await importPending("imp-consumer-dlq", docs);
    const failsOnBad = createQueueHandler((document) => {
      if (document.id === bad.id) throw new Error("synthetic engine failure");
      return [];
    });
    const attempt = await deliver(jobs, { handler: failsOnBad, attempts: 4 });
    expect(attempt.result.retryMessages.map((m) => m.msgId)).toEqual([attempt.batch.messages[0]?.id]);
    expect(attempt.result.explicitAcks).toEqual([attempt.batch.messages[1]?.id]);

    // After max_retries the runtime moves the job to the dead-letter queue, which this worker consumes.
    const dead = await deliver([jobs[0] as AnalysisJob], { queueName: DEAD_LETTER_QUEUE });
    expect(dead.result.explicitAcks).toHaveLength(1);
    const found = await store.getDocument(bad.id);
    expect(found?.document.analysis?.status).toBe("failed");
    expect(found?.document.analysis?.failure).toMatch(/attempt 4: Error: synthetic engine failure/);
    const view = await imports.view("imp-consumer-dlq");
    expect(view?.status).toBe("done-with-failures");
    expect(view?.counts).toMatchObject({ analyzed: 1, failed: 1 });
    expect(view?.failures).toEqual([
      { line: 1, documentId: bad.id, reason: expect.stringMatching(/synthetic engine failure/) },
    ]);
    await expectAggregatesRecomputed();
  });

  it("should acknowledge malformed jobs and jobs of deleted documents without storing anything", async () => {
    const batch = createMessageBatch<unknown>(ANALYSIS_QUEUE, [
      { id: "malformed-1", timestamp: new Date(0), attempts: 1, body: { nothing: true } },
      { id: "deleted-1", timestamp: new Date(0), attempts: 1, body: { documentId: "no-such-doc", importId: "x" } },
    ]);
    const ctx = createExecutionContext();
    await queue(batch, consumerEnv);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["deleted-1", "malformed-1"]);
    expect(await recordCount()).toBe(0);
  });
});

describe("re-analysis", () => {
  it("should re-queue documents of older engines and replace their records, aggregates exact", async () => {
    // An older engine's records: hand-made synthetic ones, at version "0.old".
    const old = await syntheticDocument(
      syntheticArticle("reanalyse-old"),
      { title: "Synthetic reanalysis old", source: "Synthetic Wire", publishedAt: "2022-02-03" },
      [
        { quote: "Synthetic import test article", actor: null, topics: ["taiwan"], posture: -0.5 },
        { quote: "on chips and crisis lines", actor: "SG", topics: ["climate-change"], posture: 0.25 },
      ],
    );
    expect(await store.insertDocument(old.document, old.records, "0.old")).toBe("inserted");
    // One from before engine versions (migration 0002 leaves them null), and one that is current.
    const legacy = await syntheticDocument(syntheticArticle("reanalyse-legacy"), { title: "Synthetic legacy" }, [
      { quote: "Synthetic import test article", actor: "US", topics: ["trade-and-economy"], posture: 0.1 },
    ]);
    await store.insertDocument(legacy.document, legacy.records, "x");
    await db.prepare("UPDATE documents SET engine_version = NULL WHERE id = ?1").bind(legacy.document.id).run();
    const current = await pendingDocument("reanalyse-current");
    await deliver(await importPending("imp-reanalyse-setup", [current]));
    await expectAggregatesRecomputed();

    const { ids, remaining } = await imports.createReanalysis("rea-test", analysisVersion(), 100);
    expect(ids.sort()).toEqual([legacy.document.id, old.document.id].sort());
    expect(remaining).toBe(0);
    // Asking again while they are queued queues nothing twice.
    expect((await imports.createReanalysis("rea-test-2", analysisVersion(), 100)).ids).toEqual([]);

    await deliver(ids.map((documentId) => ({ documentId, importId: "rea-test" })));
    for (const id of ids) {
      const found = await store.getDocument(id);
      expect(found?.document.analysis?.engineVersion).toBe(analysisVersion());
      expect(found?.records.every((r) => r.method === "extracted")).toBe(true);
      for (const r of found?.records ?? []) expect(found?.document.text.slice(r.span.start, r.span.end)).toBe(r.quote);
    }
    expect(await db.prepare("SELECT count(*) AS n FROM records WHERE method = 'annotated'").first("n")).toBe(0);
    const view = await imports.view("rea-test");
    expect(view).toMatchObject({ kind: "reanalyze", status: "done", counts: { analyzed: 2, failed: 0 } });
    await expectAggregatesRecomputed();
  });
});
