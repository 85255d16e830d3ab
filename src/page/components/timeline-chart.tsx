import type { Timeline, TimelineMonth } from "../../model/timeline";
import { signed } from "../format";

/**
 * Both sides' monthly mean posture and record counts on one topic, as server-rendered SVG: no
 * script, no chart library, no inline style (presentation classes only, see styles.ts). In black
 * and white each side keeps its shape: a is a solid line with squares and filled count bars, b a
 * dashed line with triangles and outlined bars. The gap (|mean a − mean b|, the posture half of
 * divergence) is a grey strip. A table with the same figures follows for screen readers.
 */

const W = 640;
const PAD_L = 34;
const PAD_R = 8;
const POSTURE_TOP = 8;
const POSTURE_H = 84;
const GAP_TOP = POSTURE_TOP + POSTURE_H + 10;
const GAP_H = 14;
const COUNT_TOP = GAP_TOP + GAP_H + 8;
const COUNT_H = 44;
const AXIS_Y = COUNT_TOP + COUNT_H + 14;
const H = AXIS_Y + 6;

const gapOf = (m: TimelineMonth): number | null =>
  m.a.meanPosture === null || m.b.meanPosture === null ? null : Math.abs(m.a.meanPosture - m.b.meanPosture);

const round = (n: number) => Math.round(n * 10) / 10;

