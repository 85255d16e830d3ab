import { z } from "@hono/zod-openapi";
import type { Taxonomy } from "../../engine/taxonomy";
import type { ActorId, FrameId, Topic } from "../../model/taxonomy";
import { ProblemError } from "./problem";

/**
 * A query parameter whose empty value means "not given": `?topic=&limit=` is what a form or a URL
 * template sends for a blank field, and it should get the defaults, not a 400.
 */
export function queryParam<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankAsAbsent, schema);
}

function blankAsAbsent(value: string | undefined): string | undefined {
  return value === "" ? undefined : value;
}

/**
 * A whole-number query parameter written in digits only: "1e2", "0x10" or " 7" are refused rather
 * than read as numbers (each spelling would otherwise be its own cache entry).
 */
export function queryInt(range: { min: number; max: number; fallback: number }) {
  return z.preprocess(
    (value: string | undefined) => {
      const given = blankAsAbsent(value);
      return typeof given === "string" && /^\d{1,9}$/.test(given) ? Number(given) : given;
    },
    z
      .int({ error: `must be a whole number from ${range.min} to ${range.max}, written in digits` })
      .min(range.min)
      .max(range.max)
      .default(range.fallback),
  );
}

/** An actor code in a query: case-insensitive on input, upper-case after validation. */
export const actorCode = () =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as US or CN");

export const actorParam = (fallback: string, description: string) =>
  queryParam(actorCode().default(fallback)).openapi({ description, example: fallback });

export const ComparePairQuerySchema = z.object({
  a: actorParam("US", "Actor shown on side a"),
  b: actorParam("CN", "Actor shown on side b"),
});

export const TopicIdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "strategic-competition" }),
});

export const DocumentIdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: "id", in: "path" }, example: "blinken-china-visit-2023-06-17" }),
});

export const PageQuerySchema = z.object({
  limit: queryInt({ min: 1, max: 200, fallback: 50 }).openapi({ description: "Page size, 1 to 200", example: 50 }),
  cursor: queryParam(z.string().max(512).optional()).openapi({
    description: "Opaque cursor from the previous page's nextCursor",
  }),
});

const known = (ids: Iterable<string>) => [...ids].join(", ");

export function resolveActor(taxonomy: Taxonomy, id: string): ActorId {
  if (!taxonomy.actorById.has(id)) {
    throw new ProblemError(
      404,
      "unknown-actor",
      `No actor with id '${id}'. Known actors: ${known(taxonomy.actorById.keys())}.`,
    );
  }
  return id;
}

export function resolveTopic(taxonomy: Taxonomy, id: string): Topic {
  const topic = taxonomy.topicById.get(id as Topic["id"]);
  if (!topic) {
    throw new ProblemError(
      404,
      "unknown-topic",
      `No topic with id '${id}'. Known topics: ${known(taxonomy.topicById.keys())}.`,
    );
  }
  return topic;
}

export function resolveFrame(taxonomy: Taxonomy, id: string): FrameId {
  if (!taxonomy.frameById.has(id as FrameId)) {
    throw new ProblemError(
      404,
      "unknown-frame",
      `No frame with id '${id}'. Known frames: ${known(taxonomy.frameById.keys())}.`,
    );
  }
  return id as FrameId;
}

/** 404 for a document id that names nothing in the corpus. */
export function unknownDocument(id: string): ProblemError {
  return new ProblemError(404, "unknown-document", `No document with id '${id}'.`);
}

/** Cursors are opaque to clients: base64url of the last key served (keyset pagination). */
export function encodeCursor(lastKey: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ after: lastKey }));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const binary = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0))));
    if (parsed && typeof parsed === "object" && "after" in parsed && typeof parsed.after === "string")
      return parsed.after;
  } catch {
    // fall through to the problem below
  }
  throw new ProblemError(400, "invalid-cursor", "The cursor is not one this API issued. Start again without it.");
}

/** A store's page as the API answers it: the items, an opaque cursor when more follow, the total. */
export function pageResponse<T>(page: { items: T[]; total: number; nextKey: string | null }) {
  return {
    items: page.items,
    nextCursor: page.nextKey === null ? null : encodeCursor(page.nextKey),
    total: page.total,
  };
}
