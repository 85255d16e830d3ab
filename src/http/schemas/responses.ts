import { z } from "@hono/zod-openapi";
import { DocumentMetaSchema, DocumentWithRecordsSchema } from "../../model/document";
import { StanceRecordSchema } from "../../model/record";
import { ActorSchema, FrameSchema, TopicSchema } from "../../model/taxonomy";

export const RecordCountsSchema = z.record(z.string(), z.int().min(0)).openapi({
  description: "Record counts keyed by actor id; the key 'null' counts unattributed narration",
  example: { US: 7, CN: 5, null: 2 },
});

export const ActorWithCountSchema = ActorSchema.extend({ recordCount: z.int().min(0) });
export const ActorListSchema = z.object({ actors: z.array(ActorWithCountSchema) });

export const TopicWithCountsSchema = TopicSchema.extend({ recordCount: z.int().min(0), counts: RecordCountsSchema });
export const TopicListSchema = z.object({ topics: z.array(TopicWithCountsSchema) });

export const FrameListSchema = z.object({ frames: z.array(FrameSchema) });

const pageFields = {
  nextCursor: z.string().nullable().openapi({ description: "Pass as cursor for the next page; null on the last page" }),
  total: z.int().min(0).openapi({ description: "Items matching the filters, across all pages" }),
};

export const DocumentListSchema = z.object({ documents: z.array(DocumentMetaSchema), ...pageFields });
export const RecordPageSchema = z.object({ records: z.array(StanceRecordSchema), ...pageFields });
export { DocumentWithRecordsSchema };

export const HealthSchema = z.object({
  status: z.literal("ok"),
  corpusVersion: z.string(),
  documents: z.int().min(0),
  records: z.int().min(0),
  storage: z.enum(["ready", "not-configured", "not-set-up"]).meta({
    description:
      "ready: stored documents are served; not-configured: no D1 binding; not-set-up: D1 without tables (run the migrations)",
  }),
  storageDetail: z.string().meta({ description: "What the storage state means, with the command to fix it if any" }),
});
