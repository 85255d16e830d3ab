import { describe, expect, it } from "vitest";
import founding from "../../../data/documents/blinken-china-visit-2023-06-17.json";
import { extractRecords } from "../../../src/engine/extract/index";
import { StanceRecordSchema } from "../../../src/model/record";
import { bundledTaxonomy } from "../../../src/storage/bundled-corpus";

const taxonomy = bundledTaxonomy();
const text = founding.document.text;

describe("extractRecords", () => {
  it("should return valid extracted records whose quotes are verbatim slices", () => {
    const records = extractRecords({ documentId: "doc", text }, taxonomy);
    expect(records.length).toBeGreaterThan(10);
    for (const record of records) {
      expect(StanceRecordSchema.parse(record)).toEqual(record);
      expect(text.slice(record.span.start, record.span.end)).toBe(record.quote);
      expect(record.method).toBe("extracted");
      expect(record.confidence).toBeGreaterThanOrEqual(0);
      expect(record.confidence).toBeLessThanOrEqual(1);
      expect(record.id.startsWith("doc.x")).toBe(true);
    }
  });

  it("should keep spans verbatim whatever the quote marks, spaces and line endings", () => {
    const messy = text.replace(/\n/g, "\r\n").replace(/ the /g, " the\u00a0").replace(/“|”/g, '"');
    const records = extractRecords({ documentId: "doc", text: messy }, taxonomy);
    expect(records.length).toBeGreaterThan(10);
    for (const record of records) expect(messy.slice(record.span.start, record.span.end)).toBe(record.quote);
  });

  it("should explain every label with the cue words behind it", () => {
    for (const record of extractRecords({ documentId: "doc", text }, taxonomy)) {
      for (const frame of record.frames) expect(record.cues?.frames).toHaveProperty(frame);
      for (const topic of record.topics) expect(record.cues?.topics).toHaveProperty(topic);
    }
  });

  it("should be deterministic", () => {
    expect(extractRecords({ documentId: "doc", text }, taxonomy)).toEqual(
      extractRecords({ documentId: "doc", text }, taxonomy),
    );
  });

  it("should return no records for text without stance", () => {
    expect(
      extractRecords({ documentId: "doc", text: "The weather was mild and the train left on time." }, taxonomy),
    ).toEqual([]);
  });
});
