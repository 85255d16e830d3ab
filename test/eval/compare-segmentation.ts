/**
 * `npx tsx test/eval/compare-segmentation.ts`: the engine's sentence segmentation side by side
 * with compromise (a well-kept NLP library, already a dev dependency for the bench) on the real
 * gold. For every gold statement: is it one whole segment (its span, trimmed, is a sentence of the
 * segmenter), and is it unbroken (no sentence boundary falls inside it)? Speed on the same texts.
 */
import nlp from "compromise";
import { normalise, toOriginal } from "../../src/engine/extract/normalise";
import { isHardWrapped, splitParagraphs, splitSentences } from "../../src/engine/extract/sentences";
import { readRealGold } from "./real-gold-files";

type Segments = [number, number][];

function ours(text: string): Segments {
  const norm = normalise(text);
  const out: Segments = [];
  for (const p of splitParagraphs(norm.text, isHardWrapped(norm.text)))
    for (const s of splitSentences(norm.text, p)) {
      const o = toOriginal(norm, s.start, s.end);
      out.push([o.start, o.end]);
    }
  return out;
}

function theirs(text: string): Segments {
  const out: Segments = [];
  for (const s of nlp(text).sentences().json({ offset: true }) as { offset: { start: number; length: number } }[]) {
    let a = s.offset.start;
    let b = a + s.offset.length;
    while (a < b && /\s/.test(text[a] ?? "")) a++;
    while (b > a && /\s/.test(text[b - 1] ?? "")) b--;
    out.push([a, b]);
  }
  return out;
}

const files = readRealGold();
for (const [name, segment] of [
  ["engine (hand rules)", ours],
  ["compromise", theirs],
] as const) {
  let whole = 0;
  let unbroken = 0;
  let total = 0;
  const t0 = performance.now();
  const segmented = files.map((f) => segment(f.document.text));
  const ms = performance.now() - t0;
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.document.text), 0);
  files.forEach(({ records }, k) => {
    const segs = segmented[k] as Segments;
    const starts = new Set(segs.map(([a]) => a));
    for (const r of records) {
      total++;
      if (segs.some(([a, b]) => a === r.span.start && b === r.span.end)) whole++;
      let broken = false;
      for (const s of starts) if (s > r.span.start && s < r.span.end) broken = true;
      if (!broken) unbroken++;
    }
  });
  console.log(
    `${name.padEnd(22)} whole sentence ${(whole / total).toFixed(3)}  unbroken ${(unbroken / total).toFixed(3)}  (${total} statements)  ${(bytes / 1e6 / (ms / 1000)).toFixed(2)} MB/s`,
  );
}
