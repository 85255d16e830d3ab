import type { ActorId } from "../../model/taxonomy";
import type { Mention } from "./actors";

/** Someone the text has mentioned: a person, a group or an actor, remembered for anaphora. */
export interface Entity {
  key: string;
  kind: "person" | "group" | "actor";
  actor: ActorId | null;
  name: string | null;
  role: string | null;
  roleNouns: Set<string>;
  both: boolean;
  /** Offset of the last mention. */
  last: number;
  /** Offset of the last mention as a subject (of a reporting verb, or opening a sentence). */
  lastSubject: number;
}

/**
 * The document's cast, in order of mention. Pronouns and definite roles ("he", "the
 * spokesman") resolve to the most salient fitting entity: the last one that was a subject.
 */
function bySalience(a: Entity, b: Entity): number {
  return b.lastSubject - a.lastSubject || b.last - a.last;
}

// Descriptions that fit a person by what they do rather than by their title.
const DIPLOMATIC_ROLE = /foreign|secretary of state|diplomat|ambassador|envoy|spokes|consul|counsellor|councilor/i;
const LEADING_ROLE =
  /president|premier|prime minister|chancellor|leader|chairman|king|queen|emperor|general secretary/i;
const SPOKES = /^spokes(?:man|woman|person)$/;

/** Whether a generic description ("official", "diplomat", "leader") fits a known person. */
function describes(noun: string, entity: Entity): boolean {
  const role = entity.role ?? "";
  switch (noun) {
    case "official":
    case "representative":
    case "delegate":
    case "negotiator":
      return true;
    case "diplomat":
    case "envoy":
      return DIPLOMATIC_ROLE.test(role);
    case "leader":
      return LEADING_ROLE.test(role) && !/\bvice\b/i.test(role);
    default:
      if (SPOKES.test(noun)) {
        for (const held of entity.roleNouns) if (SPOKES.test(held)) return true;
      }
      return false;
  }
}

export class EntityBook {
  private readonly byKey = new Map<string, Entity>();

  /** Registers a mention and returns the entity it names (null for pronouns and agencies). */
  observe(mention: Mention, subject: boolean): Entity | null {
    if (mention.kind === "pronoun" || mention.kind === "agency" || mention.kind === "role") return null;
    const key = this.keyOf(mention);
    let entity = this.byKey.get(key);
    if (!entity) {
      entity = {
        key,
        kind: mention.kind === "person" ? "person" : mention.kind === "group" ? "group" : "actor",
        actor: mention.actor,
        name: mention.name,
        role: mention.role,
        roleNouns: new Set(mention.roleNouns),
        both: mention.both,
        last: mention.start,
        lastSubject: -1,
      };
      this.byKey.set(key, entity);
    } else {
      for (const noun of mention.roleNouns) entity.roleNouns.add(noun);
      if (!entity.role && mention.role) entity.role = mention.role;
      if (entity.actor === null && mention.actor !== null) entity.actor = mention.actor;
    }
    entity.last = mention.start;
    if (subject) entity.lastSubject = mention.start;
    return entity;
  }

  private keyOf(mention: Mention): string {
    if (mention.key) {
      // A bare surname ("Hayashi") names the person already introduced in full.
      if (mention.key.startsWith("name:") && mention.name && !mention.name.includes(" ")) {
        const word = mention.name;
        const known = this.recentPerson((e) => e.name?.split(/\s+/).includes(word) ?? false);
        if (known) return known.key;
      }
      if (mention.key.startsWith("name:") && mention.actor === null && mention.roleNouns.length) {
        // "Japan's foreign minister … Foreign Minister Yoshimasa Hayashi": the same person, now named.
        const unnamed = this.recentPerson((e) => e.name === null && mention.roleNouns.some((n) => e.roleNouns.has(n)));
        if (unnamed) {
          this.byKey.delete(unnamed.key);
          unnamed.key = mention.key;
          unnamed.name = mention.name;
          this.byKey.set(mention.key, unnamed);
          return mention.key;
        }
      }
      return mention.key;
    }
    if (mention.kind === "person") {
      // "the Chinese foreign minister" after "Foreign Minister Qin Gang": the same person.
      const noun = mention.roleNouns[mention.roleNouns.length - 1];
      const known = this.recentPerson((e) => e.actor === mention.actor && noun !== undefined && e.roleNouns.has(noun));
      if (known) return known.key;
      if (mention.definite && mention.actor !== null && noun !== undefined) {
        // "The Chinese leader", "the top U.S. diplomat": the last named person of that country the description fits.
        const fit = this.recentPerson((e) => e.actor === mention.actor && e.name !== null && describes(noun, e));
        if (fit) return fit.key;
      }
      return `role:${mention.actor ?? "?"}:${mention.role ?? noun ?? ""}`;
    }
    if (mention.both) return "group:both";
    return `${mention.kind}:${mention.actor ?? mention.role ?? "?"}`;
  }

  /**
   * The most recently mentioned person that fits, the first registered on a tie. A scan, not a
   * sort: it runs for many mentions, and a long text can hold thousands of people.
   */
  private recentPerson(fits: (e: Entity) => boolean): Entity | null {
    let best: Entity | null = null;
    let bestAt = Number.NEGATIVE_INFINITY;
    for (const e of this.byKey.values()) {
      if (e.kind !== "person") continue;
      const at = Math.max(e.lastSubject, e.last);
      if (at > bestAt && fits(e)) {
        best = e;
        bestAt = at;
      }
    }
    return best;
  }

  /** The person mentioned last with an actor ("A spokesperson for the Ministry of Commerce"), or null. */
  lastPerson(): Entity | null {
    return this.recentPerson((e) => e.actor !== null);
  }

  /** Marks an entity as the subject of a statement at `offset`. */
  promote(entity: Entity, offset: number): void {
    entity.lastSubject = Math.max(entity.lastSubject, offset);
    entity.last = Math.max(entity.last, offset);
  }

  /** The entity a pronoun or a definite role refers to, before `offset`. */
  resolve(anaphor: string, offset: number): Entity | null {
    if (anaphor === "it") return null;
    const he = anaphor === "he" || anaphor === "she";
    const they = anaphor === "they";
    // One pass, keeping the best candidate of each kind; on a tie the first registered wins.
    let subject: Entity | null = null;
    let person: Entity | null = null;
    let group: Entity | null = null;
    let holder: Entity | null = null;
    for (const e of this.byKey.values()) {
      if (!(e.last < offset || e.lastSubject < offset)) continue;
      if (e.kind === "group") {
        if (they && (!group || e.last > group.last)) group = e;
        continue;
      }
      if (e.kind !== "person") continue;
      if (he) {
        if (e.lastSubject >= 0 && (!subject || bySalience(e, subject) < 0)) subject = e;
        if (!person || e.last > person.last) person = e;
      } else if (!they && e.roleNouns.has(anaphor) && (!holder || bySalience(e, holder) < 0)) holder = e;
    }
    if (he) return subject ?? person;
    if (they) return group;
    // A role noun: the most salient person holding that role.
    return holder;
  }

  /** The two actors the document is about: the most often mentioned, in order of first mention. */
  all(): Entity[] {
    return [...this.byKey.values()];
  }
}
