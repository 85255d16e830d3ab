import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../src/app";
import { analysisVersion, bundledTaxonomy } from "../../src/storage/bundled-corpus";
import { openCorpus } from "../../src/storage/corpus";
import { D1Store } from "../../src/storage/d1-store";
import { WriteConflictError } from "../../src/storage/errors";
import { insertDocument, syntheticDocument, testStore } from "./synthetic-documents";

const store = testStore(env.DB);

async function rowCounts(id: string) {
  const [documents, records, topics] = await env.DB.batch<{ n: number }>([
    env.DB.prepare("SELECT count(*) AS n FROM documents WHERE id = ?1").bind(id),
    env.DB.prepare("SELECT count(*) AS n FROM records WHERE document_id = ?1").bind(id),
    env.DB.prepare("SELECT count(*) AS n FROM record_topics WHERE record_id LIKE ?1 || '.%'").bind(id),
  ]);
  return { documents: documents?.results[0]?.n, records: records?.results[0]?.n, topics: topics?.results[0]?.n };
}

describe("stored documents (D1)", () => {
  it("should store a text exactly as given and slice every quote back out of it", async () => {
    // Synthetic text with the characters that break naive storage: CRLF, NBSP, curly quotes, an emoji.
    const text =
      "Synthetic test text 🌏 one.\r\nThe US official said\u00a0“we will keep lines of communication open.”\r\nA Chinese spokesman said “cooperation on climate change serves both peoples.”";
    const { document, records } = await syntheticDocument(text, { title: "Synthetic storage round trip" }, [
      {
        quote: "we will keep lines of communication open.",
        actor: "US",
        topics: ["crisis-communication"],
        posture: 0.5,
      },
      {
        quote: "cooperation on climate change serves both peoples.",
        actor: "CN",
        topics: ["climate-change"],
        posture: 0.8,
      },
    ]);
    expect(await insertDocument(env.DB, document, records)).toBe("inserted");

    const stored = await store.getDocument(document.id);
    expect(stored?.document.text).toBe(text);
    // Stored documents also carry their analysis state (issue 10).
    const analysis = { status: "analyzed", engineVersion: analysisVersion(), failure: null };
    expect(stored?.document).toEqual({ ...document, analysis });
    expect(stored?.records).toEqual(records);
    for (const r of stored?.records ?? []) expect(text.slice(r.span.start, r.span.end)).toBe(r.quote);
    expect(await rowCounts(document.id)).toEqual({ documents: 1, records: 2, topics: 2 });
  });

  it("should report the same text stored twice as a duplicate, leaving one copy", async () => {
    const text = "Synthetic duplicate text: the US and China agreed to talk.";
    const first = await syntheticDocument(text, { title: "Synthetic duplicate" }, []);
    const again = await syntheticDocument(text, { title: "Another title, same text" }, []);
    expect(await insertDocument(env.DB, first.document, first.records)).toBe("inserted");
    const before = await store.version();
    expect(await insertDocument(env.DB, again.document, again.records)).toBe("duplicate");
    expect(await store.version()).toBe(before);
    expect((await store.findBySha256(first.document.sha256))?.document.id).toBe(first.document.id);
  });

  it("should leave no row at all when a statement in the middle of the batch fails", async () => {
    const text = "Synthetic atomicity text. The US said “risk reduction matters”. China said “respect core interests”.";
    const { document, records } = await syntheticDocument(text, { title: "Synthetic atomicity" }, [
      { quote: "risk reduction matters", actor: "US", topics: ["crisis-communication"], posture: 0.3 },
      // posture 5 violates the records CHECK constraint: the second statement of four fails.
      { quote: "respect core interests", actor: "CN", topics: ["taiwan"], posture: 5 },
    ]);
    const before = await store.version();
    await expect(insertDocument(env.DB, document, records)).rejects.toThrow(/CHECK constraint failed/);
    // The document row was inserted by the first statement, and must have been rolled back with the rest.
    expect(await rowCounts(document.id)).toEqual({ documents: 0, records: 0, topics: 0 });
    expect(await store.version()).toBe(before);
  });

  it("should refuse a record whose quote is not the text at its span", async () => {
    const text = "Synthetic verbatim guard text: the US said “talks continue”.";
    const { document, records } = await syntheticDocument(text, { title: "Synthetic verbatim guard" }, [
      { quote: "talks continue", actor: "US", topics: ["crisis-communication"], posture: 0.3 },
    ]);
    const forged = records.map((r) => ({ ...r, quote: "talks collapsed" }));
    await expect(insertDocument(env.DB, document, forged)).rejects.toThrow(/not a verbatim slice/);
    expect(await rowCounts(document.id)).toEqual({ documents: 0, records: 0, topics: 0 });
  });

  it("should fail the whole batch in D1 when a quote is not the stored text, even past the JavaScript check", async () => {
    const text = "Synthetic database guard text: the US said “talks continue”.";
    const { document, records } = await syntheticDocument(text, { title: "Synthetic database guard" }, [
      { quote: "talks continue", actor: "US", topics: ["crisis-communication"], posture: 0.3 },
    ]);
    const forged = records.map((r) => ({ ...r, quote: "talks collapse" }));
    await expect(
      env.DB.batch([store.documentStatement(document, "test"), ...store.recordStatements(document, forged)]),
    ).rejects.toThrow(/CHECK constraint failed: ok = 1/);
    expect(await rowCounts(document.id)).toEqual({ documents: 0, records: 0, topics: 0 });
  });

  it("should check quotes after characters outside the BMP by code point in D1, refusing a shifted quote", async () => {
    // SYNTHETIC: flags before the quotes, so UTF-16 spans and SQLite's code-point substr differ.
    const text = "Synthetic 🇺🇸🇨🇳 guard text: the US said “talks continue”, and China said “dialogue matters”.";
    const { document, records } = await syntheticDocument(text, { title: "Synthetic non-BMP guard" }, [
      { quote: "talks continue", actor: "US", topics: ["crisis-communication"], posture: 0.3 },
      { quote: "dialogue matters", actor: "CN", topics: ["crisis-communication"], posture: 0.4 },
    ]);
    // The same quote one character later in the text than its span says: past the JavaScript check, D1 refuses it.
    const shifted = records.map((r, i) =>
      i === 1 ? { ...r, quote: text.slice(r.span.start + 1, r.span.end + 1) } : r,
    );
    await expect(
      env.DB.batch([store.documentStatement(document, "test"), ...store.recordStatements(document, shifted)]),
    ).rejects.toThrow(/CHECK constraint failed: ok = 1/);
    expect(await rowCounts(document.id)).toEqual({ documents: 0, records: 0, topics: 0 });
    expect(await insertDocument(env.DB, document, records)).toBe("inserted");
    expect(await rowCounts(document.id)).toEqual({ documents: 1, records: 2, topics: 2 });
    const stored = await store.getDocument(document.id);
    for (const r of stored?.records ?? []) expect(text.slice(r.span.start, r.span.end)).toBe(r.quote);
  });

  it("should delete a document with its records and bump the version only when something was deleted", async () => {
    const text = "Synthetic deletion text. The US said “guardrails are needed”.";
    const { document, records } = await syntheticDocument(text, { title: "Synthetic deletion" }, [
      { quote: "guardrails are needed", actor: "US", topics: ["strategic-competition"], posture: 0 },
    ]);
    await insertDocument(env.DB, document, records);
    const before = await store.version();
    expect(await store.deleteDocument(document.id)).toBe(true);
    const after = await store.version();
    expect(after).not.toBe(before);
    expect(await rowCounts(document.id)).toEqual({ documents: 0, records: 0, topics: 0 });
    expect(await store.deleteDocument(document.id)).toBe(false);
    expect(await store.version()).toBe(after);
  });

  it("should keep the corpus totals with the version row", async () => {
    const before = await store.totals();
    const text = "Synthetic totals text. The US said “export controls protect security”.";
    const { document, records } = await syntheticDocument(text, { title: "Synthetic totals" }, [
      { quote: "export controls protect security", actor: "US", topics: ["technology-export-controls"], posture: -0.2 },
    ]);
    await insertDocument(env.DB, document, records);
    expect(await store.totals()).toEqual({ documents: before.documents + 1, records: before.records + 1 });
    await store.deleteDocument(document.id);
    expect(await store.totals()).toEqual(before);
  });
});

