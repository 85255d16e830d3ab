import { type Mention, nameAfter, nameBefore } from "./actors";
import { PHRASAL_SPEECH, SPEECH_VERBS, WEAK_SPEECH_VERBS } from "./lexicon";
import { firstTokenAt, type WordToken } from "./word-tokens";

/** Who reports a statement in a sentence, and where the reported words are. Offsets: cleaned text. */
export interface Attribution {
  subject: Mention;
  /** Offsets of the attribution phrase ("Blinken told reporters … that", "he said"). */
  phraseStart: number;
  phraseEnd: number;
  /** The reported words (may contain quotes). */
  contentStart: number;
  contentEnd: number;
  /** True when the attribution follows the words it reports ("…, he said."). */
  trailing: boolean;
  via: string | null;
  /** Strong verbs (said, stressed…) give more confidence than weak ones (sees, thinks). */
  strong: boolean;
  /** Other subjects coordinated with `subject` ("Biden and Xi agreed"), in text order; usually none. */
  partners: readonly Mention[];
  /** Offsets of the reporting verb with its particles ("agreed", "called on"). */
  verbStart: number;
  verbEnd: number;
}

const NO_PARTNERS: readonly Mention[] = [];
// "A and B", "A, and B" / "A, B and C": the words between coordinated subjects (after "U.S" the
// abbreviation's period).
const AND_GAP = /^\.?\s*,?\s*and\s+(?:the\s+)?$/i;
const COMMA_GAP = /^\.?\s*,\s*(?:the\s+)?$/i;
const HEADLINE_COMMA_TAIL = /^ \p{Ll}/u;
// Participles that report speech after a comma: "…, saying", "…, adding that".
const PARTICIPLES = new Set([
  "saying",
  "adding",
  "stressing",
  "noting",
  "insisting",
  "arguing",
  "stating",
  "declaring",
]);
// Prepositions that make the mention after them an adjunct, not a subject ("In Beijing, …").
const PREPOSITIONS = new Set([
  "in",
  "at",
  "on",
  "with",
  "after",
  "before",
  "by",
  "from",
  "to",
  "of",
  "for",
  "against",
  "over",
  "between",
  "during",
  "toward",
  "towards",
  "about",
  "like",
  "than",
]);

/** A reporting participle after a comma at token k: "…, saying", "…, adding that". */
function participleAfterComma(text: string, tokens: readonly WordToken[], k: number): boolean {
  const token = tokens[k];
  const prev = tokens[k - 1];
  return (
    token !== undefined &&
    prev !== undefined &&
    PARTICIPLES.has(token.lower) &&
    /,\s*$/.test(gapText(text, prev.end, token.start))
  );
}

/** People go with people; countries with groups ("U.S., Japanese and Philippine officials"). */
function sameKind(a: Mention, b: Mention): boolean {
  return a.kind === b.kind || (a.kind !== "person" && b.kind !== "person");
}

function canCoordinate(m: Mention): boolean {
  return m.kind === "person" || m.kind === "actor" || m.kind === "group";
}

/**
 * Subjects coordinated with the one at index `at` of `mentions`: the mentions before it joined by
 * "and" ("U.S. President Joe Biden and Chinese President Xi Jinping agreed"), or by commas and a
 * final "and" when they are of the same kind ("Japan, Australia and the Philippines said"); with
 * `forward`, those after it ("Biden and Xi agree …" in a headline).
 */
export function coordinatedWith(
  text: string,
  mentions: readonly Mention[],
  at: number,
  forward: boolean,
): readonly Mention[] {
  const head = mentions[at];
  if (!head || !canCoordinate(head)) return NO_PARTNERS;
  let partners: Mention[] | null = null;
  let sawAnd = false;
  const step = forward ? 1 : -1;
  let current = head;
  for (let k = at + step; k >= 0 && k < mentions.length; k += step) {
    const next = mentions[k] as Mention;
    if (!canCoordinate(next)) break;
    const gap = forward ? text.slice(current.end, next.start) : text.slice(next.end, current.start);
    // Backwards the "and" comes first ("A, B and C" read from C); forwards it comes last.
    if (AND_GAP.test(gap) && (forward || !sawAnd)) sawAnd = true;
    else if (!COMMA_GAP.test(gap) || !sameKind(next, head) || (!forward && !sawAnd)) break;
    partners ??= [];
    partners.push(next);
    current = next;
    if (forward && sawAnd) break;
  }
  if (!partners) return NO_PARTNERS;
  if (!sawAnd) {
    // A headline joins two subjects with a bare comma ("Biden, Xi agree to …") when a
    // lower-case word (the verb) follows the second.
    const second = partners[0] as Mention;
    return forward && partners.length === 1 && HEADLINE_COMMA_TAIL.test(text.slice(second.end, second.end + 2))
      ? partners
      : NO_PARTNERS;
  }
  return forward ? partners : partners.reverse();
}

