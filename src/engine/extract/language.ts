/**
 * A cheap English check, so the engine refuses text it would only misread. Two signals: the share
 * of letters in the Latin script, and the share of common English function words among the words
 * of the prose.
 *
 * The prose, not every token: web addresses and e-mail addresses are no language's words (a list
 * of links yields "https", "gov", "pdf", …), and capitalised words other than function words —
 * names of places and people, acronyms, headings in title case — are the same in an English list
 * as in a French one, so they say nothing about the language. What is judged is every lower-case
 * word plus every function word, whatever its case. Figures have no letters and never count.
 *
 * Measured on the shared corpus (2,215 real White House and PRC Foreign Ministry documents, the
 * text as the importer sends it): the lowest share is 26%; a fact sheet that is mostly a list of
 * linked state names has 46% (7% counting every token, which the old rule refused). Synthetic
 * French, Spanish, Italian and Portuguese prose stays under 8%; Dutch and German, which share
 * "in", "was", "had", "will", "also", "is", "an", "over" with English, reach 10–12%
 * (test/engine/extract/language.test.ts). The threshold sits between the two.
 */
const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    "the of and to in a is that for on with as was by it he she his her said at from be are this has have had not " +
    "will would which who they their its an or but were been also after about than we our i you more over against " +
    "between into says told when what there can could should"
  ).split(" "),
);

const WORD = /[\p{L}]+(?:['’][\p{L}]+)?/gu;
/** Web and e-mail addresses, Markdown link targets included (they stop at a bracket or space). */
const ADDRESS = /(?:https?:\/\/|www\.)[^\s<>()[\]]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;
const LETTER = /\p{L}/gu;
const LATIN = /\p{Script=Latin}/gu;
/** Below this share of function words among the judged words, the text is not English. */
const MIN_FUNCTION_SHARE = 0.18;
/** Fewer judged words than this carry too little signal to refuse. */
const MIN_WORDS = 12;

export interface LanguageVerdict {
  english: boolean;
  reason: string;
}

const count = (text: string, pattern: RegExp): number => {
  let n = 0;
  for (const _ of text.matchAll(pattern)) n++;
  return n;
};

export function detectEnglish(text: string): LanguageVerdict {
  // Sample at most the first 20,000 characters: enough to decide, and it keeps the check O(1).
  const sample = (text.length > 20_000 ? text.slice(0, 20_000) : text).replace(ADDRESS, " ");
  const letters = count(sample, LETTER);
  if (letters === 0) return { english: false, reason: "the text has no letters" };
  if (count(sample, LATIN) / letters < 0.7)
    return { english: false, reason: "most letters are not in the Latin script" };
  let words = 0;
  let functionWords = 0;
  // Words that are neither function words nor capitalised: the rest of the prose.
  let otherProse = 0;
  for (const match of sample.matchAll(WORD)) {
    words++;
    const word = match[0];
    const first = word[0] ?? "";
    if (ENGLISH_FUNCTION_WORDS.has(word.toLowerCase())) functionWords++;
    // A capitalised word (a name, an acronym, a title-case heading) is set aside.
    else if (first === first.toLowerCase()) otherProse++;
  }
  // Very short texts (a headline) carry too little signal to refuse.
  if (words < MIN_WORDS) return { english: true, reason: "too short to tell; accepted" };
  // Hardly any lower-case prose (a text in capitals, a list of titles): judge every word.
  const judged = otherProse >= MIN_WORDS ? functionWords + otherProse : words;
  const ratio = functionWords / judged;
  if (ratio < MIN_FUNCTION_SHARE) {
    return { english: false, reason: `only ${Math.round(ratio * 100)}% of the words are common English words` };
  }
  return { english: true, reason: "English function words present" };
}
