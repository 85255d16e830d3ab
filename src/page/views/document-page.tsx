import type { Taxonomy } from "../../engine/taxonomy";
import type { StanceDocument } from "../../model/document";
import type { StanceRecord } from "../../model/record";
import { DocumentText } from "../components/document-text";
import { FrameChips } from "../components/frame-chips";
import { Layout } from "../components/layout";
import { kindWords, longDate, signed } from "../format";
import { actorName } from "../view-model";

/** A document in full, every record's quote highlighted in place, then the records as a list. */
export const DocumentPage = ({
  doc,
  records,
  taxonomy,
}: {
  doc: StanceDocument;
  records: readonly StanceRecord[];
  taxonomy: Taxonomy;
}) => (
  <Layout title={`${doc.title} · Stance Desk`}>
    <p>
      <a href="/">← Back to the comparison</a>
    </p>
    <h1>{doc.title}</h1>
    <dl class="document-meta">
      <dt>Source</dt>
      <dd>{doc.source ?? "Outlet not named in the text"}</dd>
      <dt>Published</dt>
      <dd>{doc.publishedAt ? <time datetime={doc.publishedAt}>{longDate(doc.publishedAt)}</time> : "Date unknown"}</dd>
      {doc.url && (
        <>
          <dt>Original</dt>
          <dd>
            <a href={doc.url} rel="noopener noreferrer">
              {doc.url}
            </a>
          </dd>
        </>
      )}
      <dt>Statements</dt>
      <dd>{records.length} highlighted below</dd>
      {doc.synthetic && (
        <>
          <dt>Note</dt>
          <dd>
            <strong>Synthetic text</strong> written for testing, not real reporting.
          </dd>
        </>
      )}
      {doc.notes && (
        <>
          <dt>Notes</dt>
          <dd>{doc.notes}</dd>
        </>
      )}
    </dl>
    <p class="legend">
      <span>
        <span class="swatch span-quote" aria-hidden="true" /> a statement attributed to an actor
      </span>
      <span>
        <span class="swatch span-quote actor-none" aria-hidden="true" /> unattributed narration
      </span>
      <span>
        <span class="swatch span-quote-target" aria-hidden="true" /> the statement you followed (outlined)
      </span>
    </p>
    <div class="document-layout">
      <section aria-labelledby="text-heading">
        <h2 id="text-heading">Full text</h2>
        <DocumentText text={doc.text} records={records} taxonomy={taxonomy} />
      </section>
      <section aria-labelledby="records-heading">
        <h2 id="records-heading">Statements in this document</h2>
        <ol class="record-list">
          {records.map((record) => (
            <li>
              <a href={`#${encodeURIComponent(record.id)}`}>“{record.quote}”</a>{" "}
              <span class="muted">
                · {actorName(taxonomy, record.actor)}
                {record.speaker?.name ? `, ${record.speaker.name}` : ""} · {kindWords(record.kind)} · posture{" "}
                {signed(record.posture)}
              </span>
              <FrameChips frames={record.frames} taxonomy={taxonomy} label="Frames" />
            </li>
          ))}
        </ol>
      </section>
    </div>
  </Layout>
);
