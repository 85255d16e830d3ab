import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../../src/app";
import type { Comparison, TopicComparison } from "../../../src/model/comparison";
import type { DocumentMeta } from "../../../src/model/document";
import type { StanceRecord } from "../../../src/model/record";
import type { Timeline } from "../../../src/model/timeline";
import { insertDocument, type SyntheticRecord, syntheticDocument } from "../../storage/synthetic-documents";
import { BASE, expectProblem, getJson, type ProblemBody } from "../fetch-json";

/** Stores a SYNTHETIC document straight through the repository (the write endpoint has its own tests). */
async function store(
  title: string,
  meta: { source?: string; publishedAt?: string },
  records: SyntheticRecord[],
): Promise<string> {
  const text = `${title}. ${records.map((r) => `Someone said “${r.quote}”.`).join(" ")} (synthetic test text)`;
  const doc = await syntheticDocument(text, { title, ...meta }, records);
  expect(await insertDocument(env.DB, doc.document, doc.records)).toBe("inserted");
  return doc.document.id;
}

const uniqueSource = () => `Synthetic Wire ${crypto.randomUUID()}`;

interface Page {
  nextCursor: string | null;
  total: number;
}
type RecordPage = Page & { records: StanceRecord[] };
type DocumentPage = Page & { documents: DocumentMeta[] };

