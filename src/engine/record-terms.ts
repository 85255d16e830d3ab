import type { Taxonomy } from "./taxonomy";
import { STOPWORDS, tokenize } from "./text/tokens";

/** A content word of a quote, by stem, with the surface forms it took. */
export interface RecordTerm {
  stem: string;
  forms: string[];
}

/** Content-word stems of a quote: the vocabulary contested terms are made of. */
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
