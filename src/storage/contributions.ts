import { type RecordTerm, recordTerms } from "../engine/record-terms";
import { postureMilli } from "../engine/tallies";
import type { Taxonomy } from "../engine/taxonomy";
import type { StanceDocument } from "../model/document";
import type { StanceRecord } from "../model/record";

/**
 * What one document adds to (or, negated, takes from) every aggregate. Both stores apply exactly
 * these rows, so the in-memory reference and D1 cannot drift apart in what they count.
 */

/** Where a document sits for the filters: computed once on write, stored with the document. */
export interface DocumentKeys {
  /** trim + lower case of the source, '' when none (the `source` filter compares these). */
  sourceKey: string;
  /** "YYYY-MM" of publishedAt, '' when undated. */
  month: string;
  /** publishedAt as written, '' when undated: the order of evidence (newest first). */
  published: string;
}

export function sourceKey(source: string | null | undefined): string {
  return source?.trim().toLowerCase() ?? "";
}

export function documentKeys(doc: Pick<StanceDocument, "source" | "publishedAt">): DocumentKeys {
  const match = doc.publishedAt === null ? null : /^(\d{4})-(0[1-9]|1[0-2])/.exec(doc.publishedAt);
  return {
    sourceKey: sourceKey(doc.source),
    month: match ? `${match[1]}-${match[2]}` : "",
    published: doc.publishedAt ?? "",
  };
}

export interface AggregateRow {
  period: string;
  sourceKey: string;
  /** '' for narration */
  actor: string;
  /** '' = any topic */
  topic: string;
  /** '' = the record count */
  frame: string;
  records: number;
  postureMilli: number;
}

export interface TopicRecordRow {
  topic: string;
  actor: string;
  published: string;
  documentId: string;
  spanStart: number;
  recordId: string;
  sourceKey: string;
}

export interface RecordTermRow {
  actor: string;
  stem: string;
  published: string;
  documentId: string;
  spanStart: number;
  recordId: string;
  forms: string[];
}

export interface TermFrameRow {
  actor: string;
  stem: string;
  frame: string;
  records: number;
}

export interface TermFormRow {
  actor: string;
  stem: string;
  form: string;
  uses: number;
}

export interface Contributions {
  aggregates: AggregateRow[];
  topicRecords: TopicRecordRow[];
  recordTerms: RecordTermRow[];
  termFrames: TermFrameRow[];
  termForms: TermFormRow[];
}

export const aggregateKey = (r: Pick<AggregateRow, "period" | "sourceKey" | "actor" | "topic" | "frame">): string =>
  `${r.period}\u0000${r.sourceKey}\u0000${r.actor}\u0000${r.topic}\u0000${r.frame}`;

function addTo<T>(map: Map<string, T>, key: string, make: () => T, add: (row: T) => void): void {
  let row = map.get(key);
  if (!row) {
    row = make();
    map.set(key, row);
  }
  add(row);
}

/**
 * Every aggregate row the document's records touch, summed per key. A record counts once per
 * period (all time, its month) × source (all, its own) × (any topic, each topic, each topic × frame).
 */
export function documentContributions(
  doc: Pick<StanceDocument, "source" | "publishedAt">,
  records: readonly StanceRecord[],
  termsOf: (record: StanceRecord) => readonly RecordTerm[],
): Contributions {
  const keys = documentKeys(doc);
  const periods = keys.month ? ["", keys.month] : [""];
  const sources = keys.sourceKey ? ["", keys.sourceKey] : [""];
  const aggregates = new Map<string, AggregateRow>();
  const termFrames = new Map<string, TermFrameRow>();
  const termForms = new Map<string, TermFormRow>();
  const topicRecords: TopicRecordRow[] = [];
  const recordTermRows: RecordTermRow[] = [];

  for (const record of records) {
    const actor = record.actor ?? "";
    const milli = postureMilli(record.posture);
    const cells: [string, string][] = [["", ""]];
    for (const topic of record.topics) {
      cells.push([topic, ""]);
      for (const frame of record.frames) cells.push([topic, frame]);
    }
    for (const period of periods) {
      for (const source of sources) {
        for (const [topic, frame] of cells) {
          const row = { period, sourceKey: source, actor, topic, frame };
          addTo(
            aggregates,
            aggregateKey(row),
            () => ({ ...row, records: 0, postureMilli: 0 }),
            (r) => {
              r.records += 1;
              r.postureMilli += milli;
            },
          );
        }
      }
    }
    for (const topic of record.topics) {
      topicRecords.push({
        topic,
        actor,
        published: keys.published,
        documentId: record.documentId,
        spanStart: record.span.start,
        recordId: record.id,
        sourceKey: keys.sourceKey,
      });
    }
    // Contested vocabulary compares governments: narration has no terms.
    if (record.actor === null) continue;
    for (const term of termsOf(record)) {
      recordTermRows.push({
        actor,
        stem: term.stem,
        published: keys.published,
        documentId: record.documentId,
        spanStart: record.span.start,
        recordId: record.id,
        forms: term.forms,
      });
      for (const frame of ["", ...record.frames]) {
        addTo(
          termFrames,
          `${actor}\u0000${term.stem}\u0000${frame}`,
          () => ({ actor, stem: term.stem, frame, records: 0 }),
          (r) => {
            r.records += 1;
          },
        );
      }
      for (const form of term.forms) {
        addTo(
          termForms,
          `${actor}\u0000${term.stem}\u0000${form}`,
          () => ({ actor, stem: term.stem, form, uses: 0 }),
          (r) => {
            r.uses += 1;
          },
        );
      }
    }
  }
  return {
    aggregates: [...aggregates.values()],
    topicRecords,
    recordTerms: recordTermRows,
    termFrames: [...termFrames.values()],
    termForms: [...termForms.values()],
  };
}

/** The word stems of a record as the current taxonomy sees them (what a write stores). */
export function currentTerms(taxonomy: Taxonomy): (record: StanceRecord) => RecordTerm[] {
  return (record) => recordTerms(record.quote, taxonomy);
}

/** The same rows with every count negated: what a delete subtracts. */
export function negated(c: Contributions): Contributions {
  return {
    ...c,
    aggregates: c.aggregates.map((r) => ({ ...r, records: -r.records, postureMilli: -r.postureMilli })),
    termFrames: c.termFrames.map((r) => ({ ...r, records: -r.records })),
    termForms: c.termForms.map((r) => ({ ...r, uses: -r.uses })),
  };
}
