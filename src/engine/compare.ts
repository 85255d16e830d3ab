import type { Contrast, Side, TopicComparison } from "../model/comparison";
import type { StanceRecord } from "../model/record";
import type { ActorId, FrameId, Topic } from "../model/taxonomy";
import { meanPosture, type SideTally } from "./tallies";

export const NO_STATEMENT = "no statement in the corpus";

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * One side of a comparison: counts, frames and mean posture from the tally (every record), and
 * `evidence`, the records shown (the most recent ones, oldest first).
 */
export function buildSide(actor: ActorId, tally: SideTally | undefined, evidence: StanceRecord[]): Side {
  const records = tally?.records ?? 0;
  return {
    actor,
    recordCount: records,
    records: evidence,
    frameCounts: { ...(tally?.frames ?? {}) },
    meanPosture: meanPosture(records, tally?.postureMilli ?? 0),
    note: records ? null : NO_STATEMENT,
  };
}

function frameDistribution(side: Side): Map<FrameId, number> {
  const entries = Object.entries(side.frameCounts) as [FrameId, number][];
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return new Map(entries.map(([frame, n]) => [frame, total ? n / total : 0]));
}

/**
 * Divergence in [0, 1]: half from how differently the two sides distribute their frames
 * (total-variation distance), half from how far apart their mean postures are (gap / 2).
 */
export function buildContrast(a: Side, b: Side, frameOrder: readonly FrameId[]): Contrast {
  const inA = new Set(Object.keys(a.frameCounts) as FrameId[]);
  const inB = new Set(Object.keys(b.frameCounts) as FrameId[]);
  const sharedFrames = frameOrder.filter((f) => inA.has(f) && inB.has(f));
  const onlyA = frameOrder.filter((f) => inA.has(f) && !inB.has(f));
  const onlyB = frameOrder.filter((f) => inB.has(f) && !inA.has(f));
  if (a.meanPosture === null || b.meanPosture === null) {
    return { sharedFrames, onlyA, onlyB, postureGap: null, divergence: null };
  }
  const postureGap = Math.abs(a.meanPosture - b.meanPosture);
  const da = frameDistribution(a);
  const db = frameDistribution(b);
  let tvd = 0;
  for (const frame of frameOrder) tvd += Math.abs((da.get(frame) ?? 0) - (db.get(frame) ?? 0));
  tvd /= 2;
  const divergence = Math.min(1, Math.max(0, 0.5 * tvd + 0.5 * (postureGap / 2)));
  return { sharedFrames, onlyA, onlyB, postureGap: round(postureGap), divergence: round(divergence) };
}

export interface TopicSides {
  a: { actor: ActorId; tally: SideTally | undefined; evidence: StanceRecord[] };
  b: { actor: ActorId; tally: SideTally | undefined; evidence: StanceRecord[] };
  /** Narration on the topic, the records shown. */
  context: StanceRecord[];
}

/** One row of a comparison: both sides, their contrast and the narration around them. */
export function topicComparison(topic: Topic, sides: TopicSides, frameOrder: readonly FrameId[]): TopicComparison {
  const a = buildSide(sides.a.actor, sides.a.tally, sides.a.evidence);
  const b = buildSide(sides.b.actor, sides.b.tally, sides.b.evidence);
  return {
    topic: { id: topic.id, label: topic.label, description: topic.description },
    a,
    b,
    contrast: buildContrast(a, b, frameOrder),
    context: sides.context,
  };
}
