import { filterCorpus } from "../../../engine/corpus-filter";
import { documentMeta, memoize } from "../../../engine/corpus-index";
import type { AppRouteHandler } from "../../lib/app-types";
import { corpusFilter } from "../../lib/filters";
import { paginate, resolveDocument } from "../../lib/params";
import type { GetDocumentRoute, ListDocumentsRoute } from "./documents.routes";

export const listDocuments: AppRouteHandler<ListDocumentsRoute> = (c) => {
  const query = c.req.valid("query");
  const { limit, cursor } = query;
  const corpus = filterCorpus(c.get("corpus"), corpusFilter(query));
  const metas = memoize(corpus, "document-metas", () => corpus.documents.map(documentMeta));
  const { page, nextCursor, total } = paginate(metas, (d) => d.id, limit, cursor);
  return c.json({ documents: page, nextCursor, total }, 200);
};

export const getDocument: AppRouteHandler<GetDocumentRoute> = (c) => {
  const corpus = c.get("corpus");
  const doc = resolveDocument(corpus, c.req.valid("param").id);
  return c.json({ ...doc, records: corpus.recordsByDocument.get(doc.id) ?? [] }, 200);
};