/** The subject of the clause a participle hangs on ("Blinken backed Manila, saying …"). */
function clauseSubject(text: string, tokens: readonly WordToken[], mentions: readonly Mention[], before: number) {
  for (const m of mentions) {
    if (m.start >= before) break;
    if (m.kind === "agency") continue;
    // A dateline ("MANILA, March 19 (AP) —") or an adjunct ("In Beijing,") is not the subject.
    const first = text.slice(m.start, Math.min(m.end, m.start + 6));
    if (first.length > 3 && first === first.toUpperCase() && /^[\p{Lu}.]+$/u.test(first.replace(/\s/g, ""))) continue;
    const at = firstTokenAt(tokens, m.start);
    if (PREPOSITIONS.has(tokens[at - 1]?.lower ?? "")) continue;
    return m;
  }
  return null;
}

const ADVERBS = new Set([
  "also",
  "later",
  "further",
  "again",
  "then",
  "earlier",
  "previously",
  "once",
  "repeatedly",
  "publicly",
  "separately",
  "recently",
  "has",
  "have",
  "had",
  "was",
  "is",
  "would",
  "will",
  "did",
  "does",
  "had",
  "not",
  "only",
  "clearly",
  "firmly",
  "strongly",
  "remains",
  "remain",
  "deeply",
  "gravely",
  "seriously",
  "are",
]);
// Reporting verbs that are also plural nouns ("claims", "calls", "concerns").
const NOUN_LIKE = new Set([
  "claims",
  "calls",
  "notes",
  "demands",
  "views",
  "hopes",
  "pledges",
  "promises",
  "vows",
  "points",
  "states",
  "concerns",
  "denies",
  "remarks",
  "comments",
  "statements",
  "warnings",
  "posts",
  "raises",
  "believes",
]);
const SUBJECT_WORDS = new Set([
  "he",
  "she",
  "it",
  "they",
  "also",
  "who",
  "which",
  "that",
  "spokesman",
  "spokeswoman",
  "spokesperson",
  "minister",
  "ministry",
  "secretary",
  "official",
  "president",
  "government",
  "side",
]);
// Time expressions that may sit between a subject and its verb ("Blinken on Friday said").
const TIME_WORDS = new Set([
  "on",
  "in",
  "at",
  "late",
  "early",
  "this",
  "last",
  "week",
  "month",
  "morning",
  "afternoon",
  "evening",
  "night",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "today",
  "yesterday",
]);
const TELL_VERBS = new Set(["told", "tell", "tells", "telling"]);
const OBJECT_VERBS = new Set([
  "told",
  "tell",
  "tells",
  "telling",
  "urged",
  "urge",
  "urges",
  "warned",
  "warn",
  "warns",
  "asked",
  "ask",
  "asks",
  "reassured",
  "assured",
]);

function stripAgencyArticle(name: string): string {
  return name.replace(/^the\s+/i, "");
}

/** "expects China to", "expected Beijing and Moscow to": a capitalised object, then "to". */
function expectsOf(tokens: readonly WordToken[], v: number): boolean {
  if (!/^\p{Lu}/u.test(tokens[v + 1]?.form ?? "")) return false;
  for (let k = v + 2; k < tokens.length && k <= v + 4; k++) if (tokens[k]?.lower === "to") return true;
  return false;
}

// Stance adjectives used as reporting verbs ("The EU remains concerned about …"): the adjective
// names the stance, so it belongs to the reported words.
const STANCE_ADJECTIVES = new Set(["concerned"]);

// "has a direct interest in", "have a stake in": a stated interest is a stance.
const HAVE = new Set(["has", "have"]);
const INTEREST_NOUNS = new Set(["interest", "stake"]);
const ADD_VERBS = new Set(["add", "adds", "added", "adding"]);
// "added 27 entities to the Entity List": a quantity after "added" is an addition, not speech.
const QUANTITY = /^(?:\d[\d,.]*|dozens|hundreds|several)$/;
const SAME_SPEAKER_PRONOUNS = new Set(["he", "she", "they"]);
const RAISE_VERBS = new Set(["raise", "raises", "raised", "raising"]);
const RAISED_OBJECTS = new Set(["concern", "concerns", "objections", "objection"]);
/** Modal verbs that state a commitment: "The United States and China will each take actions …". */
const MODALS = new Set(["will", "shall"]);
/** A verb coordinated before the reporting verb: "They reviewed and encouraged progress …". */
const COORDINATED_VERB = /^\p{Ll}+ed$/u;

