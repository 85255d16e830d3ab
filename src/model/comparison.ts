import { StanceRecordSchema } from "./record";
import { ActorIdSchema, FrameIdSchema, TopicIdSchema } from "./taxonomy";
import { z } from "./zod";

export const ActorRefSchema = z.object({
  id: ActorIdSchema,
  name: z.string(),
});

export const TopicRefSchema = z.object({
  id: TopicIdSchema,
  label: z.string(),
  description: z.string(),
});

export const FrameCountsSchema = z
  .partialRecord(FrameIdSchema, z.int().min(0))
  .meta({ description: "How many of the side's records carry each frame (frames with no record are omitted)" });

export const SideSchema = z
  .object({
    actor: ActorIdSchema,
    recordCount: z.int().min(0),
    records: z.array(StanceRecordSchema),
    frameCounts: FrameCountsSchema,
    meanPosture: z
      .number()
      .min(-1)
      .max(1)
      .nullable()
      .meta({ description: "Mean posture of the records; null when the side has none" }),
    note: z
      .string()
      .nullable()
      .meta({ description: '"no statement in the corpus" when the side has no record on the topic', example: null }),
  })
  .openapi("Side");

export const ContrastSchema = z
  .object({
    sharedFrames: z.array(FrameIdSchema),
    onlyA: z.array(FrameIdSchema),
    onlyB: z.array(FrameIdSchema),
    postureGap: z
      .number()
      .min(0)
      .max(2)
      .nullable()
      .meta({ description: "|meanPosture(a) - meanPosture(b)|; null unless both sides have records" }),
    divergence: z.number().min(0).max(1).nullable().meta({
      description:
        "0.5 * total-variation distance between the two sides' frame distributions + 0.5 * postureGap / 2. 0 = same framing and posture, 1 = disjoint frames at opposite ends of the posture scale. Null unless both sides have records.",
    }),
  })
  .openapi("Contrast");

export const TopicComparisonSchema = z
  .object({
    topic: TopicRefSchema,
    a: SideSchema,
    b: SideSchema,
    contrast: ContrastSchema,
    context: z.array(StanceRecordSchema).meta({ description: "Unattributed narration records on the topic" }),
  })
  .openapi("TopicComparison");

export const ComparisonSchema = z
  .object({
    a: ActorRefSchema,
    b: ActorRefSchema,
    topics: z.array(TopicComparisonSchema).meta({
      description: "One entry per topic on which a, b or narration has at least one record, in taxonomy order",
    }),
  })
  .openapi("Comparison");

export const TermSideSchema = z.object({
  frames: z.array(FrameIdSchema).meta({ description: "Frames of the side's records that use the term" }),
  forms: z.array(z.string()).meta({ description: "Surface forms the side used, lower-cased" }),
  recordCount: z.int().min(0).meta({ description: "How many of the side's records use the term" }),
  records: z
    .array(StanceRecordSchema)
    .meta({ description: "The most recent records using the term (at most `evidence`), newest first" }),
});

export const ContestedTermSchema = z.object({
  term: z
    .string()
    .meta({ description: "Stem shared by the forms, shown as its most frequent form", example: "miscalculation" }),
  score: z.number().min(0).max(1).meta({
    description:
      "How differently the two sides frame the term: Jaccard distance of their frame sets, halved for words outside the taxonomy's cue vocabulary",
  }),
  cue: z.boolean().meta({ description: "True when the term is part of the taxonomy's cue vocabulary" }),
  a: TermSideSchema,
  b: TermSideSchema,
});

export const ContestedTermsSchema = z
  .object({
    a: ActorRefSchema,
    b: ActorRefSchema,
    terms: z.array(ContestedTermSchema),
  })
  .openapi("ContestedTerms");

export type ActorRef = z.infer<typeof ActorRefSchema>;
export type Side = z.infer<typeof SideSchema>;
export type Contrast = z.infer<typeof ContrastSchema>;
export type TopicComparison = z.infer<typeof TopicComparisonSchema>;
export type Comparison = z.infer<typeof ComparisonSchema>;
export type ContestedTerm = z.infer<typeof ContestedTermSchema>;
export type ContestedTerms = z.infer<typeof ContestedTermsSchema>;
