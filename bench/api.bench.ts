/**
 * npm run bench — the read API against its ceiling, in one run:
 *  1. in process: app.request() in a loop for each path, real app vs ceiling app (same middleware,
 *     precomputed body);
 *  2. end to end: both as workers under `wrangler dev` on 127.0.0.1, loaded with autocannon
 *     (bounded: fixed duration and connection count);
 *  3. index build time at isolate start (cold, in a fresh Node process) and the gzipped size of the
 *     dry-run bundle.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import app from "../src/app";
import { BENCH_PATHS, createCeilingApp } from "./ceiling-app";
import { freePort, startLocalWorker, stopLocalWorker } from "./local-worker";

const ENV = { ALLOWED_ORIGINS: "*", CACHE_S_MAXAGE: "300" };
const IN_PROCESS_ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 3000);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const LOAD_ROUNDS = 5;
const CONNECTIONS = 8;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function timeRequests(target: { request: typeof app.request }, path: string) {
  const samples: number[] = [];
  let bytes = 0;
  const start = performance.now();
  for (let i = 0; i < IN_PROCESS_ITERATIONS; i++) {
    const t0 = performance.now();
    const res = await target.request(path, {}, ENV);
    bytes = (await res.arrayBuffer()).byteLength;
    samples.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  samples.sort((x, y) => x - y);
  return {
    meanUs: (total / IN_PROCESS_ITERATIONS) * 1000,
    p50Us: percentile(samples, 50) * 1000,
    p99Us: percentile(samples, 99) * 1000,
    bytes,
  };
}

type LoadResult = Awaited<ReturnType<typeof load>>;

/** The round with the median req/s (its latencies with it). */
function medianByRps(results: LoadResult[]): LoadResult {
  const sorted = [...results].sort((x, y) => x.rps - y.rps);
  return sorted[Math.floor(sorted.length / 2)] as LoadResult;
}

async function load(url: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: LOAD_SECONDS, pipelining: 1 });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function coldIndexBuildMs(): number {
  const script = `(async () => {
    const { bundledStore } = await import("./src/storage/bundled-corpus.ts");
    const t1 = performance.now();
    bundledStore();
    console.log(performance.now() - t1);
  })();`;
  const out = execFileSync("npx", ["tsx", "--eval", script], { encoding: "utf8" });
  return Number.parseFloat(out.trim().split("\n").at(-1) ?? "NaN");
}

function bundleSize(): { raw: number; gzip: number } {
  const outdir = mkdtempSync(join(tmpdir(), "stance-bundle-"));
  execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir], { stdio: "ignore" });
  let raw = 0;
  let gzip = 0;
  for (const file of readdirSync(outdir)) {
    if (!file.endsWith(".js")) continue;
    const content = readFileSync(join(outdir, file));
    raw += statSync(join(outdir, file)).size;
    gzip += gzipSync(content, { level: 9 }).byteLength;
  }
  return { raw, gzip };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function main() {
  console.log(
    `Stance Desk API bench — node ${process.version}, ${IN_PROCESS_ITERATIONS} in-process requests per path, ${LOAD_ROUNDS} alternating rounds of ${LOAD_SECONDS}s × ${CONNECTIONS} connections end to end\n`,
  );

  const ceiling = createCeilingApp();
  // Warm both apps on every path before timing any: otherwise whichever runs first pays for the
  // JIT warming the shared code (hono, zod, the middleware), and its ratio says nothing.
  for (let round = 0; round < 1000; round++) {
    for (const path of BENCH_PATHS) {
      await (await app.request(path, {}, ENV)).arrayBuffer();
      await (await ceiling.request(path, {}, ENV)).arrayBuffer();
    }
  }
  console.log("1. In process (app.request), µs per request:");
  console.log(
    "path                                         | bytes  | real mean | ceiling mean | ratio | real p50/p99     | ceiling p50/p99",
  );
  for (const path of BENCH_PATHS) {
    const real = await timeRequests(app, path);
    const top = await timeRequests(ceiling, path);
    console.log(
      `${path.padEnd(44)} | ${String(real.bytes).padEnd(6)} | ${fmt(real.meanUs).padStart(9)} | ${fmt(top.meanUs).padStart(12)} | ${fmt(real.meanUs / top.meanUs, 2).padStart(5)} | ${fmt(real.p50Us)}/${fmt(real.p99Us)} | ${fmt(top.p50Us)}/${fmt(top.p99Us)}`,
    );
  }

  console.log("\n2. End to end (wrangler dev on 127.0.0.1, autocannon):");
  const [realPort, ceilingPort] = [await freePort(), await freePort()];
  const persist = (name: string) => mkdtempSync(join(tmpdir(), `stance-bench-${name}-`));
  const readyPath = BENCH_PATHS[0];
  const realWorker = await startLocalWorker({ port: realPort, persist: persist("real"), readyPath });
  const ceilingWorker = await startLocalWorker({
    port: ceilingPort,
    persist: persist("ceiling"),
    entry: "bench/ceiling-worker.ts",
    readyPath,
  });
  try {
    console.log(
      "path                                         | real req/s | ceiling req/s | ratio | real p50/p99 ms | ceiling p50/p99 ms | per-round ratios",
    );
    for (const path of BENCH_PATHS) {
      // Alternating rounds, medians reported: on a shared 2-core machine one round alone swings
      // by ±10%, and a ratio of two single rounds mostly measures that swing.
      const reals: LoadResult[] = [];
      const tops: LoadResult[] = [];
      for (let round = 0; round < LOAD_ROUNDS; round++) {
        reals.push(await load(`http://127.0.0.1:${realPort}${path}`));
        tops.push(await load(`http://127.0.0.1:${ceilingPort}${path}`));
      }
      const failed = [...reals, ...tops].filter((r) => r.non2xx || r.errors).length;
      if (failed) console.log(`  (${failed} rounds had non-2xx responses or errors)`);
      const real = medianByRps(reals);
      const top = medianByRps(tops);
      console.log(
        `${path.padEnd(44)} | ${fmt(real.rps).padStart(10)} | ${fmt(top.rps).padStart(13)} | ${fmt(real.rps / top.rps, 2).padStart(5)} | ${real.p50}/${real.p99} | ${top.p50}/${top.p99} | ${reals.map((r, k) => fmt(r.rps / (tops[k]?.rps ?? Number.NaN), 2)).join(" ")}`,
      );
    }
  } finally {
    stopLocalWorker(realWorker);
    stopLocalWorker(ceilingWorker);
  }

  console.log("\n3. Start-up and size:");
  console.log(`index build at isolate start (cold, Node): ${fmt(coldIndexBuildMs(), 2)} ms`);
  const size = bundleSize();
  console.log(`dry-run bundle: ${fmt(size.raw / 1024)} KiB raw, ${fmt(size.gzip / 1024)} KiB gzipped`);
}

await main();
