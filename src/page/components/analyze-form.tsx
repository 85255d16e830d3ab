import type { Child } from "hono/jsx";
import type { PageState } from "../page-state";

/**
 * "Analyze your own text". Without JavaScript the form posts to /analyze, which answers with this
 * page and the result (or the error) in place; with it, the client script posts to /v1/analyze and
 * shows the result, or the API's error in plain words, without leaving the page.
 */
export const AnalyzeForm = ({
  state,
  text = "",
  title = "",
  error,
  children,
}: {
  state: PageState;
  text?: string;
  title?: string;
  error?: string;
  children?: Child;
}) => (
  <section class="analyze" id="analyze" aria-labelledby="analyze-heading">
    <h2 id="analyze-heading">Analyze your own text</h2>
    <p class="muted">
      Paste an English news article or statement. Stance Desk finds who says what about which topic and compares{" "}
      {state.a} with {state.b} in the layout above. Your text is not stored.
    </p>
    {/* novalidate: an empty text goes to the API, whose error the page shows in plain words. */}
    <form id="analyze-form" method="post" action={`/analyze?a=${state.a}&b=${state.b}#analyze`} novalidate>
      <div class="field">
        <label for="analyze-title">Title (optional)</label>
        <input id="analyze-title" name="title" type="text" maxlength={500} value={title} autocomplete="off" />
      </div>
      <div class="field">
        <label for="analyze-text">Text to analyze</label>
        <textarea
          id="analyze-text"
          name="text"
          rows={8}
          aria-describedby="analyze-error"
          aria-invalid={error ? "true" : undefined}
        >
          {text}
        </textarea>
      </div>
      <div class="actions">
        <button type="submit">Analyze text</button>
        <span id="analyze-status" class="muted" role="status" aria-live="polite" />
      </div>
      <div id="analyze-error" class="error" role="alert" hidden={!error}>
        {error}
      </div>
    </form>
    <div id="analyze-result" tabindex={-1}>
      {children}
    </div>
  </section>
);
