import { type Context, type ExecutionContext, Hono } from "hono";
import { etag } from "hono/etag";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Taxonomy } from "../engine/taxonomy";
import type { AppBindings } from "../http/lib/app-types";
import { actorRef, compareCorpus, contestedTerms, topicTimeline } from "../http/lib/corpus-reads";
import { listFilter } from "../http/lib/filters";
import { decodeCursor, pageResponse } from "../http/lib/params";
import { ProblemError, problem, problemBody, problemResponse } from "../http/lib/problem";
import { readBoundedBody } from "../http/lib/submission";
import { alreadyCounted, analyzeLimit } from "../http/middleware/analyze-limit";
import { corpusMiddleware } from "../http/middleware/corpus";
import type { Timeline } from "../model/timeline";
import { bundledTaxonomy } from "../storage/bundled-corpus";
import type { CorpusStore, EvidenceKey } from "../storage/corpus-store";
import { evidenceKey } from "../storage/store-queries";
import { AnalysisFragmentRequestSchema, AnalysisResultSchema } from "./analysis";
import { type PageState, readPageState, stateFilter, statementsHref } from "./page-state";
import { problemWords } from "./problem-words";
import { memoPage, renderFragment, renderPage } from "./render";
import { pageSecurity } from "./security";
import { corpusContext } from "./view-model";
import { AnalysisView } from "./views/analysis-view";
import { DocumentPage } from "./views/document-page";
import { DocumentsPage, type DocumentsView } from "./views/documents-page";
import { ErrorPage } from "./views/error-page";
import { type AnalyzeOutcome, HomePage } from "./views/home-page";
import { StatementsPage } from "./views/statements-page";

/** How the page reaches the JSON API in-process (the no-JavaScript analyze form uses it). */
export type ApiFetch = (request: Request, env: Env, ctx: ExecutionContext | undefined) => Response | Promise<Response>;

/** Revalidate every time (ETag): stored documents can change the page. */
const PAGE_CACHE = "no-cache";
/** Statements shown per side and topic (the most recent), as /v1/compare's default `evidence`: the page stays light however large the corpus. */
const PAGE_EVIDENCE = 10;
/** Contested terms the page asks for, with this many quotes per side. */
const PAGE_TERMS = 50;
const PAGE_TERM_EVIDENCE = 3;
/** The analyze form's body: 200,000 characters of any script, percent-encoded, fit in 4 MiB. */
const FORM_BODY_BYTES = 4 * 1024 * 1024;
/** What the client script posts back: an analysis of a 200,000-character text stays well under 16 MiB. */
const FRAGMENT_BODY_BYTES = 16 * 1024 * 1024;

/**
 * The analyze form's fields, read within FORM_BODY_BYTES. A body that claims to be a form and is
 * not one (a multipart type with a boundary the body lacks) is a 400, not a crash; any other type
 * is an empty form, as before.
 */
async function readForm(c: Context<AppBindings>): Promise<{ text: string; title: string }> {
  const type = c.req.header("content-type") ?? "";
  const bytes = await readBoundedBody(c, FORM_BODY_BYTES);
  if (!/^\s*(multipart\/form-data|application\/x-www-form-urlencoded)\s*(;|$)/i.test(type))
    return { text: "", title: "" };
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": type } }).formData();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProblemError(400, "malformed-form", `The form data could not be read (${reason}).`);
  }
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return { text: field("text"), title: field("title").trim() };
}

/** Statements per page of a side's full list. */
const STATEMENTS_PAGE = 20;
/** Documents per page of /documents. */
const DOCUMENTS_PAGE = 25;