describe("reads over bundled + stored documents", () => {
  it("should serve a stored document on every read endpoint next to the bundled ones", async () => {
    const source = uniqueSource();
    const before = (await getJson<{ topics: { id: string; counts: Record<string, number> }[] }>("/v1/topics")).body;
    const id = await store("Synthetic everywhere", { source, publishedAt: "2024-03-05" }, [
      {
        quote: "we must manage the competition responsibly",
        actor: "US",
        topics: ["strategic-competition"],
        posture: 0.2,
      },
      { quote: "the Taiwan question is at the core of our interests", actor: "CN", topics: ["taiwan"], posture: -0.6 },
    ]);

    const docs = await getJson<DocumentPage>("/v1/documents?limit=200");
    expect(docs.body.documents.find((d) => d.id === id)?.origin).toBe("stored");
    expect(docs.body.documents.some((d) => d.origin === "bundled")).toBe(true);

    const one = await getJson<DocumentMeta & { text: string; records: StanceRecord[] }>(`/v1/documents/${id}`);
    expect(one.res.status).toBe(200);
    for (const r of one.body.records) expect(one.body.text.slice(r.span.start, r.span.end)).toBe(r.quote);

    const records = await getJson<RecordPage>(`/v1/records?document=${id}`);
    expect(records.body.records.map((r) => r.actor)).toEqual(["US", "CN"]);

    const compare = await getJson<Comparison>("/v1/compare");
    const taiwan = compare.body.topics.find((t) => t.topic.id === "taiwan");
    expect(taiwan?.b.records.some((r) => r.documentId === id)).toBe(true);

    const topic = await getJson<TopicComparison>("/v1/topics/strategic-competition/compare");
    expect(topic.body.a.records.some((r) => r.documentId === id)).toBe(true);
    // The bundled evidence is still there next to the stored one.
    expect(topic.body.a.records.some((r) => r.documentId === "blinken-china-visit-2023-06-17")).toBe(true);

    const after = (await getJson<{ topics: { id: string; counts: Record<string, number> }[] }>("/v1/topics")).body;
    const count = (body: typeof before, topicId: string, actor: string) =>
      body.topics.find((t) => t.id === topicId)?.counts[actor] ?? 0;
    expect(count(after, "taiwan", "CN")).toBe(count(before, "taiwan", "CN") + 1);
  });

  it("should filter records, documents and comparisons by publication date and source", async () => {
    const source = uniqueSource();
    const early = await store("Synthetic filter early", { source, publishedAt: "2021-01-15" }, [
      {
        quote: "climate cooperation is a shared responsibility",
        actor: "US",
        topics: ["climate-change"],
        posture: 0.7,
      },
    ]);
    const late = await store("Synthetic filter late", { source, publishedAt: "2021-06-30T09:00:00Z" }, [
      { quote: "climate finance promises must be kept", actor: "CN", topics: ["climate-change"], posture: 0.1 },
    ]);
    const q = `source=${encodeURIComponent(source.toUpperCase())}`; // source matching ignores case

    const all = await getJson<DocumentPage>(`/v1/documents?${q}`);
    expect(all.body.documents.map((d) => d.id).sort()).toEqual([early, late].sort());
    expect(all.body.total).toBe(2);

    const firstHalf = await getJson<RecordPage>(`/v1/records?${q}&from=2021-01-01&to=2021-03-31`);
    expect(firstHalf.body.records.map((r) => r.documentId)).toEqual([early]);
    const lastDay = await getJson<RecordPage>(`/v1/records?${q}&from=2021-06-30&to=2021-06-30`);
    expect(lastDay.body.records.map((r) => r.documentId)).toEqual([late]);

    const compare = await getJson<Comparison>(`/v1/compare?${q}&from=2021-06-01`);
    expect(compare.body.topics.map((t) => t.topic.id)).toEqual(["climate-change"]);
    expect(compare.body.topics[0]?.a.recordCount).toBe(0);
    expect(compare.body.topics[0]?.b.records.map((r) => r.documentId)).toEqual([late]);

    const topic = await getJson<TopicComparison>(`/v1/topics/climate-change/compare?${q}&to=2021-02-01`);
    expect(topic.body.a.records.map((r) => r.documentId)).toEqual([early]);
    expect(topic.body.b.note).toBe("no statement in the corpus");

    // A document filter outside the date range is an empty page, not an unknown document.
    const outside = await getJson<RecordPage>(`/v1/records?document=${early}&from=2022-01-01`);
    expect(outside.res.status).toBe(200);
    expect(outside.body.records).toEqual([]);
  });

  it("should reject an inverted date range and a malformed date with 400 problems", async () => {
    const inverted = await getJson<ProblemBody>("/v1/compare?from=2024-02-01&to=2024-01-01");
    expect(inverted.res.status).toBe(400);
    expectProblem(inverted.res);
    expect(inverted.body.detail).toContain("after");
    const malformed = await getJson<ProblemBody>("/v1/records?from=last-week");
    expect(malformed.res.status).toBe(400);
    expectProblem(malformed.res);
  });

  it("should give each side's mean posture and record count per month in the timeline", async () => {
    const source = uniqueSource();
    await store("Synthetic timeline one", { source, publishedAt: "2020-01-10" }, [
      {
        quote: "export controls protect our security",
        actor: "US",
        topics: ["technology-export-controls"],
        posture: -0.4,
      },
      {
        quote: "export controls are abuse of state power",
        actor: "CN",
        topics: ["technology-export-controls"],
        posture: -0.8,
      },
    ]);
    await store("Synthetic timeline two", { source, publishedAt: "2020-03-02" }, [
      { quote: "we seek no decoupling on chips", actor: "US", topics: ["technology-export-controls"], posture: 0.2 },
      {
        quote: "targeted controls on chips remain",
        actor: "US",
        topics: ["technology-export-controls"],
        posture: -0.2,
      },
    ]);
    await store("Synthetic timeline undated", { source }, [
      { quote: "chip rules will tighten", actor: "US", topics: ["technology-export-controls"], posture: -0.5 },
    ]);
    const { res, body } = await getJson<Timeline>(
      `/v1/topics/technology-export-controls/timeline?a=US&b=CN&source=${encodeURIComponent(source)}`,
    );
    expect(res.status).toBe(200);
    expect(body.months).toEqual([
      { month: "2020-01", a: { recordCount: 1, meanPosture: -0.4 }, b: { recordCount: 1, meanPosture: -0.8 } },
      { month: "2020-02", a: { recordCount: 0, meanPosture: null }, b: { recordCount: 0, meanPosture: null } },
      { month: "2020-03", a: { recordCount: 2, meanPosture: 0 }, b: { recordCount: 0, meanPosture: null } },
    ]);
    expect(body.undated).toEqual({ a: 1, b: 0 });
    expect(body.topic.id).toBe("technology-export-controls");

    const unknown = await getJson<ProblemBody>("/v1/topics/tariffs/timeline");
    expect(unknown.res.status).toBe(404);
  });

  it("should page without duplicates or skips while documents are inserted between pages", async () => {
    const source = uniqueSource();
    const topics: SyntheticRecord["topics"] = ["people-to-people"];
    for (const title of ["Synthetic page b", "Synthetic page d", "Synthetic page f", "Synthetic page h"]) {
      await store(title, { source }, [
        { quote: `${title} first exchange`, actor: "US", topics, posture: 0.5 },
        { quote: `${title} second exchange`, actor: "CN", topics, posture: 0.5 },
      ]);
    }
    const q = `source=${encodeURIComponent(source)}&limit=3`;
    const everything = (await getJson<RecordPage>(`/v1/records?source=${encodeURIComponent(source)}&limit=200`)).body;
    const before = everything.records.map((r) => r.id);
    expect(before).toHaveLength(8);

    const seen: string[] = [];
    let page = (await getJson<RecordPage>(`/v1/records?${q}`)).body;
    seen.push(...page.records.map((r) => r.id));
    // Inserted while the client is paging: one sorts before the cursor, one after it.
    const insertedBefore = await store("Synthetic page a", { source }, [
      { quote: "Synthetic page a exchange", actor: "US", topics, posture: 0.5 },
    ]);
    const insertedAfter = await store("Synthetic page z", { source }, [
      { quote: "Synthetic page z exchange", actor: "US", topics, posture: 0.5 },
    ]);
    while (page.nextCursor) {
      page = (await getJson<RecordPage>(`/v1/records?${q}&cursor=${page.nextCursor}`)).body;
      seen.push(...page.records.map((r) => r.id));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => before.includes(id))).toEqual(before);
    // Keyset pagination: what sorts after the cursor shows up, what sorts before it does not.
    expect(seen.some((id) => id.startsWith(insertedAfter))).toBe(true);
    expect(seen.some((id) => id.startsWith(insertedBefore))).toBe(false);
  });
});

