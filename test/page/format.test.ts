import { describe, expect, it } from "vitest";
import { longDate, MARKER_STEPS, markerStep, postureWords, signed } from "../../src/page/format";
import { problemWords } from "../../src/page/problem-words";
import { STYLES } from "../../src/page/styles";

describe("format", () => {
  it("should write signed postures with a real minus sign", () => {
    expect(signed(-0.6)).toBe("−0.6");
    expect(signed(0.4)).toBe("+0.4");
    expect(signed(0)).toBe("0");
  });

  it("should name each part of the posture scale", () => {
    expect(postureWords(-0.8)).toBe("adversarial");
    expect(postureWords(-0.3)).toBe("leans adversarial");
    expect(postureWords(0)).toBe("neutral");
    expect(postureWords(0.3)).toBe("leans cooperative");
    expect(postureWords(0.8)).toBe("cooperative");
  });

  it("should place a record's marker by posture, clamped to the scale, with a style for every place", () => {
    expect(markerStep(-1)).toBe(0);
    expect(markerStep(0)).toBe(MARKER_STEPS / 2);
    expect(markerStep(0.5)).toBe(30);
    expect(markerStep(1)).toBe(MARKER_STEPS);
    expect(markerStep(7)).toBe(MARKER_STEPS);
    expect(markerStep(-3)).toBe(0);
    for (let k = 0; k <= MARKER_STEPS; k++)
      expect(STYLES).toContain(`.at-${k} { left: ${(k * 100) / MARKER_STEPS}%; }`);
  });

  it("should write ISO dates in words", () => {
    expect(longDate("2023-06-17")).toBe("17 June 2023");
    expect(longDate("2023-06-17T23:30:00+08:00")).toBe("17 June 2023");
    expect(longDate(null)).toBeNull();
  });
});

describe("problemWords", () => {
  it("should turn an empty-text problem into a plain request", () => {
    const problem = { type: "urn:stance-desk:problem:empty-text", status: 400, detail: "The text is empty." };
    expect(problemWords(400, problem)).toBe("Please enter some text to analyze: the text box is empty.");
  });

  it("should explain size, language and server problems without jargon", () => {
    expect(problemWords(413, { detail: "The text is 300000 characters." })).toMatch(/^The text is too long/);
    expect(problemWords(422, { type: "urn:stance-desk:problem:language-not-supported" })).toMatch(/^Only English/);
    expect(problemWords(503, null)).toMatch(/went wrong on our side/);
    expect(problemWords(404, { detail: "No route for POST /v1/analyze." })).toBe(
      "Text analysis is not available on this server yet.",
    );
  });

  it("should survive being inlined as source text in the client script", () => {
    // The client script embeds the function's source: it must run on its own.
    const inlined = new Function(`return (${problemWords.toString()})`)() as typeof problemWords;
    expect(inlined(400, { type: "urn:stance-desk:problem:empty-text" })).toBe(
      "Please enter some text to analyze: the text box is empty.",
    );
  });
});
