import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";
import { createInterface } from "node:readline";
import { parse as parseCsv } from "csv-parse/sync";
import { parse as parseYaml } from "yaml";
import { MONTH_NAMES } from "../model/calendar";

/**
 * The archive formats `npm run import` reads, each turned into submissions for POST /v1/imports
 * (the fields POST /v1/documents takes). Texts are kept exactly as in the files.
 */

export type ImportFormat = "whitehouse" | "cmfa" | "ndjson" | "text";
export const IMPORT_FORMATS: readonly ImportFormat[] = ["whitehouse", "cmfa", "ndjson", "text"];

/** One submission object, as one NDJSON line; `text` is read back for the resume hash. */
export interface ImportSubmission {
  text: string;
  title?: string;
  source?: string;
  url?: string;
  publishedAt?: string;
  language?: string;
  synthetic?: boolean;
  notes?: string;
  [field: string]: unknown;
}

/** A document to import and where it came from (for messages); `line` is the NDJSON line itself. */
export interface ImportItem {
  origin: string;
  /** The submission, or for ndjson input the line as read (sent unchanged, checked by the server). */
  submission: ImportSubmission | null;
  line: string;
  bytes: number;
}

export interface ImportSource {
  /** Documents, when known before reading (every format but ndjson). */
  total: number | null;
  /** Bytes of input, for the ETA. */
  totalBytes: number;
  items(): AsyncIterable<ImportItem>;
}

export const WHITE_HOUSE_PROVENANCE = "github.com/brian14708/wh-briefings @ 737ca03a271adc205c67766074ec8d0070f7ad95";
export const CMFA_PROVENANCE =
  "CMFA PressCon corpus v4 (Mochtak & Turcsanyi 2021), Ukraine subset via github.com/Euro-sevic/China_MFA_Dashboard @ cbce14ee400b756afac8675121c0dae96fb992f0, data/ukraine_dataset_combined.xlsx";

const encoder = new TextEncoder();

function item(origin: string, submission: ImportSubmission): ImportItem {
  const line = JSON.stringify(submission);
  return { origin, submission, line, bytes: encoder.encode(submission.text).length };
}

async function filesUnder(root: string, extension: string): Promise<string[]> {
  const info = await stat(root);
  if (info.isFile()) return [root];
  const out: string[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile() && e.name.endsWith(extension)) out.push(path);
    }
  };
  await walk(root);
  return out;
}

const stringField = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value : undefined;

/**
 * A briefing-room archive file: YAML front matter between `---` lines, then the body. The text is
 * everything after the closing `---` line, exactly (its first line holds a single space).
 */
export function whiteHouseSubmission(
  content: string,
  relativePath: string,
  provenance = WHITE_HOUSE_PROVENANCE,
): ImportSubmission {
  if (!content.startsWith("---\n")) throw new Error("no YAML front matter (the file does not start with ---)");
  const end = content.indexOf("\n---\n", 3);
  if (end < 0) throw new Error("the YAML front matter is not closed by a --- line");
  const front: unknown = parseYaml(content.slice(4, end + 1));
  const meta = typeof front === "object" && front !== null ? (front as Record<string, unknown>) : {};
  const submission: ImportSubmission = {
    text: content.slice(end + 5),
    source: "The White House",
    language: "en",
    synthetic: false,
    notes: `Real document, copied verbatim from ${provenance}, ${relativePath.split(sep).join("/")}.`,
  };
  const title = stringField(meta.title);
  const date = stringField(meta.date);
  const url = stringField(meta.source_url);
  if (title !== undefined) submission.title = title.slice(0, 500);
  if (date !== undefined) submission.publishedAt = date;
  if (url !== undefined) submission.url = url;
  return submission;
}

async function whiteHouseSource(paths: readonly string[], provenance?: string): Promise<ImportSource> {
  const files: { path: string; rel: string; size: number }[] = [];
  for (const root of paths) {
    const info = await stat(root);
    for (const path of await filesUnder(root, ".md")) {
      const rel = info.isFile() ? basename(path) : relative(root, path);
      files.push({ path, rel, size: (await stat(path)).size });
    }
  }
  return {
    total: files.length,
    totalBytes: files.reduce((n, f) => n + f.size, 0),
    async *items() {
      for (const f of files) {
        const content = await readFile(f.path, "utf8");
        try {
          yield item(f.path, whiteHouseSubmission(content, f.rel, provenance));
        } catch (error) {
          // Sent as it is: the server reports the line as invalid, with the reason.
          yield {
            origin: f.path,
            submission: null,
            line: JSON.stringify({ error: String(error), file: f.rel }),
            bytes: 0,
          };
        }
      }
    },
  };
}

export interface CmfaRow {
  id: string;
  link: string;
  spokesperson: string;
  date: string;
  question: string;
  answer: string;
  who_asked: string;
  [column: string]: string;
}

