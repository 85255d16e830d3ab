import type { DocumentMeta, StanceDocument } from "../model/document";
import type { StanceRecord } from "../model/record";
import type { ActorId, TopicId } from "../model/taxonomy";
import type { Taxonomy } from "./taxonomy";
import { STOPWORDS, tokenize } from "./text/tokens";

export interface CorpusInput {
  documents: StanceDocument[];
  records: StanceRecord[];
}

export interface RecordTerm {
  stem: string;
  forms: string[];
}

/**
 * The corpus with every derived index the read API needs. Built once per corpus version and
 * reused by every request of the isolate; results computed from it are memoised in `memo`.
 */
export interface CorpusIndex {
  version: string;
  taxonomy: Taxonomy;
  documents: StanceDocument[];
  documentById: ReadonlyMap<string, StanceDocument>;
  /** All records sorted by id (the pagination key). */
  records: StanceRecord[];
  recordsByDocument: ReadonlyMap<string, StanceRecord[]>;
  recordsByTopic: ReadonlyMap<TopicId, StanceRecord[]>;
  /** Records by actor; narration under the key null. */
  recordsByActor: ReadonlyMap<ActorId | null, StanceRecord[]>;
  /** Content-word stems of each record's quote. */
  termsByRecord: ReadonlyMap<string, RecordTerm[]>;
  /** Records per topic and actor ("null" for narration). */
  topicCounts: ReadonlyMap<TopicId, Record<string, number>>;
  memo: Map<string, unknown>;
}

function byRecordOrder(x: StanceRecord, y: StanceRecord): number {
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function recordTerms(quote: string, taxonomy: Taxonomy): RecordTerm[] {
  const byStem = new Map<string, Set<string>>();
  for (const token of tokenize(quote)) {
    if (token.lower.length < 4 || STOPWORDS.has(token.lower) || taxonomy.nameWords.has(token.lower)) continue;
    if (/^\d/.test(token.lower)) continue;
    const forms = byStem.get(token.stem) ?? new Set<string>();
    forms.add(token.lower);
    byStem.set(token.stem, forms);
  }
  return [...byStem].map(([stem, forms]) => ({ stem, forms: [...forms] }));
}

export function buildCorpusIndex(input: CorpusInput, taxonomy: Taxonomy, version: string): CorpusIndex {
  const records = [...input.records].sort(byRecordOrder);
  const recordsByDocument = new Map<string, StanceRecord[]>();
  const recordsByTopic = new Map<TopicId, StanceRecord[]>();
  const recordsByActor = new Map<ActorId | null, StanceRecord[]>();
  const termsByRecord = new Map<string, RecordTerm[]>();
  const topicCounts = new Map<TopicId, Record<string, number>>();
  for (const topic of taxonomy.topics) topicCounts.set(topic.id, {});

  for (const record of records) {
    push(recordsByDocument, record.documentId, record);
    push(recordsByActor, record.actor, record);
    for (const topic of record.topics) {
      push(recordsByTopic, topic, record);
      const counts = topicCounts.get(topic);
      if (counts) {
        const key = record.actor ?? "null";
        counts[key] = (counts[key] ?? 0) + 1;
      }
    }
    termsByRecord.set(record.id, recordTerms(record.quote, taxonomy));
  }
  // Within a document, show records in reading order.
  for (const list of recordsByDocument.values()) list.sort((x, y) => x.span.start - y.span.start);

  const documents = [...input.documents].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return {
    version,
    taxonomy,
    documents,
    documentById: new Map(documents.map((d) => [d.id, d])),
    records,
    recordsByDocument,
    recordsByTopic,
    recordsByActor,
    termsByRecord,
    topicCounts,
    memo: new Map(),
  };
}

/** Memoise a result on the index, so it lives exactly as long as the corpus version it came from. */
export function memoize<T>(index: CorpusIndex, key: string, compute: () => T): T {
  if (index.memo.has(key)) return index.memo.get(key) as T;
  const value = compute();
  // A bound keeps an isolate's memory flat however many parameter combinations are requested.
  if (index.memo.size >= 512) index.memo.delete(index.memo.keys().next().value as string);
  index.memo.set(key, value);
  return value;
}

export function documentMeta(doc: StanceDocument): DocumentMeta {
  const { text: _text, ...meta } = doc;
  return meta;
}
