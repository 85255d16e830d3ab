import { z } from "@hono/zod-openapi";
import { stringify } from "csv-stringify/sync";
import type { Context } from "hono";
import type { Comparison, Side } from "../../model/comparison";
import type { DocumentMeta } from "../../model/document";
import type { StanceRecord } from "../../model/record";
import type { FrameId } from "../../model/taxonomy";
import type { CorpusStore, ListFilter, Page, RecordQuery, StoredDocumentMeta } from "../../storage/corpus-store";
import type { AppBindings } from "./app-types";
import { queryParam } from "./params";

/**
 * Exports: every matching row of a listing as CSV (RFC 4180: CRLF, fields quoted when they hold a
 * comma, a quote or a line break, quotes doubled) or NDJSON, streamed page by page from the store
 * with keyset pages, so the worker holds one page at a time however large the corpus is.
 */

export type ExportFormat = "csv" | "ndjson";

/** The `format` query parameter of the listings. */
export const ExportQuerySchema = z.object({
  format: queryParam(z.enum(["json", "csv", "ndjson"]).optional()).openapi({
    description:
      "json (default): one page. csv or ndjson: every matching row, streamed (limit and cursor are ignored); the Accept header text/csv or application/x-ndjson does the same",
  }),
});

export const CSV_TYPE = "text/csv; charset=utf-8; header=present";
export const NDJSON_TYPE = "application/x-ndjson; charset=utf-8";

/** Rows fetched from the store per page of an export. */
export const EXPORT_PAGE = 500;

/**
 * The export a request asks for: `format=csv|ndjson` wins; `format=json` is the JSON page; without
 * `format`, the Accept header's most preferred of application/json, text/csv, application/x-ndjson
 * (a tie goes to the type listed first; `*` or nothing known means JSON).
 */
export function exportFormat(format: string | undefined, accept: string | undefined): ExportFormat | null {
  if (format === "csv" || format === "ndjson") return format;
  if (format !== undefined || !accept) return null;
  let best: { kind: ExportFormat | null; q: number } | undefined;
  for (const part of accept.split(",")) {
    const [type = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith("q="));
    const q = qParam ? Number.parseFloat(qParam.slice(2)) : 1;
    if (!(q > 0)) continue;
    const kind =
      type === "text/csv"
        ? "csv"
        : type === "application/x-ndjson" || type === "application/ndjson"
          ? "ndjson"
          : type === "application/json" || type === "*/*" || type === "application/*"
            ? null
            : undefined;
    if (kind === undefined) continue;
    if (!best || q > best.q) best = { kind, q };
  }
  return best?.kind ?? null;
}

/** Whether a request to the API asks for an export (used to keep exports out of the Cache API). */
export function requestsExport(url: string, accept: string | undefined): boolean {
  const format = new URL(url).searchParams.get("format") ?? undefined;
  return exportFormat(format === "" ? undefined : format, accept) !== null;
}

/** One CSV line per row (CRLF-terminated), by the csv-stringify library. */
export function csvLines(rows: readonly (readonly (string | number | null)[])[]): string {
  if (rows.length === 0) return "";
  return stringify(
    rows.map((r) => [...r]),
    { record_delimiter: "\r\n", cast: { number: (n) => String(n) } },
  );
}

const joined = (ids: readonly string[]) => ids.join(";");

/** The record export's columns, in this order; documented in the README and never reordered. */
export const RECORD_COLUMNS = [
  "id",
  "document_id",
  "actor",
  "speaker_name",
  "speaker_role",
  "kind",
  "method",
  "confidence",
  "posture",
  "topics",
  "frames",
  "via",
  "span_start",
  "span_end",
  "quote",
  "document_title",
  "document_source",
  "document_published_at",
  "document_url",
] as const;

export function recordRow(r: StanceRecord, doc: DocumentMeta | undefined): (string | number | null)[] {
  return [
    r.id,
    r.documentId,
    r.actor ?? "",
    r.speaker?.name ?? "",
    r.speaker?.role ?? "",
    r.kind,
    r.method,
    r.confidence,
    r.posture,
    joined(r.topics),
    joined(r.frames),
    r.via ?? "",
    r.span.start,
    r.span.end,
    r.quote,
    doc?.title ?? "",
    doc?.source ?? "",
    doc?.publishedAt ?? "",
    doc?.url ?? "",
  ];
}

/** The document export's columns, in this order. */
export const DOCUMENT_COLUMNS = [
  "id",
  "title",
  "source",
  "published_at",
  "url",
  "language",
  "synthetic",
  "origin",
  "sha256",
  "length",
  "status",
  "notes",
] as const;

function documentRow(d: StoredDocumentMeta): (string | number | null)[] {
  return [
    d.id,
    d.title,
    d.source ?? "",
    d.publishedAt ?? "",
    d.url ?? "",
    d.language,
    d.synthetic ? "true" : "false",
    d.origin,
    d.sha256,
    d.length,
    d.analysis?.status ?? (d.origin === "bundled" ? "annotated" : "analyzed"),
    d.notes ?? "",
  ];
}

