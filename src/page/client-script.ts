import { problemWords } from "./problem-words";

/**
 * The page's only script, served same-origin at /assets/app.js (the CSP allows no inline script).
 * It is progressive enhancement: everything works without it; with it, the analyze form posts
 * JSON to /v1/analyze and shows the result, or the API's error in plain words, without a reload.
 * The result's markup comes from the server (/fragments/analysis), rendered by the same
 * components as the comparison, so the analysis looks exactly like the corpus view.
 */
export const CLIENT_SCRIPT = `"use strict";
(() => {
  const problemWords = ${problemWords.toString()};
  const form = document.getElementById("analyze-form");
  if (!form) return;
  const text = document.getElementById("analyze-text");
  const title = document.getElementById("analyze-title");
  const status = document.getElementById("analyze-status");
  const errorBox = document.getElementById("analyze-error");
  const result = document.getElementById("analyze-result");
  const button = form.querySelector("button[type=submit]");

  const showError = (message) => {
    errorBox.textContent = message;
    errorBox.hidden = false;
    status.textContent = "";
    text.setAttribute("aria-invalid", "true");
  };
  const clearError = () => {
    errorBox.textContent = "";
    errorBox.hidden = true;
    text.removeAttribute("aria-invalid");
  };
  const readJson = async (response) => {
    try { return await response.json(); } catch { return null; }
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const pair = new URL(form.action, location.href).searchParams;
    const query = "?a=" + encodeURIComponent(pair.get("a") || "US") + "&b=" + encodeURIComponent(pair.get("b") || "CN");
    const body = { text: text.value };
    if (title.value.trim()) body.title = title.value.trim();
    clearError();
    // An earlier result would read as the answer to this text: remove it first.
    result.replaceChildren();
    button.setAttribute("aria-busy", "true");
    button.disabled = true;
    status.textContent = "Analyzing…";
    try {
      const api = await fetch("/v1/analyze" + query, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, application/problem+json" },
        body: JSON.stringify(body),
      });
      const payload = await readJson(api);
      if (!api.ok || !payload) {
        showError(problemWords(api.status, payload));
        return;
      }
      const view = await fetch("/fragments/analysis" + query, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "text/html" },
        body: JSON.stringify({ text: body.text, title: body.title, result: payload }),
      });
      if (!view.ok) {
        showError(problemWords(view.status, await readJson(view)));
        return;
      }
      // Same-origin markup rendered (and escaped) by the worker's own components.
      result.innerHTML = await view.text();
      status.textContent = "Analysis ready below.";
      result.focus();
      result.scrollIntoView({ block: "start" });
    } catch {
      showError("Could not reach Stance Desk. Check your connection and try again.");
    } finally {
      button.removeAttribute("aria-busy");
      button.disabled = false;
    }
  });
})();
`;
