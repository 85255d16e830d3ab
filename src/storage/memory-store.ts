import { rankContestedTerms } from "../engine/contested-terms";
import type { RecordTerm } from "../engine/record-terms";
import type { Taxonomy } from "../engine/taxonomy";
import type { DocumentMeta, StanceDocument } from "../model/document";
import type { StanceRecord } from "../model/record";
import type { ActorId, FrameId, TopicId } from "../model/taxonomy";
import {
  type AggregateRow,
  aggregateKey,
  type Contributions,
  currentTerms,
  type DocumentKeys,
  documentContributions,
  documentKeys,
  negated,
} from "./contributions";
import type {
  AggregateFilter,
  Evidence,
  EvidenceKey,
  EvidenceRequest,
  InsertOutcome,
  ListFilter,
  MonthTally,
  Page,
  RecordQuery,
  SideTally,
  StoredDocumentMeta,
  TermStat,
  WritableCorpusStore,
} from "./corpus-store";
import { afterKey, compareEvidence, inDayRange, inMonthRange, sideTallies } from "./store-queries";

interface Entry {
  document: StanceDocument;
  keys: DocumentKeys;
  /** Reading order. */
  records: StanceRecord[];
  terms: Map<string, RecordTerm[]>;
  contributions: Contributions;
  engineVersion: string | null;
}

/** A document inserted through the store (not bundled) carries its analysis state, as D1's do. */
function withAnalysis(e: Entry): StanceDocument {
  if (e.engineVersion === null) return e.document;
  return { ...e.document, analysis: { status: "analyzed", engineVersion: e.engineVersion, failure: null } };
}

function metaOf(e: Entry): DocumentMeta {
  const { text: _text, ...meta } = withAnalysis(e);
  return meta;
}

const byId = <T extends { id: string }>(x: T, y: T) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/**
 * The reference implementation: everything in memory, every answer computed from the same
 * contributions D1 stores. Serves the bundled corpus (a handful of documents) and the tests; the
 * property test holds D1 to its answers.
 */
export class MemoryStore implements WritableCorpusStore {
  private readonly entries = new Map<string, Entry>();
  private readonly aggregates = new Map<string, AggregateRow>();
  private counter = 0;

  constructor(
    private readonly taxonomy: Taxonomy,
    private readonly label: string,
  ) {}

  static from(
    taxonomy: Taxonomy,
    label: string,
    corpus: { documents: readonly StanceDocument[]; records: readonly StanceRecord[] },
  ): MemoryStore {
    const store = new MemoryStore(taxonomy, label);
    const byDocument = new Map<string, StanceRecord[]>();
    for (const record of corpus.records) {
      const list = byDocument.get(record.documentId) ?? [];
      list.push(record);
      byDocument.set(record.documentId, list);
    }
    for (const document of corpus.documents) store.add(document, byDocument.get(document.id) ?? [], null);
    store.counter = 0;
    return store;
  }

  private add(document: StanceDocument, records: readonly StanceRecord[], engineVersion: string | null): void {
    const ordered = [...records].sort((x, y) => x.span.start - y.span.start || (x.id < y.id ? -1 : 1));
    const termsOf = currentTerms(this.taxonomy);
    const terms = new Map(ordered.map((r) => [r.id, termsOf(r)]));
    const contributions = documentContributions(document, ordered, (r) => terms.get(r.id) ?? []);
    this.entries.set(document.id, {
      document,
      keys: documentKeys(document),
      records: ordered,
      terms,
      contributions,
      engineVersion,
    });
    this.apply(contributions);
    this.counter++;
  }

  private apply(c: Contributions): void {
    for (const row of c.aggregates) {
      const key = aggregateKey(row);
      const current = this.aggregates.get(key);
      const records = (current?.records ?? 0) + row.records;
      if (records === 0) this.aggregates.delete(key);
      else this.aggregates.set(key, { ...row, records, postureMilli: (current?.postureMilli ?? 0) + row.postureMilli });
    }
  }

  async version(): Promise<string> {
    return `${this.label}.${this.counter}`;
  }

  async totals() {
    let records = 0;
    for (const e of this.entries.values()) records += e.records.length;
    return { documents: this.entries.size, records };
  }

  /** Every aggregate row, for tests that compare stores and recomputations. */
  aggregateRows(): AggregateRow[] {
    return [...this.aggregates.values()];
  }

