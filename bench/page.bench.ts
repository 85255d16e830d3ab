/**
 * npm run bench (second part) — the page and the exports at scale:
 *  1. first contentful paint of the page in Chromium (fresh browser context per load, median of
 *     11 after one untimed load: the method the browser test used before issue 11 moved timings
 *     here), on the bundled corpus and on a local D1 holding BENCH_PAGE_DOCUMENTS SYNTHETIC
 *     documents, with "today's page" (main at b72f24e, no chart) next to it when
 *     BENCH_BASELINE_DIR holds a checkout of it. Every view's worker is up at once and the loads
 *     take turns (round k loads each view once, in a rotated order), so a busy machine slows all
 *     views alike instead of whichever phase it happened to overlap; with each median come the
 *     navigation's time to first byte, response end and DOM interactive, to show where FCP goes;
 *  2. CSV export throughput of every record of that corpus: rows/s, the worker isolate's heap
 *     (inspector) before, during and after the export, and the workerd processes' resident memory
 *     (which includes the local D1's SQLite) before, at its peak during, and after.
 * The SYNTHETIC corpus is written in SQL (bench/seed-sql.ts); figures are printed, never assumed.
 */
import { type ChildProcess, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { freePort, heapUsageUpperBound, isolateHeap, startLocalWorker, stopLocalWorker } from "./local-worker";
import { seedBulkSql } from "./seed-sql";

const DOCUMENTS = Number(process.env.BENCH_PAGE_DOCUMENTS ?? 20_000);
const RECORDS_PER_DOCUMENT = Number(process.env.BENCH_RECORDS_PER_DOCUMENT ?? 10);
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 11);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TOPIC_VIEW = "/?a=US&b=CN&topic=taiwan";

/** The navigation's phases and first contentful paint (waiting for the paint if it comes after load), in ms from navigation start. */
const TIMING_SCRIPT = `(async () => {
  const nav = performance.getEntriesByType("navigation")[0];
  const fcp = await new Promise((resolve) => {
    new PerformanceObserver((list) => {
      const entry = list.getEntriesByName("first-contentful-paint")[0];
      if (entry) resolve(entry.startTime);
    }).observe({ type: "paint", buffered: true });
  });
  return { ttfb: nav.responseStart - nav.startTime, responseEnd: nav.responseEnd - nav.startTime,
    domInteractive: nav.domInteractive - nav.startTime, load: nav.loadEventEnd - nav.startTime, fcp };
})()`;

