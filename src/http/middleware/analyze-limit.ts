import { createMiddleware } from "hono/factory";
import type { AppBindings } from "../lib/app-types";
import { ProblemError } from "../lib/problem";

/** Must equal `period` of the ANALYZE_LIMITER binding in wrangler.toml: a 429 asks to wait this long. */
export const ANALYZE_LIMIT_PERIOD_S = 10;

/**
 * Requests the page's analyze form passes on to POST /v1/analyze in-process: the form counted
 * them already, so they are not counted twice. A set of request objects, not a header, so no
 * client can claim it.
 */
const counted = new WeakSet<Request>();

/** Marks an in-process request as already counted against the analyze limit, and returns it. */
export function alreadyCounted(request: Request): Request {
  counted.add(request);
  return request;
}

/** The client a limit applies to: the connecting IP Cloudflare reports ("unknown" only outside Cloudflare). */
export function clientKey(header: string | undefined): string {
  return `ip:${header?.trim() || "unknown"}`;
}

/**
 * Per-client limit on the unauthenticated CPU-heavy endpoints (POST /v1/analyze and the page's
 * POST /analyze), checked before the body is read: 429 with Retry-After once a client has used up
 * its window. Without the binding, or when the limiter itself fails, requests go through: the
 * limit protects capacity, it is not an access control.
 */
export const analyzeLimit = createMiddleware<AppBindings>(async (c, next) => {
  if (c.req.method !== "POST" || counted.has(c.req.raw)) return next();
  // Optional at run time even though the generated Env types it as present.
  const limiter: RateLimit | undefined = c.env.ANALYZE_LIMITER;
  if (limiter) {
    let success = true;
    try {
      ({ success } = await limiter.limit({ key: clientKey(c.req.header("cf-connecting-ip")) }));
    } catch (error) {
      console.error(
        `${c.req.method} ${c.req.path}: the analyze rate limiter failed, letting the request through:`,
        error,
      );
    }
    if (!success) {
      throw new ProblemError(
        429,
        "rate-limited",
        `Too many analyses from this client. Wait ${ANALYZE_LIMIT_PERIOD_S} seconds before the next one.`,
        { headers: { "retry-after": String(ANALYZE_LIMIT_PERIOD_S) } },
      );
    }
  }
  await next();
});
