import { describe, expect, it } from "vitest";
import { extractRecords } from "../../../src/engine/extract/index";
import { bundledTaxonomy } from "../../../src/storage/bundled-corpus";

const taxonomy = bundledTaxonomy();
const NBSP = "\u00a0";

function run(text: string, title: string, source: string) {
  const records = extractRecords({ documentId: "t", text, title, source }, taxonomy);
  for (const r of records) expect(text.slice(r.span.start, r.span.end)).toBe(r.quote);
  return records;
}

// Lines wrapped at about 72 columns, as in the White House archive (these are written for the test).
const BRIEFING = [
  " ",
  "James S. Brady Press Briefing Room",
  "",
  `MS. JEAN-PIERRE:${NBSP} Good afternoon, everybody.${NBSP} I have one thing at the top.  `,
  "  ",
  `Q${NBSP}${NBSP}${NBSP} Thanks, Karine.${NBSP} China's Foreign Ministry said the balloon was a`,
  "civilian airship that strayed off course.  Does the White House accept that?  ",
  "  ",
  `MS. JEAN-PIERRE:${NBSP} We have been very clear that the surveillance balloon was a`,
  "violation of our sovereignty, and we will continue to take the steps we need to",
  "protect the American people.  We \\[have\\] raised that concern directly with the",
  "PRC.  ",
  "  ",
  "Q  And on the midterms?  ",
  "  ",
  "MS. JEAN-PIERRE:  The President is focused on lowering costs for American families",
  "across the country, and he will keep doing that.  ",
  "",
].join("\n");

describe("official texts with their title and source", () => {
  const briefing = run(BRIEFING, "Press Briefing by Press Secretary Karine Jean-Pierre", "The White House");

  it("should read a hard-wrapped answer sentence as one statement of the press secretary, across its line breaks", () => {
    const answer = briefing.find((r) => r.quote.startsWith("We have been very clear"));
    expect(answer?.actor).toBe("US");
    expect(answer?.speaker?.name).toBe("Karine Jean-Pierre");
    expect(answer?.quote).toContain("\nprotect the American people.");
    expect(answer?.topics).toContain("surveillance-balloon");
  });

  it("should keep offsets exact across backslash escapes", () => {
    const escaped = briefing.find((r) => r.quote.includes("\\[have\\]"));
    expect(escaped?.actor).toBe("US");
  });

  it("should give a reporter's question only what it reports an official saying", () => {
    const fromQuestion = briefing.filter(
      (r) => r.span.start > BRIEFING.indexOf("Q") && r.span.end < BRIEFING.indexOf("We have been"),
    );
    expect(fromQuestion.length).toBeGreaterThan(0);
    expect(fromQuestion.every((r) => r.actor === "CN")).toBe(true);
    expect(briefing.some((r) => r.quote.includes("Does the White House accept"))).toBe(false);
  });

  it("should give no record for an answer on home affairs outside a foreign-affairs passage", () => {
    const briefingLong = BRIEFING.replace(
      "Q  And on the midterms?",
      `${"Q  And on the budget?  \n  \nMS. JEAN-PIERRE:  The budget is out.  \n  \n".repeat(3)}Q  And on the midterms?`,
    );
    const records = run(briefingLong, "Press Briefing by Press Secretary Karine Jean-Pierre", "The White House");
    expect(records.some((r) => r.quote.startsWith("The President is focused on lowering costs"))).toBe(false);
  });

  it("should give a spokesperson's subjectless or government-subject sentences to China, with the spokesperson", () => {
    const text =
      "AFP: The US said it will impose new export controls on chips. What is China's response?\n\nMao Ning: China firmly opposes the US abuse of export control measures. We urge the US to stop politicizing trade and technology issues.";
    const records = run(
      text,
      "Foreign Ministry Spokesperson Mao Ning's Regular Press Conference on October 9, 2023",
      "PRC Ministry of Foreign Affairs",
    );
    const answer = records.filter((r) => r.span.start > text.indexOf("Mao Ning:"));
    expect(answer.map((r) => r.actor)).toEqual(["CN", "CN"]);
    expect(answer.every((r) => r.speaker?.name === "Mao Ning")).toBe(true);
    const question = records.filter((r) => r.span.end <= text.indexOf("Mao Ning:"));
    expect(question.every((r) => r.actor === "US")).toBe(true);
  });

  it("should give a one-government readout's joint sentences to the issuer only", () => {
    const text =
      "President Biden spoke today with President Xi Jinping of the People's Republic of China. The two leaders agreed to resume military-to-military communication. President Biden raised concerns about the PRC's unfair trade practices.";
    const records = run(text, "Readout of President Biden's Call with President Xi Jinping", "The White House");
    const joint = records.filter((r) => r.quote.includes("military-to-military"));
    expect(joint.map((r) => r.actor)).toEqual(["US"]);
    expect(records.find((r) => r.quote.includes("unfair trade"))?.speaker?.name).toBe("Joe Biden");
  });

  it("should give an unknown official with a government title that government", () => {
    // Invented names: neither is in data/taxonomy/actors.json, their titles are in titles.json.
    const text =
      "Foreign Ministry Spokesperson Alex Example said on Monday that China firmly opposes the new US tariffs on Chinese goods. Treasury Secretary Jane Roe said the tariffs will protect American workers.";
    const records = extractRecords({ documentId: "t", text }, taxonomy);
    expect(records.map((r) => [r.actor, r.speaker?.name])).toEqual([
      ["CN", "Alex Example"],
      ["US", "Jane Roe"],
    ]);
  });
});
