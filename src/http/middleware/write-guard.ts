import { createMiddleware } from "hono/factory";
import type { AppBindings } from "../lib/app-types";
import { bearerToken, tokenFingerprint, tokensEqual } from "../lib/bearer-token";
import { ProblemError } from "../lib/problem";

/** Must equal `period` of the WRITE_LIMITER binding in wrangler.toml: a 429 asks to wait this long. */
export const WRITE_LIMIT_PERIOD_S = 10;

const CHALLENGE = 'Bearer realm="stance-desk"';

/** Counts one write against the limiter; 429 when the key has used up its window. */
async function enforceRateLimit(limiter: RateLimit | undefined, key: string): Promise<void> {
  // Without the binding (e.g. a deployment that removed it) writes are only guarded by the token.
  if (!limiter) return;
  const { success } = await limiter.limit({ key });
  if (!success) {
    throw new ProblemError(
      429,
      "rate-limited",
      `Too many writes. Wait ${WRITE_LIMIT_PERIOD_S} seconds before the next one.`,
      { headers: { "retry-after": String(WRITE_LIMIT_PERIOD_S) } },
    );
  }
}

/**
 * Everything a write (POST/DELETE /v1/documents) must pass before its body is read, in order:
 * storage and token configured (503), a bearer token (401), the right one (403), the rate limit
 * (429) — per token once authenticated, per client IP before, so guessing tokens is limited too.
 */
export const writeGuard = createMiddleware<AppBindings>(async (c, next) => {
  // Optional at run time even though the generated Env types them as present.
  const db: D1Database | undefined = c.env.DB;
  const expected: string | undefined = c.env.INGEST_TOKEN;
  const limiter: RateLimit | undefined = c.env.WRITE_LIMITER;
  if (!db) {
    throw new ProblemError(
      503,
      "storage-not-configured",
      "storage not configured: this deployment has no D1 database bound as DB, so it cannot store documents.",
    );
  }
  if (!expected) {
    throw new ProblemError(
      503,
      "storage-not-configured",
      "storage not configured: the INGEST_TOKEN secret is not set, so no write can be authorised.",
    );
  }
  const ip = c.req.header("cf-connecting-ip") ?? "unknown";
  const given = bearerToken(c.req.header("authorization"));
  if (given === null) {
    await enforceRateLimit(limiter, `ip:${ip}`);
    throw new ProblemError(401, "unauthorized", "Writes need an Authorization: Bearer <INGEST_TOKEN> header.", {
      headers: { "www-authenticate": CHALLENGE },
    });
  }
  if (!(await tokensEqual(given, expected))) {
    await enforceRateLimit(limiter, `ip:${ip}`);
    throw new ProblemError(403, "forbidden", "The bearer token is not valid for writes.");
  }
  await enforceRateLimit(limiter, `token:${await tokenFingerprint(given)}`);
  await next();
});
