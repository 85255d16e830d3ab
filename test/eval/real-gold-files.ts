import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BundledDocumentFile, BundledDocumentFileSchema } from "../../src/model/document";

/** The real gold of test/gold/real/ read from disk (Node only: `npm run eval`, the benches). */
export function readRealGold(dir = fileURLToPath(new URL("../gold/real/", import.meta.url))): BundledDocumentFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
  return names.sort().map((name) => BundledDocumentFileSchema.parse(JSON.parse(readFileSync(join(dir, name), "utf8"))));
}
