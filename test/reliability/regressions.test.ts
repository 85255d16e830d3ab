import { env, SELF } from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { extractRecords } from "../../src/engine/extract/index";
import { ANALYSIS_MAX_RETRIES, type Extract } from "../../src/queue/analysis-consumer";
import { analysisVersion, bundledTaxonomy } from "../../src/storage/bundled-corpus";
import { DELETED_REASON } from "../../src/storage/d1-imports";
import { sha256Hex, storedDocumentId, titleFromText } from "../../src/storage/document-identity";
import { BASE } from "../http/fetch-json";
import {
  CapturedQueue,
  callApp,
  deliverFromQueue,
  emptyDatabase,
  expectConsistent,
  expectImportsHonest,
  faultyD1,
  interleavedD1,
  type QueuedMessage,
  syntheticArticle,
  TOKEN,
  unlimited,
} from "./support";

/**
 * One test per failure the generated tests (or the random sweep of issue 12) found, named after
 * it, so each stays fixed.
 */

describe("regressions found by the generated requests (issue 12)", () => {
  it("POST /analyze with multipart/form-data; boundary=x and a body that is not multipart: 400 page, not a 500 'No initial boundary string'", async () => {
    const res = await SELF.fetch(`${BASE}/analyze`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", accept: "text/html" },
      body: "text=Synthetic+text+that+is+not+multipart",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("The form data could not be read");
    expect(html).not.toContain("TypeError");
  });

  it("POST /analyze with multipart/form-data and no boundary parameter at all: 400 page", async () => {
    const res = await SELF.fetch(`${BASE}/analyze`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data" },
      body: '--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nSynthetic.\r\n--x--\r\n',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  });

  it("POST /analyze with a well-formed multipart form still analyses its text", async () => {
    const body = new FormData();
    body.set(
      "text",
      "Synthetic report. US Secretary of State Antony Blinken said that “the United States will keep talking with China to avoid miscalculation.”",
    );
    const res = await SELF.fetch(`${BASE}/analyze`, { method: "POST", body });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Antony Blinken");
  });

  it("POST /analyze read the whole form body whatever its size (c.req.parseBody): now an HTML 413 past 4 MiB", async () => {
    const res = await SELF.fetch(`${BASE}/analyze`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `text=${"y".repeat(4 * 1024 * 1024)}`,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  });

  it("POST /fragments/analysis read any JSON body whole (c.req.json): now a 413 problem past 16 MiB", async () => {
    const res = await callApp(
      new Request(`${BASE}/fragments/analysis`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(16 * 1024 * 1024 + 1) },
        body: "{}",
      }),
    );
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("a chunked body over 1 MiB on POST /v1/analyze was read whole before the limit was checked: now cut at the limit", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled++ >= 64) controller.close();
          else controller.enqueue(new Uint8Array(64 * 1024).fill(0x62));
        },
      },
      { highWaterMark: 0 },
    );
    const res = await callApp(
      new Request(`${BASE}/v1/analyze`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(64);
  });
});

