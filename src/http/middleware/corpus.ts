import { createMiddleware } from "hono/factory";
import { loadCorpus, StorageUnavailableError } from "../../storage/corpus";
import type { AppBindings } from "../lib/app-types";
import { ProblemError } from "../lib/problem";

function isStoreWrite(method: string, path: string): boolean {
  return (
    (method === "POST" && /^\/v1\/documents\/?$/.test(path)) ||
    (method === "DELETE" && path.startsWith("/v1/documents/"))
  );
}

/** Puts the (per-isolate, per-version) corpus index on the context for handlers and cache keys. */
export const corpusMiddleware = createMiddleware<AppBindings>(async (c, next) => {
  // Writes to the store neither read the corpus nor may wait for it: after each write the index is
  // stale, and rebuilding it on every POST would make a bulk ingest quadratic.
  if (isStoreWrite(c.req.method, c.req.path)) return next();
  try {
    c.set("corpus", await loadCorpus(c.env));
  } catch (error) {
    if (!(error instanceof StorageUnavailableError)) throw error;
    console.error(`${c.req.method} ${c.req.path}: loading the stored corpus failed:`, error.cause);
    if (error.schemaMissing) {
      throw new ProblemError(
        503,
        "storage-unavailable",
        "The document store has no tables yet: apply the migrations (`wrangler d1 migrations apply DB --local` for wrangler dev, `--remote` for a deployed worker).",
      );
    }
    throw new ProblemError(503, "storage-unavailable", "The document store is unavailable. Try again shortly.", {
      headers: { "retry-after": "5" },
    });
  }
  await next();
});
