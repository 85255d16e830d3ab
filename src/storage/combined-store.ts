import { byContest, rankedTerm } from "../engine/contested-terms";
import type { DocumentMeta } from "../model/document";
import type { ActorId, TopicId } from "../model/taxonomy";
import type {
  AggregateFilter,
  CorpusStore,
  Evidence,
  EvidenceKey,
  EvidenceRequest,
  ListFilter,
  MonthTally,
  Page,
  RecordQuery,
  StoredDocumentMeta,
  TermStat,
} from "./corpus-store";
import type { MemoryStore } from "./memory-store";
import { mergeEvidence, mergeTallies } from "./store-queries";

function mergePages<T extends { id: string }>(x: Page<T>, y: Page<T>, limit: number): Page<T> {
  const merged = [...x.items, ...y.items].sort((p, q) => (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
  const items = merged.slice(0, limit);
  const more = merged.length > limit || x.nextKey !== null || y.nextKey !== null;
  return { items, total: x.total + y.total, nextKey: more ? (items.at(-1)?.id ?? null) : null };
}

function mergeStats(x: readonly TermStat[], y: readonly TermStat[]): Map<string, TermStat> {
  const out = new Map<string, TermStat>();
  for (const s of [...x, ...y]) {
    const current = out.get(s.stem);
    if (!current) out.set(s.stem, { stem: s.stem, records: s.records, frames: new Set(s.frames) });
    else {
      current.records += s.records;
      for (const f of s.frames) current.frames.add(f);
    }
  }
  return out;
}

/**
 * The bundled corpus (in memory, a few documents) and the stored one (D1) answering as one corpus:
 * counts add up, evidence and pages merge in their own order.
 */
export class CombinedStore implements CorpusStore {
  constructor(
    private readonly bundled: MemoryStore,
    private readonly stored: CorpusStore,
  ) {}

  async version() {
    const [x, y] = await Promise.all([this.bundled.version(), this.stored.version()]);
    return `${x}.${y}`;
  }

  async totals() {
    const [x, y] = await Promise.all([this.bundled.totals(), this.stored.totals()]);
    return { documents: x.documents + y.documents, records: x.records + y.records };
  }

  async tallies(actors: readonly (ActorId | null)[], filter: AggregateFilter, topics?: readonly TopicId[]) {
    const [x, y] = await Promise.all([
      this.bundled.tallies(actors, filter, topics),
      this.stored.tallies(actors, filter, topics),
    ]);
    return mergeTallies(x, y);
  }

  async topicCounts() {
    const [x, y] = await Promise.all([this.bundled.topicCounts(), this.stored.topicCounts()]);
    return mergeTallies(x, y);
  }

  async actorCounts() {
    const [x, y] = await Promise.all([this.bundled.actorCounts(), this.stored.actorCounts()]);
    return mergeTallies(x, y);
  }

  async months(topic: TopicId, actors: readonly (ActorId | null)[], filter: AggregateFilter): Promise<MonthTally[]> {
    const [x, y] = await Promise.all([
      this.bundled.months(topic, actors, filter),
      this.stored.months(topic, actors, filter),
    ]);
    const byKey = new Map<string, MonthTally>();
    for (const m of [...x, ...y]) {
      const key = `${m.month}\u0000${m.actor ?? ""}`;
      const current = byKey.get(key);
      if (current) {
        current.records += m.records;
        current.postureMilli += m.postureMilli;
      } else byKey.set(key, { ...m });
    }
    return [...byKey.values()].sort((p, q) =>
      p.month < q.month ? -1 : p.month > q.month ? 1 : (p.actor ?? "") < (q.actor ?? "") ? -1 : 1,
    );
  }

  async evidence(requests: readonly EvidenceRequest[], filter: AggregateFilter, limit: number, before?: EvidenceKey) {
    const [x, y] = await Promise.all([
      this.bundled.evidence(requests, filter, limit, before),
      this.stored.evidence(requests, filter, limit, before),
    ]);
    return x.map((list, i) => mergeEvidence(list, y[i] ?? [], limit));
  }

  /**
   * Stems both actors use across the two stores: shared within the stored corpus, plus the few a
   * bundled document shares with a stored one (the bundled vocabulary is small).
   */
  async topContestedTerms(
    a: ActorId,
    b: ActorId,
    limit: number,
    cueStems: ReadonlySet<string>,
    except?: ReadonlySet<string>,
  ) {
    // A stem the bundled corpus never uses has the stored statistics alone: D1 ranks those. The
    // few stems it does use are ranked here on the statistics of both added together.
    const [bundledA, bundledB] = await Promise.all([this.bundled.allTermStats(a), this.bundled.allTermStats(b)]);
    const bundledStems = [...new Set([...bundledA, ...bundledB].map((s) => s.stem))].filter((s) => !except?.has(s));
    const skip = new Set([...(except ?? []), ...bundledStems]);
    const [stored, storedA, storedB] = await Promise.all([
      this.stored.topContestedTerms(a, b, limit, cueStems, skip),
      this.stored.termStats(a, bundledStems),
      this.stored.termStats(b, bundledStems),
    ]);
    const sa = mergeStats(
      storedA,
      bundledA.filter((s) => !except?.has(s.stem)),
    );
    const sb = mergeStats(
      storedB,
      bundledB.filter((s) => !except?.has(s.stem)),
    );
    const both = [...sa.keys()].filter((stem) => sb.has(stem));
    const mixed = both.flatMap(
      (stem) => rankedTerm(sa.get(stem) as TermStat, sb.get(stem) as TermStat, cueStems) ?? [],
    );
    return [...stored, ...mixed].sort(byContest).slice(0, limit);
  }

  async termStats(actor: ActorId, stems: readonly string[]) {
    const [x, y] = await Promise.all([this.bundled.termStats(actor, stems), this.stored.termStats(actor, stems)]);
    return [...mergeStats(x, y).values()].sort((p, q) => (p.stem < q.stem ? -1 : 1));
  }

  async termForms(actor: ActorId, stems: readonly string[]) {
    const [x, y] = await Promise.all([this.bundled.termForms(actor, stems), this.stored.termForms(actor, stems)]);
    for (const [stem, forms] of y) {
      const into = x.get(stem) ?? new Map<string, number>();
      for (const [form, n] of forms) into.set(form, (into.get(form) ?? 0) + n);
      x.set(stem, into);
    }
    return x;
  }

  async termEvidence(actor: ActorId, stems: readonly string[], limit: number) {
    const [x, y] = await Promise.all([
      this.bundled.termEvidence(actor, stems, limit),
      this.stored.termEvidence(actor, stems, limit),
    ]);
    const out = new Map<string, Evidence[]>();
    for (const stem of stems) out.set(stem, mergeEvidence(x.get(stem) ?? [], y.get(stem) ?? [], limit));
    return out;
  }

  async listRecords(query: RecordQuery, limit: number, afterId?: string) {
    const [x, y] = await Promise.all([
      this.bundled.listRecords(query, limit, afterId),
      this.stored.listRecords(query, limit, afterId),
    ]);
    return mergePages(x, y, limit);
  }

  async listDocuments(filter: ListFilter, limit: number, afterId?: string): Promise<Page<StoredDocumentMeta>> {
    const [x, y] = await Promise.all([
      this.bundled.listDocuments(filter, limit, afterId),
      this.stored.listDocuments(filter, limit, afterId),
    ]);
    return mergePages(x, y, limit);
  }

  async documentMetas(ids: readonly string[]) {
    const [x, y] = await Promise.all([this.bundled.documentMetas(ids), this.stored.documentMetas(ids)]);
    return new Map<string, DocumentMeta>([...y, ...x]);
  }

  async getDocument(id: string) {
    return (await this.bundled.getDocument(id)) ?? this.stored.getDocument(id);
  }

  async findBySha256(sha256: string) {
    return (await this.bundled.findBySha256(sha256)) ?? this.stored.findBySha256(sha256);
  }
}