  async tallies(actors: readonly (ActorId | null)[], filter: AggregateFilter, topics?: readonly TopicId[]) {
    const wanted = new Set(actors.map((a) => a ?? ""));
    const topicSet = topics ? new Set<string>(topics) : undefined;
    const rows = this.aggregateRows().filter(
      (r) =>
        r.topic !== "" &&
        wanted.has(r.actor) &&
        (topicSet === undefined || topicSet.has(r.topic)) &&
        periodMatches(r.period, filter) &&
        r.sourceKey === (filter.sourceKey ?? ""),
    );
    return sideTallies(rows);
  }

  async topicCounts(): Promise<SideTally[]> {
    return sideTallies(
      this.aggregateRows().filter((r) => r.period === "" && r.sourceKey === "" && r.topic !== "" && r.frame === ""),
    );
  }

  async actorCounts(): Promise<SideTally[]> {
    return sideTallies(
      this.aggregateRows().filter((r) => r.period === "" && r.sourceKey === "" && r.topic === "" && r.frame === ""),
    );
  }

  async months(topic: TopicId, actors: readonly (ActorId | null)[], filter: AggregateFilter): Promise<MonthTally[]> {
    const wanted = new Set(actors.map((a) => a ?? ""));
    return this.aggregateRows()
      .filter(
        (r) =>
          r.period !== "" &&
          r.topic === topic &&
          r.frame === "" &&
          wanted.has(r.actor) &&
          (filter.fromMonth === undefined || r.period >= filter.fromMonth) &&
          (filter.toMonth === undefined || r.period <= filter.toMonth) &&
          r.sourceKey === (filter.sourceKey ?? ""),
      )
      .map((r) => ({
        month: r.period,
        actor: r.actor === "" ? null : r.actor,
        records: r.records,
        postureMilli: r.postureMilli,
      }))
      .sort((x, y) => (x.month < y.month ? -1 : x.month > y.month ? 1 : (x.actor ?? "") < (y.actor ?? "") ? -1 : 1));
  }

  private allRecords(): { record: StanceRecord; keys: DocumentKeys }[] {
    const out: { record: StanceRecord; keys: DocumentKeys }[] = [];
    for (const e of this.entries.values()) for (const record of e.records) out.push({ record, keys: e.keys });
    return out;
  }

  async evidence(requests: readonly EvidenceRequest[], filter: AggregateFilter, limit: number, before?: EvidenceKey) {
    const all = this.allRecords().filter(({ keys }) => inMonthRange(keys, filter));
    return requests.map(({ topic, actor }) =>
      all
        .filter(({ record }) => record.actor === actor && record.topics.includes(topic))
        .map(({ record, keys }) => ({ record, published: keys.published }))
        .filter((e) => afterKey(e, before))
        .sort(compareEvidence)
        .slice(0, limit),
    );
  }

  private statsByStem(actor: ActorId): Map<string, TermStat> {
    const stats = new Map<string, TermStat>();
    for (const e of this.entries.values()) {
      for (const record of e.records) {
        if (record.actor !== actor) continue;
        for (const term of e.terms.get(record.id) ?? []) {
          const stat = stats.get(term.stem) ?? { stem: term.stem, records: 0, frames: new Set<FrameId>() };
          stat.records++;
          for (const f of record.frames) stat.frames.add(f);
          stats.set(term.stem, stat);
        }
      }
    }
    return stats;
  }

  async topContestedTerms(
    a: ActorId,
    b: ActorId,
    limit: number,
    cueStems: ReadonlySet<string>,
    except?: ReadonlySet<string>,
  ) {
    const sa = this.statsByStem(a);
    const sb = this.statsByStem(b);
    const shared = [...sa.keys()].filter((stem) => sb.has(stem) && !except?.has(stem)).sort();
    const ranked = rankContestedTerms(
      shared.map((stem) => sa.get(stem) as TermStat),
      shared.map((stem) => sb.get(stem) as TermStat),
      cueStems,
    );
    return ranked.slice(0, limit);
  }

  async termStats(actor: ActorId, stems: readonly string[]) {
    const stats = this.statsByStem(actor);
    return [...new Set(stems)].sort().flatMap((stem) => stats.get(stem) ?? []);
  }

  async allTermStats(actor: ActorId) {
    return [...this.statsByStem(actor).values()].sort((x, y) => (x.stem < y.stem ? -1 : 1));
  }

