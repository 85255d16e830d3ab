import { stem } from "./stem";

export interface Token {
  /** As written in the text. */
  form: string;
  /** Lower-cased form. */
  lower: string;
  stem: string;
  start: number;
  end: number;
}

// Letters (any script), digits, and inner apostrophes or hyphens ("mil-mil", "China’s").
const WORD = /[\p{L}\p{N}]+(?:[’'-][\p{L}\p{N}]+)*/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const form = match[0];
    const lower = form.toLowerCase();
    const start = match.index ?? 0;
    tokens.push({ form, lower, stem: stem(lower), start, end: start + form.length });
  }
  return tokens;
}

/** Function words and reporting vocabulary that carry no stance of their own. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below between both but by " +
    "can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how " +
    "i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own " +
    "same she should so some such than that the their theirs them themselves then there these they this those through to too under until up " +
    "very was we were what when where which while who whom why will with would you your yours yourself yourselves " +
    "said say says saying told tell stated state stressed added noted according considered confirmed described called made make " +
    "also would could might must shall may one two three first second last next new many much well even still yet however " +
    "mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday today yesterday week month year years " +
    "country countries world nation nations side sides official officials government people number issue issues way part time " +
    "january february march april june july august september october november december"
  ).split(" "),
);
