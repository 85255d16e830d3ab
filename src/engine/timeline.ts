import type { StanceRecord } from "../model/record";
import type { ActorId, Topic } from "../model/taxonomy";
import type { Timeline, TimelineSide } from "../model/timeline";
import type { CorpusIndex } from "./corpus-index";

interface Tally {
  count: number;
  postureSum: number;
}

function side(tally: Tally | undefined): TimelineSide {
  if (!tally || tally.count === 0) return { recordCount: 0, meanPosture: null };
  return { recordCount: tally.count, meanPosture: Math.round((tally.postureSum / tally.count) * 1000) / 1000 };
}

/** "2023-06" → "2023-07"; months are compared and stepped as strings to stay free of time zones. */
function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12
    ? `${String(year + 1).padStart(4, "0")}-01`
    : `${month.slice(0, 4)}-${String(m + 1).padStart(2, "0")}`;
}

/** Each side's record count and mean posture on one topic, per month of publication. */
export function topicTimeline(index: CorpusIndex, topic: Topic, a: ActorId, b: ActorId): Timeline {
  const tallies = { a: new Map<string, Tally>(), b: new Map<string, Tally>() };
  const undated = { a: 0, b: 0 };
  const add = (key: "a" | "b", record: StanceRecord) => {
    const publishedAt = index.documentById.get(record.documentId)?.publishedAt ?? null;
    if (publishedAt === null) {
      undated[key]++;
      return;
    }
    const month = publishedAt.slice(0, 7);
    const tally = tallies[key].get(month) ?? { count: 0, postureSum: 0 };
    tally.count++;
    tally.postureSum += record.posture;
    tallies[key].set(month, tally);
  };
  for (const record of index.recordsByTopic.get(topic.id) ?? []) {
    // Both checks, not else-if: with a === b every record counts on both sides, as in compare.
    if (record.actor === a) add("a", record);
    if (record.actor === b) add("b", record);
  }
  const seen = [...tallies.a.keys(), ...tallies.b.keys()].sort();
  const months: Timeline["months"] = [];
  const first = seen[0];
  const last = seen.at(-1);
  if (first !== undefined && last !== undefined) {
    for (let month = first; month <= last; month = nextMonth(month)) {
      months.push({ month, a: side(tallies.a.get(month)), b: side(tallies.b.get(month)) });
    }
  }
  const actorRef = (id: ActorId) => ({ id, name: index.taxonomy.actorById.get(id)?.name ?? id });
  return {
    topic: { id: topic.id, label: topic.label, description: topic.description },
    a: actorRef(a),
    b: actorRef(b),
    months,
    undated,
  };
}