/** Everything the home page shows, read from the store: the same calls as /v1/compare, /v1/terms and the timeline. */
async function homeData(store: CorpusStore, taxonomy: Taxonomy, state: PageState) {
  const topic = state.topic ? taxonomy.topicById.get(state.topic) : undefined;
  const filter = stateFilter(state);
  const [comparison, terms, totals] = await Promise.all([
    compareCorpus(store, taxonomy, {
      a: state.a,
      b: state.b,
      topics: topic ? [topic] : undefined,
      filter,
      evidence: PAGE_EVIDENCE,
    }),
    contestedTerms(store, taxonomy, { a: state.a, b: state.b, limit: PAGE_TERMS, evidence: PAGE_TERM_EVIDENCE }),
    store.totals(),
  ]);
  const frame = state.frame;
  const rows = frame
    ? comparison.topics.filter((row) => (row.a.frameCounts[frame] ?? 0) + (row.b.frameCounts[frame] ?? 0) > 0)
    : comparison.topics;
  const shown = { ...comparison, topics: rows };
  const ids = new Set<string>();
  for (const row of rows) for (const r of [...row.a.records, ...row.b.records, ...row.context]) ids.add(r.documentId);
  for (const term of terms.terms) for (const r of [...term.a.records, ...term.b.records]) ids.add(r.documentId);
  const [sources, timelineList] = await Promise.all([
    store.documentMetas([...ids]),
    Promise.all(
      rows.map((row) => {
        const t = taxonomy.topicById.get(row.topic.id);
        return t ? topicTimeline(store, taxonomy, { topic: t, a: state.a, b: state.b, filter }) : undefined;
      }),
    ),
  ]);
  const timelines = new Map<string, Timeline>();
  for (const t of timelineList) if (t) timelines.set(t.topic.id, t);
  return { taxonomy, comparison: shown, terms, documentCount: totals.documents, sources, timelines, now: new Date() };
}

