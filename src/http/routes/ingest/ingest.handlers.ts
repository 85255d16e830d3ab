import type { Context } from "hono";
import { extractRecords } from "../../../engine/extract/index";
import type { StanceDocument } from "../../../model/document";
import type { StanceRecord } from "../../../model/record";
import { bundledCorpus, bundledTaxonomy } from "../../../storage/bundled-corpus";
import { sha256Hex, storedDocumentId, titleFromText, unpairedSurrogateAt } from "../../../storage/document-identity";
import { getStoredDocument, insertDocument, deleteDocument as removeDocument } from "../../../storage/stored-documents";
import type { AppRouteHandler } from "../../lib/app-types";
import { ProblemError } from "../../lib/problem";
import { readSubmission } from "../../lib/submission";
import { type CreateDocumentRoute, type DeleteDocumentRoute, DocumentExtrasSchema } from "./ingest.routes";

const NO_STORE = { "cache-control": "no-store" } as const;

/** synthetic/notes, which readSubmission does not know; JSON bodies only (text/plain has no fields). */
async function readExtras(c: Context) {
  if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) return {};
  // readSubmission has read and parsed the body already: hono hands back its cached bytes.
  const result = DocumentExtrasSchema.safeParse(await c.req.json());
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
    message: i.message,
    code: i.code,
  }));
  throw new ProblemError(400, "validation", errors.map((e) => `${e.path.join(".")}: ${e.message}`).join("; "), {
    errors,
  });
}

function bundledWithRecords(sha256: string): { document: StanceDocument; records: StanceRecord[] } | null {
  const { documents, records } = bundledCorpus();
  const document = documents.find((d) => d.sha256 === sha256);
  return document ? { document, records: records.filter((r) => r.documentId === document.id) } : null;
}

export const createDocument: AppRouteHandler<CreateDocumentRoute> = async (c) => {
  const submission = await readSubmission(c);
  const extras = await readExtras(c);
  const { text } = submission;
  const surrogate = unpairedSurrogateAt(text);
  if (surrogate >= 0) {
    throw new ProblemError(
      422,
      "unstorable-text",
      `The text has an unpaired UTF-16 surrogate at offset ${surrogate}; it cannot be stored exactly as sent.`,
    );
  }
  const db = c.env.DB;
  const sha256 = await sha256Hex(text);
  const known = bundledWithRecords(sha256) ?? (await getStoredDocument(db, { sha256 }));
  if (known) return c.json({ ...known.document, records: known.records }, 200, NO_STORE);

  const title = submission.title ?? titleFromText(text);
  const document: StanceDocument = {
    id: storedDocumentId(title, sha256),
    title,
    source: submission.source ?? null,
    url: submission.url ?? null,
    publishedAt: submission.publishedAt ?? null,
    language: submission.language ?? "en",
    synthetic: extras.synthetic ?? false,
    notes: extras.notes ?? null,
    sha256,
    length: text.length,
    origin: "stored",
    text,
  };
  const records = extractRecords(
    { documentId: document.id, text, publishedAt: document.publishedAt },
    bundledTaxonomy(),
  );
  if ((await insertDocument(db, document, records)) === "duplicate") {
    // The same text was stored by a concurrent request between our lookup and our insert.
    const stored = await getStoredDocument(db, { sha256 });
    if (stored) return c.json({ ...stored.document, records: stored.records }, 200, NO_STORE);
    throw new Error(`document ${document.id} reported as duplicate but not found`);
  }
  return c.json({ ...document, records }, 201, {
    ...NO_STORE,
    location: `/v1/documents/${encodeURIComponent(document.id)}`,
  });
};

export const deleteDocument: AppRouteHandler<DeleteDocumentRoute> = async (c) => {
  const { id } = c.req.valid("param");
  if (bundledCorpus().documents.some((d) => d.id === id)) {
    throw new ProblemError(409, "bundled-document", `'${id}' is bundled with the worker and cannot be deleted.`);
  }
  if (!(await removeDocument(c.env.DB, id))) {
    throw new ProblemError(404, "unknown-document", `No stored document with id '${id}'.`);
  }
  return c.body(null, 204, NO_STORE);
};
