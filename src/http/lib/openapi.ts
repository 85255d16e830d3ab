import { Scalar } from "@scalar/hono-api-reference";
import type { AppOpenAPI } from "./app-types";

export const API_VERSION = "1.0.0";

export function configureOpenApi(app: AppOpenAPI): void {
  // Named components come from the model schemas themselves (`.openapi("Name")`), so every route
  // that uses one refers to it by $ref.
  // Generated once per isolate and origin (the document names its own server), not per request:
  // walking every schema costs far more than serving the string.
  const documents = new Map<string, string>();
  app.get("/openapi.json", (c) => {
    const origin = new URL(c.req.url).origin;
    let body = documents.get(origin);
    if (body === undefined) {
      body = JSON.stringify(
        app.getOpenAPI31Document({
          openapi: "3.1.0",
          info: {
            title: "Stance Desk API",
            version: API_VERSION,
            description:
              "How two actors (by default the United States and China) frame each topic, side by side, with verbatim evidence: every quote is an exact slice of a stored document (text.slice(span.start, span.end) === quote). Errors are RFC 9457 application/problem+json.",
          },
          servers: [{ url: origin }],
        }),
      );
      if (documents.size < 8) documents.set(origin, body);
    }
    return c.body(body, 200, { "content-type": "application/json" });
  });
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