  async termForms(actor: ActorId, stems: readonly string[]) {
    const wanted = new Set(stems);
    const out = new Map<string, Map<string, number>>();
    for (const e of this.entries.values()) {
      for (const record of e.records) {
        if (record.actor !== actor) continue;
        for (const term of e.terms.get(record.id) ?? []) {
          if (!wanted.has(term.stem)) continue;
          const forms = out.get(term.stem) ?? new Map<string, number>();
          for (const form of term.forms) forms.set(form, (forms.get(form) ?? 0) + 1);
          out.set(term.stem, forms);
        }
      }
    }
    return out;
  }

  async termEvidence(actor: ActorId, stems: readonly string[], limit: number) {
    const out = new Map<string, Evidence[]>();
    for (const stem of stems) {
      const using = this.allRecords().filter(
        ({ record }) =>
          record.actor === actor &&
          (this.entries.get(record.documentId)?.terms.get(record.id) ?? []).some((t) => t.stem === stem),
      );
      out.set(
        stem,
        using
          .map(({ record, keys }) => ({ record, published: keys.published }))
          .sort(compareEvidence)
          .slice(0, limit),
      );
    }
    return out;
  }

  async listRecords(query: RecordQuery, limit: number, afterId?: string): Promise<Page<StanceRecord>> {
    const matching = this.allRecords()
      .filter(({ record: r, keys }) => {
        if (!inDayRange(keys, query)) return false;
        if (query.actor !== undefined && r.actor !== query.actor) return false;
        if (query.topic !== undefined && !r.topics.includes(query.topic)) return false;
        if (query.frame !== undefined && !r.frames.includes(query.frame)) return false;
        if (query.documentId !== undefined && r.documentId !== query.documentId) return false;
        if (query.kind !== undefined && r.kind !== query.kind) return false;
        return true;
      })
      .map(({ record }) => record)
      .sort(byId);
    return pageAfter(matching, limit, afterId);
  }

  async listDocuments(filter: ListFilter, limit: number, afterId?: string): Promise<Page<StoredDocumentMeta>> {
    const matching = [...this.entries.values()]
      .filter((e) => inDayRange(e.keys, filter))
      .map((e) => metaOf(e))
      .sort(byId);
    return pageAfter(matching, limit, afterId);
  }

  async documentMetas(ids: readonly string[]) {
    const out = new Map<string, DocumentMeta>();
    for (const id of ids) {
      const e = this.entries.get(id);
      if (e) out.set(id, metaOf(e));
    }
    return out;
  }

  async getDocument(id: string) {
    const e = this.entries.get(id);
    return e ? { document: withAnalysis(e), records: e.records } : null;
  }

  async findBySha256(sha256: string) {
    for (const e of this.entries.values())
      if (e.document.sha256 === sha256) return { document: withAnalysis(e), records: e.records };
    return null;
  }

  async insertDocument(
    document: StanceDocument,
    records: readonly StanceRecord[],
    engineVersion: string,
  ): Promise<InsertOutcome> {
    if (this.entries.has(document.id) || (await this.findBySha256(document.sha256))) return "duplicate";
    for (const r of records) {
      if (r.documentId !== document.id || document.text.slice(r.span.start, r.span.end) !== r.quote)
        throw new Error(`record ${r.id} is not a verbatim slice of document ${document.id}`);
    }
    this.add(document, records, engineVersion);
    return "inserted";
  }

  async deleteDocument(id: string): Promise<boolean> {
    const e = this.entries.get(id);
    if (!e) return false;
    this.apply(negated(e.contributions));
    this.entries.delete(id);
    this.counter++;
    return true;
  }
}

function periodMatches(period: string, filter: AggregateFilter): boolean {
  if (filter.fromMonth === undefined && filter.toMonth === undefined) return period === "";
  if (period === "") return false;
  return (
    (filter.fromMonth === undefined || period >= filter.fromMonth) &&
    (filter.toMonth === undefined || period <= filter.toMonth)
  );
}

function pageAfter<T extends { id: string }>(sorted: T[], limit: number, afterId?: string): Page<T> {
  const rest = afterId === undefined ? sorted : sorted.filter((item) => item.id > afterId);
  const items = rest.slice(0, limit);
  const last = items.at(-1);
  return { items, total: sorted.length, nextKey: last !== undefined && rest.length > limit ? last.id : null };
}
