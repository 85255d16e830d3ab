/**
 * npm run bench:storage — D1 storage through a local worker (`wrangler dev` on a free 127.0.0.1
 * port, a throwaway --persist-to directory, nothing deployed):
 *  1. GET /v1/compare req/s with the bundled corpus only (DB bound, no stored document);
 *  2. the time to ingest N generated SYNTHETIC articles through POST /v1/documents, with the same
 *     client as `npm run ingest` (it waits out 429s as Retry-After asks, so the write rate limit
 *     is part of the figure, and reported separately);
 *  3. the first /v1/compare after the ingest (answered from the aggregates: nothing to rebuild), then its req/s
 *     with the N stored documents, and the ratio to (1).
 * Bounded: BENCH_ARTICLES (1000), BENCH_SECONDS (10) per load run, 8 connections.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { type IngestOutcome, ingestFiles } from "../src/cli/ingest-client";
import { freePort, startLocalWorker, stopLocalWorker } from "./local-worker";
import { syntheticArticle } from "./synthetic-articles";

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 1000);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 8;
const TOKEN = "bench-token-synthetic";

async function load(url: string) {
  await (await fetch(url)).arrayBuffer(); // warm: index built, Cache API filled
  const result = await autocannon({ url, connections: CONNECTIONS, duration: LOAD_SECONDS });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

async function main() {
  const port = await freePort();
  const persist = mkdtempSync(join(tmpdir(), "stance-storage-bench-"));
  const base = `http://127.0.0.1:${port}`;
  const compareUrl = `${base}/v1/compare`;
  const worker = await startLocalWorker({ port, persist, readyPath: "/v1/health", env: { INGEST_TOKEN: TOKEN } });
  try {
    const bundled = await load(compareUrl);
    console.log(
      `1. /v1/compare, bundled corpus only: ${fmt(bundled.rps)} req/s (p50 ${bundled.p50} ms, p99 ${bundled.p99} ms, non-2xx ${bundled.non2xx}, errors ${bundled.errors})`,
    );

    const dir = join(persist, "articles");
    mkdirSync(dir);
    const paths = Array.from({ length: ARTICLES }, (_, i) => {
      const path = join(dir, `article-${String(i).padStart(4, "0")}.json`);
      writeFileSync(path, JSON.stringify(syntheticArticle(i)));
      return path;
    });
    let throttled = 0;
    const latencies: number[] = [];
    // Count 429s by wrapping fetch: the client retries them itself.
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const t0 = performance.now();
      const res = await realFetch(input, init);
      if (res.status === 429) throttled++;
      else latencies.push(performance.now() - t0);
      return res;
    };
    const t0 = performance.now();
    let outcomes: IngestOutcome[];
    try {
      outcomes = await ingestFiles(paths, { url: base, token: TOKEN, concurrency: CONNECTIONS });
    } finally {
      globalThis.fetch = realFetch;
    }
    const seconds = (performance.now() - t0) / 1000;
    const stored = outcomes.filter((o) => o.kind === "stored");
    const rejected = outcomes.filter((o) => o.kind === "rejected");
    const records = stored.reduce((sum, o) => sum + (o.kind === "stored" ? o.records : 0), 0);
    latencies.sort((x, y) => x - y);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
    console.log(
      `2. ingest ${ARTICLES} synthetic articles (concurrency ${CONNECTIONS}): ${fmt(seconds, 1)} s wall, ${stored.length} stored (${records} records), ${rejected.length} rejected, ${throttled} answers 429 waited out; POST latency p50 ${fmt(p(0.5), 1)} ms, p99 ${fmt(p(0.99), 1)} ms`,
    );
    if (rejected[0]?.kind === "rejected")
      console.log(`   first rejection: ${rejected[0].status} ${rejected[0].detail}`);

    const t1 = performance.now();
    const health = (await (await fetch(`${base}/v1/health`)).json()) as { documents: number; records: number };
    const rebuildMs = performance.now() - t1;
    console.log(
      `3. first read after the ingest (${health.documents} documents, ${health.records} records): ${fmt(rebuildMs)} ms`,
    );
    const withStored = await load(compareUrl);
    console.log(
      `   /v1/compare with ${stored.length} stored documents: ${fmt(withStored.rps)} req/s (p50 ${withStored.p50} ms, p99 ${withStored.p99} ms, non-2xx ${withStored.non2xx}, errors ${withStored.errors})`,
    );
    console.log(`   ratio to bundled-only: ${fmt(withStored.rps / bundled.rps, 2)} (goal ≥ 0.5)`);
  } finally {
    stopLocalWorker(worker);
    rmSync(persist, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
