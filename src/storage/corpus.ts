import { bundledStore, bundledTaxonomy } from "./bundled-corpus";
import { CombinedStore } from "./combined-store";
import type { CorpusStore } from "./corpus-store";
import { D1Store, type ReadMeter } from "./d1-store";
import { StorageUnavailableError } from "./errors";

export { StorageUnavailableError };

/** The command that creates the tables, named wherever storage is found not set up. */
export const MIGRATE_COMMAND = "wrangler d1 migrations apply DB --local";

/**
 * - ready: a D1 database with the tables; reads combine the bundled and the stored corpus.
 * - not-configured: no D1 binding; the bundled corpus only, writes impossible.
 * - not-set-up: a D1 binding without tables (plain `wrangler dev` before the migrations); the
 *   bundled corpus only, writes answer 503 naming MIGRATE_COMMAND.
 */
export type StorageState = "ready" | "not-configured" | "not-set-up";

export interface OpenCorpus {
  store: CorpusStore;
  version: string;
  storage: StorageState;
}

/** The D1 store of an env, or undefined without a binding. Optional at run time, whatever Env says. */
export function d1Store(env: Env, meter?: ReadMeter): D1Store | undefined {
  const db: D1Database | undefined = env.DB;
  return db ? new D1Store(db, bundledTaxonomy(), meter) : undefined;
}

/**
 * The corpus every read endpoint serves. Costs one small query (the version row) per request;
 * nothing corpus-sized is loaded. Throws StorageUnavailableError when D1 fails for another reason
 * than missing tables.
 */
export async function openCorpus(env: Env, meter?: ReadMeter): Promise<OpenCorpus> {
  const bundled = bundledStore();
  const d1 = d1Store(env, meter);
  if (!d1) return { store: bundled, version: await bundled.version(), storage: "not-configured" };
  try {
    const store = new CombinedStore(bundled, d1);
    return { store, version: await store.version(), storage: "ready" };
  } catch (error) {
    const unavailable =
      error instanceof StorageUnavailableError ? error : new StorageUnavailableError({ cause: error });
    if (!unavailable.schemaMissing) throw unavailable;
    return { store: bundled, version: await bundled.version(), storage: "not-set-up" };
  }
}
