import { env, SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256Hex, storedDocumentId, titleFromText } from "../../src/storage/document-identity";
import { BASE } from "../http/fetch-json";
import {
  callApp,
  emptyDatabase,
  expectConsistent,
  interleavedD1,
  PROPERTY_SEED,
  propertyRuns,
  syntheticArticle,
  TOKEN,
  unlimited,
} from "./support";

/**
 * Writes racing each other in one isolate (as one worker serves them): the same text posted by several requests at
 * once is stored once; a delete racing an insert of the same document ends with the document
 * wholly there or wholly gone, and the corpus consistent either way.
 */

// In-process with a limiter that never says no: the write limit (100 per 10 s per token) is not the subject here.
function post(text: string) {
  return callApp(
    new Request(`${BASE}/v1/documents`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/plain" },
      body: text,
    }),
    { WRITE_LIMITER: unlimited },
  );
}

function remove(id: string) {
  return callApp(
    new Request(`${BASE}/v1/documents/${encodeURIComponent(id)}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${TOKEN}` },
    }),
    { WRITE_LIMITER: unlimited },
  );
}

async function idOf(text: string): Promise<string> {
  return storedDocumentId(titleFromText(text), await sha256Hex(text));
}

async function copies(text: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM documents WHERE sha256 = ?1")
    .bind(await sha256Hex(text))
    .first<{ n: number }>();
  return row?.n ?? -1;
}

/** The API and D1 agree on whether the document is there. */
async function expectServedAsStored(id: string): Promise<boolean> {
  const stored = (
    await env.DB.prepare("SELECT count(*) AS n FROM documents WHERE id = ?1").bind(id).first<{ n: number }>()
  )?.n;
  const res = await SELF.fetch(`${BASE}/v1/documents/${encodeURIComponent(id)}`);
  await res.body?.cancel();
  expect(res.status).toBe(stored === 1 ? 200 : 404);
  return stored === 1;
}

describe("concurrent writes", () => {
  it("should store the same text posted by eight concurrent requests once: one 201, seven 200, one id", async () => {
    await emptyDatabase();
    const text = syntheticArticle("concurrent-same-text");
    const responses = await Promise.all(Array.from({ length: 8 }, () => post(text)));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { id: string }[];
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(bodies.map((b) => b.id))).toEqual(new Set([await idOf(text)]));
    expect(await copies(text)).toBe(1);
    await expectConsistent();
  });

  it("should end a delete racing the insert of a new document in one consistent state", async () => {
    await emptyDatabase();
    for (let i = 0; i < 6; i++) {
      const text = syntheticArticle(`race-new-${i}`);
      const id = await idOf(text);
      const [created, deleted] = await Promise.all([post(text), remove(id)]);
      await created.body?.cancel();
      await deleted.body?.cancel();
      expect(created.status).toBe(201);
      expect([204, 404]).toContain(deleted.status);
      // A 204 deleted what the insert stored; a 404 came before it.
      expect(await expectServedAsStored(id)).toBe(deleted.status === 404);
      await expectConsistent();
    }
  });

  it("should end a delete racing a repeated post of a stored document in one consistent state", async () => {
    await emptyDatabase();
    for (let i = 0; i < 6; i++) {
      const text = syntheticArticle(`race-stored-${i}`);
      const id = await idOf(text);
      expect((await post(text)).status).toBe(201);
      const [again, deleted] = await Promise.all([post(text), remove(id)]);
      await again.body?.cancel();
      await deleted.body?.cancel();
      expect([200, 201]).toContain(again.status);
      expect(deleted.status).toBe(204);
      // 201: the post came after the delete and stored the text anew; 200: it saw the old copy.
      expect(await expectServedAsStored(id)).toBe(again.status === 201);
      expect(await copies(text)).toBeLessThanOrEqual(1);
      await expectConsistent();
    }
  });

  it("should keep the corpus consistent through generated batches of concurrent inserts and deletes", async () => {
    const texts = [0, 1, 2].map((i) => syntheticArticle(`race-generated-${i}`));
    const ids = await Promise.all(texts.map(idOf));
    const op = fc.record({
      kind: fc.constantFrom("insert" as const, "delete" as const),
      text: fc.integer({ min: 0, max: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 3 }),
        async (rounds) => {
          await emptyDatabase();
          for (const round of rounds) {
            const responses = await Promise.all(
              round.map((o) => (o.kind === "insert" ? post(texts[o.text] as string) : remove(ids[o.text] as string))),
            );
            for (const [i, res] of responses.entries()) {
              await res.body?.cancel();
              expect(round[i]?.kind === "insert" ? [200, 201] : [204, 404]).toContain(res.status);
            }
            for (const text of texts) expect(await copies(text)).toBeLessThanOrEqual(1);
            await expectConsistent();
          }
        },
      ),
      { numRuns: propertyRuns(8), seed: PROPERTY_SEED, endOnFailure: true },
    );
  }, 300_000);
});

