/**
 * npm run bench (second part) — the page and the exports at scale:
 *  1. first contentful paint of the page in Chromium (fresh browser context per run, median of
 *     11 after one untimed load: the method the browser test used before issue 11 moved timings
 *     here), on the bundled corpus and on a local D1 holding BENCH_PAGE_DOCUMENTS SYNTHETIC
 *     documents, with "today's page" (main at b72f24e, no chart) on the bundled corpus next to it
 *     when BENCH_BASELINE_DIR holds a checkout of it;
 *  2. CSV export throughput of every record of that corpus: rows/s, and the workerd process's
 *     resident memory before, at its peak during, and after the export.
 * The SYNTHETIC corpus is written in SQL (bench/seed-sql.ts); figures are printed, never assumed.
 */
import { type ChildProcess, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { freePort, startLocalWorker, stopLocalWorker } from "./local-worker";
import { seedBulkSql } from "./seed-sql";

const DOCUMENTS = Number(process.env.BENCH_PAGE_DOCUMENTS ?? 20_000);
const RECORDS_PER_DOCUMENT = Number(process.env.BENCH_RECORDS_PER_DOCUMENT ?? 10);
const RUNS = 11;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TOPIC_VIEW = "/?a=US&b=CN&topic=taiwan";

/** Navigation→load and navigation→first contentful paint, waiting for the paint if it comes after load. */
const FCP_SCRIPT = `(async () => {
  const nav = performance.getEntriesByType("navigation")[0];
  const fcp = await new Promise((resolve) => {
    new PerformanceObserver((list) => {
      const entry = list.getEntriesByName("first-contentful-paint")[0];
      if (entry) resolve(entry.startTime);
    }).observe({ type: "paint", buffered: true });
  });
  return { load: nav.loadEventEnd - nav.startTime, fcp };
})()`;

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;

async function firstPaint(browser: Browser, url: string): Promise<{ fcp: number[]; load: number[]; bytes: number }> {
  const warm = await browser.newContext();
  await (await warm.newPage()).goto(url);
  await warm.close();
  const fcp: number[] = [];
  const load: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const fresh = await browser.newContext();
    const page = await fresh.newPage();
    await page.goto(url, { waitUntil: "load" });
    // Evaluated in the page (a string: the bench is type-checked without the DOM library).
    const t = (await page.evaluate(FCP_SCRIPT)) as { load: number; fcp: number };
    fcp.push(t.fcp);
    load.push(t.load);
    await fresh.close();
  }
  const bytes = (await (await fetch(url)).arrayBuffer()).byteLength;
  return { fcp, load, bytes };
}

/** Resident memory (KiB) of the workerd processes in the worker's process group. */
function workerdRssKiB(child: ChildProcess): number {
  if (!child.pid) return Number.NaN;
  const out = execFileSync("ps", ["-o", "rss=,comm=", "-g", String(child.pid)], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((l) => l.includes("workerd"))
    .reduce((sum, l) => sum + Number.parseInt(l.trim().split(/\s+/)[0] ?? "0", 10), 0);
}

async function exportThroughput(child: ChildProcess, url: string) {
  const before = workerdRssKiB(child);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, workerdRssKiB(child));
  }, 200);
  const t0 = performance.now();
  const res = await fetch(url);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let firstByteMs = Number.NaN;
  let bytes = 0;
  let newlines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - t0;
    bytes += value.byteLength;
    for (const b of value) if (b === 10) newlines++;
  }
  const ms = performance.now() - t0;
  clearInterval(sampler);
  const after = workerdRssKiB(child);
  return { status: res.status, ms, firstByteMs, bytes, newlines, before, peak: Math.max(peak, after), after };
}

const fmt = (n: number, d = 0) => n.toFixed(d);
const line = (label: string, r: { fcp: number[]; load: number[]; bytes: number }) =>
  `${label.padEnd(58)} | FCP median ${fmt(median(r.fcp)).padStart(4)} ms (runs ${r.fcp.map((x) => fmt(x)).join(" ")}) | load median ${fmt(median(r.load))} ms | HTML ${fmt(r.bytes / 1024, 1)} KiB`;

