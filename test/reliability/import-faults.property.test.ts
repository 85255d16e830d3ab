import { env } from "cloudflare:test";
import fc from "fast-check";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ANALYSIS_MAX_RETRIES, type Extract } from "../../src/queue/analysis-consumer";
import { analysisVersion } from "../../src/storage/bundled-corpus";
import { sha256Hex, storedDocumentId, titleFromText } from "../../src/storage/document-identity";
import { BASE } from "../http/fetch-json";
import {
  type BatchFault,
  CapturedQueue,
  callApp,
  databaseDigest,
  deliverDeadLetters,
  deliverFromQueue,
  emptyDatabase,
  expectConsistent,
  expectImportsHonest,
  faultyD1,
  PROPERTY_SEED,
  propertyRuns,
  type QueuedMessage,
  syntheticArticle,
  TOKEN,
  unlimited,
} from "./support";

/**
 * D1 faults on the bulk path (issue 12): a batch that fails part-way, never reaches the database,
 * or commits with its reply lost, during POST /v1/imports (storing the pending texts), during the
 * queue consumer's analysis write, and during POST /v1/reanalyze, mixed with deletes, posts and
 * engine upgrades. The queue is a stand-in (CapturedQueue) the test delivers from as the runtime
 * would (attempts, retries, dead letters), so every step is deterministic. After every step: no
 * partial document, no orphan row, aggregates equal to a recomputation, import counts that add up;
 * a failed consumer write is retried and changes nothing, and a later success stores the records
 * once. At the end, with the faults gone, sending the same lines again and draining the queue
 * leaves every document analysed by the current engine and no import waiting.
 */

const TEXTS = [0, 1, 2, 3, 4, 5].map((i) => syntheticArticle(`import-fault-${i}`));
const DATES = ["2023-01-17", "2023-02-21", "2024-03-05", null, "2023-01-30", null];

type Line = { kind: "text"; text: number } | { kind: "invalid" } | { kind: "blank" };

const line: fc.Arbitrary<Line> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.integer({ min: 0, max: TEXTS.length - 1 }).map((text) => ({ kind: "text" as const, text })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "invalid" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "blank" as const }) },
);

const fault = (maxBatch: number): fc.Arbitrary<BatchFault | null> =>
  fc.option(
    fc.record({
      batch: fc.integer({ min: 0, max: maxBatch }),
      mode: fc.constantFrom("statement" as const, "rejected" as const, "lost-reply" as const),
      at: fc.integer({ min: 0, max: 30 }),
    }),
    { freq: 2, nil: null },
  );

const operation = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("import" as const),
      lines: fc.array(line, { minLength: 1, maxLength: 5 }),
      fault: fault(2),
      // One import in five finds the queue down after its texts are stored.
      refuse: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("deliver" as const),
      size: fc.integer({ min: 1, max: 6 }),
      fault: fault(3),
      engineFails: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("reanalyze" as const), fault: fault(1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("age" as const), text: fc.nat(TEXTS.length - 1) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("delete" as const), text: fc.nat(TEXTS.length - 1), fault: fault(1) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("post" as const), text: fc.nat(TEXTS.length - 1) }) },
);

async function idOf(text: string): Promise<string> {
  return storedDocumentId(titleFromText(text), await sha256Hex(text));
}

function ndjsonOf(lines: readonly Line[]): string {
  return lines
    .map((l) => {
      if (l.kind === "blank") return "";
      if (l.kind === "invalid") return JSON.stringify({ text: 17, synthetic: true });
      const publishedAt = DATES[l.text];
      return JSON.stringify({ text: TEXTS[l.text], synthetic: true, ...(publishedAt ? { publishedAt } : {}) });
    })
    .join("\n");
}

const headers = (type?: string) => ({
  authorization: `Bearer ${TOKEN}`,
  ...(type ? { "content-type": type } : {}),
});

interface DocState {
  status: string;
  engineVersion: string | null;
  records: number;
}

