import type { MiddlewareHandler } from "hono";
import { cache } from "hono/cache";
import { cors } from "hono/cors";
import { etag, RETAINED_304_HEADERS } from "hono/etag";
import { createMiddleware } from "hono/factory";
import type { AppBindings } from "../lib/app-types";
import { requestsExport } from "../lib/export";

export const CACHE_NAME = "stance-desk";

type CorsOrigin = "*" | string[];

function allowedOrigins(env: Env | undefined): CorsOrigin {
  const raw = (env?.ALLOWED_ORIGINS ?? "*").trim();
  if (raw === "" || raw === "*") return "*";
  return raw
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
}

const corsByOrigins = new Map<string, MiddlewareHandler>();

/**
 * CORS from ALLOWED_ORIGINS ("*" or a comma-separated list). The var is read per request, and one
 * middleware per distinct value is built once per isolate.
 */
export const apiCors: MiddlewareHandler<AppBindings> = (c, next) => {
  const origins = allowedOrigins(c.env);
  const key = typeof origins === "string" ? origins : origins.join(",");
  let handler = corsByOrigins.get(key);
  if (!handler) {
    handler = cors({
      origin: origins,
      allowMethods: ["GET", "HEAD", "POST", "DELETE", "OPTIONS"],
      allowHeaders: ["Content-Type", "Authorization", "If-None-Match"],
      exposeHeaders: ["ETag", "Location", "Retry-After"],
      maxAge: 86400,
    });
    corsByOrigins.set(key, handler);
  }
  return handler(c, next);
};

/** Read responses may be kept by browsers briefly and by shared caches for CACHE_S_MAXAGE seconds. */
export const cacheControl = createMiddleware<AppBindings>(async (c, next) => {
  await next();
  if (c.req.method !== "GET" && c.req.method !== "HEAD") return;
  if (c.res.status !== 200 || c.res.headers.has("cache-control")) return;
  const sMaxAge = Number.parseInt(c.env?.CACHE_S_MAXAGE ?? "300", 10) || 300;
  c.header("Cache-Control", `public, max-age=60, s-maxage=${sMaxAge}`);
});

/**
 * Strong ETags from the body's digest; If-None-Match answers 304. A 304 keeps the CORS headers:
 * without them a cross-origin client revalidating its copy would see a CORS failure, not a 304.
 */
export const strongEtag = etag({
  retainedHeaders: [
    ...RETAINED_304_HEADERS,
    "access-control-allow-origin",
    "access-control-allow-credentials",
    "access-control-expose-headers",
  ],
});

function cacheMiddleware(varyOnOrigin: boolean): MiddlewareHandler<AppBindings> {
  return cache({
    cacheName: CACHE_NAME,
    wait: false,
    keyGenerator: (c) => `${c.get("version") ?? "none"}:${c.req.url}`,
    // With an origin allow-list the CORS headers differ per origin, so the cached copy must too.
    vary: varyOnOrigin ? ["Origin"] : undefined,
    onCacheNotAvailable: false,
  });
}

const cacheAnyOrigin = typeof caches === "undefined" ? undefined : cacheMiddleware(false);
const cachePerOrigin = typeof caches === "undefined" ? undefined : cacheMiddleware(true);

/**
 * Responses kept in the Cache API under the corpus version, so a corpus change never serves a
 * stale comparison. Only where the runtime has `caches` (Workers, wrangler dev, tests).
 */
export const edgeCache: MiddlewareHandler<AppBindings> = (c, next) => {
  // Exports stream every row: a kept copy would cost what streaming saves, and the JSON copy of the
  // same URL must not answer an Accept: text/csv request.
  if (requestsExport(c.req.url, c.req.header("accept"))) return next();
  const handler = allowedOrigins(c.env) === "*" ? cacheAnyOrigin : cachePerOrigin;
  return handler ? handler(c, next) : next();
};
