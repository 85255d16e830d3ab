import { describe, expect, it } from "vitest";
import { extractRecords } from "../../../src/engine/extract/index";
import { bundledTaxonomy } from "../../../src/storage/bundled-corpus";

const taxonomy = bundledTaxonomy();
const extract = (text: string) => extractRecords({ documentId: "t", text }, taxonomy);
const verbatim = (text: string, records: ReturnType<typeof extract>) =>
  records.every((r) => text.slice(r.span.start, r.span.end) === r.quote);

describe("briefing transcripts", () => {
  const briefing =
    "Pentagon Press Secretary Maj. Gen. Pat Ryder Holds a Press Briefing\n\n" +
    "MAJ. GEN. PAT RYDER: Good afternoon. Our commitment to peace and stability across the Taiwan Strait remains unchanged.\n\n" +
    "Q: The Chinese coast guard used water cannon near Second Thomas Shoal. Will the U.S. respond?\n\n" +
    "GEN. RYDER: We stand with our ally, and our commitments under the Mutual Defense Treaty are ironclad.";

  it("should give an unknown briefer's turns the actor of the title that names him", () => {
    const records = extract(briefing);
    expect(records.length).toBe(2);
    expect(records.every((r) => r.actor === "US" && r.speaker?.name === "Pat Ryder")).toBe(true);
    expect(verbatim(briefing, records)).toBe(true);
  });

  it("should give an answer with no topic cue the topic of the question", () => {
    const last = extract(briefing).at(-1);
    expect(last?.topics).toEqual(["south-china-sea"]);
    expect(last?.frames).toEqual(["cooperation"]);
  });

  it("should not give an unknown label a speaker when the title does not name them", () => {
    const text =
      "Press Briefing\n\nJOHN SMITH: Our commitment to stability across the Taiwan Strait remains unchanged.";
    expect(extract(text)).toEqual([]);
  });

  it("should give 'Answer:' turns to the spokesperson the statement introduced", () => {
    const text =
      "MOFCOM Spokesperson Answers Reporters' Questions on Export Controls\n\n" +
      "A spokesperson for the Ministry of Commerce on Thursday answered a reporter's question on the new U.S. export controls on chips.\n\n" +
      "Question: What is China's response to the export controls?\n\n" +
      "Answer: China firmly opposes this. China urges the U.S. side to immediately correct its wrong practices.";
    const records = extract(text);
    expect(records.map((r) => r.actor)).toEqual(["CN", "CN"]);
    expect(records.every((r) => r.topics.includes("technology-export-controls"))).toBe(true);
    expect(records[0]?.speaker).toEqual({ name: null, role: "MOFCOM Spokesperson" });
  });
});

describe("institutions after a role", () => {
  it("should give 'a spokesperson for the Ministry of Commerce' the ministry's country", () => {
    const records = extract(
      "A spokesperson for the Ministry of Commerce said the U.S. export controls on chips were an abuse of national security.",
    );
    expect(records[0]?.actor).toBe("CN");
    expect(records[0]?.speaker?.role).toBe("spokesperson for the Ministry of Commerce");
  });
});

describe("op-eds", () => {
  const opEd =
    "Why we must keep talking\n\nBy Nicholas Burns\n\n" +
    "The United States and China are in a competition that will shape this century. Competition does not have to mean conflict.\n\n" +
    "The author is the U.S. ambassador to China.";

  it("should give a byline author's own sentences to the author and his country", () => {
    const records = extract(opEd);
    expect(records.length).toBe(2);
    expect(records.every((r) => r.actor === "US" && r.speaker?.name === "Nicholas Burns")).toBe(true);
    expect(verbatim(opEd, records)).toBe(true);
  });

  it("should take an unknown author's country from the closing author line", () => {
    const text =
      "Keep talking\n\nBy Jane Doe\n\nCompetition does not have to mean conflict.\n\nThe author is the U.S. ambassador to Singapore.";
    const records = extract(text);
    expect(records.map((r) => [r.actor, r.speaker?.name])).toEqual([["US", "Jane Doe"]]);
  });

  it("should leave a journalist's byline alone: the narration stays narration", () => {
    const text =
      "Talks resume\n\nBy Jane Ellison\n\nCompetition between the two countries does not have to mean conflict.";
    const records = extract(text);
    expect(records.map((r) => r.actor)).toEqual([null]);
    expect(records[0]?.kind).toBe("narration");
  });
});

describe("analysts", () => {
  it("should keep an analyst's appositive out of the quote and give no government actor", () => {
    const text =
      '"Beijing is showing that it can weaponize supply chains," said Bonnie Glaser, managing director of the Indo-Pacific program at the German Marshall Fund of the United States.';
    const records = extract(text);
    expect(records.length).toBe(1);
    expect(records[0]?.actor).toBeNull();
    expect(records[0]?.speaker?.name).toBe("Bonnie Glaser");
  });

  it("should name the speaker before a bare title appositive ('Wu Xinbo, dean of …, said')", () => {
    const records = extract(
      "Wu Xinbo, dean of the Institute of International Studies at Fudan University, said Beijing had shown restraint while Washington expanded its entity list.",
    );
    expect(records[0]?.speaker?.name).toBe("Wu Xinbo");
    expect(records[0]?.actor).toBeNull();
  });
});
