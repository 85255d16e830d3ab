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

  // "Older statements" without a reload: fetch the next page (the same URL the link names), move
  // its statements into this list and take over its link. Without script the link just navigates.
  const list = document.getElementById("statements");
  const more = document.querySelector("a[data-more=statements]");
  if (list && more) {
    const status = document.getElementById("statements-status");
    more.textContent = "More statements";
    more.setAttribute("role", "button");
    more.addEventListener("click", async (event) => {
      const link = event.currentTarget;
      event.preventDefault();
      if (link.getAttribute("aria-busy") === "true") return;
      link.setAttribute("aria-busy", "true");
      try {
        const response = await fetch(link.href, { headers: { accept: "text/html" } });
        if (!response.ok) throw new Error(String(response.status));
        const next = new DOMParser().parseFromString(await response.text(), "text/html");
        const items = next.querySelectorAll("#statements > li");
        const firstNew = items[0];
        for (const item of items) list.append(document.adoptNode(item));
        const shown = status && status.querySelector("[data-shown-last]");
        const nextShown = next.querySelector("[data-shown-last]");
        if (shown && nextShown) shown.textContent = "1–" + nextShown.textContent.split("–")[1];
        const nextMore = next.querySelector("a[data-more=statements]");
        if (nextMore) {
          link.href = nextMore.href;
        } else {
          const end = document.createElement("p");
          end.className = "muted";
          end.textContent = "That is the oldest statement.";
          link.replaceWith(end);
        }
        const focusable = firstNew && firstNew.querySelector("a");
        if (focusable) focusable.focus();
      } catch {
        link.textContent = "Could not load more statements: follow this link instead";
        location.href = link.href;
      } finally {
        link.removeAttribute("aria-busy");
      }
    });
  }

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
