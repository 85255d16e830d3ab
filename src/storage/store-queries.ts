import type { ActorId, FrameId, TopicId } from "../model/taxonomy";
import type { DocumentKeys } from "./contributions";
import type { AggregateFilter, Evidence, EvidenceKey, ListFilter, SideTally } from "./corpus-store";

/** Query semantics both stores share, written once so they cannot disagree. */

/** Aggregate rows (any periods) summed into one tally per actor and topic, sorted by both. */
export function sideTallies(
  rows: readonly { actor: string; topic: string; frame: string; records: number; postureMilli: number }[],
): SideTally[] {
  const byKey = new Map<string, SideTally>();
  for (const row of rows) {
    const key = `${row.actor}\u0000${row.topic}`;
    let tally = byKey.get(key);
    if (!tally) {
      tally = {
        actor: row.actor === "" ? null : (row.actor as ActorId),
        topic: row.topic === "" ? null : (row.topic as TopicId),
        records: 0,
        postureMilli: 0,
        frames: {},
      };
      byKey.set(key, tally);
    }
    if (row.frame === "") {
      tally.records += row.records;
      tally.postureMilli += row.postureMilli;
    } else {
      const frame = row.frame as FrameId;
      tally.frames[frame] = (tally.frames[frame] ?? 0) + row.records;
    }
  }
  return [...byKey.values()]
    .filter((t) => t.records > 0)
    .sort((x, y) => cmp(x.actor ?? "", y.actor ?? "") || cmp(x.topic ?? "", y.topic ?? ""));
}

function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Newest first: publication (undated last), then document id, position and record id, all descending. */
export function compareEvidence(x: Evidence, y: Evidence): number {
  return (
    cmp(y.published, x.published) ||
    cmp(y.record.documentId, x.record.documentId) ||
    y.record.span.start - x.record.span.start ||
    cmp(y.record.id, x.record.id)
  );
}

/** The key an evidence page ends at (its last record), for the next page's `before`. */
export function evidenceKey(e: Evidence): EvidenceKey {
  return {
    published: e.published,
    documentId: e.record.documentId,
    spanStart: e.record.span.start,
    recordId: e.record.id,
  };
}

/** Whether a record comes after the key in the newest-first evidence order (is on a later page). */
export function afterKey(e: Evidence, key: EvidenceKey | undefined): boolean {
  if (key === undefined) return true;
  return (
    (cmp(key.published, e.published) ||
      cmp(key.documentId, e.record.documentId) ||
      key.spanStart - e.record.span.start ||
      cmp(key.recordId, e.record.id)) > 0
  );
}

/** A document in the filter's months and source (undated documents are outside every range). */
export function inMonthRange(keys: DocumentKeys, filter: AggregateFilter): boolean {
  if (filter.sourceKey !== undefined && keys.sourceKey !== filter.sourceKey) return false;
  if (filter.fromMonth === undefined && filter.toMonth === undefined) return true;
  if (keys.month === "") return false;
  return (
    (filter.fromMonth === undefined || keys.month >= filter.fromMonth) &&
    (filter.toMonth === undefined || keys.month <= filter.toMonth)
  );
}

/** A document published on a day in [from, to] and from the source (listings are exact by day). */
export function inDayRange(keys: DocumentKeys, filter: ListFilter): boolean {
  if (filter.sourceKey !== undefined && keys.sourceKey !== filter.sourceKey) return false;
  if (filter.from === undefined && filter.to === undefined) return true;
  const day = keys.published.slice(0, 10);
  if (day === "") return false;
  return (filter.from === undefined || day >= filter.from) && (filter.to === undefined || day <= filter.to);
}

/** Two newest-first lists as one, cut to `limit`. */
export function mergeEvidence(x: readonly Evidence[], y: readonly Evidence[], limit: number): Evidence[] {
  return [...x, ...y].sort(compareEvidence).slice(0, limit);
}

/** Tallies of two stores summed per actor and topic. */
export function mergeTallies(x: readonly SideTally[], y: readonly SideTally[]): SideTally[] {
  const rows: { actor: string; topic: string; frame: string; records: number; postureMilli: number }[] = [];
  for (const t of [...x, ...y]) {
    const actor = t.actor ?? "";
    const topic = t.topic ?? "";
    rows.push({ actor, topic, frame: "", records: t.records, postureMilli: t.postureMilli });
    for (const [frame, n] of Object.entries(t.frames)) rows.push({ actor, topic, frame, records: n, postureMilli: 0 });
  }
  return sideTallies(rows);
}
