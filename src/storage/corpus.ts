import { buildCorpusIndex, type CorpusIndex } from "../engine/corpus-index";
import { bundledCorpus, bundledTaxonomy, bundledVersion } from "./bundled-corpus";

let index: CorpusIndex | undefined;

/**
 * The corpus every read endpoint serves, indexed once per isolate. Async because stored
 * documents (D1) join the bundled ones here.
 */
export async function loadCorpus(_env: Env): Promise<CorpusIndex> {
  index ??= buildCorpusIndex(bundledCorpus(), bundledTaxonomy(), bundledVersion());
  return index;
}
