/**
 * Quotation marks: curly (“ ” ‘ ’), straight (" and, at word edges, '), guillemets (« » and
 * ‹ ›) and low-high („ “). Only top-level quotes are returned; a quote left open at the end of its
 * paragraph is closed there (the news convention for a quote that runs on into the next paragraph).
 */
export interface Quote {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the closing mark (the paragraph end when the quote was left open). */
  close: number;
  /** The quoted words, without the marks. */
  innerStart: number;
  innerEnd: number;
  closed: boolean;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  // ASCII fast path: this runs for every character wordCount() looks at.
  if (code < 128) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  return LETTER_OR_DIGIT.test(ch);
}

function isOpeningContext(prev: string | undefined): boolean {
  return prev === undefined || /[\s([{\u2014\u2013\-/:;,]/.test(prev);
}

type Mark = "double" | "single" | "guillemet" | "single-guillemet" | "straight" | "straight-single";

export function findQuotes(text: string, start: number, end: number): Quote[] {
  const quotes: Quote[] = [];
  const stack: { mark: Mark; at: number }[] = [];
  const push = (mark: Mark, at: number) => stack.push({ mark, at });
  const pop = (mark: Mark, at: number): boolean => {
    // Close the innermost quote of this kind; unclosed inner quotes of other kinds are dropped.
    for (let k = stack.length - 1; k >= 0; k--) {
      const entry = stack[k];
      if (entry?.mark !== mark) continue;
      stack.length = k;
      if (k === 0) quotes.push({ open: entry.at, close: at + 1, innerStart: entry.at + 1, innerEnd: at, closed: true });
      return true;
    }
    return false;
  };
  const top = () => stack[stack.length - 1]?.mark;
  for (let i = start; i < end; i++) {
    const ch = text[i];
    const prev = i > start ? text[i - 1] : undefined;
    const next = i + 1 < end ? text[i + 1] : undefined;
    switch (ch) {
      case "\u201c": // “ opens; in „…“ style it closes
        if (top() === "double" && stack.length && text[stack[stack.length - 1]?.at ?? 0] === "\u201e") pop("double", i);
        else push("double", i);
        break;
      case "\u201e": // „
        push("double", i);
        break;
      case "\u201d": // ”
        if (!pop("double", i) && isOpeningContext(prev) && isWordChar(next)) push("double", i);
        break;
      case "\u00ab": // «
        push("guillemet", i);
        break;
      case "\u00bb": // »
        pop("guillemet", i);
        break;
      case "\u2039": // ‹
        push("single-guillemet", i);
        break;
      case "\u203a": // ›
        pop("single-guillemet", i);
        break;
      case '"':
        if (top() === "straight" || (stack.some((q) => q.mark === "straight") && !isOpeningContext(prev))) {
          pop("straight", i);
        } else if (isOpeningContext(prev) || !isWordChar(prev)) {
          push("straight", i);
        } else {
          pop("straight", i);
        }
        break;
      case "\u2018": // ‘ opens only at a word start
        if (isOpeningContext(prev) || prev === "\u201c" || prev === '"') push("single", i);
        break;
      case "\u2019": // ’ is an apostrophe inside a word ("China’s"); closes a ‘ otherwise
        if (!isWordChar(next) && stack.some((q) => q.mark === "single")) pop("single", i);
        break;
      case "'":
        if (isOpeningContext(prev) && isWordChar(next)) push("straight-single", i);
        else if (!isWordChar(next) && stack.some((q) => q.mark === "straight-single")) pop("straight-single", i);
        break;
      default:
        break;
    }
  }
  const outer = stack[0];
  if (outer && outer.mark !== "single" && outer.mark !== "straight-single") {
    // Single marks left open are more likely apostrophes than quotes: only double marks run on.
    quotes.push({ open: outer.at, close: end, innerStart: outer.at + 1, innerEnd: end, closed: false });
  }
  return quotes;
}

/** Number of words in [start, end). */
export function wordCount(text: string, start: number, end: number): number {
  let count = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const word = isWordChar(text[i]);
    if (word && !inWord) count++;
    inWord = word || (inWord && (text[i] === "'" || text[i] === "\u2019" || text[i] === "-"));
  }
  return count;
}
