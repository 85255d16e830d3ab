import { describe, expect, it } from "vitest";
import actors from "../../data/taxonomy/actors.json";
import { BundledDocumentFileSchema } from "../../src/model/document";
import { ActorSchema } from "../../src/model/taxonomy";
import { BUNDLED_DOCUMENT_FILES } from "../../src/storage/bundled-corpus";

const files = BUNDLED_DOCUMENT_FILES.map((file) => BundledDocumentFileSchema.parse(file));
const actorIds = new Set(
  ActorSchema.array()
    .parse(actors)
    .map((a) => a.id),
);

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("data/documents", () => {
  it("should ship the founding article as the first bundled document", () => {
    expect(files[0]?.document.id).toBe("blinken-china-visit-2023-06-17");
    expect(files[0]?.document.publishedAt).toBe("2023-06-17");
    expect(files[0]?.document.synthetic).toBe(false);
  });

  it("should give every record a span whose slice is exactly its quote", () => {
    for (const { document, records } of files) {
      for (const record of records) {
        expect(document.text.slice(record.span.start, record.span.end), record.id).toBe(record.quote);
      }
    }
  });

  it("should keep record ids unique across the corpus and point them at their document", () => {
    const ids = files.flatMap(({ records }) => records.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const { document, records } of files) {
      for (const record of records) expect(record.documentId).toBe(document.id);
    }
  });

  it("should use only actors from the taxonomy, and null only for narration", () => {
    for (const { records } of files) {
      for (const record of records) {
        if (record.actor === null) expect(record.kind, record.id).toBe("narration");
        else expect(actorIds.has(record.actor), record.id).toBe(true);
      }
    }
  });

  it("should store the sha256 of the exact text", async () => {
    for (const { document } of files) expect(document.sha256).toBe(await sha256Hex(document.text));
  });

  it("should drop the web-page footer from the founding article and say so", () => {
    const seed = files[0]?.document;
    expect(seed?.text).not.toContain("Leave a Reply");
    expect(seed?.text).not.toContain("Back to top button");
    expect(seed?.text.endsWith("“toward confrontation.”")).toBe(true);
    expect(seed?.notes).toContain("Leave a Reply");
  });

  it("should annotate the founding article's statements by US, Chinese and third-country speakers", () => {
    const records = files[0]?.records ?? [];
    expect(records.length).toBeGreaterThanOrEqual(15);
    expect(records.length).toBeLessThanOrEqual(25);
    const byActor = (actor: string | null) => records.filter((r) => r.actor === actor);
    expect(byActor("US").every((r) => r.speaker?.name === "Antony Blinken")).toBe(true);
    expect(byActor("CN").every((r) => r.speaker?.name === "Wang Wenbin")).toBe(true);
    expect(byActor("SG").length).toBeGreaterThan(0);
    const narratedTopics = new Set<string>(byActor(null).flatMap((r) => r.topics));
    for (const topic of [
      "taiwan",
      "south-china-sea",
      "technology-export-controls",
      "surveillance-balloon",
      "cyber-espionage",
    ]) {
      expect(narratedTopics.has(topic), topic).toBe(true);
    }
  });

  it("should mark every annotated record as such, with full confidence", () => {
    for (const { records } of files) {
      for (const record of records) {
        expect(record.method).toBe("annotated");
        expect(record.confidence).toBe(1);
      }
    }
  });
});
