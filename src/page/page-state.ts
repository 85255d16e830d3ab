import { z } from "zod";
import type { Taxonomy } from "../engine/taxonomy";
import { type ActorId, type FrameId, FrameIdSchema, type TopicId, TopicIdSchema } from "../model/taxonomy";

export const DEFAULT_A = "US";
export const DEFAULT_B = "CN";

/** The page's whole state, kept in its URL: /?a=US&b=CN&topic=taiwan&frame=cooperation. */
export interface PageState {
  a: ActorId;
  b: ActorId;
  topic?: TopicId;
  frame?: FrameId;
}

/** Empty strings are what a GET form sends for "no choice". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const actorQuery = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/);

/**
 * Reads the state from a query. A parameter that is malformed or names nothing in the corpus
 * falls back to its default and yields a notice, so a mistyped shared link still shows a page.
 */
export function readPageState(
  query: Record<string, string | undefined>,
  taxonomy: Taxonomy,
): { state: PageState; notices: string[] } {
  const notices: string[] = [];
  const actor = (key: "a" | "b", fallback: ActorId): ActorId => {
    const raw = query[key];
    if (raw === undefined || raw.trim() === "") return fallback;
    const parsed = actorQuery.safeParse(raw);
    if (parsed.success && taxonomy.actorById.has(parsed.data)) return parsed.data;
    notices.push(`There is no actor “${raw}”; showing ${taxonomy.actorById.get(fallback)?.name ?? fallback}.`);
    return fallback;
  };
  const a = actor("a", DEFAULT_A);
  const b = actor("b", DEFAULT_B);
  const topic = optional(TopicIdSchema).safeParse(query.topic);
  const frame = optional(FrameIdSchema).safeParse(query.frame);
  if (!topic.success) notices.push(`There is no topic “${query.topic}”; showing every topic.`);
  if (!frame.success) notices.push(`There is no frame “${query.frame}”; showing every frame.`);
  return {
    state: { a, b, topic: topic.success ? topic.data : undefined, frame: frame.success ? frame.data : undefined },
    notices,
  };
}

/** The shareable URL of a state; defaults are written too, so the link means the same forever. */
export function pageHref(state: PageState): string {
  const params = new URLSearchParams({ a: state.a, b: state.b });
  if (state.topic) params.set("topic", state.topic);
  if (state.frame) params.set("frame", state.frame);
  return `/?${params}`;
}
