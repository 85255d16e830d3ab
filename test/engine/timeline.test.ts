import { describe, expect, it } from "vitest";
import { MAX_TIMELINE_SPAN_MONTHS } from "../../src/engine/timeline";
import { topicTimeline as timelineOf } from "../../src/http/lib/corpus-reads";
import type { Topic } from "../../src/model/taxonomy";
import { bundledTaxonomy } from "../../src/storage/bundled-corpus";
import { MemoryStore } from "../../src/storage/memory-store";
import { syntheticDocument } from "../storage/synthetic-documents";

const taxonomy = bundledTaxonomy();
const taiwan = taxonomy.topicById.get("taiwan");
if (!taiwan) throw new Error("taxonomy lacks taiwan");

/** A corpus of one synthetic US record on Taiwan per given publication date. */
async function corpusDated(dates: (string | null)[]) {
  const docs = await Promise.all(
    dates.map((publishedAt, k) =>
      syntheticDocument(
        `Synthetic ${k}: someone said “Taiwan arms sales continue”.`,
        { title: `Synthetic timeline ${k}`, publishedAt },
        [{ quote: "Taiwan arms sales continue", actor: "US", topics: ["taiwan"], posture: k % 2 ? -0.5 : 0.5 }],
      ),
    ),
  );
  return MemoryStore.from(taxonomy, "timeline-test", {
    documents: docs.map((d) => d.document),
    records: docs.flatMap((d) => d.records),
  });
}

const topicTimeline = (store: MemoryStore, topic: Topic, a: string, b: string) =>
  timelineOf(store, taxonomy, { topic, a, b, filter: {} });

describe("topicTimeline", () => {
  it("should list every month of the span, across a year end, with empty months in between", async () => {
    const timeline = await topicTimeline(
      await corpusDated(["2023-11-03", "2024-02-10T08:00:00+08:00"]),
      taiwan,
      "US",
      "CN",
    );
    expect(timeline.months.map((m) => m.month)).toEqual(["2023-11", "2023-12", "2024-01", "2024-02"]);
    expect(timeline.months.map((m) => m.a.recordCount)).toEqual([1, 0, 0, 1]);
    expect(timeline.months[1]?.a.meanPosture).toBeNull();
  });

  it("should end at year 9999 instead of counting months forever", async () => {
    const timeline = await topicTimeline(await corpusDated(["9999-11-30", "9999-12-31"]), taiwan, "US", "CN");
    expect(timeline.months.map((m) => m.month)).toEqual(["9999-11", "9999-12"]);
  });

  it("should list only the months with records when the span is too long to list", async () => {
    const timeline = await topicTimeline(
      await corpusDated(["0001-01-01", "2023-06-17", "9999-12-31"]),
      taiwan,
      "US",
      "CN",
    );
    expect(MAX_TIMELINE_SPAN_MONTHS).toBeLessThan(9999 * 12);
    expect(timeline.months.map((m) => m.month)).toEqual(["0001-01", "2023-06", "9999-12"]);
  });

  it("should count records whose date names no real month as undated", async () => {
    const timeline = await topicTimeline(await corpusDated(["2024-13-45", null, "2024-05-01"]), taiwan, "US", "CN");
    expect(timeline.undated).toEqual({ a: 2, b: 0 });
    expect(timeline.months.map((m) => m.month)).toEqual(["2024-05"]);
  });
});
