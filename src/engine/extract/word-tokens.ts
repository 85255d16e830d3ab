import { stem } from "../text/stem";

/** A word of the cleaned text. Offsets are into the cleaned text (see normalise.ts). */
export interface WordToken {
  form: string;
  lower: string;
  start: number;
  end: number;
  /** The stem, filled in the first time a passage holding the word is classified. */
  stem: string | null;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isWordCode(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  // Surrogate pairs and other scripts: ask the Unicode-aware regex (rare in English news).
  return LETTER_OR_DIGIT.test(text[i] ?? "") || (code >= 0xd800 && code <= 0xdbff);
}

function isJoiner(code: number): boolean {
  // Inner apostrophes, hyphens and periods join a word ("China’s", "mil-mil", "U.S", "3.5").
  return code === 39 || code === 0x2019 || code === 45 || code === 46;
}

/**
 * Words of [start, end): letters and digits with inner apostrophes, hyphens and periods. A
 * hand-written scanner: this is the engine's hottest loop, and a Unicode regex is several times
 * slower on ASCII text.
 */
export function wordTokens(text: string, start = 0, end = text.length): WordToken[] {
  const tokens: WordToken[] = [];
  let i = start;
  while (i < end) {
    if (!isWordCode(text, i)) {
      i++;
      continue;
    }
    const s = i;
    i++;
    for (;;) {
      while (i < end && isWordCode(text, i)) i++;
      if (i + 1 < end && isJoiner(text.charCodeAt(i)) && isWordCode(text, i + 1)) {
        i++;
        continue;
      }
      break;
    }
    const form = text.slice(s, i);
    tokens.push({ form, lower: form.toLowerCase(), start: s, end: i, stem: null });
  }
  return tokens;
}

const stemCache = new Map<string, string>();

/** stem() with a per-isolate cache: news vocabulary repeats, and stemming is the hot path. */
export function cachedStem(lower: string): string {
  let value = stemCache.get(lower);
  if (value === undefined) {
    // Possessives share the stem of the word ("China’s" -> "china"); a curly apostrophe inside a
    // word is the straight one ("Ren’ai" -> "ren'ai").
    value = stem(lower.replace(/[’']s$/, "").replace(/’/g, "'"));
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(lower, value);
  }
  return value;
}

/** The token's stem, computed once: the same words are classified again in clauses, regions and cuts. */
export function tokenStem(token: WordToken): string {
  if (token.stem === null) token.stem = cachedStem(token.lower);
  return token.stem;
}

/** Index of the first token starting at or after `offset` (binary search). */
export function firstTokenAt(tokens: readonly WordToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((tokens[mid]?.start ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Tokens fully inside [start, end). */
export function tokensIn(tokens: readonly WordToken[], start: number, end: number): WordToken[] {
  const out: WordToken[] = [];
  for (let i = firstTokenAt(tokens, start); i < tokens.length; i++) {
    const token = tokens[i];
    if (!token || token.end > end) break;
    out.push(token);
  }
  return out;
}
