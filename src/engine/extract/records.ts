import type { RecordKind, StanceRecord } from "../../model/record";
import type { ActorId, FrameId, TopicId } from "../../model/taxonomy";
import type { Taxonomy } from "../taxonomy";
import type { Classification } from "./classify";
import { type NormalisedText, toOriginal } from "./normalise";

/** A statement found in the text, before it gets an id. Offsets: cleaned text. */
export interface Draft {
  start: number;
  end: number;
  kind: RecordKind;
  actor: ActorId | null;
  speaker: { name: string | null; role: string | null } | null;
  via: string | null;
  labels: Classification;
  confidence: number;
  /** The cue labels, when the label model is still to refine them (done once, for the drafts kept). */
  cued?: Classification;
}

// When an attributed statement names a frame but no topic, it is about the relationship as a
// whole; when it names a topic but no frame cue, it states a position on it.
const DEFAULT_TOPIC: TopicId = "strategic-competition";
const DEFAULT_FRAME: FrameId = "values-and-concerns";

/** Spaces and clause punctuation that never start or end a quote: , ; : — – - */
function isEdge(code: number): boolean {
  return (
    code === 32 ||
    code === 10 ||
    code === 44 ||
    code === 59 ||
    code === 58 ||
    code === 0x2014 ||
    code === 0x2013 ||
    code === 45 ||
    code === 9
  );
}

/** Trims spaces and clause punctuation from both ends of [start, end). */
export function trimSpan(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && isEdge(text.charCodeAt(s))) s++;
  while (e > s && isEdge(text.charCodeAt(e - 1))) e--;
  return [s, e];
}

/** Whether a draft carries enough labels to be a record (filling defaults for attributed speech). */
export function completeLabels(
  labels: Classification,
  attributed: boolean,
  taxonomy: Taxonomy,
  /** An official's sentence in a foreign-affairs passage: a statement even with no cue of its own. */
  official = false,
): { labels: Classification; defaulted: boolean } | null {
  const hasTopics = labels.topics.size > 0;
  const hasFrames = labels.frames.size > 0;
  if (hasTopics && hasFrames) return { labels, defaulted: false };
  if (!attributed || (!hasTopics && !hasFrames && !official)) return null;
  const topics = new Map(labels.topics);
  const frames = new Map(labels.frames);
  if (!hasTopics && taxonomy.topicById.has(DEFAULT_TOPIC)) topics.set(DEFAULT_TOPIC, []);
  if (!hasFrames && taxonomy.frameById.has(DEFAULT_FRAME)) frames.set(DEFAULT_FRAME, []);
  if (!topics.size || !frames.size) return null;
  return { labels: { topics, frames, negated: labels.negated }, defaulted: true };
}

function round(value: number, places: number): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}

/** The record for a draft: span and quote in the submitted text, labels in taxonomy order. */
export function toRecord(
  draft: Draft,
  id: string,
  documentId: string,
  original: string,
  norm: NormalisedText,
  taxonomy: Taxonomy,
): StanceRecord {
  const span = toOriginal(norm, draft.start, draft.end);
  const topics: TopicId[] = [];
  for (const t of taxonomy.topics) if (draft.labels.topics.has(t.id)) topics.push(t.id);
  const frames: FrameId[] = [];
  for (const f of taxonomy.frames) if (draft.labels.frames.has(f.id)) frames.push(f.id);
  const postures = frames.map((f) => taxonomy.frameById.get(f)?.posture ?? 0);
  const posture = postures.length ? postures.reduce((a, b) => a + b, 0) / postures.length : 0;
  const cueTopics: Record<string, string[]> = {};
  for (const t of topics) cueTopics[t] = draft.labels.topics.get(t) ?? [];
  const cueFrames: Record<string, string[]> = {};
  for (const f of frames) cueFrames[f] = draft.labels.frames.get(f) ?? [];
  const postureCues = [
    ...frames.flatMap((f) => draft.labels.frames.get(f) ?? []),
    ...draft.labels.negated.map((n) => `not: ${n}`),
  ];
  return {
    id,
    documentId,
    actor: draft.actor,
    speaker: draft.speaker,
    topics,
    frames,
    posture: round(Math.max(-1, Math.min(1, posture)), 2),
    quote: original.slice(span.start, span.end),
    span,
    kind: draft.kind,
    method: "extracted",
    confidence: round(Math.max(0, Math.min(1, draft.confidence)), 2),
    via: draft.via,
    cues: { topics: cueTopics, frames: cueFrames, posture: postureCues },
  };
}
