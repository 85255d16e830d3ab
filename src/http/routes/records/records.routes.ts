import { createRoute, z } from "@hono/zod-openapi";
import { RecordKindSchema } from "../../../model/record";
import { ExportQuerySchema } from "../../lib/export";
import { CorpusFilterQuerySchema } from "../../lib/filters";
import { actorCode, PageQuerySchema, queryParam } from "../../lib/params";
import { problemResponseSpec } from "../../lib/problem";
import { RecordPageSchema } from "../../schemas/responses";

export const RecordsQuerySchema = PageQuerySchema.extend({
  actor: queryParam(actorCode().optional()).openapi({
    description: "Only records held by this actor (ISO 3166-1 alpha-2)",
    example: "CN",
  }),
  topic: queryParam(z.string().max(64).optional()).openapi({
    description: "Only records on this topic",
    example: "taiwan",
  }),
  frame: queryParam(z.string().max(64).optional()).openapi({
    description: "Only records in this frame",
    example: "confrontation",
  }),
  document: queryParam(z.string().max(128).optional()).openapi({ description: "Only records from this document" }),
  kind: queryParam(RecordKindSchema.optional()).openapi({
    description: "Only records of this kind (narration = unattributed)",
  }),
  ...CorpusFilterQuerySchema.shape,
  ...ExportQuerySchema.shape,
});

export const listRecords = createRoute({
  method: "get",
  path: "/v1/records",
  tags: ["Records"],
  summary: "Stance records, filtered and paginated (sorted by id)",
  request: { query: RecordsQuerySchema },
  responses: {
    200: {
      description: "A page of records (JSON), or every matching record (CSV, NDJSON)",
      content: { "application/json": { schema: RecordPageSchema } },
    },
    400: problemResponseSpec("Bad filter, date range, limit or cursor"),
    404: problemResponseSpec("Unknown actor, topic, frame or document"),
  },
});

export type ListRecordsRoute = typeof listRecords;