/**
 * A body that reads one page from the store each time the client is ready for more (no page is
 * read ahead of demand), and writes it as it comes: the first bytes leave before the last row is read.
 */
export function pagedStream<T extends { id: string }>(
  head: string,
  fetchPage: (after: string | undefined) => Promise<Page<T>>,
  encode: (items: T[]) => Promise<string>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: string | undefined;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (done) return;
        let chunk = "";
        if (!started) {
          started = true;
          chunk += head;
        }
        const page = await fetchPage(after);
        chunk += await encode(page.items);
        if (page.nextKey === null || page.items.length === 0) done = true;
        else after = page.nextKey;
        if (chunk) controller.enqueue(encoder.encode(chunk));
        if (done) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

/** Every record matching the query, as CSV or NDJSON rows with their document's title, source, date and URL. */
export function recordExport(store: CorpusStore, query: RecordQuery, format: ExportFormat): ReadableStream<Uint8Array> {
  return pagedStream(
    format === "csv" ? csvLines([RECORD_COLUMNS]) : "",
    (after) => store.listRecords(query, EXPORT_PAGE, after),
    async (records) => {
      if (records.length === 0) return "";
      const docs = await store.documentMetas([...new Set(records.map((r) => r.documentId))]);
      if (format === "csv") return csvLines(records.map((r) => recordRow(r, docs.get(r.documentId))));
      return records
        .map((r) => {
          const d = docs.get(r.documentId);
          const document = d ? { title: d.title, source: d.source, publishedAt: d.publishedAt, url: d.url } : null;
          return `${JSON.stringify({ ...r, document })}\n`;
        })
        .join("");
    },
  );
}

/** Every document matching the filter (metadata, no text). */
export function documentExport(
  store: CorpusStore,
  filter: ListFilter,
  format: ExportFormat,
): ReadableStream<Uint8Array> {
  return pagedStream(
    format === "csv" ? csvLines([DOCUMENT_COLUMNS]) : "",
    (after) => store.listDocuments(filter, EXPORT_PAGE, after),
    async (docs) =>
      format === "csv" ? csvLines(docs.map(documentRow)) : docs.map((d) => `${JSON.stringify(d)}\n`).join(""),
  );
}

/** The comparison summary's columns: one row per topic and side; frame counts one column per frame. */
export function compareColumns(frames: readonly FrameId[]): string[] {
  return [
    "topic",
    "topic_label",
    "side",
    "actor",
    "actor_name",
    "record_count",
    "mean_posture",
    "frames_shared",
    "frames_only_this_side",
    "posture_gap",
    "divergence",
    ...frames.map((f) => `frame_${f}`),
  ];
}

/** /v1/compare as one CSV table: per topic, a row for side a and a row for side b. */
export function compareCsv(comparison: Comparison, frames: readonly FrameId[]): string {
  const rows: (string | number | null)[][] = [compareColumns(frames)];
  for (const row of comparison.topics) {
    const sides: [string, Side, { id: string; name: string }, readonly FrameId[]][] = [
      ["a", row.a, comparison.a, row.contrast.onlyA],
      ["b", row.b, comparison.b, row.contrast.onlyB],
    ];
    for (const [letter, side, actor, only] of sides) {
      rows.push([
        row.topic.id,
        row.topic.label,
        letter,
        actor.id,
        actor.name,
        side.recordCount,
        side.meanPosture ?? "",
        joined(row.contrast.sharedFrames),
        joined(only),
        row.contrast.postureGap ?? "",
        row.contrast.divergence ?? "",
        ...frames.map((f) => side.frameCounts[f] ?? 0),
      ]);
    }
  }
  return csvLines(rows);
}

async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * A streamed export as the response. Its ETag is the digest of the corpus version and the request
 * (the body is a pure function of both), set up front so no middleware buffers the body to hash it;
 * `no-cache` keeps it out of the Cache API (a copy of every export would cost what streaming saves)
 * while browsers may still revalidate it.
 */
export async function exportResponse(
  c: Context<AppBindings>,
  body: ReadableStream<Uint8Array> | string,
  format: ExportFormat,
  name: string,
): Promise<Response> {
  const url = new URL(c.req.url);
  const tag = await sha1Hex(`${c.get("version")}\u0000${format}\u0000${url.pathname}?${url.searchParams}`);
  const ext = format === "csv" ? "csv" : "ndjson";
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": format === "csv" ? CSV_TYPE : NDJSON_TYPE,
      "content-disposition": `attachment; filename="stance-desk-${name}.${ext}"`,
      "cache-control": "no-cache",
      vary: "Accept",
      etag: `"${tag}"`,
    },
  });
}

/**
 * An export as the answer of a route whose declared (and typed-client) response is its JSON page:
 * the CSV and NDJSON are other representations of the same resource, chosen by `format` or
 * Accept, and are left out of the route's types so `hono/client` keeps typing `.json()` exactly.
 */
export function asRouteAnswer<T>(response: Response): T {
  return response as unknown as T;
}
