import type { FrameId, TopicId } from "../../model/taxonomy";
import type { Taxonomy } from "../taxonomy";
import { AVERTERS, NEGATORS, SCOPE_BREAKERS, UNDERMINERS } from "./lexicon";
import { cachedStem, tokenStem, type WordToken, wordTokens } from "./word-tokens";

interface CompiledCue {
  stems: string[];
  topics: TopicId[];
  frames: FrameId[];
}

/** Cue terms compiled to stem sequences, indexed by their first stem. */
export interface CueMatcher {
  byFirstStem: Map<string, CompiledCue[]>;
}

export interface Classification {
  topics: Map<TopicId, string[]>;
  frames: Map<FrameId, string[]>;
  /** Frame cues that were present but negated ("not … confrontation"), for the explanation. */
  negated: string[];
}

const matchers = new WeakMap<Taxonomy, CueMatcher>();

export function cueMatcher(taxonomy: Taxonomy): CueMatcher {
  const cached = matchers.get(taxonomy);
  if (cached) return cached;
  const byKey = new Map<string, CompiledCue>();
  const add = (cue: string, topic: TopicId | null, frame: FrameId | null) => {
    const stems = wordTokens(cue).map((t) => cachedStem(t.lower));
    if (!stems.length) return;
    const key = stems.join(" ");
    let compiled = byKey.get(key);
    if (!compiled) {
      compiled = { stems, topics: [], frames: [] };
      byKey.set(key, compiled);
    }
    if (topic && !compiled.topics.includes(topic)) compiled.topics.push(topic);
    if (frame && !compiled.frames.includes(frame)) compiled.frames.push(frame);
  };
  for (const topic of taxonomy.topics) for (const cue of topic.cues) add(cue, topic.id, null);
  for (const frame of taxonomy.frames) for (const cue of frame.cues) add(cue, null, frame.id);
  const byFirstStem = new Map<string, CompiledCue[]>();
  for (const compiled of byKey.values()) {
    const first = compiled.stems[0] ?? "";
    const list = byFirstStem.get(first) ?? [];
    list.push(compiled);
    byFirstStem.set(first, list);
  }
  const matcher = { byFirstStem };
  matchers.set(taxonomy, matcher);
  return matcher;
}

// After a negator these verbs disavow what follows ("not seeking a new Cold War", "does not
// turn into a conflict"): a disavowed confrontation is risk management.
const DISAVOWING = new Set([
  "seek",
  "seeks",
  "seeking",
  "want",
  "wants",
  "wanting",
  "intend",
  "intends",
  "intended",
  "turn",
  "turns",
  "veer",
  "veers",
  "become",
  "becomes",
  "escalate",
  "escalates",
  "spiral",
  "spirals",
  "slide",
  "slides",
  "tip",
  "tips",
  "descend",
  "descends",
  "looking",
  "lead",
  "leads",
  "try",
  "trying",
  "attempt",
  "attempting",
  "aim",
  "aims",
  "aiming",
]);
// "will not tolerate provocations" asserts the confrontation rather than denying it.
const REAFFIRMING = new Set(["tolerate", "accept", "allow", "permit", "hesitate", "rule"]);
const SKIPPABLE = new Set([
  "a",
  "an",
  "the",
  "any",
  "so",
  "very",
  "only",
  "just",
  "be",
  "is",
  "are",
  "was",
  "were",
  "been",
  "to",
  "in",
  "into",
  "of",
  "merely",
]);
const HOSTILE_FRAMES = new Set<FrameId>(["confrontation", "security-threat"]);
// What an underminer works against: "undermine stability" is not risk management.
const UNDERMINED_FRAMES = new Set<FrameId>(["cooperation", "risk-management"]);

// Every single word that opens a scope, for one lookup per token.
const SCOPE_OPENERS: ReadonlySet<string> = new Set([...NEGATORS, ...AVERTERS, ...UNDERMINERS]);

/** "rather than", "instead of": the second word of a phrase that rejects what follows. */
function isRejecting(tokens: readonly WordToken[], i: number): boolean {
  const lower = (tokens[i] as WordToken).lower;
  if (lower !== "than" && lower !== "of") return false;
  const prev = tokens[i - 1]?.lower;
  return (lower === "than" && prev === "rather") || (lower === "of" && prev === "instead");
}

/**
 * What a negator does to a frame cue in its scope: nothing, removes it, or (for a disavowed or
 * averted confrontation or threat) turns it into risk management. It removes the cue right after
 * it ("not responsible competition") and hostile cues anywhere in its clause ("should not
 * contradict"), but not other stances further on ("should not contradict China's legitimate
 * right": the right is asserted).
 */
function negationEffect(
  tokens: readonly WordToken[],
  negator: number,
  hit: CueHit,
): "none" | "removed" | "averted" | "undermined" {
  const hostile = hit.cue.frames.some((f) => HOSTILE_FRAMES.has(f));
  if (UNDERMINERS.has(tokens[negator]?.lower ?? "")) {
    // "undermine regional stability": the stability is under attack, the statement confrontational.
    return !hostile && hit.cue.frames.every((f) => UNDERMINED_FRAMES.has(f)) ? "undermined" : "none";
  }
  // "partners rather than rivals": whatever follows is rejected, a rejected conflict averted.
  if (isRejecting(tokens, negator)) return hostile ? "averted" : "removed";
  const between = tokens.slice(negator + 1, hit.from);
  if (between.some((t) => REAFFIRMING.has(t.lower))) return "none";
  const adjacent = between.every((t) => SKIPPABLE.has(t.lower));
  if (!hostile && !adjacent) return "none";
  const averting = AVERTERS.has(tokens[negator]?.lower ?? "") || between.some((t) => DISAVOWING.has(t.lower));
  return hostile && averting ? "averted" : "removed";
}

