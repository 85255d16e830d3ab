import { describe, expect, it } from "vitest";
import { splitParagraphs, splitSentences } from "../../../src/engine/extract/sentences";

function sentences(text: string): string[] {
  return splitParagraphs(text).flatMap((p) => splitSentences(text, p).map((s) => text.slice(s.start, s.end)));
}

describe("splitSentences", () => {
  it("should not break after U.S., Mr., Jan., initials or decimals", () => {
    const text =
      "U.S. officials met on Jan. 30 with Mr. Li and John F. Kennedy Jr. to discuss a 2.5 percent drop. The talks ended.";
    expect(sentences(text)).toEqual([
      "U.S. officials met on Jan. 30 with Mr. Li and John F. Kennedy Jr. to discuss a 2.5 percent drop.",
      "The talks ended.",
    ]);
  });

  it("should break after a dotted acronym when a sentence opener follows", () => {
    expect(sentences("He flew to the U.S. The visit was short.")).toEqual([
      "He flew to the U.S.",
      "The visit was short.",
    ]);
  });

  it("should keep a quote of several sentences in one unit with its attribution", () => {
    const text = "“The world is watching. We hope you manage your differences,” he said. Then he left.";
    expect(sentences(text)).toEqual([
      "“The world is watching. We hope you manage your differences,” he said.",
      "Then he left.",
    ]);
  });

  it("should not break at an ellipsis followed by lower case", () => {
    expect(sentences("It rose... but then it fell. Next.")).toEqual(["It rose... but then it fell.", "Next."]);
  });

  it("should end a sentence at a closing quote after a period", () => {
    const text = "He called it the “challenge of the century.” “We hope so,” he said.";
    expect(sentences(text)).toEqual(["He called it the “challenge of the century.”", "“We hope so,” he said."]);
  });

  it("should join hard-wrapped lines and split real line breaks", () => {
    const text = "Headline here\n\nThe minister said the\nrelationship is stable.\nSECRETARY: Thanks.";
    expect(sentences(text)).toEqual([
      "Headline here",
      "The minister said the\nrelationship is stable.",
      "SECRETARY: Thanks.",
    ]);
  });
});
