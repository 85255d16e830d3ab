import { type ActorLexicon, findMentions, type Mention } from "./actors";
import { NEWS_AGENCIES, QUESTION_LABELS } from "./lexicon";
import { titleActor } from "./titles";
import { wordTokens } from "./word-tokens";

/** A speaker label opening a transcript turn ("SECRETARY BLINKEN:", "Wang Wenbin:", "Q:"). */
export interface TurnLabel {
  /** Offsets of the label (cleaned text). */
  start: number;
  end: number;
  /** Where the turn's words begin: after the colon and any "(Via interpreter)". */
  contentStart: number;
  text: string;
  question: boolean;
  /** "A:", "Answer:": the answer of the official the document introduced, who is not named. */
  answer: boolean;
  speaker: Mention | null;
}

/** Labels of an answer in a question-and-answer statement ("Question: … Answer: …"). */
const ANSWER_LABELS: ReadonlySet<string> = new Set(["a", "answer"]);

/** Ranks and titles in a briefer's label ("MAJ. GEN. PAT RYDER") that are not the name. */
const LABEL_TITLES: ReadonlySet<string> = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "gen",
  "general",
  "maj",
  "major",
  "lt",
  "lieutenant",
  "col",
  "colonel",
  "brig",
  "adm",
  "admiral",
  "rear",
  "vice",
  "capt",
  "captain",
  "cmdr",
  "commander",
  "sgt",
  "ambassador",
  "secretary",
  "minister",
  "spokesperson",
  "spokesman",
  "spokeswoman",
  "deputy",
  "press",
  "air",
  "force",
]);

/**
 * The name in an unknown speaker's label, titles and ranks left out ("MAJ. GEN. PAT RYDER" is
 * "Pat Ryder", "GEN. RYDER" is "Ryder"), or null when nothing like a name is left.
 */
export function labelName(label: TurnLabel): string | null {
  if (label.question || label.answer) return null;
  const words = titleCase(label.text)
    .split(/\s+/)
    .filter((w) => !LABEL_TITLES.has(w.toLowerCase().replace(/\.$/, "")) && /^\p{Lu}[\p{L}'’-]+$/u.test(w));
  return words.length && words.length <= 3 ? words.join(" ") : null;
}

const LABEL = /^([^\n:]{1,48}?)\s*:\s+/;
const STAGE_DIRECTION =
  /^\s*[([](?:via interpret[a-z]*|as interpreted|interpret[a-z]*|in [a-z]+|translated|through (?:an )?interpreter|laughter|applause|inaudible|crosstalk)[^)\]]*[)\]]\s*/i;
const NOT_LABELS = new Set([
  "note",
  "editor's note",
  "editor’s note",
  "update",
  "updated",
  "photo",
  "source",
  "read more",
  "related",
  "see also",
  "tags",
  "time",
  "date",
  "location",
  "subject",
]);

function titleCase(label: string): string {
  return label.toLowerCase().replace(/(^|[\s.'’-])(\p{L})/gu, (_m, pre: string, ch: string) => pre + ch.toUpperCase());
}

/** Leading stage directions ("(Via interpreter)") are not the speaker's words. */
export function skipStageDirections(text: string, from: number, end: number): number {
  let at = from;
  for (;;) {
    const match = STAGE_DIRECTION.exec(text.slice(at, Math.min(end, at + 60)));
    if (!match) return at;
    at += match[0].length;
  }
}

/**
 * The speaker label opening a paragraph, if any. All-capitals labels, question labels, news
 * outlets and known speakers always count; a title-case name counts when the document has
 * several labelled turns.
 */
export function turnLabel(
  text: string,
  start: number,
  end: number,
  lexicon: ActorLexicon,
  titleCaseAllowed: boolean,
): TurnLabel | null {
  const head = text.slice(start, Math.min(end, start + 60));
  // "Q  Thank you, Karine.": a White House transcript's question, with spaces and no colon.
  const bareQ = /^Q[.:]?\s+(?=\S)/.exec(head);
  if (bareQ)
    return {
      start,
      end: start + 1,
      contentStart: start + bareQ[0].length,
      text: "Q",
      question: true,
      answer: false,
      speaker: null,
    };
  const match = LABEL.exec(head);
  if (!match?.[1]) return null;
  const raw = match[1].trim();
  const lower = raw.toLowerCase();
  if (NOT_LABELS.has(lower) || /\d{1,2}$/.test(raw) || /["“”]/.test(raw)) return null;
  const words = raw.split(/\s+/);
  if (words.length > 5) return null;
  const question =
    QUESTION_LABELS.has(lower) || QUESTION_LABELS.has(words[0]?.toLowerCase() ?? "") || AGENCY_LABELS.has(lower);
  const answer = ANSWER_LABELS.has(lower);
  const allCaps = /^[\p{Lu}\p{N}][\p{Lu}\p{N} .'’-]*$/u.test(raw) && /\p{Lu}/u.test(raw);
  const readable = allCaps ? titleCase(raw) : raw;
  const mentions = findMentions(readable, wordTokens(readable), lexicon);
  const speaker = mentions.find((m) => m.kind === "person" || m.kind === "actor" || m.kind === "group") ?? null;
  const titled = words.every((w) => /^\p{Lu}/u.test(w));
  // "Spokesperson:", "Moderator:": a government title of data/taxonomy/titles.json labels a turn.
  const official = titled && titleActor(raw) !== undefined;
  if (!question && !answer && !allCaps && !official && !(speaker?.kind === "person") && !(titleCaseAllowed && titled))
    return null;
  const labelEnd = start + match[0].length;
  if (speaker) {
    // Offsets of a mention found in the re-cased label mean nothing in the text: keep identity only.
    speaker.start = start;
    speaker.end = start + raw.length;
  }
  return {
    start,
    end: start + raw.length,
    contentStart: skipStageDirections(text, labelEnd, end),
    text: raw,
    question,
    answer,
    speaker,
  };
}

/** News outlets as transcript labels ("AFP:", "Bloomberg:") ask questions. */
export const AGENCY_LABELS: ReadonlySet<string> = new Set(NEWS_AGENCIES.map((a) => a.toLowerCase()));
