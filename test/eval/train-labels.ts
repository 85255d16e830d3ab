/**
 * `npm run train:labels`: learns the label model (data/taxonomy/label-model.json) from the real
 * gold of test/gold/real/: one-against-the-rest logistic regression per topic and frame, over
 * word stems and stem pairs of each gold statement's quote, with L2 regularisation.
 *
 * `--cv`: leave-one-document-out cross-validation on the real gold instead. For each document
 * a model is trained on the other documents only, and the engine (with that model, and with
 * the cue lists alone) is scored on the held-out document; the figures of both are printed.
 * `--write` (with or without --cv) writes the model trained on all the real gold.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { extractRecords } from "../../src/engine/extract/index";
import { features, type LabelModel } from "../../src/engine/extract/label-model";
import { wordTokens } from "../../src/engine/extract/word-tokens";
import type { BundledDocumentFile } from "../../src/model/document";
import { bundledTaxonomy } from "../../src/storage/bundled-corpus";
import { readRealGold } from "./real-gold-files";
import { addCounts, emptyCounts, scoreStatements, statementFigures } from "./score";

const taxonomy = bundledTaxonomy();
const LABELS = [...taxonomy.topics.map((t) => t.id as string), ...taxonomy.frames.map((f) => f.id as string)];
const EPOCHS = 150;
const RATE = 0.5;
const L2 = 0.002;
const MIN_DOCS = 2;
// Weights smaller than this are left out of the shipped model (they barely move a score).
const PRUNE = 0.15;

interface Example {
  feats: string[];
  labels: Set<string>;
  doc: string;
}

function examples(files: readonly BundledDocumentFile[]): Example[] {
  return files.flatMap(({ document, records }) =>
    records.map((r) => ({
      feats: [...new Set(features(wordTokens(r.quote)))],
      labels: new Set<string>([...r.topics, ...r.frames]),
      doc: document.id,
    })),
  );
}

/** Features seen in at least MIN_DOCS documents: words of one document only do not generalise. */
function vocabulary(data: readonly { feats: string[]; doc: string }[]): Map<string, number> {
  const docsOf = new Map<string, Set<string>>();
  for (const ex of data)
    for (const f of ex.feats) {
      const set = docsOf.get(f) ?? new Set<string>();
      set.add(ex.doc);
      docsOf.set(f, set);
    }
  const vocab = [...docsOf.entries()].filter(([, d]) => d.size >= MIN_DOCS).map(([f]) => f);
  return new Map(vocab.map((f, i) => [f, i]));
}

/** L2-regularised logistic regression by full-batch gradient descent; weights pruned below PRUNE. */
function logistic(
  rows: readonly number[][],
  y: readonly number[],
  vocab: readonly string[],
): { bias: number; weights: Record<string, number> } {
  const positives = y.reduce<number>((a, b) => a + b, 0);
  const w = new Float64Array(vocab.length);
  let bias = Math.log((positives + 1) / (y.length - positives + 1));
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const grad = new Float64Array(vocab.length);
    let gBias = 0;
    for (let n = 0; n < rows.length; n++) {
      const row = rows[n] as number[];
      let z = bias;
      for (const i of row) z += w[i] as number;
      const err = 1 / (1 + Math.exp(-z)) - (y[n] as number);
      gBias += err;
      for (const i of row) grad[i] = (grad[i] as number) + err;
    }
    bias -= (RATE * gBias) / rows.length;
    for (let i = 0; i < vocab.length; i++)
      w[i] = (w[i] as number) - RATE * ((grad[i] as number) / rows.length + L2 * (w[i] as number)) * 10;
  }
  const weights: Record<string, number> = {};
  for (let i = 0; i < vocab.length; i++) {
    const v = w[i] as number;
    if (Math.abs(v) >= PRUNE) weights[vocab[i] as string] = Math.round(v * 1000) / 1000;
  }
  return { bias: Math.round(bias * 1000) / 1000, weights };
}

function rowsOf(data: readonly { feats: string[] }[], index: Map<string, number>): number[][] {
  return data.map((ex) => ex.feats.map((f) => index.get(f)).filter((i): i is number => i !== undefined));
}

/** A candidate official sentence of the engine: its features, and whether it overlaps a gold statement of its actor. */
interface Candidate {
  feats: string[];
  statement: boolean;
  doc: string;
}

/** The engine's candidates on the real gold (the statement filter off), each labelled by the gold. */
function candidates(files: readonly BundledDocumentFile[], labelModel: LabelModel): Candidate[] {
  const unfiltered: LabelModel = { ...labelModel, statement: undefined };
  return files.flatMap(({ document, records }) =>
    extractRecords(
      { documentId: document.id, text: document.text, title: document.title, source: document.source },
      taxonomy,
      { labelModel: unfiltered },
    )
      .filter((e) => e.actor !== null)
      .map((e) => ({
        feats: [...new Set(features(wordTokens(e.quote)))],
        statement: records.some(
          (g) => g.actor === e.actor && Math.min(g.span.end, e.span.end) > Math.max(g.span.start, e.span.start),
        ),
        doc: document.id,
      })),
  );
}

