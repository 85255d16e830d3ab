import type { Actor, ActorId, Frame, FrameId, Topic, TopicId } from "../model/taxonomy";
import { stem } from "./text/stem";
import { tokenize } from "./text/tokens";

export interface TaxonomyData {
  actors: Actor[];
  topics: Topic[];
  frames: Frame[];
}

/** The taxonomy with the lookups the engine needs, built once per isolate. */
export interface Taxonomy extends TaxonomyData {
  actorById: ReadonlyMap<ActorId, Actor>;
  topicById: ReadonlyMap<TopicId, Topic>;
  frameById: ReadonlyMap<FrameId, Frame>;
  /** Stems of every single word in any topic or frame cue. */
  cueStems: ReadonlySet<string>;
  /** Lower-cased words of actor names, aliases, demonyms and speaker names: never "contested vocabulary". */
  nameWords: ReadonlySet<string>;
}

export function createTaxonomy(data: TaxonomyData): Taxonomy {
  const cueStems = new Set<string>();
  for (const label of [...data.topics, ...data.frames]) {
    for (const cue of label.cues) {
      for (const token of tokenize(cue)) cueStems.add(token.stem);
    }
  }
  const nameWords = new Set<string>();
  for (const actor of data.actors) {
    const names = [actor.name, ...actor.aliases, ...actor.demonyms];
    for (const speaker of actor.speakers) names.push(speaker.name, ...speaker.aliases);
    for (const name of names) {
      for (const token of tokenize(name)) nameWords.add(token.lower);
    }
  }
  return {
    ...data,
    actorById: new Map(data.actors.map((a) => [a.id, a])),
    topicById: new Map(data.topics.map((t) => [t.id, t])),
    frameById: new Map(data.frames.map((f) => [f.id, f])),
    cueStems,
    nameWords,
  };
}

export { stem };