describe("evidence per side", () => {
  it("should cap the quotes per side to the most recent while the counts cover every record", async () => {
    const source = uniqueSource();
    for (let month = 1; month <= 12; month++) {
      await store(`Synthetic evidence ${month}`, { source, publishedAt: `2022-${String(month).padStart(2, "0")}-01` }, [
        { quote: `visa policy statement ${month}`, actor: "US", topics: ["people-to-people"], posture: 0.5 },
      ]);
    }
    const q = `source=${encodeURIComponent(source)}`;
    const capped = (await getJson<TopicComparison>(`/v1/topics/people-to-people/compare?${q}`)).body;
    expect(capped.a.recordCount).toBe(12);
    expect(capped.a.records).toHaveLength(10);
    expect(capped.a.records.at(-1)?.quote).toBe("visa policy statement 12");
    expect(capped.a.records[0]?.quote).toBe("visa policy statement 3");
    const two = (await getJson<Comparison>(`/v1/compare?${q}&evidence=2`)).body.topics[0];
    expect(two?.a.records.map((r) => r.quote)).toEqual(["visa policy statement 11", "visa policy statement 12"]);
    expect(two?.a.recordCount).toBe(12);
    expect((await getJson(`/v1/compare?${q}&evidence=501`)).res.status).toBe(400);
  });
});

