import type { StanceRecord } from "../../model/record";
import { kindWords, longDate } from "../format";
import { actorName, type ComparisonContext } from "../view-model";
import { FrameChips } from "./frame-chips";
import { MarkedQuote } from "./marked-quote";
import { PostureScale } from "./posture-scale";

function speakerLine(record: StanceRecord): string | null {
  const speaker = record.speaker;
  if (!speaker) return null;
  if (speaker.name && speaker.role) return `${speaker.name}, ${speaker.role}`;
  return speaker.name ?? speaker.role;
}

/** One record: the verbatim quote (linked to its place in the document), who said it, how, and where. */
export const RecordCard = ({ record, ctx }: { record: StanceRecord; ctx: ComparisonContext }) => {
  const source = ctx.sourceOf(record);
  const date = longDate(source?.publishedAt ?? null);
  const speaker = speakerLine(record);
  return (
    <article class="record" data-record={record.id}>
      <p class="record-actor">
        <span class="actor-name">{actorName(ctx.taxonomy, record.actor)}</span>
        {speaker && <span class="speaker"> · {speaker}</span>}
      </p>
      {/* Quote marks only around words the speaker said: reported speech and narration are the
          writer's words, shown as an excerpt. */}
      <blockquote class={record.kind === "direct-quote" ? "quote direct" : "quote excerpt"}>
        <a href={ctx.quoteHref(record)} class="quote-link">
          <MarkedQuote quote={record.quote} forms={ctx.contestedForms} />
        </a>
      </blockquote>
      <FrameChips frames={record.frames} taxonomy={ctx.taxonomy} selected={ctx.frame} label="Frames" />
      <PostureScale posture={record.posture} />
      <p class="source">
        {kindWords(record.kind)}
        {record.via && <> via {record.via}</>}
        {source && (
          <>
            {" · "}
            <cite>{source.title}</cite>
            {source.source ? ` · ${source.source}` : " · outlet not named"}
            {date && (
              <>
                {" · "}
                <time datetime={source.publishedAt ?? undefined}>{date}</time>
              </>
            )}
            {source.synthetic && <strong class="synthetic"> · synthetic test text</strong>}
          </>
        )}
      </p>
    </article>
  );
};
