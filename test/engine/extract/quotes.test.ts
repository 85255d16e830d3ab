import { describe, expect, it } from "vitest";
import { findQuotes, wordCount } from "../../../src/engine/extract/quotes";

function inner(text: string): string[] {
  return findQuotes(text, 0, text.length).map((q) => text.slice(q.innerStart, q.innerEnd));
}

describe("findQuotes", () => {
  it("should find curly, straight and guillemet quotes", () => {
    expect(inner('“One,” he said, "two" and «three» and ‘four’.')).toEqual(["One,", "two", "three", "four"]);
  });

  it("should not take apostrophes for quotes", () => {
    expect(inner("China’s position and the Philippines’ claims, he said 'rock 'n' roll'")).toEqual(["rock 'n' roll"]);
  });

  it("should return only top-level quotes when quotes nest", () => {
    expect(inner("“He called it ‘unacceptable’ today,” she said.")).toEqual(["He called it ‘unacceptable’ today,"]);
  });

  it("should close an unclosed double quote at the paragraph end", () => {
    const quotes = findQuotes("“We will continue our work.", 0, 27);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.closed).toBe(false);
  });

  it("should count words, hyphenated and apostrophised words once", () => {
    expect(wordCount("China’s mil-mil talks resume", 0, 28)).toBe(4);
  });
});
