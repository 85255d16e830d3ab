/**
 * `npm run bench:engine:workerd`: the engine inside workerd, served by `wrangler dev` (local
 * only, no account, no network) from bench/engine-workerd-entry.ts, on a ~20 KB generated article
 * and on a real ~100 KB press briefing transcript (read from ../shared/corpus, skipped if absent). The
 * clock inside a worker does not advance while JavaScript runs, so the time is measured from
 * outside: a request that runs the engine N times minus one that runs it 0 times, divided by N.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundledTaxonomy } from "../src/storage/bundled-corpus";
import { generateArticles } from "./article-generator";
import { loadBriefing } from "./engine-briefing";
import { freePort, startLocalWorker, stopLocalWorker } from "./local-worker";

const PORT = await freePort();
const child = await startLocalWorker({
  port: PORT,
  persist: mkdtempSync(join(tmpdir(), "stance-bench-engine-")),
  entry: "bench/engine-workerd-entry.ts",
  readyPath: "/?n=0",
});

try {
  const article =
    generateArticles(bundledTaxonomy(), 400_000, 7).find((a) => a.length >= 19_000 && a.length <= 22_000) ?? "";
  const measure = async (name: string, text: string, query: string, N: number) => {
    const time = async (n: number) => {
      const t0 = performance.now();
      await (await fetch(`http://127.0.0.1:${PORT}/?n=${n}${query}`, { method: "POST", body: text })).text();
      return performance.now() - t0;
    };
    await time(Math.min(20, N)); // warm-up: JIT and caches inside the isolate
    const samples: number[] = [];
    for (let round = 0; round < 15; round++) {
      const base = await time(0);
      const loaded = await time(N);
      samples.push((loaded - base) / N);
    }
    samples.sort((a, b) => a - b);
    const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? 0;
    console.log(
      `workerd via wrangler dev: ${name}, ${(text.length / 1000).toFixed(1)} K chars (${Buffer.byteLength(text)} bytes), ${N} runs per request, 15 rounds`,
    );
    console.log(
      `  per document: median ${at(0.5).toFixed(2)} ms, best ${at(0).toFixed(2)} ms, worst ${at(1).toFixed(2)} ms`,
    );
  };
  await measure("generated article", article, "", 50);
  const briefing = loadBriefing();
  if (briefing) {
    const query = `&title=${encodeURIComponent(briefing.title)}&source=${encodeURIComponent(briefing.source)}`;
    await measure("real press briefing transcript with title and source", briefing.text, query, 10);
  } else console.log("press briefing case skipped: ../shared/corpus not found");
} finally {
  stopLocalWorker(child);
}
