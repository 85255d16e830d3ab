import { describe, expect, it } from "vitest";
import { extractRecords } from "../../../src/engine/extract/index";
import { bundledTaxonomy } from "../../../src/storage/bundled-corpus";

const taxonomy = bundledTaxonomy();
const extract = (text: string) => extractRecords({ documentId: "t", text }, taxonomy);
const verbatim = (text: string, records: ReturnType<typeof extract>) =>
  records.every((r) => text.slice(r.span.start, r.span.end) === r.quote);

describe("leaders' call readouts", () => {
  const opening =
    "Readout of a Call\n\nPresident Biden spoke today with President Xi Jinping of the People’s Republic of China. " +
    "The two leaders held a candid discussion. ";

  it("should give 'They reviewed and encouraged …' after 'the two leaders' one record per leader", () => {
    const text = `${opening}They reviewed and encouraged progress on counternarcotics cooperation and climate change.`;
    const records = extract(text);
    expect(records.map((r) => r.actor).sort()).toEqual(["CN", "US"]);
    expect(records.every((r) => r.quote.startsWith("progress on counternarcotics"))).toBe(true);
    expect(verbatim(text, records)).toBe(true);
  });

  it("should cut 'He raised concerns over X, and he emphasized Y' into two records of the same speaker", () => {
    const text =
      `${opening}He raised concerns over the PRC’s support for Russia’s defense industrial base, ` +
      "and he emphasized the United States’ enduring commitment to a free and open Indo-Pacific.";
    const records = extract(text);
    expect(records.length).toBe(2);
    expect(records.every((r) => r.actor === "US" && r.speaker?.name === "Joe Biden")).toBe(true);
    expect(records[0]?.topics).toEqual(["ukraine-war"]);
    expect(records[1]?.topics).toEqual(["strategic-competition"]);
    expect(verbatim(text, records)).toBe(true);
  });
});

describe("joint statements", () => {
  it("should give commitments of coordinated governments ('… recall', '… will each take') one record per actor", () => {
    const text =
      "U.S.-China Joint Statement\n\n" +
      "The United States and China recall their joint statement on the climate crisis. " +
      "The United States and China will each take actions to reduce methane emissions.";
    const records = extract(text);
    expect(records.map((r) => r.actor).sort()).toEqual(["CN", "CN", "US", "US"]);
    expect(records.every((r) => r.topics.includes("climate-change"))).toBe(true);
    expect(verbatim(text, records)).toBe(true);
  });

  it("should not read a bare 'will' of a single subject as a statement", () => {
    const text = "Trade talks\n\nChina will cut tariffs on American soybeans next year to ease trade tensions.";
    const records = extract(text);
    expect(records.length).toBe(1);
    expect(records[0]?.actor).toBe(null);
  });
});

describe("anonymous sourcing", () => {
  it("should give a 'senior administration official' and 'the official' the United States as actor", () => {
    const text =
      "Chip rules\n\nA senior administration official said the United States was not seeking to decouple from China. " +
      '"These are narrowly targeted controls focused on national security," the official told reporters.';
    const records = extract(text);
    expect(records.length).toBe(2);
    expect(records.every((r) => r.actor === "US" && r.speaker?.role === "senior administration official")).toBe(true);
    expect(records[1]?.topics).toEqual(["technology-export-controls"]);
  });

  it("should not give 'the Marcos administration' the actor of the alias 'the administration'", () => {
    const text = "Manila\n\nThe Marcos administration said it would protect its sovereignty in the South China Sea.";
    expect(extract(text).some((r) => r.actor === "US")).toBe(false);
  });

  it("should give a headline reported by unnamed sources no record", () => {
    const text =
      "U.S. readies tighter chip export rules for China, sources say\n\n" +
      "The Biden administration is preparing new restrictions, according to two people familiar with the matter.";
    expect(extract(text)).toEqual([]);
  });
});
