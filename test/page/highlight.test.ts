import { describe, expect, it } from "vitest";
import type { StanceRecord } from "../../src/model/record";
import { type DocumentNode, documentNodes, markTerms } from "../../src/page/highlight";

// Synthetic test text, written for this test.
const TEXT = "Alpha said competition is fierce. Beta said cooperation matters more than competition.";

function rec(id: string, start: number, end: number): StanceRecord {
  return {
    id,
    documentId: "synthetic",
    actor: "US",
    speaker: null,
    topics: ["strategic-competition"],
    frames: ["competition"],
    posture: 0,
    quote: TEXT.slice(start, end),
    span: { start, end },
    kind: "direct-quote",
    method: "annotated",
    confidence: 1,
    via: null,
    cues: null,
  };
}

function flatten(nodes: DocumentNode[]): string {
  return nodes.map((n) => (n.type === "text" ? n.text : flatten(n.children))).join("");
}

function quotes(nodes: DocumentNode[]): { id: string; first: boolean; text: string }[] {
  return nodes.flatMap((n) =>
    n.type === "text" ? [] : [{ id: n.record.id, first: n.first, text: flatten(n.children) }, ...quotes(n.children)],
  );
}

describe("markTerms", () => {
  it("should mark every form of a term and give the quote back unchanged", () => {
    const runs = markTerms(TEXT, new Map([["competition", "competition"]]));
    expect(runs.map((r) => r.text).join("")).toBe(TEXT);
    expect(runs.filter((r) => r.term).map((r) => r.text)).toEqual(["competition", "competition"]);
  });

  it("should not mark a word that only contains a term", () => {
    const runs = markTerms("competitions and competition", new Map([["competition", "competition"]]));
    expect(runs.filter((r) => r.term).map((r) => r.text)).toEqual(["competition"]);
  });
});

describe("documentNodes", () => {
  it("should wrap separate, nested and crossing spans without changing the text", () => {
    const sentence1 = rec("r1", 0, 33);
    const nested = rec("r2", 11, 32); // "competition is fierce" inside r1
    const crossing = rec("r3", 21, 45); // from inside r1 into the second sentence
    const nodes = documentNodes(TEXT, [crossing, nested, sentence1]);
    expect(flatten(nodes)).toBe(TEXT);
    const all = quotes(nodes);
    // Each record has exactly one first piece (the anchor), and its pieces join to its quote.
    for (const r of [sentence1, nested, crossing]) {
      const pieces = all.filter((q) => q.id === r.id);
      expect(pieces.filter((p) => p.first)).toHaveLength(1);
      expect(pieces.map((p) => p.text).join("")).toBe(r.quote);
    }
  });

  it("should leave out a record whose quote does not match the text at its span", () => {
    const wrong = { ...rec("r9", 0, 5), quote: "Gamma" };
    expect(quotes(documentNodes(TEXT, [wrong]))).toEqual([]);
  });
});
