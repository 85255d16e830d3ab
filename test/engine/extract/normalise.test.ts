import { describe, expect, it } from "vitest";
import { normalise, toOriginal } from "../../../src/engine/extract/normalise";

describe("normalise", () => {
  it("should map every cleaned offset back to the submitted text", () => {
    const input = "A\u00a0B\r\nC\u200bD\u2028E";
    const norm = normalise(input);
    expect(norm.text).toBe("A B\nCD\nE");
    for (let i = 0; i < norm.text.length; i++) {
      const o = norm.origin?.[i] ?? -1;
      // Every kept character comes from a character of the input (spaces and breaks from their kind).
      if (/\S/.test(norm.text[i] ?? "")) expect(input[o]).toBe(norm.text[i]);
    }
  });

  it("should give spans that slice the submitted text, dropped characters included", () => {
    const input = "we\u00adlcome the deal\r\n";
    const norm = normalise(input);
    const start = norm.text.indexOf("welcome");
    const span = toOriginal(norm, start, start + "welcome".length);
    expect(input.slice(span.start, span.end)).toBe("we\u00adlcome");
  });

  it("should leave text that needs no cleaning unchanged", () => {
    const input = "“Quoted,” he said — and left…";
    expect(normalise(input).text).toBe(input);
  });
});
