/**
 * `npm run eval`: the engine against every gold document in test/: the founding article and the
 * synthetic articles in test/gold/ (with the accuracy bars of issue 3), then the statement figures
 * of issue 13 for synthetic and for real gold (every test/gold/real/*.json) separately.
 * `--verbose` prints the misses; `--real-only` skips the synthetic table; `--json` prints figures as JSON.
 */

import { extractRecords } from "../../src/engine/extract/index";
import type { BundledDocumentFile } from "../../src/model/document";
import type { StanceRecord } from "../../src/model/record";
import { bundledTaxonomy } from "../../src/storage/bundled-corpus";
import { GOLD_DOCUMENTS } from "./gold-documents";
import { readRealGold } from "./real-gold-files";
import {
  addCounts,
  BARS,
  type DocumentScore,
  emptyCounts,
  f1,
  type LabelCounts,
  meetsBars,
  type StatementCounts,
  scoreDocument,
  scoreStatements,
  statementFigures,
} from "./score";

const taxonomy = bundledTaxonomy();
const scores: DocumentScore[] = [];
const verbose = process.argv.includes("--verbose");
const asJson = process.argv.includes("--json");
const log = asJson ? () => {} : console.log;

/**
 * Real gold is read as the importer reads an archive document: text, title, source and date.
 * Synthetic gold as POST /v1/analyze and the accuracy test read a pasted article: text and date
 * only (their titles are their first line, and they name no source).
 */
function extract(document: BundledDocumentFile["document"]): StanceRecord[] {
  const archive = !document.synthetic && document.id !== "blinken-china-visit-2023-06-17";
  return extractRecords(
    {
      documentId: document.id,
      text: document.text,
      publishedAt: document.publishedAt,
      ...(archive ? { title: document.title, source: document.source } : {}),
    },
    taxonomy,
  );
}

for (const { document, records } of GOLD_DOCUMENTS) {
  const extracted = extract(document);
  const score = scoreDocument(document.id, document.text, records, extracted);
  scores.push(score);
  if (verbose) for (const miss of score.misses) log(`  ${document.id}: ${miss}`);
}

const pct = (x: number) => x.toFixed(3);
const pad = (s: string, n: number) => s.padEnd(n);
log(
  `Bars: attribution >= ${BARS.attribution}, topic micro-F1 >= ${BARS.topicF1}, frame micro-F1 >= ${BARS.frameF1}, span mismatches = 0\n`,
);
log(`${pad("document", 42)} gold extr match  attrib  topicF1 frameF1 spanMis  bars`);
for (const s of scores) {
  log(
    `${pad(s.documentId, 42)} ${String(s.gold).padStart(4)} ${String(s.extracted).padStart(4)} ${String(s.matched).padStart(5)}  ${pct(s.attribution)}   ${pct(s.topicF1)}   ${pct(s.frameF1)}  ${String(s.spanMismatches).padStart(5)}  ${meetsBars(s) ? "ok" : "FAIL"}`,
  );
}
const total = (pick: (s: DocumentScore) => LabelCounts): LabelCounts =>
  scores.reduce((acc, s) => ({ tp: acc.tp + pick(s).tp, fp: acc.fp + pick(s).fp, fn: acc.fn + pick(s).fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });
const goldTotal = scores.reduce((n, s) => n + s.gold, 0);
const attributed = scores.reduce((n, s) => n + s.attribution * s.gold, 0);
log(
  `\nAll documents: attribution ${pct(attributed / goldTotal)} over ${goldTotal} gold records, topic micro-F1 ${pct(f1(total((s) => s.topicCounts)))}, frame micro-F1 ${pct(f1(total((s) => s.frameCounts)))}\n`,
);

const perLabel = new Map<string, LabelCounts>();
for (const s of scores) {
  for (const [label, c] of s.perLabel) {
    const acc = perLabel.get(label) ?? { tp: 0, fp: 0, fn: 0 };
    perLabel.set(label, { tp: acc.tp + c.tp, fp: acc.fp + c.fp, fn: acc.fn + c.fn });
  }
}
log(`${pad("label (topics, then frames)", 30)}   tp   fp   fn  precision recall  F1`);
const order = [...taxonomy.topics.map((t) => t.id), ...taxonomy.frames.map((f) => f.id)];
for (const label of order) {
  const c = perLabel.get(label);
  if (!c) continue;
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  log(
    `${pad(label, 30)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(4)} ${String(c.fn).padStart(4)}  ${pct(precision)}     ${pct(recall)}  ${pct(f1(c))}`,
  );
}
const failing = scores.filter((s) => !meetsBars(s));
if (failing.length) {
  log(
    `\n${failing.length} document(s) below the bars: ${failing.map((s) => s.documentId).join(", ")} (run with --verbose for the misses)`,
  );
  process.exitCode = 1;
}

const pct3 = (x: number) => x.toFixed(2);
function statementSet(name: string, files: readonly BundledDocumentFile[]): ReturnType<typeof statementFigures> {
  const total = emptyCounts();
  const rows: [string, StatementCounts][] = [];
  for (const { document, records } of files) {
    const c = scoreStatements(document.text, records, extract(document));
    rows.push([document.id, c]);
    addCounts(total, c);
  }
  if (files.length && name === "real") {
    log(`\n${pad("real document", 52)} gold found  prec  actor topicF1 frameF1 post  spanMis`);
    for (const [id, c] of rows) {
      const f = statementFigures(c);
      log(
        `${pad(id.slice(0, 52), 52)} ${String(c.gold).padStart(4)} ${String(c.found).padStart(5)}  ${pct3(f.precision)}  ${pct3(f.actorAccuracy)}  ${pct3(f.topicF1)}    ${pct3(f.frameF1)}    ${pct3(f.postureWithin)}  ${f.spanMismatches}`,
      );
      if (verbose) for (const miss of c.misses) log(`    ${miss}`);
    }
  }
  return statementFigures(total);
}

const real = readRealGold();
const figures = {
  synthetic: statementSet("synthetic", GOLD_DOCUMENTS),
  real: statementSet("real", real),
  "real, White House": statementSet(
    "wh",
    real.filter((f) => f.document.id.startsWith("wh-")),
  ),
  "real, PRC Foreign Ministry": statementSet(
    "mfa",
    real.filter((f) => f.document.id.startsWith("mfa-")),
  ),
};
const docCount: Record<string, number> = {
  synthetic: GOLD_DOCUMENTS.length,
  real: real.length,
  "real, White House": real.filter((f) => f.document.id.startsWith("wh-")).length,
  "real, PRC Foreign Ministry": real.filter((f) => f.document.id.startsWith("mfa-")).length,
};
if (asJson)
  console.log(JSON.stringify({ documents: { synthetic: GOLD_DOCUMENTS.length, real: real.length }, ...figures }));
log(
  `\nStatement figures (issue 13)                docs statements recall precision actor topicF1 frameF1 posture±0.5 spanMis`,
);
for (const [name, f] of Object.entries(figures)) {
  const docs = docCount[name] ?? 0;
  log(
    `${pad(name, 44)} ${String(docs).padStart(4)} ${String(f.statements).padStart(10)}  ${pct3(f.recall)}    ${pct3(f.precision)}   ${pct3(f.actorAccuracy)}  ${pct3(f.topicF1)}    ${pct3(f.frameF1)}    ${pct3(f.postureWithin)}       ${f.spanMismatches}`,
  );
}
