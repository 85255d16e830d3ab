import { ABBREVIATIONS, SENTENCE_STARTERS } from "./lexicon";
import { findQuotes, type Quote } from "./quotes";

export interface Paragraph {
  start: number;
  end: number;
  index: number;
  quotes: Quote[];
}

export interface Sentence {
  start: number;
  end: number;
  paragraph: Paragraph;
}

const TERMINAL = new Set([".", "!", "?", "\u2026"]);
const CLOSERS = new Set(['"', "\u201d", "\u2019", "'", "\u00bb", "\u203a", ")", "]"]);
const OPENERS = /["\u201c\u2018'\u00ab\u2039([\u201e]/;

function trimRange(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? "")) s++;
  while (e > s && /\s/.test(text[e - 1] ?? "")) e--;
  return [s, e];
}

function pushParagraph(paragraphs: Paragraph[], text: string, start: number, end: number): void {
  const [s, e] = trimRange(text, start, end);
  if (e > s) paragraphs.push({ start: s, end: e, index: paragraphs.length, quotes: findQuotes(text, s, e) });
}

/**
 * Whether the text is hard-wrapped (an archive page converted to Markdown, wrapped at about 72
 * columns): many lines of 50–90 characters and almost none longer. In such a text a single line
 * break inside a block is a wrap, not a paragraph break.
 */
export function isHardWrapped(text: string): boolean {
  let lines = 0;
  let wrapLength = 0;
  let long = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    let e = end;
    while (e > start && /\s/.test(text[e - 1] ?? "")) e--;
    const length = e - start;
    if (length > 0) {
      lines++;
      if (length >= 50 && length <= 90) wrapLength++;
      else if (length > 110) long++;
    }
    start = end + 1;
  }
  return lines >= 6 && wrapLength * 3 >= lines && long * 20 <= lines;
}

// What opens a new paragraph on the next line of a hard-wrapped block: a bullet, a numbered item,
// a heading, a speaker label ("MS. JEAN-PIERRE:", "Q"), a stage direction.
const BLOCK_OPENER = /^(?:[-*+•] |\d{1,2}[.)] |#|Q\s|\p{Lu}[\p{Lu}\p{N} .,'’()-]{1,60}:\s|\((?:Laughter|Applause)|\[)/u;
const BULLET = /^(?:[-*+•]|\d{1,2}[.)]|#{1,6})\s+/;

/**
 * Paragraphs: blank lines always separate them; a single line break does too, unless it only
 * wraps a line (the line ends mid-clause and the next one starts in lower case). In a
 * hard-wrapped text (see isHardWrapped) a single line break separates paragraphs only before a
 * bullet, a heading or a speaker label, or after a Markdown hard break (two trailing spaces);
 * bullet and heading marks are left out of the paragraph.
 */
export function splitParagraphs(text: string, wrapped = false): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const push = (from: number, to: number) => {
    let s = from;
    if (wrapped) {
      while (s < to && /\s/.test(text[s] ?? "")) s++;
      const bullet = BULLET.exec(text.slice(s, Math.min(to, s + 12)));
      if (bullet) s += bullet[0].length;
    }
    pushParagraph(paragraphs, text, s, to);
  };
  let start = 0;
  let i = text.indexOf("\n");
  while (i !== -1) {
    let j = i + 1;
    while (j < text.length && (text[j] === " " || text[j] === "\t")) j++;
    const nextCh = text[j];
    let joined: boolean;
    if (wrapped) {
      const blank = nextCh === "\n" || nextCh === undefined || /^\s*$/.test(text.slice(start, i));
      const hardBreak = text[i - 1] === " " && text[i - 2] === " ";
      joined = !blank && !hardBreak && !BLOCK_OPENER.test(text.slice(j, j + 64));
    } else {
      const before = text.slice(Math.max(start, i - 2), i).trimEnd();
      const last = before[before.length - 1];
      joined = last !== undefined && /[\p{Ll},;-]/u.test(last) && nextCh !== undefined && /\p{Ll}/u.test(nextCh);
    }
    if (!joined) {
      push(start, i);
      start = i + 1;
    }
    i = text.indexOf("\n", i + 1);
  }
  push(start, text.length);
  return paragraphs;
}

