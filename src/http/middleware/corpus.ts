import { createMiddleware } from "hono/factory";
import { loadCorpus } from "../../storage/corpus";
import type { AppBindings } from "../lib/app-types";

/** Puts the (per-isolate, per-version) corpus index on the context for handlers and cache keys. */
export const corpusMiddleware = createMiddleware<AppBindings>(async (c, next) => {
  c.set("corpus", await loadCorpus(c.env));
  await next();
});
