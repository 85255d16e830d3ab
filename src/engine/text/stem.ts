/**
 * A light, deterministic stemmer for English news vocabulary. It only needs to bring a word
 * family together ("competition", "competitor", "compete" -> "compet"), not to be linguistically
 * exact: stems are used as keys, and the surface forms are always shown as written.
 */
const DERIVATIONAL = [
  "isations",
  "izations",
  "isation",
  "ization",
  "ations",
  "itions",
  "ation",
  "ition",
  "itors",
  "itor",
  "itive",
  "atives",
  "ative",
  "ments",
  "ment",
  "ness",
  "ings",
  "ing",
  "ive",
  "ity",
  "ies",
  "ied",
  "ers",
  "ors",
  "ate",
  "ated",
  "ates",
  "ed",
  "er",
  "or",
  "al",
  "ly",
  "e",
];

const MIN_STEM = 4;

function stripPlural(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) return word;
  if (word.endsWith("s")) return word.slice(0, -1);
  return word;
}

export function stem(input: string): string {
  let word = input.toLowerCase().replace(/[’']s$/, "");
  word = stripPlural(word);
  // Two passes catch stacked suffixes such as "confront-ation-al".
  for (let pass = 0; pass < 2; pass++) {
    for (const suffix of DERIVATIONAL) {
      if (word.endsWith(suffix) && word.length - suffix.length >= MIN_STEM) {
        word = word.slice(0, -suffix.length);
        break;
      }
    }
  }
  return word;
}
