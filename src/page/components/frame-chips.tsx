import type { Taxonomy } from "../../engine/taxonomy";
import type { FrameId } from "../../model/taxonomy";
import { postureTone } from "../format";
import { frameLabel } from "../view-model";

/**
 * Frames as labelled chips. The tint follows the frame's typical posture, but the label is the
 * signal; the selected frame (the page's frame filter) is also marked with a check and bold text.
 */
export const FrameChips = ({
  frames,
  taxonomy,
  selected,
  label,
}: {
  frames: readonly FrameId[];
  taxonomy: Taxonomy;
  selected?: FrameId;
  label: string;
}) => {
  if (frames.length === 0) return <p class="muted">none</p>;
  return (
    <ul class="chips" aria-label={label}>
      {frames.map((frame) => (
        <li
          class={`chip tone-${postureTone(taxonomy.frameById.get(frame)?.posture ?? 0)}${frame === selected ? " selected" : ""}`}
        >
          {frame === selected && <span aria-hidden="true">✓ </span>}
          {frameLabel(taxonomy, frame)}
          {frame === selected && <span class="visually-hidden"> (filtered frame)</span>}
        </li>
      ))}
    </ul>
  );
};
