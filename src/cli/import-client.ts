import { createHash } from "node:crypto";
import type { ImportItem, ImportSource } from "./import-formats";

/**
 * The client side of POST /v1/imports: chunks of NDJSON (at most `chunkLines` lines and
 * `chunkBytes` bytes each), a few in flight at once, texts the server already has skipped by hash
 * first (resume), then polling GET /v1/imports/{id} until every queued analysis has finished.
 */

export interface ImportView {
  id: string;
  status: "queued" | "running" | "done" | "done-with-failures";
  counts: { lines: number; stored: number; duplicate: number; invalid: number; analyzed: number; failed: number };
  failures: { line?: number; documentId?: string; reason: string }[];
  /** Documents whose analysis is still queued. */
  pending: number;
}

export interface ImportProgress {
  /** Documents read from the source so far, and in all (null: not known yet). */
  read: number;
  total: number | null;
  /** Bytes of text sent or skipped, and of input in all. */
  bytes: number;
  totalBytes: number;
  sent: number;
  skipped: number;
  /** Documents whose analysis has finished (analysed or failed), and those waited for. */
  finished: number;
  waiting: number;
  startedAt: number;
}

export interface ImportSummary {
  lines: number;
  stored: number;
  duplicate: number;
  /** Skipped before sending: the server had the text already. */
  skipped: number;
  invalid: number;
  analyzed: number;
  failed: number;
  /** Requests that failed for good (network, 5xx after retries). */
  requestErrors: string[];
  failures: { origin: string; reason: string }[];
  imports: string[];
  seconds: number;
}

export interface ImportOptions {
  url: string;
  token: string;
  chunkLines?: number;
  chunkBytes?: number;
  /** Chunks in flight at once. */
  concurrency?: number;
  /** Ask the server which texts it has before sending them. */
  resume?: boolean;
  /** Wait until every analysis has finished (else stop once everything is stored and queued). */
  wait?: boolean;
  pollMs?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Every poll of an import, with the time of its 202 (the bench's latencies). */
  onPoll?: (view: ImportView, acceptedAt: number, now: number) => void;
  /** Each accepted chunk, with the time of its 202. */
  onAccepted?: (view: ImportView, acceptedAt: number) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function isImportView(value: unknown): value is ImportView {
  return typeof value === "object" && value !== null && "id" in value && "counts" in value && "status" in value;
}

async function problemDetail(res: Response): Promise<string> {
  const body: unknown = await res.json().catch(() => null);
  const detail =
    typeof body === "object" && body !== null && "detail" in body && typeof body.detail === "string" ? body.detail : "";
  return `${res.status} ${res.statusText}${detail ? `: ${detail}` : ""}`;
}

/** A request, waiting out 429 and 503 as Retry-After asks and retrying network errors a few times. */
async function send(url: URL, init: RequestInit, attempts = 30): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, init);
      if ((res.status === 429 || res.status === 503) && attempt < attempts) {
        await res.body?.cancel();
        await sleep(1000 * (Number(res.headers.get("retry-after")) || 1));
        continue;
      }
      return res;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(Math.min(5000, 250 * attempt));
    }
  }
}

interface Chunk {
  items: ImportItem[];
  bytes: number;
}

async function* chunks(source: ImportSource, lines: number, bytes: number): AsyncGenerator<Chunk> {
  let current: Chunk = { items: [], bytes: 0 };
  for await (const item of source.items()) {
    const size = Buffer.byteLength(item.line) + 1;
    if (current.items.length > 0 && (current.items.length >= lines || current.bytes + size > bytes)) {
      yield current;
      current = { items: [], bytes: 0 };
    }
    current.items.push(item);
    current.bytes += size;
  }
  if (current.items.length) yield current;
}

