/**
 * A cheap English check, so the engine refuses text it would only misread. Two signals: the share
 * of letters in the Latin script, and the share of word tokens that are common English function
 * words (about 40-50% in news English, under 5% in French, German or Spanish prose).
 */
const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    "the of and to in a is that for on with as was by it he she his her said at from be are this has have had not " +
    "will would which who they their its an or but were been also after about than we our i you more over against " +
    "between into says told when what there can could should"
  ).split(" "),
);

const WORD = /[\p{L}]+(?:['’][\p{L}]+)?/gu;

export interface LanguageVerdict {
  english: boolean;
  reason: string;
}

export function detectEnglish(text: string): LanguageVerdict {
  let letters = 0;
  let latin = 0;
  // Sample at most the first 20,000 characters: enough to decide, and it keeps the check O(1).
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  for (const ch of sample) {
    if (/\p{L}/u.test(ch)) {
      letters++;
      if (/\p{Script=Latin}/u.test(ch)) latin++;
    }
  }
  if (letters === 0) return { english: false, reason: "the text has no letters" };
  if (latin / letters < 0.7) return { english: false, reason: "most letters are not in the Latin script" };
  let words = 0;
  let functionWords = 0;
  for (const match of sample.matchAll(WORD)) {
    words++;
    if (ENGLISH_FUNCTION_WORDS.has(match[0].toLowerCase())) functionWords++;
  }
  // Very short texts (a headline) carry too little signal to refuse.
  if (words < 12) return { english: true, reason: "too short to tell; accepted" };
  const ratio = functionWords / words;
  if (ratio < 0.12) {
    return { english: false, reason: `only ${Math.round(ratio * 100)}% of the words are common English words` };
  }
  return { english: true, reason: "English function words present" };
}
