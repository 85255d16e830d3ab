import titles from "../../../data/taxonomy/titles.json";
import type { ActorId } from "../../model/taxonomy";

interface TitleEntry {
  title: string;
  actor: ActorId | null;
}

/** Government titles of data/taxonomy/titles.json, lower-case, longest first. */
const TITLES: readonly { words: string; actor: ActorId | null }[] = (titles.titles as unknown as TitleEntry[])
  .map((t) => ({ words: t.title.toLowerCase(), actor: t.actor }))
  .sort((a, b) => b.words.length - a.words.length);

/**
 * The government a title belongs to ("Secretary of State" → US, "Foreign Ministry Spokesperson"
 * → CN): the entry of data/taxonomy/titles.json that the role is, or ends or starts with;
 * `undefined` when none fits, null when the title is generic ("Spokesperson", "Senior
 * Administration Official"): the issuing government's official.
 */
export function titleActor(role: string): ActorId | null | undefined {
  const lower = role
    .toLowerCase()
    .replace(/[’']s$/, "")
    .replace(/\s+/g, " ")
    .trim();
  for (const t of TITLES) {
    if (lower === t.words || lower.endsWith(` ${t.words}`) || lower.startsWith(`${t.words} `)) return t.actor;
  }
  return undefined;
}
