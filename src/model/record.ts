import { ActorIdSchema, FrameIdSchema, PostureSchema, TopicIdSchema } from "./taxonomy";
import { z } from "./zod";

export const SpanSchema = z
  .object({
    start: z.int().min(0),
    end: z.int().min(0),
  })
  .refine((s) => s.end > s.start, { message: "end must be after start" })
  .meta({ description: "UTF-16 offsets into the document text: text.slice(start, end) === quote" })
  .openapi("Span");

export const SpeakerSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .nullable()
      .meta({ description: "As resolved from the text; null when the text names no one" }),
    role: z.string().min(1).nullable().meta({ example: "US Secretary of State" }),
  })
  .openapi("Speaker");

export const RecordKindSchema = z.enum(["direct-quote", "reported-speech", "narration"]);
export const RecordMethodSchema = z.enum(["annotated", "extracted"]);

export const CuesSchema = z
  .object({
    topics: z.record(z.string(), z.array(z.string())),
    frames: z.record(z.string(), z.array(z.string())),
    posture: z.array(z.string()).optional(),
  })
  .meta({ description: "The words in the quote that produced each label (extracted records)" });

export const StanceRecordSchema = z
  .object({
    id: z.string().min(1).meta({ example: "blinken-china-visit-2023-06-17.r06" }),
    documentId: z.string().min(1),
    actor: ActorIdSchema.nullable().meta({ description: "Who holds the stance; null for unattributed narration" }),
    speaker: SpeakerSchema.nullable(),
    topics: z.array(TopicIdSchema).min(1),
    frames: z.array(FrameIdSchema).min(1),
    posture: PostureSchema,
    quote: z.string().min(1).meta({ description: "Verbatim slice of the document text" }),
    span: SpanSchema,
    kind: RecordKindSchema,
    method: RecordMethodSchema,
    confidence: z.number().min(0).max(1),
    via: z
      .string()
      .nullable()
      .meta({ description: "Intermediary source, e.g. a news agency the statement was reported through" }),
    cues: CuesSchema.nullable(),
  })
  .openapi("StanceRecord");

export type Span = z.infer<typeof SpanSchema>;
export type Speaker = z.infer<typeof SpeakerSchema>;
export type RecordKind = z.infer<typeof RecordKindSchema>;
export type Cues = z.infer<typeof CuesSchema>;
export type StanceRecord = z.infer<typeof StanceRecordSchema>;
