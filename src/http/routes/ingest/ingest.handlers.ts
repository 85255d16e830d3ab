import type { Context } from "hono";
import { extractRecords } from "../../../engine/extract/index";
import type { StanceDocument } from "../../../model/document";
import { analysisVersion, bundledStore, bundledTaxonomy } from "../../../storage/bundled-corpus";
import { D1Store } from "../../../storage/d1-store";
import {
  engineTitle,
  sha256Hex,
  storedDocumentId,
  titleFromText,
  unstorableTextReason,
} from "../../../storage/document-identity";
import type { AppRouteHandler } from "../../lib/app-types";
import { ProblemError } from "../../lib/problem";
import { readSubmission, submittedJson } from "../../lib/submission";
import { type CreateDocumentRoute, type DeleteDocumentRoute, DocumentExtrasSchema } from "./ingest.routes";

const NO_STORE = { "cache-control": "no-store" } as const;

/** synthetic/notes, which readSubmission does not know; JSON bodies only (text/plain has no fields). */
function readExtras(c: Context) {
  if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) return {};
  // readSubmission has read and parsed the body already (a body can be read once).
  const result = DocumentExtrasSchema.safeParse(submittedJson(c));
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

/** The write store; writeGuard has made sure the binding exists. */
function writeStore(env: Env): D1Store {
  return new D1Store(env.DB, bundledTaxonomy());
}

export const createDocument: AppRouteHandler<CreateDocumentRoute> = async (c) => {
  const submission = await readSubmission(c);
  const extras = readExtras(c);
  const { text } = submission;
  const unstorable = unstorableTextReason(text);
  if (unstorable) throw new ProblemError(422, "unstorable-text", unstorable);
  const store = writeStore(c.env);
  const sha256 = await sha256Hex(text);
  const known = (await bundledStore().findBySha256(sha256)) ?? (await store.findBySha256(sha256));
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
    // The title as submitted (not one made from the first line): document-level evidence for the engine.
    {
      documentId: document.id,
      text,
      publishedAt: document.publishedAt,
      title: engineTitle(submission.title ?? null, text),
      source: document.source,
    },
    bundledTaxonomy(),
  );
  // "duplicate": the same text was stored by a concurrent request between our lookup and our
  // insert; if a delete removed it again before we could read it, insert again (bounded).
  for (let attempt = 0; ; attempt++) {
    if ((await store.insertDocument(document, records, analysisVersion())) === "inserted") break;
    const stored = await store.findBySha256(sha256);
    if (stored) return c.json({ ...stored.document, records: stored.records }, 200, NO_STORE);
    if (attempt >= 2) {
      throw new ProblemError(
        409,
        "write-conflict",
        "Concurrent writes kept adding and removing this text while it was being stored. Try again.",
      );
    }
  }
  const analysis = { status: "analyzed" as const, engineVersion: analysisVersion(), failure: null };
  return c.json({ ...document, analysis, records }, 201, {
    ...NO_STORE,
    location: `/v1/documents/${encodeURIComponent(document.id)}`,
  });
};

export const deleteDocument: AppRouteHandler<DeleteDocumentRoute> = async (c) => {
  const { id } = c.req.valid("param");
  if (await bundledStore().getDocument(id)) {
    throw new ProblemError(409, "bundled-document", `'${id}' is bundled with the worker and cannot be deleted.`);
  }
  if (!(await writeStore(c.env).deleteDocument(id))) {
    throw new ProblemError(404, "unknown-document", `No stored document with id '${id}'.`);
  }
  return c.body(null, 204, NO_STORE);
};
