/**
 * Where a page's first contentful paint goes, from Chromium's trace: for each URL given (a
 * running `wrangler dev`, or any server on 127.0.0.1), fresh-context loads taking turns, and per
 * load the renderer main thread's CPU time (the trace's thread time, so a busy machine inflates it
 * less than wall time) by event up to FCP, next to FCP itself. Medians over the loads.
 *   npx tsx bench/page-trace.ts 'http://127.0.0.1:8787/?a=US&b=CN&topic=taiwan' http://127.0.0.1:8788/…
 * BENCH_TRACE_RUNS (default 9) loads per URL.
 */
import { chromium } from "playwright-core";

const RUNS = Number(process.env.BENCH_TRACE_RUNS ?? 9);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Main-thread work before the first frame: parsing, style, layout, paint, script. */
const EVENTS = ["ParseHTML", "UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "EvaluateScript"];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tid: number;
  args?: { data?: { documentLoaderURL?: string } };
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main() {
  const urls = process.argv.slice(2);
  if (urls.length === 0) throw new Error("usage: npx tsx bench/page-trace.ts URL [URL …]");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const figures = urls.map(() => new Map<string, number[]>());
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const [k, url] of urls.entries()) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await browser.startTracing(page, {
          categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "loading"],
        });
        await page.goto(url, { waitUntil: "load" });
        await page.waitForTimeout(300); // FCP can come after load
        const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] })
          .traceEvents;
        await context.close();
        // The document's own navigation (the new page's about:blank has one too, without a URL).
        const start = events.find((e) => e.name === "navigationStart" && e.args?.data?.documentLoaderURL);
        const fcp = events.find((e) => e.name === "firstContentfulPaint");
        if (!start || !fcp) continue;
        const before = (e: TraceEvent) => e.ph === "X" && e.ts >= start.ts && e.ts <= fcp.ts;
        const add = (name: string, ms: number) => {
          const list = figures[k]?.get(name) ?? [];
          list.push(ms);
          figures[k]?.set(name, list);
        };
        add("FCP", (fcp.ts - start.ts) / 1000);
        let total = 0;
        for (const name of EVENTS) {
          const ms =
            events.filter((e) => e.name === name && before(e)).reduce((s, e) => s + (e.tdur ?? e.dur ?? 0), 0) / 1000;
          total += ms;
          add(name, ms);
        }
        add("main-thread CPU (these events)", total);
      }
    }
  } finally {
    await browser.close();
  }
  for (const [k, url] of urls.entries()) {
    const parts = [...(figures[k] ?? new Map<string, number[]>())].map(
      ([name, xs]) => `${name} ${median(xs).toFixed(0)}`,
    );
    console.log(`${url}\n  medians of ${RUNS} (ms): ${parts.join(", ")}`);
  }
}

await main();