interface Timing {
  ttfb: number;
  responseEnd: number;
  domInteractive: number;
  load: number;
  fcp: number;
}
interface View {
  label: string;
  url: string;
  runs: Timing[];
  bytes: number;
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;

async function loadOnce(browser: Browser, url: string): Promise<Timing> {
  const fresh = await browser.newContext();
  try {
    const page = await fresh.newPage();
    await page.goto(url, { waitUntil: "load" });
    // Evaluated in the page (a string: the bench is type-checked without the DOM library).
    return (await page.evaluate(TIMING_SCRIPT)) as Timing;
  } finally {
    await fresh.close();
  }
}

/** One untimed load per view (the worker renders and keeps the page), then RUNS rounds taking turns. */
async function measureTogether(browser: Browser, views: View[]): Promise<void> {
  for (const view of views) {
    await loadOnce(browser, view.url);
    view.bytes = (await (await fetch(view.url)).arrayBuffer()).byteLength;
  }
  for (let round = 0; round < RUNS; round++) {
    for (let k = 0; k < views.length; k++) {
      const view = views[(round + k) % views.length] as View;
      view.runs.push(await loadOnce(browser, view.url));
    }
  }
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

/**
 * The export read to the end, with the isolate's heap: a snapshot (live objects after a full GC)
 * before, one when half the rows are read (the export pauses while it runs), and one after; V8's
 * quick count (garbage included, an upper bound) every 250 ms for the peak; workerd's RSS every
 * 200 ms. Rows/s is given with and without the time spent in those inspector calls.
 */
async function exportThroughput(child: ChildProcess, inspectorPort: number, url: string, expectedRows: number) {
  const heapBefore = (await isolateHeap(inspectorPort)).used;
  const rssBefore = workerdRssKiB(child);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, workerdRssKiB(child));
  }, 200);
  let heapPeak = 0;
  let heapDuring: { used: number; atRows: number } | undefined;
  let lastCount = 0;
  let pausedMs = 0;
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
    // Inspector calls one at a time, from this loop (two clients at once made the inspector hang).
    const pauseStart = performance.now();
    if (performance.now() - lastCount > 250) {
      heapPeak = Math.max(heapPeak, (await heapUsageUpperBound(inspectorPort)).used);
      lastCount = performance.now();
    }
    if (!heapDuring && newlines >= expectedRows / 2) {
      heapDuring = { used: (await isolateHeap(inspectorPort)).used, atRows: newlines };
    }
    pausedMs += performance.now() - pauseStart;
  }
  const ms = performance.now() - t0;
  clearInterval(sampler);
  const heapAfter = (await isolateHeap(inspectorPort)).used;
  const rssAfter = workerdRssKiB(child);
  return {
    status: res.status,
    ms,
    pausedMs,
    firstByteMs,
    bytes,
    newlines,
    heap: { before: heapBefore, during: heapDuring, peakUpperBound: heapPeak, after: heapAfter },
    rss: { before: rssBefore, peak: Math.max(rssPeak, rssAfter), after: rssAfter },
  };
}

const fmt = (n: number, d = 0) => n.toFixed(d);
const mib = (bytes: number) => fmt(bytes / 1024 / 1024, 1);
const line = (v: View) => {
  const m = (k: keyof Timing) => fmt(median(v.runs.map((r) => r[k])));
  return `${v.label.padEnd(52)} | FCP median ${m("fcp").padStart(4)} ms (runs ${v.runs.map((r) => fmt(r.fcp)).join(" ")})\n${"".padEnd(52)} | first byte ${m("ttfb")} ms, response end ${m("responseEnd")} ms, DOM interactive ${m("domInteractive")} ms, load ${m("load")} ms | HTML ${fmt(v.bytes / 1024, 1)} KiB`;
};

