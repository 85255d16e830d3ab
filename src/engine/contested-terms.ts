import type { ContestedTerm, ContestedTerms } from "../model/comparison";
import type { StanceRecord } from "../model/record";
import type { ActorId, FrameId } from "../model/taxonomy";
import { type CorpusIndex, memoize } from "./corpus-index";

interface SideUse {
  frames: Set<FrameId>;
  forms: Map<string, number>;
  records: StanceRecord[];
}

function usesByStem(index: CorpusIndex, actor: ActorId): Map<string, SideUse> {
  const uses = new Map<string, SideUse>();
  for (const record of index.recordsByActor.get(actor) ?? []) {
    for (const term of index.termsByRecord.get(record.id) ?? []) {
      let use = uses.get(term.stem);
      if (!use) {
        use = { frames: new Set(), forms: new Map(), records: [] };
        uses.set(term.stem, use);
      }
      for (const frame of record.frames) use.frames.add(frame);
      for (const form of term.forms) use.forms.set(form, (use.forms.get(form) ?? 0) + 1);
      use.records.push(record);
    }
  }
  return uses;
}

function jaccardDistance(x: Set<FrameId>, y: Set<FrameId>): number {
  let shared = 0;
  for (const f of x) if (y.has(f)) shared++;
  const union = x.size + y.size - shared;
  return union ? 1 - shared / union : 0;
}

function mostFrequentForm(...maps: Map<string, number>[]): string {
  const totals = new Map<string, number>();
  for (const map of maps) for (const [form, n] of map) totals.set(form, (totals.get(form) ?? 0) + n);
  return [...totals].sort((x, y) => y[1] - x[1] || x[0].length - y[0].length || (x[0] < y[0] ? -1 : 1))[0]?.[0] ?? "";
}

/**
 * Contested vocabulary: words (grouped by stem) that both actors use in records framed
 * differently. Score = Jaccard distance of the two frame sets, halved for words outside the
 * taxonomy's cue vocabulary so stance words rank above incidental ones.
 */
export function contestedTerms(index: CorpusIndex, a: ActorId, b: ActorId): ContestedTerms {
  return memoize(index, `terms:${a}:${b}`, () => {
    const usesA = usesByStem(index, a);
    const usesB = usesByStem(index, b);
    const frameOrder = index.taxonomy.frames.map((f) => f.id);
    const ordered = (set: Set<FrameId>) => frameOrder.filter((f) => set.has(f));
    const terms: ContestedTerm[] = [];
    for (const [stem, useA] of usesA) {
      const useB = usesB.get(stem);
      if (!useB) continue;
      const distance = jaccardDistance(useA.frames, useB.frames);
      if (distance === 0) continue;
      const cue = index.taxonomy.cueStems.has(stem);
      terms.push({
        term: mostFrequentForm(useA.forms, useB.forms),
        score: Math.round((cue ? distance : distance / 2) * 1000) / 1000,
        cue,
        a: { frames: ordered(useA.frames), forms: [...useA.forms.keys()].sort(), records: useA.records },
        b: { frames: ordered(useB.frames), forms: [...useB.forms.keys()].sort(), records: useB.records },
      });
    }
    terms.sort(
      (x, y) =>
        y.score - x.score ||
        y.a.records.length + y.b.records.length - (x.a.records.length + x.b.records.length) ||
        (x.term < y.term ? -1 : 1),
    );
    const actorRef = (id: ActorId) => ({ id, name: index.taxonomy.actorById.get(id)?.name ?? id });
    return { a: actorRef(a), b: actorRef(b), terms };
  });
}
