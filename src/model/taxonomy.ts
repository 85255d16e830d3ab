import { z } from "./zod";

/** The taxonomy ids are a contract with every client: keep them stable. */
export const TOPIC_IDS = [
  "strategic-competition",
  "crisis-communication",
  "climate-change",
  "counternarcotics",
  "detained-citizens",
  "taiwan",
  "south-china-sea",
  "technology-export-controls",
  "surveillance-balloon",
  "cyber-espionage",
  "development-rights",
  "trade-and-economy",
  "human-rights",
  "people-to-people",
  "ukraine-war",
] as const;

export const FRAME_IDS = [
  "cooperation",
  "competition",
  "confrontation",
  "risk-management",
  "sovereignty-and-rights",
  "values-and-concerns",
  "security-threat",
] as const;

export const TopicIdSchema = z.enum(TOPIC_IDS).meta({ description: "Topic id from the taxonomy" });
export const FrameIdSchema = z.enum(FRAME_IDS).meta({ description: "Frame id from the taxonomy" });
export const ActorIdSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code such as US or CN")
  .meta({ description: "ISO 3166-1 alpha-2 code", example: "US" });

export const PostureSchema = z
  .number()
  .min(-1)
  .max(1)
  .meta({ description: "Stance posture from -1 (adversarial) to 1 (cooperative)", example: 0.2 });

export const KnownSpeakerSchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  role: z.string().min(1),
});

export const ActorSchema = z
  .object({
    id: ActorIdSchema,
    name: z.string().min(1).meta({ example: "United States" }),
    demonyms: z.array(z.string().min(1)),
    aliases: z.array(z.string().min(1)).meta({ description: "Names, capitals and institutions used as metonyms" }),
    speakers: z.array(KnownSpeakerSchema),
  })
  .openapi("Actor");

/** A topic or a frame: what a statement is about, and how it casts it. */
const LabelSchema = z.object({
  label: z.string().min(1),
  description: z.string().min(1),
  cues: z
    .array(z.string().min(1))
    .min(1)
    .meta({ description: "Cue terms the engine matches (lower case, multi-word allowed)" }),
});

export const TopicSchema = LabelSchema.extend({ id: TopicIdSchema }).openapi("Topic");
export const FrameSchema = LabelSchema.extend({
  id: FrameIdSchema,
  posture: PostureSchema.meta({ description: "The posture a statement in this frame leans towards" }),
}).openapi("Frame");

export type TopicId = z.infer<typeof TopicIdSchema>;
export type FrameId = z.infer<typeof FrameIdSchema>;
export type ActorId = z.infer<typeof ActorIdSchema>;
export type Actor = z.infer<typeof ActorSchema>;
export type Topic = z.infer<typeof TopicSchema>;
export type Frame = z.infer<typeof FrameSchema>;
