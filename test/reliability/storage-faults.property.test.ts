import { env } from "cloudflare:test";
import fc from "fast-check";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sha256Hex, storedDocumentId, titleFromText } from "../../src/storage/document-identity";
import { BASE } from "../http/fetch-json";
import {
  type BatchFault,
  callApp,
  databaseDigest,
  emptyDatabase,
  expectConsistent,
  faultyD1,
  PROPERTY_SEED,
  propertyRuns,
  syntheticArticle,
  TOKEN,
  unlimited,
  unreachableD1,
} from "./support";

/**
 * Fault injection around D1 on the write paths (POST and DELETE /v1/documents): a batch that
 * fails part-way, one that never reaches the database, one that commits but whose answer is lost.
 * Whatever happens, the stored corpus stays consistent (no partial document, no orphan, aggregates
 * equal to a recomputation); a write that failed before committing changes nothing at all.
 */

const TEXTS = [0, 1, 2, 3].map((i) => syntheticArticle(`fault-${i}`));

const fault: fc.Arbitrary<BatchFault | null> = fc.option(
  fc.record({
    batch: fc.integer({ min: 0, max: 2 }),
    mode: fc.constantFrom("statement" as const, "rejected" as const, "lost-reply" as const),
    at: fc.integer({ min: 0, max: 24 }),
  }),
  { freq: 4, nil: null },
);
const operation = fc.record({
  kind: fc.constantFrom("insert" as const, "delete" as const),
  text: fc.integer({ min: 0, max: TEXTS.length - 1 }),
  fault,
});

async function idOf(text: string): Promise<string> {
  return storedDocumentId(titleFromText(text), await sha256Hex(text));
}

function request(kind: "insert" | "delete", text: string, id: string): Request {
  const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "text/plain" };
  return kind === "insert"
    ? new Request(`${BASE}/v1/documents`, { method: "POST", headers, body: text })
    : new Request(`${BASE}/v1/documents/${encodeURIComponent(id)}`, { method: "DELETE", headers });
}

async function storedIds(): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT id FROM documents ORDER BY id").all<{ id: string }>();
  return results.map((r) => r.id);
}

// The worker logs every storage failure for the operator: expected here, and noise in the test output.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

describe("D1 faults on the write paths", () => {
  it("should leave the corpus consistent, and unchanged by any write that did not commit", async () => {
    const ids = await Promise.all(TEXTS.map(idOf));
    const failedModes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 6 }), async (operations) => {
        await emptyDatabase();
        const model = new Set<string>();
        for (const op of operations) {
          const text = TEXTS[op.text] as string;
          const id = ids[op.text] as string;
          const before = await databaseDigest();
          const hits = { fired: 0 };
          const res = await callApp(request(op.kind, text, id), {
            DB: faultyD1(env.DB, op.fault, hits),
            WRITE_LIMITER: unlimited,
          });
          const allowed = op.kind === "insert" ? [200, 201, 503] : [204, 404, 503];
          expect(allowed, `${op.kind} answered ${res.status}`).toContain(res.status);
          if (res.status === 503) {
            expect(hits.fired).toBe(1);
            failedModes.add(`${op.kind}:${op.fault?.mode}`);
            expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
            expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
            expect(((await res.json()) as { status: number }).status).toBe(503);
            if (op.fault?.mode !== "lost-reply") expect(await databaseDigest()).toBe(before);
          } else {
            await res.body?.cancel();
          }
          if (res.status === 201 || res.status === 200) model.add(id);
          if (res.status === 204 || res.status === 404) model.delete(id);
          // A lost reply may have committed: the stored state decides, and must be whole either way.
          if (res.status === 503 && op.fault?.mode === "lost-reply") {
            if ((await storedIds()).includes(id)) model.add(id);
            else model.delete(id);
          }
          expect(await storedIds()).toEqual([...model].sort());
          await expectConsistent();
        }
      }),
      { numRuns: propertyRuns(16), seed: PROPERTY_SEED, endOnFailure: true },
    );
    // The generated faults did reach both write paths in every mode.
    expect([...failedModes].sort()).toEqual(
      ["delete", "insert"].flatMap((k) => ["lost-reply", "rejected", "statement"].map((m) => `${k}:${m}`)),
    );
  }, 300_000);

  it("should retry a lost-reply insert as the same document (200), never a second copy", async () => {
    await emptyDatabase();
    const text = syntheticArticle("lost-reply-retry");
    const lost = await callApp(request("insert", text, ""), {
      DB: faultyD1(env.DB, { batch: 1, mode: "lost-reply", at: 0 }),
      WRITE_LIMITER: unlimited,
    });
    expect(lost.status).toBe(503);
    const retry = await callApp(request("insert", text, ""), { WRITE_LIMITER: unlimited });
    expect(retry.status).toBe(200);
    expect(await storedIds()).toEqual([await idOf(text)]);
    await expectConsistent();
  });
});

/** Every read route, with a query that is valid, while D1 answers nothing. */
const READS = [
  "/",
  "/documents/blinken-china-visit-2023-06-17",
  "/documents/stored-missing-0123456789ab",
  "/v1/health",
  "/v1/actors",
  "/v1/topics",
  "/v1/topics/taiwan",
  "/v1/topics/taiwan/compare",
  "/v1/topics/taiwan/timeline",
  "/v1/frames",
  "/v1/compare",
  "/v1/compare?topic=taiwan&from=2023-01-01",
  "/v1/terms",
  "/v1/records",
  "/v1/records?actor=CN&limit=3",
  "/v1/documents",
  "/v1/documents/blinken-china-visit-2023-06-17",
  "/openapi.json",
  "/docs",
];

describe("reads while D1 is unreachable", () => {
  it("should answer every read with its page, a kept copy or a 503, never another 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...READS),
        fc.constantFrom("text/html", "application/json", "*/*"),
        async (path, accept) => {
          const res = await callApp(new Request(`${BASE}${path}`, { headers: { accept } }), {
            DB: unreachableD1(env.DB),
          });
          expect(res.status === 503 || res.status < 500, `${path}: ${res.status}`).toBe(true);
          const type = res.headers.get("content-type") ?? "";
          if (res.status === 503) {
            if (path.startsWith("/v1/")) {
              expect(type).toMatch(/^application\/problem\+json/);
              expect(((await res.json()) as { status: number }).status).toBe(503);
            } else {
              expect(type).toMatch(/^text\/html|^application\/problem\+json/);
              await res.body?.cancel();
            }
          } else {
            await res.body?.cancel();
          }
        },
      ),
      { numRuns: propertyRuns(40), seed: PROPERTY_SEED, endOnFailure: true },
    );
  }, 120_000);
});