describe("ETags and the Cache API over the stored corpus", () => {
  it("should keep the ETag while nothing changes and change it when the stored corpus changes", async () => {
    const source = uniqueSource();
    await store("Synthetic etag one", { source }, [
      { quote: "we value the dialogue", actor: "US", topics: ["crisis-communication"], posture: 0.5 },
    ]);
    const url = `/v1/documents?source=${encodeURIComponent(source)}`;
    const first = await SELF.fetch(`${BASE}${url}`);
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await SELF.fetch(`${BASE}${url}`, { headers: { "if-none-match": etag ?? "" } });
    expect(again.status).toBe(304);

    // A write elsewhere changes the corpus version but not this response: same validator.
    await store("Synthetic etag elsewhere", { source: uniqueSource() }, []);
    expect((await SELF.fetch(`${BASE}${url}`, { headers: { "if-none-match": etag ?? "" } })).status).toBe(304);

    await store("Synthetic etag two", { source }, []);
    const changed = await SELF.fetch(`${BASE}${url}`, { headers: { "if-none-match": etag ?? "" } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(((await changed.json()) as DocumentPage).documents).toHaveLength(2);
  });

  it("should never serve a cached comparison from before a write", async () => {
    const source = uniqueSource();
    const url = `${BASE}/v1/topics/counternarcotics/compare?source=${encodeURIComponent(source)}`;
    const empty = (await (await SELF.fetch(url)).json()) as TopicComparison;
    expect(empty.a.recordCount).toBe(0);
    // A second read is answered from the Cache API (same version); it must still be the same answer.
    expect(((await (await SELF.fetch(url)).json()) as TopicComparison).a.recordCount).toBe(0);

    await store("Synthetic cache", { source }, [
      { quote: "fentanyl precursors must be controlled", actor: "US", topics: ["counternarcotics"], posture: 0.1 },
    ]);
    const fresh = (await (await SELF.fetch(url)).json()) as TopicComparison;
    expect(fresh.a.recordCount).toBe(1);
  });
});

describe("without a DB binding", () => {
  it("should serve the bundled corpus on reads", async () => {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(`${BASE}/v1/documents`), { ...env, DB: undefined }, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    const body = (await res.json()) as DocumentPage;
    expect(body.documents.length).toBeGreaterThan(0);
    expect(body.documents.every((d) => d.origin === "bundled")).toBe(true);
  });
});

/** A D1 binding whose every query fails with `message`, as a real one does before migrations. */
function failingDb(message: string): D1Database {
  const statement = {
    bind: () => statement,
    first: () => Promise.reject(new Error(message)),
    all: () => Promise.reject(new Error(message)),
    raw: () => Promise.reject(new Error(message)),
    run: () => Promise.reject(new Error(message)),
  };
  return { prepare: () => statement, batch: () => Promise.reject(new Error(message)) } as unknown as D1Database;
}

describe("with a DB binding that fails", () => {
  async function call(db: D1Database, path: string, init?: RequestInit): Promise<Response> {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(`${BASE}${path}`, init), { ...env, DB: db }, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  }
  const noTables = () => failingDb("D1_ERROR: no such table: corpus_version: SQLITE_ERROR");
  const unreachable = () => failingDb("D1_ERROR: Network connection lost at 10.0.0.7");

  it("should serve the bundled corpus on reads when the migrations were never applied", async () => {
    const res = await call(noTables(), "/v1/compare");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Comparison;
    expect(body.topics.some((t) => t.topic.id === "strategic-competition")).toBe(true);
    const page = await call(noTables(), "/", { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
  });

  it("should say in /v1/health that storage is not set up, naming the command", async () => {
    const res = await call(noTables(), "/v1/health");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { storage: string; storageDetail: string };
    expect(body.storage).toBe("not-set-up");
    expect(body.storageDetail).toContain("wrangler d1 migrations apply DB --local");
  });

  it("should answer writes with 503 naming the migration command when there are no tables", async () => {
    const res = await call(noTables(), "/v1/documents", {
      method: "POST",
      headers: { authorization: `Bearer ${env.INGEST_TOKEN}`, "content-type": "text/plain" },
      body: "Synthetic text for a store without tables: the US said it will keep talking.",
    });
    expect(res.status).toBe(503);
    expectProblem(res);
    const body = (await res.json()) as ProblemBody;
    expect(body.type).toBe("urn:stance-desk:problem:storage-not-set-up");
    expect(body.detail).toContain("wrangler d1 migrations apply DB --local");
    expect(res.headers.get("retry-after")).toBeNull();
  });

  it("should answer 503 with Retry-After, and no internals, when the store is unreachable and nothing is kept", async () => {
    const res = await call(unreachable(), `/v1/records?limit=3&cursor=&kind=narration&source=${crypto.randomUUID()}`);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const body = (await res.json()) as ProblemBody;
    expect(body.detail).toBe("The document store is unavailable. Try again shortly.");
    expect(JSON.stringify(body)).not.toContain("10.0.0.7");
  });

  it("should serve a kept copy when the store fails, saying so in a header (stale-if-error)", async () => {
    const path = `/v1/compare?topic=taiwan&evidence=${(Date.now() % 400) + 7}`;
    const fresh = await call(env.DB, path);
    expect(fresh.status).toBe(200);
    const freshBody = await fresh.text();
    const stale = await call(unreachable(), path);
    expect(stale.status).toBe(200);
    expect(stale.headers.get("stance-desk-stale")).toBe("storage-unavailable");
    expect(await stale.text()).toBe(freshBody);
  });
});
