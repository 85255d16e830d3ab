import { describe, expect, it } from "vitest";
import { extractRecords } from "../../../src/engine/extract/index";
import { bundledTaxonomy } from "../../../src/storage/bundled-corpus";
import { GOLD_DOCUMENTS } from "../../eval/gold-documents";
import { BARS, scoreDocument } from "../../eval/score";

const taxonomy = bundledTaxonomy();

describe("accuracy against the gold documents", () => {
  it("should have the founding article and at least 8 synthetic gold documents", () => {
    expect(GOLD_DOCUMENTS.filter((d) => d.document.synthetic).length).toBeGreaterThanOrEqual(8);
    expect(GOLD_DOCUMENTS.some((d) => !d.document.synthetic)).toBe(true);
  });

  for (const { document, records } of GOLD_DOCUMENTS) {
    it(`should meet the bars on ${document.id}`, () => {
      const extracted = extractRecords({ documentId: document.id, text: document.text }, taxonomy);
      const score = scoreDocument(document.id, document.text, records, extracted);
      expect(score.spanMismatches).toBe(BARS.spanMismatches);
      expect(score.attribution, score.misses.join("\n")).toBeGreaterThanOrEqual(BARS.attribution);
      expect(score.topicF1, score.misses.join("\n")).toBeGreaterThanOrEqual(BARS.topicF1);
      expect(score.frameF1, score.misses.join("\n")).toBeGreaterThanOrEqual(BARS.frameF1);
    });
  }
});
