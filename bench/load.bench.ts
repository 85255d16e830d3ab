/**
 * npm run bench:load — reads, analyses, writes and imports at once against a local worker
 * (`wrangler dev` on a free 127.0.0.1 port, a throwaway --persist-to directory with its local D1
 * and simulated Queues, nothing deployed, no network).
 *
 *  1. Loads BENCH_DOCS documents of the shared corpus (/work/shared/corpus/whitehouse, or
 *     BENCH_CORPUS) through POST /v1/documents, waiting out 429s as Retry-After asks.
 *  2. For BENCH_SECONDS (20), BENCH_CLIENTS (8) clients send a mix at once, at most
 *     BENCH_MAX_REQUESTS (20,000) in all: 65 % reads (/v1/compare, a topic's compare and
 *     timeline, /v1/terms, /v1/records, /v1/documents and one stored document, the page; a third
 *     revalidated with If-None-Match), 20 % POST /v1/analyze of a corpus text, 8 % writes
 *     (POST /v1/documents of a new SYNTHETIC text, then DELETE of it), 7 % imports (POST
 *     /v1/imports of BENCH_IMPORT_CHUNK (4) NDJSON lines from BENCH_IMPORT_DOCS (24) other corpus
 *     documents, cycling, so later chunks repeat texts already stored or still queued, and one line
 *     in each chunk a document loaded in step 1).
 *  3. Prints requests/s, p50 and p99 per kind, the count of every status per kind, then sends a
 *     burst of 40 analyses from one client (the rate limit: 20 per 10 s).
 *  4. Waits (at most BENCH_IMPORT_WAIT_S, 300) until every accepted import has no analysis pending,
 *     then checks through the API (GET /v1/documents/{id}: analysed, no record twice) and in SQL
 *     (status, revision: a pending document's one analysis takes it from 0 to 1, so more means it
 *     was analysed twice; records repeated; texts stored twice) that every imported document was
 *     analysed exactly once, and whether the goal holds: no response other than 2xx, 304 and 429.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort, startLocalWorker, stopLocalWorker } from "./local-worker";
import { syntheticArticle } from "./synthetic-articles";

const CORPUS = process.env.BENCH_CORPUS ?? "/work/shared/corpus/whitehouse";
const DOCS = Number(process.env.BENCH_DOCS ?? 150);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const MAX_REQUESTS = Number(process.env.BENCH_MAX_REQUESTS ?? 20_000);
const IMPORT_DOCS = Number(process.env.BENCH_IMPORT_DOCS ?? 24);
const IMPORT_CHUNK = Number(process.env.BENCH_IMPORT_CHUNK ?? 4);
const IMPORT_WAIT_S = Number(process.env.BENCH_IMPORT_WAIT_S ?? 300);
const TOKEN = "bench-token-synthetic";
/** Texts over this are left out of the load: the API's limit is 200,000 characters. */
const MAX_CHARS = 200_000;
/** Analyses send texts up to this size (a long article), so one call is a realistic cost. */
const ANALYZE_CHARS = 30_000;

type Kind = "read" | "analyze" | "write" | "import";
const KINDS = ["read", "analyze", "write", "import"] as const;

interface CorpusDoc {
  file: string;
  text: string;
  title: string;
  publishedAt?: string;
  url?: string;
}

/** Every Markdown file under dir, sorted, so the selection is the same each run. */
function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path));
    else if (entry.endsWith(".md")) out.push(path);
  }
  return out;
}

/**
 * The body after the YAML front matter, verbatim, with three single-line fields. Not a YAML
 * parser: a folded title falls back to the file name, which is all a bench needs.
 */
