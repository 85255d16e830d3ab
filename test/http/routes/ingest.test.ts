import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../../src/app";
import type { Comparison } from "../../../src/model/comparison";
import type { DocumentMeta, StanceDocument } from "../../../src/model/document";
import type { StanceRecord } from "../../../src/model/record";
import { bundledCorpus } from "../../../src/storage/bundled-corpus";
import { sha256Hex } from "../../../src/storage/document-identity";
import { BASE, expectProblem, getJson, type ProblemBody } from "../fetch-json";

type StoredBody = StanceDocument & { records: StanceRecord[] };

/** SYNTHETIC article: written for these tests, not real reporting. `tag` keeps each text unique. */
function article(tag: string): string {
  return [
    `Synthetic test article ${tag} on chips and crisis lines`,
    "US Secretary of State Antony Blinken said on Monday that “the United States will keep open lines of communication with China to avoid miscalculation and manage competition responsibly.”",
    "Chinese Foreign Ministry spokesman Wang Wenbin said that “China firmly opposes the US export controls on chips, which undermine cooperation and violate market rules.”",
    "",
  ].join("\n\n");
}

interface PostOptions {
  token?: string | null;
  contentType?: string;
  ip?: string;
}

function post(body: string, { token = env.INGEST_TOKEN, contentType = "text/plain", ip }: PostOptions = {}) {
  const headers: Record<string, string> = { "content-type": contentType };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (ip) headers["cf-connecting-ip"] = ip;
  return SELF.fetch(`${BASE}/v1/documents`, { method: "POST", headers, body });
}

function remove(id: string, token: string | null = env.INGEST_TOKEN) {
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  return SELF.fetch(`${BASE}/v1/documents/${encodeURIComponent(id)}`, { method: "DELETE", headers });
}

const version = async () => (await getJson<{ corpusVersion: string }>("/v1/health")).body.corpusVersion;

