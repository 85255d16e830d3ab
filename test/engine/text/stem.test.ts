import { describe, expect, it } from "vitest";
import { stem } from "../../../src/engine/text/stem";
import { tokenize } from "../../../src/engine/text/tokens";

describe("stem", () => {
  it("should bring a word family to one stem", () => {
    expect(new Set(["competition", "competitor", "competitors", "compete", "competitive"].map(stem)).size).toBe(1);
    expect(stem("miscalculations")).toBe(stem("miscalculation"));
    expect(stem("confrontation")).toBe(stem("confrontational"));
    expect(stem("cooperation")).toBe(stem("cooperative"));
  });

  it("should keep different words apart", () => {
    expect(stem("competition")).not.toBe(stem("confrontation"));
    expect(stem("responsible")).not.toBe(stem("irresponsible"));
  });

  it("should not shorten short words to nothing", () => {
    expect(stem("war")).toBe("war");
    expect(stem("chips")).toBe("chip");
    expect(stem("us")).toBe("us");
  });
});

describe("tokenize", () => {
  it("should give offsets that slice back to each token", () => {
    const text = "China’s “legitimate right to develop” — mil-mil talks, 2023.";
    const tokens = tokenize(text);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.form);
    expect(tokens.map((t) => t.form)).toEqual([
      "China’s",
      "legitimate",
      "right",
      "to",
      "develop",
      "mil-mil",
      "talks",
      "2023",
    ]);
  });
});
