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

interface OpenMark {
  mark: Mark;
  at: number;
}

/** Closes the innermost open quote of this kind; unclosed inner quotes of other kinds are dropped. */
function closeMark(stack: OpenMark[], quotes: Quote[], mark: Mark, at: number): boolean {
  for (let k = stack.length - 1; k >= 0; k--) {
    const entry = stack[k];
    if (entry?.mark !== mark) continue;
    stack.length = k;
    if (k === 0) quotes.push({ open: entry.at, close: at + 1, innerStart: entry.at + 1, innerEnd: at, closed: true });
    return true;
  }
  return false;
}

function hasOpen(stack: readonly OpenMark[], mark: Mark): boolean {
  for (const entry of stack) if (entry.mark === mark) return true;
  return false;
}

// Module-level helpers rather than closures: findQuotes runs once per paragraph, and bundlers
// that keep function names pay for every closure created.
export function findQuotes(text: string, start: number, end: number): Quote[] {
  const quotes: Quote[] = [];
  const stack: OpenMark[] = [];
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    // Fast path: every mark handled below is ", ' or a code point from U+00AB up.
    if (code < 0xab && code !== 34 && code !== 39) continue;
    const ch = text[i];
    const prev = i > start ? text[i - 1] : undefined;
    const next = i + 1 < end ? text[i + 1] : undefined;
    switch (ch) {
      case "\u201c": // “ opens; in „…“ style it closes
        if (stack[stack.length - 1]?.mark === "double" && text[stack[stack.length - 1]?.at ?? 0] === "\u201e")
          closeMark(stack, quotes, "double", i);
        else stack.push({ mark: "double", at: i });
        break;
      case "\u201e": // „
        stack.push({ mark: "double", at: i });
        break;
      case "\u201d": // ”
        if (!closeMark(stack, quotes, "double", i) && isOpeningContext(prev) && isWordChar(next))
          stack.push({ mark: "double", at: i });
        break;
      case "\u00ab": // «
        stack.push({ mark: "guillemet", at: i });
        break;
      case "\u00bb": // »
        closeMark(stack, quotes, "guillemet", i);
        break;
      case "\u2039": // ‹
        stack.push({ mark: "single-guillemet", at: i });
        break;
      case "\u203a": // ›
        closeMark(stack, quotes, "single-guillemet", i);
        break;
      case '"':
        if (stack[stack.length - 1]?.mark === "straight" || (hasOpen(stack, "straight") && !isOpeningContext(prev))) {
          closeMark(stack, quotes, "straight", i);
        } else if (isOpeningContext(prev) || !isWordChar(prev)) {
          stack.push({ mark: "straight", at: i });
        } else {
          closeMark(stack, quotes, "straight", i);
        }
        break;
      case "\u2018": // ‘ opens only at a word start
        if (isOpeningContext(prev) || prev === "\u201c" || prev === '"') stack.push({ mark: "single", at: i });
        break;
      case "\u2019": // ’ is an apostrophe inside a word ("China’s"); closes a ‘ otherwise
        if (!isWordChar(next) && hasOpen(stack, "single")) closeMark(stack, quotes, "single", i);
        break;
      case "'":
        if (isOpeningContext(prev) && isWordChar(next)) stack.push({ mark: "straight-single", at: i });
        else if (!isWordChar(next) && hasOpen(stack, "straight-single")) closeMark(stack, quotes, "straight-single", i);
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
    const code = text.charCodeAt(i);
    const word =
      code < 128
        ? (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122)
        : LETTER_OR_DIGIT.test(text[i] ?? "");
    if (word && !inWord) count++;
    inWord = word || (inWord && (code === 39 || code === 0x2019 || code === 45));
  }
  return count;
}
