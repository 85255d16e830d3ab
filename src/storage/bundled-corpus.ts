import blinkenChinaVisit from "../../data/documents/blinken-china-visit-2023-06-17.json";
import actors from "../../data/taxonomy/actors.json";
import frames from "../../data/taxonomy/frames.json";
import labelModel from "../../data/taxonomy/label-model.json";
import titles from "../../data/taxonomy/titles.json";
import topics from "../../data/taxonomy/topics.json";
import { ENGINE_VERSION } from "../engine/engine-version";
import { createTaxonomy, type Taxonomy } from "../engine/taxonomy";
import { BundledDocumentFileSchema, type StanceDocument } from "../model/document";
import type { StanceRecord } from "../model/record";
import { ActorSchema, FrameSchema, TopicSchema } from "../model/taxonomy";
import { MemoryStore } from "./memory-store";

export interface CorpusInput {
  documents: StanceDocument[];
  records: StanceRecord[];
}

/** Every document bundled with the worker, one file each in data/documents/. Add new ones here. */
export const BUNDLED_DOCUMENT_FILES: readonly unknown[] = [blinkenChinaVisit];

let taxonomy: Taxonomy | undefined;
let bundled: CorpusInput | undefined;

/** Parsed and validated once per isolate: a malformed data file fails loudly at the first request. */
export function bundledTaxonomy(): Taxonomy {
  taxonomy ??= createTaxonomy({
    actors: ActorSchema.array().parse(actors),
    topics: TopicSchema.array().parse(topics),
    frames: FrameSchema.array().parse(frames),
  });
  return taxonomy;
}

export function bundledCorpus(): CorpusInput {
  if (!bundled) {
    const files = BUNDLED_DOCUMENT_FILES.map((file) => BundledDocumentFileSchema.parse(file));
    bundled = {
      documents: files.map(({ document }) => ({
        ...document,
        length: document.text.length,
        origin: "bundled" as const,
      })),
      records: files.flatMap(({ records }) => records),
    };
  }
  return bundled;
}

/** FNV-1a of a string, base 36: cheap, and collisions only cost a stale cache entry. */
function fingerprint(content: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < content.length; i++) {
    hash ^= content.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

let analysis: string | undefined;

/**
 * What produced a stored document's records: the engine's rule version and the taxonomy's
 * fingerprint (its cues change labels as much as code does). Kept with every analysed document.
 */
export function analysisVersion(): string {
  // Everything in data/taxonomy the engine reads: cues, speakers, titles and the label model.
  analysis ??= `${ENGINE_VERSION}+${fingerprint(JSON.stringify([actors, topics, frames, titles, labelModel]))}`;
  return analysis;
}

let version: string | undefined;

/**
 * A short fingerprint of the bundled content (documents, records and the taxonomy, which shapes
 * every comparison), part of every cache key. Computed once per isolate: the bundle cannot change
 * under a running isolate.
 */
export function bundledVersion(): string {
  if (version) return version;
  const { documents, records } = bundledCorpus();
  const content = JSON.stringify([documents.map((d) => d.sha256), records, actors, topics, frames]);
  version = `b${records.length}-${fingerprint(content)}`;
  return version;
}

let store: MemoryStore | undefined;

/** The bundled corpus as a store (the reference implementation, in memory: a few documents). */
export function bundledStore(): MemoryStore {
  store ??= MemoryStore.from(bundledTaxonomy(), bundledVersion(), bundledCorpus());
  return store;
}
