import { topicComparison } from "../../engine/compare";
import { mostFrequentForm } from "../../engine/contested-terms";
import type { SideTally } from "../../engine/tallies";
import type { Taxonomy } from "../../engine/taxonomy";
import { buildTimeline } from "../../engine/timeline";
import type { ActorRef, Comparison, ContestedTerms, TopicComparison } from "../../model/comparison";
import type { StanceRecord } from "../../model/record";
import type { ActorId, FrameId, Topic, TopicId } from "../../model/taxonomy";
import type { Timeline } from "../../model/timeline";
import type { AggregateFilter, CorpusStore, Evidence, EvidenceRequest } from "../../storage/corpus-store";

/**
 * The read API's answers, computed from a store's tallies and evidence by the engine's pure
 * functions. Shared by the JSON routes, the page and /v1/analyze (a store of one text), so all
 * three show the same numbers.
 */

export function actorRef(taxonomy: Taxonomy, id: ActorId): ActorRef {
  return { id, name: taxonomy.actorById.get(id)?.name ?? id };
}

const tallyKey = (actor: ActorId | null, topic: TopicId | null) => `${actor ?? ""}\u0000${topic ?? ""}`;
/** Evidence comes newest first; a side shows its records oldest first. */
const oldestFirst = (list: readonly Evidence[] | undefined): StanceRecord[] =>
  (list ?? []).map((e) => e.record).reverse();

/**
 * Both actors (and narration) on each topic. Without `topics`, only topics on which a, b or
 * narration has at least one record, in taxonomy order.
 */
export async function compareCorpus(
  store: CorpusStore,
  taxonomy: Taxonomy,
  options: { a: ActorId; b: ActorId; topics?: readonly Topic[]; filter: AggregateFilter; evidence: number },
): Promise<Comparison> {
  const { a, b, filter, evidence } = options;
  const candidates = options.topics ?? taxonomy.topics;
  // The evidence of every side that might have records is asked for together with the tallies
  // (two queries in flight at once rather than one after the other); a side with none costs an
  // empty indexed lookup.
  const requests: EvidenceRequest[] = [];
  const slot = new Map<string, number>();
  for (const topic of candidates) {
    for (const actor of [a, b, null]) {
      const key = tallyKey(actor, topic.id);
      if (evidence > 0 && !slot.has(key)) {
        slot.set(key, requests.length);
        requests.push({ topic: topic.id, actor });
      }
    }
  }
  const [tallies, lists] = await Promise.all([
    store.tallies(
      [...new Set<ActorId | null>([a, b, null])],
      filter,
      options.topics?.map((t) => t.id),
    ),
    requests.length ? store.evidence(requests, filter, evidence) : Promise.resolve([]),
  ]);
  const byKey = new Map<string, SideTally>(tallies.map((t) => [tallyKey(t.actor, t.topic), t]));
  const has = (actor: ActorId | null, topic: TopicId) => (byKey.get(tallyKey(actor, topic))?.records ?? 0) > 0;
  const topics = options.topics ?? candidates.filter((t) => has(a, t.id) || has(b, t.id) || has(null, t.id));
  const shown = (actor: ActorId | null, topic: TopicId) => {
    const i = slot.get(tallyKey(actor, topic));
    return i === undefined ? [] : oldestFirst(lists[i]);
  };
  const frameOrder = taxonomy.frames.map((f) => f.id);
  const rows: TopicComparison[] = topics.map((topic) =>
    topicComparison(
      topic,
      {
        a: { actor: a, tally: byKey.get(tallyKey(a, topic.id)), evidence: shown(a, topic.id) },
        b: { actor: b, tally: byKey.get(tallyKey(b, topic.id)), evidence: shown(b, topic.id) },
        context: shown(null, topic.id),
      },
      frameOrder,
    ),
  );
  return { a: actorRef(taxonomy, a), b: actorRef(taxonomy, b), topics: rows };
}

