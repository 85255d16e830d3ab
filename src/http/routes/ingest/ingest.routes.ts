import { createRoute, z } from "@hono/zod-openapi";
import { DocumentWithRecordsSchema } from "../../../model/document";
import { DocumentIdParamSchema } from "../../lib/params";
import { problemResponseSpec } from "../../lib/problem";
import { SubmissionSchema } from "../../lib/submission";
import { writeGuard } from "../../middleware/write-guard";

const tags = ["Documents"];

/** Fields a stored document takes beyond those of /v1/analyze. */
export const DocumentExtrasSchema = z.object({
  synthetic: z.boolean().optional().openapi({
    description: "True for text you wrote or generated yourself, never for real reporting (default false)",
  }),
  notes: z.string().min(1).max(2000).optional().openapi({ description: "Provenance notes kept with the document" }),
});

export const DocumentSubmissionSchema = SubmissionSchema.extend(DocumentExtrasSchema.shape).openapi(
  "DocumentSubmission",
);

const writeProblems = {
  401: problemResponseSpec("No bearer token (see WWW-Authenticate)"),
  403: problemResponseSpec("Wrong bearer token"),
  429: problemResponseSpec("Too many writes for this token or client (see Retry-After)"),
  503: problemResponseSpec("storage not configured (no D1 database or no INGEST_TOKEN)"),
};

export const createDocument = createRoute({
  method: "post",
  path: "/v1/documents",
  tags,
  summary: "Store a document: extract its stance records and add both to the corpus (idempotent by text)",
  description:
    "Same bodies, limits and errors as POST /v1/analyze. The text is stored exactly as sent; its SHA-256 identifies it, so sending the same text again returns the document already stored (200) instead of a copy. Needs Authorization: Bearer <INGEST_TOKEN>.",
  middleware: [writeGuard] as const,
  security: [{ ingestToken: [] }],
  request: {
    // Documented here but read by readSubmission (as /v1/analyze does), which owns the limits and errors.
    body: {
      required: true,
      content: {
        "application/json": { schema: { $ref: "#/components/schemas/DocumentSubmission" } },
        "text/plain": { schema: { type: "string", description: "The text itself" } },
      },
    },
  },
  responses: {
    200: {
      description: "The same text was already in the corpus: that document",
      content: { "application/json": { schema: DocumentWithRecordsSchema } },
    },
    201: {
      description: "Stored; Location names the new document",
      headers: { Location: { schema: { type: "string" }, description: "/v1/documents/{id}" } },
      content: { "application/json": { schema: DocumentWithRecordsSchema } },
    },
    400: problemResponseSpec("Empty text, malformed JSON or invalid field"),
    408: problemResponseSpec("The body took longer than 30 seconds to arrive"),
    409: problemResponseSpec("Concurrent writes kept storing and deleting the same text meanwhile: try again"),
    413: problemResponseSpec("Body over 1 MiB or text over 200,000 characters"),
    415: problemResponseSpec("Content type other than application/json or text/plain"),
    422: problemResponseSpec("language not supported yet, or a text that cannot be stored exactly"),
    ...writeProblems,
  },
});

export const deleteDocument = createRoute({
  method: "delete",
  path: "/v1/documents/{id}",
  tags,
  summary: "Remove a stored document and its records",
  middleware: [writeGuard] as const,
  security: [{ ingestToken: [] }],
  request: { params: DocumentIdParamSchema },
  responses: {
    204: { description: "Deleted" },
    404: problemResponseSpec("No stored document with this id"),
    409: problemResponseSpec("A bundled document: it ships with the worker and cannot be deleted"),
    ...writeProblems,
  },
});

export type CreateDocumentRoute = typeof createDocument;
export type DeleteDocumentRoute = typeof deleteDocument;
