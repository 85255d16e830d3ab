import type { FrameId } from "../../model/taxonomy";
import { type Classification, type CueMatcher, classify } from "./classify";
import { trimSpan } from "./records";
import { tokensIn, type WordToken } from "./word-tokens";

export interface Clause {
  start: number;
  end: number;
  labels: Classification;
}

// A list of distinct points ("from the issue of Taiwan, through …, to …") or clauses.
const CLAUSE_BREAK = /[;]\s+|,\s+(?=(?:from|through|to|including|as well as|and from|and to|while|whereas)\s)/g;

function sameTopics(a: Classification, b: Classification): boolean {
  if (a.topics.size !== b.topics.size) return false;
  for (const key of a.topics.keys()) if (!b.topics.has(key)) return false;
  return true;
}

function merge(a: Classification, b: Classification): Classification {
  const topics = new Map(a.topics);
  for (const [k, v] of b.topics) topics.set(k, [...(topics.get(k) ?? []), ...v]);
  const frames = new Map(a.frames);
  for (const [k, v] of b.frames) frames.set(k, [...(frames.get(k) ?? []), ...v]);
  return { topics, frames, negated: [...a.negated, ...b.negated] };
}

/**
 * Unattributed text split into the points it lists, so that "points of contention … from Taiwan,
 * through the South China Sea, to chips" gives one record per point. Clauses without a topic of
 * their own join the clause before; a point without a frame cue takes the frames of the clause
 * that introduced the list.
 */
export function narrationClauses(
  text: string,
  start: number,
  end: number,
  tokens: readonly WordToken[],
  matcher: CueMatcher,
): Clause[] {
  const cuts = [start];
  const region = text.slice(start, end);
  for (const match of region.matchAll(CLAUSE_BREAK)) cuts.push(start + (match.index ?? 0));
  cuts.push(end);
  const clauses: Clause[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const [s, e] = trimSpan(text, cuts[k] ?? start, cuts[k + 1] ?? end);
    if (e <= s) continue;
    const labels = classify(text, tokensIn(tokens, s, e), matcher);
    const previous = clauses[clauses.length - 1];
    if (previous && (labels.topics.size === 0 || sameTopics(previous.labels, labels))) {
      previous.end = e;
      previous.labels = merge(previous.labels, labels);
    } else clauses.push({ start: s, end: e, labels });
  }
  const head = clauses[0];
  if (head && clauses.length > 1) {
    for (const clause of clauses.slice(1)) {
      if (clause.labels.frames.size === 0) {
        const frames = new Map<FrameId, string[]>();
        for (const [frame, cues] of head.labels.frames) frames.set(frame, cues);
        clause.labels = { ...clause.labels, frames };
      }
    }
  }
  return clauses;
}
