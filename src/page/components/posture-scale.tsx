import { markerStep, postureTone, postureWords, signed } from "../format";

// Scales are drawn without inline styles so they render under a CSP without 'unsafe-inline': the
// pair in SVG attributes, each record's marker as a position class (see styles.ts).
const LEFT = 10;
const RIGHT = 190;

function x(posture: number): number {
  const clamped = Math.max(-1, Math.min(1, posture));
  return LEFT + ((clamped + 1) / 2) * (RIGHT - LEFT);
}

const Axis = () => (
  <>
    <line class="axis" x1={LEFT} y1="12" x2={RIGHT} y2="12" />
    <line class="tick" x1={LEFT} y1="7" x2={LEFT} y2="17" />
    <line class="tick" x1={(LEFT + RIGHT) / 2} y1="8" x2={(LEFT + RIGHT) / 2} y2="16" />
    <line class="tick" x1={RIGHT} y1="7" x2={RIGHT} y2="17" />
  </>
);

/** One posture on the adversarial ↔ cooperative scale, with its value and a word for it as text. */
export const PostureScale = ({ posture, label = "Posture" }: { posture: number; label?: string }) => {
  const words = postureWords(posture);
  return (
    <div class={`posture tone-${postureTone(posture)}`}>
      {/* Plain boxes, not an SVG per record: a page of records paints its first view sooner. */}
      <span class="scale-line" aria-hidden="true">
        <span class={`marker at-${markerStep(posture)}`} />
      </span>
      <p class="posture-text">
        {label} <strong>{signed(posture, 2)}</strong> · {words}
      </p>
    </div>
  );
};

/** Both sides' mean postures on one scale, each marker labelled with its actor code. */
export const PosturePair = ({
  a,
  b,
}: {
  a: { id: string; posture: number | null };
  b: { id: string; posture: number | null };
}) => (
  <svg viewBox="0 0 200 40" class="scale pair" aria-hidden="true" focusable="false">
    <Axis />
    {a.posture !== null && (
      <g class="side-a-marker">
        <rect x={x(a.posture) - 5} y="7" width="10" height="10" />
        <text x={x(a.posture)} y="32" text-anchor="middle">
          {a.id}
        </text>
      </g>
    )}
    {b.posture !== null && (
      <g class="side-b-marker">
        <polygon points={`${x(b.posture)},5 ${x(b.posture) + 6},17 ${x(b.posture) - 6},17`} />
        <text x={x(b.posture)} y="32" text-anchor="middle">
          {b.id}
        </text>
      </g>
    )}
  </svg>
);

export const ScaleLegend = () => (
  <p class="scale-legend" aria-hidden="true">
    <span>−1 adversarial</span>
    <span>0</span>
    <span>cooperative +1</span>
  </p>
);
