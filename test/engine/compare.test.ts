import { describe, expect, it } from "vitest";
import { buildContrast, buildSide as buildSideFromTally, NO_STATEMENT } from "../../src/engine/compare";
import { postureMilli, type SideTally } from "../../src/engine/tallies";
import { compareCorpus } from "../../src/http/lib/corpus-reads";
import type { StanceRecord } from "../../src/model/record";
import { FRAME_IDS, type FrameId } from "../../src/model/taxonomy";
import { bundledStore, bundledTaxonomy } from "../../src/storage/bundled-corpus";

/** A side from its records, tallied the way the stores tally them. */
function buildSide(actor: string, records: StanceRecord[]) {
  const frames: Partial<Record<FrameId, number>> = {};
  for (const r of records) for (const f of r.frames) frames[f] = (frames[f] ?? 0) + 1;
  const tally: SideTally = {
    actor,
    topic: "taiwan",
    records: records.length,
    postureMilli: records.reduce((n, r) => n + postureMilli(r.posture), 0),
    frames,
  };
  return buildSideFromTally(actor, tally, records);
}

function record(partial: Partial<StanceRecord> & Pick<StanceRecord, "frames" | "posture">): StanceRecord {
  return {
    id: "x.r01",
    documentId: "x",
    actor: "US",
    speaker: null,
    topics: ["taiwan"],
    quote: "q",
    span: { start: 0, end: 1 },
    kind: "direct-quote",
    method: "annotated",
    confidence: 1,
    via: null,
    cues: null,
    ...partial,
  };
}

describe("buildSide", () => {
  it("should count frames and average posture", () => {
    const side = buildSide("US", [
      record({ frames: ["cooperation"], posture: 0.8 }),
      record({ frames: ["cooperation", "risk-management"], posture: 0.2 }),
    ]);
    expect(side.frameCounts).toEqual({ cooperation: 2, "risk-management": 1 });
    expect(side.meanPosture).toBe(0.5);
    expect(side.note).toBeNull();
  });

  it("should say there is no statement rather than fill the gap", () => {
    const side = buildSide("CN", []);
    expect(side.meanPosture).toBeNull();
    expect(side.note).toBe(NO_STATEMENT);
    expect(side.frameCounts).toEqual({});
  });
});

describe("buildContrast", () => {
  it("should be 0 for identical framing and posture", () => {
    const a = buildSide("US", [record({ frames: ["cooperation"], posture: 0.5 })]);
    const b = buildSide("CN", [record({ frames: ["cooperation"], posture: 0.5 })]);
    const contrast = buildContrast(a, b, FRAME_IDS);
    expect(contrast).toEqual({ sharedFrames: ["cooperation"], onlyA: [], onlyB: [], postureGap: 0, divergence: 0 });
  });

  it("should be 1 for disjoint frames at opposite ends of the posture scale", () => {
    const a = buildSide("US", [record({ frames: ["cooperation"], posture: 1 })]);
    const b = buildSide("CN", [record({ frames: ["confrontation"], posture: -1 })]);
    const contrast = buildContrast(a, b, FRAME_IDS);
    expect(contrast.divergence).toBe(1);
    expect(contrast.postureGap).toBe(2);
    expect(contrast.onlyA).toEqual(["cooperation"]);
    expect(contrast.onlyB).toEqual(["confrontation"]);
  });

  it("should weigh frame distance and posture gap equally", () => {
    // Frames: A = {cooperation: 1}, B = {cooperation: 1, confrontation: 1} -> TVD 0.5; gap 0.4 -> 0.25 + 0.1
    const a = buildSide("US", [record({ frames: ["cooperation"], posture: 0.2 })]);
    const b = buildSide("CN", [record({ frames: ["cooperation", "confrontation"], posture: -0.2 })]);
    expect(buildContrast(a, b, FRAME_IDS).divergence).toBe(0.35);
  });

  it("should leave gap and divergence null when a side is silent", () => {
    const a = buildSide("US", [record({ frames: ["cooperation"], posture: 0.2 })]);
    const contrast = buildContrast(a, buildSide("CN", []), FRAME_IDS);
    expect(contrast.postureGap).toBeNull();
    expect(contrast.divergence).toBeNull();
    expect(contrast.onlyA).toEqual(["cooperation"]);
  });
});

describe("compareCorpus on the founding article", async () => {
  const comparison = await compareCorpus(bundledStore(), bundledTaxonomy(), {
    a: "US",
    b: "CN",
    filter: {},
    evidence: 500,
  });
  const row = comparison.topics.find((t) => t.topic.id === "strategic-competition");

  it("should set Blinken's intense-competition quote against Wang Wenbin's strategic miscalculation", () => {
    expect(row?.a.records.some((r) => r.quote.includes("intense competition requires intense diplomacy"))).toBe(true);
    expect(row?.b.records.some((r) => r.quote.includes("strategic miscalculation"))).toBe(true);
    expect(row?.a.records.every((r) => r.actor === "US")).toBe(true);
    expect(row?.b.records.every((r) => r.actor === "CN")).toBe(true);
  });

  it("should rank China's framing of the relationship as more adversarial than the US's", () => {
    expect(row?.a.meanPosture).not.toBeNull();
    expect(row?.b.meanPosture).not.toBeNull();
    expect((row?.a.meanPosture ?? 0) > (row?.b.meanPosture ?? 0)).toBe(true);
    expect(row?.contrast.onlyB).toContain("confrontation");
  });

  it("should list only topics with evidence, with narration as context", () => {
    for (const t of comparison.topics) expect(t.a.recordCount + t.b.recordCount + t.context.length).toBeGreaterThan(0);
    const taiwan = comparison.topics.find((t) => t.topic.id === "taiwan");
    expect(taiwan?.a.note).toBe(NO_STATEMENT);
    expect(taiwan?.context.every((r) => r.actor === null)).toBe(true);
    expect(taiwan?.context.length).toBeGreaterThan(0);
    expect(comparison.topics.some((t) => t.topic.id === "ukraine-war")).toBe(false);
  });

  it("should show at most `evidence` records per side, the most recent, and still count them all", async () => {
    const cut = await compareCorpus(bundledStore(), bundledTaxonomy(), { a: "US", b: "CN", filter: {}, evidence: 1 });
    const cutRow = cut.topics.find((t) => t.topic.id === "strategic-competition");
    expect(cutRow?.a.records).toHaveLength(1);
    expect(cutRow?.a.records[0]).toEqual(row?.a.records.at(-1));
    expect(cutRow?.a.recordCount).toBe(row?.a.recordCount);
    expect(cutRow?.a.meanPosture).toBe(row?.a.meanPosture);
    expect(cutRow?.contrast).toEqual(row?.contrast);
  });
});