describe("races replayed step by step", () => {
  it("a post whose insert met the same text stored by another request, which a delete then removed, answered 500 'reported as duplicate but not found': now stores it (201)", async () => {
    await emptyDatabase();
    const text = syntheticArticle("duplicate-then-deleted");
    const id = await idOf(text);
    const steps: number[] = [];
    const racing = interleavedD1(env.DB, async (n) => {
      // Batch 0: the lookup (nothing stored). Before batch 1, the insert: another request stores the
      // same text. Before batch 2, the lookup after "duplicate": a delete removes it.
      if (n === 1) steps.push((await post(text)).status);
      if (n === 2) steps.push((await remove(id)).status);
    });
    const res = await callApp(
      new Request(`${BASE}/v1/documents`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/plain" },
        body: text,
      }),
      { DB: racing, WRITE_LIMITER: unlimited },
    );
    expect(steps).toEqual([201, 204]);
    expect(res.status).toBe(201);
    expect(await copies(text)).toBe(1);
    await expectConsistent();
  });

  it("a post that keeps meeting a text stored and deleted by others gives up after three attempts with 409, storing nothing partial", async () => {
    await emptyDatabase();
    const text = syntheticArticle("stored-and-deleted-forever");
    const id = await idOf(text);
    const racing = interleavedD1(env.DB, async (n) => {
      // Before every insert another request stores the text; before every lookup a delete removes it.
      if (n % 2 === 1) await post(text);
      if (n > 0 && n % 2 === 0) await remove(id);
    });
    const res = await callApp(
      new Request(`${BASE}/v1/documents`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/plain" },
        body: text,
      }),
      { DB: racing, WRITE_LIMITER: unlimited },
    );
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ status: 409, type: "urn:stance-desk:problem:write-conflict" });
    await expectConsistent();
  });
});

describe("generated interleavings", () => {
  it("should answer any write with other writes run between its D1 batches without a 5xx, and stay consistent", async () => {
    const texts = [0, 1].map((i) => syntheticArticle(`interleaved-${i}`));
    const ids = await Promise.all(texts.map(idOf));
    // Mostly the first text, so the interlopers write the very document the main request writes.
    const write = fc.record({
      kind: fc.constantFrom("insert" as const, "delete" as const),
      text: fc.constantFrom(0, 0, 0, 1),
    });
    const send = (w: { kind: "insert" | "delete"; text: number }) =>
      w.kind === "insert" ? post(texts[w.text] as string) : remove(ids[w.text] as string);
    await fc.assert(
      fc.asyncProperty(
        fc.array(write, { maxLength: 2 }),
        write,
        fc.array(fc.option(write, { nil: null }), { minLength: 4, maxLength: 4 }),
        async (setup, main, interlopers) => {
          await emptyDatabase();
          for (const w of setup) await (await send(w)).body?.cancel();
          const racing = interleavedD1(env.DB, async (n) => {
            const other = interlopers[n];
            if (other) await (await send(other)).body?.cancel();
          });
          const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "text/plain" };
          const request =
            main.kind === "insert"
              ? new Request(`${BASE}/v1/documents`, { method: "POST", headers, body: texts[main.text] })
              : new Request(`${BASE}/v1/documents/${encodeURIComponent(ids[main.text] as string)}`, {
                  method: "DELETE",
                  headers,
                });
          const res = await callApp(request, { DB: racing, WRITE_LIMITER: unlimited });
          await res.body?.cancel();
          expect(main.kind === "insert" ? [200, 201, 409] : [204, 404]).toContain(res.status);
          for (const text of texts) expect(await copies(text)).toBeLessThanOrEqual(1);
          await expectConsistent();
        },
      ),
      { numRuns: propertyRuns(30), seed: PROPERTY_SEED, endOnFailure: true },
    );
  }, 300_000);
});
