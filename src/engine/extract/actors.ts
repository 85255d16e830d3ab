import type { ActorId } from "../../model/taxonomy";
import type { Taxonomy } from "../taxonomy";
import { STOPWORDS } from "../text/tokens";
import {
  GROUP_NOUNS,
  HEADLINE_VERBS,
  NEWS_AGENCIES,
  PRONOUNS_GROUP,
  PRONOUNS_PERSON,
  PRONOUNS_THING,
  ROLE_MODIFIERS,
  ROLE_NOUNS,
  SPEECH_VERBS,
  TITLE_VERBS,
} from "./lexicon";
import { titleActor } from "./titles";
import { firstTokenAt, type WordToken, wordTokens } from "./word-tokens";

/** Something in the text that can hold or report a stance. Offsets are into the cleaned text. */
export interface Mention {
  start: number;
  end: number;
  kind: "person" | "group" | "actor" | "pronoun" | "role" | "agency";
  actor: ActorId | null;
  /** The person's name: canonical for known speakers, as written otherwise. */
  name: string | null;
  role: string | null;
  /** Role nouns of the mention ("secretary", "spokesman"), for "the secretary"-style anaphora. */
  roleNouns: string[];
  /** "The two sides", "both sides": every participant of the document. */
  both: boolean;
  /** Key of a known speaker, or of a named person, for identity across mentions. */
  key: string | null;
  /** Pronoun or role-noun lower form, for anaphora. */
  anaphor: string | null;
  /** A definite description ("the Chinese leader", "the top U.S. diplomat"): names someone already met. */
  definite: boolean;
}

type PhraseEntry =
  | { type: "speaker"; actor: ActorId; name: string; role: string }
  | { type: "actor"; actor: ActorId }
  | { type: "demonym"; actor: ActorId }
  | { type: "agency"; name: string };

interface Phrase {
  tokens: string[];
  /** Per token: "upper" when it must be written exactly so (acronyms), "cap" for a capital, "any". */
  cases: ("upper" | "cap" | "any")[];
  entry: PhraseEntry;
}

export interface ActorLexicon {
  byFirst: Map<string, Phrase[]>;
  /** Known speakers by each word of their name, for "Foreign Minister Wang". */
  speakersByNameWord: Map<string, { actor: ActorId; name: string; role: string }[]>;
  /** Lower-case words that can open a mention: one lookup per word on findMentions' fast path. */
  starters: Set<string>;
  /**
   * Group nouns that are an actor's alias on their own ("the administration" of the United States):
   * a role built on one with no country ("a senior administration official") is that actor's.
   */
  groupActors: Map<string, ActorId>;
}

const lexicons = new WeakMap<Taxonomy, ActorLexicon>();

