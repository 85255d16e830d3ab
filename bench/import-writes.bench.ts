/**
 * `npm run bench:import-writes`: where the time of the bulk path's D1 writes goes, statement by
 * statement. It replays what POST /v1/imports and the queue consumer write for every document of
 * ../shared/corpus/ (the same D1Store/D1Imports code builds the statements) against a SQLite file
 * with this repository's migrations, through Node's built-in SQLite (node:sqlite) instead of D1:
 * D1 is SQLite, so plans and the relative cost of statements carry over; miniflare's own overhead
 * (the round trip to its Durable Object, result serialisation) does not appear here and is measured
 * by bench:import. Each batch runs in one transaction, as D1 runs a batch.
 *
 * It reports the engine's time per document, the write batch's time per document (p50/p99, sum),
 * each statement's share, and EXPLAIN QUERY PLAN of every distinct write statement. The database
 * is left at BENCH_DB (default a temporary file) for the sqlite3 CLI.
 *
 * BENCH_LIMIT=N: the first N documents only. BENCH_DB=path: where the database goes. BENCH_SYNC:
 * the synchronous pragma (FULL). BENCH_PLANS=0: no plans. BENCH_SKIP_EVERY=k: every k-th document
 * is left pending (not analysed), for timing its batch later on a copy of the built database:
 * BENCH_BASE=built.sqlite copies it to BENCH_DB and analyses only the documents still pending there.
 * BENCH_PRAGMAS / BENCH_SQL: SQL run before (pragmas; e.g. an index to try).
 */