/** "has a direct interest in": the verb's index range ends at "has"; the interest is the content. */
function interestAt(tokens: readonly WordToken[], v: number): boolean {
  for (let k = v + 1; k <= v + 4 && k < tokens.length; k++) {
    const lower = (tokens[k] as WordToken).lower;
    if (INTEREST_NOUNS.has(lower)) return tokens[k + 1]?.lower === "in";
    if (!/^\p{Ll}/u.test((tokens[k] as WordToken).form)) return false;
  }
  return false;
}

/** The reporting verb at token index v, with its particles; null if the word does not report speech here. */
function speechVerbAt(tokens: readonly WordToken[], v: number): { end: number; strong: boolean } | null {
  const token = tokens[v];
  const lower = token?.lower ?? "";
  if (token && HAVE.has(lower) && interestAt(tokens, v)) return { end: v + 1, strong: false };
  // Reporting verbs are written in lower case; "Secretary of State" is not "state".
  if (!token || !SPEECH_VERBS.has(lower) || !/^\p{Ll}/u.test(token.form)) return null;
  if (ADD_VERBS.has(lower) && QUANTITY.test(tokens[v + 1]?.lower ?? "")) return null;
  // "territorial claims", "his views": a plural noun, unless a subject stands right before it.
  if (
    NOUN_LIKE.has(lower) &&
    !/^\p{Lu}/u.test(tokens[v - 1]?.form ?? "") &&
    !SUBJECT_WORDS.has(tokens[v - 1]?.lower ?? "")
  )
    return null;
  const prev = tokens[v - 1]?.lower;
  if (prev === "so" || prev === "be" || prev === "been") return null;
  const particles = PHRASAL_SPEECH.get(lower);
  if (particles) {
    for (const seq of particles) {
      if (seq.every((p, k) => tokens[v + 1 + k]?.lower === p))
        return { end: v + 1 + seq.length, strong: !WEAK_SPEECH_VERBS.has(lower) };
    }
    // "The EU expects China to address …": an expectation of a named party.
    if (lower.startsWith("expect") && expectsOf(tokens, v)) return { end: v + 1, strong: false };
    if (WEAK_SPEECH_VERBS.has(lower) || lower.startsWith("call") || lower.startsWith("point")) return null;
  }
  // "raised concerns over …" reports speech as surely as "said"; "raised tariffs" does not.
  if (RAISE_VERBS.has(lower) && RAISED_OBJECTS.has(tokens[v + 1]?.lower ?? "")) return { end: v + 1, strong: true };
  return { end: v + 1, strong: !WEAK_SPEECH_VERBS.has(lower) };
}

/** The subject of "NAME, APPOSITIVE, said", with the appositive as its role and its country as actor. */
/** An appositive title with no article ("dean of the Institute of International Studies at …"). */
const BARE_TITLE =
  /^(?:(?:senior|managing|executive|deputy|assistant|associate|former|vice)\s+)*(?:dean|director|professor|fellow|president|chair|chairman|head|analyst|researcher|economist|scholar|adviser|advisor|spokesperson|spokesman|spokeswoman)\b/u;

/**
 * Descriptions of people who speak for no government: universities, private funds and centers,
 * analysts. A state research institute ("a researcher at the China Institute of Contemporary
 * International Relations") still gives its country, as the gold annotation has it.
 */
const NON_GOVERNMENT =
  /\b(?:university|fund|foundation|think tank|center|centre|council on|school of|professor|analyst|expert|scholar|economist|fellow)\b/i;

