import { describe, expect, it } from "vitest";
import { classify, cueMatcher } from "../../../src/engine/extract/classify";
import { wordTokens } from "../../../src/engine/extract/word-tokens";
import { bundledTaxonomy } from "../../../src/storage/bundled-corpus";

const matcher = cueMatcher(bundledTaxonomy());
const labels = (text: string) => {
  const result = classify(text, wordTokens(text), matcher);
  return { topics: [...result.topics.keys()].sort(), frames: [...result.frames.keys()].sort(), result };
};

describe("classify", () => {
  it("should match multi-word cues whatever the inflection", () => {
    const { frames, result } = labels("They are avoiding miscalculation and managing the relationship.");
    expect(frames).toContain("risk-management");
    expect(result.frames.get("risk-management")).toContain("avoiding miscalculation");
  });

  it("should treat an averted confrontation as risk management, not confrontation", () => {
    const { frames } = labels("ensure that it does not turn into a confrontation or a conflict");
    expect(frames).toEqual(["risk-management"]);
  });

  it("should negate only the cue right after the negator or a hostile one", () => {
    const { frames } = labels("the demands should not contradict China’s legitimate right to develop");
    expect(frames).toEqual(["sovereignty-and-rights"]);
  });

  it("should close the negation scope at a contrast", () => {
    const { frames } = labels("It is not responsible competition but irresponsible harassment");
    expect(frames).toEqual(["confrontation"]);
  });

  it("should keep a confrontation that a negation reaffirms", () => {
    expect(labels("China will not tolerate provocations over Taiwan").frames).toEqual(["confrontation"]);
  });

  it("should let the longer cue win inside one kind of label", () => {
    const { frames } = labels("this is a strategic miscalculation");
    expect(frames).toEqual(["confrontation"]);
  });

  it("should keep topics under negation", () => {
    expect(labels("We do not want a new cold war").topics).toEqual(["strategic-competition"]);
  });
});
