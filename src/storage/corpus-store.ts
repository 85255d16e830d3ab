import type { RankedTerm } from "../engine/contested-terms";
import type { MonthTally, SideTally, TermStat } from "../engine/tallies";
import type { DocumentMeta, StanceDocument } from "../model/document";
import type { RecordKind, StanceRecord } from "../model/record";
import type { ActorId, FrameId, TopicId } from "../model/taxonomy";

export type { MonthTally, SideTally, TermStat };

/**
 * The filter of the aggregate read paths (compare, topic compare, timeline): whole calendar months
 * from `fromMonth` to `toMonth` ("YYYY-MM", inclusive) and/or one source (its key: trimmed, lower
 * case). Months, not days, because the aggregates are kept per month.
 */
export interface AggregateFilter {
  fromMonth?: string | undefined;
  toMonth?: string | undefined;
  sourceKey?: string | undefined;
}

/** Day-exact filter of the listings (records, documents): publication day in [from, to], source key. */
export interface ListFilter {
  from?: string | undefined;
  to?: string | undefined;
  sourceKey?: string | undefined;
}

/** A record with its document's publication (as written, '' undated): the evidence order's key. */
export interface Evidence {
  record: StanceRecord;
  published: string;
}

/**
 * Where a newest-first evidence page ended: the next page holds the records older than this one
 * (keyset paging in the evidence order, so a page costs the same however deep it is).
 */
export interface EvidenceKey {
  published: string;
  documentId: string;
  spanStart: number;
  recordId: string;
}

/** Which side of a comparison to fetch evidence for. */
export interface EvidenceRequest {
  topic: TopicId;
  actor: ActorId | null;
}

export interface RecordQuery extends ListFilter {
  actor?: ActorId | undefined;
  topic?: TopicId | undefined;
  frame?: FrameId | undefined;
  documentId?: string | undefined;
  kind?: RecordKind | undefined;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** The key of the last item when more follow, else null. */
  nextKey: string | null;
}

export type { AnalysisState } from "../model/document";

/** Document metadata; stored documents carry their `analysis` state. */
export type StoredDocumentMeta = DocumentMeta;

export type InsertOutcome = "inserted" | "duplicate";

/**
 * Everything the read API asks of a corpus. Two implementations answer it identically: the
 * in-memory reference (the bundled corpus, tests) and D1 (stored documents); a property test
 * holds them to the same answers. No method returns or holds a corpus-sized result except the
 * explicit listings, which page.
 */
export interface CorpusStore {
  /** Changes with every write: part of every cache key and ETag. */
  version(): Promise<string>;
  totals(): Promise<{ documents: number; records: number }>;

  /** Tallies of the given actors (null = narration) on every topic, or on the given topics. */
  tallies(
    actors: readonly (ActorId | null)[],
    filter: AggregateFilter,
    topics?: readonly TopicId[],
  ): Promise<SideTally[]>;
  /** Per topic and actor, every actor (all time): the /v1/topics counts. */
  topicCounts(): Promise<SideTally[]>;
  /** Per actor, records on any topic (all time): the /v1/actors counts. */
  actorCounts(): Promise<SideTally[]>;
  /** Per month, the given actors on one topic. */
  months(topic: TopicId, actors: readonly (ActorId | null)[], filter: AggregateFilter): Promise<MonthTally[]>;
  /**
   * The `limit` most recent records of each requested side (newest first: publication, then
   * document id, then position, all descending), within the filter; with `before`, only records
   * after that key in this order (the next page).
   */
  evidence(
    requests: readonly EvidenceRequest[],
    filter: AggregateFilter,
    limit: number,
    before?: EvidenceKey,
  ): Promise<Evidence[][]>;

  /**
   * The `limit` most contested stems of a and b (rankContestedTerms' order and scores), leaving
   * out the stems in `except`. Ranked where the statistics are, so a store of any size sends back
   * `limit` rows rather than its whole shared vocabulary.
   */
  topContestedTerms(
    a: ActorId,
    b: ActorId,
    limit: number,
    cueStems: ReadonlySet<string>,
    except?: ReadonlySet<string>,
  ): Promise<RankedTerm[]>;
  /** Term statistics of one actor for the given stems (those it uses). */
  termStats(actor: ActorId, stems: readonly string[]): Promise<TermStat[]>;
  /** Every stem an actor uses: only for small stores (the bundled corpus). */
  allTermStats?(actor: ActorId): Promise<TermStat[]>;
  /** Surface forms and their use counts, per stem, for one actor. */
  termForms(actor: ActorId, stems: readonly string[]): Promise<Map<string, Map<string, number>>>;
  /** The `limit` most recent records of an actor using each stem. */
  termEvidence(actor: ActorId, stems: readonly string[], limit: number): Promise<Map<string, Evidence[]>>;

  /** Records by id order, after `afterId`. */
  listRecords(query: RecordQuery, limit: number, afterId?: string): Promise<Page<StanceRecord>>;
  /** Document metadata (no text) by id order, after `afterId`. */
  listDocuments(filter: ListFilter, limit: number, afterId?: string): Promise<Page<StoredDocumentMeta>>;
  /** Metadata of the given documents (for evidence cards), by id. */
  documentMetas(ids: readonly string[]): Promise<Map<string, DocumentMeta>>;
  /** One document with its text and records in reading order. */
  getDocument(id: string): Promise<{ document: StanceDocument; records: StanceRecord[] } | null>;
  findBySha256(sha256: string): Promise<{ document: StanceDocument; records: StanceRecord[] } | null>;
}

/** A store that can also be written. */
export interface WritableCorpusStore extends CorpusStore {
  insertDocument(
    document: StanceDocument,
    records: readonly StanceRecord[],
    engineVersion: string,
  ): Promise<InsertOutcome>;
  deleteDocument(id: string): Promise<boolean>;
}
