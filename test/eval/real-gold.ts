import { type BundledDocumentFile, BundledDocumentFileSchema } from "../../src/model/document";

declare global {
  interface ImportMeta {
    /** Vite's glob import (vitest bundles test modules with Vite). */
    glob(pattern: string, options: { eager: true; import: "default" }): Record<string, unknown>;
  }
}

/**
 * The real gold of test/gold/real/ for the workerd tests: every JSON file there, bundled by Vite
 * at test time (new files are picked up with no import list to keep).
 */
export const REAL_GOLD: readonly BundledDocumentFile[] = Object.entries(
  import.meta.glob("../gold/real/*.json", { eager: true, import: "default" }),
)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([, file]) => BundledDocumentFileSchema.parse(file));