/** "Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference on March 1, 2022". */
export function cmfaTitle(spokesperson: string, date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  const when = `${MONTH_NAMES[(month ?? 1) - 1]} ${day}, ${year}`;
  return spokesperson === "Spokesperson"
    ? `Foreign Ministry Spokesperson's Regular Press Conference on ${when}`
    : `Foreign Ministry Spokesperson ${spokesperson}'s Regular Press Conference on ${when}`;
}

/**
 * One document per press conference: the rows sharing a `link`, in file order, each as the turns
 * `<asker>: <question>` and `<spokesperson>: <answer>` (cells exactly as they are), joined by a blank line.
 */
export function cmfaSubmissions(csv: string, provenance = CMFA_PROVENANCE): ImportSubmission[] {
  const rows: CmfaRow[] = parseCsv(csv, { columns: true, bom: true, relax_column_count: false, trim: false });
  const conferences = new Map<string, CmfaRow[]>();
  for (const row of rows) {
    const list = conferences.get(row.link) ?? [];
    list.push(row);
    conferences.set(row.link, list);
  }
  const speaker = (row: CmfaRow) => (row.spokesperson === "missing" ? "Spokesperson" : row.spokesperson);
  return [...conferences.values()].map((group) => {
    const first = group[0] as CmfaRow;
    const turns = group.flatMap((row) => [
      `${row.who_asked === "-" ? "Q" : row.who_asked}: ${row.question}`,
      `${speaker(row)}: ${row.answer}`,
    ]);
    return {
      text: turns.join("\n\n"),
      title: cmfaTitle(speaker(first), first.date),
      source: "PRC Ministry of Foreign Affairs",
      url: first.link,
      publishedAt: first.date,
      language: "en",
      synthetic: false,
      notes: `Real document, copied verbatim from ${provenance}; rows ${group.map((r) => r.id).join(", ")}. Answers come flattened by the dataset (no paragraph breaks). Only the Ukraine-related Q&A of the conference are in the dataset.`,
    };
  });
}

async function cmfaSource(paths: readonly string[], provenance?: string): Promise<ImportSource> {
  const docs: ImportItem[] = [];
  let totalBytes = 0;
  for (const root of paths) {
    for (const path of await filesUnder(root, ".csv")) {
      const csv = await readFile(path, "utf8");
      totalBytes += encoder.encode(csv).length;
      for (const [i, s] of cmfaSubmissions(csv, provenance).entries()) docs.push(item(`${path}#${i + 1}`, s));
    }
  }
  return {
    total: docs.length,
    totalBytes,
    async *items() {
      yield* docs;
    },
  };
}

/** NDJSON files: each non-blank line is sent as it is (the server checks it). */
async function ndjsonSource(paths: readonly string[]): Promise<ImportSource> {
  const files: string[] = [];
  for (const root of paths) files.push(...(await filesUnder(root, "")));
  let totalBytes = 0;
  for (const f of files) totalBytes += (await stat(f)).size;
  return {
    total: null,
    totalBytes,
    async *items() {
      for (const path of files) {
        const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
        let n = 0;
        for await (const line of lines) {
          n++;
          if (line.trim() === "") continue;
          let submission: ImportSubmission | null = null;
          try {
            const parsed: unknown = JSON.parse(line);
            if (
              typeof parsed === "object" &&
              parsed !== null &&
              typeof (parsed as { text?: unknown }).text === "string"
            )
              submission = parsed as ImportSubmission;
          } catch {
            // Invalid lines go to the server, which reports them with their reason.
          }
          yield { origin: `${path}:${n}`, submission, line, bytes: encoder.encode(line).length };
        }
      }
    },
  };
}

/** Plain text files: one document each, the file's content exactly (the server titles it by its first line). */
async function textSource(paths: readonly string[]): Promise<ImportSource> {
  const files: string[] = [];
  for (const root of paths) files.push(...(await filesUnder(root, "")));
  let totalBytes = 0;
  for (const f of files) totalBytes += (await stat(f)).size;
  return {
    total: files.length,
    totalBytes,
    async *items() {
      for (const path of files) yield item(path, { text: await readFile(path, "utf8") });
    },
  };
}

export function importSource(
  format: ImportFormat,
  paths: readonly string[],
  provenance?: string,
): Promise<ImportSource> {
  switch (format) {
    case "whitehouse":
      return whiteHouseSource(paths, provenance);
    case "cmfa":
      return cmfaSource(paths, provenance);
    case "ndjson":
      return ndjsonSource(paths);
    case "text":
      return textSource(paths);
  }
}

/** The format of a path when --format is not given: a .csv is CMFA, .ndjson/.jsonl NDJSON, a folder of .md the archive. */
export async function guessFormat(path: string): Promise<ImportFormat> {
  if (/\.csv$/i.test(path)) return "cmfa";
  if (/\.(ndjson|jsonl)$/i.test(path)) return "ndjson";
  if (/\.md$/i.test(path)) return "whitehouse";
  const info = await stat(path);
  if (info.isDirectory()) {
    if ((await filesUnder(path, ".md")).length > 0) return "whitehouse";
    if ((await filesUnder(path, ".csv")).length > 0) return "cmfa";
  }
  return "text";
}
