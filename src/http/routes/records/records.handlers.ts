import { bundledTaxonomy } from "../../../storage/bundled-corpus";
import type { AppRouteHandler } from "../../lib/app-types";
import { asRouteAnswer, exportFormat, exportResponse, recordExport } from "../../lib/export";
import { listFilter } from "../../lib/filters";
import {
  decodeCursor,
  pageResponse,
  resolveActor,
  resolveFrame,
  resolveTopic,
  unknownDocument,
} from "../../lib/params";
import type { ListRecordsRoute } from "./records.routes";

export const listRecords: AppRouteHandler<ListRecordsRoute> = async (c) => {
  const query = c.req.valid("query");
  const taxonomy = bundledTaxonomy();
  const store = c.get("store");
  const { limit, cursor, actor, topic, frame, document, kind } = query;
  const filter = listFilter(query);
  const after = decodeCursor(cursor);
  // A document outside the date range is an empty result; one that does not exist is a 404.
  if (document !== undefined && (await store.documentMetas([document])).size === 0) throw unknownDocument(document);
  const recordQuery = {
    ...filter,
    actor: actor === undefined ? undefined : resolveActor(taxonomy, actor),
    topic: topic === undefined ? undefined : resolveTopic(taxonomy, topic).id,
    frame: frame === undefined ? undefined : resolveFrame(taxonomy, frame),
    documentId: document,
    kind,
  };
  const format = exportFormat(query.format, c.req.header("accept"));
  if (format)
    return asRouteAnswer(await exportResponse(c, recordExport(store, recordQuery, format), format, "records"));
  const page = await store.listRecords(recordQuery, limit, after);
  const { items, nextCursor, total } = pageResponse(page);
  return c.json({ records: items, nextCursor, total }, 200);
};
