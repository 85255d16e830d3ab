import type { ActorId, FrameId, TopicId } from "../model/taxonomy";

/**
 * What the comparisons are computed from: counts and posture sums that a store keeps per actor,
 * topic, frame and month, so no comparison needs the records themselves.
 */

/** One actor's records on one topic (or on any topic when `topic` is null): count, posture, frames. */
export interface SideTally {
  /** null for narration */
  actor: ActorId | null;
  topic: TopicId | null;
  records: number;
  /** Sum of round(posture × 1000) over the records: integers, so sums are exact in any order. */
  postureMilli: number;
  frames: Partial<Record<FrameId, number>>;
}

/** One actor's records on one topic in one month. */
export interface MonthTally {
  month: string;
  actor: ActorId | null;
  records: number;
  postureMilli: number;
}

/** Per actor and word stem: how many records use it, and with which frames. */
export interface TermStat {
  stem: string;
  records: number;
  frames: Set<FrameId>;
}

/** The posture unit of the tallies. */
export function postureMilli(posture: number): number {
  return Math.round(posture * 1000);
}

/** Mean posture of a tally, rounded to 3 decimals as the API shows it; null with no records. */
export function meanPosture(records: number, postureMilli: number): number | null {
  return records === 0 ? null : Math.round(postureMilli / records) / 1000;
}
