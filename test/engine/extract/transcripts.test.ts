import { describe, expect, it } from "vitest";
import { extractRecords } from "../../../src/engine/extract/index";
import { bundledTaxonomy } from "../../../src/storage/bundled-corpus";

const taxonomy = bundledTaxonomy();

describe("transcripts and headlines", () => {
  it("should attribute labelled turns and skip questions", () => {
    const text = [
      "Press briefing",
      "Q: Is China a threat to US national security?",
      "MR. MILLER: We raised our concerns about the detention of American citizens.",
      "AFP: Will you discuss Taiwan?",
      "Mao Ning: (Via interpreter) China firmly opposes interference on Taiwan.",
    ].join("\n\n");
    const records = extractRecords({ documentId: "t", text }, taxonomy);
    expect(records.map((r) => r.actor)).toEqual(["US", "CN"]);
    // The stage direction is not part of the speaker's words.
    expect(records[1]?.quote.startsWith("China firmly opposes")).toBe(true);
    expect(records.some((r) => r.quote.includes("threat"))).toBe(false);
  });

  it("should read a headline that reports speech", () => {
    const text = "Xi warns against confrontation over Taiwan\n\nThe talks lasted four hours.";
    const [record] = extractRecords({ documentId: "t", text }, taxonomy);
    expect(record?.actor).toBe("CN");
    expect(record?.topics).toContain("taiwan");
  });
});