async function main() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  try {
    console.log(
      `\nStance Desk page bench — Chromium, ${RUNS} fresh-context loads per view (median), wrangler dev on 127.0.0.1\n`,
    );
    const results: Record<string, { fcp: number[]; load: number[]; bytes: number }> = {};

    // Today's page (main at b72f24e) on the bundled corpus, when a checkout of it is given.
    const baselineDir = process.env.BENCH_BASELINE_DIR;
    if (baselineDir) {
      const port = await freePort();
      const worker = await startLocalWorker({
        port,
        persist: mkdtempSync(join(tmpdir(), "stance-page-base-")),
        readyPath: "/",
        cwd: baselineDir,
      });
      try {
        results.baseline = await firstPaint(browser, `http://127.0.0.1:${port}${TOPIC_VIEW}`);
        console.log(line(`today's page (${baselineDir}), bundled, ${TOPIC_VIEW}`, results.baseline));
      } finally {
        stopLocalWorker(worker);
      }
    }

    // This branch on the bundled corpus.
    {
      const port = await freePort();
      const worker = await startLocalWorker({
        port,
        persist: mkdtempSync(join(tmpdir(), "stance-page-bundled-")),
        readyPath: "/",
      });
      try {
        results.bundled = await firstPaint(browser, `http://127.0.0.1:${port}${TOPIC_VIEW}`);
        console.log(line(`with charts, bundled corpus, ${TOPIC_VIEW}`, results.bundled));
        results.bundledHome = await firstPaint(browser, `http://127.0.0.1:${port}/`);
        console.log(line("with charts, bundled corpus, /", results.bundledHome));
      } finally {
        stopLocalWorker(worker);
      }
    }

    // This branch with the SYNTHETIC corpus in D1.
    const persist = mkdtempSync(join(tmpdir(), "stance-page-seeded-"));
    execFileSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], {
      stdio: "ignore",
      env: { ...process.env, CI: "1" },
    });
    const seeded = await seedBulkSql(persist, DOCUMENTS, RECORDS_PER_DOCUMENT);
    console.log(
      `\nseeded ${seeded.documents} SYNTHETIC documents, ${seeded.records} records into the local D1 in ${fmt(seeded.ms / 1000, 1)} s`,
    );
    const port = await freePort();
    const worker = await startLocalWorker({ port, persist, readyPath: "/v1/health" });
    try {
      const base = `http://127.0.0.1:${port}`;
      const health = (await (await fetch(`${base}/v1/health`)).json()) as { corpus?: unknown };
      console.log(`health: ${JSON.stringify(health.corpus ?? health)}`);
      results.seeded = await firstPaint(browser, `${base}${TOPIC_VIEW}`);
      console.log(line(`with charts, ${DOCUMENTS} stored documents, ${TOPIC_VIEW}`, results.seeded));
    } finally {
      stopLocalWorker(worker);
    }
    // Today's page on the same stored corpus (the schema is main's too): the chart's own cost at scale.
    if (baselineDir) {
      const basePort = await freePort();
      const baseWorker = await startLocalWorker({ port: basePort, persist, readyPath: "/", cwd: baselineDir });
      try {
        results.baselineSeeded = await firstPaint(browser, `http://127.0.0.1:${basePort}${TOPIC_VIEW}`);
        console.log(line(`today's page, ${DOCUMENTS} stored documents, ${TOPIC_VIEW}`, results.baselineSeeded));
      } finally {
        stopLocalWorker(baseWorker);
      }
    }
    const port2 = await freePort();
    const worker2 = await startLocalWorker({ port: port2, persist, readyPath: "/v1/health" });
    try {
      const base = `http://127.0.0.1:${port2}`;
      const seededFcp = median(results.seeded.fcp);
      for (const [name, ref] of [
        ["today's page, bundled", results.baseline],
        [`today's page, ${DOCUMENTS} stored documents`, results.baselineSeeded],
        ["this branch, bundled", results.bundled],
      ] as const) {
        if (ref) console.log(`ratio vs ${name}: ${fmt(seededFcp / median(ref.fcp), 2)} (goal ≤ 1.25)`);
      }

      console.log("\nCSV export of every record (GET /v1/records?format=csv):");
      const e = await exportThroughput(worker2, `${base}/v1/records?format=csv`);
      const rows = e.newlines - 1; // header; quotes hold no line break in this corpus
      console.log(
        `status ${e.status}, ${rows} rows, ${fmt(e.bytes / 1024 / 1024, 1)} MiB in ${fmt(e.ms / 1000, 2)} s: ${fmt(rows / (e.ms / 1000))} rows/s; first byte after ${fmt(e.firstByteMs)} ms`,
      );
      console.log(
        `workerd resident memory: before ${fmt(e.before / 1024, 1)} MiB, peak during ${fmt(e.peak / 1024, 1)} MiB, after ${fmt(e.after / 1024, 1)} MiB`,
      );
    } finally {
      stopLocalWorker(worker2);
    }
  } finally {
    await browser.close();
  }
}

await main();
