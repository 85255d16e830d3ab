import { describe, expect, it } from "vitest";
import { extractRecords } from "../../../src/engine/extract/index";
import { bundledTaxonomy } from "../../../src/storage/bundled-corpus";

const taxonomy = bundledTaxonomy();
const extract = (text: string) => extractRecords({ documentId: "t", text }, taxonomy);

describe("speaker attribution", () => {
  it("should resolve names with roles and known speakers to their actor", () => {
    const [record] = extract("Chinese Foreign Ministry spokesman Wang Wenbin said China firmly opposes interference.");
    expect(record?.actor).toBe("CN");
    expect(record?.speaker?.name).toBe("Wang Wenbin");
  });

  it("should resolve 'he' to the last speaker and 'the secretary' to the last secretary", () => {
    const records = extract(
      "Secretary Blinken met Foreign Minister Qin Gang on Sunday. Qin said Taiwan is a core interest. The Secretary stressed the need for open lines of communication. He added that climate cooperation matters.",
    );
    expect(records.map((r) => r.actor)).toEqual(["CN", "US", "US"]);
  });

  it("should keep an unknown speaker's name and take the actor from the title's country", () => {
    const [record] = extract(
      "Japanese Foreign Minister Yoshimasa Hayashi said Japan opposes coercion in the South China Sea.",
    );
    expect(record?.actor).toBe("JP");
    expect(record?.speaker?.name).toBe("Yoshimasa Hayashi");
  });

  it("should give an unknown speaker without a country a null actor", () => {
    const [record] = extract("Analyst Jane Roe said the trade tensions will persist.");
    expect(record?.speaker?.name).toBe("Jane Roe");
    expect(record?.actor).toBeNull();
  });

  it("should report a news agency as via, never as the speaker", () => {
    const [record] = extract("China urged the United States to lift unilateral sanctions, according to Xinhua.");
    expect(record?.actor).toBe("CN");
    expect(record?.via).toBe("Xinhua");
    expect(record?.quote).not.toContain("Xinhua");
  });

  it("should make one record per side for 'the two sides agreed'", () => {
    const records = extract(
      "Secretary Blinken met Wang Yi of China. The two sides agreed to expand cooperation on climate change.",
    );
    expect(records.map((r) => r.actor).sort()).toEqual(["CN", "US"]);
  });

  it("should attribute quotes split around the attribution to one speaker", () => {
    const records = extract(
      "“We oppose any coercion in the Taiwan Strait,” President Biden said, “and we will keep lines of communication open.”",
    );
    expect(records.map((r) => [r.actor, r.kind])).toEqual([
      ["US", "direct-quote"],
      ["US", "direct-quote"],
    ]);
  });

  it("should leave unattributed points of contention as narration with a null actor", () => {
    const [record] = extract("Tensions over Taiwan have risen sharply this year.");
    expect(record?.kind).toBe("narration");
    expect(record?.actor).toBeNull();
  });
});
