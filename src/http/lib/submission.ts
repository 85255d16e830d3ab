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

async function readBody(c: Context): Promise<string> {
  const declared = c.req.header("content-length");
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) {
    throw new ProblemError(413, "too-large", `The body is ${declared} bytes; the limit is ${MAX_BODY_BYTES} (1 MiB).`);
  }
  // Content-Length can be absent (chunked) or wrong: count the bytes actually received.
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) {
    throw new ProblemError(
      413,
      "too-large",
      `The body is ${bytes.byteLength} bytes; the limit is ${MAX_BODY_BYTES} (1 MiB).`,
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ProblemError(400, "malformed-body", "The body is not valid UTF-8.");
  }
}

function parseJson(body: string): Submission {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new ProblemError(400, "malformed-json", `The body is not valid JSON: ${jsonErrorPosition(body, error)}.`);
  }
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
  const submission: Submission = type === "application/json" ? parseJson(body) : { text: body };
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
