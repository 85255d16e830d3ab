import type { ActorRef, Side, TopicComparison } from "../../model/comparison";
import type { Timeline } from "../../model/timeline";
import type { ComparisonContext } from "../view-model";
import { frameLabel } from "../view-model";
import { ContrastPanel } from "./contrast-panel";
import { RecordCard } from "./record-card";
import { TimelineChart } from "./timeline-chart";

/**
 * One side of a row: the actor's records on the topic (the most recent ones when there are many),
 * or a plain statement that there is none.
 */
const SideColumn = ({
  side,
  actor,
  topic,
  position,
  ctx,
}: {
  side: Side;
  actor: ActorRef;
  topic: string;
  position: "a" | "b";
  ctx: ComparisonContext;
}) => {
  const frame = ctx.frame;
  const shown = frame ? side.records.filter((r) => r.frames.includes(frame)) : side.records;
  const hidden = side.records.length - shown.length;
  const cut = side.recordCount - side.records.length;
  return (
    <section class={`side side-${position}`} aria-label={actor.name}>
      <h3 class="column-label">
        <span class="side-letter" aria-hidden="true">
          {position === "a" ? "■" : "▲"}
        </span>{" "}
        {actor.name}
      </h3>
      {side.records.length === 0 ? (
        <p class="empty">{ctx.emptySide}</p>
      ) : (
        <>
          {shown.length === 0 && ctx.frame && (
            <p class="empty">No statement framed as {frameLabel(ctx.taxonomy, ctx.frame)}.</p>
          )}
          {shown.map((record) => (
            <RecordCard record={record} ctx={ctx} />
          ))}
          {cut > 0 && (
            <p class="muted">
              The {side.records.length} most recent of {side.recordCount} statements
              {ctx.allRecordsHref && (
                <>
                  {" "}
                  (<a href={ctx.allRecordsHref(position, topic)}>all {side.recordCount}, newest first</a>)
                </>
              )}
              .
            </p>
          )}
          {hidden > 0 && ctx.frame && (
            <p class="muted">
              {hidden} other {hidden === 1 ? "statement" : "statements"} on this topic not framed as{" "}
              {frameLabel(ctx.taxonomy, ctx.frame)}.
            </p>
          )}
        </>
      )}
    </section>
  );
};

/** A topic: actor a, the contrast, actor b, then the unattributed narration as context. */
export const TopicRow = ({
  row,
  a,
  b,
  ctx,
  topicHref,
  timeline,
}: {
  row: TopicComparison;
  a: ActorRef;
  b: ActorRef;
  ctx: ComparisonContext;
  topicHref?: string;
  timeline?: Timeline;
}) => {
  const headingId = `${ctx.idPrefix}topic-${row.topic.id}-heading`;
  return (
    <section
      class="topic"
      id={`${ctx.idPrefix}topic-${row.topic.id}`}
      aria-labelledby={headingId}
      data-topic={row.topic.id}
    >
      <header class="topic-header">
        <h2 id={headingId}>{topicHref ? <a href={topicHref}>{row.topic.label}</a> : row.topic.label}</h2>
        <p class="muted">{row.topic.description}</p>
      </header>
      {timeline && <TimelineChart timeline={timeline} id={`${ctx.idPrefix}timeline-${row.topic.id}`} />}
      <div class="row">
        <SideColumn side={row.a} actor={a} topic={row.topic.id} position="a" ctx={ctx} />
        <SideColumn side={row.b} actor={b} topic={row.topic.id} position="b" ctx={ctx} />
        <ContrastPanel row={row} a={a} b={b} ctx={ctx} />
      </div>
      {row.context.length > 0 && (
        <section class="context" aria-label={`Context on ${row.topic.label}`}>
          <h3>Context: unattributed narration</h3>
          {row.context.map((record) => (
            <RecordCard record={record} ctx={ctx} />
          ))}
        </section>
      )}
    </section>
  );
};
