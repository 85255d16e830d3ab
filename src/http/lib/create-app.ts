import type { Hook } from "@hono/zod-openapi";
import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { StorageUnavailableError, WriteConflictError } from "../../storage/errors";
import { storageProblem } from "../middleware/corpus";
import type { AppBindings, AppOpenAPI } from "./app-types";
import { ProblemError, problem, problemBody, problemResponse } from "./problem";

/** Every validation failure (query, params, body) becomes a 400 problem listing the zod issues. */
export const defaultHook: Hook<unknown, AppBindings, string, unknown> = (result, c) => {
  if (result.success) return;
  const body = problemBody(
    400,
    "validation",
    result.error.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`).join("; "),
    c.req.path,
  );
  body.errors = result.error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
    message: i.message,
    code: i.code,
  }));
  return problemResponse(c, 400, body);
};

export function createRouter(): AppOpenAPI {
  return new OpenAPIHono<AppBindings>({ strict: false, defaultHook });
}

/** Matchers for every registered route, used to tell "wrong method" (405) from "no such path" (404). */
function routeMatchers(app: AppOpenAPI): { pattern: RegExp; method: string }[] {
  return app.routes
    .filter((r) => r.method !== "ALL")
    .map((r) => ({
      method: r.method,
      pattern: new RegExp(`^${r.path.replace(/\/:[^/]+(\{[^}]+\})?/g, "/[^/]+").replace(/\/\*$/, "(/.*)?")}/?$`),
    }));
}

export function createApp(): AppOpenAPI {
  const app = createRouter();
  let matchers: ReturnType<typeof routeMatchers> | undefined;

  // The API serves public data meant to be embedded: allow cross-origin reads of it.
  app.use(secureHeaders({ crossOriginResourcePolicy: "cross-origin" }));

  app.notFound((c) => {
    matchers ??= routeMatchers(app);
    const allowed = [...new Set(matchers.filter((m) => m.pattern.test(c.req.path)).map((m) => m.method))];
    if (allowed.includes("GET")) allowed.push("HEAD");
    // A method the path does allow, yet no route answered (a doubled slash, a middleware-only
    // path): that is a missing resource, not a wrong method.
    if (allowed.length && !allowed.includes(c.req.method)) {
      return problemResponse(
        c,
        405,
        problemBody(
          405,
          "method-not-allowed",
          `${c.req.method} is not allowed on ${c.req.path}. Allowed: ${allowed.join(", ")}.`,
          c.req.path,
        ),
        { allow: allowed.join(", ") },
      );
    }
    return problemResponse(
      c,
      404,
      problemBody(
        404,
        "not-found",
        `No route for ${c.req.method} ${c.req.path}. See /docs for the API reference.`,
        c.req.path,
      ),
    );
  });

  app.onError((err, c) => {
    if (err instanceof ProblemError) return problem(c, err);
    if (err instanceof WriteConflictError) {
      return problem(c, new ProblemError(409, "write-conflict", err.message));
    }
    if (err instanceof StorageUnavailableError) {
      console.error(`${c.req.method} ${c.req.path}: storage failed:`, err.cause);
      return problem(c, storageProblem(err));
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      return problemResponse(
        c,
        status,
        problemBody(
          status,
          status === 400 ? "malformed-request" : "http-error",
          err.message || "The request could not be processed.",
          c.req.path,
        ),
      );
    }
    // Log for the operator; the client gets no stack or internal message.
    console.error(`${c.req.method} ${c.req.path} failed:`, err);
    return problemResponse(
      c,
      500,
      problemBody(500, "internal", "An unexpected error occurred. It has been logged.", c.req.path),
    );
  });

  return app;
}
