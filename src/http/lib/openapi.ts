import { Scalar } from "@scalar/hono-api-reference";
import type { AppOpenAPI } from "./app-types";

export const API_VERSION = "1.0.0";

export function configureOpenApi(app: AppOpenAPI): void {
  // Named components come from the model schemas themselves (`.openapi("Name")`), so every route
  // that uses one refers to it by $ref.
  app.doc31("/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: {
      title: "Stance Desk API",
      version: API_VERSION,
      description:
        "How two actors (by default the United States and China) frame each topic, side by side, with verbatim evidence: every quote is an exact slice of a stored document (text.slice(span.start, span.end) === quote). Errors are RFC 9457 application/problem+json.",
    },
    servers: [{ url: new URL(c.req.url).origin }],
  }));
  app.get(
    "/docs",
    // Served from our own static assets (see wrangler.toml), never from a CDN.
    Scalar({
      url: "/openapi.json",
      pageTitle: "Stance Desk API reference",
      cdn: "/docs/scalar.js",
      // System fonts: the reference must not reach out to a font host.
      withDefaultFonts: false,
    }),
  );
}
