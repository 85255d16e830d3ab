import type { Context, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";

type MemoJsonResponse<T> = Response & TypedResponse<JSONParsed<T>, 200, "json">;

/** A strong ETag for a body: its SHA-1, hex, quoted. */
export async function sha1Tag(body: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(body));
  return `"${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

export interface Serialised {
  body: string;
  etag: string;
}

/** Bounds on what an isolate keeps: few entries, and never more than a few MB of bodies. */
const MAX_ENTRIES = 256;
const MAX_BYTES = 8 * 1024 * 1024;
const memo = new Map<string, Promise<Serialised>>();
const sizes = new Map<string, number>();
let bytes = 0;

function forget(key: string): void {
  memo.delete(key);
  bytes -= sizes.get(key) ?? 0;
  sizes.delete(key);
}

/**
 * A body and its ETag, computed once per corpus version and key and kept for the isolate's later
 * requests (least recently used out first). Keyed by the version, so a write is never served stale;
 * a failed computation is not kept.
 */
export function memoBody(version: string, key: string, compute: () => Promise<string>): Promise<Serialised> {
  const full = `${version}\u0000${key}`;
  const hit = memo.get(full);
  if (hit) {
    memo.delete(full);
    memo.set(full, hit);
    return hit;
  }
  const made = compute().then(async (body) => ({ body, etag: await sha1Tag(body) }));
  memo.set(full, made);
  made.then(
    (s) => {
      if (memo.get(full) !== made) return;
      sizes.set(full, s.body.length * 2);
      bytes += s.body.length * 2;
      while ((memo.size > MAX_ENTRIES || bytes > MAX_BYTES) && memo.size > 1) {
        const oldest = memo.keys().next().value as string;
        forget(oldest);
      }
    },
    () => forget(full),
  );
  return made;
}

/** Whether the memo holds a body for this version and key (a read that needs no storage). */
export function memoHas(version: string, key: string): boolean {
  return memo.has(`${version}\u0000${key}`);
}

/**
 * A 200 JSON response whose body and strong ETag are computed once per corpus version and key.
 * Typed like `c.json(value, 200)`, so the RPC client sees the same response type.
 */
export async function memoJson<T>(
  c: Context,
  version: string,
  key: string,
  compute: () => Promise<T>,
): Promise<MemoJsonResponse<T>> {
  const serialised = await memoBody(version, `json:${key}`, async () => JSON.stringify(await compute()));
  const headers = { "content-type": "application/json", etag: serialised.etag };
  // c.body() carries no JSON type; the body is exactly JSON.stringify of a T, so the cast is sound.
  return c.body(serialised.body, 200, headers) as unknown as MemoJsonResponse<T>;
}

/** Forgets every kept body: for benches that measure uncached reads. */
export function clearMemo(): void {
  memo.clear();
  sizes.clear();
  bytes = 0;
}