/**
 * "are not intended to harm China's economy", "does not seek to undermine": a disavowed intent to
 * work against something is a reassurance, which is risk management.
 */
function disavowedHarm(tokens: readonly WordToken[], scope: Int32Array, frames: Map<FrameId, string[]>): void {
  for (let i = 0; i < tokens.length; i++) {
    const negator = scope[i] ?? -1;
    if (negator < 0 || !UNDERMINERS.has((tokens[i] as WordToken).lower)) continue;
    if (!NEGATORS.has(tokens[negator]?.lower ?? "") && !(tokens[negator]?.lower ?? "").endsWith("n't")) continue;
    let disavowing = false;
    let plain = true;
    for (let k = negator + 1; k < i; k++) {
      const lower = (tokens[k] as WordToken).lower;
      if (DISAVOWING.has(lower)) disavowing = true;
      else if (!SKIPPABLE.has(lower)) plain = false;
    }
    if (disavowing && plain)
      add(frames, "risk-management", `${tokens[negator]?.form ?? ""} … ${tokens[i]?.form ?? ""}`);
  }
}

interface CueHit {
  from: number;
  to: number; // exclusive token index
  cue: CompiledCue;
  form: string;
}

const CLAUSE_PUNCTUATION = /[,;:.!?()\u2014\u2013]|\s-\s/;

/**
 * For each token, the index of the negator whose scope covers it (or -1). A scope runs from the
 * negator to the end of its clause: punctuation, a contrast word ("but", "rather"), or 8 words.
 * "rather than", "instead of" and underminers ("undermine", "jeopardize") open scopes too; a negated
 * underminer ("will not undermine") opens none.
 */
function negationScopes(text: string, tokens: readonly WordToken[]): Int32Array | null {
  let scope: Int32Array | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const lower = tokens[i]?.lower ?? "";
    if (!SCOPE_OPENERS.has(lower) && !lower.endsWith("n't") && !isRejecting(tokens, i)) continue;
    const opener = scope ? (scope[i] ?? -1) : -1;
    if (opener >= 0 && UNDERMINERS.has(lower) && !UNDERMINERS.has(tokens[opener]?.lower ?? "")) continue;
    scope ??= new Int32Array(tokens.length).fill(-1);
    for (let j = i + 1; j < tokens.length && j <= i + 8; j++) {
      const prev = tokens[j - 1];
      const token = tokens[j];
      if (!prev || !token) break;
      if (CLAUSE_PUNCTUATION.test(text.slice(prev.end, token.start))) break;
      if (SCOPE_BREAKERS.has(token.lower)) break;
      scope[j] = i;
    }
  }
  return scope;
}

function add<K>(map: Map<K, string[]>, key: K, form: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [form]);
  else if (!list.includes(form)) list.push(form);
}

/**
 * Topics and frames of a passage, from the taxonomy's cue terms: multi-word, matched on stems
 * (so "avoiding miscalculations" matches "avoid miscalculation"), longest match first within
 * topics and within frames, and frame cues inside a negation scope left out. An averted
 * confrontation or threat ("avoid conflict") counts as risk management.
 */
export function classify(text: string, tokens: readonly WordToken[], matcher: CueMatcher): Classification {
  const stems: string[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) stems[i] = tokenStem(tokens[i] as WordToken);
  const hits: CueHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = matcher.byFirstStem.get(stems[i] ?? "");
    if (!candidates) continue;
    for (const cue of candidates) {
      const n = cue.stems.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = stems[i + k] === cue.stems[k];
      if (!ok) continue;
      let form = tokens[i]?.form ?? "";
      for (let k = 1; k < n; k++) form += ` ${tokens[i + k]?.form ?? ""}`;
      hits.push({ from: i, to: i + n, cue, form });
    }
  }
  const topics = new Map<TopicId, string[]>();
  const frames = new Map<FrameId, string[]>();
  const negated: string[] = [];
  if (!hits.length) return { topics, frames, negated };
  const scope = negationScopes(text, tokens);
  if (scope) disavowedHarm(tokens, scope, frames);
  hits.sort((a, b) => a.from - b.from || b.to - a.to);
  // In this order every hit that contains a later one, and is longer, comes before it (no two hits
  // share both ends), so "contained in a longer hit" is "an earlier hit reaches as far": one
  // running maximum per kind instead of a scan of all hits for each hit.
  let topicReach = -1;
  let frameReach = -1;
  for (const hit of hits) {
    const topicContained = topicReach >= hit.to;
    const frameContained = frameReach >= hit.to;
    if (hit.cue.topics.length) topicReach = Math.max(topicReach, hit.to);
    if (hit.cue.frames.length) frameReach = Math.max(frameReach, hit.to);
    if (hit.cue.topics.length && !topicContained) {
      for (const topic of hit.cue.topics) add(topics, topic, hit.form);
    }
    if (!hit.cue.frames.length || frameContained) continue;
    const negator = scope ? (scope[hit.from] ?? -1) : -1;
    const effect = negator >= 0 && negator < hit.from ? negationEffect(tokens, negator, hit) : "none";
    if (effect === "none") {
      for (const frame of hit.cue.frames) add(frames, frame, hit.form);
      continue;
    }
    if (effect === "undermined") {
      add(frames, "confrontation", `${tokens[negator]?.form ?? ""} … ${hit.form}`);
      continue;
    }
    negated.push(hit.form);
    if (effect === "averted") add(frames, "risk-management", `${tokens[negator]?.form ?? ""} … ${hit.form}`);
  }
  return { topics, frames, negated };
}
