import { tokenize } from "../engine/text/tokens";
import type { StanceRecord } from "../model/record";

/** A run of text, marked or not. `term` is set on runs that are a contested word. */
export interface TextRun {
  text: string;
  term?: string;
}

/**
 * Splits a quote into runs so that every word in `terms` (lower-cased surface form → term shown)
 * becomes its own run. Joining the runs gives the quote back unchanged: marks never alter text.
 */
export function markTerms(quote: string, terms: ReadonlyMap<string, string>): TextRun[] {
  if (terms.size === 0) return [{ text: quote }];
  const runs: TextRun[] = [];
  let cursor = 0;
  for (const token of tokenize(quote)) {
    const term = terms.get(token.lower);
    if (term === undefined) continue;
    if (token.start > cursor) runs.push({ text: quote.slice(cursor, token.start) });
    runs.push({ text: quote.slice(token.start, token.end), term });
    cursor = token.end;
  }
  if (cursor < quote.length) runs.push({ text: quote.slice(cursor) });
  return runs;
}

/** A piece of a document: plain text, or a record's quote with the pieces inside it. */
export type DocumentNode =
  | { type: "text"; text: string }
  | { type: "quote"; record: StanceRecord; first: boolean; children: DocumentNode[] };

interface Piece {
  record: StanceRecord;
  start: number;
  end: number;
  first: boolean;
}

function byStartThenLongest(x: Piece, y: Piece): number {
  return x.start - y.start || y.end - x.end;
}

function build(text: string, start: number, end: number, pieces: Piece[]): DocumentNode[] {
  const nodes: DocumentNode[] = [];
  let cursor = start;
  let queue = [...pieces].sort(byStartThenLongest);
  while (queue.length) {
    const [head, ...rest] = queue as [Piece, ...Piece[]];
    // A piece that begins inside an earlier sibling crossed that sibling's end: keep only its remainder.
    const piece = head.start < cursor ? { ...head, start: cursor, first: false } : head;
    if (piece.start >= piece.end) {
      queue = rest;
      continue;
    }
    if (piece.start > cursor) nodes.push({ type: "text", text: text.slice(cursor, piece.start) });
    const inside: Piece[] = [];
    const after: Piece[] = [];
    for (const other of rest) {
      if (other.start >= piece.end) after.push(other);
      else if (other.end <= piece.end) inside.push(other);
      else {
        // Crossing overlap: the part inside nests, the rest continues after this quote.
        inside.push({ ...other, end: piece.end });
        after.push({ ...other, start: piece.end, first: false });
      }
    }
    nodes.push({
      type: "quote",
      record: piece.record,
      first: piece.first,
      children: build(text, piece.start, piece.end, inside),
    });
    cursor = piece.end;
    queue = after.sort(byStartThenLongest);
  }
  if (cursor < end) nodes.push({ type: "text", text: text.slice(cursor, end) });
  return nodes;
}

/**
 * The document text as nested nodes, each record's quote wrapped where its span lies. Text is only
 * ever sliced from the document, never rewritten: concatenating the text nodes gives it back exactly.
 * Records whose span does not match their quote are left out rather than shown in the wrong place.
 */
export function documentNodes(text: string, records: readonly StanceRecord[]): DocumentNode[] {
  const pieces = records
    .filter((r) => r.span.end <= text.length && text.slice(r.span.start, r.span.end) === r.quote)
    .map((record) => ({ record, start: record.span.start, end: record.span.end, first: true }));
  return build(text, 0, text.length, pieces);
}
