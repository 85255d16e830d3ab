import type { FrameId, TopicId } from "../../model/taxonomy";
import type { Classification } from "./classify";
import { tokenStem, type WordToken } from "./word-tokens";

/**
 * A linear classifier over word stems and stem pairs, one weight vector per label (one against
 * the rest), learned from the real gold by test/eval/train-labels.ts and shipped as data
 * (data/taxonomy/label-model.json). It decides the frames of a statement (and, where the cue
 * lists found no topic, its topics); every label it gives is explained by the words that weighed
 * most for it, the way a cue explains a cue label.
 */
export interface LabelModel {
  /** How the model was made: the gold it was trained on and its cross-validated figures. */
  description: string;
  /** Features: a stem ("oppos") or two stems in a row ("take|step"). */
  labels: Record<string, { bias: number; weights: Record<string, number> }>;
  /** Score above which a label is given (besides the best frame, always given). */
  threshold: number;
  /** Which labels the model decides: "frames" (frames only) or "frames+topics" (also topics when cues give none). */
  scope: "frames" | "frames+topics";
  /**
   * How model frames meet cue frames: "replace" (the model's frames only), "fill" (the model's
   * only where no frame cue matched), "union" (the cue frames and the model's best).
   */
  mode: "replace" | "fill" | "union";
  /**
   * Whether an official's own sentence is a statement at all (a position on a topic, not
   * housekeeping or domestic policy): a logistic regression over the same features, learned from
   * the engine's own candidates on the real gold (a candidate is a statement when it overlaps a
   * gold statement of its actor). A candidate scoring at or below `statementThreshold` (log-odds)
   * is dropped. Absent: every candidate is kept.
   */
  statement?: { bias: number; weights: Record<string, number> };
  statementThreshold?: number;
}

export interface CompiledModel {
  labels: { id: string; bias: number; frame: boolean }[];
  /** Per feature, the labels it weighs for: one lookup per feature scores every label. */
  byFeature: Map<string, { label: number; weight: number }[]>;
  threshold: number;
  topics: boolean;
  mode: LabelModel["mode"];
  statement: { bias: number; weights: Map<string, number>; threshold: number } | null;
}

const compiled = new WeakMap<LabelModel, CompiledModel>();

export function compileModel(model: LabelModel, frameIds: ReadonlySet<string>): CompiledModel {
  const cached = compiled.get(model);
  if (cached) return cached;
  const entries = Object.entries(model.labels);
  const byFeature = new Map<string, { label: number; weight: number }[]>();
  entries.forEach(([, l], label) => {
    for (const [feature, weight] of Object.entries(l.weights)) {
      const list = byFeature.get(feature) ?? [];
      list.push({ label, weight });
      byFeature.set(feature, list);
    }
  });
  const result: CompiledModel = {
    labels: entries.map(([id, l]) => ({ id, bias: l.bias, frame: frameIds.has(id) })),
    byFeature,
    threshold: model.threshold,
    topics: model.scope === "frames+topics",
    mode: model.mode,
    statement: model.statement
      ? {
          bias: model.statement.bias,
          weights: new Map(Object.entries(model.statement.weights)),
          threshold: model.statementThreshold ?? 0,
        }
      : null,
  };
  compiled.set(model, result);
  return result;
}

/** The features of a passage: stems and stem pairs (the same the trainer counts). */
export function features(tokens: readonly WordToken[]): string[] {
  const stems = tokens.map((t) => tokenStem(t));
  const out: string[] = [...stems];
  for (let i = 0; i + 1 < stems.length; i++) out.push(`${stems[i]}|${stems[i + 1]}`);
  return out;
}

/** Each label's score for the features: bias plus the weights of the features present (once each). */
export function scoreLabels(model: CompiledModel, feats: readonly string[]): Float64Array {
  const scores = new Float64Array(model.labels.length);
  for (let k = 0; k < model.labels.length; k++) scores[k] = (model.labels[k] as { bias: number }).bias;
  for (const f of new Set(feats)) {
    const list = model.byFeature.get(f);
    if (!list) continue;
    for (const { label, weight } of list) scores[label] = (scores[label] as number) + weight;
  }
  return scores;
}

/** The three present features that weighed most for a label: its explanation ("model: oppos"). */
function explain(model: CompiledModel, feats: readonly string[], label: number): string[] {
  const contributions: [string, number][] = [];
  for (const f of new Set(feats)) {
    const hit = model.byFeature.get(f)?.find((e) => e.label === label);
    if (hit && hit.weight > 0) contributions.push([f, hit.weight]);
  }
  contributions.sort((a, b) => b[1] - a[1]);
  return contributions.slice(0, 3).map(([f]) => `model: ${f.replace("|", " ")}`);
}

/**
 * The labels of a statement with the model: its frames are the model's (the best one, and any
 * other above the threshold), each explained by the stems that weighed most ("model: oppos,
 * sanction"); its topics stay the cue lists', or, when they found none, the model's best topic.
 * Negated cues stay recorded.
 */
export function applyModel(
  model: CompiledModel,
  tokens: readonly WordToken[],
  labels: Classification,
  topicFallback: boolean,
): Classification {
  const feats = features(tokens);
  const scores = scoreLabels(model, feats);
  let bestFrame = -1;
  let bestTopic = -1;
  const above: number[] = [];
  for (let k = 0; k < model.labels.length; k++) {
    const score = scores[k] as number;
    if ((model.labels[k] as { frame: boolean }).frame) {
      if (bestFrame < 0 || score > (scores[bestFrame] as number)) bestFrame = k;
      if (score > model.threshold) above.push(k);
    } else if (bestTopic < 0 || score > (scores[bestTopic] as number)) bestTopic = k;
  }
  const frames = new Map<FrameId, string[]>();
  const give = (k: number) => frames.set((model.labels[k] as { id: string }).id as FrameId, explain(model, feats, k));
  if (model.mode === "union") {
    if (bestFrame >= 0) give(bestFrame);
    for (const k of above) give(k);
    for (const [f, cues] of labels.frames) frames.set(f, cues);
  } else if (model.mode === "replace" || !labels.frames.size) {
    for (const k of above) give(k);
    if (!frames.size && bestFrame >= 0) give(bestFrame);
  }
  let topics = labels.topics;
  if (model.topics && topicFallback && !topics.size && bestTopic >= 0 && (scores[bestTopic] as number) > 0) {
    const id = (model.labels[bestTopic] as { id: string }).id as TopicId;
    topics = new Map<TopicId, string[]>([[id, explain(model, feats, bestTopic)]]);
  }
  return { topics, frames: frames.size ? frames : labels.frames, negated: labels.negated };
}

/** Whether a candidate official sentence reads as a statement (true when the model has no statement part). */
export function isStatement(model: CompiledModel, tokens: readonly WordToken[]): boolean {
  const part = model.statement;
  if (!part) return true;
  let score = part.bias;
  for (const f of new Set(features(tokens))) score += part.weights.get(f) ?? 0;
  return score > part.threshold;
}
