import type { ActorRef, TopicComparison } from "../../model/comparison";
import { divergenceWords, fixed, gapWords, postureWords, signed } from "../format";
import type { ComparisonContext } from "../view-model";
import { FrameChips } from "./frame-chips";
import { PosturePair, ScaleLegend } from "./posture-scale";

function meanText(actor: ActorRef, mean: number | null): string {
  return mean === null ? `${actor.name}: no statement` : `${actor.name}: ${signed(mean)} (${postureWords(mean)})`;
}

/** What sets the two sides apart on a topic: frames in common and not, posture gap and divergence. */
export const ContrastPanel = ({
  row,
  a,
  b,
  ctx,
}: {
  row: TopicComparison;
  a: ActorRef;
  b: ActorRef;
  ctx: ComparisonContext;
}) => {
  const { contrast } = row;
  return (
    <section class="contrast" aria-label={`Contrast on ${row.topic.label}`}>
      <h3 class="column-label">Contrast</h3>
      <dl>
        <div>
          <dt>Divergence</dt>
          <dd>
            {contrast.divergence === null ? (
              "not measurable: one side has no statement"
            ) : (
              <>
                <strong>{fixed(contrast.divergence)}</strong> · {divergenceWords(contrast.divergence)}
                <meter min={0} max={1} low={0.2} high={0.7} optimum={0} value={contrast.divergence}>
                  {fixed(contrast.divergence)}
                </meter>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Mean posture</dt>
          <dd>
            <PosturePair a={{ id: a.id, posture: row.a.meanPosture }} b={{ id: b.id, posture: row.b.meanPosture }} />
            <ScaleLegend />
            <ul class="plain">
              <li>
                <span aria-hidden="true">■ </span>
                {meanText(a, row.a.meanPosture)}
              </li>
              <li>
                <span aria-hidden="true">▲ </span>
                {meanText(b, row.b.meanPosture)}
              </li>
            </ul>
            {contrast.postureGap !== null && (
              <p>
                Gap <strong>{fixed(contrast.postureGap)}</strong> · {gapWords(contrast.postureGap)}
              </p>
            )}
          </dd>
        </div>
        <div>
          <dt>Shared frames</dt>
          <dd>
            <FrameChips
              frames={contrast.sharedFrames}
              taxonomy={ctx.taxonomy}
              selected={ctx.frame}
              label="Shared frames"
            />
          </dd>
        </div>
        <div>
          <dt>Only {a.name}</dt>
          <dd>
            <FrameChips frames={contrast.onlyA} taxonomy={ctx.taxonomy} selected={ctx.frame} label={`Only ${a.name}`} />
          </dd>
        </div>
        <div>
          <dt>Only {b.name}</dt>
          <dd>
            <FrameChips frames={contrast.onlyB} taxonomy={ctx.taxonomy} selected={ctx.frame} label={`Only ${b.name}`} />
          </dd>
        </div>
      </dl>
    </section>
  );
};