describe("POST and DELETE /v1/documents", () => {
  it("should store, serve and delete a document through the whole cycle", async () => {
    const text = article("cycle");
    const created = await post(text);
    expect(created.status).toBe(201);
    const doc = (await created.json()) as StoredBody;
    expect(created.headers.get("location")).toBe(`/v1/documents/${doc.id}`);
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect(doc.origin).toBe("stored");
    expect(doc.text).toBe(text);
    expect(doc.sha256).toBe(await sha256Hex(text));
    expect(doc.records.map((r) => r.actor).sort()).toEqual(["CN", "US"]);
    for (const r of doc.records) expect(text.slice(r.span.start, r.span.end)).toBe(r.quote);

    const fetched = await getJson<StoredBody>(created.headers.get("location") ?? "");
    expect(fetched.res.status).toBe(200);
    expect(fetched.body).toEqual(doc);
    const compare = await getJson<Comparison>("/v1/compare?topic=technology-export-controls");
    expect(compare.body.topics[0]?.b.records.some((r) => r.documentId === doc.id)).toBe(true);

    expect((await remove(doc.id)).status).toBe(204);
    expect((await getJson(`/v1/documents/${doc.id}`)).res.status).toBe(404);
    const again = await remove(doc.id);
    expect(again.status).toBe(404);
    expectProblem(again);
    const after = await getJson<Comparison>("/v1/compare?topic=technology-export-controls");
    expect(after.body.topics[0]?.b.records.some((r) => r.documentId === doc.id)).toBe(false);
  });

  it("should answer the same text again with 200 and the same id, without touching the corpus version", async () => {
    const text = article("idempotent");
    const first = (await (await post(text)).json()) as StoredBody;
    const before = await version();
    const again = await post(JSON.stringify({ text, title: "A different title" }), { contentType: "application/json" });
    expect(again.status).toBe(200);
    expect(again.headers.get("location")).toBeNull();
    const body = (await again.json()) as StoredBody;
    expect(body.id).toBe(first.id);
    expect(body.title).toBe(first.title);
    expect(body.records).toEqual(first.records);
    expect(await version()).toBe(before);
    const listed = await getJson<{ documents: DocumentMeta[] }>("/v1/documents?limit=200");
    expect(listed.body.documents.filter((d) => d.sha256 === first.sha256)).toHaveLength(1);
  });

  it("should answer a bundled document's text with 200 and the bundled id", async () => {
    const bundled = bundledCorpus().documents[0];
    if (!bundled) throw new Error("no bundled document");
    const res = await post(bundled.text);
    expect(res.status).toBe(200);
    const body = (await res.json()) as StoredBody;
    expect(body.id).toBe(bundled.id);
    expect(body.origin).toBe("bundled");
  });

  it("should store the text exactly as sent, with JSON metadata", async () => {
    // CRLF, a non-breaking space, curly quotes and an emoji: all must come back byte for byte.
    const text = `${article("exact")}\r\nA closing line\u00a0with an emoji 🌏 and “quotes”.\r\n`;
    const res = await post(
      JSON.stringify({
        text,
        title: "Synthetic exactness",
        source: "Synthetic Wire",
        publishedAt: "2024-02-29",
        synthetic: true,
        notes: "Written for the tests.",
      }),
      { contentType: "application/json" },
    );
    expect(res.status).toBe(201);
    const doc = (await res.json()) as StoredBody;
    const fetched = (await getJson<StoredBody>(`/v1/documents/${doc.id}`)).body;
    expect(fetched.text).toBe(text);
    expect(fetched.length).toBe(text.length);
    expect(fetched).toMatchObject({
      title: "Synthetic exactness",
      source: "Synthetic Wire",
      publishedAt: "2024-02-29",
      synthetic: true,
      notes: "Written for the tests.",
    });
    const filtered = await getJson<{ documents: DocumentMeta[] }>(
      "/v1/documents?source=synthetic%20wire&from=2024-02-01",
    );
    expect(filtered.body.documents.map((d) => d.id)).toEqual([doc.id]);
  });

  it("should change the ETag of a read after a write", async () => {
    const first = await SELF.fetch(`${BASE}/v1/documents`);
    const etag = first.headers.get("etag") ?? "";
    expect((await SELF.fetch(`${BASE}/v1/documents`, { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await post(article("etag"))).status).toBe(201);
    const after = await SELF.fetch(`${BASE}/v1/documents`, { headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
  });

  it("should refuse to delete a bundled document with 409", async () => {
    const res = await remove("blinken-china-visit-2023-06-17");
    expect(res.status).toBe(409);
    expectProblem(res);
    expect((await getJson("/v1/documents/blinken-china-visit-2023-06-17")).res.status).toBe(200);
  });
});

describe("write authorisation", () => {
  it("should answer 401 with WWW-Authenticate without a token and store nothing", async () => {
    const text = article("no token");
    const res = await post(text, { token: null });
    expect(res.status).toBe(401);
    expectProblem(res);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
    const basic = await SELF.fetch(`${BASE}/v1/documents`, {
      method: "POST",
      headers: { authorization: "Basic dXNlcjpwYXNz", "content-type": "text/plain" },
      body: text,
    });
    expect(basic.status).toBe(401);
    expect((await remove("anything", null)).status).toBe(401);
    const listed = await getJson<{ documents: DocumentMeta[] }>("/v1/documents?limit=200");
    expect(listed.body.documents.some((d) => d.title.includes("no token"))).toBe(false);
  });

  it("should answer 403 to a wrong token, including one that shares a prefix with the right one", async () => {
    for (const token of ["wrong", `${env.INGEST_TOKEN}x`, env.INGEST_TOKEN.slice(0, -1)]) {
      const res = await post(article("wrong token"), { token });
      expect(res.status).toBe(403);
      expectProblem(res);
    }
    expect((await remove("anything", "wrong")).status).toBe(403);
  });
});

describe("write input limits (the same as /v1/analyze)", () => {
  const cases: [string, () => Promise<Response>, number, string?][] = [
    ["an empty text", () => post("   \n  "), 400],
    ["malformed JSON", () => post('{"text": "abc', { contentType: "application/json" }), 400],
    ["a text over 200,000 characters", () => post("Synthetic words said here. ".repeat(8000)), 413],
    ["a body over 1 MiB", () => post("x".repeat(1024 * 1024 + 1)), 413],
    ["another content type", () => post("text=abc", { contentType: "application/x-www-form-urlencoded" }), 415],
    [
      "a language other than English",
      () => post(JSON.stringify({ text: article("fr"), language: "fr" }), { contentType: "application/json" }),
      422,
    ],
    [
      "an unpaired surrogate, which cannot be stored exactly",
      () =>
        post(`{"text": ${JSON.stringify(article("surrogate")).replace(/"$/, '\\ud800"')}}`, {
          contentType: "application/json",
        }),
      422,
      "urn:stance-desk:problem:unstorable-text",
    ],
    ...["2024-13-45", "2023-02-29", "9999-12-31T::Z", "9999-12-31", "2024-05-01T10:00:00"].map(
      (publishedAt): [string, () => Promise<Response>, number, string?] => [
        `publishedAt ${publishedAt} (no real day, a year outside 1900–2100, or a time without offset)`,
        () =>
          post(JSON.stringify({ text: article(`date ${publishedAt}`), publishedAt }), {
            contentType: "application/json",
          }),
        400,
        "urn:stance-desk:problem:validation",
      ],
    ),
    [
      "a wrongly typed extra field",
      () => post(JSON.stringify({ text: article("extras"), synthetic: "yes" }), { contentType: "application/json" }),
      400,
    ],
  ];
  for (const [what, send, status, type] of cases) {
    it(`should answer ${status} to ${what} and store nothing`, async () => {
      const before = await version();
      const res = await send();
      expect(res.status).toBe(status);
      expectProblem(res);
      const problem = (await res.json()) as ProblemBody;
      expect(problem.status).toBe(status);
      if (type) expect(problem.type).toBe(type);
      expect(await version()).toBe(before);
    });
  }
});

describe("write rate limit", () => {
  it("should answer 429 with Retry-After once a client has used up its window", async () => {
    // Failed attempts are counted per client IP (the binding's window is 100 per 10 s; crossing one
    // window boundary at most means 250 attempts always reach the limit).
    let limited: Response | undefined;
    for (let i = 0; i < 250 && !limited; i++) {
      const res = await post("synthetic", { token: "guess", ip: "198.51.100.7" });
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(403);
    }
    expect(limited?.headers.get("retry-after")).toMatch(/^\d+$/);
    if (limited) expectProblem(limited);
    // Another client is not affected.
    expect((await post("synthetic", { token: "guess", ip: "198.51.100.8" })).status).toBe(403);
  });

  it("should limit an authenticated writer per token", async () => {
    const keys: string[] = [];
    const exhausted: RateLimit = {
      limit: async ({ key }) => {
        keys.push(key);
        return { success: false };
      },
    };
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request(`${BASE}/v1/documents`, {
        method: "POST",
        headers: { authorization: `Bearer ${env.INGEST_TOKEN}`, "content-type": "text/plain" },
        body: article("limited"),
      }),
      { ...env, WRITE_LIMITER: exhausted },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("10");
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^token:[0-9a-f]{24}$/);
    expect(keys[0]).not.toContain(env.INGEST_TOKEN);
  });
});

describe("writes without a DB binding", () => {
  for (const [method, path] of [
    ["POST", "/v1/documents"],
    ["DELETE", "/v1/documents/some-id"],
  ] as const) {
    it(`should answer ${method} with 503 "storage not configured"`, async () => {
      const ctx = createExecutionContext();
      const res = await app.fetch(
        new Request(`${BASE}${path}`, {
          method,
          headers: { authorization: `Bearer ${env.INGEST_TOKEN}`, "content-type": "text/plain" },
          body: method === "POST" ? article("no db") : undefined,
        }),
        { ...env, DB: undefined },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      expect(res.status).toBe(503);
      expectProblem(res);
      expect(((await res.json()) as ProblemBody).detail).toContain("storage not configured");
    });
  }
});
