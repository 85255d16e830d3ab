import type { ActorRef } from "../model/comparison";
import type { Topic } from "../model/taxonomy";
import type { Timeline, TimelineSide } from "../model/timeline";
import { type MonthTally, meanPosture } from "./tallies";

/** At most this many months between the first and the last dated record are listed one by one. */
export const MAX_TIMELINE_SPAN_MONTHS = 2400;

/** "2023-06" as a month number (year × 12 + month − 1). */
function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthLabel(n: number): string {
  return `${String(Math.floor(n / 12)).padStart(4, "0")}-${String((n % 12) + 1).padStart(2, "0")}`;
}

function side(tally: { records: number; postureMilli: number } | undefined): TimelineSide {
  if (!tally || tally.records === 0) return { recordCount: 0, meanPosture: null };
  return { recordCount: tally.records, meanPosture: meanPosture(tally.records, tally.postureMilli) };
}

/**
 * Each side's record count and mean posture on one topic, per month of publication, from the
 * monthly tallies of a and b. With a === b every record counts on both sides, as in compare.
 */
export function buildTimeline(
  topic: Topic,
  a: ActorRef,
  b: ActorRef,
  months: readonly MonthTally[],
  undated: { a: number; b: number },
): Timeline {
  const tallies = { a: new Map<number, MonthTally>(), b: new Map<number, MonthTally>() };
  for (const m of months) {
    if (m.actor === a.id) tallies.a.set(monthNumber(m.month), m);
    if (m.actor === b.id) tallies.b.set(monthNumber(m.month), m);
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
  return {
    topic: { id: topic.id, label: topic.label, description: topic.description },
    a,
    b,
    months: listed.map((n) => ({ month: monthLabel(n), a: side(tallies.a.get(n)), b: side(tallies.b.get(n)) })),
    undated,
  };
}
