import { describe, expect, it } from "vitest";
import { contestedTerms } from "../../src/http/lib/corpus-reads";
import { bundledStore, bundledTaxonomy } from "../../src/storage/bundled-corpus";

const { terms } = await contestedTerms(bundledStore(), bundledTaxonomy(), {
  a: "US",
  b: "CN",
  limit: 500,
  evidence: 50,
});
const find = (word: string) => terms.find((t) => t.a.forms.includes(word) || t.b.forms.includes(word));

describe("contestedTerms on the founding article", () => {
  it("should surface miscalculation: avoided through communication by the US, the US view itself for China", () => {
    const term = find("miscalculation");
    expect(term).toBeDefined();
    expect(term?.a.frames).toContain("risk-management");
    expect(term?.b.frames).not.toContain("risk-management");
    expect(term?.b.records.some((r) => r.quote.includes("strategic miscalculation"))).toBe(true);
    expect(term?.a.records.some((r) => r.quote.includes("avoiding miscalculations"))).toBe(true);
  });

  it("should surface competition/competitor and confrontation", () => {
    const competition = find("competition");
    expect(competition?.b.forms).toEqual(expect.arrayContaining(["competition", "competitor"]));
    const confrontation = find("confrontation");
    expect(confrontation?.a.frames).toContain("risk-management");
    expect(confrontation?.b.frames).toContain("confrontation");
  });

  it("should only list terms both sides use in different frames, best first", () => {
    for (const term of terms) {
      expect(term.a.records.length).toBeGreaterThan(0);
      expect(term.b.records.length).toBeGreaterThan(0);
      expect(term.a.recordCount).toBe(term.a.records.length);
      expect(term.b.recordCount).toBe(term.b.records.length);
      expect(term.a.frames.join()).not.toBe(term.b.frames.join());
      expect(term.score).toBeGreaterThan(0);
    }
    const scores = terms.map((t) => t.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  it("should never offer an actor's own name as vocabulary", () => {
    const words = terms.flatMap((t) => [...t.a.forms, ...t.b.forms]);
    for (const name of ["china", "chinese", "united", "states", "beijing", "washington", "american"]) {
      expect(words).not.toContain(name);
    }
  });

  it("should keep every evidence record on its own side", () => {
    for (const term of terms) {
      expect(term.a.records.every((r) => r.actor === "US")).toBe(true);
      expect(term.b.records.every((r) => r.actor === "CN")).toBe(true);
    }
  });
});
