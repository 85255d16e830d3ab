import { compareCorpus, contestedTerms, topicsWithCounts, topicTimeline } from "../../src/http/lib/corpus-reads";
import type { FrameId, TopicId } from "../../src/model/taxonomy";
import { bundledTaxonomy } from "../../src/storage/bundled-corpus";
import { aggregateKey } from "../../src/storage/contributions";
import type { AggregateFilter, CorpusStore, EvidenceKey, ListFilter } from "../../src/storage/corpus-store";
import type { MemoryStore } from "../../src/storage/memory-store";
import { evidenceKey } from "../../src/storage/store-queries";

/** Every read of a store, and what the routes build from them: two stores must give equal answers. */

const taxonomy = bundledTaxonomy();
const crisis = (() => {
  const topic = taxonomy.topicById.get("crisis-communication");
  if (!topic) throw new Error("taxonomy lacks crisis-communication");
  return topic;
})();

const FILTERS: AggregateFilter[] = [
  {},
  { fromMonth: "2021-03", toMonth: "2021-04" },
  { fromMonth: "2022-12" },
  { toMonth: "2021-03" },
  { sourceKey: "synthetic wire" },
  { sourceKey: "synthetic ministry", fromMonth: "2023-01" },
];
const LIST_FILTERS: ListFilter[] = [
  {},
  { from: "2021-03-04", to: "2021-04-01" },
  { from: "2023-01-01" },
  { sourceKey: "synthetic wire" },
];

/** Every read of the CorpusStore interface, and what the routes build from them, on one store. */
export async function answers(store: CorpusStore, options: { terms?: boolean } = {}) {
  const out: Record<string, unknown> = {};
  out.totals = await store.totals();
  out.topicCounts = await store.topicCounts();
  out.actorCounts = await store.actorCounts();
  out.topics = await topicsWithCounts(store, taxonomy);
  for (const [i, filter] of FILTERS.entries()) {
    out[`tallies${i}`] = await store.tallies(["US", "CN", null], filter);
    out[`talliesTopic${i}`] = await store.tallies(["SG"], filter, ["taiwan", "climate-change"]);
    out[`compare${i}`] = await compareCorpus(store, taxonomy, { a: "US", b: "CN", filter, evidence: 2 });
    out[`compareSelf${i}`] = await compareCorpus(store, taxonomy, { a: "SG", b: "SG", filter, evidence: 3 });
    // Newest-first evidence paged with keys, two at a time, to the end of each side.
    for (const actor of ["US", "CN", null] as const) {
      const pages: unknown[] = [];
      let before: EvidenceKey | undefined;
      for (let guard = 0; guard < 100; guard++) {
        const [page = []] = await store.evidence([{ topic: "strategic-competition", actor }], filter, 2, before);
        pages.push(page);
        const last = page.at(-1);
        if (page.length < 2 || !last) break;
        before = evidenceKey(last);
      }
      out[`evidencePages${i}:${actor}`] = pages;
    }
    out[`months${i}`] = await store.months("strategic-competition", ["US", "CN", null], filter);
    out[`timeline${i}`] = await topicTimeline(store, taxonomy, {
      topic: crisis,
      a: "US",
      b: "CN",
      filter,
    });
  }
  if (options.terms !== false)
    out.terms = await contestedTerms(store, taxonomy, { a: "US", b: "CN", limit: 200, evidence: 2 });
  if (options.terms !== false)
    out.termsSG = await contestedTerms(store, taxonomy, { a: "SG", b: "US", limit: 3, evidence: 1 });
  for (const [i, filter] of LIST_FILTERS.entries()) {
    for (const query of [
      {},
      { actor: "CN" },
      { topic: "crisis-communication" as TopicId },
      { actor: "US", topic: "strategic-competition" as TopicId },
      { frame: "cooperation" as FrameId },
      { kind: "narration" as const },
    ]) {
      // Page through everything, two at a time: cursors and totals must agree too.
      const pages: unknown[] = [];
      let after: string | undefined;
      for (let guard = 0; guard < 100; guard++) {
        const page = await store.listRecords({ ...filter, ...query }, 2, after);
        pages.push(page);
        if (page.nextKey === null) break;
        after = page.nextKey;
      }
      out[`records${i}:${JSON.stringify(query)}`] = pages;
    }
    const docs: unknown[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 100; guard++) {
      const page = await store.listDocuments(filter, 3, after);
      docs.push(page);
      if (page.nextKey === null) break;
      after = page.nextKey;
    }
    out[`documents${i}`] = docs;
  }
  return out;
}

/** D1's aggregate table as rows keyed like the reference's. */
export async function storedAggregates(
  db: D1Database,
): Promise<Map<string, { records: number; postureMilli: number }>> {
  const { results } = await db
    .prepare("SELECT period, source_key, actor, topic, frame, records, posture_milli FROM stance_aggregates")
    .all<{
      period: string;
      source_key: string;
      actor: string;
      topic: string;
      frame: string;
      records: number;
      posture_milli: number;
    }>();
  return new Map(
    results.map((r) => [
      aggregateKey({ period: r.period, sourceKey: r.source_key, actor: r.actor, topic: r.topic, frame: r.frame }),
      { records: r.records, postureMilli: r.posture_milli },
    ]),
  );
}

/** The reference store's aggregate rows, keyed the same way. */
export function referenceAggregates(store: MemoryStore): Map<string, { records: number; postureMilli: number }> {
  return new Map(
    store.aggregateRows().map((r) => [aggregateKey(r), { records: r.records, postureMilli: r.postureMilli }]),
  );
}
