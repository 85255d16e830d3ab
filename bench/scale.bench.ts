/**
 * npm run bench:scale — storage at 1,000, 5,000 and 20,000 stored documents (issue 9), through a
 * local worker (`wrangler dev` on a free 127.0.0.1 port, a throwaway --persist-to directory,
 * nothing deployed). Documents: the real texts of ../shared/corpus (White House Markdown bodies,
 * CMFA press conferences) first, topped up with generated SYNTHETIC articles. Each is analysed by
 * the engine and stored through the same D1Store.insertDocument as POST /v1/documents
 * (bench/scale-worker.ts, without HTTP auth and rate limit).
 *
 * At each size, for every read below, BENCH_ROUNDS uncached requests (memo cleared, a new query
 * string, so neither the isolate nor the Cache API can answer): p50/p99 wall time as the client
 * sees it, D1 rows read per request (meta.rows_read), and the workerd processes' resident memory.
 * Then the first /v1/compare after a write (median of 5 write+read pairs) next to the warm uncached
 * p50. BENCH_SCALE_SIZES=1000,5000 for a shorter run. BENCH_SCALE_ROOT=<checkout> runs another
 * checkout's worker (its bench/scale-worker.ts) with the same client: how the "before" figures of
 * the old design were taken. BENCH_SHARED=<dir> points at the shared corpus from another folder.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { bundledTaxonomy } from "../src/storage/bundled-corpus";
import { generateArticles } from "./article-generator";
import { freePort, heapUsageUpperBound, isolateHeap, startLocalWorker, stopLocalWorker } from "./local-worker";

const SIZES = (process.env.BENCH_SCALE_SIZES ?? "1000,5000,20000").split(",").map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const ROOT = process.env.BENCH_SCALE_ROOT ?? process.cwd();
/** Keep a copy of the database at each size here (BENCH_SCALE_KEEP), or measure such copies again without loading (BENCH_SCALE_REUSE). */
const KEEP = process.env.BENCH_SCALE_KEEP;
const REUSE = process.env.BENCH_SCALE_REUSE;
const SHARED = process.env.BENCH_SHARED ?? join(process.cwd(), "..", "shared", "corpus");
const READS = [
  "/v1/compare",
  "/v1/topics/taiwan/compare",
  "/v1/topics/taiwan/timeline",
  "/v1/terms",
  "/v1/records?actor=CN&topic=taiwan&limit=50",
] as const;

interface Submission {
  title: string;
  text: string;
  source: string | null;
  publishedAt: string | null;
  url: string | null;
  synthetic: boolean;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (name.endsWith(".md")) yield path;
  }
}

/** The White House archive: front matter by a YAML parser, the body kept exactly. */
function whiteHouse(): Submission[] {
  const dir = join(SHARED, "whitehouse");
  const out: Submission[] = [];
  try {
    for (const path of walk(dir)) {
      const content = readFileSync(path, "utf8");
      const end = content.indexOf("\n---\n", 3);
      if (!content.startsWith("---\n") || end < 0) continue;
      const meta = parseYaml(content.slice(4, end)) as { title?: string; date?: string; source_url?: string };
      out.push({
        title: String(meta.title ?? relative(dir, path)).slice(0, 300),
        text: content.slice(end + 5),
        source: "The White House",
        publishedAt: meta.date ?? null,
        url: meta.source_url ?? null,
        synthetic: false,
      });
    }
  } catch {
    // ../shared absent: generated articles only
  }
  return out;
}

