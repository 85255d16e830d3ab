import labelModel from "../../../data/taxonomy/label-model.json";
import type { StanceRecord } from "../../model/record";
import type { ActorId, TopicId } from "../../model/taxonomy";
import type { Taxonomy } from "../taxonomy";
import {
  actorLexicon,
  actorMention,
  addIssuerMentions,
  findMentions,
  institutionNoun,
  type Mention,
  namedPerson,
} from "./actors";
import { type Attribution, coordinatedWith, findAttribution, secondReport } from "./attribution";
import { type Classification, classify, cueMatcher } from "./classify";
import { type DocumentContext, documentContext } from "./document";
import { type Entity, EntityBook } from "./entities";
import { applyModel, type CompiledModel, compileModel, isStatement, type LabelModel } from "./label-model";
import { ANONYMOUS_SOURCES, HEADLINE_VERBS, SPEECH_VERBS, TRAVEL_HEADLINE_VERBS } from "./lexicon";
import { narrationClauses } from "./narration";
import { normalise } from "./normalise";
import { wordCount } from "./quotes";
import { completeLabels, type Draft, toRecord, trimSpan } from "./records";
import { isHardWrapped, type Paragraph, type Sentence, splitParagraphs, splitSentences } from "./sentences";
import { titleActor } from "./titles";
import { labelName, skipStageDirections, type TurnLabel, turnLabel } from "./transcripts";
import { tokensIn, type WordToken, wordTokens } from "./word-tokens";

export interface ExtractInput {
  documentId: string;
  text: string;
  publishedAt?: string | null;
  /** The document's title, when known apart from the text ("Remarks by President Biden …"). */
  title?: string | null;
  /** Who published it ("The White House", "PRC Ministry of Foreign Affairs"). */
  source?: string | null;
}

/** Titles of an institution's officials that name no country ("Under Secretary of Commerce"). */
const ISSUER_TITLES: ReadonlySet<string> = new Set(["secretary", "undersecretary"]);

/** Topics whose cues also fit home affairs ("economy", "climate"): they alone make no foreign-affairs passage. */
const DOMESTIC_TOO: ReadonlySet<TopicId> = new Set<TopicId>([
  "trade-and-economy",
  "technology-export-controls",
  "crisis-communication",
  "counternarcotics",
  "cyber-espionage",
  "detained-citizens",
  "human-rights",
  "strategic-competition",
  "people-to-people",
  "development-rights",
  "climate-change",
]);

