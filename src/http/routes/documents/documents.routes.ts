import { createRoute } from "@hono/zod-openapi";
import { ExportQuerySchema } from "../../lib/export";
import { CorpusFilterQuerySchema } from "../../lib/filters";
import { DocumentIdParamSchema, PageQuerySchema } from "../../lib/params";
import { problemResponseSpec } from "../../lib/problem";
import { DocumentListSchema, DocumentWithRecordsSchema } from "../../schemas/responses";

const tags = ["Documents"];

export const listDocuments = createRoute({
  method: "get",
  path: "/v1/documents",
  tags,
  summary: "Documents in the corpus (metadata only), by id",
  request: { query: PageQuerySchema.extend(CorpusFilterQuerySchema.shape).extend(ExportQuerySchema.shape) },
  responses: {
    200: {
      description: "A page of documents (JSON), or every matching document (CSV, NDJSON)",
      content: { "application/json": { schema: DocumentListSchema } },
    },
    400: problemResponseSpec("Bad limit, cursor or date range"),
  },
});

export const getDocument = createRoute({
  method: "get",
  path: "/v1/documents/{id}",
  tags,
  summary: "One document: its exact text, metadata and stance records",
  request: { params: DocumentIdParamSchema },
  responses: {
    200: { description: "The document", content: { "application/json": { schema: DocumentWithRecordsSchema } } },
    404: problemResponseSpec("Unknown document"),
  },
});

export type ListDocumentsRoute = typeof listDocuments;
export type GetDocumentRoute = typeof getDocument;
