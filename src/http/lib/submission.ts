import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { detectEnglish } from "../../engine/extract/language";
import { ProblemError } from "./problem";

export const MAX_TEXT_CHARS = 200_000;
export const MAX_BODY_BYTES = 1024 * 1024;

/** Years a submitted publication date may name: real reporting, not a typo a timeline would span. */
export const PUBLISHED_YEARS = { min: 1900, max: 2100 } as const;

/** A real calendar day, or a date-time with its offset, as the read filters and the timeline expect. */
export const PublishedAtSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .refine(
    (value) => {
      const year = Number(value.slice(0, 4));
      return year >= PUBLISHED_YEARS.min && year <= PUBLISHED_YEARS.max;
    },
    { message: `a year from ${PUBLISHED_YEARS.min} to ${PUBLISHED_YEARS.max}` },
  )
  .openapi({
    description: `YYYY-MM-DD, or an ISO 8601 date-time with Z or an offset; a year from ${PUBLISHED_YEARS.min} to ${PUBLISHED_YEARS.max}`,
    example: "2023-06-17",
  });

/** A text submitted for analysis (POST /v1/analyze, POST /v1/documents). */
export const SubmissionSchema = z
  .object({
    text: z.string().openapi({ description: "The article, readout or transcript, as written (English)" }),
    title: z.string().min(1).max(500).optional(),
    source: z.string().min(1).max(200).optional().openapi({ description: "Outlet or issuing body" }),
    url: z.url().optional(),
    publishedAt: PublishedAtSchema.optional(),
    language: z.string().min(2).max(35).optional().openapi({ description: "BCP 47 tag; only English is supported" }),
  })
  .openapi("Submission");

export type Submission = z.infer<typeof SubmissionSchema>;

function mediaType(c: Context): string {
  return (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** "line 3, column 14" for the character offset where JSON.parse stopped. */
function jsonErrorPosition(body: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /position (\d+)/.exec(message);
  // Newer V8 messages already say "(line 1 column 16)".
  if (!match?.[1] || /line \d+/.test(message)) return message;
  const offset = Number(match[1]);
  const before = body.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `${message} (line ${line}, column ${column})`;
}

/** How long a body may take to arrive, in total: a client trickling bytes cannot hold a request open. */
export const BODY_READ_TIMEOUT_MS = 30_000;

function tooLarge(what: string, limit: number): ProblemError {
  return new ProblemError(
    413,
    "too-large",
    `The body is ${what}; the limit is ${limit} bytes (${limit / 1024 / 1024} MiB).`,
  );
}

/**
 * Reads a request body of at most `limit` bytes without ever holding more: a declared
 * Content-Length over the limit is refused before a byte is read, and a body without one
 * (chunked) or with a wrong one is counted as it streams in and cancelled at the first chunk past
 * the limit. A body that takes longer than `timeoutMs` to arrive is cancelled with a 408. The
 * body can be read once: readSubmission keeps the parsed JSON for `submittedJson`.
 */
export async function readBoundedBody(
  c: Context,
  limit: number,
  timeoutMs: number = BODY_READ_TIMEOUT_MS,
): Promise<Uint8Array> {
  const declared = c.req.header("content-length");
  if (declared !== undefined) {
    if (!/^\s*\d+\s*$/.test(declared)) {
      throw new ProblemError(
        400,
        "malformed-request",
        `Content-Length '${declared.slice(0, 40)}' is not a number of bytes.`,
      );
    }
    if (Number(declared) > limit) throw tooLarge(`${declared.trim()} bytes`, limit);
  }
  const raw = c.req.raw;
  // Something already read it (hono keeps a copy): take that copy, still bounded.
  if (raw.bodyUsed) {
    const cached = new Uint8Array(await c.req.arrayBuffer());
    if (cached.byteLength > limit) throw tooLarge(`${cached.byteLength} bytes`, limit);
    return cached;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (raw.body) {
    const reader = raw.body.getReader();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    try {
      for (;;) {
        const next = await Promise.race([reader.read(), deadline]);
        if (next === "timeout") {
          reader.cancel().catch(() => undefined);
          throw new ProblemError(408, "body-timeout", `The body did not arrive within ${timeoutMs / 1000} seconds.`);
        }
        if (next.done) break;
        const chunk: Uint8Array = next.value;
        total += chunk.byteLength;
        if (total > limit) {
          reader.cancel().catch(() => undefined);
          throw tooLarge(`more than ${limit} bytes`, limit);
        }
        chunks.push(chunk);
      }
    } finally {
      clearTimeout(timer);
    }
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function readBody(c: Context): Promise<string> {
  const bytes = await readBoundedBody(c, MAX_BODY_BYTES);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ProblemError(400, "malformed-body", "The body is not valid UTF-8.");
  }
}

/** The JSON body readSubmission parsed, per request: fields beyond the submission's (POST /v1/documents). */
const parsedBodies = new WeakMap<Request, unknown>();

/** The JSON value readSubmission parsed from this request's body (undefined for text/plain). */
export function submittedJson(c: Context): unknown {
  return parsedBodies.get(c.req.raw);
}

function parseJson(c: Context, body: string): Submission {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new ProblemError(400, "malformed-json", `The body is not valid JSON: ${jsonErrorPosition(body, error)}.`);
  }
  parsedBodies.set(c.req.raw, parsed);
  const result = SubmissionSchema.safeParse(parsed);
  if (!result.success) {
    const errors = result.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
      message: i.message,
      code: i.code,
    }));
    throw new ProblemError(
      400,
      "validation",
      errors.map((e) => `${e.path.join(".") || "body"}: ${e.message}`).join("; "),
      { errors },
    );
  }
  return result.data;
}