export async function runImport(source: ImportSource, options: ImportOptions): Promise<ImportSummary> {
  const startedAt = Date.now();
  const auth = { authorization: `Bearer ${options.token}` };
  const summary: ImportSummary = {
    lines: 0,
    stored: 0,
    duplicate: 0,
    skipped: 0,
    invalid: 0,
    analyzed: 0,
    failed: 0,
    requestErrors: [],
    failures: [],
    imports: [],
    seconds: 0,
  };
  const progress: ImportProgress = {
    read: 0,
    total: source.total,
    bytes: 0,
    totalBytes: source.totalBytes,
    sent: 0,
    skipped: 0,
    finished: 0,
    waiting: 0,
    startedAt,
  };
  const report = () => options.onProgress?.({ ...progress });
  /** Open imports: their last view, the origins of their lines, the time of their 202. */
  const open = new Map<string, { view: ImportView; origins: string[]; acceptedAt: number }>();
  const finishedOf = (v: ImportView) => v.counts.analyzed + v.counts.failed;

  const settle = (id: string, view: ImportView) => {
    const entry = open.get(id);
    if (!entry) return;
    progress.finished += finishedOf(view) - finishedOf(entry.view);
    entry.view = view;
    if (view.status === "done" || view.status === "done-with-failures") {
      open.delete(id);
      summary.analyzed += view.counts.analyzed;
      summary.failed += view.counts.failed;
      for (const f of view.failures) {
        const origin = f.line !== undefined ? (entry.origins[f.line - 1] ?? `line ${f.line}`) : (f.documentId ?? "?");
        if (f.documentId !== undefined)
          summary.failures.push({ origin: `${origin} (${f.documentId})`, reason: f.reason });
        // Invalid lines were counted when the chunk was accepted.
      }
    }
  };

  const post = async (chunk: Chunk) => {
    let items = chunk.items;
    if (options.resume !== false) {
      const hashes = items.map((i) => (i.submission ? sha256(i.submission.text) : null));
      const asked = hashes.filter((h): h is string => h !== null);
      if (asked.length) {
        const res = await send(new URL("/v1/imports/known", options.url), {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ sha256: asked }),
        });
        if (res.ok) {
          const body = (await res.json()) as { known?: string[] };
          const known = new Set(body.known ?? []);
          const kept = items.filter((_, i) => !known.has(hashes[i] ?? ""));
          const skipped = items.length - kept.length;
          summary.skipped += skipped;
          progress.skipped += skipped;
          items = kept;
        } else {
          await res.body?.cancel();
        }
      }
    }
    if (items.length === 0) {
      progress.bytes += chunk.items.reduce((n, i) => n + i.bytes, 0);
      report();
      return;
    }
    const body = `${items.map((i) => i.line).join("\n")}\n`;
    let res: Response;
    try {
      res = await send(new URL("/v1/imports", options.url), {
        method: "POST",
        headers: { ...auth, "content-type": "application/x-ndjson" },
        body,
      });
    } catch (error) {
      summary.requestErrors.push(`${items[0]?.origin ?? "?"} …: ${String(error)}`);
      return;
    }
    const acceptedAt = Date.now();
    if (res.status !== 202) {
      summary.requestErrors.push(
        `${items[0]?.origin ?? "?"} … (${items.length} documents): ${await problemDetail(res)}`,
      );
      return;
    }
    const view: unknown = await res.json();
    if (!isImportView(view)) {
      summary.requestErrors.push(`${items[0]?.origin ?? "?"} …: unexpected answer`);
      return;
    }
    options.onAccepted?.(view, acceptedAt);
    summary.imports.push(view.id);
    summary.lines += view.counts.lines;
    summary.stored += view.counts.stored;
    summary.duplicate += view.counts.duplicate;
    summary.invalid += view.counts.invalid;
    // Only the non-blank lines are numbered by the server, and the client sends no blank line.
    const origins = items.map((i) => i.origin);
    for (const f of view.failures) {
      if (f.documentId === undefined)
        summary.failures.push({ origin: origins[(f.line ?? 0) - 1] ?? "?", reason: f.reason });
    }
    progress.sent += items.length;
    progress.bytes += chunk.items.reduce((n, i) => n + i.bytes, 0);
    progress.waiting += view.pending + finishedOf(view);
    open.set(view.id, { view: { ...view, counts: { ...view.counts, analyzed: 0, failed: 0 } }, origins, acceptedAt });
    settle(view.id, view);
    report();
  };

  const pollOpen = async () => {
    for (const [id, entry] of [...open]) {
      const res = await send(new URL(`/v1/imports/${id}`, options.url), {}).catch(() => null);
      if (!res?.ok) {
        await res?.body?.cancel();
        continue;
      }
      const view = (await res.json()) as ImportView;
      options.onPoll?.(view, entry.acceptedAt, Date.now());
      settle(id, view);
    }
    report();
  };
  // Analyses finish while later chunks are still being sent: poll alongside the upload.
  let uploading = true;
  const poller = (async () => {
    if (options.wait === false) return;
    while (uploading || open.size > 0) {
      await sleep(options.pollMs ?? 500);
      await pollOpen();
    }
  })();

  // Read, chunk and post, `concurrency` chunks in flight.
  const inflight = new Set<Promise<void>>();
  try {
    for await (const chunk of chunks(source, options.chunkLines ?? 200, options.chunkBytes ?? 4 * 1024 * 1024)) {
      progress.read += chunk.items.length;
      const p = post(chunk).finally(() => inflight.delete(p));
      inflight.add(p);
      if (inflight.size >= (options.concurrency ?? 2)) await Promise.race(inflight);
    }
    await Promise.all(inflight);
  } finally {
    uploading = false;
  }
  if (progress.total === null) progress.total = progress.read;
  report();
  // Until every import has finished (without --no-wait).
  await poller;
  summary.seconds = (Date.now() - startedAt) / 1000;
  return summary;
}
