import type { StanceDocument } from "../model/document";
import { buildCorpusIndex, type CorpusIndex, memoize } from "./corpus-index";

/** Restricts a corpus to documents published in [from, to] (inclusive dates) and/or from one source. */
export interface CorpusFilter {
  from?: string | undefined;
  to?: string | undefined;
  source?: string | undefined;
}

/** The publication date (YYYY-MM-DD) as written: a date-time keeps the calendar day of its own offset. */
export function publishedDay(doc: Pick<StanceDocument, "publishedAt">): string | null {
  return doc.publishedAt === null ? null : doc.publishedAt.slice(0, 10);
}

function matcher({ from, to, source }: CorpusFilter): (doc: StanceDocument) => boolean {
  const wantedSource = source?.trim().toLowerCase();
  return (doc) => {
    if (from !== undefined || to !== undefined) {
      // A document without a date cannot be placed in a range: it is outside every range.
      const day = publishedDay(doc);
      if (day === null || (from !== undefined && day < from) || (to !== undefined && day > to)) return false;
    }
    if (wantedSource !== undefined && doc.source?.trim().toLowerCase() !== wantedSource) return false;
    return true;
  };
}

/**
 * The sub-corpus a filter selects, as a full index so every engine function works on it unchanged.
 * Memoised on the parent index: built once per filter and corpus version, dropped with the version.
 */
export function filterCorpus(index: CorpusIndex, filter: CorpusFilter): CorpusIndex {
  if (filter.from === undefined && filter.to === undefined && filter.source === undefined) return index;
  const key = `filter:${filter.from ?? ""}:${filter.to ?? ""}:${filter.source?.trim().toLowerCase() ?? ""}`;
  return memoize(index, key, () => {
    const documents = index.documents.filter(matcher(filter));
    const kept = new Set(documents.map((d) => d.id));
    const records = index.records.filter((r) => kept.has(r.documentId));
    return buildCorpusIndex({ documents, records }, index.taxonomy, `${index.version}|${key}`);
  });
}
