import { env, SELF } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { BASE, getJson } from "../http/fetch-json";
import { getImport, type ImportBody, ndjson, postImport, syntheticArticle } from "./helpers";

describe("POST /v1/imports", () => {
  it("should store new texts as pending, queue them, and report invalid lines by number", async () => {
    const body = [
      JSON.stringify({ text: syntheticArticle("route-a"), title: "Synthetic import A", synthetic: true }),
      "{not json",
      "",
      JSON.stringify({ title: "no text" }),
      JSON.stringify({ text: syntheticArticle("route-b"), publishedAt: "2023-06-19", synthetic: true }),
      JSON.stringify({ text: syntheticArticle("route-a"), title: "Synthetic import A again", synthetic: true }),
      JSON.stringify({ text: "   " }),
    ].join("\n");
    const res = await postImport(body);
    expect(res.status).toBe(202);
    const created = (await res.json()) as ImportBody;
    expect(res.headers.get("location")).toBe(`/v1/imports/${created.id}`);
    expect(created.counts).toMatchObject({ lines: 6, stored: 2, duplicate: 1, invalid: 3 });
    expect(created.failures.map((f) => f.line)).toEqual([2, 4, 7]);
    expect(created.failures[0]?.reason).toMatch(/not valid JSON/);
    expect(created.failures[1]?.reason).toMatch(/^text: /);
    expect(created.failures[2]?.reason).toMatch(/empty/);

    // The simulated queue delivers the jobs to this worker's consumer.
    await vi.waitFor(
      async () => {
        const { body: progress } = await getImport(created.id);
        expect(progress.counts.analyzed).toBe(2);
      },
      { timeout: 20_000, interval: 200 },
    );
    const { res: polled, body: done } = await getImport(created.id);
    expect(polled.headers.get("cache-control")).toBe("no-store");
    expect(done.status).toBe("done-with-failures");
    const docs = await env.DB.prepare(
      "SELECT id, status, engine_version FROM documents WHERE id IN (SELECT document_id FROM import_items WHERE import_id = ?1)",
    )
      .bind(created.id)
      .all<{ id: string; status: string; engine_version: string }>();
    expect(docs.results.map((d) => d.status)).toEqual(["analyzed", "analyzed"]);
    for (const d of docs.results) {
      const { body: doc } = await getJson<{
        text: string;
        analysis: { status: string };
        records: { quote: string; span: { start: number; end: number } }[];
      }>(`/v1/documents/${d.id}`);
      expect(doc.analysis.status).toBe("analyzed");
      expect(doc.records.length).toBeGreaterThan(0);
      for (const r of doc.records) expect(doc.text.slice(r.span.start, r.span.end)).toBe(r.quote);
    }
  });

  it("should answer 415 to another content type and 401 without a token", async () => {
    const lines = ndjson([{ text: syntheticArticle("route-415") }]);
    expect((await postImport(lines, { contentType: "application/json" })).status).toBe(415);
    expect((await postImport(lines, { token: null, ip: "198.51.100.7" })).status).toBe(401);
  });

  it("should answer 413 to more lines than the limit, storing nothing", async () => {
    const lines = Array.from({ length: 1001 }, (_, i) => ({ text: `${syntheticArticle(`limit-${i}`)}` }));
    const res = await postImport(ndjson(lines));
    expect(res.status).toBe(413);
    const row = await env.DB.prepare(
      "SELECT count(*) AS n FROM documents WHERE title LIKE 'Synthetic import test article limit-%'",
    ).first("n");
    expect(row).toBe(0);
  });

  it("should queue known texts that are not analysed yet again, and count them as duplicates", async () => {
    const text = syntheticArticle("route-requeue");
    const first = (await (await postImport(ndjson([{ text, synthetic: true }]))).json()) as ImportBody;
    await vi.waitFor(async () => expect((await getImport(first.id)).body.status).toBe("done"), {
      timeout: 20_000,
      interval: 200,
    });
    // As if an older engine had analysed it.
    await env.DB.prepare(
      "UPDATE documents SET engine_version = 'older' WHERE sha256 = (SELECT sha256 FROM documents WHERE text = ?1)",
    )
      .bind(text)
      .run();
    const again = (await (await postImport(ndjson([{ text }]))).json()) as ImportBody;
    expect(again.counts).toMatchObject({ lines: 1, stored: 0, duplicate: 1 });
    await vi.waitFor(async () => expect((await getImport(again.id)).body.counts.analyzed).toBe(1), {
      timeout: 20_000,
      interval: 200,
    });
  });
});

