import { describe, expect, it } from "vitest";
import { extractRecords } from "../../../src/engine/extract/index";
import { bundledTaxonomy } from "../../../src/storage/bundled-corpus";
import { REAL_GOLD } from "../../eval/real-gold";
import { addCounts, emptyCounts, scoreStatements, statementFigures } from "../../eval/score";

const taxonomy = bundledTaxonomy();

/**
 * Floors a little below what the engine reaches on the real gold of test/gold/real/ (White House
 * and PRC Foreign Ministry texts, read as the importer reads them: text, title and source). The
 * label model was trained on this same gold, so frame and posture figures here are in-sample;
 * the cross-validated ones are in the README (npm run train:labels -- --cv).
 */
const FLOORS = {
  recall: 0.85,
  precision: 0.75,
  actorAccuracy: 0.96,
  topicF1: 0.78,
  frameF1: 0.85,
  postureWithin: 0.93,
};

function extract(document: (typeof REAL_GOLD)[number]["document"]) {
  return extractRecords(
    { documentId: document.id, text: document.text, title: document.title, source: document.source },
    taxonomy,
  );
}

describe("the engine on real government text", () => {
  it("should have at least 24 real gold documents, 12 from each government", () => {
    expect(REAL_GOLD.filter((d) => d.document.id.startsWith("wh-")).length).toBeGreaterThanOrEqual(12);
    expect(REAL_GOLD.filter((d) => d.document.id.startsWith("mfa-")).length).toBeGreaterThanOrEqual(12);
    expect(REAL_GOLD.every((d) => !d.document.synthetic)).toBe(true);
  });

  it("should give only verbatim quotes on real gold: every quote is the text's slice at its span", () => {
    const mismatches: string[] = [];
    for (const { document, records } of REAL_GOLD) {
      for (const r of [...records, ...extract(document)]) {
        if (document.text.slice(r.span.start, r.span.end) !== r.quote) mismatches.push(r.id);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("should hold the real-gold floors of recall, precision, actor accuracy, labels and posture", () => {
    const total = emptyCounts();
    for (const { document, records } of REAL_GOLD)
      addCounts(total, scoreStatements(document.text, records, extract(document)));
    const figures = statementFigures(total);
    const misses = total.misses.slice(0, 40).join("\n");
    expect(figures.statements).toBeGreaterThanOrEqual(300);
    for (const [name, floor] of Object.entries(FLOORS)) {
      expect(figures[name as keyof typeof FLOORS], `${name}\n${misses}`).toBeGreaterThanOrEqual(floor);
    }
    expect(figures.spanMismatches).toBe(0);
  });
});
