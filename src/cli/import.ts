/**
 * npm run import -- [--format whitehouse|cmfa|ndjson|text] PATH... [--url http://127.0.0.1:8787]
 *                   [--token …] [--chunk-lines 200] [--chunk-mb 4] [--concurrency 2] [--no-resume]
 *                   [--no-wait] [--provenance "…"]
 *
 * Imports archives through POST /v1/imports of a running worker (local `npm run dev` by default):
 * NDJSON chunks, texts the server has already skipped by hash (so an interrupted import resumes),
 * a progress bar on a terminal (plain progress lines otherwise), then a summary once every queued
 * analysis has finished. Without --format it is guessed per path (.csv: cmfa; .ndjson/.jsonl:
 * ndjson; a folder of .md files: whitehouse; anything else: text).
 * Exit status: 0 when every line went in and every analysis succeeded, 1 otherwise, 2 on a usage error.
 */
import { parseArgs } from "node:util";
import { type ImportProgress, type ImportSummary, runImport } from "./import-client";
import { guessFormat, IMPORT_FORMATS, type ImportFormat, type ImportSource, importSource } from "./import-formats";
import { tokenFromDevVars } from "./token";

const USAGE =
  "usage: npm run import -- [--format whitehouse|cmfa|ndjson|text] PATH... [--url …] [--token …] [--no-wait] [--no-resume]";

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "--:--";
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, "0")}`;
}

/** "stored 120/2215 · analysed 80 · 12.3/56.0 MB · 41.2 docs/s · ETA 0:52" (and a bar on a TTY). */
export function progressLine(p: ImportProgress, now: number, width: number | null): string {
  const seconds = Math.max(0.001, (now - p.startedAt) / 1000);
  const total = p.total ?? p.read;
  const done = p.skipped + p.finished;
  const rate = done / seconds;
  const fraction = total > 0 ? Math.min(1, done / total) : p.totalBytes > 0 ? p.bytes / p.totalBytes : 0;
  const eta = fraction > 0 ? (seconds * (1 - fraction)) / fraction : Number.NaN;
  const text = `${done}/${p.total ?? `${p.read}+`} docs (sent ${p.sent}, skipped ${p.skipped}, analysed ${p.finished}/${p.waiting}) · ${mb(p.bytes)}/${mb(p.totalBytes)} MB · ${rate.toFixed(1)} docs/s · ETA ${clock(eta)}`;
  if (width === null) return text;
  const barWidth = Math.max(10, Math.min(30, width - text.length - 4));
  const filled = Math.round(fraction * barWidth);
  return `[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}] ${text}`.slice(0, width - 1);
}

function printSummary(s: ImportSummary): void {
  for (const f of s.failures.slice(0, 50)) console.log(`failed    ${f.origin}: ${f.reason}`);
  if (s.failures.length > 50) console.log(`… and ${s.failures.length - 50} more failures`);
  for (const e of s.requestErrors) console.log(`error     ${e}`);
  console.log(
    `\n${s.stored} stored, ${s.skipped + s.duplicate} already present (${s.skipped} skipped by hash), ${s.invalid} invalid, ${s.analyzed} analysed, ${s.failed} failed` +
      `${s.requestErrors.length ? `, ${s.requestErrors.length} requests failed` : ""} in ${s.seconds.toFixed(1)} s (${s.imports.length} imports)`,
  );
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: "string" },
      url: { type: "string", default: "http://127.0.0.1:8787" },
      token: { type: "string" },
      "chunk-lines": { type: "string", default: "200" },
      "chunk-mb": { type: "string", default: "4" },
      concurrency: { type: "string", default: "2" },
      "no-resume": { type: "boolean" },
      "no-wait": { type: "boolean" },
      provenance: { type: "string" },
      quiet: { type: "boolean" },
    },
  });
  if (positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }
  if (values.format !== undefined && !IMPORT_FORMATS.includes(values.format as ImportFormat)) {
    console.error(`unknown --format '${values.format}'; one of ${IMPORT_FORMATS.join(", ")}`);
    return 2;
  }
  const token = values.token ?? process.env.INGEST_TOKEN ?? (await tokenFromDevVars());
  if (!token) {
    console.error("no token: pass --token, set INGEST_TOKEN, or put INGEST_TOKEN in .dev.vars");
    return 2;
  }
  // One source per format: paths of different formats may be mixed when --format is not given.
  const byFormat = new Map<ImportFormat, string[]>();
  for (const path of positionals) {
    const format = (values.format as ImportFormat | undefined) ?? (await guessFormat(path));
    byFormat.set(format, [...(byFormat.get(format) ?? []), path]);
  }
  const sources: ImportSource[] = [];
  for (const [format, paths] of byFormat) sources.push(await importSource(format, paths, values.provenance));
  const source: ImportSource = {
    total: sources.some((s) => s.total === null) ? null : sources.reduce((n, s) => n + (s.total ?? 0), 0),
    totalBytes: sources.reduce((n, s) => n + s.totalBytes, 0),
    async *items() {
      for (const s of sources) yield* s.items();
    },
  };

  const tty = process.stdout.isTTY === true && !values.quiet;
  let lastPlain = 0;
  const onProgress = (p: ImportProgress) => {
    const now = Date.now();
    if (tty) {
      process.stdout.write(`\r${progressLine(p, now, process.stdout.columns ?? 100)}\x1b[K`);
    } else if (!values.quiet && now - lastPlain >= 2000) {
      lastPlain = now;
      console.log(progressLine(p, now, null));
    }
  };
  const summary = await runImport(source, {
    url: values.url,
    token,
    chunkLines: Number(values["chunk-lines"]) || 200,
    chunkBytes: (Number(values["chunk-mb"]) || 4) * 1024 * 1024,
    concurrency: Number(values.concurrency) || 2,
    resume: !values["no-resume"],
    wait: !values["no-wait"],
    onProgress,
  });
  if (tty) process.stdout.write("\n");
  printSummary(summary);
  const failed = summary.invalid + summary.failed + summary.requestErrors.length;
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