/** The bulk path in-process, its jobs kept by a CapturedQueue the test delivers from. */
function importLines(queue: CapturedQueue, texts: readonly (string | { raw: string })[], db: D1Database = env.DB) {
  return callApp(
    new Request(`${BASE}/v1/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
      body: texts.map((t) => (typeof t === "string" ? JSON.stringify({ text: t, synthetic: true }) : t.raw)).join("\n"),
    }),
    { DB: db, WRITE_LIMITER: unlimited, ANALYSIS_QUEUE: queue },
  );
}

function reanalyze(queue: CapturedQueue, db: D1Database = env.DB) {
  return callApp(
    new Request(`${BASE}/v1/reanalyze`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } }),
    { DB: db, WRITE_LIMITER: unlimited, ANALYSIS_QUEUE: queue },
  );
}

function remove(id: string) {
  return callApp(
    new Request(`${BASE}/v1/documents/${id}`, { method: "DELETE", headers: { authorization: `Bearer ${TOKEN}` } }),
    { WRITE_LIMITER: unlimited },
  );
}

async function importView(
  id: string,
): Promise<{ pending: number; status: string; counts: Record<string, number>; failures: { reason: string }[] }> {
  const res = await callApp(new Request(`${BASE}/v1/imports/${id}`));
  return res.json();
}

async function idOf(text: string): Promise<string> {
  return storedDocumentId(titleFromText(text), await sha256Hex(text));
}

const drain = (queue: CapturedQueue, extract?: Extract) =>
  deliverFromQueue(queue, 25, {
    deadLetters: [] as QueuedMessage[],
    maxRetries: ANALYSIS_MAX_RETRIES,
    ...(extract ? { extract } : {}),
  });

/** One analysed document, made "older" as after an engine upgrade: what a re-analysis queues. */
async function olderDocument(tag: string): Promise<string> {
  const queue = new CapturedQueue();
  const text = syntheticArticle(tag);
  expect((await importLines(queue, [text])).status).toBe(202);
  await drain(queue);
  const id = await idOf(text);
  await env.DB.prepare("UPDATE documents SET engine_version = '0.older' WHERE id = ?1").bind(id).run();
  return id;
}

describe("regressions on the bulk path, found by the generated tests and while writing them (issue 12)", () => {
  // The worker logs every storage failure for the operator: expected here, noise in the output.
  beforeEach(async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    await emptyDatabase();
  });

  it("POST /v1/imports answered 503 after its texts were stored and queued, when reading the import back failed: now 202 from the request", async () => {
    const queue = new CapturedQueue();
    const text = syntheticArticle("view-fails");
    // Batch 0: which texts are known; 1: the import stored; 2: reading it back (fails).
    const res = await importLines(
      queue,
      [text, { raw: "{not json" }],
      faultyD1(env.DB, { batch: 2, mode: "rejected", at: 0 }),
    );
    expect(res.status).toBe(202);
    const body = (await res.json()) as { id: string; pending: number; counts: Record<string, number> };
    expect(res.headers.get("location")).toBe(`/v1/imports/${body.id}`);
    expect(body).toMatchObject({ pending: 1, counts: { lines: 2, stored: 1, duplicate: 0, invalid: 1 } });
    expect(queue.messages.map((m) => m.body.documentId)).toEqual([await idOf(text)]);
    await drain(queue);
    expect(await importView(body.id)).toMatchObject({ pending: 0, status: "done-with-failures" });
  });

  it("a re-analysis whose batch committed but whose reply was lost left its items queued with no job sent, so no later POST /v1/reanalyze queued them: now it is discarded", async () => {
    await olderDocument("reanalyze-lost-reply");
    const queue = new CapturedQueue();
    const lost = await reanalyze(queue, faultyD1(env.DB, { batch: 0, mode: "lost-reply", at: 0 }));
    expect(lost.status).toBe(503);
    expect(queue.messages).toEqual([]);
    const again = await reanalyze(queue);
    expect(again.status).toBe(202);
    expect(((await again.json()) as { pending: number }).pending).toBe(1);
    await drain(queue);
    await expectConsistent();
    await expectImportsHonest();
  });

  it("a re-analysis whose jobs the queue refused left its items queued, so no later POST /v1/reanalyze queued them: now it is discarded", async () => {
    await olderDocument("reanalyze-queue-down");
    const queue = new CapturedQueue();
    queue.refuse = true;
    const refused = await reanalyze(queue);
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/ask for the re-analysis again/);
    const again = await reanalyze(queue);
    expect(((await again.json()) as { pending: number }).pending).toBe(1);
  });

  it("deleting a document whose analysis was queued left its import waiting for ever (pending 1, status queued): the import now counts it failed, and the job stores nothing", async () => {
    const queue = new CapturedQueue();
    const text = syntheticArticle("deleted-while-queued");
    const created = (await (await importLines(queue, [text])).json()) as { id: string };
    expect((await remove(await idOf(text))).status).toBe(204);
    const view = await importView(created.id);
    expect(view).toMatchObject({
      pending: 0,
      status: "done-with-failures",
      counts: { stored: 1, analyzed: 0, failed: 1 },
    });
    expect(view.failures.map((f) => f.reason)).toEqual([DELETED_REASON]);
    const delivery = await drain(queue);
    expect(delivery.acked).toHaveLength(1);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM documents").first("n")).toBe(0);
    await expectConsistent();
    await expectImportsHonest();
  });

  it("an import that read a pending text as known, whose document a delete removed before the import's batch, waited for ever for it: the job now settles it as failed", async () => {
    const queue = new CapturedQueue();
    const text = syntheticArticle("deleted-between-read-and-batch");
    const id = await idOf(text);
    await importLines(queue, [text]);
    queue.messages.length = 0; // the first import's job is lost: the document stays pending
    // Batch 0 of the second import reads the text as known (pending); before batch 1 a delete removes it.
    const racing = interleavedD1(env.DB, async (n) => {
      if (n === 1) expect((await remove(id)).status).toBe(204);
    });
    const second = (await (await importLines(queue, [text], racing)).json()) as {
      id: string;
      counts: Record<string, number>;
    };
    expect(second.counts).toMatchObject({ stored: 0, duplicate: 1 });
    const delivery = await drain(queue);
    expect(delivery.acked).toHaveLength(1);
    expect(await importView(second.id)).toMatchObject({ pending: 0, counts: { failed: 1 } });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM documents").first("n")).toBe(0);
    await expectImportsHonest();
  });

  it("two jobs for the same document in one batch (two imports of one text) ran the engine twice: now once", async () => {
    const queue = new CapturedQueue();
    const text = syntheticArticle("two-jobs-one-batch");
    await importLines(queue, [text]);
    await importLines(queue, [text]);
    expect(queue.messages).toHaveLength(2);
    let runs = 0;
    const counting: Extract = (document) => {
      runs++;
      return extractRecords(
        { documentId: document.id, text: document.text, publishedAt: document.publishedAt },
        bundledTaxonomy(),
      );
    };
    const delivery = await drain(queue, counting);
    expect(delivery.acked).toHaveLength(2);
    expect(runs).toBe(1);
    const row = await env.DB.prepare("SELECT status, engine_version FROM documents").first();
    expect(row).toEqual({ status: "analyzed", engine_version: analysisVersion() });
    await expectConsistent();
  });

  it("a chunked NDJSON body over 10 MiB on POST /v1/imports was read whole before its size was checked: now cut at the limit", async () => {
    let pulled = 0;
    const line = new TextEncoder().encode(`${JSON.stringify({ text: "Synthetic words said here. ".repeat(2400) })}\n`);
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled++ >= 200) controller.close();
          else controller.enqueue(line);
        },
      },
      { highWaterMark: 0 },
    );
    const res = await callApp(
      new Request(`${BASE}/v1/imports`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
        body: stream,
        duplex: "half",
      } as RequestInit),
      { WRITE_LIMITER: unlimited, ANALYSIS_QUEUE: new CapturedQueue() },
    );
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(200);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM documents").first("n")).toBe(0);
  });

  it("a text with a NUL character (U+0000) answered 500 on POST /v1/documents (SQLite's substr stops at it, so the verbatim check failed): now 422 unstorable-text", async () => {
    const text = `${syntheticArticle("nul-post")}A\u0000B`;
    const res = await callApp(
      new Request(`${BASE}/v1/documents`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ text }),
      }),
      { WRITE_LIMITER: unlimited },
    );
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ type: "urn:stance-desk:problem:unstorable-text", status: 422 });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM documents").first("n")).toBe(0);
  });

  it("an import line whose text had a NUL character was stored and its analysis failed every attempt until dead-lettered: now an invalid line, nothing queued", async () => {
    const queue = new CapturedQueue();
    const good = syntheticArticle("nul-import-good");
    const res = await importLines(queue, [good, `${syntheticArticle("nul-import")}A\u0000B`]);
    expect(res.status).toBe(202);
    const body = (await res.json()) as { counts: Record<string, number>; failures: { line: number; reason: string }[] };
    expect(body.counts).toMatchObject({ lines: 2, stored: 1, invalid: 1 });
    expect(body.failures).toEqual([{ line: 2, reason: expect.stringMatching(/NUL character \(U\+0000\) at offset/) }]);
    const delivery = await drain(queue);
    expect(delivery.retried).toEqual([]);
    expect(delivery.acked.map((m) => m.body.documentId)).toEqual([await idOf(good)]);
    await expectConsistent();
  });

  it("a document deleted and imported again with another date between the consumer's read and its write got records and aggregates of the old row (same id, same revision 0): the write now checks the row is the one read", async () => {
    const text = syntheticArticle("deleted-and-reimported");
    const id = await idOf(text);
    const line = (publishedAt: string) => ({ raw: JSON.stringify({ text, synthetic: true, publishedAt }) });
    const first = new CapturedQueue();
    await importLines(first, [line("2023-01-17")]);
    const second = new CapturedQueue();
    // Batch 0 of the delivery reads the document; before batch 1 (its write) it is deleted and imported again.
    const racing = interleavedD1(env.DB, async (n) => {
      if (n !== 1) return;
      expect((await remove(id)).status).toBe(204);
      expect((await importLines(second, [line("2024-05-06")])).status).toBe(202);
    });
    const delivery = await deliverFromQueue(first, 25, {
      db: racing,
      deadLetters: [],
      maxRetries: ANALYSIS_MAX_RETRIES,
    });
    // The stale analysis is not stored: its job is retried, and finds the new row.
    expect(delivery.retried).toHaveLength(1);
    await expectConsistent();
    while (first.messages.length || second.messages.length) {
      await drain(first);
      await drain(second);
    }
    const row = await env.DB.prepare("SELECT status, published_at FROM documents WHERE id = ?1").bind(id).first();
    expect(row).toEqual({ status: "analyzed", published_at: "2024-05-06" });
    await expectConsistent();
    await expectImportsHonest();
  });
});