/** Runs of consecutive months with a value, as polyline point lists (a month without records breaks the line). */
function segments(points: ({ x: number; y: number } | null)[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  for (const p of points) {
    if (p === null) {
      if (run.length) out.push(run.join(" "));
      run = [];
    } else run.push(`${round(p.x)},${round(p.y)}`);
  }
  if (run.length) out.push(run.join(" "));
  return out;
}

function describe(t: Timeline): string {
  const months = t.months;
  if (months.length === 0) return `No dated statement by ${t.a.name} or ${t.b.name} on ${t.topic.label} in this range.`;
  const sum = (side: "a" | "b") => months.reduce((n, m) => n + m[side].recordCount, 0);
  let widest: TimelineMonth | undefined;
  for (const m of months) {
    const g = gapOf(m);
    if (g !== null && (widest === undefined || g > (gapOf(widest) ?? 0))) widest = m;
  }
  const first = months[0]?.month;
  const last = months.at(-1)?.month;
  const gap = widest
    ? ` The widest posture gap is ${signed(gapOf(widest) ?? 0, 2).replace("+", "")} in ${widest.month}.`
    : "";
  return `${months.length} ${months.length === 1 ? "month" : "months"} from ${first} to ${last}: ${sum("a")} statements by ${t.a.name} (squares, solid line), ${sum("b")} by ${t.b.name} (triangles, dashed line).${gap}`;
}

export const TimelineChart = ({ timeline, id }: { timeline: Timeline; id: string }) => {
  const months = timeline.months;
  const n = Math.max(months.length, 1);
  const slot = (W - PAD_L - PAD_R) / n;
  const cx = (i: number) => PAD_L + slot * (i + 0.5);
  const py = (p: number) => POSTURE_TOP + ((1 - p) / 2) * POSTURE_H;
  const maxCount = Math.max(1, ...months.map((m) => Math.max(m.a.recordCount, m.b.recordCount)));
  const barW = Math.max(1, Math.min(10, slot * 0.4));
  const bh = (count: number) => (count / maxCount) * COUNT_H;
  const series = (side: "a" | "b") =>
    months.map((m, i) => (m[side].meanPosture === null ? null : { x: cx(i), y: py(m[side].meanPosture as number) }));
  const pointsA = series("a");
  const pointsB = series("b");
  const mark = Math.max(2, Math.min(4, slot * 0.35));
  // Year labels at each January (and the first month), thinned so they never overlap.
  const every = Math.max(1, Math.ceil(56 / (slot * 12)));
  const labels = months
    .map((m, i) => ({ m, i }))
    .filter(({ m, i }) => i === 0 || m.month.endsWith("-01"))
    .filter((_, k) => k % every === 0);
  // Markers, bars and the gap strip as one path each (not an element per month): a chart of six
  // years stays a few dozen nodes, which keeps the first paint of a long timeline cheap.
  const squares = pointsA
    .map((p) =>
      p === null
        ? ""
        : `M${round(p.x - mark)} ${round(p.y - mark)}h${round(mark * 2)}v${round(mark * 2)}h${round(-mark * 2)}z`,
    )
    .join("");
  const triangles = pointsB
    .map((p) =>
      p === null
        ? ""
        : `M${round(p.x)} ${round(p.y - mark - 1)}L${round(p.x + mark + 1)} ${round(p.y + mark)}L${round(p.x - mark - 1)} ${round(p.y + mark)}z`,
    )
    .join("");
  const bars = (side: "a" | "b") =>
    months
      .map((m, i) => {
        const count = m[side].recordCount;
        if (count === 0) return "";
        const x = side === "a" ? cx(i) - barW - 0.5 : cx(i) + 0.5;
        const h = bh(count);
        return `M${round(x)} ${round(COUNT_TOP + COUNT_H)}v${round(-h)}h${round(barW)}v${round(h)}z`;
      })
      .join("");
  const barsA = bars("a");
  const barsB = bars("b");
  const gapPath = months
    .map((m, i) => {
      const g = gapOf(m);
      if (g === null) return "";
      const h = Math.max(1, (g / 2) * GAP_H);
      return `M${round(cx(i) - slot * 0.4)} ${round(GAP_TOP + GAP_H)}v${round(-h)}h${round(slot * 0.8)}v${round(h)}z`;
    })
    .join("");
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <figure class="timeline" data-timeline={timeline.topic.id}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        class="timeline-chart"
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        focusable="false"
      >
        <title id={titleId}>
          {timeline.topic.label}: mean posture and statements per month, {timeline.a.name} and {timeline.b.name}
        </title>
        <desc id={descId}>{describe(timeline)}</desc>
        <g class="grid">
          <line x1={PAD_L} y1={py(1)} x2={W - PAD_R} y2={py(1)} />
          <line class="zero" x1={PAD_L} y1={py(0)} x2={W - PAD_R} y2={py(0)} />
          <line x1={PAD_L} y1={py(-1)} x2={W - PAD_R} y2={py(-1)} />
          <line x1={PAD_L} y1={COUNT_TOP + COUNT_H} x2={W - PAD_R} y2={COUNT_TOP + COUNT_H} />
        </g>
        <g class="axis-text">
          <text x={PAD_L - 4} y={py(1) + 3} text-anchor="end">
            +1
          </text>
          <text x={PAD_L - 4} y={py(0) + 3} text-anchor="end">
            0
          </text>
          <text x={PAD_L - 4} y={py(-1) + 3} text-anchor="end">
            −1
          </text>
          <text x={PAD_L - 4} y={GAP_TOP + GAP_H - 2} text-anchor="end">
            gap
          </text>
          <text x={PAD_L - 4} y={COUNT_TOP + 8} text-anchor="end">
            {maxCount}
          </text>
          {labels.map(({ m, i }) => (
            <text x={cx(i)} y={AXIS_Y} text-anchor="middle">
              {m.month.endsWith("-01") ? m.month.slice(0, 4) : m.month}
            </text>
          ))}
        </g>
        <g class="gap-strip">
          <path d={gapPath} />
        </g>
        <g class="series-a" data-series="a">
          {segments(pointsA).map((pts) => (
            <polyline points={pts} />
          ))}
          <path class="marks" d={squares} />
          <path class="bar" d={barsA} />
        </g>
        <g class="series-b" data-series="b">
          {segments(pointsB).map((pts) => (
            <polyline points={pts} />
          ))}
          <path class="marks" d={triangles} />
          <path class="bar" d={barsB} />
        </g>
      </svg>
      <figcaption class="timeline-legend">
        <span class="legend-a">■ solid: {timeline.a.name}</span>
        <span class="legend-b">▲ dashed: {timeline.b.name}</span>
        <span class="muted">
          Top: mean posture (−1 adversarial, +1 cooperative); grey: the gap between them; bars: statements per month.
        </span>
        {(timeline.undated.a > 0 || timeline.undated.b > 0) && (
          <span class="muted">
            Not charted (no date): {timeline.undated.a} by {timeline.a.name}, {timeline.undated.b} by {timeline.b.name}.
          </span>
        )}
      </figcaption>
      <details class="timeline-table">
        <summary>The figures as a table</summary>
        <table>
          <caption>
            {timeline.topic.label} per month: statements and mean posture of each side, and the posture gap
          </caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">{timeline.a.name}: statements</th>
              <th scope="col">{timeline.a.name}: mean posture</th>
              <th scope="col">{timeline.b.name}: statements</th>
              <th scope="col">{timeline.b.name}: mean posture</th>
              <th scope="col">Gap</th>
            </tr>
          </thead>
          <tbody>
            {months
              .filter((m) => m.a.recordCount + m.b.recordCount > 0)
              .map((m) => {
                const g = gapOf(m);
                return (
                  <tr>
                    <th scope="row">{m.month}</th>
                    <td>{m.a.recordCount}</td>
                    <td>{m.a.meanPosture === null ? "–" : signed(m.a.meanPosture, 2)}</td>
                    <td>{m.b.recordCount}</td>
                    <td>{m.b.meanPosture === null ? "–" : signed(m.b.meanPosture, 2)}</td>
                    <td>{g === null ? "–" : g.toFixed(2)}</td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      </details>
    </figure>
  );
};
