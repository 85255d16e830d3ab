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
}

export interface CompiledModel {
  labels: { id: string; bias: number; weights: Map<string, number>; frame: boolean }[];
  threshold: number;
  topics: boolean;
  mode: LabelModel["mode"];
}

const compiled = new WeakMap<LabelModel, CompiledModel>();

export function compileModel(model: LabelModel, frameIds: ReadonlySet<string>): CompiledModel {
  const cached = compiled.get(model);
  if (cached) return cached;
  const result: CompiledModel = {
    labels: Object.entries(model.labels).map(([id, l]) => ({
      id,
      bias: l.bias,
      weights: new Map(Object.entries(l.weights)),
      frame: frameIds.has(id),
    })),
    threshold: model.threshold,
    topics: model.scope === "frames+topics",
    mode: model.mode,
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
export function scoreLabels(
  model: CompiledModel,
  feats: readonly string[],
): { id: string; frame: boolean; score: number; top: string[] }[] {
  const present = new Set(feats);
  return model.labels.map((l) => {
    let score = l.bias;
    const contributions: [string, number][] = [];
    for (const f of present) {
      const w = l.weights.get(f);
      if (w === undefined) continue;
      score += w;
      if (w > 0) contributions.push([f, w]);
    }
    contributions.sort((a, b) => b[1] - a[1]);
    return { id: l.id, frame: l.frame, score, top: contributions.slice(0, 3).map(([f]) => f.replace("|", " ")) };
  });
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
  const scores = scoreLabels(model, features(tokens));
  const frames = new Map<FrameId, string[]>();
  let best: (typeof scores)[number] | null = null;
  for (const s of scores) {
    if (!s.frame) continue;
    if (!best || s.score > best.score) best = s;
    if (s.score > model.threshold)
      frames.set(
        s.id as FrameId,
        s.top.map((t) => `model: ${t}`),
      );
  }
  if (best && !frames.size)
    frames.set(
      best.id as FrameId,
      best.top.map((t) => `model: ${t}`),
    );
  if (model.mode === "fill" && labels.frames.size) frames.clear();
  if (model.mode === "union") {
    frames.clear();
    if (best)
      frames.set(
        best.id as FrameId,
        best.top.map((t) => `model: ${t}`),
      );
    for (const [f, cues] of labels.frames) frames.set(f, cues);
  }
  let topics = labels.topics;
  if (model.topics && topicFallback && !topics.size) {
    let bestTopic: (typeof scores)[number] | null = null;
    for (const s of scores) if (!s.frame && (!bestTopic || s.score > bestTopic.score)) bestTopic = s;
    if (bestTopic && bestTopic.score > 0)
      topics = new Map<TopicId, string[]>([[bestTopic.id as TopicId, bestTopic.top.map((t) => `model: ${t}`)]]);
  }
  return { topics, frames: frames.size ? frames : labels.frames, negated: labels.negated };
}
