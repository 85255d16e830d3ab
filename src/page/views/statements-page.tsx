import type { Taxonomy } from "../../engine/taxonomy";
import type { ActorRef } from "../../model/comparison";
import type { StanceRecord } from "../../model/record";
import type { Topic } from "../../model/taxonomy";
import { Layout } from "../components/layout";
import { RecordCard } from "../components/record-card";
import { type PageState, pageHref, rangeWords } from "../page-state";
import type { ComparisonContext } from "../view-model";

/**
 * Every statement of one side on one topic, newest first, a page at a time: "Older statements"
 * is a plain link (keyset: it names where this page ended); the script turns it into "more" that
 * loads the next page in place.
 */
export const StatementsPage = ({
  state,
  topic,
  actor,
  side,
  records,
  total,
  shownBefore,
  nextHref,
  ctx,
}: {
  state: PageState;
  topic: Topic;
  actor: ActorRef;
  side: "a" | "b";
  records: readonly StanceRecord[];
  total: number;
  /** How many newer statements earlier pages held (for "statements 21–40 of 312"). */
  shownBefore: number;
  nextHref: string | null;
  ctx: ComparisonContext;
  taxonomy: Taxonomy;
}) => {
  const range = rangeWords(state);
  const first = records.length ? shownBefore + 1 : 0;
  const last = shownBefore + records.length;
  return (
    <Layout title={`${actor.name} on ${topic.label}: every statement · Stance Desk`}>
      <p>
        <a href={pageHref({ ...state, topic: topic.id })}>← Back to {topic.label}</a>
      </p>
      <h1>
        {actor.name} on {topic.label}
      </h1>
      <p class="summary" role="status" id="statements-status">
        {total} {total === 1 ? "statement" : "statements"}
        {range ? `, ${range}` : ""}, newest first · showing{" "}
        <span data-shown-last>
          {first}–{last}
        </span>{" "}
        of <span data-total={String(total)}>{total}</span>
      </p>
      <ol class="statement-list" id="statements" data-side={side}>
        {records.map((r) => (
          <li>
            <RecordCard record={r} ctx={ctx} />
          </li>
        ))}
      </ol>
      {records.length === 0 && <p class="empty">No statement in this range.</p>}
      <nav class="pager" aria-label="Pages of statements">
        {nextHref ? (
          <a class="button-link" href={nextHref} data-more="statements" data-shown={last}>
            Older statements
          </a>
        ) : (
          records.length > 0 && <p class="muted">That is the oldest statement.</p>
        )}
        <a href={pageHref({ ...state, topic: topic.id })}>Back to the comparison</a>
      </nav>
    </Layout>
  );
};
