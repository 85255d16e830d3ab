import type { Taxonomy } from "../engine/taxonomy";
import type { ContestedTerms } from "../model/comparison";
import type { DocumentMeta } from "../model/document";
import type { StanceRecord } from "../model/record";
import type { FrameId } from "../model/taxonomy";

/** Where a quote comes from, as the card's source line shows it. */
export interface QuoteSource {
  title: string;
  source: string | null;
  publishedAt: string | null;
  synthetic: boolean;
}

/**
 * What the comparison components need beyond the comparison itself. The corpus view and the
 * "analyze your own text" view differ only here: where a quote links to and what its source is.
 */
export interface ComparisonContext {
  taxonomy: Taxonomy;
  quoteHref: (record: StanceRecord) => string;
  sourceOf: (record: StanceRecord) => QuoteSource | null;
  /** Lower-cased surface form → contested term it belongs to; these words are marked in quotes. */
  contestedForms: ReadonlyMap<string, string>;
  /** When set, only records with this frame are listed (the contrast still covers the whole topic). */
  frame?: FrameId;
  /** Prefix for element ids, so an analysis shown under the corpus view has ids of its own. */
  idPrefix: string;
  /** What an empty side says: the corpus and a submitted text are different places to have said nothing. */
  emptySide: string;
  /** Where every record of a side is listed, newest first and paged, when the page shows only the most recent ones. */
  allRecordsHref?: (side: "a" | "b", topic: string) => string;
}

export function actorName(taxonomy: Taxonomy, id: string | null): string {
  if (id === null) return "Unattributed";
  return taxonomy.actorById.get(id)?.name ?? id;
}

export function frameLabel(taxonomy: Taxonomy, id: FrameId): string {
  return taxonomy.frameById.get(id)?.label ?? id;
}

/** Every surface form of every contested term, so a quote can mark each one where it occurs. */
export function contestedFormIndex(terms: ContestedTerms["terms"]): Map<string, string> {
  const forms = new Map<string, string>();
  for (const term of terms) {
    for (const form of [...term.a.forms, ...term.b.forms]) if (!forms.has(form)) forms.set(form, term.term);
  }
  return forms;
}

/** The context for quotes from the corpus: each links to its place in the document view; `sources` holds the documents of the records shown. */
export function corpusContext(
  taxonomy: Taxonomy,
  sources: ReadonlyMap<string, DocumentMeta>,
  terms: ContestedTerms["terms"],
  frame?: FrameId,
  statementsHref?: (side: "a" | "b", topic: string) => string,
): ComparisonContext {
  return {
    taxonomy,
    quoteHref: (record) => `/documents/${encodeURIComponent(record.documentId)}#${encodeURIComponent(record.id)}`,
    sourceOf: (record) => sources.get(record.documentId) ?? null,
    contestedForms: contestedFormIndex(terms),
    frame,
    idPrefix: "",
    emptySide: "No statement in the corpus.",
    allRecordsHref: statementsHref,
  };
}
