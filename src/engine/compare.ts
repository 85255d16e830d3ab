import type { Comparison, Contrast, Side, TopicComparison } from "../model/comparison";
import type { StanceRecord } from "../model/record";
import type { ActorId, FrameId, Topic } from "../model/taxonomy";
import { type CorpusIndex, memoize } from "./corpus-index";

export const NO_STATEMENT = "no statement in the corpus";

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function byDocumentThenPosition(index: CorpusIndex) {
  return (x: StanceRecord, y: StanceRecord): number => {
    if (x.documentId !== y.documentId) {
      const dx = index.documentById.get(x.documentId)?.publishedAt ?? "";
      const dy = index.documentById.get(y.documentId)?.publishedAt ?? "";
      if (dx !== dy) return dx < dy ? -1 : 1;
      return x.documentId < y.documentId ? -1 : 1;
    }
    return x.span.start - y.span.start;
  };
}

export function buildSide(actor: ActorId, records: StanceRecord[]): Side {
  const frameCounts: Partial<Record<FrameId, number>> = {};
  let postureSum = 0;
  for (const record of records) {
    postureSum += record.posture;
    for (const frame of record.frames) frameCounts[frame] = (frameCounts[frame] ?? 0) + 1;
  }
  return {
    actor,
    recordCount: records.length,
    records,
    frameCounts,
    meanPosture: records.length ? round(postureSum / records.length) : null,
    note: records.length ? null : NO_STATEMENT,
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

export function compareTopic(index: CorpusIndex, topic: Topic, a: ActorId, b: ActorId): TopicComparison {
  const order = byDocumentThenPosition(index);
  const onTopic = index.recordsByTopic.get(topic.id) ?? [];
  const pick = (actor: ActorId | null) => onTopic.filter((r) => r.actor === actor).sort(order);
  const sideA = buildSide(a, pick(a));
  const sideB = buildSide(b, pick(b));
  const frameOrder = index.taxonomy.frames.map((f) => f.id);
  return {
    topic: { id: topic.id, label: topic.label, description: topic.description },
    a: sideA,
    b: sideB,
    contrast: buildContrast(sideA, sideB, frameOrder),
    context: pick(null),
  };
}

/** Topics where a, b or narration has at least one record, in taxonomy order. */
export function compareActors(index: CorpusIndex, a: ActorId, b: ActorId, topics?: readonly Topic[]): Comparison {
  const key = `compare:${a}:${b}:${topics ? topics.map((t) => t.id).join(",") : "*"}`;
  return memoize(index, key, () => {
    const actorRef = (id: ActorId) => ({ id, name: index.taxonomy.actorById.get(id)?.name ?? id });
    const candidates = topics ?? index.taxonomy.topics;
    const rows = candidates
      .map((topic) => compareTopic(index, topic, a, b))
      .filter((row) => topics || row.a.recordCount + row.b.recordCount + row.context.length > 0);
    return { a: actorRef(a), b: actorRef(b), topics: rows };
  });
}
