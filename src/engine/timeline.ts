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

/** At most this many months between the first and the last dated record are listed one by one. */
export const MAX_TIMELINE_SPAN_MONTHS = 2400;

/**
 * "2023-06" as a month number (year × 12 + month − 1), read from the date as written, so no time
 * zone moves a record into another month. Null for a date that names no real month.
 */
function monthNumber(publishedAt: string): number | null {
  const match = /^(\d{4})-(\d{2})/.exec(publishedAt);
  if (!match) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return Number(match[1]) * 12 + month - 1;
}

function monthLabel(n: number): string {
  return `${String(Math.floor(n / 12)).padStart(4, "0")}-${String((n % 12) + 1).padStart(2, "0")}`;
}

/** Each side's record count and mean posture on one topic, per month of publication. */
export function topicTimeline(index: CorpusIndex, topic: Topic, a: ActorId, b: ActorId): Timeline {
  const tallies = { a: new Map<number, Tally>(), b: new Map<number, Tally>() };
  const undated = { a: 0, b: 0 };
  const add = (key: "a" | "b", record: StanceRecord) => {
    const publishedAt = index.documentById.get(record.documentId)?.publishedAt ?? null;
    const month = publishedAt === null ? null : monthNumber(publishedAt);
    if (month === null) {
      undated[key]++;
      return;
    }
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
  const seen = [...new Set([...tallies.a.keys(), ...tallies.b.keys()])].sort((x, y) => x - y);
  const first = seen[0];
  const last = seen.at(-1);
  // Every month of the span, empty ones included, so a chart's x axis is even; a span too long to
  // list (a stray date centuries away) lists only the months that have records.
  const listed =
    first !== undefined && last !== undefined && last - first < MAX_TIMELINE_SPAN_MONTHS
      ? Array.from({ length: last - first + 1 }, (_, k) => first + k)
      : seen;
  const months: Timeline["months"] = listed.map((n) => ({
    month: monthLabel(n),
    a: side(tallies.a.get(n)),
    b: side(tallies.b.get(n)),
  }));
  const actorRef = (id: ActorId) => ({ id, name: index.taxonomy.actorById.get(id)?.name ?? id });
  return {
    topic: { id: topic.id, label: topic.label, description: topic.description },
    a: actorRef(a),
    b: actorRef(b),
    months,
    undated,
  };
}
