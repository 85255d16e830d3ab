import type { TopicComparison } from "../model/comparison";

/**
 * A comparison row with at most `limit` records per side (and of context): the most recent ones,
 * still oldest first. Counts, frame counts, mean posture and contrast stay computed over every
 * record, so only the evidence shown is cut; /v1/records pages through the rest. Keeps a
 * comparison's size flat however many documents the corpus holds.
 */
export function limitEvidence(row: TopicComparison, limit: number): TopicComparison {
  const latest = <T>(list: T[]): T[] => (list.length <= limit ? list : list.slice(list.length - limit));
  return {
    ...row,
    a: { ...row.a, records: latest(row.a.records) },
    b: { ...row.b, records: latest(row.b.records) },
    context: latest(row.context),
  };
}
