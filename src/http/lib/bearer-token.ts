const encoder = new TextEncoder();

async function digest(value: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", encoder.encode(value));
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}

/**
 * Constant-time comparison. Both sides are hashed first, so the loop always covers 32 bytes and
 * never exits early: neither the content nor the length of the secret leaks through timing.
 */
export async function tokensEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = (await Promise.all([digest(given), digest(expected)])).map((d) => new Uint8Array(d));
  if (!a || !b) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/** A short, non-reversible name for a token, usable as a rate-limit key or in logs. */
export async function tokenFingerprint(token: string): Promise<string> {
  const bytes = new Uint8Array(await digest(`rate-limit:${token}`));
  return [...bytes.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
