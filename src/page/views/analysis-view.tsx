import type { Taxonomy } from "../../engine/taxonomy";
import type { StanceRecord } from "../../model/record";
import type { AnalysisFragmentRequest } from "../analysis";
import { ComparisonGrid } from "../components/comparison-grid";
import { ContestedTermsPanel } from "../components/contested-terms-panel";
import { DocumentText } from "../components/document-text";
import { type ComparisonContext, contestedFormIndex } from "../view-model";

const ID_PREFIX = "analysis-";

/** Keeps only records whose quote is exactly the text at their span: nothing shown is not in the text. */
function verbatimOnly(text: string, records: readonly StanceRecord[]): StanceRecord[] {
  return records.filter((r) => text.slice(r.span.start, r.span.end) === r.quote);
}

/**
 * The analysis of a submitted text, in the corpus view's layout: the comparison, the contested
 * vocabulary, and the text itself with each quote highlighted (quotes link there, not to a stored
 * document, because the text is not stored).
 */
export const AnalysisView = ({ request, taxonomy }: { request: AnalysisFragmentRequest; taxonomy: Taxonomy }) => {
  const { text, title, result } = request;
  const kept = new Set(verbatimOnly(text, result.records).map((r) => r.id));
  const keep = (records: StanceRecord[]) => records.filter((r) => kept.has(r.id));
  const comparison = {
    ...result.comparison,
    topics: result.comparison.topics.map((row) => ({
      ...row,
      a: { ...row.a, records: keep(row.a.records) },
      b: { ...row.b, records: keep(row.b.records) },
      context: keep(row.context),
    })),
  };
  const terms = {
    ...result.terms,
    terms: result.terms.terms.map((t) => ({
      ...t,
      a: { ...t.a, records: keep(t.a.records) },
      b: { ...t.b, records: keep(t.b.records) },
    })),
  };
  const shownTitle = title?.trim() || result.document.title || "Your text";
  const ctx: ComparisonContext = {
    taxonomy,
    quoteHref: (record) => `#${ID_PREFIX}${encodeURIComponent(record.id)}`,
    sourceOf: () => ({ title: shownTitle, source: "submitted here, not stored", publishedAt: null, synthetic: false }),
    contestedForms: contestedFormIndex(terms.terms),
    idPrefix: ID_PREFIX,
    emptySide: "No statement in this text.",
  };
  const records = result.records.filter((r) => kept.has(r.id));
  const byA = records.filter((r) => r.actor === comparison.a.id).length;
  const byB = records.filter((r) => r.actor === comparison.b.id).length;
  return (
    <section class="analysis" aria-labelledby="analysis-heading" data-analysis={result.document.sha256}>
      <h2 id="analysis-heading">Analysis: {shownTitle}</h2>
      <p class="analysis-summary">
        {records.length} {records.length === 1 ? "statement" : "statements"} found in {text.length.toLocaleString("en")}{" "}
        characters: {byA} by {comparison.a.name}, {byB} by {comparison.b.name}, {records.length - byA - byB} by others
        or unattributed.
      </p>
      <ComparisonGrid comparison={comparison} ctx={ctx} />
      <ContestedTermsPanel terms={terms} ctx={ctx} />
      <section class="analysis-text" aria-labelledby="analysis-text-heading">
        <h2 id="analysis-text-heading">Your text, with each quote highlighted</h2>
        <DocumentText text={text} records={records} taxonomy={taxonomy} idPrefix={ID_PREFIX} />
      </section>
    </section>
  );
};