describe("a text sent without a title", () => {
  it("should be analysed the same through POST /v1/documents and through an import", async () => {
    // SYNTHETIC text. Its first line, taken as a headline, once made the engine credit the
    // statement to Taiwan on the import path while POST /v1/documents credited it otherwise.
    const text = [
      "Statement by the Press Secretary on Taiwan (synthetic import-consistency test)",
      "We remain committed to our one China policy. We oppose any unilateral changes to the status quo from either side and we will keep lines of communication open to manage competition responsibly.",
      "",
    ].join("\n\n");
    type Doc = { id: string; records: { actor: string | null; frames: string[]; quote: string; span: unknown }[] };
    const headers = { authorization: `Bearer ${env.INGEST_TOKEN}`, "content-type": "application/json" };
    const posted = await SELF.fetch(`${BASE}/v1/documents`, {
      method: "POST",
      headers,
      body: JSON.stringify({ text, synthetic: true }),
    });
    expect(posted.status).toBe(201);
    const { id } = (await posted.json()) as { id: string };
    const { body: viaPost } = await getJson<Doc>(`/v1/documents/${id}`);
    expect(viaPost.records.length).toBeGreaterThan(0);
    const removed = await SELF.fetch(`${BASE}/v1/documents/${id}`, { method: "DELETE", headers });
    expect(removed.status).toBe(204);

    const res = await postImport(ndjson([{ text, synthetic: true }]));
    expect(res.status).toBe(202);
    const created = (await res.json()) as ImportBody;
    await vi.waitFor(
      async () => {
        const { body: progress } = await getImport(created.id);
        expect(progress.counts.analyzed).toBe(1);
      },
      { timeout: 20_000, interval: 200 },
    );
    const { body: viaImport } = await getJson<Doc>(`/v1/documents/${id}`);
    const shown = (d: Doc) =>
      d.records.map((r) => ({ actor: r.actor, frames: r.frames, quote: r.quote, span: r.span }));
    expect(shown(viaImport)).toEqual(shown(viaPost));
  });
});

describe("POST /v1/reanalyze", () => {
  it("should re-queue stored documents of older engines as an import, and need a token", async () => {
    const created = (await (
      await postImport(ndjson([{ text: syntheticArticle("route-reanalyze") }]))
    ).json()) as ImportBody;
    await vi.waitFor(async () => expect((await getImport(created.id)).body.status).toBe("done"), {
      timeout: 20_000,
      interval: 200,
    });
    await env.DB.prepare(
      "UPDATE documents SET engine_version = NULL WHERE id IN (SELECT document_id FROM import_items WHERE import_id = ?1)",
    )
      .bind(created.id)
      .run();
    const unauthorised = await SELF.fetch(`${BASE}/v1/reanalyze`, {
      method: "POST",
      headers: { "cf-connecting-ip": "198.51.100.8" },
    });
    expect(unauthorised.status).toBe(401);
    const res = await SELF.fetch(`${BASE}/v1/reanalyze`, {
      method: "POST",
      headers: { authorization: `Bearer ${env.INGEST_TOKEN}` },
    });
    expect(res.status).toBe(202);
    const started = (await res.json()) as ImportBody;
    expect(started.kind).toBe("reanalyze");
    expect(res.headers.get("location")).toBe(`/v1/imports/${started.id}`);
    await vi.waitFor(async () => expect((await getImport(started.id)).body.status).toBe("done"), {
      timeout: 20_000,
      interval: 200,
    });
    const stale = await env.DB.prepare("SELECT count(*) AS n FROM documents WHERE engine_version IS NULL").first("n");
    expect(stale).toBe(0);
  });

  it("should answer 404 to an unknown import", async () => {
    const { res } = await getImport("imp-nope");
    expect(res.status).toBe(404);
  });
});
