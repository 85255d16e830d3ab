import type { ContestedTerms } from "../../model/comparison";
import type { StanceRecord } from "../../model/record";
import { fixed } from "../format";
import type { ComparisonContext } from "../view-model";
import { FrameChips } from "./frame-chips";
import { MarkedQuote } from "./marked-quote";

const MAX_TERMS = 8;

const TermQuotes = ({
  records,
  term,
  ctx,
}: {
  records: readonly StanceRecord[];
  term: ContestedTerms["terms"][number];
  ctx: ComparisonContext;
}) => {
  // Only this term is marked here, so the reader sees it in each side's words.
  const forms = new Map([...term.a.forms, ...term.b.forms].map((f) => [f, term.term]));
  return (
    <ul class="term-quotes">
      {records.map((record) => (
        <li>
          <a href={ctx.quoteHref(record)} class="quote-link">
            “<MarkedQuote quote={record.quote} forms={forms} />”
          </a>
          {record.speaker?.name && <span class="muted"> · {record.speaker.name}</span>}
        </li>
      ))}
    </ul>
  );
};

/** Words both actors use, in statements framed differently, each marked in both sides' quotes. */
export const ContestedTermsPanel = ({ terms, ctx }: { terms: ContestedTerms; ctx: ComparisonContext }) => {
  const shown = terms.terms.slice(0, MAX_TERMS);
  return (
    <section class="terms" id={`${ctx.idPrefix}contested`} aria-labelledby={`${ctx.idPrefix}contested-heading`}>
      <h2 id={`${ctx.idPrefix}contested-heading`}>Contested vocabulary</h2>
      <p class="muted">
        Words both {terms.a.name} and {terms.b.name} use, in statements framed differently. Score 0–1: how different the
        two sides' frames are where the word appears.
      </p>
      {shown.length === 0 ? (
        <p class="empty">
          {terms.a.name} and {terms.b.name} share no contested word in the corpus.
        </p>
      ) : (
        <ol class="term-list">
          {shown.map((term) => (
            <li class="term-item" data-term={term.term}>
              <h3>
                <mark class="term">{term.term}</mark> <span class="muted">score {fixed(term.score)}</span>
                {term.cue && <span class="badge">stance cue</span>}
              </h3>
              <div class="term-sides">
                <div class="term-side side-a">
                  <h4>■ {terms.a.name}</h4>
                  <FrameChips frames={term.a.frames} taxonomy={ctx.taxonomy} label={`${terms.a.name} frames`} />
                  <TermQuotes records={term.a.records} term={term} ctx={ctx} />
                </div>
                <div class="term-side side-b">
                  <h4>▲ {terms.b.name}</h4>
                  <FrameChips frames={term.b.frames} taxonomy={ctx.taxonomy} label={`${terms.b.name} frames`} />
                  <TermQuotes records={term.b.records} term={term} ctx={ctx} />
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
      {terms.terms.length > shown.length && (
        <p class="muted">
          {terms.terms.length - shown.length} more in <a href={`/v1/terms?a=${terms.a.id}&b=${terms.b.id}`}>the API</a>.
        </p>
      )}
    </section>
  );
};
