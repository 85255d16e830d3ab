import type { Comparison } from "../../model/comparison";
import type { Timeline } from "../../model/timeline";
import type { ComparisonContext } from "../view-model";
import { TopicRow } from "./topic-row";

/** The side-by-side comparison: a column heading per side, then one row per topic. */
export const ComparisonGrid = ({
  comparison,
  ctx,
  topicHref,
  timelines,
}: {
  comparison: Comparison;
  ctx: ComparisonContext;
  topicHref?: (topicId: string) => string;
  /** Per topic id, the monthly figures charted above its row (the corpus view; an analysis has none). */
  timelines?: ReadonlyMap<string, Timeline>;
}) => {
  const { a, b } = comparison;
  return (
    <div class="comparison" data-a={a.id} data-b={b.id}>
      <div class="column-heads" aria-hidden="true">
        <p class="head-a">■ {a.name}</p>
        <p class="head-c">Contrast</p>
        <p class="head-b">▲ {b.name}</p>
      </div>
      {comparison.topics.length === 0 ? (
        <p class="empty">
          Neither {a.name} nor {b.name} has a statement in the corpus on this selection.
        </p>
      ) : (
        comparison.topics.map((row) => (
          <TopicRow
            row={row}
            a={a}
            b={b}
            ctx={ctx}
            topicHref={topicHref?.(row.topic.id)}
            timeline={timelines?.get(row.topic.id)}
          />
        ))
      )}
    </div>
  );
};