/** A statements page's `before`: base64url of the evidence key where the previous page ended. */
function encodeBefore(key: EvidenceKey): string {
  const json = JSON.stringify([key.published, key.documentId, key.spanStart, key.recordId]);
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

function decodeBefore(raw: string | undefined): EvidenceKey | undefined {
  if (raw === undefined || raw === "") return undefined;
  try {
    const binary = atob(raw.replace(/-/g, "+").replace(/_/g, "/"));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0))));
    if (
      Array.isArray(parsed) &&
      parsed.length === 4 &&
      typeof parsed[0] === "string" &&
      typeof parsed[1] === "string" &&
      typeof parsed[2] === "number" &&
      typeof parsed[3] === "string"
    ) {
      return { published: parsed[0], documentId: parsed[1], spanStart: parsed[2], recordId: parsed[3] };
    }
  } catch {
    // fall through
  }
  throw new ProblemError(
    400,
    "invalid-cursor",
    "This link to older statements is damaged. Start again from the first page.",
  );
}

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
    // A 429's Retry-After, a 415's Accept-Post: the page keeps the problem's headers.
    if (err instanceof ProblemError)
      for (const [k, v] of Object.entries(err.extra.headers ?? {})) response.headers.set(k, v);
    return response;
  });

  router.use("/", pageSecurity, corpusMiddleware);
  router.use("/documents", pageSecurity, corpusMiddleware);
  router.use("/statements", pageSecurity, corpusMiddleware);
  router.use("/documents/*", pageSecurity, corpusMiddleware);
  // The form costs what POST /v1/analyze costs: the same per-client limit, checked before the body is read.
  router.use("/analyze", pageSecurity, analyzeLimit, corpusMiddleware);
  router.get("/", etag());
  router.get("/documents/*", etag());

  router.get("/", async (c) => {
    const taxonomy = bundledTaxonomy();
    const { state, notices } = readPageState(c.req.query(), taxonomy);
    const view = async () => (
      <HomePage {...(await homeData(c.get("store"), taxonomy, state))} state={state} notices={notices} />
    );
    // A page with notices echoes what the visitor typed: rendered each time, never kept, so odd
    // URLs cannot crowd the valid views out of the memo.
    if (notices.length) return renderPage(c, await view(), 400, { "cache-control": PAGE_CACHE });
    // Otherwise the page depends on the corpus version and the view only.
    // The month is in the key for the "last 12 months" preset link.
    const key = JSON.stringify([
      "home",
      state.a,
      state.b,
      state.topic ?? null,
      state.frame ?? null,
      state.from ?? null,
      state.to ?? null,
      new Date().toISOString().slice(0, 7),
    ]);
    return memoPage(c, c.get("version"), key, view, 200, { "cache-control": PAGE_CACHE });
  });

  router.get("/statements", async (c) => {
    const taxonomy = bundledTaxonomy();
    const query = c.req.query();
    const { state, notices } = readPageState(query, taxonomy);
    const topic = state.topic ? taxonomy.topicById.get(state.topic) : undefined;
    const side = query.side === "a" || query.side === "b" ? query.side : undefined;
    if (notices.length || !topic || !side) {
      throw new ProblemError(
        400,
        "validation",
        [...notices, ...(topic ? [] : ["Name a topic."]), ...(side ? [] : ["Name a side: a or b."])].join(" "),
      );
    }
    const before = decodeBefore(query.before);
    const shownBefore = Math.max(0, Number.parseInt(query.shown ?? "0", 10) || 0);
    const actor = state[side];
    const store = c.get("store");
    const filter = stateFilter(state);
    const [[page = []], tallies] = await Promise.all([
      store.evidence([{ topic: topic.id, actor }], filter, STATEMENTS_PAGE + 1, before),
      store.tallies([actor], filter, [topic.id]),
    ]);
    const records = page.slice(0, STATEMENTS_PAGE);
    const last = records.at(-1);
    const nextHref =
      page.length > STATEMENTS_PAGE && last
        ? `${statementsHref(state, side, topic.id, encodeBefore(evidenceKey(last)))}&shown=${shownBefore + records.length}`
        : null;
    const sources = await store.documentMetas([...new Set(records.map((e) => e.record.documentId))]);
    const ctx = corpusContext(taxonomy, sources, []);
    return renderPage(
      c,
      <StatementsPage
        state={state}
        topic={topic}
        actor={actorRef(taxonomy, actor)}
        side={side}
        records={records.map((e) => e.record)}
        total={tallies.find((t) => t.actor === actor && t.topic === topic.id)?.records ?? 0}
        shownBefore={shownBefore}
        nextHref={nextHref}
        ctx={ctx}
        taxonomy={taxonomy}
      />,
      200,
      { "cache-control": PAGE_CACHE },
    );
  });

  router.get("/documents", async (c) => {
    const taxonomy = bundledTaxonomy();
    const query = c.req.query();
    const { state, notices } = readPageState({ a: query.a, b: query.b, from: query.from, to: query.to }, taxonomy);
    const source = query.source?.trim() || undefined;
    const page = Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1);
    const store = c.get("store");
    const filter = listFilter({ from: state.from, to: state.to, source });
    const list = await store.listDocuments(filter, DOCUMENTS_PAGE, decodeCursor(query.cursor || undefined));
    // Per document and side, the record count (one small counted query each).
    const counts = await Promise.all(
      list.items.map(async (meta) => {
        const [a, b] = await Promise.all(
          [state.a, state.b].map(async (actor) => (await store.listRecords({ documentId: meta.id, actor }, 1)).total),
        );
        return { meta, a: a ?? 0, b: b ?? 0 };
      }),
    );
    const { nextCursor } = pageResponse(list);
    const view: DocumentsView = { a: actorRef(taxonomy, state.a), b: actorRef(taxonomy, state.b) };
    if (source) view.source = source;
    if (state.from) view.from = state.from;
    if (state.to) view.to = state.to;
    return renderPage(
      c,
      <DocumentsPage
        view={view}
        rows={counts}
        total={list.total}
        nextCursor={nextCursor}
        notices={notices}
        page={page}
      />,
      notices.length ? 400 : 200,
      { "cache-control": PAGE_CACHE },
    );
  });

  router.get("/documents/:id", async (c) => {
    const found = await c.get("store").getDocument(c.req.param("id"));
    if (!found) {
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
      <DocumentPage doc={found.document} records={found.records} taxonomy={bundledTaxonomy()} />,
      200,
      { "cache-control": PAGE_CACHE },
    );
  });

  // The analyze form without JavaScript: the same API call the script makes, answered with a page.
  router.post("/analyze", async (c) => {
    const taxonomy = bundledTaxonomy();
    const { state, notices } = readPageState(c.req.query(), taxonomy);
    const { text, title } = await readForm(c);
    const url = new URL(`/v1/analyze?a=${state.a}&b=${state.b}`, c.req.url);
    const response = await api(
      alreadyCounted(
        new Request(url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify(title ? { text, title } : { text }),
        }),
      ),
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
    const data = await homeData(c.get("store"), taxonomy, { a: state.a, b: state.b });
    const status = (analyze.kind === "error" && !response.ok ? response.status : 200) as ContentfulStatusCode;
    return renderPage(c, <HomePage {...data} state={state} notices={notices} analyze={analyze} />, status, {
      "cache-control": "no-store",
    });
  });

  // The client script posts what /v1/analyze returned; this renders it with the page's own components.
  router.post("/fragments/analysis", async (c) => {
    const bytes = await readBoundedBody(c, FRAGMENT_BODY_BYTES);
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new ProblemError(400, "malformed-json", "The body is not valid JSON.");
    }
    const parsed = AnalysisFragmentRequestSchema.safeParse(body);
    if (!parsed.success) {
      throw new ProblemError(400, "validation", "The analysis result is not in the shape /v1/analyze returns.");
    }
    return renderFragment(c, <AnalysisView request={parsed.data} taxonomy={bundledTaxonomy()} />);
  });

  return router;
}
