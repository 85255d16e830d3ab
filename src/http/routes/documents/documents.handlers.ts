import type { AppRouteHandler } from "../../lib/app-types";
import { asRouteAnswer, documentExport, exportFormat, exportResponse } from "../../lib/export";
import { listFilter } from "../../lib/filters";
import { decodeCursor, pageResponse, unknownDocument } from "../../lib/params";
import type { GetDocumentRoute, ListDocumentsRoute } from "./documents.routes";

export const listDocuments: AppRouteHandler<ListDocumentsRoute> = async (c) => {
  const query = c.req.valid("query");
  const filter = listFilter(query);
  const format = exportFormat(query.format, c.req.header("accept"));
  if (format)
    return asRouteAnswer(await exportResponse(c, documentExport(c.get("store"), filter, format), format, "documents"));
  const page = await c.get("store").listDocuments(filter, query.limit, decodeCursor(query.cursor));
  const { items, nextCursor, total } = pageResponse(page);
  return c.json({ documents: items, nextCursor, total }, 200);
};

export const getDocument: AppRouteHandler<GetDocumentRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const found = await c.get("store").getDocument(id);
  if (!found) throw unknownDocument(id);
  return c.json({ ...found.document, records: found.records }, 200);
};
