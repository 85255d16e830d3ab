import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A real White House press briefing of about 100 KB, read at bench time from ../shared/corpus. */
const BRIEFING =
  "../../shared/corpus/whitehouse/press-briefings/2024-01/2024-01-26-press-briefing-by-press-secretary-karine-jean-pierre-nsc-coordinator-for-strategic-communications-john-kirby-and-national-climate-advisor-ali-zaidi.md";

export interface BenchDocument {
  text: string;
  title: string;
  source: string;
}

/**
 * The briefing as the importer stores it: the Markdown body after the front matter (hard wraps,
 * escapes and all), its title (the front matter's, with `\_` read as a no-break space) and the
 * source. Null when the corpus is not there (the bench then skips the case).
 */
export function loadBriefing(): BenchDocument | null {
  const path = fileURLToPath(new URL(BRIEFING, import.meta.url));
  if (!existsSync(path)) return null;
  const content = readFileSync(path, "utf8");
  const end = content.indexOf("\n---\n", 3);
  if (end < 0) return null;
  const front = content.slice(4, end);
  const folded = /^title: "((?:[^"\\]|\\.)*)"/m.exec(front.replace(/\\\n\s*/g, ""))?.[1] ?? "";
  const title = folded
    .replace(/\\_/g, "\u00a0")
    .replace(/\\u([0-9a-fA-F]{4})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return { text: content.slice(end + 5), title, source: "The White House" };
}
