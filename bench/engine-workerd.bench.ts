/**
 * `npm run bench:engine:workerd`: the engine inside workerd, served by `wrangler dev` (local
 * only, no account, no network) from bench/workerd-entry.ts, on a ~20 KB generated article. The
 * clock inside a worker does not advance while JavaScript runs, so the time is measured from
 * outside: a request that runs the engine N times minus one that runs it 0 times, divided by N.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundledTaxonomy } from "../src/storage/bundled-corpus";
import { generateArticles } from "./article-generator";
import { freePort, startLocalWorker, stopLocalWorker } from "./local-worker";

const PORT = await freePort();
const child = await startLocalWorker({
  port: PORT,
  persist: mkdtempSync(join(tmpdir(), "stance-bench-engine-")),
  entry: "bench/workerd-entry.ts",
  readyPath: "/?n=0",
});

try {
  const article =
    generateArticles(bundledTaxonomy(), 400_000, 7).find((a) => a.length >= 19_000 && a.length <= 22_000) ?? "";
  const time = async (n: number) => {
    const t0 = performance.now();
    await (await fetch(`http://127.0.0.1:${PORT}/?n=${n}`, { method: "POST", body: article })).text();
    return performance.now() - t0;
  };
  await time(20); // warm-up: JIT and caches inside the isolate
  const N = 50;
  const samples: number[] = [];
  for (let round = 0; round < 15; round++) {
    const base = await time(0);
    const loaded = await time(N);
    samples.push((loaded - base) / N);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? 0;
  console.log(
    `workerd via wrangler dev: ${(article.length / 1000).toFixed(1)} K-char article (${Buffer.byteLength(article)} bytes), ${N} runs per request, 15 rounds`,
  );
  console.log(
    `per article: median ${at(0.5).toFixed(2)} ms, best ${at(0).toFixed(2)} ms, worst ${at(1).toFixed(2)} ms`,
  );
} finally {
  stopLocalWorker(child);
}