function wordBefore(text: string, dot: number, floor: number): string {
  let s = dot;
  while (s > floor && /[\p{L}\p{N}.]/u.test(text[s - 1] ?? "")) s--;
  return text.slice(s, dot);
}

function wordAfter(text: string, from: number, end: number): string {
  let s = from;
  while (s < end && OPENERS.test(text[s] ?? "")) s++;
  let e = s;
  while (e < end && /[\p{L}\p{N}]/u.test(text[e] ?? "")) e++;
  return text.slice(s, e);
}

/** Whether the period at `dot` ends a sentence, given the word it closes and the word after it. */
function periodEndsSentence(text: string, dot: number, floor: number, next: string): boolean {
  const word = wordBefore(text, dot, floor);
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return false;
  // Initials ("John F. Kennedy") and dotted acronyms ("U.S.", "a.m.") end a sentence only when a
  // typical sentence opener follows ("… visited the U.S. The talks …").
  const initial = /^\p{Lu}$/u.test(word);
  const dotted = word.includes(".");
  if (initial || dotted) return SENTENCE_STARTERS.has(next.toLowerCase());
  return true;
}

/**
 * Sentences of a paragraph. A sentence never ends inside a quotation (so a quote of several
 * sentences stays in one unit with its attribution), after an abbreviation, an initial or a
 * decimal point, or before a lower-case word.
 */
export function splitSentences(text: string, paragraph: Paragraph): Sentence[] {
  const sentences: Sentence[] = [];
  const { start, end, quotes } = paragraph;
  let from = start;
  let q = 0;
  for (let i = start; i < end; i++) {
    const quote = quotes[q];
    if (quote && i >= quote.open) {
      if (i < quote.close - 1) {
        i = quote.close - 2; // jump to just before the closing mark
        continue;
      }
      q++;
    }
    const code = text.charCodeAt(i);
    // Fast path: only . ! ? … and closing marks can end a sentence.
    if (
      code !== 46 &&
      code !== 33 &&
      code !== 63 &&
      code !== 0x2026 &&
      code !== 34 &&
      code !== 39 &&
      code !== 41 &&
      code !== 93 &&
      code !== 0x201d &&
      code !== 0x2019 &&
      code !== 0xbb &&
      code !== 0x203a
    )
      continue;
    const ch = text[i] ?? "";
    if (!TERMINAL.has(ch) && !(CLOSERS.has(ch) && TERMINAL.has(text[i - 1] ?? ""))) continue;
    // Extend over repeated terminals ("?!", "...") and closing marks.
    let j = i + 1;
    while (j < end && (TERMINAL.has(text[j] ?? "") || CLOSERS.has(text[j] ?? ""))) j++;
    if (j >= end) break;
    if (!/\s/.test(text[j] ?? "")) continue;
    let k = j;
    while (k < end && /\s/.test(text[k] ?? "")) k++;
    const nextCh = text[k] ?? "";
    if (!/[\p{Lu}\p{N}]/u.test(nextCh) && !OPENERS.test(nextCh)) continue;
    const next = wordAfter(text, k, end);
    if (ch === "." && text[i - 1] !== "." && !periodEndsSentence(text, i, from, next)) continue;
    const [s, e] = trimRange(text, from, j);
    if (e > s) sentences.push({ start: s, end: e, paragraph });
    from = k;
    while (q < quotes.length && (quotes[q]?.close ?? 0) <= from) q++;
    i = k - 1;
  }
  const [s, e] = trimRange(text, from, end);
  if (e > s) sentences.push({ start: s, end: e, paragraph });
  return sentences;
}
