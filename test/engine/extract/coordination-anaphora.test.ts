import { describe, expect, it } from "vitest";
import { extractRecords } from "../../../src/engine/extract/index";
import { bundledTaxonomy } from "../../../src/storage/bundled-corpus";

const taxonomy = bundledTaxonomy();
const extract = (text: string) => extractRecords({ documentId: "t", text }, taxonomy);
const who = (records: ReturnType<typeof extract>) => records.map((r) => `${r.actor}:${r.speaker?.name ?? "-"}`).sort();

describe("coordinated subjects", () => {
  it("should give one record per actor, each with its own speaker, for 'A and B agreed'", () => {
    const records = extract(
      "U.S. President Joe Biden and Chinese President Xi Jinping agreed on Wednesday to resume military-to-military communications.",
    );
    expect(who(records)).toEqual(["CN:Xi Jinping", "US:Joe Biden"]);
    expect(new Set(records.map((r) => r.quote)).size).toBe(1);
  });

  it("should split a coordinated headline subject into one record per actor", () => {
    const records = extract(
      "Biden and Xi agree to resume military talks, curb fentanyl flows\n\nThe two leaders met in California.",
    );
    expect(who(records)).toEqual(["CN:Xi Jinping", "US:Joe Biden"]);
  });

  it("should coordinate actors named as countries, including a comma list ending in 'and'", () => {
    const records = extract(
      "Japan, Australia and the Philippines expressed serious concern over the use of water cannon in the South China Sea.",
    );
    expect(records.map((r) => r.actor).sort()).toEqual(["AU", "JP", "PH"]);
  });

  it("should keep one record per actor when both subjects belong to the same actor", () => {
    const records = extract(
      "President Biden and Secretary Blinken said the United States will defend Taiwan's democracy.",
    );
    expect(records.map((r) => r.actor)).toEqual(["US"]);
  });

  it("should not coordinate a place named in an opening adjunct with the subject", () => {
    const records = extract(
      "In Tokyo, Blinken and Wang Yi said the two countries must keep lines of communication open.",
    );
    expect(records.map((r) => r.actor).sort()).toEqual(["CN", "US"]);
  });
});

describe("role anaphora with a demonym", () => {
  it("should resolve 'The Chinese leader' to the Chinese person named before", () => {
    const records = extract(
      "Chinese President Xi Jinping met U.S. President Joe Biden on Wednesday. The Chinese leader also warned Washington over Taiwan, saying the United States should stop arming Taiwan.",
    );
    const last = records.at(-1);
    expect(last?.actor).toBe("CN");
    expect(last?.speaker?.name).toBe("Xi Jinping");
    expect(last?.quote).toBe("the United States should stop arming Taiwan.");
  });

  it("should resolve 'the top U.S. diplomat' to the U.S. diplomat named before, not the president", () => {
    const records = extract(
      "Secretary of State Antony Blinken met Philippine officials after President Joe Biden spoke with Manila. “We stand with our ally the Philippines against provocative actions in the South China Sea,” the top U.S. diplomat told reporters.",
    );
    const quote = records.find((r) => r.kind === "direct-quote");
    expect(quote?.actor).toBe("US");
    expect(quote?.speaker?.name).toBe("Antony Blinken");
  });

  it("should resolve 'The Philippine diplomat' and 'The Chinese official' to unknown named speakers", () => {
    const records = extract(
      "Philippine Foreign Secretary Enrique Manalo said Manila would assert its sovereign rights in the South China Sea. The Philippine diplomat added that China's aggressive actions must stop. Chinese Foreign Ministry spokesperson Lin Jian said the Philippines provoked the incident at Ren'ai Jiao. The Chinese official accused Washington of using Manila to contain China.",
    );
    expect(records.map((r) => `${r.actor}:${r.speaker?.name}`)).toEqual([
      "PH:Enrique Manalo",
      "PH:Enrique Manalo",
      "CN:Lin Jian",
      "CN:Lin Jian",
    ]);
  });

  it("should keep the actor and a null name when nobody of that country was named", () => {
    const records = extract(
      "Secretary Blinken arrived in Beijing. The Chinese official said Beijing firmly opposes interference in its internal affairs.",
    );
    expect(records.at(-1)?.actor).toBe("CN");
    expect(records.at(-1)?.speaker?.name).toBeNull();
  });

  it("should not resolve an indefinite description to a named person", () => {
    const records = extract(
      "Chinese Foreign Minister Wang Yi met Blinken. A Chinese official said Beijing firmly opposes interference in its internal affairs.",
    );
    expect(records.at(-1)?.actor).toBe("CN");
    expect(records.at(-1)?.speaker?.name).toBeNull();
  });
});

describe("reporting structures of wire copy and readouts", () => {
  it("should give ', saying' the subject of its clause, not the country just before the comma", () => {
    const [record] = extract(
      "U.S. Secretary of State Antony Blinken on Tuesday backed the Philippines in its maritime dispute with China, saying Washington's commitments extend to Philippine coast guard vessels in the South China Sea.",
    );
    expect(record?.actor).toBe("US");
    expect(record?.speaker?.name).toBe("Antony Blinken");
  });

  it("should prefer a trailing 'he said' to a weak verb earlier in the sentence", () => {
    const records = extract(
      "Blinken met Wang Yi in Beijing. The U.S. side is committed to responsibly managing differences and maintaining dialogue, he said.",
    );
    expect(records.at(-1)?.speaker?.name).toBe("Antony Blinken");
    expect(records.at(-1)?.quote).toBe(
      "The U.S. side is committed to responsibly managing differences and maintaining dialogue",
    );
  });

  it("should attribute a headline ending in ', X says' to X", () => {
    const records = extract(
      "U.S. stands with Manila after water cannon clash, Blinken says\n\nThe secretary spoke in Manila.",
    );
    expect(records.map((r) => [r.actor, r.speaker?.name, r.quote])).toEqual([
      ["US", "Antony Blinken", "U.S. stands with Manila after water cannon clash"],
    ]);
  });

  it("should give no record for outlet questions in a foreign-ministry transcript", () => {
    const records = extract(
      "AFP: The Philippines says the China Coast Guard used water cannon near Ren'ai Jiao. What is your response?\n\nLin Jian: Ren'ai Jiao is part of China's Nansha Qundao, and China has indisputable sovereignty over it.\n\nBloomberg: Washington says it stands with Manila. Any comment?\n\nLin Jian: The United States should stop interfering in maritime disputes between China and the Philippines.",
    );
    expect(records.map((r) => `${r.actor}:${r.speaker?.name}`)).toEqual(["CN:Lin Jian", "CN:Lin Jian"]);
    expect(records.every((r) => r.topics.includes("south-china-sea"))).toBe(true);
  });
});
