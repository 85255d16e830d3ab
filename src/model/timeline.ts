import { ActorRefSchema, TopicRefSchema } from "./comparison";
import { z } from "./zod";

export const TimelineSideSchema = z.object({
  recordCount: z.int().min(0),
  meanPosture: z
    .number()
    .min(-1)
    .max(1)
    .nullable()
    .meta({ description: "Mean posture of the side's records that month; null when it has none" }),
});

export const TimelineMonthSchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .meta({ description: "Calendar month of the documents' publishedAt", example: "2023-06" }),
  a: TimelineSideSchema,
  b: TimelineSideSchema,
});

export const TimelineSchema = z.object({
  topic: TopicRefSchema,
  a: ActorRefSchema,
  b: ActorRefSchema,
  months: z.array(TimelineMonthSchema).meta({
    description:
      "Every month from the first to the last with a record of a or b on the topic, oldest first; months in between with no record are listed with recordCount 0. A span of 2,400 months or more lists only the months with records",
  }),
  undated: z
    .object({ a: z.int().min(0), b: z.int().min(0) })
    .meta({ description: "Records left out because their document has no publishedAt (or one naming no real month)" }),
});

export type TimelineSide = z.infer<typeof TimelineSideSchema>;
export type TimelineMonth = z.infer<typeof TimelineMonthSchema>;
export type Timeline = z.infer<typeof TimelineSchema>;
