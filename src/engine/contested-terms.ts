import type { FrameId } from "../model/taxonomy";
import type { TermStat } from "./tallies";

/** A contested term before its forms and evidence are looked up. */
export interface RankedTerm {
  stem: string;
  score: number;
  cue: boolean;
  a: TermStat;
  b: TermStat;
}

function jaccardDistance(x: Set<FrameId>, y: Set<FrameId>): number {
  let shared = 0;
  for (const f of x) if (y.has(f)) shared++;
  const union = x.size + y.size - shared;
  return union ? 1 - shared / union : 0;
}

/** One stem used by both actors, scored; null when both use it with the same frames (not contested). */
export function rankedTerm(statA: TermStat, statB: TermStat, cueStems: ReadonlySet<string>): RankedTerm | null {
  const distance = jaccardDistance(statA.frames, statB.frames);
  if (distance === 0) return null;
  const cue = cueStems.has(statA.stem);
  return {
    stem: statA.stem,
    score: Math.round((cue ? distance : distance / 2) * 1000) / 1000,
    cue,
    a: statA,
    b: statB,
  };
}

/** Most contested first: score, then more records, then the stem. */
export function byContest(x: RankedTerm, y: RankedTerm): number {
  return (
    y.score - x.score ||
    y.a.records + y.b.records - (x.a.records + x.b.records) ||
    (x.stem < y.stem ? -1 : x.stem > y.stem ? 1 : 0)
  );
}

/**
 * Contested vocabulary: stems both actors use in records framed differently. Score = Jaccard
 * distance of the two frame sets, halved for words outside the taxonomy's cue vocabulary so stance
 * words rank above incidental ones. Ties: more records first, then the stem.
 */
export function rankContestedTerms(
  a: readonly TermStat[],
  b: readonly TermStat[],
  cueStems: ReadonlySet<string>,
): RankedTerm[] {
  const byStem = new Map(b.map((s) => [s.stem, s]));
  const terms: RankedTerm[] = [];
  for (const statA of a) {
    const statB = byStem.get(statA.stem);
    const term = statB ? rankedTerm(statA, statB, cueStems) : null;
    if (term) terms.push(term);
  }
  return terms.sort(byContest);
}

/** The form shown for a term: the one used most by both sides together (shorter, then alphabetical, on ties). */
export function mostFrequentForm(...maps: ReadonlyMap<string, number>[]): string {
  const totals = new Map<string, number>();
  for (const map of maps) for (const [form, n] of map) totals.set(form, (totals.get(form) ?? 0) + n);
  return [...totals].sort((x, y) => y[1] - x[1] || x[0].length - y[0].length || (x[0] < y[0] ? -1 : 1))[0]?.[0] ?? "";
}
