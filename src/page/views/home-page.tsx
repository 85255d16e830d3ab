import type { CorpusIndex } from "../../engine/corpus-index";
import type { Comparison, ContestedTerms } from "../../model/comparison";
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
  corpus,
  state,
  notices,
  comparison,
  terms,
  analyze,
}: {
  corpus: CorpusIndex;
  state: PageState;
  notices: readonly string[];
  comparison: Comparison;
  terms: ContestedTerms;
  analyze?: AnalyzeOutcome;
}) => {
  const ctx = corpusContext(corpus, terms.terms, state.frame);
  const { a, b } = comparison;
  const filters = [
    state.topic && corpus.taxonomy.topicById.get(state.topic)?.label,
    state.frame && `framed as ${frameLabel(corpus.taxonomy, state.frame)}`,
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
      <Controls state={state} taxonomy={corpus.taxonomy} />
      <p class="summary" role="status">
        {comparison.topics.length} {comparison.topics.length === 1 ? "topic" : "topics"}
        {filters.length > 0 && <> · {filters.join(", ")}</>} · {corpus.documents.length}{" "}
        {corpus.documents.length === 1 ? "document" : "documents"} in the corpus ·{" "}
        <a href={pageHref(state)}>Link to this view</a>
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
        {analyze?.kind === "result" && <AnalysisView request={analyze.request} taxonomy={corpus.taxonomy} />}
      </AnalyzeForm>
    </Layout>
  );
};