/** A briefer's deflection or housekeeping, no position: "I'd refer you to …", "I just stated our position". */
const DEFLECTION =
  /\b(?:refer you to|I(?:’|')d refer|no information|nothing (?:to|more to) (?:add|share|offer)|(?:I|we) (?:have )?just (?:stated|shared|made clear|elaborated|answered)|please (?:refer|check|stay tuned)|competent authorities|I(?:’|')m not aware|not aware of|get back to you|take (?:the|your) question|(?:I|we) don(?:’|')t have (?:anything|any|a \w+ to announce)|next question|go ahead|not going to (?:get ahead|comment|go into|get into|speak to|preview|detail)|get ahead of|hypotheticals?|(?:happy|glad) to (?:answer|take)|thanks? (?:you )?(?:so much|for (?:the|that|those|your) questions?))\b/i;

/**
 * Consular and housekeeping work in a briefing ("The Chinese Embassy in Ukraine contacted the
 * person concerned", "our compatriots can use the hotline"): service to citizens, not a position.
 */
const CONSULAR =
  /\b(?:consular|compatriots|evacuat\w*|(?:Chinese|American|U\.S\.) (?:citizens|nationals|students) (?:in|still in|remaining in)|safety of (?:Chinese|American|our) (?:citizens|nationals)|embassy (?:in \w+ )?(?:has |have |immediately )?(?:contacted|issued|reminded|provided|is monitoring|are monitoring|will continue to monitor))\b/i;

/** Courtesies of remarks and calls ("And I welcome you.", "Good to see you again."): no position when short. */
const COURTESY =
  /\b(?:welcome (?:back|to the call|you|everyone|everybody)|good (?:morning|afternoon|evening|to see you)|thank you|thanks|apologies|nice to (?:see|meet))\b/i;

/** Words that make a sentence a position rather than a fact or a courtesy: modals, stance verbs, judgements. */
const STANCE =
  /\b(?:should|must|need to|needs to|will not|won(?:’|')t|never|always|firmly|resolutely|oppose[sd]?|support[s]?|welcome[sd]?|hope[sd]?|urge[sd]?|call(?:s|ed)? (?:on|for)|committed|commitment|believe[sd]?|stand[s]? (?:with|for|ready|by)|position|responsib(?:le|ility)|unfair|fair|wrong|cheat(?:ing)?|determined|not going to|going to continue|continue to|important|importance|clear(?:ly)?|serious(?:ly)?|legitimate|groundless|irresponsible|no (?:one|country)|constructive|objective|impartial|peace(?:ful)?|dialogue|interests?)\b/i;

/** The label model shipped in data/, trained on the real gold (see test/eval/train-labels.ts). */
const BUNDLED_MODEL = labelModel as unknown as LabelModel;

/** A stand-in frame while the label model is still to give the real one. */
const MODEL_FRAME: Classification["frames"] = new Map([["values-and-concerns", []]]);

/** Quotes shorter than this, inside a sentence, are words of the reported speech around them. */
const STANDALONE_QUOTE_WORDS = 8;

interface Region {
  start: number;
  end: number;
  reported: boolean;
}

interface Speaker {
  entity: Entity;
  /** The entity came from a pronoun or a definite role, not a name in the sentence. */
  anaphoric: boolean;
}

class Extraction {
  readonly norm;
  readonly text: string;
  readonly tokens: WordToken[];
  readonly lexicon;
  readonly matcher;
  readonly book = new EntityBook();
  readonly drafts: Draft[] = [];
  /** Mentions per actor, to know who "the two sides" are. */
  readonly actorCounts = new Map<ActorId, { count: number; first: number }>();
  lastSpeaker: Speaker | null = null;
  /** End of the opening (title and first paragraph), where an issuing institution is named. */
  openingEnd = 0;
  /**
   * The document's issuer: the first institution of an actor named in its opening ("Department
   * of Commerce" in a release's dateline), with the noun that stands for it ("the Department").
   */
  issuer: { actor: ActorId; noun: string } | null = null;
  /** The title paragraph, where a briefing names its briefer ("Press Secretary … Pat Ryder Holds …"). */
  title: Paragraph | null = null;
  /** Topics of the last question in a transcript: an answer with no topic cue of its own is on them. */
  questionTopics: Classification["topics"] | null = null;
  /** An op-ed's author, when the byline or the closing author line ties them to an actor. */
  author: Speaker | null = null;
  /** What the title and source say: issuing government, genre, the speakers the title names. */
  readonly doc: DocumentContext;
  /** The issuing government of an official document (White House, PRC Foreign Ministry), or null. */
  readonly government: ActorId | null;
  /** Whose account the document's own unattributed sentences are: the title's speaker, or the issuer. */
  voice: Speaker | null = null;
  /** Inside a reporter's question: only what it reports an official saying is a statement. */
  asking = false;
  /**
   * Official documents: the index of the last paragraph about foreign affairs (naming another
   * actor, or a topic cue that is not domestic too), and the topics of the passage so far. An
   * official's sentence counts within two paragraphs of such a paragraph; there, a sentence
   * with no topic cue of its own is on the passage's topics ("It's cheating." after "China
   * heavily subsidized …").
   */
  lastForeign = Number.NEGATIVE_INFINITY;
  /**
   * The whole document is one passage: a foreign-affairs title on a readout, statement or release
   * (short, one subject), or remarks and briefings on a bilateral occasion (the title names a
   * leader or official of another actor). Other remarks and briefings range wider: their passages
   * are found paragraph by paragraph.
   */
  get wholeForeign(): boolean {
    const wide = this.doc.genre === "remarks" || this.doc.genre === "briefing";
    return this.doc.foreign && (!wide || this.doc.foreignPerson);
  }
  paragraphIndex = 0;
  passageTopics: Classification["topics"] | null = null;
  /** The actor of whoever speaks in the paragraph: mentions of any other are foreign. */
  own: ActorId | null = null;
  paragraphForeign = false;
  /** Drafts before the paragraph began, and the drafts that an official's own sentences gave. */
  officialDrafts = 0;
  readonly official = new Set<Draft>();

  /** The learned label model (frames, and topics where cues give none), or null: cue lists only. */
  readonly model: CompiledModel | null;

  constructor(
    readonly original: string,
    readonly taxonomy: Taxonomy,
    readonly input: Pick<ExtractInput, "title" | "source"> = {},
    model: LabelModel | null = null,
  ) {
    this.model = model ? compileModel(model, new Set(taxonomy.frames.map((f) => f.id))) : null;
    this.norm = normalise(original);
    this.text = this.norm.text;
    this.tokens = wordTokens(this.text);
    this.lexicon = actorLexicon(taxonomy);
    this.matcher = cueMatcher(taxonomy);
    this.doc = documentContext(input.title, input.source, this.lexicon);
    this.government = this.doc.issuer;
    this.voice = this.documentVoice();
  }

  /**
   * The speaker of a document's own sentences: in remarks or a statement the one person its title
   * names ("Remarks by President Biden on …"); in a readout, fact sheet, order or release (or remarks
   * whose title names no one) the issuing government, no person named. None in a briefing: there
   * the turns say who speaks.
   */
  private documentVoice(): Speaker | null {
    const { genre, speakers } = this.doc;
    if (this.government === null || genre === null || genre === "briefing") return null;
    const first = speakers[0];
    if ((genre === "remarks" || genre === "statement") && first && speakers.length === 1) {
      const entity = this.book.observe(first, false);
      return entity ? { entity, anaphoric: false } : null;
    }
    const entity = this.book.observe(actorMention(0, 0, this.government), false);
    return entity ? { entity, anaphoric: false } : null;
  }

  run(): void {
    const paragraphs = splitParagraphs(this.text, isHardWrapped(this.text));
    const strict = paragraphs.map((p) => turnLabel(this.text, p.start, p.end, this.lexicon, false));
    const labelled = strict.filter((l) => l !== null).length;
    let turn: TurnLabel | null = null;
    this.openingEnd = (paragraphs[1] ?? paragraphs[0])?.end ?? 0;
    // A title given apart from the text: the text opens with its body, not with a headline.
    const given = (this.input.title ?? "").trim();
    const titled = given !== "" && !this.text.trimStart().startsWith(given.slice(0, 40));
    this.title = paragraphs.length > 1 && !titled ? (paragraphs[0] ?? null) : null;
    const authorLines = this.byline(paragraphs);
    for (const paragraph of paragraphs) {
      if (authorLines?.includes(paragraph.index)) continue;
      const label =
        strict[paragraph.index] ??
        (labelled >= 2 || (labelled >= 1 && this.doc.genre === "briefing")
          ? turnLabel(this.text, paragraph.start, paragraph.end, this.lexicon, true)
          : null);
      if (this.government) this.openParagraph(paragraph, label);
      this.paragraph(paragraph, paragraphs.length, label, labelled, titled, turn);
      if (label && !(paragraph.index === 0 && paragraphs.length > 1 && !label.question && labelled < 2)) turn = label;
      if (this.government) this.closeParagraph(paragraph);
    }
  }

  private paragraph(
    paragraph: Paragraph,
    count: number,
    label: TurnLabel | null,
    labelled: number,
    titled: boolean,
    turn: TurnLabel | null,
  ): void {
    if (label && !(paragraph.index === 0 && count > 1 && !label.question && labelled < 2)) {
      this.transcriptTurn(paragraph, label.contentStart, label);
      return;
    }
    if (turn) {
      this.transcriptTurn(paragraph, skipStageDirections(this.text, paragraph.start, paragraph.end), turn);
      return;
    }
    if (!titled && paragraph.index === 0 && count > 1 && this.isHeadline(paragraph)) {
      this.headline(paragraph, label);
      return;
    }
    const sentences = splitSentences(this.text, paragraph);
    for (const [k, sentence] of sentences.entries()) this.sentence(sentence, k === 0);
  }

  /** Official documents: a paragraph starts; a new turn starts a new passage (the question's). */
  private openParagraph(paragraph: Paragraph, label: TurnLabel | null): void {
    this.paragraphIndex = paragraph.index;
    this.own = label && !label.question ? (label.speaker?.actor ?? this.government) : this.government;
    this.paragraphForeign = false;
    this.officialDrafts = this.drafts.length;
    if (label || !this.inPassage()) this.passageTopics = null;
  }

  /**
   * Official documents: a paragraph ends. If it named another actor or a foreign topic it is
   * about foreign affairs; the official sentences it gave stay only inside a passage.
   */
  private closeParagraph(paragraph: Paragraph): void {
    if (this.paragraphForeign) this.lastForeign = paragraph.index;
    if (this.inPassage()) return;
    this.drafts.splice(this.officialDrafts).forEach((d) => {
      if (!this.official.has(d)) this.drafts.push(d);
    });
    this.passageTopics = null;
  }

  private inPassage(): boolean {
    return this.wholeForeign || this.paragraphIndex - this.lastForeign <= 2;
  }

  /**
   * The labels of an official's own sentence in an official document, or null when it is no
   * statement: outside a foreign-affairs passage, or a briefing's deflection ("I'd refer you to
   * …"). With no topic cue it takes the passage's topics, with no frame cue the default frame.
   */
  private officialLabels(s: number, e: number, labels: Classification): Classification | null {
    const words = this.text.slice(s, e);
    if (DEFLECTION.test(words) || CONSULAR.test(words)) return null;
    if (COURTESY.test(words) && wordCount(words, 0, words.length) <= 12) return null;
    // With no cue at all, only a sentence that takes a stance ("We will not …", "It's unfair").
    if (!labels.topics.size && !labels.frames.size && (wordCount(words, 0, words.length) < 4 || !STANCE.test(words)))
      return null;
    if (labels.topics.size) {
      this.passageTopics = labels.topics;
      for (const t of labels.topics.keys()) if (!DOMESTIC_TOO.has(t)) this.paragraphForeign = true;
      return labels;
    }
    const topics = this.passageTopics ?? this.questionTopics;
    if (!topics?.size) return labels;
    return { ...labels, topics };
  }

  /** The label model on the drafts kept: its best frame joins the cue frames (see label-model.ts). */
  refineLabels(): void {
    const model = this.model;
    if (!model) return;
    // An official's own sentence that the model does not read as a statement is dropped.
    if (model.statement) {
      const kept = this.drafts.filter(
        (d) => !this.official.has(d) || isStatement(model, tokensIn(this.tokens, d.start, d.end)),
      );
      this.drafts.length = 0;
      this.drafts.push(...kept);
    }
    for (const draft of this.drafts) {
      if (!draft.cued) continue;
      const refined = applyModel(this.model, tokensIn(this.tokens, draft.start, draft.end), draft.cued, true);
      const complete = completeLabels(refined, true, this.taxonomy, true);
      if (complete) draft.labels = complete.labels;
    }
  }

  private isHeadline(p: Paragraph): boolean {
    const last = this.text[p.end - 1] ?? "";
    return (
      !this.text.slice(p.start, p.end).includes("\n") &&
      wordCount(this.text, p.start, p.end) <= 25 &&
      !/[.!?]/.test(last)
    );
  }

  private count(mention: Mention): void {
    if (!mention.actor || mention.kind === "pronoun") return;
    const entry = this.actorCounts.get(mention.actor);
    if (entry) entry.count++;
    else this.actorCounts.set(mention.actor, { count: 1, first: mention.start });
  }

  /** The two actors most mentioned so far: who "the two sides" are. */
  private participants(): ActorId[] {
    return [...this.actorCounts.entries()]
      .sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first)
      .slice(0, 2)
      .sort((a, b) => a[1].first - b[1].first)
      .map(([id]) => id);
  }

  private outsideQuotes(
    sentence: { start: number; end: number },
    quotes: readonly { open: number; close: number }[],
  ): WordToken[] {
    const tokens = tokensIn(this.tokens, sentence.start, sentence.end);
    if (!quotes.length) return tokens;
    // Tokens and quotes are both in text order (quotes do not overlap): one merged walk, so a
    // paragraph of thousands of quotes costs their number, not its square.
    const outside: WordToken[] = [];
    let q = 0;
    for (const t of tokens) {
      while (q < quotes.length && (quotes[q] as { close: number }).close < t.end) q++;
      const quote = quotes[q];
      if (!(quote && t.start >= quote.open && t.end <= quote.close)) outside.push(t);
    }
    return outside;
  }

  private observeAll(mentions: readonly Mention[], sentenceStart: number): void {
    let firstSeen = false;
    for (const m of mentions) {
      if (m.start < this.openingEnd && m.kind === "actor" && m.actor !== null && this.issuer === null) {
        const noun = institutionNoun(this.tokens, m);
        if (noun) this.issuer = { actor: m.actor, noun };
      }
      this.count(m);
      if (m.actor !== null && m.actor !== this.own && m.kind !== "pronoun") this.paragraphForeign = true;
      // The first person or actor opening a sentence is its likely subject: salient for "he".
      const subject = !firstSeen && m.start - sentenceStart < 40 && m.kind !== "pronoun" && m.kind !== "agency";
      if (m.kind !== "pronoun" && m.kind !== "agency" && m.kind !== "role") firstSeen = true;
      this.book.observe(m, subject);
    }
  }

  private resolve(subject: Mention): Speaker | null {
    if (subject.kind === "pronoun" || subject.kind === "role") {
      const entity = subject.anaphor ? this.book.resolve(subject.anaphor, subject.start) : null;
      if (!entity) return null;
      this.book.promote(entity, subject.start);
      return { entity, anaphoric: true };
    }
    const entity = this.book.observe(subject, true);
    if (!entity) return null;
    this.book.promote(entity, subject.start);
    return { entity, anaphoric: false };
  }

  private speakerOf(entity: Entity): Draft["speaker"] {
    if (entity.kind !== "person") return null;
    if (entity.name === null && entity.role === null) return null;
    return { name: entity.name, role: entity.role };
  }

  private push(
    start: number,
    end: number,
    kind: Draft["kind"],
    speaker: Speaker | null,
    via: string | null,
    confidence: number,
    given?: Classification,
    partners?: readonly Speaker[] | null,
    cuesRequired = false,
    official = false,
  ): void {
    const before = this.drafts.length;
    this.pushDrafts(start, end, kind, speaker, via, confidence, given, partners, cuesRequired, official);
    if (official) for (let k = before; k < this.drafts.length; k++) this.official.add(this.drafts[k] as Draft);
  }

  private pushDrafts(
    start: number,
    end: number,
    kind: Draft["kind"],
    speaker: Speaker | null,
    via: string | null,
    confidence: number,
    given?: Classification,
    partners?: readonly Speaker[] | null,
    cuesRequired = false,
    official = false,
  ): void {
    const [s, e] = trimSpan(this.text, start, end);
    if (e - s < 3) return;
    const cued = given ?? classify(this.text, tokensIn(this.tokens, s, e), this.matcher);
    // The model always gives a frame: until it runs (on the drafts kept), a stand-in one.
    const modelled = this.model !== null && speaker !== null && (this.government !== null || official);
    const labels = modelled && !cued.frames.size ? { ...cued, frames: MODEL_FRAME } : cued;
    const complete = completeLabels(labels, speaker !== null, this.taxonomy, official);
    if (!complete || (cuesRequired && complete.defaulted)) return;
    const penalty = complete.defaulted ? 0.15 : 0;
    if (!speaker) {
      this.drafts.push({
        start: s,
        end: e,
        kind: "narration",
        actor: null,
        speaker: null,
        via,
        labels: complete.labels,
        ...(modelled ? { cued } : {}),
        confidence: confidence - penalty,
      });
      return;
    }
    const entity = speaker.entity;
    const government = this.government;
    // In one government's document, what "the two sides" or "Biden and Xi" did together is
    // that government's account: one record, its actor, no single speaker.
    const joint =
      government !== null &&
      (entity.both ||
        (partners?.some((p) => p.entity.actor !== entity.actor) === true &&
          (entity.actor === government || partners.some((p) => p.entity.actor === government))));
    if (joint) {
      this.drafts.push({
        start: s,
        end: e,
        kind,
        actor: government,
        speaker: null,
        via,
        labels: complete.labels,
        ...(modelled ? { cued } : {}),
        confidence: confidence - penalty - (speaker.anaphoric ? 0.1 : 0),
      });
      return;
    }
    const actors: (ActorId | null)[] = entity.both ? this.participants() : [entity.actor];
    for (const actor of actors) {
      this.drafts.push({
        start: s,
        end: e,
        kind,
        actor,
        speaker: this.speakerOf(entity),
        via,
        labels: complete.labels,
        ...(modelled ? { cued } : {}),
        confidence: confidence - penalty - (speaker.anaphoric ? 0.1 : 0),
      });
    }
    if (!partners || entity.both) return;
    // "Biden and Xi agreed": one record per coordinated actor, each with its own speaker.
    for (let k = 0; k < partners.length; k++) {
      const partner = partners[k] as Speaker;
      const actor = partner.entity.actor;
      if (partner.entity.both || actor === entity.actor) continue;
      let seen = false;
      for (let j = 0; j < k; j++) if ((partners[j] as Speaker).entity.actor === actor) seen = true;
      if (seen) continue;
      this.drafts.push({
        start: s,
        end: e,
        kind,
        actor,
        speaker: this.speakerOf(partner.entity),
        via,
        labels: complete.labels,
        ...(modelled ? { cued } : {}),
        confidence: confidence - penalty - (partner.anaphoric ? 0.1 : 0),
      });
    }
  }

  /**
   * In an institution's own document, "the Department" is the institution, and an official whose
   * title names no country ("Assistant Secretary for Export Enforcement Laura Chen") is its.
   */
  private issued(tokens: readonly WordToken[], mentions: Mention[], issuer: { actor: ActorId; noun: string }): void {
    addIssuerMentions(tokens, mentions, issuer.noun, issuer.actor);
    for (const m of mentions) {
      if (m.kind === "person" && m.actor === null && m.roleNouns.some((n) => ISSUER_TITLES.has(n)))
        m.actor = issuer.actor;
    }
  }

  /** The speakers of coordinated subjects, resolved in text order. */
  private resolvePartners(mentions: readonly Mention[]): Speaker[] | null {
    if (!mentions.length) return null;
    const speakers: Speaker[] = [];
    for (const m of mentions) {
      const speaker = this.resolve(m);
      if (speaker) speakers.push(speaker);
    }
    return speakers.length ? speakers : null;
  }

  private narration(start: number, end: number): void {
    const [s, e] = trimSpan(this.text, start, end);
    if (this.asking || e <= s || this.text[e - 1] === "?") return;
    for (const clause of narrationClauses(this.text, s, e, this.tokens, this.matcher)) {
      if (this.author) this.push(clause.start, clause.end, "direct-quote", this.author, null, 0.7, clause.labels);
      else if (this.voice) {
        const kind = this.voice.entity.kind === "person" ? "direct-quote" : "reported-speech";
        const own = this.officialLabels(clause.start, clause.end, clause.labels);
        if (own) this.push(clause.start, clause.end, kind, this.voice, null, 0.7, own, null, false, true);
      } else this.push(clause.start, clause.end, "narration", null, null, 0.6, clause.labels);
    }
  }

  /** "U.S. stands with Manila after clash, Blinken says": the words before the comma are the speaker's. */
  private trailingHeadline(from: number, end: number): boolean {
    const comma = this.text.lastIndexOf(",", end);
    if (comma <= from) return false;
    const tail = tokensIn(this.tokens, comma, end);
    const last = tail[tail.length - 1];
    if (!last || tail.length > 8 || !(HEADLINE_VERBS.has(last.lower) || SPEECH_VERBS.has(last.lower))) return false;
    const mentions = findMentions(this.text, tail, this.lexicon);
    const subject = mentions.find((m) => m.kind !== "agency" && m.kind !== "pronoun");
    // "…, sources say": reported, but by no one who holds a stance.
    if (!subject) return tail.some((t) => ANONYMOUS_SOURCES.has(t.lower));
    const quotes = tokensIn(this.tokens, from, comma);
    this.observeAll(findMentions(this.text, quotes, this.lexicon), from);
    this.observeAll(mentions, comma);
    const speaker = this.resolve(subject);
    if (speaker) this.push(from, comma, "reported-speech", speaker, null, 0.6);
    return true;
  }

  private headline(paragraph: Paragraph, label: TurnLabel | null): void {
    const from = label ? label.contentStart : paragraph.start;
    if (!label && this.trailingHeadline(from, paragraph.end)) return;
    // "Xi warns … as Biden pledges …": each clause with its own subject is its own statement.
    const cuts = [from];
    for (const match of this.text.slice(from, paragraph.end).matchAll(/\s(?:as|while|but|after)\s|;\s/g)) {
      cuts.push(from + (match.index ?? 0));
    }
    cuts.push(paragraph.end);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const start = cuts[k] ?? from;
      const end = cuts[k + 1] ?? paragraph.end;
      const quotes = paragraph.quotes.filter((q) => q.open >= start && q.open < end);
      const tokens = this.outsideQuotes({ start, end }, quotes);
      const mentions = findMentions(this.text, tokens, this.lexicon);
      this.observeAll(mentions, start);
      const at = mentions.findIndex((m) => m.kind !== "agency" && m.kind !== "pronoun" && m.start - start < 6);
      const opening = at >= 0 ? mentions[at] : undefined;
      const subject = k === 0 && label?.speaker ? label.speaker : opening;
      const reportsSpeech =
        (k === 0 && label !== null) ||
        quotes.length > 0 ||
        tokens.some((t) => HEADLINE_VERBS.has(t.lower) || SPEECH_VERBS.has(t.lower));
      // "Blinken visits Beijing for talks on trade": a trip, a record only with cues of its own.
      const travels = !reportsSpeech && tokens.some((t) => TRAVEL_HEADLINE_VERBS.has(t.lower));
      if (!subject || !(reportsSpeech || travels)) continue;
      const speaker = this.resolve(subject);
      // "Biden and Xi agree to …": each coordinated subject says it.
      const partners =
        subject === opening ? this.resolvePartners(coordinatedWith(this.text, mentions, at, true)) : null;
      if (speaker) this.push(start, end, "reported-speech", speaker, null, 0.6, undefined, partners, travels);
    }
  }

  private transcriptTurn(paragraph: Paragraph, from: number, turn: TurnLabel): void {
    const speaker = turn.question ? null : this.turnSpeaker(turn);
    if (!speaker) {
      // A question (or, in an official transcript, a turn of no official: "China Daily:"): its
      // topics carry to the answer; only what it reports an official saying is a statement.
      if (!turn.question && !this.government) return;
      const topics = classify(this.text, tokensIn(this.tokens, from, paragraph.end), this.matcher).topics;
      if (from === turn.contentStart || topics.size) this.questionTopics = topics;
      if (!this.government) return;
      for (const t of topics.keys()) if (!DOMESTIC_TOO.has(t)) this.paragraphForeign = true;
      this.asking = true;
      const body = { ...paragraph, start: from };
      for (const [k, sentence] of splitSentences(this.text, body).entries()) {
        if (this.text[sentence.end - 1] !== "?") this.sentence(sentence, k === 0);
      }
      this.asking = false;
      this.lastSpeaker = null;
      return;
    }
    const body = { ...paragraph, start: from };
    for (const sentence of splitSentences(this.text, body)) {
      const outside = this.outsideQuotes(sentence, sentence.paragraph.quotes);
      const mentions = findMentions(this.text, outside, this.lexicon);
      if (this.government && this.reportsOther(sentence, outside, mentions, speaker)) {
        // "The Russian side says that …" in a spokesperson's answer: the words of whoever says them.
        this.sentence(sentence, false);
        continue;
      }
      this.observeAll(mentions, sentence.start);
      if (this.text[sentence.end - 1] === "?") continue;
      const [s, e] = trimSpan(this.text, sentence.start, sentence.end);
      const labels = classify(this.text, tokensIn(this.tokens, s, e), this.matcher);
      if (this.government) {
        const own = this.officialLabels(s, e, labels);
        if (own) this.push(s, e, "direct-quote", speaker, null, 0.85, own, null, false, true);
        continue;
      }
      // "We stand with our ally" in answer to a question on Second Thomas Shoal: the question's topic.
      const asked = this.questionTopics;
      const inherit = asked !== null && asked.size > 0 && !labels.topics.size && labels.frames.size > 0;
      this.push(s, e, "direct-quote", speaker, null, 0.9, inherit ? { ...labels, topics: asked } : labels);
    }
    this.lastSpeaker = speaker;
  }

  /**
   * Whether a sentence of an official's answer reports someone of another actor by name ("The
   * Russian side says …", "President Zelenskyy said …"), not a pronoun or a role.
   */
  private reportsOther(sentence: Sentence, tokens: WordToken[], mentions: Mention[], speaker: Speaker): boolean {
    const attribution = findAttribution(this.text, sentence, tokens, mentions);
    if (!attribution) return false;
    const subject = attribution.subject;
    if (subject.kind === "pronoun" || subject.kind === "role" || subject.kind === "agency") return false;
    if (subject.actor === null || subject.actor === speaker.entity.actor) return false;
    // "President Xi raised Taiwan": a named person with any reporting verb; an actor or a group
    // ("China has committed …") only with a verb of saying.
    if (!attribution.strong && subject.kind !== "person") return false;
    // The sentence's own subject, not a possessive ("the PRC's support …") or a later clause's.
    if (/^[’']/.test(this.text.slice(subject.end, subject.end + 1)) || subject.end > attribution.verbStart)
      return false;
    const before = this.text.slice(sentence.start, subject.start);
    return wordCount(before, 0, before.length) <= 3 || /,\s*$/.test(before);
  }

  /**
   * Who speaks in a turn: the label's known speaker; for "Answer:", the official the document
   * introduced; for an unknown name ("GEN. RYDER"), that person, of the actor of the title that
   * names them ("Pentagon Press Secretary … Pat Ryder Holds a Press Briefing").
   */
  private turnSpeaker(turn: TurnLabel): Speaker | null {
    if (this.government) return this.officialTurnSpeaker(turn, this.government);
    if (turn.speaker) return this.resolve(turn.speaker);
    if (turn.answer) {
      const entity = this.book.lastPerson();
      return entity ? { entity, anaphoric: true } : null;
    }
    const name = labelName(turn);
    const title = this.title;
    if (!name || !title) return null;
    const surname = name.slice(name.lastIndexOf(" ") + 1);
    const titleText = this.text.slice(title.start, title.end);
    if (!new RegExp(`\\b${surname}\\b`).test(titleText)) return null;
    const tokens = tokensIn(this.tokens, title.start, title.end);
    const actor = findMentions(this.text, tokens, this.lexicon).find((m) => m.actor !== null)?.actor ?? null;
    if (!actor) return null;
    return this.resolve(namedPerson(turn.start, turn.end, actor, name));
  }

  /**
   * Who speaks in a turn of an official transcript: a known person ("PRESIDENT XI:"); a person the
   * title names ("MS. JEAN-PIERRE:" in "Press Briefing by Press Secretary Karine Jean-Pierre",
   * "Spokesperson:" in a spokesperson's press conference); "THE PRESIDENT:", the title's president;
   * a government title ("SENIOR ADMINISTRATION OFFICIAL:"), the issuer's official of that title;
   * an honorific and a name ("MR. SMITH:"), an official of the issuer. Anyone else (an outlet,
   * "China Daily:") asks.
   */
  private officialTurnSpeaker(turn: TurnLabel, government: ActorId): Speaker | null {
    const label = turn.speaker;
    if (label?.kind === "person" && label.actor !== null) return this.resolve(label);
    const raw = turn.text.replace(/\s+/g, " ").trim();
    const lower = raw.toLowerCase().replace(/^the /, "");
    const titled = this.doc.speakers;
    const name = labelName(turn);
    const surname = name ? name.slice(name.lastIndexOf(" ") + 1).toLowerCase() : null;
    const byName = surname
      ? titled.find((m) =>
          m.name
            ?.toLowerCase()
            .split(/[\s-]+/)
            .includes(surname),
        )
      : undefined;
    const byRole =
      byName ??
      (lower === "spokesperson" || lower === "president" || lower === "vice president"
        ? titled.find((m) => (m.role ?? "").toLowerCase().endsWith(lower))
        : undefined);
    const known = byName ?? byRole;
    if (known) return this.resolve({ ...known, start: turn.start, end: turn.end });
    const titleCased = raw
      .toLowerCase()
      .replace(/(^|[\s.-])(\p{L})/gu, (_m, pre: string, ch: string) => pre + ch.toUpperCase());
    const fromTitle = titleActor(lower);
    if (fromTitle !== undefined || lower === "president" || lower === "vice president") {
      const m = namedPerson(turn.start, turn.end, fromTitle ?? government, titleCased);
      m.name = null;
      m.role = titleCased;
      m.key = `label:${lower}`;
      return this.resolve(m);
    }
    if (name && /^(?:mr|ms|mrs|dr|admiral|adm|general|gen|secretary|ambassador|director)\b\.?/i.test(raw))
      return this.resolve(namedPerson(turn.start, turn.end, government, name));
    return null;
  }

  /**
   * An op-ed's byline ("By Nicholas Burns") and closing author line ("The author is the U.S.
   * ambassador to China."): when they tie the author to an actor, the author's unattributed
   * sentences are the author's statements. Returns the indexes of those paragraphs, or null.
   */
  private byline(paragraphs: readonly Paragraph[]): number[] | null {
    const by = paragraphs.slice(1, 3).find((p) => /^By \p{Lu}[^\n,]*$/u.test(this.text.slice(p.start, p.end)));
    if (!by || wordCount(this.text, by.start, by.end) > 5) return null;
    const named = findMentions(this.text, tokensIn(this.tokens, by.start + 3, by.end), this.lexicon)[0];
    const last = paragraphs[paragraphs.length - 1];
    const lines = [by.index];
    let actor = named?.kind === "person" ? named.actor : null;
    if (
      last &&
      last.index > by.index &&
      /^(?:The (?:author|writer) is|[\p{Lu}][\p{L}.' -]* is (?:the|a|an) )/u.test(this.text.slice(last.start, last.end))
    ) {
      const described = findMentions(this.text, tokensIn(this.tokens, last.start, last.end), this.lexicon).find(
        (m) => m.kind === "person" && m.actor !== null,
      );
      if (described && wordCount(this.text, last.start, last.end) <= 20) {
        actor ??= described.actor;
        lines.push(last.index);
      }
    }
    if (!actor) return null;
    const name = this.text.slice(by.start + 3, by.end).trim();
    const mention =
      named?.kind === "person" && named.actor !== null ? named : namedPerson(by.start + 3, by.end, actor, name);
    const entity = this.book.observe(mention, false);
    if (!entity) return null;
    this.author = { entity, anaphoric: false };
    return lines;
  }

  private sentence(sentence: Sentence, opensParagraph: boolean): void {
    const quotes = sentence.paragraph.quotes.filter((q) => q.open >= sentence.start && q.open < sentence.end);
    const tokens = this.outsideQuotes(sentence, quotes);
    const mentions = findMentions(this.text, tokens, this.lexicon);
    if (this.issuer) this.issued(tokens, mentions, this.issuer);
    this.observeAll(mentions, sentence.start);
    const attribution = findAttribution(this.text, sentence, tokens, mentions);
    let speaker = attribution ? this.resolve(attribution.subject) : null;
    // A government's own account (readout, fact sheet, order): what it says the other side
    // committed to, agreed or raised ("the PRC has committed to …") is its account; only the
    // other side's words under a verb of saying keep their actor.
    const voice = this.voice;
    if (
      speaker &&
      attribution &&
      !attribution.strong &&
      voice?.entity.kind === "actor" &&
      speaker.entity.actor !== null &&
      speaker.entity.actor !== voice.entity.actor
    )
      speaker = voice;
    const partners = speaker && attribution ? this.resolvePartners(attribution.partners) : null;
    const via = attribution?.via ?? null;
    const standalone = quotes.filter((q) => {
      const words = wordCount(this.text, q.innerStart, q.innerEnd);
      const before = this.text.slice(sentence.start, q.open).trim();
      return (
        words >= STANDALONE_QUOTE_WORDS ||
        before === "" ||
        /[:]$/.test(before) ||
        (words >= 4 && /\bthat$/i.test(before))
      );
    });
    const startsWithQuote = standalone.some((q) => this.text.slice(sentence.start, q.open).trim() === "");
    let continued = false;
    if (
      !speaker &&
      startsWithQuote &&
      this.lastSpeaker &&
      (!opensParagraph || this.text[sentence.paragraph.start] === this.text[sentence.start])
    ) {
      // A quote with no attribution right after a speaker's words continues them.
      speaker = this.lastSpeaker;
      continued = true;
    }
    for (const q of standalone) {
      if (!speaker) continue;
      const inner = trimSpan(this.text, q.innerStart, q.innerEnd);
      this.push(
        inner[0],
        inner[1],
        "direct-quote",
        speaker,
        via,
        continued ? 0.65 : speaker.anaphoric ? 0.85 : 0.9,
        undefined,
        continued ? null : partners,
      );
    }
    // Everything outside the standalone quotes: the reported words, or narration.
    const reporting = speaker && attribution && !continued ? attribution : null;
    const regions = this.regions(sentence, standalone, reporting, reporting ? this.secondCut(tokens, reporting) : null);
    for (const region of regions) {
      if (region.reported && speaker)
        this.push(
          region.start,
          region.end,
          "reported-speech",
          speaker,
          via,
          attribution?.strong ? 0.8 : 0.6,
          reporting ? this.withVerbFrames(region, reporting) : undefined,
          partners,
        );
      else if (!region.reported) this.narration(region.start, region.end);
    }
    if (speaker) this.lastSpeaker = speaker;
    else if (!startsWithQuote && opensParagraph) this.lastSpeaker = null;
  }

  /**
   * The labels of reported words; when they have no frame cue of their own, the reporting verb's
   * ("The EU and China agreed … to hold a dialogue": an agreement is cooperation).
   */
  private withVerbFrames(region: Region, attribution: Attribution): Classification {
    const [s, e] = trimSpan(this.text, region.start, region.end);
    const labels = classify(this.text, tokensIn(this.tokens, s, e), this.matcher);
    if (labels.frames.size) return labels;
    const verb = classify(this.text, tokensIn(this.tokens, attribution.verbStart, attribution.verbEnd), this.matcher);
    return verb.frames.size ? { ...labels, frames: verb.frames } : labels;
  }

  private emitRegion(parts: Region[], s: number, e: number, attribution: Attribution | null): void {
    if (e - s < 2) return;
    const reported = attribution !== null && s >= attribution.contentStart - 1 && e <= attribution.contentEnd + 1;
    if (wordCount(this.text, s, e) < 3) return;
    parts.push({ start: s, end: e, reported });
  }

  /**
   * "X raised concerns about A and reiterated B": the words "and reiterated" cut the reported
   * words into two statements when each side names a topic of its own; else null.
   */
  private secondCut(tokens: readonly WordToken[], attribution: Attribution): [number, number] | null {
    const second = secondReport(tokens, attribution);
    if (!second) return null;
    const [s1, e1] = trimSpan(this.text, attribution.contentStart, second.cutStart);
    const [s2, e2] = trimSpan(this.text, second.cutEnd, attribution.contentEnd);
    if (wordCount(this.text, s1, e1) < 3 || wordCount(this.text, s2, e2) < 3) return null;
    const first = classify(this.text, tokensIn(this.tokens, s1, e1), this.matcher);
    if (!first.topics.size) return null;
    const rest = classify(this.text, tokensIn(this.tokens, s2, e2), this.matcher);
    return rest.topics.size ? [second.cutStart, second.cutEnd] : null;
  }

  /** The parts of a sentence outside its standalone quotes and its attribution phrase. */
  private regions(
    sentence: Sentence,
    standalone: readonly { open: number; close: number }[],
    attribution: Attribution | null,
    second: [number, number] | null,
  ): Region[] {
    const cuts: [number, number][] = standalone.map((q) => [q.open, q.close]);
    if (attribution) cuts.push([attribution.phraseStart, attribution.phraseEnd]);
    if (second) cuts.push(second);
    cuts.sort((a, b) => a[0] - b[0]);
    const parts: Region[] = [];
    let at = sentence.start;
    for (const [s, e] of cuts) {
      if (s > at) this.emitRegion(parts, at, s, attribution);
      at = Math.max(at, e);
    }
    if (sentence.end > at) this.emitRegion(parts, at, sentence.end, attribution);
    if (!attribution) return parts;
    // Split each part at the edges of the reported words: inside is reported, outside narration.
    const split: Region[] = [];
    for (const part of parts) {
      const s = Math.max(part.start, attribution.contentStart);
      const e = Math.min(part.end, attribution.contentEnd);
      if (part.reported || e <= s) {
        split.push(part);
        continue;
      }
      if (s > part.start) split.push({ start: part.start, end: s, reported: false });
      split.push({ start: s, end: e, reported: true });
      if (part.end > e) split.push({ start: e, end: part.end, reported: false });
    }
    return split.filter((p) => wordCount(this.text, p.start, p.end) >= 3);
  }
}

/**
 * Stance records of a text: who says what about which topic, and how they frame it, each with
 * the verbatim words (a slice of the text as submitted) and the cue words behind every label.
 * Deterministic: the same text and taxonomy always give the same records.
 */
export function extractRecords(
  input: ExtractInput,
  taxonomy: Taxonomy,
  options: { labelModel?: LabelModel | null } = {},
): StanceRecord[] {
  const model = options.labelModel === undefined ? BUNDLED_MODEL : options.labelModel;
  const extraction = new Extraction(input.text, taxonomy, input, model);
  extraction.run();
  extraction.refineLabels();
  const drafts = extraction.drafts.sort(
    (a, b) => a.start - b.start || a.end - b.end || (a.actor ?? "").localeCompare(b.actor ?? ""),
  );
  return drafts.map((draft, k) =>
    toRecord(
      draft,
      `${input.documentId}.x${String(k + 1).padStart(3, "0")}`,
      input.documentId,
      input.text,
      extraction.norm,
      taxonomy,
    ),
  );
}
