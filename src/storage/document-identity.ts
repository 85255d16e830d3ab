const encoder = new TextEncoder();

/** SHA-256 of the text's UTF-8 bytes, hex: the idempotency key, and the `sha256` of a document. */
export async function sha256Hex(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * A stored document's id: a readable slug of its title, then 12 hex digits of the text's hash.
 * Derived from the text, so the same text always gets the same id (even across databases).
 */
export function storedDocumentId(title: string, sha256: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 60)
    .replace(/^-+|-+$/g, "");
  return `${slug || "document"}-${sha256.slice(0, 12)}`;
}

const MAX_TITLE = 120;

/** When a submission has no title: its first non-empty line, shortened. */
export function titleFromText(text: string): string {
  const line =
    text
      .split(/\r\n|\r|\n/)
      .map((l) => l.replace(/\s+/g, " ").trim())
      .find((l) => l !== "") ?? "Untitled";
  // By code point, so an emoji is never cut in half.
  const chars = Array.from(line);
  return chars.length <= MAX_TITLE
    ? line
    : `${chars
        .slice(0, MAX_TITLE - 1)
        .join("")
        .trimEnd()}…`;
}

/**
 * Offset of the first unpaired UTF-16 surrogate, or -1. A JSON body can carry one ("\ud800"); D1
 * stores UTF-8, which cannot represent it, so such a text could not be stored exactly as submitted.
 */
export function unpairedSurrogateAt(text: string): number {
  // With the u flag a well-formed pair is one code point, so only lone halves match.
  return text.search(/[\uD800-\uDFFF]/u);
}

/**
 * Why a text cannot be stored exactly as sent, or null. Besides unpaired surrogates: a NUL
 * character (U+0000). D1 keeps it, but SQLite's text functions stop at it (length, substr), so the
 * write batch's verbatim check cannot find any quote after it: POST /v1/documents failed with a
 * 500 and every queued analysis of such a text failed until its job was dead-lettered.
 */
export function unstorableTextReason(text: string): string | null {
  const surrogate = unpairedSurrogateAt(text);
  if (surrogate >= 0)
    return `The text has an unpaired UTF-16 surrogate at offset ${surrogate}; it cannot be stored exactly as sent.`;
  const nul = text.indexOf("\u0000");
  if (nul >= 0) return `The text has a NUL character (U+0000) at offset ${nul}; it cannot be stored exactly as sent.`;
  return null;
}

/**
 * The title the engine is given as document-level evidence: the submitted one, or null when there
 * is none. A title that is only the text's first line (what titleFromText makes for a document
 * sent without one) is not separate evidence, and read as a headline it misled the engine (a
 * press-secretary statement "on Taiwan" credited to Taiwan, a press conference's turns lost), so
 * POST /v1/documents and the queue consumer, which sees only the stored title, both leave it out.
 */
export function engineTitle(title: string | null, text: string): string | null {
  return title === null || title === titleFromText(text) ? null : title;
}
