import { type ExecutionContext, Hono } from "hono";
import { etag } from "hono/etag";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { compareActors } from "../engine/compare";
import { contestedTerms } from "../engine/contested-terms";
import { limitEvidence } from "../engine/evidence";
import type { AppBindings } from "../http/lib/app-types";
import { ProblemError, problem, problemBody, problemResponse } from "../http/lib/problem";
import { corpusMiddleware } from "../http/middleware/corpus";
import { AnalysisFragmentRequestSchema, AnalysisResultSchema } from "./analysis";
import { readPageState } from "./page-state";
import { problemWords } from "./problem-words";
import { memoPage, renderFragment, renderPage } from "./render";
import { pageSecurity } from "./security";
import { AnalysisView } from "./views/analysis-view";
import { DocumentPage } from "./views/document-page";
import { ErrorPage } from "./views/error-page";
import { type AnalyzeOutcome, HomePage } from "./views/home-page";

/** How the page reaches the JSON API in-process (the no-JavaScript analyze form uses it). */
export type ApiFetch = (request: Request, env: Env, ctx: ExecutionContext | undefined) => Response | Promise<Response>;

const PAGE_CACHE = "no-cache";
/** Statements shown per side and topic (the most recent), as /v1/compare's default `evidence`: the page stays light however large the corpus. */
const PAGE_EVIDENCE = 10; // revalidate every time (ETag): stored documents can change the page

function optionalCtx(c: { executionCtx: ExecutionContext }): ExecutionContext | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined; // app.request() in tests has none
  }
}

export function createPageRouter(api: ApiFetch) {
  const router = new Hono<AppBindings>({ strict: false });

  // Page failures are pages: an HTML error with the problem's status and detail.
  router.onError(async (err, c) => {
    if (c.req.path.startsWith("/fragments/")) {
      if (err instanceof ProblemError) return problem(c, err);
      console.error(`${c.req.method} ${c.req.path} failed:`, err);
      return problemResponse(c, 500, problemBody(500, "internal", "Rendering the analysis failed.", c.req.path));
    }
    const status: ContentfulStatusCode = err instanceof ProblemError ? err.status : 500;
    if (!(err instanceof ProblemError)) console.error(`${c.req.method} ${c.req.path} failed:`, err);
    const detail = err instanceof ProblemError ? err.detail : "An unexpected error occurred. It has been logged.";
    const response = await renderPage(
      c,
      <ErrorPage status={status} title="Something went wrong" detail={detail} />,
      status,
    );
    response.headers.set("cache-control", "no-store");
    return response;
  });

  router.use("/", pageSecurity, corpusMiddleware);
  router.use("/documents/*", pageSecurity, corpusMiddleware);
  router.use("/analyze", pageSecurity, corpusMiddleware);
  router.use("/fragments/*", corpusMiddleware);
  router.get("/", etag());
  router.get("/documents/*", etag());

  router.get("/", (c) => {
    const corpus = c.get("corpus");
    const { state, notices } = readPageState(c.req.query(), corpus);
    const view = () => {
      const topic = state.topic ? corpus.taxonomy.topicById.get(state.topic) : undefined;
      // The same engine calls as GET /v1/compare and /v1/terms, without an HTTP round trip.
      const comparison = compareActors(corpus, state.a, state.b, topic ? [topic] : undefined);
      const terms = contestedTerms(corpus, state.a, state.b);
      const frame = state.frame;
      const rows = frame
        ? comparison.topics.filter((row) => [...row.a.records, ...row.b.records].some((r) => r.frames.includes(frame)))
        : comparison.topics;
      const shown = { ...comparison, topics: rows.map((row) => limitEvidence(row, PAGE_EVIDENCE)) };
      return <HomePage corpus={corpus} state={state} notices={notices} comparison={shown} terms={terms} />;
    };
    // A page with notices echoes what the visitor typed: rendered each time, never kept, so odd
    // URLs cannot crowd the valid views out of the memo.
    if (notices.length) return renderPage(c, view(), 400, { "cache-control": PAGE_CACHE });
    // Otherwise the page depends on the corpus version (memoize's scope) and the view only.
    const key = JSON.stringify(["home", state.a, state.b, state.topic ?? null, state.frame ?? null]);
    return memoPage(c, corpus, key, view, 200, { "cache-control": PAGE_CACHE });
  });

  router.get("/documents/:id", (c) => {
    const corpus = c.get("corpus");
    const doc = corpus.documentById.get(c.req.param("id"));
    if (!doc) {
      return renderPage(
        c,
        <ErrorPage
          status={404}
          title="Document not found"
          detail={`There is no document “${c.req.param("id")}” in the corpus.`}
        />,
        404,
      );
    }
    return renderPage(
      c,
      <DocumentPage doc={doc} records={corpus.recordsByDocument.get(doc.id) ?? []} taxonomy={corpus.taxonomy} />,
      200,
      { "cache-control": PAGE_CACHE },
    );
  });

  // The analyze form without JavaScript: the same API call the script makes, answered with a page.
  router.post("/analyze", async (c) => {
    const corpus = c.get("corpus");
    const { state, notices } = readPageState(c.req.query(), corpus);
    const form = await c.req.parseBody();
    const text = typeof form.text === "string" ? form.text : "";
    const title = typeof form.title === "string" ? form.title.trim() : "";
    const url = new URL(`/v1/analyze?a=${state.a}&b=${state.b}`, c.req.url);
    const response = await api(
      new Request(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(title ? { text, title } : { text }),
      }),
      c.env,
      optionalCtx(c),
    );
    const payload: unknown = await response.json().catch(() => null);
    const result = response.ok ? AnalysisResultSchema.safeParse(payload) : undefined;
    const analyze: AnalyzeOutcome = result?.success
      ? { kind: "result", request: { text, title: title || undefined, result: result.data } }
      : {
          kind: "error",
          message: result
            ? "The analysis came back in a form this page cannot show."
            : problemWords(response.status, payload),
          text,
          title,
        };
    const comparison = compareActors(corpus, state.a, state.b);
    const terms = contestedTerms(corpus, state.a, state.b);
    const status = (analyze.kind === "error" && !response.ok ? response.status : 200) as ContentfulStatusCode;
    return renderPage(
      c,
      <HomePage
        corpus={corpus}
        state={state}
        notices={notices}
        comparison={comparison}
        terms={terms}
        analyze={analyze}
      />,
      status,
      { "cache-control": "no-store" },
    );
  });

  // The client script posts what /v1/analyze returned; this renders it with the page's own components.
  router.post("/fragments/analysis", async (c) => {
    const body: unknown = await c.req.json().catch(() => {
      throw new ProblemError(400, "malformed-json", "The body is not valid JSON.");
    });
    const parsed = AnalysisFragmentRequestSchema.safeParse(body);
    if (!parsed.success) {
      throw new ProblemError(400, "validation", "The analysis result is not in the shape /v1/analyze returns.");
    }
    return renderFragment(c, <AnalysisView request={parsed.data} taxonomy={c.get("corpus").taxonomy} />);
  });

  return router;
}
