import { env } from "cloudflare:test";
import fc from "fast-check";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { extractRecords } from "../../src/engine/extract/index";
import { ANALYSIS_MAX_RETRIES, type Extract } from "../../src/queue/analysis-consumer";
import { analysisVersion, bundledTaxonomy } from "../../src/storage/bundled-corpus";
import { sha256Hex, storedDocumentId, titleFromText } from "../../src/storage/document-identity";
import { BASE } from "../http/fetch-json";
import {
  CapturedQueue,
  callApp,
  deliverDeadLetters,
  deliverFromQueue,
  emptyDatabase,
  expectConsistent,
  expectImportsHonest,
  interleavedD1,
  PROPERTY_SEED,
  propertyRuns,
  type QueuedMessage,
  syntheticArticle,
  TOKEN,
  unlimited,
} from "./support";

/**
 * The bulk path racing itself and the per-document writes (issue 12), in one isolate as one worker
 * serves them: the same text imported by several requests at once (and posted to /v1/documents
 * meanwhile) is stored once and analysed once; a delete racing an import of the same document, or
 * its queued analysis, ends in one consistent state: the document gone with nothing left of it (its
 * job a harmless no-op that resurrects nothing), or there and analysed once. SYNTHETIC texts.
 */

function importText(queue: CapturedQueue, text: string, db: D1Database = env.DB) {
  return callApp(
    new Request(`${BASE}/v1/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
      body: `${JSON.stringify({ text, synthetic: true })}\n`,
    }),
    { DB: db, WRITE_LIMITER: unlimited, ANALYSIS_QUEUE: queue },
  );
}

function post(text: string, db: D1Database = env.DB) {
  return callApp(
    new Request(`${BASE}/v1/documents`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/plain" },
      body: text,
    }),
    { DB: db, WRITE_LIMITER: unlimited },
  );
}

function remove(id: string, db: D1Database = env.DB) {
  return callApp(
    new Request(`${BASE}/v1/documents/${encodeURIComponent(id)}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${TOKEN}` },
    }),
    { DB: db, WRITE_LIMITER: unlimited },
  );
}

async function idOf(text: string): Promise<string> {
  return storedDocumentId(titleFromText(text), await sha256Hex(text));
}

/** The engine, counting its runs per document. */
function countingEngine(): { extract: Extract; runs: Map<string, number> } {
  const runs = new Map<string, number>();
  const extract: Extract = (document) => {
    runs.set(document.id, (runs.get(document.id) ?? 0) + 1);
    return extractRecords(
      { documentId: document.id, text: document.text, publishedAt: document.publishedAt },
      bundledTaxonomy(),
    );
  };
  return { extract, runs };
}

async function drain(queue: CapturedQueue, extract?: Extract, size = 25): Promise<void> {
  const deadLetters: QueuedMessage[] = [];
  for (let guard = 0; queue.messages.length > 0; guard++) {
    expect(guard).toBeLessThan(100);
    const delivery = await deliverFromQueue(queue, size, {
      deadLetters,
      maxRetries: ANALYSIS_MAX_RETRIES,
      ...(extract ? { extract } : {}),
    });
    expect(delivery.unsettled).toEqual([]);
    expect(delivery.retried, "no job fails without a fault").toEqual([]);
  }
  if (deadLetters.length) await deliverDeadLetters(deadLetters);
}

async function copies(text: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM documents WHERE sha256 = ?1")
    .bind(await sha256Hex(text))
    .first<{ n: number }>();
  return row?.n ?? -1;
}

async function stateOf(id: string): Promise<{ status: string; engine_version: string | null } | null> {
  return env.DB.prepare("SELECT status, engine_version FROM documents WHERE id = ?1").bind(id).first();
}

/** Nothing of the document anywhere: no row, no record or index row, no import waiting for it. */
async function expectGone(id: string): Promise<void> {
  const row = await env.DB.prepare(
    `SELECT (SELECT count(*) FROM documents WHERE id = ?1) AS documents,
            (SELECT count(*) FROM records WHERE document_id = ?1) AS records,
            (SELECT count(*) FROM topic_records WHERE document_id = ?1) AS topicRecords,
            (SELECT count(*) FROM record_terms WHERE document_id = ?1) AS recordTerms,
            (SELECT count(*) FROM import_items WHERE document_id = ?1 AND state = 'queued') AS queued`,
  )
    .bind(id)
    .first();
  expect(row).toEqual({ documents: 0, records: 0, topicRecords: 0, recordTerms: 0, queued: 0 });
}

/** Every import answered so far has finished: none waits for a job that will never come. */
async function expectNoImportWaiting(): Promise<void> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM import_items WHERE state = 'queued'").first("n");
  expect(row, "import items still queued").toBe(0);
}

interface ImportAnswer {
  id: string;
  counts: { stored: number; duplicate: number };
}

beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

describe("concurrent imports", () => {
  for (const size of [1, 25]) {
    it(`should store the same text imported by six concurrent requests and posted by two once, and analyse it once (jobs delivered ${size} at a time)`, async () => {
      await emptyDatabase();
      const queue = new CapturedQueue();
      const text = syntheticArticle(`concurrent-import-${size}`);
      const id = await idOf(text);
      const responses = await Promise.all([
        ...Array.from({ length: 6 }, () => importText(queue, text)),
        post(text),
        post(text),
      ]);
      const imports = responses.slice(0, 6);
      const posts = responses.slice(6);
      expect(imports.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 202]);
      const answers = (await Promise.all(imports.map((r) => r.json()))) as ImportAnswer[];
      const postStatuses = posts.map((r) => r.status);
      for (const r of posts) await r.body?.cancel();
      expect(postStatuses.every((s) => s === 200 || s === 201)).toBe(true);
      expect(await copies(text)).toBe(1);
      // Exactly one request stored it: an import (pending) or a post (analysed at once).
      const storedByImports = answers.reduce((n, a) => n + a.counts.stored, 0);
      const storedByPosts = postStatuses.filter((s) => s === 201).length;
      expect(storedByImports + storedByPosts).toBe(1);
      for (const a of answers) expect(a.counts.stored + a.counts.duplicate).toBe(1);

      const { extract, runs } = countingEngine();
      await drain(queue, extract, size);
      // Analysed once: by the queue when an import stored it, in the post when a post did.
      expect(runs.get(id) ?? 0).toBe(storedByImports);
      expect(await stateOf(id)).toEqual({ status: "analyzed", engine_version: analysisVersion() });
      await expectNoImportWaiting();
      await expectConsistent();
      await expectImportsHonest();
    });
  }
});

describe("a delete racing an import", () => {
  it("should end a delete racing the import of a new text in one state: gone with nothing left, or analysed once", async () => {
    await emptyDatabase();
    for (let i = 0; i < 6; i++) {
      const queue = new CapturedQueue();
      const text = syntheticArticle(`import-vs-delete-${i}`);
      const id = await idOf(text);
      const [imported, deleted] = await Promise.all([importText(queue, text), remove(id)]);
      expect(imported.status).toBe(202);
      await imported.body?.cancel();
      await deleted.body?.cancel();
      expect([204, 404]).toContain(deleted.status);
      const { extract, runs } = countingEngine();
      await drain(queue, extract);
      if (deleted.status === 204) {
        await expectGone(id);
        expect(runs.get(id) ?? 0).toBe(0);
      } else {
        expect(await stateOf(id)).toEqual({ status: "analyzed", engine_version: analysisVersion() });
        expect(runs.get(id)).toBe(1);
      }
      await expectNoImportWaiting();
      await expectConsistent();
      await expectImportsHonest();
    }
  });

  it("should end a delete racing the queued analysis of a pending document with the document gone and its job a no-op", async () => {
    await emptyDatabase();
    for (let i = 0; i < 6; i++) {
      const queue = new CapturedQueue();
      const text = syntheticArticle(`analysis-vs-delete-${i}`);
      const id = await idOf(text);
      expect((await importText(queue, text)).status).toBe(202);
      const deadLetters: QueuedMessage[] = [];
      const [delivery, deleted] = await Promise.all([
        deliverFromQueue(queue, 25, { deadLetters, maxRetries: ANALYSIS_MAX_RETRIES }),
        remove(id),
      ]);
      await deleted.body?.cancel();
      expect(deleted.status).toBe(204);
      // Acknowledged whichever came first: a job of a deleted document is no failure to retry.
      expect(delivery.acked).toHaveLength(1);
      await expectGone(id);
      await expectNoImportWaiting();
      await expectConsistent();
      await expectImportsHonest();
    }
  });

  it("should end an import, its analysis and a delete of the same text all at once in one consistent state", async () => {
    await emptyDatabase();
    const queue = new CapturedQueue();
    const text = syntheticArticle("import-analysis-delete");
    const id = await idOf(text);
    for (let i = 0; i < 6; i++) {
      const deadLetters: QueuedMessage[] = [];
      const [imported, delivery, deleted] = await Promise.all([
        importText(queue, text),
        deliverFromQueue(queue, 25, { deadLetters, maxRetries: ANALYSIS_MAX_RETRIES }),
        remove(id),
      ]);
      await imported.body?.cancel();
      await deleted.body?.cancel();
      expect(imported.status).toBe(202);
      expect([204, 404]).toContain(deleted.status);
      expect(delivery.unsettled).toEqual([]);
      expect(await copies(text)).toBeLessThanOrEqual(1);
      await expectConsistent();
      await expectImportsHonest();
    }
    await drain(queue);
    const state = await stateOf(id);
    if (state) expect(state).toEqual({ status: "analyzed", engine_version: analysisVersion() });
    else await expectGone(id);
    await expectNoImportWaiting();
    await expectConsistent();
  });
});

type Step = "import" | "post" | "delete" | "deliver";

describe("generated interleavings on the bulk path", () => {
  it("should keep one consistent state whatever runs between an import's, a delivery's or a delete's D1 batches", async () => {
    const texts = [0, 1].map((i) => syntheticArticle(`bulk-interleaved-${i}`));
    const ids = await Promise.all(texts.map(idOf));
    const step = fc.record({
      kind: fc.constantFrom<Step>("import", "post", "delete", "deliver"),
      text: fc.constantFrom(0, 0, 0, 1),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 3 }),
        step,
        fc.array(fc.option(step, { nil: null, freq: 2 }), { minLength: 5, maxLength: 5 }),
        async (setup, main, interlopers) => {
          await emptyDatabase();
          const queue = new CapturedQueue();
          const deadLetters: QueuedMessage[] = [];
          const run = async (s: { kind: Step; text: number }, db: D1Database = env.DB): Promise<void> => {
            const text = texts[s.text] as string;
            if (s.kind === "deliver") {
              const delivery = await deliverFromQueue(queue, 25, {
                db,
                deadLetters,
                maxRetries: ANALYSIS_MAX_RETRIES,
              });
              expect(delivery.unsettled).toEqual([]);
              expect(delivery.retried, "no job fails without a fault").toEqual([]);
              return;
            }
            const res =
              s.kind === "import"
                ? await importText(queue, text, db)
                : s.kind === "post"
                  ? await post(text, db)
                  : await remove(ids[s.text] as string, db);
            await res.body?.cancel();
            const allowed = { import: [202], post: [200, 201, 409], delete: [204, 404] }[s.kind];
            expect(allowed, `${s.kind} answered ${res.status}`).toContain(res.status);
          };
          for (const s of setup) await run(s);
          const racing = interleavedD1(env.DB, async (n) => {
            const other = interlopers[n];
            if (other) await run(other);
          });
          await run(main, racing);
          for (const text of texts) expect(await copies(text)).toBeLessThanOrEqual(1);
          await expectConsistent();
          await expectImportsHonest();
          // The queue drained: every stored text analysed, nothing of a deleted one, no import waiting.
          await drain(queue);
          for (const id of ids) {
            const state = await stateOf(id);
            if (state) expect(state, id).toEqual({ status: "analyzed", engine_version: analysisVersion() });
            else await expectGone(id);
          }
          await expectNoImportWaiting();
          await expectConsistent();
        },
      ),
      { numRuns: propertyRuns(40), seed: PROPERTY_SEED, endOnFailure: true },
    );
  }, 600_000);
});
