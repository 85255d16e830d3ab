import type { Context, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import { type CorpusIndex, memoize } from "../../engine/corpus-index";

type MemoJsonResponse<T> = Response & TypedResponse<JSONParsed<T>, 200, "json">;

interface Serialised {
  body: string;
  etag: Promise<string>;
}

/** A strong ETag for a body: its SHA-1, hex, quoted. */
export async function sha1Tag(body: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(body));
  return `"${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

/**
 * A 200 JSON response whose body and strong ETag are computed once per corpus version and key, then
 * reused by every later request of the isolate: the hot read routes cost about what a precomputed
 * body costs. Typed like `c.json(value, 200)`, so the RPC client sees the same response type.
 */
export async function memoJson<T>(
  c: Context,
  corpus: CorpusIndex,
  key: string,
  compute: () => T,
): Promise<MemoJsonResponse<T>> {
  const serialised = memoize<Serialised>(corpus, `json:${key}`, () => {
    const body = JSON.stringify(compute());
    return { body, etag: sha1Tag(body) };
  });
  const headers = { "content-type": "application/json", etag: await serialised.etag };
  // c.body() carries no JSON type; the body is exactly JSON.stringify of a T, so the cast is sound.
  return c.body(serialised.body, 200, headers) as unknown as MemoJsonResponse<T>;
}
