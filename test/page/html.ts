/** Reading the worker's HTML in tests: hono/jsx escapes & < > " ' and nothing else. */
export function decodeHtml(html: string): string {
  return html
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The text inside the first element with this id, tags removed (for flat inline markup only). */
export function textOfBlock(html: string, openTag: string, closeTag: string): string {
  const start = html.indexOf(openTag);
  if (start < 0) throw new Error(`no ${openTag} in the page`);
  const end = html.indexOf(closeTag, start);
  return decodeHtml(html.slice(start + openTag.length, end).replace(/<[^>]+>/g, ""));
}

export async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  let binary = "";
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
