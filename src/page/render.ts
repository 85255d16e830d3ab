import type { Context } from "hono";
import type { HtmlEscapedString } from "hono/utils/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";

type Rendered = HtmlEscapedString | Promise<HtmlEscapedString>;

/** A full page: the doctype keeps browsers in standards mode, which JSX alone cannot emit. */
export async function renderPage(
  c: Context,
  node: Rendered,
  status: ContentfulStatusCode = 200,
  headers: Record<string, string> = {},
): Promise<Response> {
  return c.html(`<!DOCTYPE html>${await node}`, status, headers);
}

/** A piece of a page, for the client script to insert. */
export async function renderFragment(c: Context, node: Rendered): Promise<Response> {
  return c.html(`${await node}`, 200, { "cache-control": "no-store" });
}