/** The CMFA press conferences, one document each (python's csv module reads the RFC 4180 file). */
function cmfa(): Submission[] {
  const script = `
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
by = {}
for r in rows: by.setdefault(r["link"], []).append(r)
out = []
for link, rs in by.items():
    sp = rs[0]["spokesperson"]
    turns = []
    for r in rs:
        turns.append(("Q" if r["who_asked"] == "-" else r["who_asked"]) + ": " + r["question"])
        turns.append(("Spokesperson" if r["spokesperson"] == "missing" else r["spokesperson"]) + ": " + r["answer"])
    out.append({"title": "Foreign Ministry Spokesperson " + sp + "'s Regular Press Conference on " + rs[0]["date"],
                "text": "\\n\\n".join(turns), "source": "PRC Ministry of Foreign Affairs",
                "publishedAt": rs[0]["date"], "url": link, "synthetic": False})
print(json.dumps(out))`;
  const result = spawnSync("python3", ["-c", script, join(SHARED, "cmfa", "cmfa-ukraine-subset.csv")], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return result.status === 0 ? (JSON.parse(result.stdout) as Submission[]) : [];
}

const SOURCES = ["Synthetic Wire", "Synthetic Daily", "Synthetic Ministry Bulletin"];

function generated(count: number, seed: number): Submission[] {
  // Article sizes 1–24 K characters; ~12.5 K on average.
  const texts = generateArticles(bundledTaxonomy(), count * 12_500, seed).slice(0, count);
  return texts.map((text, i) => {
    const month = 1 + ((i * 7) % 12);
    return {
      title: `Synthetic scale article ${seed}-${i}`,
      text: `${text}\n\n(Synthetic benchmark text ${seed}-${i}, generated from templates; not real reporting.)`,
      source: SOURCES[i % SOURCES.length] ?? null,
      publishedAt: `${2021 + (i % 6)}-${String(month).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
      url: null,
      synthetic: true,
    };
  });
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Resident memory of the workerd processes started under the worker's process group, in MB. */
function workerdRssMb(pgid: number): number {
  const out = execFileSync("ps", ["-o", "rss=,comm=", "-g", String(pgid)], { encoding: "utf8" });
  let kb = 0;
  for (const line of out.trim().split("\n")) {
    const [rss, comm] = line.trim().split(/\s+/);
    if (comm?.includes("workerd")) kb += Number(rss);
  }
  return kb / 1024;
}

/** The local D1 files under the persist directory, in MB (what D1 would hold for this corpus). */
function databaseMb(persist: string): number {
  let bytes = 0;
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) visit(path);
      else if (path.includes("d1") && /\.sqlite(-wal)?$/.test(name)) bytes += st.size;
    }
  };
  visit(persist);
  return bytes / 1024 / 1024;
}

async function main() {
  const port = await freePort();
  const inspectorPort = await freePort();
  const persist = mkdtempSync(join(tmpdir(), "stance-scale-"));
  const base = `http://127.0.0.1:${port}`;
  const start = async () => {
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      return await startLocalWorker({
        port,
        persist,
        entry: "bench/scale-worker.ts",
        readyPath: "/v1/health",
        env: { INGEST_TOKEN: "bench-token-synthetic" },
        inspectorPort,
      });
    } finally {
      process.chdir(cwd);
    }
  };
  let child = await start();
  try {
    const real = [...whiteHouse(), ...cmfa()];
    console.log(`real documents available: ${real.length}`);
    const pool: Submission[] = [...real];
    let loaded = 0;
    let records = 0;
    const load = async (docs: Submission[]) => {
      for (let i = 0; i < docs.length; i += 20) {
        const body = docs
          .slice(i, i + 20)
          .map((d) => JSON.stringify(d))
          .join("\n");
        const res = await fetch(`${base}/__bench/load`, { method: "POST", body });
        if (!res.ok) throw new Error(`load failed: ${res.status} ${await res.text()}`);
        const r = (await res.json()) as { stored: number; records: number };
        loaded += r.stored;
        records += r.records;
      }
    };
    const read = async (path: string) => {
      const t = performance.now();
      const res = await fetch(`${base}/__bench/read?path=${encodeURIComponent(path)}`);
      const r = (await res.json()) as { status: number; rowsRead: number; bytes: number };
      const ms = performance.now() - t;
      if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
      return { ms, rows: r.rowsRead, bytes: r.bytes };
    };
    for (const path of READS) await read(path);
    const emptyRss = workerdRssMb(child.pid ?? 0);
    const emptyHeap = await isolateHeap(inspectorPort);
    console.log(`empty corpus: isolate live heap ${mb(emptyHeap.used)} MB; workerd RSS ${emptyRss.toFixed(1)} MB`);
    let seed = 1;
    for (const size of SIZES) {
      const t0 = performance.now();
      if (REUSE) {
        stopLocalWorker(child);
        await new Promise((r) => setTimeout(r, 1000));
        rmSync(persist, { recursive: true, force: true });
        cpSync(join(REUSE, String(size)), persist, { recursive: true });
        child = await start();
        const health = (await (await fetch(`${base}/v1/health`)).json()) as { documents: number; records: number };
        loaded = health.documents;
        records = health.records;
        console.log(`\n== ${loaded} documents, ${records} records (a kept copy from ${join(REUSE, String(size))})`);
      } else {
        while (pool.length < size - loaded)
          pool.push(...generated(Math.min(2000, size - loaded - pool.length), seed++));
        await load(pool.splice(0, size - loaded));
        const loadS = (performance.now() - t0) / 1000;
        console.log(`\n== ${loaded} documents, ${records} records (loaded in ${loadS.toFixed(0)} s)`);
        // A fresh worker process on the same database: what it holds comes from serving reads, not
        // from the bulk load that just ran in it.
        stopLocalWorker(child);
        await new Promise((r) => setTimeout(r, 1000));
        if (KEEP) cpSync(persist, join(KEEP, String(size)), { recursive: true });
        child = await start();
      }
      for (const path of READS) {
        await read(path); // one untimed request: JIT and SQLite page cache warm, as a live isolate is
        const runs = [];
        for (let k = 0; k < ROUNDS; k++) runs.push(await read(path));
        const ms = runs.map((r) => r.ms);
        console.log(
          `${path.padEnd(45)} p50 ${percentile(ms, 50).toFixed(1)} ms  p99 ${percentile(ms, 99).toFixed(1)} ms  rows read ${runs[0]?.rows}  ${((runs[0]?.bytes ?? 0) / 1024).toFixed(0)} KiB`,
        );
      }
      try {
        const heap = await isolateHeap(inspectorPort);
        console.log(
          `isolate live heap after the reads (before any write in this process): ${mb(heap.used)} MB (growth from empty ${mb(heap.used - emptyHeap.used)} MB)`,
        );
      } catch {
        // A heap of gigabytes does not snapshot within the timeout: V8's own (upper-bound) count.
        const heap = await heapUsageUpperBound(inspectorPort);
        console.log(`isolate heap (snapshot timed out; V8's count, garbage included): ${mb(heap.used)} MB`);
      }
      const afterWrite: number[] = [];
      for (let k = 0; k < 5; k++) {
        await load(generated(1, 1000 + size * 10 + k));
        afterWrite.push((await read("/v1/compare")).ms);
      }
      const warm = [];
      for (let k = 0; k < 5; k++) warm.push((await read("/v1/compare")).ms);
      console.log(
        `first /v1/compare after a write: median ${percentile(afterWrite, 50).toFixed(1)} ms vs warm uncached ${percentile(warm, 50).toFixed(1)} ms`,
      );
      const rss = workerdRssMb(child.pid ?? 0);
      // The local D1 (SQLite) runs inside the same workerd process, so RSS includes its page cache.
      console.log(
        `workerd RSS ${rss.toFixed(1)} MB (growth from empty ${(rss - emptyRss).toFixed(1)} MB; includes the local D1)`,
      );
      console.log(`local D1 files: ${databaseMb(persist).toFixed(0)} MB`);
    }
  } finally {
    stopLocalWorker(child);
    rmSync(persist, { recursive: true, force: true });
  }
}

await main();
