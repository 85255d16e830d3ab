import { createRoute, z } from "@hono/zod-openapi";
import { problemResponseSpec } from "../../lib/problem";
import { writeGuard } from "../../middleware/write-guard";

const tags = ["Imports"];

/** Limits of one POST /v1/imports body (the CLI sends chunks well inside them). */
export const MAX_IMPORT_LINES = 1000;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** Documents one POST /v1/reanalyze queues at most; call it again for the rest. */
export const MAX_REANALYZE_DOCUMENTS = 5000;

export const ImportIdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "imp-mbx1k2-3f9a0c1d" }),
});

export const ImportSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["import", "reanalyze"]),
    status: z.enum(["queued", "running", "done", "done-with-failures"]).openapi({
      description:
        "queued: no analysis finished yet; running: some finished; done: every document analysed; done-with-failures: finished, with invalid lines or failed analyses",
    }),
    counts: z.object({
      lines: z.int().openapi({ description: "Non-blank lines received" }),
      stored: z.int().openapi({ description: "New texts stored (pending until analysed)" }),
      duplicate: z.int().openapi({ description: "Texts already stored (by SHA-256) or repeated in the body" }),
      invalid: z.int().openapi({ description: "Lines that are not a valid submission" }),
      analyzed: z.int().openapi({ description: "Documents of this import analysed so far" }),
      failed: z.int().openapi({ description: "Documents whose analysis failed every attempt" }),
    }),
    failures: z
      .array(z.object({ line: z.int().optional(), documentId: z.string().optional(), reason: z.string() }))
      .openapi({
        description: "Invalid lines (line, reason) and failed analyses (documentId, reason); the first 1,000",
      }),
    pending: z.int().openapi({ description: "Documents whose analysis is still queued" }),
    remaining: z.int().optional().openapi({
      description: "Re-analysis only: documents still at another engine version and not queued by this call",
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Import");

const writeProblems = {
  401: problemResponseSpec("No bearer token (see WWW-Authenticate)"),
  403: problemResponseSpec("Wrong bearer token"),
  429: problemResponseSpec("Too many writes for this token or client (see Retry-After)"),
  503: problemResponseSpec("storage or queue not configured, or unavailable"),
};

const accepted = {
  description: "Accepted: texts stored, analyses queued. Location names the import to poll",
  headers: { Location: { schema: { type: "string" as const }, description: "/v1/imports/{id}" } },
  content: { "application/json": { schema: ImportSchema } },
};

export const createImport = createRoute({
  method: "post",
  path: "/v1/imports",
  tags,
  summary: "Bulk import: store many texts at once and analyse them on the queue",
  description: `One submission per line (the JSON object POST /v1/documents takes: text, title, source, url, publishedAt, language, synthetic, notes), at most ${MAX_IMPORT_LINES} non-blank lines and ${MAX_IMPORT_BYTES} bytes (10 MiB) per request. Each new text is stored at once with analysis status 'pending' (idempotent by SHA-256) and its analysis queued; a line that is not a valid submission is reported with its number and the reason, and the other lines still go in. Needs Authorization: Bearer <INGEST_TOKEN>.`,
  middleware: [writeGuard] as const,
  security: [{ ingestToken: [] }],
  request: {
    body: {
      required: true,
      content: {
        "application/x-ndjson": {
          schema: { type: "string", description: "Newline-delimited JSON: one DocumentSubmission per line" },
        },
      },
    },
  },
  responses: {
    202: accepted,
    400: problemResponseSpec("The body is not valid UTF-8"),
    413: problemResponseSpec(`More than ${MAX_IMPORT_LINES} lines or ${MAX_IMPORT_BYTES} bytes`),
    415: problemResponseSpec("Content type other than application/x-ndjson"),
    ...writeProblems,
  },
});

export const getImport = createRoute({
  method: "get",
  path: "/v1/imports/{id}",
  tags,
  summary: "An import's progress: status, counts and failures (never cached)",
  request: { params: ImportIdParamSchema },
  responses: {
    200: { description: "The import", content: { "application/json": { schema: ImportSchema } } },
    404: problemResponseSpec("No import with this id"),
    503: problemResponseSpec("storage not configured, or unavailable"),
  },
});

export const KnownRequestSchema = z
  .object({ sha256: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(MAX_IMPORT_LINES) })
  .openapi("KnownTextsRequest");

export const knownTexts = createRoute({
  method: "post",
  path: "/v1/imports/known",
  tags,
  summary: "Which of these SHA-256 hashes are stored already (the import CLI's resume)",
  middleware: [writeGuard] as const,
  security: [{ ingestToken: [] }],
  request: { body: { required: true, content: { "application/json": { schema: KnownRequestSchema } } } },
  responses: {
    200: {
      description: "The hashes of stored (or bundled) texts among those sent",
      content: { "application/json": { schema: z.object({ known: z.array(z.string()) }) } },
    },
    400: problemResponseSpec("Not a list of at most 1,000 hex SHA-256 hashes"),
    ...writeProblems,
  },
});

export const reanalyze = createRoute({
  method: "post",
  path: "/v1/reanalyze",
  tags,
  summary: "Queue the re-analysis of every stored document analysed by another engine or taxonomy version",
  description: `Documents whose engine_version is not the running analysisVersion() (null included: engines before versions), at most ${MAX_REANALYZE_DOCUMENTS} per call (the answer's remaining says how many are left). Progress is an import: poll Location. Needs Authorization: Bearer <INGEST_TOKEN>.`,
  middleware: [writeGuard] as const,
  security: [{ ingestToken: [] }],
  responses: { 202: accepted, ...writeProblems },
});

export type CreateImportRoute = typeof createImport;
export type GetImportRoute = typeof getImport;
export type KnownTextsRoute = typeof knownTexts;
export type ReanalyzeRoute = typeof reanalyze;