async function documentStates(): Promise<Map<string, DocState>> {
  const { results } = await env.DB.prepare(
    "SELECT d.id, d.sha256, d.status, d.engine_version, (SELECT count(*) FROM records r WHERE r.document_id = d.id) AS n FROM documents d",
  ).all<{ id: string; sha256: string; status: string; engine_version: string | null; n: number }>();
  return new Map(results.map((r) => [r.id, { status: r.status, engineVersion: r.engine_version, records: r.n }]));
}

interface ImportAnswer {
  id: string;
  kind: string;
  counts: { lines: number; stored: number; duplicate: number; invalid: number; analyzed: number; failed: number };
  pending: number;
  status: string;
}

const failingEngine: Extract = () => {
  throw new Error("synthetic engine failure");
};

// The worker logs every storage and analysis failure for the operator: expected here, noise in the output.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

describe("D1 faults on imports, the queue consumer and re-analysis", () => {
  it("should keep the corpus and every import consistent, retry failed analysis writes, and store each analysis once", async () => {
    const ids = await Promise.all(TEXTS.map(idOf));
    const fired = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 4, maxLength: 12 }), async (operations) => {
        await emptyDatabase();
        const queue = new CapturedQueue();
        const deadLetters: QueuedMessage[] = [];
        const accepted: string[] = [];
        for (const op of operations) {
          const before = await databaseDigest();
          const states = await documentStates();
          const hits = { fired: 0 };
          if (op.kind === "import") {
            queue.refuse = op.refuse;
            const refused = op.refuse;
            const sentBefore = queue.messages.length;
            const res = await callApp(
              new Request(`${BASE}/v1/imports`, {
                method: "POST",
                headers: headers("application/x-ndjson"),
                body: ndjsonOf(op.lines),
              }),
              { DB: faultyD1(env.DB, op.fault, hits), WRITE_LIMITER: unlimited, ANALYSIS_QUEUE: queue },
            );
            expect([202, 503], `import answered ${res.status}`).toContain(res.status);
            const body = (await res.json()) as ImportAnswer & { status: number | string };
            const nonBlank = op.lines.filter((l) => l.kind !== "blank");
            if (res.status === 202) {
              accepted.push(body.id);
              const texts = nonBlank.flatMap((l) => (l.kind === "text" ? [l.text] : []));
              const fresh = new Set(texts.filter((t) => !states.has(ids[t] as string)));
              expect(body.counts).toMatchObject({
                lines: nonBlank.length,
                invalid: nonBlank.length - texts.length,
                stored: fresh.size,
                duplicate: texts.length - fresh.size,
              });
              // A job for every new text, and for every known one not analysed by this engine yet.
              const wanted = new Set(
                texts.filter((t) => {
                  const s = states.get(ids[t] as string);
                  return !s || !(s.status === "analyzed" && s.engineVersion === analysisVersion());
                }),
              );
              expect(
                queue.messages
                  .slice(sentBefore)
                  .map((m) => m.body.documentId)
                  .sort(),
              ).toEqual([...wanted].map((t) => ids[t] as string).sort());
            } else {
              expect(body.status).toBe(503);
              expect(hits.fired + (refused ? 1 : 0)).toBeGreaterThan(0);
              fired.add(`import:${refused ? "queue" : op.fault?.mode}`);
              // Only a batch that committed (its reply lost) or a queue that refused the jobs leaves
              // anything behind: the pending texts, which sending the lines again queues.
              const committed = refused || (op.fault?.mode === "lost-reply" && op.fault.batch === 1);
              if (!committed) expect(await databaseDigest()).toBe(before);
            }
            queue.refuse = false;
          } else if (op.kind === "deliver") {
            const delivery = await deliverFromQueue(queue, op.size, {
              db: faultyD1(env.DB, op.fault, hits),
              ...(op.engineFails ? { extract: failingEngine } : {}),
              deadLetters,
              maxRetries: ANALYSIS_MAX_RETRIES,
            });
            // Every job is settled explicitly: none is acknowledged by default and lost.
            expect(delivery.unsettled).toEqual([]);
            if (hits.fired) fired.add(`consumer:${op.fault?.mode}`);
            const after = await documentStates();
            for (const m of delivery.acked) {
              const state = after.get(m.body.documentId);
              // Acknowledged: analysed by this engine, or no longer stored.
              if (state) expect([state.status, state.engineVersion]).toEqual(["analyzed", analysisVersion()]);
            }
            for (const m of delivery.retried) {
              const was = states.get(m.body.documentId);
              // Retried: its write did not commit (unless its reply was lost), so nothing about it changed.
              if (!(hits.fired && op.fault?.mode === "lost-reply")) {
                expect(after.get(m.body.documentId)?.records, m.body.documentId).toBe(was?.records);
                expect(after.get(m.body.documentId)?.engineVersion).toBe(was?.engineVersion);
              }
            }
            if (deadLetters.length) {
              const dead = deadLetters.map((m) => m.body.documentId);
              const result = await deliverDeadLetters(deadLetters);
              expect(result.retryMessages).toEqual([]);
              const now = await documentStates();
              for (const id of dead) {
                const state = now.get(id);
                // Failed every attempt: marked failed with its reason, unless analysed meanwhile.
                if (state && state.status !== "analyzed") expect(state.status).toBe("failed");
              }
            }
          } else if (op.kind === "reanalyze") {
            const sentBefore = queue.messages.length;
            const res = await callApp(new Request(`${BASE}/v1/reanalyze`, { method: "POST", headers: headers() }), {
              DB: faultyD1(env.DB, op.fault, hits),
              WRITE_LIMITER: unlimited,
              ANALYSIS_QUEUE: queue,
            });
            expect([202, 503], `reanalyze answered ${res.status}`).toContain(res.status);
            const body = (await res.json()) as ImportAnswer;
            if (res.status === 202) {
              accepted.push(body.id);
              expect(body.pending).toBe(queue.messages.length - sentBefore);
            } else {
              fired.add(`reanalyze:${op.fault?.mode}`);
              // Even a lost reply leaves nothing: the re-analysis is discarded, so a later one queues its documents.
              expect(await databaseDigest()).toBe(before);
            }
          } else if (op.kind === "age") {
            // As after an engine upgrade: this document's records come from an older engine now.
            await env.DB.prepare(
              "UPDATE documents SET engine_version = '0.older' WHERE id = ?1 AND status = 'analyzed'",
            )
              .bind(ids[op.text])
              .run();
          } else if (op.kind === "delete") {
            const res = await callApp(
              new Request(`${BASE}/v1/documents/${ids[op.text]}`, { method: "DELETE", headers: headers() }),
              { DB: faultyD1(env.DB, op.fault, hits), WRITE_LIMITER: unlimited },
            );
            await res.body?.cancel();
            expect([204, 404, 503]).toContain(res.status);
            if (res.status === 503 && op.fault?.mode !== "lost-reply") expect(await databaseDigest()).toBe(before);
          } else {
            const res = await callApp(
              new Request(`${BASE}/v1/documents`, {
                method: "POST",
                headers: headers("text/plain"),
                body: TEXTS[op.text],
              }),
              { WRITE_LIMITER: unlimited },
            );
            await res.body?.cancel();
            expect([200, 201]).toContain(res.status);
          }
          await expectConsistent();
          await expectImportsHonest();
        }

        // The faults gone: the same lines again (as the 503s ask), a re-analysis, and the queue drained.
        const again = await callApp(
          new Request(`${BASE}/v1/imports`, {
            method: "POST",
            headers: headers("application/x-ndjson"),
            body: ndjsonOf(TEXTS.map((_, text) => ({ kind: "text" as const, text }))),
          }),
          { WRITE_LIMITER: unlimited, ANALYSIS_QUEUE: queue },
        );
        expect(again.status).toBe(202);
        accepted.push(((await again.json()) as ImportAnswer).id);
        const rea = await callApp(new Request(`${BASE}/v1/reanalyze`, { method: "POST", headers: headers() }), {
          WRITE_LIMITER: unlimited,
          ANALYSIS_QUEUE: queue,
        });
        expect(rea.status).toBe(202);
        accepted.push(((await rea.json()) as ImportAnswer).id);
        for (let guard = 0; queue.messages.length > 0 || deadLetters.length > 0; guard++) {
          expect(guard).toBeLessThan(50);
          const delivery = await deliverFromQueue(queue, 25, { deadLetters, maxRetries: ANALYSIS_MAX_RETRIES });
          expect(delivery.retried).toEqual([]);
          if (deadLetters.length) await deliverDeadLetters(deadLetters);
        }
        const final = await documentStates();
        expect(final.size).toBe(TEXTS.length);
        for (const [id, state] of final) {
          expect([state.status, state.engineVersion], id).toEqual(["analyzed", analysisVersion()]);
        }
        // Every import that answered 202 has finished: none waits for a job that will never come.
        for (const id of accepted) {
          const res = await callApp(new Request(`${BASE}/v1/imports/${id}`));
          const view = (await res.json()) as ImportAnswer;
          expect(view.pending, id).toBe(0);
          expect(["done", "done-with-failures"]).toContain(view.status);
        }
        await expectConsistent();
        await expectImportsHonest();
      }),
      { numRuns: propertyRuns(16), seed: PROPERTY_SEED, endOnFailure: true },
    );
    console.log("faults that fired:", [...fired].sort().join(" "));
    // The generated faults reached all three paths.
    expect([...fired].filter((f) => f.startsWith("import:")).length).toBeGreaterThan(0);
    expect([...fired].filter((f) => f.startsWith("consumer:")).length).toBeGreaterThan(0);
    expect([...fired].filter((f) => f.startsWith("reanalyze:")).length).toBeGreaterThan(0);
  }, 600_000);

  it("should retry every analysis write that failed, change nothing with it, and store each document's records once when a later attempt succeeds", async () => {
    const ids = await Promise.all(TEXTS.map(idOf));
    const fired = new Set<string>();
    const delivery = fc.record({ size: fc.integer({ min: 1, max: 4 }), fault: fault(4) });
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([0, 1, 2, 3, 4, 5], { minLength: 1 }),
        fc.subarray([0, 1, 2, 3, 4, 5]),
        fc.array(delivery, { minLength: 3, maxLength: 14 }),
        async (imported, aged, deliveries) => {
          await emptyDatabase();
          const queue = new CapturedQueue();
          const deadLetters: QueuedMessage[] = [];
          const send = (path: string, body?: string) =>
            callApp(
              new Request(`${BASE}${path}`, {
                method: "POST",
                headers: headers(body === undefined ? undefined : "application/x-ndjson"),
                ...(body === undefined ? {} : { body }),
              }),
              { WRITE_LIMITER: unlimited, ANALYSIS_QUEUE: queue },
            );
          // Some texts imported (and the same lines again: two jobs for each), some of them then
          // "analysed by an older engine" and re-analysed: the consumer's subtract-and-replace path.
          const lines = ndjsonOf(imported.map((text) => ({ kind: "text" as const, text })));
          expect((await send("/v1/imports", lines)).status).toBe(202);
          expect((await send("/v1/imports", lines)).status).toBe(202);
          while (queue.messages.length)
            await deliverFromQueue(queue, 25, { deadLetters, maxRetries: ANALYSIS_MAX_RETRIES });
          for (const text of aged)
            await env.DB.prepare("UPDATE documents SET engine_version = '0.older' WHERE id = ?1").bind(ids[text]).run();
          expect((await send("/v1/reanalyze")).status).toBe(202);
          expect((await send("/v1/imports", lines)).status).toBe(202);
          await expectConsistent();

          for (const d of deliveries) {
            const states = await documentStates();
            const hits = { fired: 0 };
            const result = await deliverFromQueue(queue, d.size, {
              db: faultyD1(env.DB, d.fault, hits),
              deadLetters,
              maxRetries: ANALYSIS_MAX_RETRIES,
            });
            expect(result.unsettled).toEqual([]);
            if (hits.fired) fired.add(d.fault?.mode ?? "");
            const after = await documentStates();
            // A fault that did not commit is retried, and its document is as it was.
            if (hits.fired && d.fault?.mode !== "lost-reply") {
              for (const m of result.retried)
                expect(after.get(m.body.documentId), m.body.documentId).toEqual(states.get(m.body.documentId));
            }
            if (!hits.fired) expect(result.retried).toEqual([]);
            for (const m of result.acked)
              expect(after.get(m.body.documentId)?.engineVersion, m.body.documentId).toBe(analysisVersion());
            await expectConsistent();
            await expectImportsHonest();
            if (deadLetters.length) await deliverDeadLetters(deadLetters);
          }
          // A later attempt succeeds: records stored once, every import done.
          for (let guard = 0; queue.messages.length > 0; guard++) {
            expect(guard).toBeLessThan(20);
            const result = await deliverFromQueue(queue, 25, { deadLetters, maxRetries: ANALYSIS_MAX_RETRIES });
            expect(result.retried).toEqual([]);
          }
          if (deadLetters.length) await deliverDeadLetters(deadLetters);
          const states = await documentStates();
          expect([...states.keys()].sort()).toEqual(imported.map((t) => ids[t]).sort());
          for (const [id, state] of states) {
            // Dead-lettered re-analyses keep their older records; everything else is analysed now.
            if (state.engineVersion !== "0.older")
              expect([state.status, state.engineVersion], id).toEqual(["analyzed", analysisVersion()]);
          }
          const { results } = await env.DB.prepare(
            "SELECT count(*) AS n FROM import_items WHERE state = 'queued'",
          ).all<{ n: number }>();
          expect(results[0]?.n).toBe(0);
          await expectConsistent();
          await expectImportsHonest();
        },
      ),
      { numRuns: propertyRuns(12), seed: PROPERTY_SEED, endOnFailure: true },
    );
    console.log("consumer faults that fired:", [...fired].sort().join(" "));
    expect([...fired].sort()).toEqual(["lost-reply", "rejected", "statement"]);
  }, 600_000);
});

