import { CLIENT_SCRIPT } from "./client-script";
import { STYLES } from "./styles";

/**
 * The stylesheet and script are inlined in every page: one response is the whole first view, with
 * no render-blocking fetch. The CSP allows exactly these two texts by their SHA-256 (no
 * 'unsafe-inline', no nonce), so the policy stays strict and the pages stay cacheable.
 */
export const INLINE_STYLE = STYLES;
export const INLINE_SCRIPT = CLIENT_SCRIPT;

async function cspHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  let binary = "";
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return `'sha256-${btoa(binary)}'`;
}

let hashes: Promise<{ style: string; script: string }> | undefined;

/** Computed once per isolate: the texts are constants of the deployed version. */
export function inlineHashes(): Promise<{ style: string; script: string }> {
  hashes ??= Promise.all([cspHash(INLINE_STYLE), cspHash(INLINE_SCRIPT)]).then(([style, script]) => ({
    style,
    script,
  }));
  return hashes;
}
