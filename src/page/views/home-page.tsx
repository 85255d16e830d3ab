import type { Taxonomy } from "../../engine/taxonomy";
import type { Comparison, ContestedTerms } from "../../model/comparison";
import type { DocumentMeta } from "../../model/document";
import type { AnalysisFragmentRequest } from "../analysis";
import { AnalyzeForm } from "../components/analyze-form";
import { ComparisonGrid } from "../components/comparison-grid";
import { ContestedTermsPanel } from "../components/contested-terms-panel";
import { Controls } from "../components/controls";
import { Layout, Notices } from "../components/layout";
import { type PageState, pageHref } from "../page-state";
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
}) => {
  const ctx = corpusContext(taxonomy, sources, terms.terms, state.frame);
  const { a, b } = comparison;
  const filters = [
    state.topic && taxonomy.topicById.get(state.topic)?.label,
    state.frame && `framed as ${frameLabel(taxonomy, state.frame)}`,
  ].filter(Boolean);
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
      <Controls state={state} taxonomy={taxonomy} />
      <p class="summary" role="status">
        {comparison.topics.length} {comparison.topics.length === 1 ? "topic" : "topics"}
        {filters.length > 0 && <> · {filters.join(", ")}</>} · {documentCount}{" "}
        {documentCount === 1 ? "document" : "documents"} in the corpus · <a href={pageHref(state)}>Link to this view</a>
      </p>
      <ComparisonGrid
        comparison={comparison}
        ctx={ctx}
        topicHref={(topic) => pageHref({ ...state, topic: topic as PageState["topic"] })}
      />
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