import { copyFile, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { type ImportItem, importSource } from "../src/cli/import-formats";
import { ROOT } from "../src/cli/wrangler-dev";
import { extractRecords } from "../src/engine/extract/index";
import type { StanceDocument } from "../src/model/document";
import { analysisVersion, bundledTaxonomy } from "../src/storage/bundled-corpus";
import { D1Imports } from "../src/storage/d1-imports";
import { D1Store } from "../src/storage/d1-store";
import { sha256Hex, storedDocumentId, titleFromText } from "../src/storage/document-identity";

const CORPUS = join(ROOT, "../shared/corpus");
const LIMIT = process.env.BENCH_LIMIT ? Number(process.env.BENCH_LIMIT) : undefined;
const BASE = process.env.BENCH_BASE;
const DB_PATH = process.env.BENCH_DB ?? join(tmpdir(), `stance-import-writes-${process.pid}.sqlite`);

interface Timing {
  sql: string;
  count: number;
  ms: number;
  rows: number;
}

/** A statement as D1Store builds it: SQL and its bound values. */
class Statement {
  constructor(
    readonly sql: string,
    readonly args: readonly unknown[] = [],
  ) {}
  bind(...args: unknown[]): Statement {
    return new Statement(this.sql, args);
  }
}

const label = (sql: string) => sql.replace(/\s+/g, " ").trim();

const value = (v: unknown): SQLInputValue => {
  if (v === undefined || v === null) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number" || typeof v === "string" || typeof v === "bigint") return v;
  throw new Error(`cannot bind ${typeof v}`);
};

/** Just enough of D1Database for D1Store's write paths, on node:sqlite, timing every statement. */
class TimedDatabase {
  readonly timings = new Map<string, Timing>();
  /** Time in batches (prepare, statements, commit), in compiling statements, in COMMIT. */
  batchMs = 0;
  prepareMs = 0;
  commitMs = 0;
  constructor(readonly sqlite: DatabaseSync) {}

  prepare(sql: string): Statement {
    return new Statement(sql);
  }

  private exec(s: Statement): { results: unknown[]; meta: { rows_read: number } } {
    const key = label(s.sql);
    const p0 = performance.now();
    const prepared = this.sqlite.prepare(s.sql);
    const args = s.args.map(value);
    const t0 = performance.now();
    this.prepareMs += t0 - p0;
    let results: unknown[] = [];
    let rows = 0;
    if (/^\s*(SELECT|WITH)/i.test(s.sql)) {
      results = prepared.all(...args);
      rows = results.length;
    } else rows = Number(prepared.run(...args).changes);
    const ms = performance.now() - t0;
    const t = this.timings.get(key) ?? { sql: key, count: 0, ms: 0, rows: 0 };
    t.count++;
    t.ms += ms;
    t.rows += rows;
    this.timings.set(key, t);
    return { results, meta: { rows_read: 0 } };
  }

  /** BENCH_DUMP: the last analysis batch's statements, for trying variants by hand. */
  last: readonly Statement[] = [];

  async batch(statements: readonly Statement[]) {
    this.last = statements;
    const t0 = performance.now();
    this.sqlite.exec("BEGIN");
    try {
      const out = statements.map((s) => this.exec(s));
      const c0 = performance.now();
      this.sqlite.exec("COMMIT");
      this.commitMs += performance.now() - c0;
      return out;
    } catch (error) {
      this.sqlite.exec("ROLLBACK");
      throw error;
    } finally {
      this.batchMs += performance.now() - t0;
    }
  }
}

async function corpusItems(): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for (const [format, path] of [
    ["whitehouse", join(CORPUS, "whitehouse")],
    ["cmfa", join(CORPUS, "cmfa")],
  ] as const) {
    for await (const item of (await importSource(format, [path])).items()) items.push(item);
  }
  return LIMIT === undefined ? items : items.slice(0, LIMIT);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

async function migrate(sqlite: DatabaseSync): Promise<void> {
  const dir = join(ROOT, "migrations");
  for (const name of (await readdir(dir)).filter((n) => n.endsWith(".sql")).sort()) {
    sqlite.exec(await readFile(join(dir, name), "utf8"));
  }
}

async function main() {
  await rm(DB_PATH, { force: true });
  await rm(`${DB_PATH}-wal`, { force: true });
  await rm(`${DB_PATH}-shm`, { force: true });
  if (BASE) await copyFile(BASE, DB_PATH);
  const sqlite = new DatabaseSync(DB_PATH);
  // As the local D1 (workerd's SQLite) keeps its file: write-ahead log. BENCH_SYNC picks how often
  // a commit waits for the disk (FULL, NORMAL, OFF).
  sqlite.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${process.env.BENCH_SYNC ?? "FULL"}`);
  if (process.env.BENCH_PRAGMAS) sqlite.exec(process.env.BENCH_PRAGMAS);
  if (!BASE) await migrate(sqlite);
  if (process.env.BENCH_SQL) sqlite.exec(process.env.BENCH_SQL);
  const timed = new TimedDatabase(sqlite);
  const db = timed as unknown as D1Database;
  const store = new D1Store(db, bundledTaxonomy());
  const imports = new D1Imports(db, store);
  const version = analysisVersion();

  const items = await corpusItems();
  const documents: StanceDocument[] = [];
  const hashes = new Set<string>();
  for (const item of items) {
    const s = item.submission;
    if (!s) continue;
    const sha256 = await sha256Hex(s.text);
    if (hashes.has(sha256)) continue;
    hashes.add(sha256);
    const title = s.title ?? titleFromText(s.text);
    documents.push({
      id: storedDocumentId(title, sha256),
      title,
      source: s.source ?? null,
      url: s.url ?? null,
      publishedAt: s.publishedAt ?? null,
      language: s.language ?? "en",
      synthetic: s.synthetic ?? false,
      notes: s.notes ?? null,
      sha256,
      length: s.text.length,
      origin: "stored",
      text: s.text,
    });
  }
  // From a copy of a database built before: only the documents it still has pending.
  if (BASE) {
    const pending = new Set(
      sqlite
        .prepare("SELECT id FROM documents WHERE status = 'pending'")
        .all()
        .map((r) => String((r as { id: unknown }).id)),
    );
    documents.splice(0, documents.length, ...documents.filter((d) => pending.has(d.id)));
  }
  const bytes = documents.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
  console.log(
    `corpus: ${documents.length} distinct documents, ${(bytes / 1024 / 1024).toFixed(1)} MB; database ${DB_PATH}`,
  );

  // POST /v1/imports: chunks of 200, as the CLI sends them.
  const t0 = performance.now();
  for (let i = 0; i < (BASE ? 0 : documents.length); i += 200) {
    const chunk = documents.slice(i, i + 200);
    await imports.create({
      id: `imp-bench-${i}`,
      kind: "import",
      lines: chunk.length,
      documents: chunk.map((document, j) => ({ document, line: j + 1 })),
      requeued: [],
      duplicate: 0,
      rejections: [],
    });
  }
  const importMs = performance.now() - t0;
  const importTimings = new Map(timed.timings);
  timed.timings.clear();

  // The consumer: the engine, then the one batch per document.
  timed.batchMs = 0;
  timed.prepareMs = 0;
  timed.commitMs = 0;
  const engineMs: number[] = [];
  const writeMs: number[] = [];
  // CPU time of this process too: on a shared machine wall time also counts other programs.
  const engineCpuMs: number[] = [];
  const writeCpuMs: number[] = [];
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const d = process.cpuUsage(since);
    return (d.user + d.system) / 1000;
  };
  let records = 0;
  const skipEvery = Number(process.env.BENCH_SKIP_EVERY ?? 0);
  for (const [i, document] of documents.entries()) {
    if (skipEvery > 0 && i % skipEvery === skipEvery - 1) continue;
    const e0 = performance.now();
    const ec = process.cpuUsage();
    const found = extractRecords(
      {
        documentId: document.id,
        text: document.text,
        publishedAt: document.publishedAt,
        title: document.title,
        source: document.source,
      },
      bundledTaxonomy(),
    );
    engineMs.push(performance.now() - e0);
    engineCpuMs.push(cpuMs(ec));
    records += found.length;
    const w0 = performance.now();
    const wc = process.cpuUsage();
    await imports.storeAnalysis(document, found, version, { status: "pending", revision: 0 });
    writeMs.push(performance.now() - w0);
    writeCpuMs.push(cpuMs(wc));
  }
  const sum = (xs: readonly number[]) => xs.reduce((n, x) => n + x, 0);
  const line = (name: string, xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    console.log(
      `${name.padEnd(34)} sum ${(sum(xs) / 1000).toFixed(1)} s   mean ${(sum(xs) / xs.length).toFixed(1)} ms   p50 ${percentile(sorted, 50).toFixed(1)} ms   p99 ${percentile(sorted, 99).toFixed(1)} ms   max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`,
    );
  };
  console.log(
    `imports (documents stored pending, ${Math.ceil(documents.length / 200)} batches): ${(importMs / 1000).toFixed(1)} s`,
  );
  console.log(`${records} records`);
  line("engine per document", engineMs);
  line("write batch per document", writeMs);
  line("engine per document, CPU", engineCpuMs);
  line("write batch per document, CPU", writeCpuMs);
  console.log(
    `of the writes: building statements in JS ${((sum(writeMs) - timed.batchMs) / 1000).toFixed(1)} s, compiling SQL ${(timed.prepareMs / 1000).toFixed(1)} s, COMMIT ${(timed.commitMs / 1000).toFixed(1)} s`,
  );

  const report = (title: string, timings: Map<string, Timing>) => {
    const total = sum([...timings.values()].map((t) => t.ms));
    console.log(`\n${title}: ${(total / 1000).toFixed(2)} s in statements`);
    for (const t of [...timings.values()].sort((a, b) => b.ms - a.ms)) {
      console.log(
        `${(t.ms / 1000).toFixed(2).padStart(7)} s ${((100 * t.ms) / total).toFixed(1).padStart(5)}%  ${String(t.count).padStart(5)}×  ${String(t.rows).padStart(8)} rows  ${t.sql.slice(0, 150)}`,
      );
    }
  };
  report("POST /v1/imports statements", importTimings);
  report("analysis statements", timed.timings);

  if (process.env.BENCH_PLANS !== "0") {
    console.log("\nEXPLAIN QUERY PLAN of each analysis statement:");
    for (const t of timed.timings.values()) {
      const sql = t.sql;
      // Every statement binds at most its ?N; nulls plan the same paths.
      const n = Math.max(0, ...[...sql.matchAll(/\?(\d+)/g)].map((m) => Number(m[1])));
      const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from({ length: n }, () => "[]"));
      console.log(`- ${sql.slice(0, 120)}`);
      for (const p of plan) console.log(`    ${String((p as { detail: unknown }).detail)}`);
    }
  }
  sqlite.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
