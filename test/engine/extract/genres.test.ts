import { describe, expect, it } from "vitest";
import { extractRecords } from "../../../src/engine/extract/index";
import { bundledTaxonomy } from "../../../src/storage/bundled-corpus";

const taxonomy = bundledTaxonomy();
const extract = (text: string) => extractRecords({ documentId: "t", text }, taxonomy);
const actors = (records: ReturnType<typeof extract>) => records.map((r) => r.actor).sort();
const verbatim = (text: string, records: ReturnType<typeof extract>) =>
  records.every((r) => text.slice(r.span.start, r.span.end) === r.quote);

describe("coordinated demonyms before one group noun", () => {
  it("should give one record per actor for 'U.S. and Chinese officials said'", () => {
    const records = extract(
      "U.S. and Chinese officials said the two presidents agreed to restore the military hotline.",
    );
    expect(actors(records)).toEqual(["CN", "US"]);
    expect(records.every((r) => r.speaker === null)).toBe(true);
  });

  it("should give one record per actor for 'American and Chinese negotiators agreed'", () => {
    const records = extract("American and Chinese negotiators agreed to expand cooperation on climate change.");
    expect(actors(records)).toEqual(["CN", "US"]);
  });

  it("should coordinate a comma list of a country and demonyms before a group noun", () => {
    const records = extract(
      "U.S., Japanese and Philippine coast guard officials said the drills improved cooperation in the South China Sea.",
    );
    expect(actors(records)).toEqual(["JP", "PH", "US"]);
  });

  it("should not coordinate a demonym that modifies something other than the speakers", () => {
    const records = extract("Xi told reporters that the U.S. and Chinese economies should cooperate on trade.");
    expect(actors(records)).toEqual(["CN"]);
  });
});

describe("headlines", () => {
  it("should give both speakers for comma-coordinated subjects ('Biden, Xi agree')", () => {
    const records = extract("Biden, Xi agree to restore military hotline\n\nThe two leaders met on Wednesday.");
    expect(records.map((r) => `${r.actor}:${r.speaker?.name}`).sort()).toEqual(["CN:Xi Jinping", "US:Joe Biden"]);
  });

  it("should not coordinate across a comma that opens an adjunct ('Blinken, in Beijing, urges')", () => {
    const records = extract("Blinken, in Beijing, urges China to cooperate on fentanyl\n\nBody text follows.");
    expect(actors(records)).toEqual(["US"]);
  });

  it("should give no record for a travel headline without a stance cue of its own", () => {
    expect(extract("Blinken visits Beijing for talks on fentanyl\n\nBody text follows.")).toEqual([]);
    expect(extract("Wang Yi arrives in Washington for talks on trade\n\nBody text follows.")).toEqual([]);
    expect(extract("Blinken heads to Beijing\n\nBody text follows.")).toEqual([]);
  });

  it("should keep a travel headline that names a topic and a frame itself", () => {
    const records = extract("Blinken heads to Beijing to avoid miscalculation over Taiwan\n\nBody text follows.");
    expect(records).toHaveLength(1);
    expect(records[0]?.frames).toEqual(["risk-management"]);
  });
});

describe("two reporting verbs of one subject", () => {
  it("should give one record per reported clause when each names its own topic", () => {
    const text =
      "Biden raised concerns about China's human rights record in Xinjiang and reiterated the importance of maintaining peace and stability across the Taiwan Strait.";
    const records = extract(text);
    expect(records.map((r) => r.quote)).toEqual([
      "concerns about China's human rights record in Xinjiang",
      "the importance of maintaining peace and stability across the Taiwan Strait.",
    ]);
    expect(records.map((r) => r.topics)).toEqual([["human-rights"], ["taiwan"]]);
    expect(verbatim(text, records)).toBe(true);
  });

  it("should skip a 'that' after the second verb", () => {
    const records = extract(
      "Blinken said the talks on trade were candid and stressed that fentanyl cooperation must continue.",
    );
    expect(records.map((r) => r.quote)).toEqual([
      "the talks on trade were candid",
      "fentanyl cooperation must continue.",
    ]);
  });

  it("should keep one record when the second clause names no topic", () => {
    const records = extract("Blinken raised concerns about human rights in Xinjiang and added that he was frank.");
    expect(records).toHaveLength(1);
  });

  it("should keep one record for coordinated subjects inside the reported words", () => {
    const records = extract("Blinken said China and the U.S. agreed to expand cooperation on climate change.");
    expect(records).toHaveLength(1);
  });
});

describe("institutional speakers", () => {
  it("should take the country of the institution a spokesperson speaks for, not its location", () => {
    const text =
      "The spokesperson of the Chinese Embassy in the US said that China firmly opposes the export controls. The U.S. is abusing export controls to suppress Chinese companies, the spokesperson said.";
    const records = extract(text);
    expect(records).toHaveLength(2);
    expect(actors(records)).toEqual(["CN", "CN"]);
    expect(records[0]?.speaker?.role).toBe("spokesperson of the Chinese Embassy in the US");
  });

  it("should attribute 'remains concerned about' and 'expects China to' to the body that says them", () => {
    const text =
      "The European Union remains concerned about China's support for Russia's war against Ukraine. The EU expects China to address the concerns of European companies about market access.";
    const records = extract(text);
    expect(actors(records)).toEqual(["EU", "EU"]);
    expect(records[0]?.quote).toBe("concerned about China's support for Russia's war against Ukraine.");
    expect(records[1]?.quote.startsWith("China to address")).toBe(true);
  });

  it("should read 'Chief Cabinet Secretary' as a role with its country", () => {
    const records = extract(
      "Japan's Chief Cabinet Secretary Yoshimasa Hayashi said that Japan welcomed the resumption of military communication.",
    );
    expect(records.map((r) => `${r.actor}:${r.speaker?.name}`)).toEqual(["JP:Yoshimasa Hayashi"]);
  });
});
