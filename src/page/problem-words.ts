/**
 * Turns an API error (RFC 9457 problem details) into a sentence for a person. Used on the server
 * for the no-JavaScript form and, via its source text, in the client script, so both say the same
 * thing. It must therefore stay self-contained: no imports, no helpers, plain expressions only.
 */
export function problemWords(status: number, problem: unknown): string {
  const p = (problem && typeof problem === "object" ? problem : {}) as {
    type?: unknown;
    detail?: unknown;
    errors?: { path?: unknown[]; code?: unknown; message?: unknown }[];
  };
  const detail = typeof p.detail === "string" ? p.detail : "";
  const slug = typeof p.type === "string" ? p.type.slice(p.type.lastIndexOf(":") + 1) : "";
  const errors = Array.isArray(p.errors) ? p.errors : [];
  const textIssue = errors.find((e) => Array.isArray(e.path) && e.path[0] === "text");
  if (textIssue && (textIssue.code === "too_small" || textIssue.code === "invalid_type"))
    return "Please enter some text to analyze: the text box is empty.";
  if ((textIssue && textIssue.code === "too_big") || status === 413)
    return `The text is too long to analyze in one go. Shorten it and try again.${detail ? ` (${detail})` : ""}`;
  if (slug === "empty-text" || (status === 400 && /empty|blank|no text/i.test(detail)))
    return "Please enter some text to analyze: the text box is empty.";
  if (status === 404 && /no route/i.test(detail)) return "Text analysis is not available on this server yet.";
  if (slug === "language-not-supported" || status === 422)
    return `Only English texts can be analyzed for now.${detail ? ` (${detail})` : ""}`;
  if (status === 415) return "The text was sent in a form the server does not accept. Reload the page and try again.";
  if (status === 429) return "Too many analyses in a short time. Wait a minute, then try again.";
  if (status >= 500) return "Something went wrong on our side while analyzing the text. Please try again later.";
  if (detail) return `The text could not be analyzed: ${detail}`;
  return `The text could not be analyzed (error ${status}).`;
}
