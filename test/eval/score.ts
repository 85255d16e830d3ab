import type { StanceRecord } from "../../src/model/record";

/**
 * Scoring of extracted records against hand-annotated (gold) ones, shared by `npm run eval`
 * (Node) and the accuracy test (workerd).
 *
 * Matching: an extracted record matches a gold record when their spans overlap by at least half
 * of the shorter span; pairs are made greedily, best overlap first, one-to-one.
 * Attribution accuracy: gold records whose match has the same actor (null for narration), over all
 * gold records (an unmatched gold record counts as wrong).
 * Label micro-F1: over matched pairs; labels of unmatched gold records are false negatives and
 * labels of unmatched extracted records false positives.
 * Span mismatches: records whose quote is not text.slice(span.start, span.end).
 */
export interface LabelCounts {
  tp: number;
  fp: number;
  fn: number;
}

export interface DocumentScore {
  documentId: string;
  gold: number;
  extracted: number;
  matched: number;
  attribution: number;
  topicF1: number;
  frameF1: number;
  spanMismatches: number;
  perLabel: Map<string, LabelCounts>;
  topicCounts: LabelCounts;
  frameCounts: LabelCounts;
  misses: string[];
}

function overlap(a: StanceRecord, b: StanceRecord): number {
  return Math.max(0, Math.min(a.span.end, b.span.end) - Math.max(a.span.start, b.span.start));
}

export function matchRecords(
  gold: readonly StanceRecord[],
  extracted: readonly StanceRecord[],
): Map<StanceRecord, StanceRecord> {
  const candidates: { g: StanceRecord; e: StanceRecord; score: number }[] = [];
  for (const g of gold) {
    for (const e of extracted) {
      const shared = overlap(g, e);
      const shorter = Math.min(g.span.end - g.span.start, e.span.end - e.span.start);
      if (shorter > 0 && shared >= shorter / 2) {
        // Prefer the same actor among equally overlapping candidates ("the two sides" gives two).
        candidates.push({
          g,
          e,
          score:
            shared / Math.max(g.span.end - g.span.start, e.span.end - e.span.start) + (g.actor === e.actor ? 1 : 0),
        });
      }
    }
  }
  candidates.sort((x, y) => y.score - x.score);
  const pairs = new Map<StanceRecord, StanceRecord>();
  const used = new Set<StanceRecord>();
  for (const { g, e } of candidates) {
    if (pairs.has(g) || used.has(e)) continue;
    pairs.set(g, e);
    used.add(e);
  }
  return pairs;
}

function f1(c: LabelCounts): number {
  const denominator = 2 * c.tp + c.fp + c.fn;
  return denominator === 0 ? 1 : (2 * c.tp) / denominator;
}

function count(per: Map<string, LabelCounts>, total: LabelCounts, label: string, kind: keyof LabelCounts): void {
  const entry = per.get(label) ?? { tp: 0, fp: 0, fn: 0 };
  entry[kind]++;
  per.set(label, entry);
  total[kind]++;
}

function compareLabels(
  per: Map<string, LabelCounts>,
  total: LabelCounts,
  gold: readonly string[],
  got: readonly string[],
): void {
  for (const label of got) count(per, total, label, gold.includes(label) ? "tp" : "fp");
  for (const label of gold) if (!got.includes(label)) count(per, total, label, "fn");
}

export function scoreDocument(
  documentId: string,
  text: string,
  gold: readonly StanceRecord[],
  extracted: readonly StanceRecord[],
): DocumentScore {
  const pairs = matchRecords(gold, extracted);
  const matchedExtracted = new Set(pairs.values());
  const perLabel = new Map<string, LabelCounts>();
  const topicCounts = { tp: 0, fp: 0, fn: 0 };
  const frameCounts = { tp: 0, fp: 0, fn: 0 };
  const misses: string[] = [];
  let correct = 0;
  for (const g of gold) {
    const e = pairs.get(g);
    if (e && e.actor === g.actor) correct++;
    else misses.push(e ? `${g.id}: actor ${e.actor ?? "null"} instead of ${g.actor ?? "null"}` : `${g.id}: not found`);
    compareLabels(perLabel, topicCounts, g.topics, e?.topics ?? []);
    compareLabels(perLabel, frameCounts, g.frames, e?.frames ?? []);
  }
  for (const e of extracted) {
    if (matchedExtracted.has(e)) continue;
    misses.push(`extra ${e.id} (${e.actor ?? "null"}): ${e.quote.slice(0, 60)}`);
    compareLabels(perLabel, topicCounts, [], e.topics);
    compareLabels(perLabel, frameCounts, [], e.frames);
  }
  const spanMismatches = [...gold, ...extracted].filter((r) => text.slice(r.span.start, r.span.end) !== r.quote).length;
  return {
    documentId,
    gold: gold.length,
    extracted: extracted.length,
    matched: pairs.size,
    attribution: gold.length ? correct / gold.length : 1,
    topicF1: f1(topicCounts),
    frameF1: f1(frameCounts),
    spanMismatches,
    perLabel,
    topicCounts,
    frameCounts,
    misses,
  };
}