async function main() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const workers: ChildProcess[] = [];
  const start = async (persist: string, readyPath: string, cwd?: string) => {
    const port = await freePort();
    workers.push(await startLocalWorker({ port, persist, readyPath, cwd }));
    return `http://127.0.0.1:${port}`;
  };
  const view = (label: string, url: string): View => ({ label, url, runs: [], bytes: 0 });
  try {
    console.log(
      `\nStance Desk page bench — Chromium, ${RUNS} fresh-context loads per view (median), views taking turns, wrangler dev on 127.0.0.1\n`,
    );
    const baselineDir = process.env.BENCH_BASELINE_DIR;

    // The SYNTHETIC corpus in a local D1, written before any worker is up.
    const persist = mkdtempSync(join(tmpdir(), "stance-page-seeded-"));
    execFileSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], {
      stdio: "ignore",
      env: { ...process.env, CI: "1" },
    });
    const seeded = await seedBulkSql(persist, DOCUMENTS, RECORDS_PER_DOCUMENT);
    console.log(
      `seeded ${seeded.documents} SYNTHETIC documents, ${seeded.records} records into the local D1 in ${fmt(seeded.ms / 1000, 1)} s`,
    );

    const bundled = await start(mkdtempSync(join(tmpdir(), "stance-page-bundled-")), "/");
    const large = await start(persist, "/v1/health");
    const health = (await (await fetch(`${large}/v1/health`)).json()) as { corpus?: unknown };
    console.log(`health (${DOCUMENTS} documents): ${JSON.stringify(health.corpus ?? health)}\n`);
    const views = {
      bundled: view(`with charts, bundled corpus, ${TOPIC_VIEW}`, `${bundled}${TOPIC_VIEW}`),
      bundledHome: view("with charts, bundled corpus, /", `${bundled}/`),
      seeded: view(`with charts, ${DOCUMENTS} stored documents, ${TOPIC_VIEW}`, `${large}${TOPIC_VIEW}`),
      baseline: undefined as View | undefined,
      baselineSeeded: undefined as View | undefined,
    };
    // Today's page (main at b72f24e) on the bundled corpus and on the same stored corpus (the schema is main's too).
    if (baselineDir) {
      const base = await start(mkdtempSync(join(tmpdir(), "stance-page-base-")), "/", baselineDir);
      const baseLarge = await start(persist, "/", baselineDir);
      views.baseline = view(`today's page (${baselineDir}), bundled, ${TOPIC_VIEW}`, `${base}${TOPIC_VIEW}`);
      views.baselineSeeded = view(
        `today's page, ${DOCUMENTS} stored documents, ${TOPIC_VIEW}`,
        `${baseLarge}${TOPIC_VIEW}`,
      );
    }
    const all = [views.baseline, views.bundled, views.bundledHome, views.seeded, views.baselineSeeded].filter(
      (v): v is View => v !== undefined,
    );
    await measureTogether(browser, all);
    for (const v of all) console.log(line(v));
    const seededFcp = median(views.seeded.runs.map((r) => r.fcp));
    for (const [name, ref] of [
      ["today's page, bundled", views.baseline],
      [`today's page, ${DOCUMENTS} stored documents`, views.baselineSeeded],
      ["this branch, bundled", views.bundled],
    ] as const) {
      if (ref) console.log(`ratio vs ${name}: ${fmt(seededFcp / median(ref.runs.map((r) => r.fcp)), 2)} (goal ≤ 1.25)`);
    }
    while (workers.length) stopLocalWorker(workers.pop() as ChildProcess);
    await new Promise((r) => setTimeout(r, 1000));

    // The export, alone on the machine's worker side, with the inspector for the isolate's heap.
    const port = await freePort();
    const inspectorPort = await freePort();
    const worker = await startLocalWorker({ port, persist, readyPath: "/v1/health", inspectorPort });
    workers.push(worker);
    console.log("\nCSV export of every record (GET /v1/records?format=csv):");
    const e = await exportThroughput(
      worker,
      inspectorPort,
      `http://127.0.0.1:${port}/v1/records?format=csv`,
      seeded.records,
    );
    const rows = e.newlines - 1; // header; quotes hold no line break in this corpus
    console.log(
      `status ${e.status}, ${rows} rows, ${mib(e.bytes)} MiB in ${fmt(e.ms / 1000, 2)} s: ${fmt(rows / (e.ms / 1000))} rows/s (${fmt(rows / ((e.ms - e.pausedMs) / 1000))} rows/s without the ${fmt(e.pausedMs / 1000, 1)} s of heap measurements); first byte after ${fmt(e.firstByteMs)} ms`,
    );
    console.log(
      `worker isolate heap (live, heap snapshot): before ${mib(e.heap.before)} MiB, during ${e.heap.during ? `${mib(e.heap.during.used)} MiB (at row ${e.heap.during.atRows})` : "not taken"}, after ${mib(e.heap.after)} MiB; V8's count during (garbage included, upper bound) peaked at ${mib(e.heap.peakUpperBound)} MiB`,
    );
    console.log(
      `workerd resident memory (includes the local D1): before ${fmt(e.rss.before / 1024, 1)} MiB, peak during ${fmt(e.rss.peak / 1024, 1)} MiB, after ${fmt(e.rss.after / 1024, 1)} MiB`,
    );
  } finally {
    while (workers.length) stopLocalWorker(workers.pop() as ChildProcess);
    await browser.close();
  }
}

await main();