export function train(
  data: readonly Example[],
  threshold: number,
  scope: LabelModel["scope"],
  mode: LabelModel["mode"],
  statements: readonly Candidate[] | null = null,
  statementThreshold = 0,
): LabelModel {
  const index = vocabulary(data);
  const vocab = [...index.keys()];
  const rows = rowsOf(data, index);
  const labels: LabelModel["labels"] = {};
  for (const label of LABELS) {
    const y = data.map((ex) => (ex.labels.has(label) ? 1 : 0));
    if (y.reduce<number>((a, b) => a + b, 0) < 3) continue;
    labels[label] = logistic(rows, y, vocab);
  }
  const model: LabelModel = {
    description: `Trained by test/eval/train-labels.ts on ${data.length} real gold statements of ${new Set(data.map((d) => d.doc)).size} documents (test/gold/real/)${statements ? `; statement filter on ${statements.length} engine candidates` : ""}.`,
    labels,
    threshold,
    scope,
    mode,
  };
  if (statements) {
    const sIndex = vocabulary(statements);
    model.statement = logistic(
      rowsOf(statements, sIndex),
      statements.map((c) => (c.statement ? 1 : 0)),
      [...sIndex.keys()],
    );
    model.statementThreshold = statementThreshold;
  }
  return model;
}

function evaluate(files: readonly BundledDocumentFile[], model: (held: string) => LabelModel | null) {
  const total = emptyCounts();
  for (const { document, records } of files) {
    const extracted = extractRecords(
      { documentId: document.id, text: document.text, title: document.title, source: document.source },
      taxonomy,
      { labelModel: model(document.id) },
    );
    addCounts(total, scoreStatements(document.text, records, extracted));
  }
  return statementFigures(total);
}

const files = readRealGold();
const all = examples(files);
const show = (name: string, f: ReturnType<typeof statementFigures>) =>
  console.log(
    `${name.padEnd(34)} recall ${f.recall.toFixed(3)} precision ${f.precision.toFixed(3)} actor ${f.actorAccuracy.toFixed(3)} topicF1 ${f.topicF1.toFixed(3)} frameF1 ${f.frameF1.toFixed(3)} posture ${f.postureWithin.toFixed(3)}`,
  );
if (process.argv.includes("--cv")) {
  console.log(`Leave-one-document-out over ${files.length} real gold documents, ${all.length} statements\n`);
  show(
    "cue lists only",
    evaluate(files, () => null),
  );
  const thresholds = process.argv.includes("--thresholds")
    ? (process.argv[process.argv.indexOf("--thresholds") + 1] ?? "").split(",").map(Number)
    : [0];
  const folds = new Map<string, LabelModel>();
  for (const { document } of files)
    folds.set(
      document.id,
      train(
        all.filter((ex) => ex.doc !== document.id),
        0,
        "frames+topics",
        "union",
      ),
    );
  show(
    "labels (union), no statement filter",
    evaluate(files, (held) => folds.get(held) ?? null),
  );
  if (process.argv.includes("--statements")) {
    // Candidates of each document come from the engine with the fold's label model (trained without it).
    const pool = files.flatMap((f) => candidates([f], folds.get(f.document.id) as LabelModel));
    for (const t of thresholds) {
      const withFilter = new Map<string, LabelModel>();
      for (const [held, m] of folds) {
        const sIndexData = pool.filter((c) => c.doc !== held);
        const sIndex = vocabulary(sIndexData);
        withFilter.set(held, {
          ...m,
          statement: logistic(
            rowsOf(sIndexData, sIndex),
            sIndexData.map((c) => (c.statement ? 1 : 0)),
            [...sIndex.keys()],
          ),
          statementThreshold: t,
        });
      }
      show(
        `labels + statement filter, log-odds > ${t}`,
        evaluate(files, (held) => withFilter.get(held) ?? null),
      );
    }
  }
}
if (process.argv.includes("--write")) {
  const threshold = Number(process.argv[process.argv.indexOf("--threshold") + 1] ?? "0");
  const scope = process.argv.includes("--topics") ? "frames+topics" : "frames";
  const mode = (["replace", "fill", "union"] as const).find((m) => process.argv.includes(`--${m}`)) ?? "replace";
  const labelsOnly = train(all, Number.isFinite(threshold) ? threshold : 0, scope, mode);
  const statementAt = process.argv.indexOf("--statement-threshold");
  const model =
    statementAt >= 0
      ? train(
          all,
          labelsOnly.threshold,
          scope,
          mode,
          candidates(files, labelsOnly),
          Number(process.argv[statementAt + 1]),
        )
      : labelsOnly;
  const out = fileURLToPath(new URL("../../data/taxonomy/label-model.json", import.meta.url));
  writeFileSync(out, `${JSON.stringify(model)}\n`);
  console.log(`wrote ${out}`);
}
