import { MARKER_STEPS } from "./format";

/** `.at-0` … `.at-40`: the marker's place on a record's scale, one class per 0.05 of posture. */
function markerPositions(): string {
  const rules: string[] = [];
  for (let k = 0; k <= MARKER_STEPS; k++) rules.push(`.at-${k} { left: ${(k * 100) / MARKER_STEPS}%; }`);
  return rules.join("\n");
}

/**
 * The page's only stylesheet, inlined in every page and allowed by its hash in the CSP (no
 * 'unsafe-inline', no style attributes). System fonts only: nothing is fetched from elsewhere, so the page works offline.
 * Colours are picked for WCAG AA: body text ≥ 7:1, muted text and chip text ≥ 4.5:1 on their backgrounds.
 */
export const STYLES = `
:root {
  --bg: #f6f5f1;
  --surface: #ffffff;
  --ink: #1b1b1f;
  --muted: #52525b;
  --line: #d4d2cb;
  --a: #1d4ed8;
  --a-soft: #e8eefc;
  --b: #b91c1c;
  --b-soft: #fcebea;
  --focus: #7c3aed;
  --mark: #fde68a;
  --adversarial: #fde2e1;
  --adversarial-ink: #8a1c1c;
  --neutral: #ecebe6;
  --neutral-ink: #3f3f46;
  --cooperative: #dcf1e3;
  --cooperative-ink: #14532d;
  --radius: 8px;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif;
}
.wrap { max-width: 1280px; margin: 0 auto; padding: 0 1rem; }
a { color: #1e40af; text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
main:focus { outline: none; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; margin: -1px; padding: 0; border: 0;
}
.skip-link { position: absolute; left: 0.5rem; top: -3rem; background: var(--ink); color: #fff; padding: 0.5rem 0.75rem; z-index: 10; }
.skip-link:focus { top: 0.5rem; }
.muted { color: var(--muted); }
h1, h2, h3, h4 { line-height: 1.25; margin: 0 0 0.5rem; }
h1 { font-size: 1.6rem; margin-top: 1.25rem; }
h2 { font-size: 1.25rem; }
h3 { font-size: 1rem; }
h4 { font-size: 0.95rem; }
p { margin: 0 0 0.5rem; }

.site-header { background: #18181b; color: #fff; }
.site-header .wrap { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1.5rem; padding-top: 0.6rem; padding-bottom: 0.6rem; }
.site-name { margin: 0; font-weight: 700; font-size: 1.1rem; letter-spacing: 0.01em; }
.site-header a { color: #fff; }
.site-header :focus-visible { outline-color: #c4b5fd; }
.site-header ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
.site-footer { margin-top: 3rem; border-top: 1px solid var(--line); padding: 1rem 0 2rem; color: var(--muted); font-size: 0.9rem; }
.lede { max-width: 70ch; }

.notice { background: #fff7d6; border: 1px solid #d6b64a; border-radius: var(--radius); padding: 0.6rem 0.9rem; margin: 1rem 0; }
.notice p:last-child { margin: 0; }
.error { background: #fdeceb; border: 1px solid #c0392b; border-left-width: 6px; border-radius: var(--radius); padding: 0.6rem 0.9rem; margin-top: 0.75rem; color: #7f1d1d; }
.error::before { content: "Error: "; font-weight: 700; }

/* Controls */
.controls { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: flex-end;
  background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 0.9rem 1rem; margin: 1rem 0; }
.field { display: flex; flex-direction: column; gap: 0.25rem; }
.controls .field { flex: 1 1 11rem; }
.field label { font-weight: 600; font-size: 0.9rem; }
select, input[type="text"], textarea, button, .button-link { font: inherit; }
select, input[type="text"], textarea {
  border: 1px solid #8a8880; border-radius: 6px; background: #fff; color: var(--ink); padding: 0.45rem 0.5rem; min-height: 2.5rem; width: 100%;
}
textarea { resize: vertical; min-height: 8rem; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; align-items: center; }
button, .button-link {
  display: inline-flex; align-items: center; min-height: 2.5rem; padding: 0.45rem 1rem; border-radius: 6px; cursor: pointer;
  border: 1px solid #18181b; background: #18181b; color: #fff; font-weight: 600; text-decoration: none;
}
.button-link { background: #fff; color: #18181b; }
button:hover { background: #3f3f46; }
button[aria-busy="true"] { opacity: 0.75; cursor: progress; }

/* Comparison */
.summary { margin: 0.5rem 0 1rem; }
.column-heads { display: grid; grid-template-columns: 1fr minmax(14rem, 17rem) 1fr; gap: 1rem; position: sticky; top: 0; z-index: 2;
  background: var(--bg); border-bottom: 2px solid var(--ink); padding: 0.5rem 0; }
.column-heads p { margin: 0; font-weight: 700; }
.head-a { color: var(--a); }
.head-b { color: var(--b); text-align: right; }
.head-c { text-align: center; color: var(--muted); }
.topic { padding: 1.25rem 0 1rem; border-bottom: 1px solid var(--line); }
/* Rows below the first are laid out only when scrolled near: the first view paints sooner. */
.topic + .topic { content-visibility: auto; contain-intrinsic-size: auto 60rem; }
/* Below the chart, within the first row too, and the panels after the rows: laid out and painted
   only near the viewport (less layout before the first paint). Block size only: an intrinsic
   width would widen the grid columns of a phone screen. */
.row > .side, .row > .contrast { content-visibility: auto; contain-intrinsic-block-size: auto 40rem; }
.terms, .analyze, .site-footer { content-visibility: auto; contain-intrinsic-block-size: auto 30rem; }
.topic-header { margin-bottom: 0.75rem; }
.topic-header h2 { margin-bottom: 0.15rem; }
.topic-header h2 a { color: inherit; }
.row { display: grid; grid-template-columns: 1fr minmax(14rem, 17rem) 1fr; grid-template-areas: "a c b"; gap: 1rem; align-items: start; }
.row > .side-a { grid-area: a; }
.row > .side-b { grid-area: b; }
.row > .contrast { grid-area: c; }
.side { display: flex; flex-direction: column; gap: 0.75rem; min-width: 0; }
.column-label { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.06em; margin: 0; color: var(--muted); }
.side-a > .column-label { color: var(--a); }
.side-b > .column-label { color: var(--b); }
.row .side > .column-label, .row .contrast > .column-label { display: none; }
.empty { background: repeating-linear-gradient(135deg, #fff, #fff 8px, #f3f2ee 8px, #f3f2ee 16px); border: 1px dashed #8a8880;
  border-radius: var(--radius); padding: 0.9rem; color: var(--muted); font-style: italic; margin: 0; }

.record { background: var(--surface); border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: var(--radius); padding: 0.75rem 0.9rem; }
.side-a .record { border-left-color: var(--a); }
.side-b .record { border-left-color: var(--b); }
.context .record { border-left-style: dotted; border-left-color: #71717a; }
.record-actor { font-size: 0.9rem; margin-bottom: 0.35rem; }
.actor-name { font-weight: 700; }
.side-a .actor-name { color: var(--a); }
.side-b .actor-name { color: var(--b); }
.speaker { color: var(--muted); }
.quote { margin: 0 0 0.6rem; font-size: 1.05rem; line-height: 1.45; font-family: Georgia, "Times New Roman", "Liberation Serif", serif; }
.quote.direct::before { content: "“"; }
.quote.direct::after { content: "”"; }
.quote.excerpt { border-left: 3px solid var(--line); padding-left: 0.6rem; }
.quote-link { color: var(--ink); text-decoration-color: #a1a1aa; }
.quote-link:hover { text-decoration-color: var(--ink); }
mark, mark.term { background: var(--mark); color: inherit; padding: 0 0.1em; border-radius: 2px; box-shadow: inset 0 -2px 0 #b45309; }
.source { font-size: 0.85rem; color: var(--muted); margin: 0.35rem 0 0; }
.synthetic { color: #92400e; }

.chips { list-style: none; display: flex; flex-wrap: wrap; gap: 0.35rem; margin: 0 0 0.4rem; padding: 0; }
.chip { font-size: 0.8rem; font-weight: 600; padding: 0.1rem 0.55rem; border-radius: 999px; border: 1px solid currentColor; }
.chip.tone-adversarial { background: var(--adversarial); color: var(--adversarial-ink); }
.chip.tone-neutral { background: var(--neutral); color: var(--neutral-ink); }
.chip.tone-cooperative { background: var(--cooperative); color: var(--cooperative-ink); }
.chip.selected { outline: 2px solid var(--ink); outline-offset: 1px; }

.posture { display: grid; grid-template-columns: minmax(6rem, 9rem) 1fr; gap: 0.5rem; align-items: center; }
.posture-text { margin: 0; font-size: 0.85rem; }
.scale { width: 100%; height: auto; display: block; overflow: visible; }
.scale .axis { stroke: #71717a; stroke-width: 2; }
.scale .tick { stroke: #71717a; stroke-width: 2; }
/* A record's scale: the axis with end ticks, a middle tick, and the marker at its position class. */
.scale-line { display: block; position: relative; height: 24px; margin: 0 5%; color: #71717a; }
.scale-line::before { content: ""; position: absolute; left: -1px; right: -1px; top: 7px; height: 10px;
  border-left: 2px solid; border-right: 2px solid;
  background: linear-gradient(currentColor, currentColor) center / 100% 2px no-repeat; }
.scale-line::after { content: ""; position: absolute; left: 50%; top: 8px; height: 8px; margin-left: -1px; border-left: 2px solid; }
.scale-line .marker { position: absolute; top: 6px; width: 12px; height: 12px; margin-left: -6px; box-sizing: border-box;
  border-radius: 50%; border: 2px solid #18181b; background: #a1a1aa; }
.tone-adversarial .marker { background: #dc2626; }
.tone-cooperative .marker { background: #16a34a; }
${markerPositions()}
.scale.pair { max-width: 16rem; }
.side-a-marker rect { fill: var(--a); stroke: #fff; stroke-width: 1.5; }
.side-b-marker polygon { fill: var(--b); stroke: #fff; stroke-width: 1.5; }
.scale text { font-size: 11px; font-weight: 700; fill: var(--ink); }
.scale-legend { display: flex; justify-content: space-between; font-size: 0.7rem; color: var(--muted); max-width: 16rem; margin: 0 0 0.35rem; }

.contrast { background: #fbfaf7; border: 1px solid var(--line); border-radius: var(--radius); padding: 0.75rem 0.9rem; font-size: 0.9rem; }
.contrast dl { margin: 0; display: grid; gap: 0.6rem; }
.contrast dt { font-weight: 700; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
.contrast dd { margin: 0.15rem 0 0; }
.contrast dd .chips { margin: 0; }
.contrast .plain li { font-size: 0.85rem; }
meter { display: block; width: 100%; height: 0.75rem; margin-top: 0.25rem; }
ul.plain { list-style: none; padding: 0; margin: 0 0 0.35rem; }

.context { margin-top: 0.75rem; padding: 0.5rem 0.75rem; border-left: 3px solid #a1a1aa; background: rgba(255,255,255,0.6); border-radius: 0 var(--radius) var(--radius) 0; }
.context h3 { font-size: 0.85rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; }
.context .record { margin-top: 0.5rem; }

/* Contested vocabulary */
.terms, .analyze { margin-top: 2rem; }
.term-list { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.75rem; }
.term-item { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 0.75rem 0.9rem; }
.term-item h3 { font-size: 1.05rem; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
.badge { font-size: 0.75rem; border: 1px solid var(--muted); color: var(--muted); border-radius: 4px; padding: 0 0.35rem; font-weight: 600; }
.term-sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.term-side h4 { margin-bottom: 0.35rem; }
.term-side.side-a h4 { color: var(--a); }
.term-side.side-b h4 { color: var(--b); }
.term-quotes { margin: 0; padding-left: 1.1rem; font-family: Georgia, "Times New Roman", "Liberation Serif", serif; }
.term-quotes li { margin-bottom: 0.35rem; }

/* Analyze */
.analyze form { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 0.9rem 1rem; display: grid; gap: 0.75rem; }
#analyze-result:focus { outline: none; }
.analysis { margin-top: 1.5rem; }
.analysis-summary { font-size: 0.95rem; }

/* Document view */
.document-meta { margin: 0 0 1rem; display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; font-size: 0.95rem; }
.document-meta dt { font-weight: 700; }
.document-meta dd { margin: 0; }
.document-text { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 1rem 1.25rem;
  white-space: pre-wrap; font-family: Georgia, "Times New Roman", "Liberation Serif", serif; font-size: 1.05rem; line-height: 1.6; max-width: 75ch; overflow-wrap: anywhere; }
.span-quote { background: #eef2ff; border-bottom: 2px solid #6366f1; scroll-margin-top: 30vh; }
.span-quote.actor-none { background: #f1f0ec; border-bottom: 2px dotted #71717a; }
.span-quote:target { background: var(--mark); border-bottom: 3px solid #b45309; outline: 2px solid #b45309; outline-offset: 2px; }
.document-layout { display: grid; gap: 1.5rem; }
@media (min-width: 1000px) { .document-layout { grid-template-columns: minmax(0, 44rem) minmax(18rem, 1fr); align-items: start; } }
.record-list { padding-left: 1.2rem; font-size: 0.95rem; }
.record-list li { margin-bottom: 0.5rem; }
.legend { font-size: 0.9rem; display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; margin: 0.5rem 0 1rem; }
.legend .swatch { display: inline-block; width: 1.5em; height: 1em; vertical-align: middle; margin-right: 0.3em; }
.legend .swatch.span-quote { border-bottom-width: 3px; }
.legend .span-quote-target { background: var(--mark); outline: 2px solid #b45309; }

/* Timeline charts: SVG presentation by class (no style attributes); each side keeps its shape in black and white. */
.timeline { margin: 0.5rem 0 1rem; }
.timeline-chart { width: 100%; height: auto; max-height: 14rem; display: block; background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); }
.timeline-chart .grid line { stroke: var(--line); stroke-width: 1; }
.timeline-chart .grid line.zero { stroke: #8a8880; stroke-dasharray: 2 2; }
.timeline-chart .axis-text text { font-size: 10px; fill: var(--muted); }
.timeline-chart .gap-strip path { fill: #9ca3af; }
.timeline-chart .series-a polyline { fill: none; stroke: var(--a); stroke-width: 2; }
.timeline-chart .series-a path { fill: var(--a); }
.timeline-chart .series-b polyline { fill: none; stroke: var(--b); stroke-width: 2; stroke-dasharray: 6 3; }
.timeline-chart .series-b path.marks { fill: var(--b); }
.timeline-chart .series-b path.bar { fill: var(--surface); stroke: var(--b); stroke-width: 1.2; }
.timeline-legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.85rem; margin-top: 0.3rem; }
.legend-a { color: var(--a); font-weight: 600; }
.legend-b { color: var(--b); font-weight: 600; }
.timeline-table summary { cursor: pointer; font-size: 0.85rem; color: var(--muted); }
.timeline-table table, .documents-table { border-collapse: collapse; font-size: 0.85rem; margin-top: 0.4rem; }
.timeline-table th, .timeline-table td, .documents-table th, .documents-table td { border: 1px solid var(--line); padding: 0.2rem 0.45rem; text-align: right; }
.timeline-table th[scope=row], .documents-table td.title { text-align: left; }
.documents-table { width: 100%; background: var(--surface); }
.documents-table th { text-align: left; }
.range-note, .exports { font-size: 0.9rem; }
.controls .range-note { flex: 1 1 100%; margin: 0; }
.statement-list { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.75rem; }
.pager { margin: 1rem 0; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }

@media (max-width: 760px) {
  h1 { font-size: 1.35rem; }
  .column-heads { display: none; }
  .row { grid-template-columns: 1fr; grid-template-areas: "a" "b" "c"; }
  /* Stacked, the column headings are gone: each side names its actor again. */
  .row .side > .column-label, .row .contrast > .column-label { display: block; }
  .term-sides { grid-template-columns: 1fr; }
  .posture { grid-template-columns: 7rem 1fr; }
  .document-text { padding: 0.75rem; }
}
@media print { .controls, .analyze, .site-header nav, .column-heads { display: none; } }
`;
