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
  it("should reject what follows 'rather than' or 'instead of'", () => {
    expect(labels("the two countries should be partners rather than rivals").frames).toEqual(["cooperation"]);
    expect(labels("dialogue instead of confrontation").frames).toEqual(["risk-management"]);
  });

  it("should read 'undermine stability' as confrontation, not risk management", () => {
    const { frames, result } = labels("such actions endangered lives and undermined regional stability");
    expect(frames).toEqual(["confrontation"]);
    expect(result.frames.get("confrontation")).toContain("undermined … stability");
    expect(labels("the talks will not undermine stability in the region").frames).toEqual(["risk-management"]);
  });

  it("should match South China Sea names whatever the apostrophe", () => {
    for (const text of [
      "near Ren'ai Jiao",
      "near Ren’ai Jiao",
      "Huangyan Dao",
      "the Nansha Qundao",
      "a coast guard water cannon",
    ]) {
      expect(labels(text).topics, text).toEqual(["south-china-sea"]);
    }
  });

  it("should label common foreign-ministry phrasing", () => {
    expect(labels("China will take resolute measures to safeguard its sovereign rights").frames).toEqual([
      "confrontation",
      "sovereignty-and-rights",
    ]);
    expect(labels("the ruling is illegal, null and void").frames).toEqual(["sovereignty-and-rights"]);
    expect(labels("We are not trying to contain China").frames).toEqual(["risk-management"]);
    expect(labels("the resumption of military talks").frames).toEqual([]);
  });
});