describe("openCorpus", () => {
  it("should combine the bundled and the stored corpus, with a version that changes on every write", async () => {
    const first = await openCorpus(env);
    expect(first.storage).toBe("ready");
    const text = "Synthetic merge text. A Chinese official said “mutual respect is the foundation”.";
    const { document, records } = await syntheticDocument(text, { title: "Synthetic merge" }, [
      { quote: "mutual respect is the foundation", actor: "CN", topics: ["strategic-competition"], posture: 0.4 },
    ]);
    await insertDocument(env.DB, document, records);
    const second = await openCorpus(env);
    expect(second.version).not.toBe(first.version);
    expect((await second.store.getDocument(document.id))?.records.map((r) => r.quote)).toEqual([
      "mutual respect is the foundation",
    ]);
    const listed = await second.store.listDocuments({}, 200);
    expect(listed.items.some((d) => d.origin === "bundled")).toBe(true);
    expect(listed.items.some((d) => d.id === document.id && d.origin === "stored")).toBe(true);
  });

  it("should serve the bundled corpus alone when no database is bound", async () => {
    const corpus = await openCorpus({ ...env, DB: undefined as unknown as D1Database });
    expect(corpus.storage).toBe("not-configured");
    const listed = await corpus.store.listDocuments({}, 200);
    expect(listed.items.length).toBeGreaterThan(0);
    expect(listed.items.every((d) => d.origin === "bundled")).toBe(true);
  });
});

/** D1 whose write batches (more than the three statements of a read) always lose the revision race. */
function alwaysRacing(db: D1Database): D1Database {
  return new Proxy(db, {
    get(target, key, receiver) {
      if (key === "batch")
        return (statements: D1PreparedStatement[]) =>
          statements.length > 3
            ? Promise.reject(new Error("D1_ERROR: CHECK constraint failed: ok = 1: SQLITE_CONSTRAINT"))
            : target.batch(statements);
      return Reflect.get(target, key, receiver);
    },
  });
}

describe("writes that keep losing the race", () => {
  it("should give up with a write conflict, answered as a 409 problem, and change nothing", async () => {
    const text = "Synthetic race text. The US said “dialogue must continue”.";
    const { document, records } = await syntheticDocument(text, { title: "Synthetic race" }, [
      { quote: "dialogue must continue", actor: "US", topics: ["crisis-communication"], posture: 0.4 },
    ]);
    await insertDocument(env.DB, document, records);
    const racing = new D1Store(alwaysRacing(env.DB), bundledTaxonomy());
    await expect(racing.deleteDocument(document.id)).rejects.toBeInstanceOf(WriteConflictError);

    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request(`https://stance-desk.test/v1/documents/${document.id}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${env.INGEST_TOKEN}` },
      }),
      { ...env, DB: alwaysRacing(env.DB) },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { type: string }).type).toBe("urn:stance-desk:problem:write-conflict");
    expect((await store.getDocument(document.id))?.records).toEqual(records);
  });
});