function appositiveSubject(
  text: string,
  floor: number,
  verbStart: number,
  tokens: readonly WordToken[],
  mentions: readonly Mention[],
): Mention | null {
  const before = text.slice(Math.max(floor, verbStart - 160), verbStart);
  const match = /,([^,"\u201c\u201d\u00ab\u00bb]{3,150}),\s*$/.exec(before);
  if (!match) return null;
  const base = verbStart - before.length;
  const appositiveStart = base + match.index;
  const appositiveEnd = appositiveStart + match[0].trimEnd().length - 1;
  const role = (match[1] ?? "").trim();
  if (!/^(a|an|the|who|its|his|her|china's|china’s|[\p{L}]+['’]s)\b/iu.test(role) && !BARE_TITLE.test(role))
    return null;
  let subject: Mention | null =
    mentions.find((m) => m.end <= appositiveStart && text.slice(m.end, appositiveStart).trim() === "") ?? null;
  if (!subject) {
    const at = tokens.findIndex((t) => t.start >= appositiveStart);
    subject = nameBefore(text, tokens, at < 0 ? tokens.length : at);
    if (!subject || text.slice(subject.end, appositiveStart).trim() !== "") return null;
  }
  if (subject.kind === "person" && subject.actor === null) {
    // An analyst speaks for no government, whatever country their institution is named after.
    const country = NON_GOVERNMENT.test(role)
      ? undefined
      : mentions.find((m) => m.start >= appositiveStart && m.end <= appositiveEnd && m.actor !== null);
    subject = { ...subject, actor: country?.actor ?? null, role };
  }
  return subject;
}

const AUDIENCE_HEADS = new Set([
  "reporters",
  "journalists",
  "lawmakers",
  "students",
  "parliament",
  "congress",
  "senators",
  "delegates",
  "media",
  "press",
  "audience",
  "conference",
  "briefing",
  "interviewers",
  "her",
  "him",
  "them",
  "us",
  "me",
  "counterpart",
  "delegation",
  "forum",
  "summit",
  "gathering",
]);
const CIRCUMSTANCE = new Set([
  "in",
  "at",
  "on",
  "after",
  "before",
  "during",
  "while",
  "from",
  "ahead",
  "following",
  "late",
  "early",
  "via",
  "by",
]);

/**
 * Where the reported words start after "told <audience>": right after the audience ("told
 * reporters the U.S. had …"), after a comma when a circumstance follows ("told reporters in
 * Singapore, adding that …"), or nowhere ("…,” Macron told journalists in Paris.").
 */
function afterAudience(text: string, tokens: readonly WordToken[], from: number, sentenceEnd: number): number {
  let k = from;
  const limit = Math.min(tokens.length, from + 5);
  while (k < limit && !AUDIENCE_HEADS.has(tokens[k]?.lower ?? "")) k++;
  if (k >= limit) return from;
  k++;
  if (k >= tokens.length) return tokens.length;
  if (!CIRCUMSTANCE.has(tokens[k]?.lower ?? "")) return k;
  const comma = text.indexOf(",", tokens[k]?.start ?? sentenceEnd);
  if (comma < 0 || comma >= sentenceEnd) return tokens.length;
  const next = tokens.findIndex((t) => t.start > comma);
  return next < 0 ? tokens.length : next;
}

function gapText(text: string, from: number, to: number): string {
  return from < to ? text.slice(from, to) : "";
}

/**
 * Finds the attribution of a sentence: a reporting verb (outside quotes) and its subject, to its
 * left ("Blinken said", "Chinese Foreign Ministry spokesman Wang Wenbin called on") or right
 * ("…, said Blinken"), or "according to X". News agencies are never the speaker: they become `via`.
 */
export function findAttribution(
  text: string,
  sentence: { start: number; end: number },
  tokens: readonly WordToken[],
  mentions: readonly Mention[],
): Attribution | null {
  let via: string | null = null;
  let viaStart = -1;
  for (const m of mentions) {
    if (m.kind !== "agency" || !m.name) continue;
    const before = text.slice(Math.max(sentence.start, m.start - 40), m.start).toLowerCase();
    if (
      /(according to|told|in an interview with|quoted by|reported by|cited by)\s+(the\s+)?$/.test(before) ||
      /\b(reported|said|quoted)\b/.test(text.slice(m.end, m.end + 12))
    ) {
      via = stripAgencyArticle(m.name);
      const according = before.lastIndexOf("according to");
      viaStart = according >= 0 ? m.start - (before.length - according) : m.start;
    }
  }
  const speakers = mentions.filter((m) => m.kind !== "agency");
  // A weak verb ("is committed to", "sees … as") gives way to a strong one later in the sentence
  // ("…, he said").
  let weak: Attribution | null = null;
  for (let v = 0; v < tokens.length; v++) {
    const verb = tokens[v] as WordToken;
    let found = speechVerbAt(tokens, v);
    let according = false;
    let modal = false;
    if (!found && MODALS.has(verb.lower) && v > 0) {
      found = { end: v + 1, strong: false };
      modal = true;
    }
    if (!found && verb.lower === "according" && tokens[v + 1]?.lower === "to") {
      found = { end: v + 2, strong: true };
      according = true;
    }
    if (!found) continue;
    const verbEnd = (tokens[found.end - 1] as WordToken).end;
    let subject: Mention | null = null;
    if (according) {
      subject = speakers.find((m) => m.start >= verbEnd && m.start - verbEnd < 6) ?? null;
    } else if (participleAfterComma(text, tokens, v)) {
      // "Blinken backed the Philippines in its dispute with China, saying …": the clause's subject.
      subject = clauseSubject(text, tokens, speakers, verb.start);
    } else {
      // "Li Wei, a researcher at the China Institute …, said": the subject stands before the appositive.
      subject = appositiveSubject(text, sentence.start, verb.start, tokens, speakers);
      // Left: the nearest mention before the verb, across an appositive or adverbs but not a quote.
      const left = speakers.filter((m) => m.end <= verb.start && m.end > verb.start - 90).at(-1);
      if (!subject && left && !/["\u201c\u201d\u00ab\u00bb]/.test(gapText(text, left.end, verb.start))) {
        const between = tokens.filter((t) => t.start >= left.end && t.end <= verb.start);
        const gap = gapText(text, left.end, verb.start);
        // "Wang, the ministry's spokesman, said": an appositive between commas.
        const appositive = /^\s*,[^.;:]*,\s*$/.test(gap) && between.length <= 12;
        // "They reviewed and encouraged progress": a verb coordinated before the reporting one.
        const coordinated =
          between.length === 2 && between[1]?.lower === "and" && COORDINATED_VERB.test(between[0]?.form ?? "");
        if (between.every((t) => ADVERBS.has(t.lower) || TIME_WORDS.has(t.lower)) || appositive || coordinated)
          subject = left;
      }
      if (!subject) {
        let k = v;
        while (k > 0 && ADVERBS.has(tokens[k - 1]?.lower ?? "")) k--;
        const named = nameBefore(text, tokens, k);
        if (named) subject = named;
      }
      if (!subject) {
        // Inverted: "…,” said Blinken." / "…, said the spokesman."
        const right = speakers.find((m) => m.start >= verbEnd && m.start - verbEnd <= 2);
        subject = right ?? nameAfter(text, tokens, found.end);
      }
    }
    if (!subject) continue;
    if (!found.strong && subject.kind === "pronoun" && subject.anaphor === "it") continue;
    const at = speakers.indexOf(subject);
    const partners = at > 0 && subject.end <= verb.start ? coordinatedWith(text, speakers, at, false) : NO_PARTNERS;
    // A bare "will" reports a commitment only of parties that make it together, right before it.
    if (modal && (subject.end > verb.start || !(subject.both || partners.length > 0))) continue;
    const attribution = attributionAt(text, sentence, tokens, v, found, verbEnd, subject, according, via, viaStart);
    attribution.partners = partners;
    if (found.strong) return attribution;
    weak ??= attribution;
  }
  return weak;
}

/** The attribution phrase and the reported words around the verb at token index v. */
/**
 * '"…," said Bonnie Glaser, managing director of the German Marshall Fund of the United States.':
 * a description after an inverted subject, to the sentence end, belongs to the attribution, not
 * to the words reported. Returns the end of the attribution phrase.
 */
function appositiveEnd(text: string, tokens: readonly WordToken[], subjectEnd: number, phraseEnd: number): number {
  const k = firstTokenAt(tokens, subjectEnd);
  const next = tokens[k];
  if (!next || !/^\s*,\s*$/.test(gapText(text, subjectEnd, next.start))) return phraseEnd;
  let end = phraseEnd;
  for (let j = k; j < tokens.length; j++) {
    const token = tokens[j] as WordToken;
    if (token.lower === "that" || SPEECH_VERBS.has(token.lower) || PARTICIPLES.has(token.lower)) return phraseEnd;
    end = token.end;
  }
  return end;
}

function attributionAt(
  text: string,
  sentence: { start: number; end: number },
  tokens: readonly WordToken[],
  v: number,
  found: { end: number; strong: boolean },
  verbEnd: number,
  subject: Mention,
  according: boolean,
  via: string | null,
  viaStart: number,
): Attribution {
  const verb = tokens[v] as WordToken;
  const phraseStart = Math.min(subject.start, verb.start);
  const adjective = STANCE_ADJECTIVES.has(verb.lower) && subject.end <= verb.start;
  let phraseEnd = adjective ? verb.start : Math.max(subject.end, verbEnd);
  let contentFrom = adjective ? v : found.end;
  if (OBJECT_VERBS.has(verb.lower)) {
    // "told reporters before leaving Washington that …": the object is not the content.
    let that = false;
    for (let k = found.end; k < tokens.length && k < found.end + 10; k++) {
      const lower = tokens[k]?.lower;
      if (lower === "that") {
        contentFrom = k + 1;
        that = true;
        break;
      }
      // "warned Washington over Taiwan, saying the United States should …"
      if (participleAfterComma(text, tokens, k)) {
        contentFrom = tokens[k + 1]?.lower === "that" ? k + 2 : k + 1;
        that = true;
        break;
      }
    }
    if (!that && TELL_VERBS.has(verb.lower)) contentFrom = afterAudience(text, tokens, found.end, sentence.end);
  } else {
    for (let k = found.end; k < tokens.length && k < found.end + 5; k++) {
      const lower = tokens[k]?.lower;
      if (lower === "that") {
        contentFrom = k + 1;
        break;
      }
      if (SPEECH_VERBS.has(lower ?? "")) break;
    }
  }
  if (contentFrom > found.end) phraseEnd = (tokens[contentFrom - 1] as WordToken).end;
  if (subject.end > phraseEnd) phraseEnd = subject.end;
  if (verb.end <= subject.start && subject.end === phraseEnd)
    phraseEnd = appositiveEnd(text, tokens, subject.end, phraseEnd);
  const afterWords = tokens.filter((t) => t.start >= phraseEnd && (viaStart < phraseEnd || t.end <= viaStart)).length;
  const trailing = afterWords < 2 && phraseStart > sentence.start;
  let contentStart = trailing ? sentence.start : phraseEnd;
  let contentEnd = trailing ? phraseStart : sentence.end;
  if (according) {
    // "China will respond, according to Wang": the content is everything else.
    contentStart = phraseStart > sentence.start + 1 ? sentence.start : phraseEnd;
    contentEnd = phraseStart > sentence.start + 1 ? phraseStart : sentence.end;
  }
  if (viaStart > contentStart && viaStart < contentEnd) contentEnd = viaStart;
  if (subject.start >= contentStart && subject.end <= contentEnd && !trailing) contentStart = subject.end;
  return {
    subject,
    phraseStart,
    phraseEnd,
    contentStart,
    contentEnd,
    trailing: trailing || according,
    via,
    strong: found.strong,
    partners: NO_PARTNERS,
    verbStart: verb.start,
    verbEnd,
  };
}

/**
 * A second reporting verb of the same subject ("raised concerns about X and reiterated the
 * importance of Y"): the words "and reiterated" (with a "that" or adverbs) to cut the reported
 * words into two statements, or null. Offsets: cleaned text.
 */
export function secondReport(
  tokens: readonly WordToken[],
  attribution: Attribution,
): { cutStart: number; cutEnd: number } | null {
  if (attribution.trailing) return null;
  const from = firstTokenAt(tokens, attribution.contentStart);
  for (let k = from + 1; k < tokens.length; k++) {
    const and = tokens[k] as WordToken;
    if (and.start >= attribution.contentEnd) break;
    if (and.lower !== "and") continue;
    let v = k + 1;
    // "…, and he emphasized …": the same speaker as a pronoun.
    if (SAME_SPEAKER_PRONOUNS.has(tokens[v]?.lower ?? "") && attribution.subject.kind !== "actor") v++;
    while (v < tokens.length && ADVERBS.has(tokens[v]?.lower ?? "")) v++;
    const found = speechVerbAt(tokens, v);
    // A verb in the past or present of a reporting verb, never a participle ("and saying").
    if (!found?.strong || PARTICIPLES.has(tokens[v]?.lower ?? "")) continue;
    let end = found.end;
    const reach = OBJECT_VERBS.has(tokens[v]?.lower ?? "") ? 4 : 1;
    for (let t = end; t < tokens.length && t < end + reach; t++) {
      if (tokens[t]?.lower === "that") {
        end = t + 1;
        break;
      }
    }
    const last = tokens[end - 1] as WordToken;
    if (last.end >= attribution.contentEnd) return null;
    return { cutStart: and.start, cutEnd: last.end };
  }
  return null;
}
