import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** RFC 9457 problem details. `type` is a URN naming the kind of problem; `errors` lists zod issues. */
export const ProblemSchema = z
  .object({
    type: z.string().meta({ example: "urn:stance-desk:problem:not-found" }),
    title: z.string().meta({ example: "Not Found" }),
    status: z.int().meta({ example: 404 }),
    detail: z.string().meta({ example: "No topic with id 'tariffs'. Known topics: strategic-competition, …" }),
    instance: z.string().optional().meta({ description: "The request path" }),
    errors: z
      .array(
        z.object({
          path: z.array(z.union([z.string(), z.number()])),
          message: z.string(),
          code: z.string(),
        }),
      )
      .optional()
      .meta({ description: "Validation issues, one per offending field" }),
  })
  .openapi("Problem");

export type Problem = z.infer<typeof ProblemSchema>;

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** A problem raised anywhere below a handler; the app's onError turns it into a response. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly slug: string,
    readonly detail: string,
    readonly extra: { errors?: Problem["errors"]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = "ProblemError";
  }
}

export function problemBody(status: number, slug: string, detail: string, instance?: string): Problem {
  return { type: `urn:stance-desk:problem:${slug}`, title: TITLES[status] ?? "Error", status, detail, instance };
}

export function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  body: Problem,
  headers: Record<string, string> = {},
): Response {
  return c.json(body, status, { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store", ...headers });
}

export function problem(c: Context, error: ProblemError): Response {
  const body = problemBody(error.status, error.slug, error.detail, c.req.path);
  if (error.extra.errors) body.errors = error.extra.errors;
  return problemResponse(c, error.status, body, error.extra.headers);
}

/** The OpenAPI response entry for a problem status, shared by every route. */
export function problemResponseSpec(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } };
}