/**
 * Reads and checks a submission: application/json ({text, title?, …}) or text/plain (the text
 * itself). Throws ProblemError for everything the engine should not see: an empty text (400), a
 * body over 1 MiB or a text over 200,000 characters (413), another content type (415), malformed
 * JSON (400, with where it broke) and a language other than English (422).
 */
export async function readSubmission(c: Context): Promise<Submission> {
  const type = mediaType(c);
  if (type !== "application/json" && type !== "text/plain") {
    throw new ProblemError(
      415,
      "unsupported-media-type",
      `Content-Type '${type || "(none)"}' is not supported. Send application/json or text/plain.`,
      { headers: { "accept-post": "application/json, text/plain" } },
    );
  }
  const body = await readBody(c);
  const submission: Submission = type === "application/json" ? parseJson(c, body) : { text: body };
  const problem = submissionProblem(submission);
  if (problem) throw problem;
  return submission;
}

/**
 * What is wrong with a parsed submission's text, or undefined: an empty text (400), a text over
 * 200,000 characters (413), a language other than English (422). Shared with POST /v1/imports,
 * which reports it per line.
 */
export function submissionProblem(submission: Submission): ProblemError | undefined {
  if (submission.text.trim() === "") {
    return new ProblemError(400, "empty-text", "The text is empty or only whitespace.");
  }
  if (submission.text.length > MAX_TEXT_CHARS) {
    return new ProblemError(
      413,
      "too-large",
      `The text is ${submission.text.length} characters; the limit is ${MAX_TEXT_CHARS}.`,
    );
  }
  if (submission.language !== undefined && !/^en(-|$)/i.test(submission.language)) {
    return new ProblemError(
      422,
      "language-not-supported",
      `language not supported yet: '${submission.language}'. Only English (en) texts can be analysed.`,
    );
  }
  const verdict = detectEnglish(submission.text);
  if (!verdict.english) {
    return new ProblemError(
      422,
      "language-not-supported",
      `language not supported yet: the text does not look like English (${verdict.reason}).`,
    );
  }
  return undefined;
}
