/**
 * Offset-keeping normalisation. The engine reads a cleaned copy of the text (one kind of space,
 * "\n" line ends, no invisible characters) but every span it returns must point into the text as
 * submitted, so the cleaned copy carries, for each of its code units, the offset it came from.
 */
export interface NormalisedText {
  /** The cleaned copy the engine reads. */
  text: string;
  /**
   * origin[i] = offset in the submitted text of text[i]; origin[text.length] = submitted length.
   * Null when the text needed no cleaning (every offset maps to itself).
   */
  origin: Int32Array | null;
}

// Zero-width and formatting characters that only get in the way of matching.
const DROPPED = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

function isSpaceLike(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/**
 * A Markdown backslash escape ("\[", "\.", "\###", "\*"): the backslash is dropped, the mark
 * kept, so "U.S\." reads as "U.S." and "\[Laughter\]" as "[Laughter]".
 */
function isEscaped(input: string, i: number): boolean {
  const next = input.charCodeAt(i + 1);
  // ! " # ( ) * + - . [ ] _ ` { } | ~ $ '
  return (
    next === 0x21 ||
    next === 0x22 ||
    next === 0x23 ||
    next === 0x24 ||
    next === 0x27 ||
    next === 0x28 ||
    next === 0x29 ||
    next === 0x2a ||
    next === 0x2b ||
    next === 0x2d ||
    next === 0x2e ||
    next === 0x5b ||
    next === 0x5d ||
    next === 0x5f ||
    next === 0x60 ||
    next === 0x7b ||
    next === 0x7c ||
    next === 0x7d ||
    next === 0x7e
  );
}

// Everything normalise() would change; most submitted text contains none of it.
const NEEDS_CLEANING = /[\\\r\t\u0085\u00a0\u00ad\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]/;

export function normalise(input: string): NormalisedText {
  if (!NEEDS_CLEANING.test(input)) return { text: input, origin: null };
  const out: string[] = [];
  const origin = new Int32Array(input.length + 1);
  let n = 0;
  let chunkStart = 0;
  // Copy runs of untouched characters in one slice: most text needs no change at all.
  const flush = (end: number) => {
    if (end > chunkStart) {
      out.push(input.slice(chunkStart, end));
      for (let k = chunkStart; k < end; k++) origin[n++] = k;
    }
  };
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code === 0x0d) {
      // "\r\n" becomes "\n" (the "\r" is dropped); a lone "\r" becomes "\n".
      flush(i);
      if (input.charCodeAt(i + 1) !== 0x0a) {
        out.push("\n");
        origin[n++] = i;
      }
      chunkStart = i + 1;
    } else if (DROPPED.has(code) || (code === 0x5c && isEscaped(input, i))) {
      flush(i);
      chunkStart = i + 1;
    } else if (code === 0x2028 || code === 0x2029 || code === 0x85) {
      flush(i);
      out.push("\n");
      origin[n++] = i;
      chunkStart = i + 1;
    } else if (isSpaceLike(code)) {
      flush(i);
      out.push(" ");
      origin[n++] = i;
      chunkStart = i + 1;
    }
  }
  flush(input.length);
  origin[n] = input.length;
  return { text: out.join(""), origin: origin.subarray(0, n + 1) };
}

/** The submitted-text span of the cleaned-text span [start, end). */
export function toOriginal(norm: NormalisedText, start: number, end: number): { start: number; end: number } {
  const o = norm.origin;
  if (!o) return { start, end };
  const s = o[start] ?? 0;
  // The end maps through the last included character, so dropped characters after it stay out.
  const last = end > start ? (o[end - 1] ?? s) + 1 : s;
  return { start: s, end: last };
}
