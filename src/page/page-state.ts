import { z } from "zod";
import type { Taxonomy } from "../engine/taxonomy";
import { type ActorId, type FrameId, FrameIdSchema, type TopicId, TopicIdSchema } from "../model/taxonomy";
import type { AggregateFilter } from "../storage/corpus-store";

export const DEFAULT_A = "US";
export const DEFAULT_B = "CN";

/** The page's whole state, kept in its URL: /?a=US&b=CN&topic=taiwan&frame=cooperation&from=2024-01-01&to=2024-12-31. */
export interface PageState {
  a: ActorId;
  b: ActorId;
  topic?: TopicId;
  frame?: FrameId;
  /** Publication days (YYYY-MM-DD), inclusive; the view counts the whole months they fall in. */
  from?: string;
  to?: string;
}

const day = z.iso.date();

/** The months a page state's range covers: the aggregates (and so the whole view) work in whole months. */
export function stateFilter(state: PageState): AggregateFilter {
  return { fromMonth: state.from?.slice(0, 7), toMonth: state.to?.slice(0, 7) };
}

/** The range as whole days, first day of the first month to the last day of the last: what the listings and exports need to match the view. */
export function monthBounds(state: PageState): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  if (state.from) out.from = `${state.from.slice(0, 7)}-01`;
  if (state.to) {
    const year = Number(state.to.slice(0, 4));
    const month = Number(state.to.slice(5, 7));
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    out.to = `${state.to.slice(0, 7)}-${String(last).padStart(2, "0")}`;
  }
  return out;
}

/** The "last 12 months" preset: the current month (UTC) and the eleven before it. */
export function lastTwelveMonths(now: Date): { from: string; to: string } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const start = new Date(Date.UTC(y, m - 11, 1));
  const end = new Date(Date.UTC(y, m + 1, 0));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
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
  const date = (key: "from" | "to"): string | undefined => {
    const raw = query[key];
    if (raw === undefined || raw.trim() === "") return undefined;
    const parsed = day.safeParse(raw.trim());
    if (parsed.success) return parsed.data;
    notices.push(`“${raw}” is not a date (YYYY-MM-DD); showing ${key === "from" ? "from the start" : "to the end"}.`);
    return undefined;
  };
  let from = date("from");
  let to = date("to");
  if (from && to && from > to) {
    notices.push(`The range starts (${from}) after it ends (${to}); showing every date.`);
    from = undefined;
    to = undefined;
  }
  const state: PageState = { a, b };
  if (topic.success && topic.data) state.topic = topic.data;
  if (frame.success && frame.data) state.frame = frame.data;
  if (from) state.from = from;
  if (to) state.to = to;
  return { state, notices };
}

/** The shareable URL of a state; defaults are written too, so the link means the same forever. */
export function pageHref(state: PageState): string {
  const params = new URLSearchParams({ a: state.a, b: state.b });
  if (state.topic) params.set("topic", state.topic);
  if (state.frame) params.set("frame", state.frame);
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  return `/?${params}`;
}

/** The range in words, as whole months ("March 2024 to May 2024"), or undefined for every date. */
export function rangeWords(state: PageState): string | undefined {
  const from = state.from?.slice(0, 7);
  const to = state.to?.slice(0, 7);
  if (from && to) return from === to ? `published in ${from}` : `published ${from} to ${to} (whole months)`;
  if (from) return `published from ${from} on (whole months)`;
  if (to) return `published up to the end of ${to}`;
  return undefined;
}

/** The list of one side's statements on a topic, newest first, paged; `before` names where the previous page ended. */
export function statementsHref(state: PageState, side: "a" | "b", topic: string, before?: string): string {
  const params = new URLSearchParams({ a: state.a, b: state.b, topic, side });
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (before) params.set("before", before);
  return `/statements?${params}`;
}
