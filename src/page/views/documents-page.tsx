import type { ActorRef } from "../../model/comparison";
import type { StoredDocumentMeta } from "../../storage/corpus-store";
import { Layout, Notices } from "../components/layout";
import { longDate } from "../format";

export interface DocumentsView {
  a: ActorRef;
  b: ActorRef;
  source?: string;
  from?: string;
  to?: string;
}

export interface DocumentRow {
  meta: StoredDocumentMeta;
  a: number;
  b: number;
}

function query(view: DocumentsView, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ a: view.a.id, b: view.b.id });
  if (view.source) params.set("source", view.source);
  if (view.from) params.set("from", view.from);
  if (view.to) params.set("to", view.to);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

function status(meta: StoredDocumentMeta): string {
  if (meta.analysis) return meta.analysis.status;
  return meta.origin === "bundled" ? "annotated (bundled)" : "analyzed";
}

/** The stored documents, filtered by source and publication day, a page at a time (keyset by id). */
export const DocumentsPage = ({
  view,
  rows,
  total,
  nextCursor,
  notices,
  page,
}: {
  view: DocumentsView;
  rows: readonly DocumentRow[];
  total: number;
  nextCursor: string | null;
  notices: readonly string[];
  page: number;
}) => (
  <Layout title="Documents · Stance Desk">
    <h1>Documents in the corpus</h1>
    <Notices notices={notices} />
    <form class="controls" method="get" action="/documents" aria-label="Filter the documents">
      <input type="hidden" name="a" value={view.a.id} />
      <input type="hidden" name="b" value={view.b.id} />
      <div class="field">
        <label for="documents-source">Source (outlet or issuing body)</label>
        <input id="documents-source" name="source" type="text" value={view.source ?? ""} />
      </div>
      <div class="field">
        <label for="documents-from">Published on or after</label>
        <input id="documents-from" name="from" type="date" value={view.from ?? ""} />
      </div>
      <div class="field">
        <label for="documents-to">Published on or before</label>
        <input id="documents-to" name="to" type="date" value={view.to ?? ""} />
      </div>
      <div class="actions">
        <button type="submit">Show documents</button>
        <a href={`/documents?${query({ ...view, source: undefined, from: undefined, to: undefined })}`}>
          Clear filters
        </a>
      </div>
    </form>
    <p class="summary" role="status">
      {total} {total === 1 ? "document" : "documents"}
      {view.source ? ` from “${view.source}”` : ""}
      {view.from ? `, published on or after ${view.from}` : ""}
      {view.to ? `, on or before ${view.to}` : ""} · page {page} ·{" "}
      <a href={`/v1/documents?${query(view, { format: "csv" })}`} download data-export="documents">
        all of them as CSV
      </a>
    </p>
    {rows.length === 0 ? (
      <p class="empty">No document matches these filters.</p>
    ) : (
      <table class="documents-table">
        <caption class="muted">
          Statements per side count the records of {view.a.name} and {view.b.name} in each document.
        </caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Source</th>
            <th scope="col">Published</th>
            <th scope="col">Analysis</th>
            <th scope="col">{view.a.name}</th>
            <th scope="col">{view.b.name}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ meta, a, b }) => (
            <tr data-document={meta.id}>
              <td class="title">
                <a href={`/documents/${encodeURIComponent(meta.id)}`}>{meta.title}</a>
                {meta.synthetic && <strong class="synthetic"> · synthetic</strong>}
              </td>
              <td>{meta.source ?? "not named"}</td>
              <td>{meta.publishedAt ? <time datetime={meta.publishedAt}>{longDate(meta.publishedAt)}</time> : "–"}</td>
              <td>{status(meta)}</td>
              <td>{a}</td>
              <td>{b}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
    <nav class="pager" aria-label="Pages of documents">
      {page > 1 && <a href={`/documents?${query(view)}`}>First page</a>}
      {nextCursor && (
        <a
          class="button-link"
          href={`/documents?${query(view, { cursor: nextCursor, page: String(page + 1) })}`}
          rel="next"
        >
          Next page
        </a>
      )}
    </nav>
  </Layout>
);
