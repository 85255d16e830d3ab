import { createMiddleware } from "hono/factory";
import { inlineHashes } from "./assets";

/**
 * The pages run only their own inline stylesheet and script (allowed by hash), call only their
 * own API, and may not be framed. The posture scales use SVG attributes and position classes,
 * never style attributes, so no 'unsafe-inline' is needed.
 */
export async function pageCsp(): Promise<string> {
  const { style, script } = await inlineHashes();
  return [
    "default-src 'none'",
    `script-src ${script}`,
    `style-src ${style}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export async function setPageHeaders(headers: Headers): Promise<void> {
  headers.set("content-security-policy", await pageCsp());
}

/** Adds the page CSP to every HTML response of the page routes. */
export const pageSecurity = createMiddleware(async (c, next) => {
  await next();
  if ((c.res.headers.get("content-type") ?? "").startsWith("text/html")) await setPageHeaders(c.res.headers);
});