describe("a job that always fails", () => {
  it("should end in the dead-letter queue after max_retries, its document marked failed with the reason and its import counting it", async () => {
    await emptyDatabase();
    const queue = new CapturedQueue();
    const text = syntheticArticle("always-fails");
    const res = await callApp(
      new Request(`${BASE}/v1/imports`, {
        method: "POST",
        headers: headers("application/x-ndjson"),
        body: JSON.stringify({ text, synthetic: true }),
      }),
      { WRITE_LIMITER: unlimited, ANALYSIS_QUEUE: queue },
    );
    const created = (await res.json()) as ImportAnswer;
    const deadLetters: QueuedMessage[] = [];
    for (let attempt = 1; attempt <= ANALYSIS_MAX_RETRIES + 1; attempt++) {
      const delivery = await deliverFromQueue(queue, 25, {
        extract: failingEngine,
        deadLetters,
        maxRetries: ANALYSIS_MAX_RETRIES,
      });
      expect(delivery.retried).toHaveLength(1);
    }
    expect(queue.messages).toEqual([]);
    expect(deadLetters).toHaveLength(1);
    expect((await deliverDeadLetters(deadLetters)).explicitAcks).toHaveLength(1);
    const row = await env.DB.prepare("SELECT status, failure FROM documents WHERE id = ?1")
      .bind(await idOf(text))
      .first<{ status: string; failure: string }>();
    expect(row?.status).toBe("failed");
    expect(row?.failure).toMatch(/attempt 4: Error: synthetic engine failure/);
    const view = (await (await callApp(new Request(`${BASE}/v1/imports/${created.id}`))).json()) as ImportAnswer;
    expect(view).toMatchObject({ pending: 0, status: "done-with-failures", counts: { stored: 1, failed: 1 } });
    await expectConsistent();
    await expectImportsHonest();
  });
});