function possessiveless(lower: string): string {
  const last = lower.charCodeAt(lower.length - 1);
  // Fast path: only words ending in "s", "'" or "’" can carry a possessive.
  if (last !== 115 && last !== 39 && last !== 0x2019) return lower;
  return lower.replace(/[’']s?$/, "");
}

function addPhrase(byFirst: Map<string, Phrase[]>, surface: string, entry: PhraseEntry): void {
  let tokens = wordTokens(surface);
  if (tokens[0]?.lower === "the" && tokens.length > 1) tokens = tokens.slice(1);
  if (!tokens.length) return;
  const phrase: Phrase = {
    tokens: tokens.map((t) => t.lower),
    cases: tokens.map((t) => (/^[\p{Lu}.]{2,}$/u.test(t.form) ? "upper" : /^\p{Lu}/u.test(t.form) ? "cap" : "any")),
    entry,
  };
  const first = phrase.tokens[0] ?? "";
  const list = byFirst.get(first) ?? [];
  list.push(phrase);
  // Longest phrases first, so "Wang Wenbin" wins over a shorter alias.
  list.sort(
    (a, b) =>
      b.tokens.length - a.tokens.length || (a.entry.type === "actor" ? -1 : 0) - (b.entry.type === "actor" ? -1 : 0),
  );
  byFirst.set(first, list);
}

export function actorLexicon(taxonomy: Taxonomy): ActorLexicon {
  const cached = lexicons.get(taxonomy);
  if (cached) return cached;
  const byFirst = new Map<string, Phrase[]>();
  const groupActors = new Map<string, ActorId>();
  const speakersByNameWord = new Map<string, { actor: ActorId; name: string; role: string }[]>();
  for (const agency of NEWS_AGENCIES) addPhrase(byFirst, agency, { type: "agency", name: agency });
  for (const actor of taxonomy.actors) {
    for (const alias of [actor.name, ...actor.aliases]) {
      addPhrase(byFirst, alias, { type: "actor", actor: actor.id });
      const group = /^the (\p{Ll}+)$/u.exec(alias)?.[1];
      if (group && GROUP_NOUNS.has(group)) groupActors.set(group, actor.id);
    }
    for (const demonym of actor.demonyms) addPhrase(byFirst, demonym, { type: "demonym", actor: actor.id });
    for (const speaker of actor.speakers) {
      const entry: PhraseEntry = { type: "speaker", actor: actor.id, name: speaker.name, role: speaker.role };
      for (const alias of [speaker.name, ...speaker.aliases]) addPhrase(byFirst, alias, entry);
      for (const word of speaker.name.toLowerCase().split(/\s+/)) {
        const list = speakersByNameWord.get(word) ?? [];
        list.push({ actor: actor.id, name: speaker.name, role: speaker.role });
        speakersByNameWord.set(word, list);
      }
    }
  }
  const starters = new Set<string>([
    ...DETERMINERS,
    ...STARTERS,
    ...ROLE_NOUNS,
    ...ROLE_MODIFIERS,
    ...GROUP_NOUNS,
    ...byFirst.keys(),
  ]);
  const lexicon = { byFirst, speakersByNameWord, starters, groupActors };
  lexicons.set(taxonomy, lexicon);
  return lexicon;
}

function caseFits(form: string, rule: "upper" | "cap" | "any"): boolean {
  if (rule === "any") return true;
  // A token starts with a letter or digit, so a possessive never changes its first character:
  // for "cap", an ASCII first character decides without a regex.
  if (rule === "cap") {
    const first = form.charCodeAt(0);
    if (first < 128) return first >= 65 && first <= 90;
  }
  const bare = form.replace(/[’']s?$/, "");
  if (rule === "upper") return /^[\p{Lu}\p{N}.]+$/u.test(bare);
  return /^\p{Lu}/u.test(bare);
}

/** One capital letter ("J" of "Antony J. Blinken"); the length test spares the regex for most words. */
function isInitial(form: string): boolean {
  return form.length <= 2 && /^\p{Lu}$/u.test(form);
}

/** The longest phrase of the lexicon starting at token i, optionally of given entry types. */
export function matchPhrase(
  lexicon: ActorLexicon,
  tokens: readonly WordToken[],
  i: number,
  types: ReadonlySet<PhraseEntry["type"]>,
): { phrase: Phrase; end: number } | null {
  const first = tokens[i];
  if (!first) return null;
  const candidates = lexicon.byFirst.get(possessiveless(first.lower)) ?? lexicon.byFirst.get(first.lower);
  if (!candidates) return null;
  for (const phrase of candidates) {
    if (!types.has(phrase.entry.type)) continue;
    const n = phrase.tokens.length;
    let ok = true;
    let at = i;
    for (let k = 0; k < n && ok; k++) {
      // A middle initial may sit inside a known name ("Antony J. Blinken").
      if (
        k > 0 &&
        phrase.entry.type === "speaker" &&
        isInitial(tokens[at]?.form ?? "") &&
        tokens[at]?.lower !== phrase.tokens[k]
      )
        at++;
      const token = tokens[at];
      if (!token) ok = false;
      else {
        const lower = k === n - 1 ? possessiveless(token.lower) : token.lower;
        ok =
          (lower === phrase.tokens[k] || token.lower === phrase.tokens[k]) &&
          caseFits(token.form, phrase.cases[k] ?? "any");
      }
      at++;
    }
    if (ok) return { phrase, end: at };
  }
  return null;
}

// Lower-case words that can open a mention besides determiners and role words.
const STARTERS = new Set(["he", "she", "they", "it", "two", "both"]);
const DETERMINERS = new Set(["the", "his", "her", "its", "their", "our", "a", "an"]);
const ACTOR_TYPES: ReadonlySet<PhraseEntry["type"]> = new Set(["actor", "demonym"]);
const SPEAKER_TYPES: ReadonlySet<PhraseEntry["type"]> = new Set(["speaker"]);
const AGENCY_TYPES: ReadonlySet<PhraseEntry["type"]> = new Set(["agency"]);
// Place names that contain an actor's name without meaning the actor.
const PLACE_HEADS = new Set(["south", "east", "north", "west"]);
const PLACE_TAILS = new Set(["sea", "strait", "morning"]);

function isRoleWord(lower: string): boolean {
  return ROLE_NOUNS.has(lower) || ROLE_MODIFIERS.has(lower) || GROUP_NOUNS.has(lower);
}

/** A capitalised word that can be part of a person's name. */
export function isNameWord(token: WordToken | undefined): boolean {
  if (!token || !/^\p{Lu}/u.test(token.form)) return false;
  const lower = possessiveless(token.lower);
  if (
    STOPWORDS.has(lower) ||
    SPEECH_VERBS.has(lower) ||
    HEADLINE_VERBS.has(lower) ||
    TITLE_VERBS.has(lower) ||
    isRoleWord(lower) ||
    isRoleWord(lower.replace(/s$/, ""))
  )
    return false;
  // A long all-capitals word is a dateline or a transcript label ("BEIJING"), not a name.
  return !(token.form.length > 3 && /^[\p{Lu}.]+$/u.test(token.form));
}

function roleText(text: string, tokens: readonly WordToken[], from: number, to: number): string | null {
  return to > from ? text.slice((tokens[from] as WordToken).start, (tokens[to - 1] as WordToken).end) : null;
}

/** A named person of an actor, for speakers known from outside a sentence (a turn label, a byline). */
export function namedPerson(start: number, end: number, actor: ActorId, name: string): Mention {
  const m = blank(start, end, "person");
  m.actor = actor;
  m.name = name;
  m.key = `name:${name}`;
  return m;
}

/** An actor itself as a mention: the issuing government of an official document. */
export function actorMention(start: number, end: number, actor: ActorId): Mention {
  const m = blank(start, end, "actor");
  m.actor = actor;
  return m;
}

function blank(start: number, end: number, kind: Mention["kind"]): Mention {
  return {
    start,
    end,
    kind,
    actor: null,
    name: null,
    role: null,
    roleNouns: [],
    both: false,
    key: null,
    anaphor: null,
    definite: false,
  };
}

/** Whether the words before token i are "the" and role modifiers only ("the top", "the senior"). */
function definiteBefore(tokens: readonly WordToken[], i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
    const lower = (tokens[k] as WordToken).lower;
    if (lower === "the") return true;
    if (!ROLE_MODIFIERS.has(lower) || lower === "of" || lower === "for") return false;
  }
  return false;
}

/**
 * Mentions of people, groups, actors, agencies and pronouns among the given tokens (a sentence,
 * with quoted words already left out): "Chinese Foreign Ministry spokesman Wang Wenbin", "his
 * Singaporean counterpart", "the Chinese side", "Beijing", "the secretary", "he".
 */
export function findMentions(text: string, tokens: readonly WordToken[], lexicon: ActorLexicon): Mention[] {
  const mentions: Mention[] = [];
  // Demonyms waiting for a group noun: "U.S." in "U.S. and Chinese officials".
  let pending: Mention[] | null = null;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as WordToken;
    // Fast path: a lower-case word that starts no name, role, determiner or pronoun starts nothing.
    const firstCode = token.form.charCodeAt(0);
    if (firstCode >= 97 && firstCode <= 122 && !lexicon.starters.has(token.lower)) {
      i++;
      continue;
    }
    const agency = matchPhrase(lexicon, tokens, i, AGENCY_TYPES);
    if (agency && agency.phrase.entry.type === "agency") {
      const last = tokens[agency.end - 1] as WordToken;
      const m = blank(token.start, last.end, "agency");
      m.name = text.slice(token.start, last.end);
      mentions.push(m);
      i = agency.end;
      continue;
    }
    if (PRONOUNS_PERSON.has(token.lower) || PRONOUNS_GROUP.has(token.lower) || PRONOUNS_THING.has(token.lower)) {
      const m = blank(token.start, token.end, "pronoun");
      m.anaphor = token.lower;
      mentions.push(m);
      i++;
      continue;
    }
    let j = i;
    const determiner = DETERMINERS.has(token.lower) ? token.lower : null;
    if (determiner) j++;
    // "the two sides", "both sides"
    const maybeTwo = tokens[j];
    if (
      maybeTwo &&
      (maybeTwo.lower === "two" || maybeTwo.lower === "both") &&
      /^(sides|countries|governments|leaders|delegations)$/.test(tokens[j + 1]?.lower ?? "")
    ) {
      const last = tokens[j + 1] as WordToken;
      const m = blank(token.start, last.end, "group");
      m.both = true;
      m.role = text.slice(token.start, last.end);
      mentions.push(m);
      i = j + 2;
      continue;
    }
    let actor: ActorId | null = null;
    let actorIsDemonym = false;
    const countryStart = j;
    const country = matchPhrase(lexicon, tokens, j, ACTOR_TYPES);
    if (
      country &&
      !(PLACE_HEADS.has(tokens[j - 1]?.lower ?? "") && /^\p{Lu}/u.test(tokens[j - 1]?.form ?? "")) &&
      !PLACE_TAILS.has(tokens[country.end]?.lower ?? "")
    ) {
      const entry = country.phrase.entry;
      // "the administration" is an alias, "the Marcos administration" is not the alias's actor.
      const bareGroup = country.end === j + 1 && lexicon.groupActors.has((tokens[j] as WordToken).lower);
      if (
        (entry.type === "actor" || entry.type === "demonym") &&
        (!bareGroup || (determiner === "the" && j === i + 1))
      ) {
        actor = entry.actor;
        actorIsDemonym = entry.type === "demonym";
        j = country.end;
      }
    }
    const roleStart = j;
    const roleNouns: string[] = [];
    let group = false;
    while (j < tokens.length) {
      const lower = (tokens[j] as WordToken).lower;
      if (ROLE_NOUNS.has(lower) || GROUP_NOUNS.has(lower) || ROLE_NOUNS.has(lower.replace(/s$/, ""))) {
        if (GROUP_NOUNS.has(lower) || (lower.endsWith("s") && ROLE_NOUNS.has(lower.slice(0, -1)))) group = true;
        else group = false;
        roleNouns.push(lower.replace(/s$/, "") === lower ? lower : lower);
        j++;
      } else if (
        ROLE_MODIFIERS.has(lower) &&
        j + 1 < tokens.length &&
        (lower !== "of" || /^\p{Lu}/u.test(tokens[j + 1]?.form ?? ""))
      ) {
        if ((lower === "of" || lower === "the" || lower === "for") && j === roleStart) break;
        // "spokesperson for the Ministry of Commerce": the institution is not part of the role.
        if ((lower === "of" || lower === "for") && roleNouns.length && institutionAfter(lexicon, tokens, j)) break;
        j++;
      } else break;
    }
    // Trailing modifiers ("… of the") are not part of the role.
    while (j > roleStart && !roleNouns.includes((tokens[j - 1] as WordToken).lower)) j--;
    const hasRole = roleNouns.length > 0;
    // "a senior administration official": the actor whose alias the group noun is.
    if (actor === null && roleNouns.length > 1) {
      for (const noun of roleNouns) actor ??= lexicon.groupActors.get(noun) ?? null;
    }
    const speaker = matchPhrase(lexicon, tokens, j, SPEAKER_TYPES);
    if (speaker && speaker.phrase.entry.type === "speaker" && (hasRole || actor === null)) {
      const entry = speaker.phrase.entry;
      const last = tokens[speaker.end - 1] as WordToken;
      const m = blank(
        (tokens[determiner && !hasRole && actor === null ? i + 1 : i] as WordToken).start,
        last.end,
        "person",
      );
      m.actor = entry.actor;
      m.name = entry.name;
      m.role = hasRole ? roleText(text, tokens, actor ? countryStart : roleStart, j) : entry.role;
      m.roleNouns = [
        ...roleNouns,
        ...entry.role
          .toLowerCase()
          .split(/\W+/)
          .filter((w) => ROLE_NOUNS.has(w)),
      ];
      m.key = `speaker:${entry.name}`;
      mentions.push(m);
      i = speaker.end;
      continue;
    }
    if (hasRole && !group) {
      // An unknown name after the role: "Foreign Minister Yoshimasa Hayashi".
      let k = j;
      while (k < tokens.length && k < j + 3 && isNameWord(tokens[k])) k++;
      // "The spokesperson of the Chinese Embassy in the US": the country of the institution.
      const institution = k === j && actor === null ? institutionAfter(lexicon, tokens, j) : null;
      if (institution) {
        actor = institution.actor;
        j = institution.end;
        k = j;
      }
      // "Under Secretary of Commerce for Industry and Security Daniel Mercer": the portfolio is
      // part of the role, the capitalised words closing it the name.
      const portfolio = k === j && !institution ? portfolioName(text, lexicon, tokens, j) : null;
      if (portfolio) {
        j = portfolio.nameStart;
        k = portfolio.end;
      }
      const last = tokens[Math.max(k, j) - 1] as WordToken;
      // "Under Secretary", "Assistant Secretary": a capitalised "Under" belongs to the title.
      const under = portfolio && roleStart === i && i > 0 && tokens[i - 1]?.form === "Under" ? i - 1 : i;
      const m = blank((tokens[under] as WordToken).start, last.end, "person");
      m.actor = actor;
      m.roleNouns = roleNouns;
      m.role = roleText(text, tokens, actor && !institution ? countryStart : under < i ? under : roleStart, j);
      m.definite = determiner === "the" || (determiner === null && definiteBefore(tokens, i));
      if (k > j) {
        m.name = text.slice((tokens[j] as WordToken).start, (tokens[k - 1] as WordToken).end).replace(/[’']s$/, "");
        // "Secretary of State Marco Rubio", "Foreign Ministry Spokesperson Guo Jiakun": the title's government.
        if (m.actor === null && m.role) m.actor = titleActor(m.role) ?? null;
        m.key = `name:${m.name}`;
        // "Foreign Minister Wang": the known speaker with that name word and that office.
        const known =
          k === j + 1 ? lexicon.speakersByNameWord.get(possessiveless((tokens[j] as WordToken).lower)) : undefined;
        const fit = known?.find(
          (sp) =>
            roleNouns.some((noun) => sp.role.toLowerCase().includes(noun)) && (actor === null || sp.actor === actor),
        );
        if (fit) {
          m.name = fit.name;
          m.actor = fit.actor;
          m.key = `speaker:${fit.name}`;
        }
      } else if (actor === null && determiner === "the") {
        // "the secretary", "the spokesman": an anaphor for the last fitting speaker.
        m.kind = "role";
        m.anaphor = roleNouns[roleNouns.length - 1] ?? null;
      } else if (actor === null) {
        i = j;
        continue;
      }
      mentions.push(m);
      i = Math.max(k, j);
      continue;
    }
    if (hasRole && group) {
      const last = tokens[j - 1] as WordToken;
      const m = blank(token.start, last.end, "group");
      m.actor = actor;
      m.role = roleText(text, tokens, actor ? countryStart : roleStart, j);
      m.roleNouns = roleNouns;
      if (pending && actorIsDemonym) {
        // "U.S. and Chinese officials": the demonyms before share the group noun, one group each.
        pushCoordinated(text, mentions, pending, m);
        pending = null;
      }
      if (actor !== null || determiner === "the") mentions.push(m);
      i = j;
      continue;
    }
    if (actor !== null && !actorIsDemonym) {
      const last = tokens[j - 1] as WordToken;
      const m = blank((tokens[countryStart] as WordToken).start, last.end, "actor");
      m.actor = actor;
      m.role = text.slice(m.start, m.end);
      mentions.push(m);
      i = j;
      continue;
    }
    if (
      actorIsDemonym &&
      actor !== null &&
      (tokens[j]?.lower === "and" || /^\.?,/.test(text.slice(tokens[j - 1]?.end ?? 0, (tokens[j - 1]?.end ?? 0) + 2)))
    ) {
      const m = blank((tokens[countryStart] as WordToken).start, (tokens[j - 1] as WordToken).end, "group");
      m.actor = actor;
      pending ??= [];
      pending.push(m);
    }
    i = Math.max(i + 1, actorIsDemonym ? j : i + 1);
  }
  return mentions;
}

// Institutions a spokesperson or official speaks for ("of the Chinese Embassy", "for China's Commerce Ministry").
const INSTITUTION_NOUNS = new Set([
  "embassy",
  "consulate",
  "mission",
  "ministry",
  "government",
  "department",
  "office",
  "delegation",
  "council",
  "commission",
  "cabinet",
  "administration",
]);

/**
 * The institution noun of an actor mention that names an institution ("Department" in "the U.S.
 * Department of Commerce", "Commission" in "the European Commission"), as written, or null.
 */
export function institutionNoun(tokens: readonly WordToken[], mention: Mention): string | null {
  if (mention.kind !== "actor") return null;
  for (let k = firstTokenAt(tokens, mention.start); k < tokens.length; k++) {
    const token = tokens[k] as WordToken;
    if (token.end > mention.end) break;
    if (INSTITUTION_NOUNS.has(token.lower) && /^\p{Lu}/u.test(token.form)) return token.form;
  }
  return null;
}

/**
 * Mentions of a document's issuing institution by its noun alone ("The Department said …" in a
 * Department of Commerce release): "the" and the capitalised noun, not followed by "of" (another
 * institution: "the Department of Justice") and not inside another mention. Added to `mentions`
 * in text order.
 */
export function addIssuerMentions(
  tokens: readonly WordToken[],
  mentions: Mention[],
  noun: string,
  actor: ActorId,
): void {
  for (let k = 1; k < tokens.length; k++) {
    const token = tokens[k] as WordToken;
    if (token.form !== noun || tokens[k - 1]?.lower !== "the" || tokens[k + 1]?.lower === "of") continue;
    const start = (tokens[k - 1] as WordToken).start;
    if (mentions.some((m) => m.start < token.end && m.end > start)) continue;
    const m = blank(start, token.end, "actor");
    m.actor = actor;
    m.role = noun;
    let at = 0;
    while (at < mentions.length && (mentions[at] as Mention).start < start) at++;
    mentions.splice(at, 0, m);
  }
}

/**
 * "of the Chinese Embassy in the US", "for China's Commerce Ministry" after a role at token j:
 * the institution's country and the token after the phrase (its location included), or null.
 */
function institutionAfter(
  lexicon: ActorLexicon,
  tokens: readonly WordToken[],
  j: number,
): { actor: ActorId; end: number } | null {
  const preposition = tokens[j]?.lower;
  if (preposition !== "of" && preposition !== "for") return null;
  let k = j + 1;
  if (tokens[k]?.lower === "the") k++;
  const country = matchPhrase(lexicon, tokens, k, ACTOR_TYPES);
  if (!country) return null;
  const entry = country.phrase.entry;
  if (entry.type !== "actor" && entry.type !== "demonym") return null;
  // "for the Ministry of Commerce": the alias is itself an institution.
  let institution = false;
  for (let i = k; i < country.end; i++) if (INSTITUTION_NOUNS.has((tokens[i] as WordToken).lower)) institution = true;
  k = country.end;
  while (k < tokens.length && k < country.end + 4 && /^\p{Lu}/u.test((tokens[k] as WordToken).form)) {
    if (INSTITUTION_NOUNS.has((tokens[k] as WordToken).lower)) institution = true;
    k++;
  }
  if (!institution) return null;
  // "… in the US", "… in Washington": where the institution is, not whom it speaks for.
  if (tokens[k]?.lower === "in") {
    const at = tokens[k + 1]?.lower === "the" ? k + 2 : k + 1;
    const place = matchPhrase(lexicon, tokens, at, ACTOR_TYPES);
    if (place) k = place.end;
  }
  return { actor: entry.actor, end: k };
}

// Capitalised words of a portfolio that are not a person's name ("Export Enforcement").
const PORTFOLIO_WORDS = new Set([
  "enforcement",
  "industry",
  "policy",
  "planning",
  "relations",
  "development",
  "energy",
  "justice",
  "education",
  "health",
  "labor",
  "agriculture",
  "transportation",
  "interior",
  "environment",
  "resources",
  "services",
  "technology",
  "science",
  "intelligence",
  "investment",
  "administration",
  "management",
  "arms",
  "control",
  "nonproliferation",
  "operations",
  "asian",
  "pacific",
  "european",
  "eurasian",
  "african",
  "american",
  "western",
  "hemisphere",
  "east",
  "south",
  "north",
  "west",
  "central",
  "international",
  "global",
  "public",
  "political",
  "legal",
  "civil",
  "human",
  "rights",
]);

function portfolioWord(token: WordToken | undefined): boolean {
  return token !== undefined && /^\p{Lu}/u.test(token.form) && !/[’']s$/.test(token.lower);
}

/**
 * After a role noun at token j: "of Commerce for Industry and Security Daniel Mercer", "for
 * Export Enforcement Laura Chen". The portfolio runs over capitalised words (and "and", "of",
 * "for", "the" between them, on one line of words with no punctuation); its last one or two words
 * (three with a middle initial) are the name, when they read as one and are no known speaker's.
 */
function portfolioName(
  text: string,
  lexicon: ActorLexicon,
  tokens: readonly WordToken[],
  j: number,
): { nameStart: number; end: number } | null {
  const preposition = tokens[j]?.lower;
  if ((preposition !== "of" && preposition !== "for") || !portfolioWord(tokens[j + 1])) return null;
  let end = j + 1;
  while (end < tokens.length) {
    const token = tokens[end] as WordToken;
    const prev = tokens[end - 1] as WordToken;
    if (!/^\s+$/.test(text.slice(prev.end, token.start))) break;
    if (portfolioWord(token)) end++;
    else if (/^(and|of|for|the)$/.test(token.lower) && portfolioWord(tokens[end + 1])) end++;
    else break;
  }
  // The name closes the run: a possessive or a lower-case word may not follow it.
  let nameStart = end;
  while (nameStart > j + 2 && end - nameStart < 3 && isNameWord(tokens[nameStart - 1])) {
    const lower = (tokens[nameStart - 1] as WordToken).lower;
    if (PORTFOLIO_WORDS.has(lower)) break;
    nameStart--;
    // Two words make a name unless the first is a middle initial ("Daniel J. Mercer").
    if (end - nameStart === 2 && !/^\p{Lu}\.?$/u.test((tokens[nameStart] as WordToken).form)) break;
  }
  if (nameStart === end || nameStart <= j + 1) return null;
  if (/[’']s$/.test((tokens[end - 1] as WordToken).lower)) return null;
  // A known speaker ("Secretary of State Antony Blinken") is left to the speaker lexicon.
  for (let p = j + 1; p < end; p++) if (matchPhrase(lexicon, tokens, p, SPEAKER_TYPES)) return null;
  return { nameStart, end };
}

// The words between coordinated demonyms: "U.S. and Chinese", "U.S., Japanese and Chinese".
const DEMONYM_GAP = /^\.?\s*(?:,\s*(?:and\s+)?|and\s+)$/;

/** The pending demonyms right before `group`, chained by commas or "and", as groups of their own. */
function pushCoordinated(text: string, mentions: Mention[], pending: readonly Mention[], group: Mention): void {
  let first = pending.length;
  let next = group;
  while (first > 0 && DEMONYM_GAP.test(text.slice((pending[first - 1] as Mention).end, next.start))) {
    first--;
    next = pending[first] as Mention;
  }
  for (let k = first; k < pending.length; k++) {
    const m = pending[k] as Mention;
    m.role = group.role;
    m.roleNouns = group.roleNouns;
    mentions.push(m);
  }
}

/** Capitalised words right before token index `at` that read as a name ("Hayashi said"). */
export function nameBefore(text: string, tokens: readonly WordToken[], at: number): Mention | null {
  let k = at;
  while (k > 0 && k > at - 3 && isNameWord(tokens[k - 1])) k--;
  if (k === at) return null;
  const first = tokens[k] as WordToken;
  const last = tokens[at - 1] as WordToken;
  // A single capitalised word that opens the sentence is as likely a common word as a name.
  const m = blank(first.start, last.end, "person");
  m.name = text.slice(first.start, last.end).replace(/[’']s$/, "");
  m.key = `name:${m.name}`;
  return m;
}

/** Capitalised words right after token index `at` ("…, said Yoshimasa Hayashi"). */
export function nameAfter(text: string, tokens: readonly WordToken[], at: number): Mention | null {
  let k = at;
  while (k < tokens.length && k < at + 3 && isNameWord(tokens[k])) k++;
  if (k === at) return null;
  const first = tokens[at] as WordToken;
  const last = tokens[k - 1] as WordToken;
  const m = blank(first.start, last.end, "person");
  m.name = text.slice(first.start, last.end);
  m.key = `name:${m.name}`;
  return m;
}
