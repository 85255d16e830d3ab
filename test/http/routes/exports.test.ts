import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../../../src/app";
import { DOCUMENT_COLUMNS, EXPORT_PAGE, exportFormat, RECORD_COLUMNS } from "../../../src/http/lib/export";
import type { StanceRecord } from "../../../src/model/record";
import { insertDocument, type SyntheticRecord, syntheticDocument } from "../../storage/synthetic-documents";
import { BASE, getJson } from "../fetch-json";

/** A small RFC 4180 reader for the assertions (the Python round trip lives in the browser tests). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field !== "" || row.length) rows.push([...row, field]);
  return rows;
}

/** The test D1, counting the batches the worker sends (each listing page is one batch). */
function countingDb(): { db: D1Database; batches: () => number } {
  let n = 0;
  const db = new Proxy(env.DB, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (prop === "batch" && typeof value === "function") {
        return (...args: unknown[]) => {
          n++;
          return value.apply(target, args);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db, batches: () => n };
}

// SYNTHETIC corpus: generated sentences with every character CSV must quote.
const SOURCE = `Synthetic Export Wire ${crypto.randomUUID()}`;
const DOCUMENTS = 40;
const PER_DOCUMENT = 40;
const TOTAL = DOCUMENTS * PER_DOCUMENT;

beforeAll(async () => {
  for (let d = 0; d < DOCUMENTS; d++) {
    const records: SyntheticRecord[] = [];
    for (let r = 0; r < PER_DOCUMENT; r++) {
      records.push({
        quote: `synthetic line ${d}-${r}, with "quotes", commas\nand a second line`,
        actor: r % 2 === 0 ? "US" : "CN",
        topics: r % 3 === 0 ? ["taiwan", "strategic-competition"] : ["trade-and-economy"],
        posture: (r % 5) / 5 - 0.4,
      });
    }
    const text = `Synthetic export document ${d}. ${records.map((r) => `Someone said “${r.quote}”.`).join(" ")}`;
    const month = String((d % 12) + 1).padStart(2, "0");
    const doc = await syntheticDocument(
      text,
      { title: `Synthetic export ${d}, "titled"`, source: SOURCE, publishedAt: `2024-${month}-15` },
      records,
    );
    await insertDocument(env.DB, doc.document, doc.records);
  }
}, 120_000);

const q = encodeURIComponent(SOURCE);

describe("exports of /v1/records and /v1/documents", () => {
  it("should stream every record as CSV: the first bytes before the last page is read", async () => {
    const { db, batches } = countingDb();
    const res = await app.request(`${BASE}/v1/records?source=${q}&format=csv`, {}, { ...env, DB: db });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="stance-desk-records.csv"');
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]{40}"$/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    const pagesAtFirstBytes = batches();
    let text = decoder.decode(first.value, { stream: true });
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      text += decoder.decode(next.value, { stream: true });
    }
    const pages = Math.ceil(TOTAL / EXPORT_PAGE);
    expect(pagesAtFirstBytes).toBeLessThanOrEqual(1);
    expect(batches()).toBeGreaterThanOrEqual(pages);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...RECORD_COLUMNS]);
    expect(rows.length - 1).toBe(TOTAL);
    const col = (name: (typeof RECORD_COLUMNS)[number]) => RECORD_COLUMNS.indexOf(name);
    const row = rows.find((r) => r[col("quote")] === 'synthetic line 3-3, with "quotes", commas\nand a second line');
    expect(row?.[col("actor")]).toBe("CN");
    expect(row?.[col("topics")]).toBe("taiwan;strategic-competition");
    expect(row?.[col("frames")]).toBe("cooperation");
    expect(row?.[col("document_title")]).toBe('Synthetic export 3, "titled"');
    expect(row?.[col("document_published_at")]).toBe("2024-04-15");
    expect(row?.[col("document_source")]).toBe(SOURCE);
    // Ids ascending, none twice.
    const ids = rows.slice(1).map((r) => r[0] as string);
    expect(new Set(ids).size).toBe(TOTAL);
    expect([...ids].sort()).toEqual(ids);
  });

  it("should apply the filters, and answer NDJSON by Accept with the document on each record", async () => {
    const res = await app.request(
      `${BASE}/v1/records?source=${q}&actor=us&topic=taiwan&from=2024-03-01&to=2024-04-30`,
      { headers: { accept: "application/x-ndjson" } },
      env,
    );
    expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get("vary")).toContain("Accept");
    const lines = (await res.text()).split("\n").filter(Boolean);
    const records = lines.map((l) => JSON.parse(l) as StanceRecord & { document: { publishedAt: string } });
    const json = (
      await getJson<{ total: number }>(
        `/v1/records?source=${q}&actor=US&topic=taiwan&from=2024-03-01&to=2024-04-30&limit=1`,
      )
    ).body;
    expect(records.length).toBe(json.total);
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) {
      expect(r.actor).toBe("US");
      expect(r.topics).toContain("taiwan");
      expect(r.document.publishedAt >= "2024-03-01" && r.document.publishedAt <= "2024-04-30").toBe(true);
    }
  });

  it("should export documents with stable columns, and keep JSON for plain requests", async () => {
    const res = await app.request(`${BASE}/v1/documents?source=${q}&format=csv`, {}, env);
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual([...DOCUMENT_COLUMNS]);
    expect(rows.length - 1).toBe(DOCUMENTS);
    expect(rows.slice(1).every((r) => r[DOCUMENT_COLUMNS.indexOf("synthetic")] === "true")).toBe(true);
    const plain = await getJson<{ documents: unknown[] }>(`/v1/documents?source=${q}&limit=2`);
    expect(plain.res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(plain.body.documents).toHaveLength(2);
    // The JSON copy the Cache API now holds for this URL must not answer a CSV request.
    const byAccept = await SELF.fetch(`${BASE}/v1/documents?source=${q}&limit=2`, { headers: { accept: "text/csv" } });
    expect(byAccept.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(parseCsv(await byAccept.text()).length - 1).toBe(DOCUMENTS);
  });

  it("should give /v1/compare?format=csv as one table, a row per topic and side", async () => {
    const res = await app.request(`${BASE}/v1/compare?format=csv&source=${q}`, {}, env);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const rows = parseCsv(await res.text());
    const head = rows[0] as string[];
    expect(head.slice(0, 7)).toEqual([
      "topic",
      "topic_label",
      "side",
      "actor",
      "actor_name",
      "record_count",
      "mean_posture",
    ]);
    const taiwan = rows.filter((r) => r[0] === "taiwan");
    expect(taiwan.map((r) => r[2])).toEqual(["a", "b"]);
    const count = (r: string[] | undefined) => Number(r?.[head.indexOf("record_count")]);
    expect(count(taiwan[0]) + count(taiwan[1])).toBe(DOCUMENTS * Math.ceil(PER_DOCUMENT / 3));
    expect(taiwan[0]?.[head.indexOf("frame_cooperation")]).toBe(taiwan[0]?.[head.indexOf("record_count")]);
  });

  it("should pick the format from format= first, then Accept by preference", () => {
    expect(exportFormat("csv", "application/json")).toBe("csv");
    expect(exportFormat("json", "text/csv")).toBeNull();
    expect(exportFormat(undefined, "text/csv")).toBe("csv");
    expect(exportFormat(undefined, "application/json, text/csv;q=0.5")).toBeNull();
    expect(exportFormat(undefined, "text/html, application/x-ndjson")).toBe("ndjson");
    expect(exportFormat(undefined, "*/*")).toBeNull();
    expect(exportFormat(undefined, "text/csv;q=0")).toBeNull();
  });
});