function corpusDoc(file: string): CorpusDoc | null {
  const raw = readFileSync(file, "utf8");
  const match = /^---\n([\s\S]*?)\n---\n/.exec(raw);
  const front = match?.[1] ?? "";
  const text = match ? raw.slice(match[0].length) : raw;
  if (text.trim() === "" || text.length > MAX_CHARS) return null;
  const field = (name: string) => new RegExp(`^${name}: (.+)$`, "m").exec(front)?.[1]?.trim();
  const date = field("date")?.replace(/^'|'$/g, "");
  const quoted = field("title");
  const title =
    quoted && /^(".*"|'.*')$/.test(quoted)
      ? quoted.slice(1, -1).replace(/\\_/g, "\u00a0").replace(/\\"/g, '"')
      : (file.split("/").pop() ?? file).replace(/\.md$/, "");
  return {
    file,
    text,
    title: title.slice(0, 500) || "White House document",
    publishedAt: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined,
    url: field("source_url"),
  };
}

/** Takes `n` documents spread over the whole corpus (every k-th file, from the `offset`-th on). */
function selectDocs(n: number, offset = 0, skip: ReadonlySet<string> = new Set()): CorpusDoc[] {
  if (!existsSync(CORPUS)) throw new Error(`no corpus at ${CORPUS} (set BENCH_CORPUS)`);
  const files = markdownFiles(CORPUS).filter((f) => !skip.has(f));
  const step = Math.max(1, Math.floor(files.length / n));
  const out: CorpusDoc[] = [];
  for (let i = offset % step; i < files.length && out.length < n; i += step) {
    const doc = corpusDoc(files[i] as string);
    if (doc) out.push(doc);
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** POST with the token, waiting out 429s (Retry-After) like the ingest CLI does. */
async function postDocument(base: string, body: object, statuses: Map<number, number>): Promise<Response> {
  for (;;) {
    const res = await fetch(`${base}/v1/documents`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status !== 429) return res;
    await res.arrayBuffer();
    await sleep(Number(res.headers.get("retry-after") ?? "1") * 1000);
  }
}

/** A query on the worker's local D1 (the same --persist-to directory), through wrangler. */
async function d1(persist: string, sql: string): Promise<Record<string, unknown>[]> {
  const { stdout } = await promisify(execFile)(
    "npx",
    ["wrangler", "d1", "execute", "DB", "--local", "--persist-to", persist, "--json", "--command", sql],
    { env: { ...process.env, CI: "1" }, maxBuffer: 64 * 1024 * 1024 },
  );
  const parsed = JSON.parse(stdout) as { results: Record<string, unknown>[] }[];
  return parsed[0]?.results ?? [];
}

/** An import line: the submission POST /v1/documents takes. */
function importLine(doc: CorpusDoc): string {
  return JSON.stringify({
    text: doc.text,
    title: doc.title,
    publishedAt: doc.publishedAt,
    url: doc.url,
    source: "The White House",
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function main() {
  const docs = selectDocs(DOCS);
  // Imported documents: others of the same corpus, none of those loaded in step 1.
  const importDocs = selectDocs(IMPORT_DOCS, 1, new Set(docs.map((d) => d.file)));
  const port = await freePort();
  const persist = mkdtempSync(join(tmpdir(), "stance-load-bench-"));
  const base = `http://127.0.0.1:${port}`;
  const worker = await startLocalWorker({ port, persist, readyPath: "/v1/health", env: { INGEST_TOKEN: TOKEN } });
  try {
    // 1. Load the corpus.
    const loadStatuses = new Map<number, number>();
    const ids: string[] = [];
    const loadStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < docs.length) {
          const doc = docs[next++] as CorpusDoc;
          const res = await postDocument(
            base,
            { text: doc.text, title: doc.title, publishedAt: doc.publishedAt, url: doc.url, source: "The White House" },
            loadStatuses,
          );
          const body = (await res.json()) as { id?: string };
          if (res.ok && body.id) ids.push(body.id);
          else console.log(`  not loaded: ${doc.file}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
        }
      }),
    );
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const health = (await (await fetch(`${base}/v1/health`)).json()) as { documents?: number; records?: number };
    console.log(
      `1. loaded ${ids.length} of ${docs.length} corpus documents in ${loadSeconds.toFixed(1)} s (statuses ${JSON.stringify(Object.fromEntries(loadStatuses))}); /v1/health: ${JSON.stringify(health)}`,
    );

    // 2. The mix.
    const readPaths = [
      "/v1/compare",
      "/v1/compare?a=US&b=CN&topic=taiwan",
      "/v1/topics/strategic-competition/compare",
      "/v1/topics/trade-and-economy/timeline",
      "/v1/terms?limit=20",
      "/v1/records?actor=CN&limit=50",
      "/v1/documents?limit=50",
      "/",
    ];
    const etags = new Map<string, string>();
    const analyzeTexts = docs.map((d) => d.text.slice(0, ANALYZE_CHARS)).filter((t) => t.trim().length > 200);
    const latencies: Record<Kind, number[]> = { read: [], analyze: [], write: [], import: [] };
    const statuses: Record<Kind, Map<number, number>> = {
      read: new Map(),
      analyze: new Map(),
      write: new Map(),
      import: new Map(),
    };
    const importIds: string[] = [];
    let importChunk = 0;
    const failures: string[] = [];
    let sent = 0;
    let synthetic = 0;
    const deadline = performance.now() + SECONDS * 1000;
    const record = (kind: Kind, status: number, ms: number, what: string) => {
      latencies[kind].push(ms);
      statuses[kind].set(status, (statuses[kind].get(status) ?? 0) + 1);
      if (!((status >= 200 && status < 300) || status === 304 || status === 429) && failures.length < 20)
        failures.push(`${what} → ${status}`);
    };
    const timed = async (kind: Kind, what: string, send: () => Promise<Response>) => {
      const start = performance.now();
      try {
        const res = await send();
        await res.arrayBuffer();
        record(kind, res.status, performance.now() - start, what);
        return res;
      } catch (error) {
        record(kind, 0, performance.now() - start, `${what} (${String(error)})`);
        return undefined;
      }
    };
    const mixStart = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        const ip = `198.18.0.${client + 1}`;
        let i = client;
        while (performance.now() < deadline && sent < MAX_REQUESTS) {
          sent++;
          i++;
          const roll = (i * 7919) % 100;
          if (roll < 65) {
            const path =
              roll % 7 === 0 && ids.length
                ? `/v1/documents/${ids[i % ids.length]}`
                : (readPaths[i % readPaths.length] as string);
            const etag = roll % 3 === 0 ? etags.get(path) : undefined;
            const res = await timed("read", `GET ${path}`, () =>
              fetch(`${base}${path}`, { headers: etag ? { "if-none-match": etag } : {} }),
            );
            const tag = res?.headers.get("etag");
            if (tag) etags.set(path, tag);
          } else if (roll < 85) {
            const text = analyzeTexts[i % analyzeTexts.length] as string;
            await timed("analyze", "POST /v1/analyze", () =>
              fetch(`${base}/v1/analyze?a=US&b=CN`, {
                method: "POST",
                headers: { "content-type": "text/plain", "cf-connecting-ip": ip },
                body: text,
              }),
            );
          } else if (roll >= 93 && importDocs.length) {
            // The pool cycles: later chunks repeat texts already stored, or still being analysed.
            const chunk = importChunk++;
            const lines = Array.from({ length: IMPORT_CHUNK - 1 }, (_, k) =>
              importLine(importDocs[(chunk * (IMPORT_CHUNK - 1) + k) % importDocs.length] as CorpusDoc),
            );
            lines.push(importLine(docs[chunk % docs.length] as CorpusDoc));
            const start = performance.now();
            try {
              const res = await fetch(`${base}/v1/imports`, {
                method: "POST",
                headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
                body: `${lines.join("\n")}\n`,
              });
              const body = (await res.json()) as { id?: string };
              record("import", res.status, performance.now() - start, "POST /v1/imports");
              if (res.status === 202 && body.id) importIds.push(body.id);
            } catch (error) {
              record("import", 0, performance.now() - start, `POST /v1/imports (${String(error)})`);
            }
          } else {
            const article = syntheticArticle(100_000 + synthetic++);
            const res = await timed("write", "POST /v1/documents", () =>
              fetch(`${base}/v1/documents`, {
                method: "POST",
                headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
                body: JSON.stringify(article),
              }),
            );
            const location = res?.status === 201 ? res.headers.get("location") : null;
            if (location && synthetic % 2 === 0) {
              await timed("write", "DELETE /v1/documents/{id}", () =>
                fetch(`${base}${location}`, { method: "DELETE", headers: { authorization: `Bearer ${TOKEN}` } }),
              );
            }
          }
        }
      }),
    );
    const mixSeconds = (performance.now() - mixStart) / 1000;

    // 3. Report.
    console.log(
      `2. mix: ${CLIENTS} clients for ${mixSeconds.toFixed(1)} s (${SECONDS} s asked, at most ${MAX_REQUESTS} requests)`,
    );
    console.log("   kind     requests   req/s    p50 ms   p99 ms   statuses");
    let bad = 0;
    for (const kind of KINDS) {
      const sorted = [...latencies[kind]].sort((a, b) => a - b);
      const counts = Object.fromEntries([...statuses[kind]].sort(([a], [b]) => a - b));
      for (const [status, n] of statuses[kind])
        if (!((status >= 200 && status < 300) || status === 304 || status === 429)) bad += n;
      console.log(
        `   ${kind.padEnd(8)} ${String(sorted.length).padStart(8)} ${(sorted.length / mixSeconds).toFixed(1).padStart(7)} ${percentile(sorted, 50).toFixed(1).padStart(9)} ${percentile(sorted, 99).toFixed(1).padStart(8)}   ${JSON.stringify(counts)}`,
      );
    }
    const total = KINDS.reduce((n, kind) => n + latencies[kind].length, 0);
    console.log(`   all      ${String(total).padStart(8)} ${(total / mixSeconds).toFixed(1).padStart(7)}`);
    // The analyze limit under a burst: one client, 40 short analyses, 8 at a time.
    const burst = new Map<number, number>();
    const short = (analyzeTexts[0] ?? "").slice(0, 2_000);
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          fetch(`${base}/v1/analyze`, {
            method: "POST",
            headers: { "content-type": "text/plain", "cf-connecting-ip": "198.18.1.1" },
            body: short,
          }),
        ),
      );
      for (const res of answers) {
        await res.arrayBuffer();
        burst.set(res.status, (burst.get(res.status) ?? 0) + 1);
        if (!((res.status >= 200 && res.status < 300) || res.status === 429)) bad++;
      }
    }
    console.log(`   burst of 40 analyses from one client: ${JSON.stringify(Object.fromEntries(burst))}`);
    const after = (await (await fetch(`${base}/v1/health`)).json()) as { documents?: number; records?: number };
    console.log(`   /v1/health after the mix: ${JSON.stringify(after)}`);

    // 4. Every import finished, and every imported document analysed exactly once.
    const waitStart = performance.now();
    const waitDeadline = waitStart + IMPORT_WAIT_S * 1000;
    const views = new Map<string, { pending: number; status: string; counts: Record<string, number> }>();
    for (const id of importIds) {
      for (;;) {
        const res = await fetch(`${base}/v1/imports/${id}`);
        const view = (await res.json()) as { pending: number; status: string; counts: Record<string, number> };
        if (res.status !== 200) bad++;
        views.set(id, view);
        if (view.pending === 0 || performance.now() > waitDeadline) break;
        await sleep(250);
      }
    }
    const waiting = [...views.values()].filter((v) => v.pending > 0).length;
    const sum = (key: string) => [...views.values()].reduce((n, v) => n + (v.counts[key] ?? 0), 0);
    console.log(
      `4. imports: ${importIds.length} accepted, all settled ${((performance.now() - waitStart) / 1000).toFixed(1)} s after the mix (${waiting} still waiting); lines stored ${sum("stored")}, duplicate ${sum("duplicate")}, invalid ${sum("invalid")}, analysed ${sum("analyzed")}, failed ${sum("failed")}`,
    );
    const imported = (await d1(persist, "SELECT DISTINCT document_id AS id FROM import_items ORDER BY 1")).map((r) =>
      String(r.id),
    );
    let apiAnalysed = 0;
    let apiGone = 0;
    let apiRepeated = 0;
    for (const id of imported) {
      const res = await fetch(`${base}/v1/documents/${encodeURIComponent(id)}`);
      if (res.status === 404) {
        apiGone++;
        await res.arrayBuffer();
        continue;
      }
      const doc = (await res.json()) as { analysis?: { status: string }; records: { id: string }[] };
      if (doc.analysis?.status === "analyzed") apiAnalysed++;
      if (new Set(doc.records.map((r) => r.id)).size !== doc.records.length) apiRepeated++;
    }
    console.log(
      `   API: ${imported.length} imported documents, ${apiAnalysed} analysed, ${apiGone} not found, ${apiRepeated} with a record twice`,
    );
    const [sqlCheck] = await d1(
      persist,
      `SELECT (SELECT count(*) FROM documents WHERE id IN (SELECT document_id FROM import_items)) AS imported,
              (SELECT count(*) FROM documents WHERE id IN (SELECT document_id FROM import_items) AND status = 'analyzed') AS analyzed,
              (SELECT count(*) FROM documents WHERE id IN (SELECT document_id FROM import_items) AND revision > 1) AS analysedTwice,
              (SELECT count(*) FROM import_items WHERE state = 'queued') AS queuedItems,
              (SELECT count(*) FROM (SELECT 1 FROM records GROUP BY document_id, span_start, span_end, actor, kind, topics HAVING count(*) > 1)) AS repeatedRecords,
              (SELECT count(*) FROM (SELECT 1 FROM documents GROUP BY sha256 HAVING count(*) > 1)) AS textsTwice,
              (SELECT count(*) FROM records) AS records,
              (SELECT records FROM corpus_version) AS kept`,
    );
    console.log(`   SQL: ${JSON.stringify(sqlCheck)}`);
    const once =
      waiting === 0 &&
      apiAnalysed === imported.length &&
      apiRepeated === 0 &&
      sqlCheck !== undefined &&
      sqlCheck.imported === imported.length &&
      sqlCheck.analyzed === imported.length &&
      sqlCheck.analysedTwice === 0 &&
      sqlCheck.queuedItems === 0 &&
      sqlCheck.repeatedRecords === 0 &&
      sqlCheck.textsTwice === 0 &&
      sqlCheck.records === sqlCheck.kept;
    console.log(
      once
        ? "   every imported document analysed exactly once"
        : "   IMPORT CHECK FAILED: not every imported document was analysed exactly once",
    );
    if (!once) process.exitCode = 1;
    for (const f of failures) console.log(`   failure: ${f}`);
    console.log(
      bad === 0
        ? "5. goal met: no response other than 2xx, 304 and 429"
        : `5. GOAL MISSED: ${bad} responses other than 2xx, 304 and 429`,
    );
    if (bad > 0) process.exitCode = 1;
  } finally {
    stopLocalWorker(worker);
    rmSync(persist, { recursive: true, force: true });
  }
}

await main();
