import { markTerms } from "../highlight";

/** A quote with its contested words in <mark>; the text itself is untouched. */
export const MarkedQuote = ({ quote, forms }: { quote: string; forms: ReadonlyMap<string, string> }) => (
  <>
    {markTerms(quote, forms).map((run) =>
      run.term === undefined ? (
        run.text
      ) : (
        <mark class="term" title={`Contested term: ${run.term}`}>
          {run.text}
        </mark>
      ),
    )}
  </>
);
