import type { MiddlewareHandler } from "hono";
import { cache } from "hono/cache";
import { cors } from "hono/cors";
import { etag } from "hono/etag";
import { createMiddleware } from "hono/factory";
import type { AppBindings } from "../lib/app-types";

export const CACHE_NAME = "stance-desk";

/** Origins from ALLOWED_ORIGINS ("*" or a comma-separated list), read per request so a var change needs no code change. */
export const apiCors = cors({
  origin: (origin, c) => {
    const allowed = ((c.env as Env | undefined)?.ALLOWED_ORIGINS ?? "*").trim();
    if (allowed === "*") return "*";
    return allowed
      .split(",")
      .map((o) => o.trim())
      .includes(origin)
      ? origin
      : null;
  },
  allowMethods: ["GET", "HEAD", "POST", "DELETE", "OPTIONS"],
  allowHeaders: ["Content-Type", "Authorization", "If-None-Match"],
  exposeHeaders: ["ETag", "Location", "Retry-After"],
  maxAge: 86400,
});

/** Read responses may be kept by browsers briefly and by shared caches for CACHE_S_MAXAGE seconds. */
export const cacheControl = createMiddleware<AppBindings>(async (c, next) => {
  await next();
  if (c.req.method !== "GET" && c.req.method !== "HEAD") return;
  if (c.res.status !== 200 || c.res.headers.has("cache-control")) return;
  const sMaxAge = Number.parseInt(c.env?.CACHE_S_MAXAGE ?? "300", 10) || 300;
  c.header("Cache-Control", `public, max-age=60, s-maxage=${sMaxAge}`);
});

/** Strong ETags from the body's digest; If-None-Match answers 304. */
export const strongEtag = etag();

/**
 * Responses kept in the Cache API under the corpus version, so a corpus change never serves
 * a stale comparison. Only where the runtime has `caches` (Workers, wrangler dev, tests).
 */
export const edgeCache: MiddlewareHandler<AppBindings> =
  typeof caches === "undefined"
    ? async (_c, next) => next()
    : cache({
        cacheName: CACHE_NAME,
        wait: false,
        keyGenerator: (c) => `${c.get("corpus")?.version ?? "none"}:${c.req.url}`,
        onCacheNotAvailable: false,
      });