export const BARS = { attribution: 0.95, topicF1: 0.85, frameF1: 0.75, spanMismatches: 0 } as const;

export function meetsBars(score: DocumentScore): boolean {
  return (
    score.attribution >= BARS.attribution &&
    score.topicF1 >= BARS.topicF1 &&
    score.frameF1 >= BARS.frameF1 &&
    score.spanMismatches <= BARS.spanMismatches
  );
}

export { f1 };

/**
 * Statement scoring of issue 13, the figures reported for real gold (and, alongside, synthetic):
 * - statement recall: a gold statement is found when an extracted record's span overlaps it;
 * - precision: an extracted record with a non-null actor that overlaps no gold statement of that
 *   same actor is a false positive (narration, actor null, is not counted either way);
 * - actor accuracy, topic and frame micro-F1 and posture within ±0.5: over found statements, each
 *   compared with its best overlapping record (same actor first, then the largest overlap).
 */
export interface StatementCounts {
  gold: number;
  found: number;
  /** Extracted records with a non-null actor. */
  attributed: number;
  falsePositives: number;
  actorCorrect: number;
  postureWithin: number;
  topics: LabelCounts;
  frames: LabelCounts;
  spanMismatches: number;
  misses: string[];
}

export function emptyCounts(): StatementCounts {
  return {
    gold: 0,
    found: 0,
    attributed: 0,
    falsePositives: 0,
    actorCorrect: 0,
    postureWithin: 0,
    topics: { tp: 0, fp: 0, fn: 0 },
    frames: { tp: 0, fp: 0, fn: 0 },
    spanMismatches: 0,
    misses: [],
  };
}

function labelCounts(into: LabelCounts, gold: readonly string[], got: readonly string[]): void {
  for (const label of got) into[gold.includes(label) ? "tp" : "fp"]++;
  for (const label of gold) if (!got.includes(label)) into.fn++;
}

export function scoreStatements(
  text: string,
  gold: readonly StanceRecord[],
  extracted: readonly StanceRecord[],
): StatementCounts {
  const c = emptyCounts();
  c.gold = gold.length;
  for (const g of gold) {
    let best: StanceRecord | null = null;
    let bestScore = 0;
    for (const e of extracted) {
      const shared = overlap(g, e);
      if (shared <= 0) continue;
      const score = shared + (e.actor === g.actor ? 1e6 : 0);
      if (score > bestScore) {
        best = e;
        bestScore = score;
      }
    }
    const head = `${g.id} [${g.actor ?? "null"}] ${g.quote.slice(0, 70).replace(/\s+/g, " ")}`;
    if (!best) {
      c.misses.push(`missed ${head}`);
      continue;
    }
    c.found++;
    if (best.actor === g.actor) c.actorCorrect++;
    else c.misses.push(`actor ${best.actor ?? "null"} for ${head}`);
    if (Math.abs(best.posture - g.posture) <= 0.5) c.postureWithin++;
    labelCounts(c.topics, g.topics, best.topics);
    labelCounts(c.frames, g.frames, best.frames);
    if ([...g.topics].sort().join(",") !== [...best.topics].sort().join(","))
      c.misses.push(`topics ${best.topics.join(",")} vs ${g.topics.join(",")} for ${head}`);
  }
  for (const e of extracted) {
    if (e.actor === null) continue;
    c.attributed++;
    if (!gold.some((g) => g.actor === e.actor && overlap(g, e) > 0)) {
      c.falsePositives++;
      c.misses.push(`extra ${e.id} [${e.actor}] ${e.quote.slice(0, 70).replace(/\s+/g, " ")}`);
    }
  }
  c.spanMismatches = [...gold, ...extracted].filter((r) => text.slice(r.span.start, r.span.end) !== r.quote).length;
  return c;
}

export function addCounts(into: StatementCounts, c: StatementCounts): void {
  into.gold += c.gold;
  into.found += c.found;
  into.attributed += c.attributed;
  into.falsePositives += c.falsePositives;
  into.actorCorrect += c.actorCorrect;
  into.postureWithin += c.postureWithin;
  for (const k of ["tp", "fp", "fn"] as const) {
    into.topics[k] += c.topics[k];
    into.frames[k] += c.frames[k];
  }
  into.spanMismatches += c.spanMismatches;
  into.misses.push(...c.misses);
}

export interface StatementFigures {
  statements: number;
  recall: number;
  precision: number;
  actorAccuracy: number;
  topicF1: number;
  frameF1: number;
  postureWithin: number;
  spanMismatches: number;
}

export function statementFigures(c: StatementCounts): StatementFigures {
  return {
    statements: c.gold,
    recall: c.gold ? c.found / c.gold : 1,
    precision: c.attributed ? 1 - c.falsePositives / c.attributed : 1,
    actorAccuracy: c.found ? c.actorCorrect / c.found : 1,
    topicF1: f1(c.topics),
    frameF1: f1(c.frames),
    postureWithin: c.found ? c.postureWithin / c.found : 1,
    spanMismatches: c.spanMismatches,
  };
}
