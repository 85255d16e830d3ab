import { describe, expect, it } from "vitest";
import { classify, cueMatcher } from "../../../src/engine/extract/classify";
import { extractRecords } from "../../../src/engine/extract/index";
import { wordTokens } from "../../../src/engine/extract/word-tokens";
import { bundledTaxonomy } from "../../../src/storage/bundled-corpus";

const taxonomy = bundledTaxonomy();
const extract = (text: string) => extractRecords({ documentId: "t", text }, taxonomy);
const matcher = cueMatcher(taxonomy);
const labels = (text: string) => {
  const result = classify(text, wordTokens(text), matcher);
  return { topics: [...result.topics.keys()].sort(), frames: [...result.frames.keys()].sort() };
};

describe("institutions, titles and stance predicates", () => {
  it("should take US executive departments as the United States", () => {
    const [record] = extract("The Commerce Department said the export controls protect national security.");
    expect(record?.actor).toBe("US");
  });

  it("should split a portfolio title from the name of an unknown official", () => {
    const [record] = extract(
      "Assistant Secretary for Export Enforcement Laura Chen warned that chip smugglers will face penalties.",
    );
    expect(record?.speaker).toEqual({ name: "Laura Chen", role: "Assistant Secretary for Export Enforcement" });
    expect(record?.actor).toBeNull();
  });

  it("should keep 'Under' in the title of an inverted speaker", () => {
    const [record] = extract(
      '"These rules address the national security threat posed by advanced chips," said Under Secretary of Commerce for Industry and Security Daniel Mercer.',
    );
    expect(record?.speaker).toEqual({
      name: "Daniel Mercer",
      role: "Under Secretary of Commerce for Industry and Security",
    });
  });

  it("should leave a known speaker after a portfolio title to the speaker list", () => {
    const [record] = extract("Secretary of State Antony Blinken said the two countries must manage competition.");
    expect(record?.speaker?.name).toBe("Antony Blinken");
    expect(record?.actor).toBe("US");
  });

  it("should give 'the Department' and its untitled-country officials the issuer named in the opening", () => {
    const records = extract(
      [
        "Commerce Tightens Chip Rules",
        "WASHINGTON — Today, the U.S. Department of Commerce announced new export controls on advanced chips.",
        "The Department said the controls are not intended to harm China's economy.",
        "Assistant Secretary for Export Enforcement Laura Chen warned that companies evading the controls will face penalties.",
      ].join("\n\n"),
    );
    const department = records.find((r) => r.quote.startsWith("the controls are not intended"));
    expect(department?.actor).toBe("US");
    const official = records.find((r) => r.speaker?.name === "Laura Chen");
    expect(official?.actor).toBe("US");
  });

  it("should not give an official without a country an actor when no issuer opens the document", () => {
    const records = extract(
      "Officials met in Geneva on Monday.\n\nAssistant Secretary for Export Enforcement Laura Chen warned that chip smugglers will face penalties.",
    );
    expect(records.find((r) => r.speaker?.name === "Laura Chen")?.actor).toBeNull();
  });

  it("should not read 'added 27 entities to the Entity List' as speech", () => {
    const records = extract("The Commerce Department added 27 Chinese entities to the Entity List.");
    expect(records.every((r) => r.actor === null)).toBe(true);
  });

  it("should attribute a stated interest to its subject, the interest being the quote", () => {
    const [record] = extract(
      "The EU has a direct interest in the preservation of peace and stability in the Taiwan Strait.",
    );
    expect(record?.actor).toBe("EU");
    expect(record?.quote.startsWith("a direct interest in")).toBe(true);
  });

  it("should take the reporting verb's frame when the reported words have none", () => {
    const records = extract("The EU and China agreed at their last summit to hold a high-level dialogue on trade.");
    expect(records.map((r) => r.actor).sort()).toEqual(["CN", "EU"]);
    for (const r of records) expect(r.frames).toEqual(["cooperation"]);
  });

  it("should read a disavowed intent to harm as risk management", () => {
    expect(labels("the controls are not intended to harm China's economy").frames).toEqual(["risk-management"]);
    expect(labels("they will harm China's economy").frames).toEqual([]);
  });

  it("should not read 'People's Republic' or 'People's Liberation Army' as people-to-people", () => {
    expect(labels("drills by the People's Liberation Army near the People's Republic of China").topics).not.toContain(
      "people-to-people",
    );
    expect(labels("exchanges between our two peoples").topics).toContain("people-to-people");
  });

  it("should read a security threat as security-threat, not confrontation", () => {
    expect(labels("a national security threat posed by chips").frames).toEqual(["security-threat"]);
  });
});
