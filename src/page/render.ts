import type { Context } from "hono";
import type { HtmlEscapedString } from "hono/utils/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { memoBody } from "../http/lib/memo-json";

type Rendered = HtmlEscapedString | Promise<HtmlEscapedString>;

/** A full page: the doctype keeps browsers in standards mode, which JSX alone cannot emit. */
async function pageHtml(node: Rendered): Promise<string> {
  return `<!DOCTYPE html>${await node}`;
}

export async function renderPage(
  c: Context,
  node: Rendered,
  status: ContentfulStatusCode = 200,
  headers: Record<string, string> = {},
): Promise<Response> {
  return c.html(await pageHtml(node), status, headers);
}

/** A piece of a page, for the client script to insert. */
export async function renderFragment(c: Context, node: Rendered): Promise<Response> {
  return c.html(`${await node}`, 200, { "cache-control": "no-store" });
}

/**
 * A full page rendered once per corpus version and `key` (everything the page depends on), then
 * served as a string with its ETag: the first view costs the worker a lookup, not a render.
 */
export async function memoPage(
  c: Context,
  version: string,
  key: string,
  node: () => Promise<Rendered>,
  status: ContentfulStatusCode = 200,
  headers: Record<string, string> = {},
): Promise<Response> {
  const page = await memoBody(version, `page:${key}`, async () => pageHtml(await node()));
  return c.html(page.body, status, { ...headers, etag: page.etag });
}
