import { buildCorpusIndex, type CorpusIndex } from "../engine/corpus-index";
import { bundledCorpus, bundledTaxonomy, bundledVersion } from "./bundled-corpus";
import { loadStoredCorpus, type StoredCorpus, storedVersion } from "./stored-documents";

/** D1 failed (unreachable, or migrations not applied); the HTTP layer answers 503. */
export class StorageUnavailableError extends Error {
  /** The database answers but has no schema: an operator's fix, not a retry's. */
  readonly schemaMissing: boolean;

  constructor(options: { cause: unknown }) {
    super("The document store is unavailable.", options);
    this.name = "StorageUnavailableError";
    const cause = options.cause instanceof Error ? options.cause.message : String(options.cause);
    this.schemaMissing = /no such table|corpus_version row missing/i.test(cause);
  }
}

let bundledOnly: CorpusIndex | undefined;
/** The merged index of the newest stored version this isolate has seen. */
let current: CorpusIndex | undefined;
/** A rebuild in progress, shared by the requests that arrive while it runs. */
let pending: { version: string; index: Promise<CorpusIndex> } | undefined;

function mergedIndex(stored: StoredCorpus): CorpusIndex {
  const bundled = bundledCorpus();
  return buildCorpusIndex(
    { documents: [...bundled.documents, ...stored.documents], records: [...bundled.records, ...stored.records] },
    bundledTaxonomy(),
    `${bundledVersion()}.${stored.version}`,
  );
}

function rebuild(db: D1Database, version: string): Promise<CorpusIndex> {
  if (pending?.version === version) return pending.index;
  const index = loadStoredCorpus(db)
    .then((stored) => {
      // The snapshot may already be newer than the version asked for (a write landed in between);
      // it is labelled with its own version, so caches never file newer data under an older key.
      const built = mergedIndex(stored);
      current = built;
      return built;
    })
    .finally(() => {
      if (pending?.index === index) pending = undefined;
    });
  pending = { version, index };
  return index;
}

/**
 * The corpus every read endpoint serves: the bundled documents plus, when a D1 database is bound,
 * the stored ones. Each request costs one small query (the version row); the merged index is
 * rebuilt only when that version changed, and kept per isolate.
 */
export async function loadCorpus(env: Env): Promise<CorpusIndex> {
  // Optional at run time: without a DB binding the service still serves the bundled corpus.
  const db: D1Database | undefined = env.DB;
  if (!db) {
    bundledOnly ??= buildCorpusIndex(bundledCorpus(), bundledTaxonomy(), bundledVersion());
    return bundledOnly;
  }
  try {
    const version = `${bundledVersion()}.${await storedVersion(db)}`;
    if (current?.version === version) return current;
    return await rebuild(db, version);
  } catch (error) {
    // Serving the bundled corpus alone here would silently hide stored documents: fail instead.
    throw new StorageUnavailableError({ cause: error });
  }
}
