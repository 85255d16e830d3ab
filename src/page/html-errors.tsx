import { createMiddleware } from "hono/factory";
import { PROBLEM_CONTENT_TYPE } from "../http/lib/problem";
import { renderPage } from "./render";
import { setPageHeaders } from "./security";
import { ErrorPage } from "./views/error-page";

/** Paths that belong to the machine-readable API: their errors stay problem+json whatever Accept says. */
const API_PATHS = /^\/(v1(\/|$)|openapi\.json$|docs(\/|$)|fragments\/)/;

/**
 * A browser that asks for a page that does not exist gets a page, not JSON. Wraps the app's
 * problem+json 404/405 for non-API paths when the request accepts text/html.
 */
export const htmlErrorPages = createMiddleware(async (c, next) => {
  await next();
  const { status } = c.res;
  if (status !== 404 && status !== 405) return;
  if (API_PATHS.test(c.req.path)) return;
  if (!(c.res.headers.get("content-type") ?? "").startsWith(PROBLEM_CONTENT_TYPE)) return;
  if (!(c.req.header("accept") ?? "").includes("text/html")) return;
  const allow = c.res.headers.get("allow");
  const detail =
    status === 404
      ? `There is no page at ${c.req.path}.`
      : `This page cannot be requested with ${c.req.method}.${allow ? ` Allowed: ${allow}.` : ""}`;
  const title = status === 404 ? "Page not found" : "Method not allowed";
  const page = await renderPage(c, <ErrorPage status={status} title={title} detail={detail} />, status, {
    "cache-control": "no-store",
    ...(allow ? { allow } : {}),
  });
  await setPageHeaders(page.headers);
  c.res = undefined;
  c.res = page;
});
