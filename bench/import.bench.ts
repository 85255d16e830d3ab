/**
 * npm run bench:import — the bulk import path against today's one-POST-per-document path, through
 * `wrangler dev` (local D1 and Queues, throwaway --persist-to folders, nothing deployed):
 *  1. bulk: every White House document and every CMFA press conference of ../shared/corpus/ with
 *     the import CLI's client (POST /v1/imports in NDJSON chunks, the queue consumer analysing),
 *     until every analysis has finished: documents/s, MB/s, p50/p99 time from a chunk's 202 to
 *     each of its documents analysed (seen by polling GET /v1/imports/{id} every 250 ms, so the
 *     figures carry up to that much resolution), failures, and duplicate-record checks on the D1;
 *  2. per document: the first BENCH_PER_DOCUMENT (500) of the same documents, each its own
 *     POST /v1/documents (engine in the request), 4 in flight, 429s waited out as the ingest CLI
 *     does (the write rate limit is part of today's path): documents/s, MB/s, p50/p99 per request.
 * BENCH_LIMIT limits the bulk run to the first N documents (a quick look; the goals need all).
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type ImportView, runImport } from "../src/cli/import-client";
import { type ImportItem, type ImportSource, importSource } from "../src/cli/import-formats";
import { tokenFromDevVars } from "../src/cli/token";
import { ROOT, startWranglerDev } from "../src/cli/wrangler-dev";

const CORPUS = join(ROOT, "../shared/corpus");
const PER_DOCUMENT = Number(process.env.BENCH_PER_DOCUMENT ?? 500);
const LIMIT = process.env.BENCH_LIMIT ? Number(process.env.BENCH_LIMIT) : undefined;
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

async function corpusItems(): Promise<ImportItem[]> {
  const sources = [
    await importSource("whitehouse", [join(CORPUS, "whitehouse")]),
    await importSource("cmfa", [join(CORPUS, "cmfa")]),
  ];
  const items: ImportItem[] = [];
  for (const s of sources) for await (const item of s.items()) items.push(item);
  return LIMIT === undefined ? items : items.slice(0, LIMIT);
}

function sourceOf(items: readonly ImportItem[]): ImportSource {
  return {
    total: items.length,
    totalBytes: items.reduce((n, i) => n + i.bytes, 0),
    async *items() {
      yield* items;
    },
  };
}

async function d1(persist: string, sql: string): Promise<Record<string, unknown>[]> {
  const { stdout } = await promisify(execFile)(
    WRANGLER,
    ["d1", "execute", "DB", "--local", "--persist-to", persist, "--json", "--command", sql],
    { cwd: ROOT, env: { ...process.env, CI: "1" }, maxBuffer: 64 * 1024 * 1024 },
  );
  const parsed = JSON.parse(stdout) as { results: Record<string, unknown>[] }[];
  return parsed[0]?.results ?? [];
}

const mb = (bytes: number) => bytes / 1024 / 1024;

async function bulk(items: ImportItem[], token: string) {
  const persist = await mkdtemp(join(tmpdir(), "stance-import-bench-"));
  const server = await startWranglerDev({ persistTo: persist, migrate: true, env: { INGEST_TOKEN: token } });
  const latencies: number[] = [];
  const seen = new Map<string, number>();
  let summary: Awaited<ReturnType<typeof runImport>>;
  try {
    const onPoll = (view: ImportView, acceptedAt: number, now: number) => {
      const finished = view.counts.analyzed + view.counts.failed;
      const before = seen.get(view.id) ?? 0;
      for (let i = before; i < finished; i++) latencies.push(now - acceptedAt);
      seen.set(view.id, finished);
    };
    let lastLine = 0;
    summary = await runImport(sourceOf(items), {
      url: server.baseUrl,
      token,
      pollMs: 250,
      resume: false,
      onPoll,
      onAccepted: (view, at) => onPoll(view, at, at),
      onProgress: (p) => {
        if (Date.now() - lastLine < 15_000) return;
        lastLine = Date.now();
        console.log(`   … ${p.finished}/${p.total} analysed after ${((Date.now() - p.startedAt) / 1000).toFixed(0)} s`);
      },
    });
  } finally {
    await server.stop();
  }
  // The D1 after the run: every document analysed once, no record twice, totals equal to counts.
  const [status] = await d1(
    persist,
    `SELECT (SELECT count(*) FROM documents) AS documents,
            (SELECT count(*) FROM documents WHERE status = 'analyzed') AS analyzed,
            (SELECT count(*) FROM records) AS records,
            (SELECT records FROM corpus_version) AS kept,
            (SELECT coalesce(sum(records), 0) FROM stance_aggregates WHERE period = '' AND source_key = '' AND topic = '' AND frame = '') AS aggregated,
            (SELECT count(*) FROM (SELECT 1 FROM records GROUP BY document_id, span_start, span_end, actor, kind, topics HAVING count(*) > 1)) AS duplicates,
            (SELECT count(*) FROM (SELECT 1 FROM documents GROUP BY sha256 HAVING count(*) > 1)) AS duplicateTexts`,
  );
  await rm(persist, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return { summary, latencies, status };
}

async function perDocument(items: ImportItem[], token: string) {
  const persist = await mkdtemp(join(tmpdir(), "stance-import-bench-single-"));
  const server = await startWranglerDev({ persistTo: persist, migrate: true, env: { INGEST_TOKEN: token } });
  const latencies: number[] = [];
  let throttled = 0;
  let failed = 0;
  const t0 = performance.now();
  try {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const item = items[next++] as ImportItem;
        for (;;) {
          const start = performance.now();
          const res = await fetch(`${server.baseUrl}/v1/documents`, {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
            body: item.line,
          });
          await res.arrayBuffer();
          if (res.status === 429) {
            throttled++;
            await new Promise((r) => setTimeout(r, 1000 * (Number(res.headers.get("retry-after")) || 1)));
            continue;
          }
          latencies.push(performance.now() - start);
          if (res.status !== 201 && res.status !== 200) failed++;
          break;
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
  } finally {
    await server.stop();
    await rm(persist, { recursive: true, force: true });
  }
  latencies.sort((a, b) => a - b);
  return { seconds: (performance.now() - t0) / 1000, latencies, throttled, failed };
}

async function main() {
  const token = (await tokenFromDevVars(join(ROOT, ".dev.vars"))) ?? "bench-token-synthetic";
  const items = await corpusItems();
  const bytes = items.reduce((n, i) => n + i.bytes, 0);
  console.log(`corpus: ${items.length} documents, ${mb(bytes).toFixed(1)} MB of text (UTF-8)`);

  console.log("1. bulk: POST /v1/imports + the analysis queue …");
  const b = await bulk(items, token);
  const bulkRate = items.length / b.summary.seconds;
  console.log(
    `   ${b.summary.stored} stored, ${b.summary.analyzed} analysed, ${b.summary.failed} failed, ${b.summary.invalid} invalid, ${b.summary.requestErrors.length} request errors in ${b.summary.seconds.toFixed(1)} s (${b.summary.imports.length} imports)`,
  );
  console.log(
    `   ${bulkRate.toFixed(1)} documents/s, ${(mb(bytes) / b.summary.seconds).toFixed(2)} MB/s; 202 → analysed p50 ${(percentile(b.latencies, 50) / 1000).toFixed(1)} s, p99 ${(percentile(b.latencies, 99) / 1000).toFixed(1)} s`,
  );
  console.log(`   D1 afterwards: ${JSON.stringify(b.status)}`);

  const first = items.slice(0, PER_DOCUMENT);
  const firstBytes = first.reduce((n, i) => n + i.bytes, 0);
  console.log(`2. per document: POST /v1/documents, the first ${first.length} documents …`);
  const s = await perDocument(first, token);
  const singleRate = first.length / s.seconds;
  console.log(
    `   ${first.length} documents in ${s.seconds.toFixed(1)} s: ${singleRate.toFixed(1)} documents/s, ${(mb(firstBytes) / s.seconds).toFixed(2)} MB/s; per request p50 ${percentile(s.latencies, 50).toFixed(0)} ms, p99 ${percentile(s.latencies, 99).toFixed(0)} ms; ${s.throttled} 429s waited out, ${s.failed} failed`,
  );
  const ratio = bulkRate / singleRate;
  const ok = (b: boolean) => (b ? "met" : "NOT met");
  const duplicates = Number(b.status?.duplicates ?? -1) + Number(b.status?.duplicateTexts ?? -1);
  console.log(
    `goals: bulk/per-document ${ratio.toFixed(1)}× (≥ 20×: ${ok(ratio >= 20)}); whole corpus ${b.summary.seconds.toFixed(0)} s (< 300 s: ${ok(b.summary.seconds < 300 && LIMIT === undefined)}); failures ${b.summary.failed + b.summary.invalid + b.summary.requestErrors.length} (0: ${ok(b.summary.failed + b.summary.invalid + b.summary.requestErrors.length === 0)}); duplicate records ${duplicates} (0: ${ok(duplicates === 0)})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
