import blinkenChinaVisit from "../../data/documents/blinken-china-visit-2023-06-17.json";
import actors from "../../data/taxonomy/actors.json";
import frames from "../../data/taxonomy/frames.json";
import topics from "../../data/taxonomy/topics.json";
import type { CorpusInput } from "../engine/corpus-index";
import { createTaxonomy, type Taxonomy } from "../engine/taxonomy";
import { BundledDocumentFileSchema } from "../model/document";
import { ActorSchema, FrameSchema, TopicSchema } from "../model/taxonomy";

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
  let hash = 0x811c9dc5; // FNV-1a: cheap, and collisions only cost a stale cache entry
  for (let i = 0; i < content.length; i++) {
    hash ^= content.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  version = `b${records.length}-${(hash >>> 0).toString(36)}`;
  return version;
}
