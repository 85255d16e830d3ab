import { createMiddleware } from "hono/factory";
import { MIGRATE_COMMAND, openCorpus, StorageUnavailableError } from "../../storage/corpus";
import type { CorpusStore } from "../../storage/corpus-store";
import type { AppBindings } from "../lib/app-types";
import { ProblemError } from "../lib/problem";

/** The header that says a response was served from a cached copy because storage failed. */
export const STALE_HEADER = "stance-desk-stale";

/**
 * The last corpus version this isolate served: when D1 fails, a read whose answer for that version
 * is still kept (the isolate's memo or the Cache API) is served from it (stale-if-error).
 */
let lastVersion: string | undefined;

/** A store whose every read fails with the error D1 gave: what a handler without a kept copy meets. */
function failingStore(error: StorageUnavailableError): CorpusStore {
  return new Proxy({} as CorpusStore, { get: () => () => Promise.reject(error) });
}

/** 503 for storage that failed at run time, or that has no tables where a write needs them. */
export function storageProblem(error: StorageUnavailableError): ProblemError {
  if (error.schemaMissing) {
    return new ProblemError(
      503,
      "storage-not-set-up",
      `The document store has no tables yet: apply the migrations (\`${MIGRATE_COMMAND}\` for wrangler dev, \`--remote\` for a deployed worker).`,
    );
  }
  return new ProblemError(503, "storage-unavailable", "The document store is unavailable. Try again shortly.", {
    headers: { "retry-after": "5" },
  });
}

/**
 * Puts the corpus store, its version and the storage state on the context. One small query per
 * request (the version row); nothing corpus-sized is read here.
 */
export const corpusMiddleware = createMiddleware<AppBindings>(async (c, next) => {
  try {
    const open = await openCorpus(c.env);
    c.set("store", open.store);
    c.set("version", open.version);
    c.set("storage", open.storage);
    lastVersion = open.version;
  } catch (error) {
    if (!(error instanceof StorageUnavailableError)) throw error;
    console.error(`${c.req.method} ${c.req.path}: reading the corpus version failed:`, error.cause);
    if (lastVersion === undefined) throw storageProblem(error);
    // Stale-if-error: the handlers and the Cache API look up this version's copy; anything that
    // must reach D1 fails with a 503 as before.
    c.set("store", failingStore(error));
    c.set("version", lastVersion);
    c.set("storage", "ready");
    await next();
    if (c.res.status === 200 || c.res.status === 304) c.res.headers.set(STALE_HEADER, "storage-unavailable");
    return;
  }
  await next();
});

/** The API's reads: writes and /v1/analyze never look at the corpus, so they work in any storage state. */
export const corpusForReads = createMiddleware<AppBindings>((c, next) =>
  c.req.method === "GET" || c.req.method === "HEAD" ? corpusMiddleware(c, next) : next(),
);