/** Each side's monthly record count and mean posture on one topic. */
export async function topicTimeline(
  store: CorpusStore,
  taxonomy: Taxonomy,
  options: { topic: Topic; a: ActorId; b: ActorId; filter: AggregateFilter },
): Promise<Timeline> {
  const { topic, a, b, filter } = options;
  const actors = [...new Set([a, b])];
  const ranged = filter.fromMonth !== undefined || filter.toMonth !== undefined;
  const [months, allTime] = await Promise.all([
    store.months(topic.id, actors, filter),
    // Undated records are outside every date range; without one they are counted apart.
    ranged ? Promise.resolve([]) : store.tallies(actors, filter, [topic.id]),
  ]);
  const dated = (actor: ActorId) => months.filter((m) => m.actor === actor).reduce((n, m) => n + m.records, 0);
  const total = (actor: ActorId) => allTime.find((t) => t.actor === actor)?.records ?? 0;
  const undated = ranged ? { a: 0, b: 0 } : { a: total(a) - dated(a), b: total(b) - dated(b) };
  return buildTimeline(topic, actorRef(taxonomy, a), actorRef(taxonomy, b), months, undated);
}

/** The `limit` most contested terms of a and b, each with up to `evidence` recent records per side. */
export async function contestedTerms(
  store: CorpusStore,
  taxonomy: Taxonomy,
  options: { a: ActorId; b: ActorId; limit: number; evidence: number },
): Promise<ContestedTerms> {
  const { a, b, limit, evidence } = options;
  const ranked = await store.topContestedTerms(a, b, limit, taxonomy.cueStems);
  const stems = ranked.map((t) => t.stem);
  const [formsA, formsB, evidenceA, evidenceB] = await Promise.all([
    store.termForms(a, stems),
    store.termForms(b, stems),
    evidence > 0 ? store.termEvidence(a, stems, evidence) : Promise.resolve(new Map<string, Evidence[]>()),
    evidence > 0 ? store.termEvidence(b, stems, evidence) : Promise.resolve(new Map<string, Evidence[]>()),
  ]);
  const frameOrder = taxonomy.frames.map((f) => f.id);
  const ordered = (set: Set<FrameId>) => frameOrder.filter((f) => set.has(f));
  const none = new Map<string, number>();
  return {
    a: actorRef(taxonomy, a),
    b: actorRef(taxonomy, b),
    terms: ranked.map((t) => {
      const fa = formsA.get(t.stem) ?? none;
      const fb = formsB.get(t.stem) ?? none;
      return {
        term: mostFrequentForm(fa, fb),
        score: t.score,
        cue: t.cue,
        a: {
          frames: ordered(t.a.frames),
          forms: [...fa.keys()].sort(),
          recordCount: t.a.records,
          records: (evidenceA.get(t.stem) ?? []).map((e) => e.record),
        },
        b: {
          frames: ordered(t.b.frames),
          forms: [...fb.keys()].sort(),
          recordCount: t.b.records,
          records: (evidenceB.get(t.stem) ?? []).map((e) => e.record),
        },
      };
    }),
  };
}

/** Every topic of the taxonomy with its record count and counts per actor ("null" for narration). */
export async function topicsWithCounts(store: CorpusStore, taxonomy: Taxonomy) {
  const tallies = await store.topicCounts();
  return taxonomy.topics.map((topic) => {
    const counts: Record<string, number> = {};
    let recordCount = 0;
    for (const t of tallies) {
      if (t.topic !== topic.id) continue;
      counts[t.actor ?? "null"] = t.records;
      recordCount += t.records;
    }
    return { ...topic, recordCount, counts };
  });
}

/** Every actor of the taxonomy with how many records it holds (on any topic). */
export async function actorsWithCounts(store: CorpusStore, taxonomy: Taxonomy) {
  const tallies = await store.actorCounts();
  return taxonomy.actors.map((actor) => ({
    ...actor,
    recordCount: tallies.find((t) => t.actor === actor.id)?.records ?? 0,
  }));
}
