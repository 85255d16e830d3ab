import type { ActorId } from "../../model/taxonomy";
import { type ActorLexicon, findMentions, type Mention } from "./actors";
import { titleActor } from "./titles";
import { wordTokens } from "./word-tokens";

/**
 * What a document's title and source say about who speaks in it, before a word of its text is
 * read: "Remarks by President Biden …" is the President's first-person text, "Readout of …" and
 * "Fact Sheet: …" the issuing government's account, "Press Briefing by Press Secretary …" and
 * "Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference …" transcripts whose
 * official answers are that government's.
 */
export type Genre =
  /** A transcript of questions and official answers (press briefing, gaggle, call, conference). */
  | "briefing"
  /** A transcript or text of a leader's or official's own words (remarks, interview). */
  | "remarks"
  /** A first-person statement, message or letter of the person in the title. */
  | "statement"
  /** A third-person account of a meeting or call by one government. */
  | "readout"
  /** A government's own document: fact sheet, executive order, memorandum, proclamation, release. */
  | "release";

export interface DocumentContext {
  /** The government that issued the document (from the source, else the title), or null. */
  issuer: ActorId | null;
  genre: Genre | null;
  /** People the title names as speakers, each with an actor (the issuer's when the title gives none). */
  speakers: Mention[];
  /**
   * The whole document is on foreign affairs: its title names another actor ("… Meeting with
   * President Xi Jinping", "… China's Unfair Trade Practices") or a foreign ministry.
   */
  foreign: boolean;
  /** The title names a person of another actor ("… Meeting with Foreign Minister Wang Yi"): a bilateral occasion. */
  foreignPerson: boolean;
}

const GENRES: readonly [RegExp, Genre][] = [
  [
    /\b(?:press briefing|press gaggle|press call|background (?:press )?call|background briefing|press conference|briefing by|on-the-record)\b/i,
    "briefing",
  ],
  [/^(?:remarks|interview|conversation|toast|address)\b|\b(?:remarks|address|toasts?) by\b/i, "remarks"],
  [/\breadout\b|^joint (?:statement|readout)/i, "readout"],
  [/^(?:statement|message|letter|op-ed|video message)\b|\bstatement (?:by|from|of)\b/i, "statement"],
];

function issuerOf(text: string | null | undefined, lexicon: ActorLexicon): ActorId | null {
  if (!text) return null;
  const mention = findMentions(text, wordTokens(text), lexicon).find(
    (m) => m.actor !== null && (m.kind === "actor" || m.kind === "group" || m.kind === "person"),
  );
  return mention?.actor ?? null;
}

/** The document context of a title and a source; all null when neither is given. */
export function documentContext(
  title: string | null | undefined,
  source: string | null | undefined,
  lexicon: ActorLexicon,
): DocumentContext {
  const clean = (title ?? "").replace(/[\u00a0\u2060]/g, " ");
  let genre: Genre | null = null;
  for (const [pattern, g] of GENRES) {
    if (pattern.test(clean)) {
      genre = g;
      break;
    }
  }
  // Without a source, only an official genre's title names its issuer ("Readout of President
  // Biden's Call …" is the White House's; "Biden and Xi agree …" is a headline, and a
  // "U.S.-China Joint Statement" has two).
  const byPart = /\b(?:by|from|of)\s+(.*)$/i.exec(clean)?.[1] ?? clean;
  const fromTitle = genre !== null && !/\bjoint\b/i.test(clean) ? issuerOf(byPart, lexicon) : null;
  const issuer = source ? issuerOf(source, lexicon) : fromTitle;
  if (genre === null && issuer !== null && clean && source) genre = "release";
  const speakers: Mention[] = [];
  if (clean) {
    // "Remarks by President Biden and President Xi Jinping of the People's Republic of China …":
    // only the part naming the speakers, before "on", "at", "before", "|".
    for (const m of findMentions(byPart, wordTokens(byPart), lexicon)) {
      if (m.kind !== "person") continue;
      if (m.actor === null) {
        const fromTitle = m.role ? titleActor(m.role) : undefined;
        m.actor = fromTitle === undefined || fromTitle === null ? issuer : fromTitle;
      }
      // "Spokesperson Kong Quan's Regular Press Conference": the name ends at the possessive.
      const possessive = m.name ? /^(.*?)[’']s\b/.exec(m.name) : null;
      if (possessive?.[1] && m.key?.startsWith("name:")) {
        m.name = possessive[1];
        m.key = `name:${m.name}`;
      }
      if (m.actor === null || speakers.some((known) => known.key === m.key)) continue;
      m.start = 0;
      m.end = 0;
      speakers.push(m);
    }
  }
  const named = findMentions(clean, wordTokens(clean), lexicon);
  const foreign =
    /\bforeign (?:ministry|minister|affairs)\b/i.test(clean) ||
    named.some((m) => m.actor !== null && m.actor !== issuer && m.kind !== "pronoun");
  const foreignPerson = named.some((m) => m.kind === "person" && m.actor !== null && m.actor !== issuer);
  return { issuer, genre, speakers, foreign, foreignPerson };
}
