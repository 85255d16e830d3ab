/**
 * `npm run eval`: the engine against every gold document in test/ (the founding article and the
 * synthetic articles in test/gold/), with the accuracy bars of issue 3.
 */
import { extractRecords } from "../../src/engine/extract/index";
import { bundledTaxonomy } from "../../src/storage/bundled-corpus";
import { GOLD_DOCUMENTS } from "./gold-documents";
import { BARS, type DocumentScore, f1, type LabelCounts, meetsBars, scoreDocument } from "./score";

const taxonomy = bundledTaxonomy();
const scores: DocumentScore[] = [];
const verbose = process.argv.includes("--verbose");
for (const { document, records } of GOLD_DOCUMENTS) {
  const extracted = extractRecords(
    { documentId: document.id, text: document.text, publishedAt: document.publishedAt },
    taxonomy,
  );
  const score = scoreDocument(document.id, document.text, records, extracted);
  scores.push(score);
  if (verbose) for (const miss of score.misses) console.log(`  ${document.id}: ${miss}`);
}

const pct = (x: number) => x.toFixed(3);
const pad = (s: string, n: number) => s.padEnd(n);
console.log(
  `Bars: attribution >= ${BARS.attribution}, topic micro-F1 >= ${BARS.topicF1}, frame micro-F1 >= ${BARS.frameF1}, span mismatches = 0\n`,
);
console.log(`${pad("document", 42)} gold extr match  attrib  topicF1 frameF1 spanMis  bars`);
for (const s of scores) {
  console.log(
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
console.log(
  `\nAll documents: attribution ${pct(attributed / goldTotal)} over ${goldTotal} gold records, topic micro-F1 ${pct(f1(total((s) => s.topicCounts)))}, frame micro-F1 ${pct(f1(total((s) => s.frameCounts)))}\n`,
);

const perLabel = new Map<string, LabelCounts>();
for (const s of scores) {
  for (const [label, c] of s.perLabel) {
    const acc = perLabel.get(label) ?? { tp: 0, fp: 0, fn: 0 };
    perLabel.set(label, { tp: acc.tp + c.tp, fp: acc.fp + c.fp, fn: acc.fn + c.fn });
  }
}
console.log(`${pad("label (topics, then frames)", 30)}   tp   fp   fn  precision recall  F1`);
const order = [...taxonomy.topics.map((t) => t.id), ...taxonomy.frames.map((f) => f.id)];
for (const label of order) {
  const c = perLabel.get(label);
  if (!c) continue;
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  console.log(
    `${pad(label, 30)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(4)} ${String(c.fn).padStart(4)}  ${pct(precision)}     ${pct(recall)}  ${pct(f1(c))}`,
  );
}
const failing = scores.filter((s) => !meetsBars(s));
if (failing.length) {
  console.log(
    `\n${failing.length} document(s) below the bars: ${failing.map((s) => s.documentId).join(", ")} (run with --verbose for the misses)`,
  );
  process.exitCode = 1;
}
