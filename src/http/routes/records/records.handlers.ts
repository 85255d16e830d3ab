import { filterCorpus } from "../../../engine/corpus-filter";
import { memoize } from "../../../engine/corpus-index";
import type { StanceRecord } from "../../../model/record";
import type { AppRouteHandler } from "../../lib/app-types";
import { corpusFilter } from "../../lib/filters";
import { paginate, resolveActor, resolveDocument, resolveFrame, resolveTopic } from "../../lib/params";
import type { ListRecordsRoute } from "./records.routes";

export const listRecords: AppRouteHandler<ListRecordsRoute> = (c) => {
  const query = c.req.valid("query");
  const { limit, cursor, actor, topic, frame, document, kind } = query;
  // Memo keys below live on the filtered index, so they need not repeat from/to/source.
  const corpus = filterCorpus(c.get("corpus"), corpusFilter(query));
  const filters: ((r: StanceRecord) => boolean)[] = [];
  if (actor !== undefined) {
    const id = resolveActor(corpus, actor);
    filters.push((r) => r.actor === id);
  }
  if (topic !== undefined) {
    const id = resolveTopic(corpus, topic).id;
    filters.push((r) => r.topics.includes(id));
  }
  if (frame !== undefined) {
    const id = resolveFrame(corpus, frame);
    filters.push((r) => r.frames.includes(id));
  }
  if (document !== undefined) {
    // Against the whole corpus: a document outside the date range is an empty result, not a 404.
    const id = resolveDocument(c.get("corpus"), document).id;
    filters.push((r) => r.documentId === id);
  }
  if (kind !== undefined) filters.push((r) => r.kind === kind);
  const key = `records:${actor ?? ""}:${topic ?? ""}:${frame ?? ""}:${document ?? ""}:${kind ?? ""}`;
  const matching = memoize(corpus, key, () => corpus.records.filter((r) => filters.every((f) => f(r))));
  const { page, nextCursor, total } = paginate(matching, (r) => r.id, limit, cursor);
  return c.json({ records: page, nextCursor, total }, 200);
};
