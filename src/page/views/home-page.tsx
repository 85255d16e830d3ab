import type { Taxonomy } from "../../engine/taxonomy";
import type { Comparison, ContestedTerms } from "../../model/comparison";
import type { DocumentMeta } from "../../model/document";
import type { Timeline } from "../../model/timeline";
import type { AnalysisFragmentRequest } from "../analysis";
import { AnalyzeForm } from "../components/analyze-form";
import { ComparisonGrid } from "../components/comparison-grid";
import { ContestedTermsPanel } from "../components/contested-terms-panel";
import { Controls } from "../components/controls";
import { Layout, Notices } from "../components/layout";
import { monthBounds, type PageState, pageHref, rangeWords, statementsHref } from "../page-state";
import { corpusContext, frameLabel } from "../view-model";
import { AnalysisView } from "./analysis-view";

/** What the no-JavaScript analyze form brings back: a result, or an error in plain words. */
export type AnalyzeOutcome =
  | { kind: "result"; request: AnalysisFragmentRequest }
  | { kind: "error"; message: string; text: string; title: string };

export const HomePage = ({
  taxonomy,
  documentCount,
  sources,
  state,
  notices,
  comparison,
  terms,
  analyze,
  timelines,
  now,
}: {
  taxonomy: Taxonomy;
  documentCount: number;
  /** The documents of the records shown, for their source lines. */
  sources: ReadonlyMap<string, DocumentMeta>;
  state: PageState;
  notices: readonly string[];
  comparison: Comparison;
  terms: ContestedTerms;
  analyze?: AnalyzeOutcome;
  timelines?: ReadonlyMap<string, Timeline>;
  now: Date;
}) => {
  const ctx = corpusContext(taxonomy, sources, terms.terms, state.frame, (side, topic) =>
    statementsHref(state, side, topic),
  );
  const { a, b } = comparison;
  const filters = [
    state.topic && taxonomy.topicById.get(state.topic)?.label,
    state.frame && `framed as ${frameLabel(taxonomy, state.frame)}`,
    rangeWords(state),
  ].filter(Boolean);
  const bounds = monthBounds(state);
  const exportQuery = (extra: Record<string, string>) => {
    const params = new URLSearchParams(extra);
    if (state.topic) params.set("topic", state.topic);
    if (bounds.from) params.set("from", bounds.from);
    if (bounds.to) params.set("to", bounds.to);
    return params.toString();
  };
  return (
    <Layout title={`${a.name} and ${b.name}, side by side · Stance Desk`}>
      <h1>
        How {a.name} and {b.name} frame each topic
      </h1>
      <p class="lede muted">
        Side by side, with the verbatim evidence: each quote links to its place in the source document. Posture runs
        from −1 (adversarial) to +1 (cooperative).
      </p>
      <Notices notices={notices} />
      <Controls state={state} taxonomy={taxonomy} now={now} />
      <p class="summary" role="status">
        {comparison.topics.length} {comparison.topics.length === 1 ? "topic" : "topics"}
        {filters.length > 0 && <> · {filters.join(", ")}</>} · {documentCount}{" "}
        {documentCount === 1 ? "document" : "documents"} in the corpus · <a href={pageHref(state)}>Link to this view</a>
      </p>
      <p class="exports">
        Take this view's data away:{" "}
        <a href={`/v1/compare?${exportQuery({ a: a.id, b: b.id, format: "csv" })}`} download data-export="compare">
          summary per topic and side (CSV)
        </a>
        {" · "}
        <a href={`/v1/records?${exportQuery({ actor: a.id, format: "csv" })}`} download data-export="records-a">
          every statement by {a.name} (CSV)
        </a>
        {" · "}
        <a href={`/v1/records?${exportQuery({ actor: b.id, format: "csv" })}`} download data-export="records-b">
          every statement by {b.name} (CSV)
        </a>
        {" · "}
        <a href={`/v1/records?${exportQuery({ format: "ndjson" })}`} download data-export="records-ndjson">
          every record (NDJSON)
        </a>
        {state.frame && <> (exports are not limited to the frame)</>}
      </p>
      <ComparisonGrid
        comparison={comparison}
        ctx={ctx}
        topicHref={(topic) => pageHref({ ...state, topic: topic as PageState["topic"] })}
        timelines={timelines}
      />
      {(state.from || state.to) && (
        <p class="muted range-note">The contested vocabulary below covers every date: it is not kept per month.</p>
      )}
      <ContestedTermsPanel terms={terms} ctx={ctx} />
      <AnalyzeForm
        state={state}
        text={analyze?.kind === "error" ? analyze.text : analyze?.request.text}
        title={analyze?.kind === "error" ? analyze.title : analyze?.request.title}
        error={analyze?.kind === "error" ? analyze.message : undefined}
      >
        {analyze?.kind === "result" && <AnalysisView request={analyze.request} taxonomy={taxonomy} />}
      </AnalyzeForm>
    </Layout>
  );
};
