import { rankedTerm } from "../engine/contested-terms";
import type { RecordTerm } from "../engine/record-terms";
import type { Taxonomy } from "../engine/taxonomy";
import { type DocumentMeta, DocumentSchema, type StanceDocument } from "../model/document";
import { RecordKindSchema, RecordMethodSchema, type StanceRecord } from "../model/record";
import { type ActorId, FRAME_IDS, type FrameId, TOPIC_IDS, type TopicId } from "../model/taxonomy";
import { type Contributions, currentTerms, documentContributions, documentKeys } from "./contributions";
import type {
  AggregateFilter,
  Evidence,
  EvidenceKey,
  EvidenceRequest,
  InsertOutcome,
  ListFilter,
  MonthTally,
  Page,
  RecordQuery,
  SideTally,
  StoredDocumentMeta,
  TermStat,
  WritableCorpusStore,
} from "./corpus-store";
import { settleDeletedStatements } from "./d1-imports";
import {
  CorpusVersionRowSchema,
  DocumentRowSchema,
  type RecordRow,
  RecordRowSchema,
  storedDocumentFields,
} from "./d1-rows";
import { StorageUnavailableError, WriteConflictError } from "./errors";
import { sideTallies } from "./store-queries";

const META_COLUMNS =
  "d.id, d.sha256, d.title, d.source, d.url, d.published_at, d.language, d.synthetic, d.notes, d.length, d.status, d.engine_version, d.failure, d.published";
const RECORD_COLUMNS =
  "r.id, r.document_id, r.actor, r.kind, r.method, r.posture, r.confidence, r.span_start, r.span_end, r.topics, r.frames, r.speaker, r.cues, r.via, r.quote";

/** What D1 says when a guard statement (verbatim_guard) stopped a batch. */
const GUARD_FAILED = /CHECK constraint failed: ok = 1/;

/** Newest-first order of the evidence indexes (topic_records, record_terms), aliased t. */
const NEWEST_FIRST = "ORDER BY t.published DESC, t.document_id DESC, t.span_start DESC, t.record_id DESC";

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

interface Row {
  [column: string]: unknown;
}

function toMeta(raw: Row): StoredDocumentMeta {
  const row = DocumentRowSchema.omit({ text: true }).parse(raw);
  const meta = DocumentSchema.omit({ text: true }).parse({
    ...storedDocumentFields(row),
    analysis: {
      status: raw.status,
      engineVersion: raw.engine_version ?? null,
      failure: raw.failure ?? null,
    },
  });
  return meta;
}

const TOPICS = new Set<string>(TOPIC_IDS);
const FRAMES = new Set<string>(FRAME_IDS);
const KINDS = new Set<string>(RecordKindSchema.options);
const METHODS = new Set<string>(RecordMethodSchema.options);

function idList<T extends string>(text: string, known: Set<string>, what: string): T[] {
  const list: unknown = JSON.parse(text);
  if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === "string" && known.has(x)))
    throw new Error(`stored record has invalid ${what}: ${text}`);
  return list as T[];
}

/**
 * A stored record from its row. The row's shape is checked by RecordRowSchema; the JSON columns
 * and enums are checked here by hand, because a full StanceRecordSchema parse of every evidence
 * record costs more than the rest of a comparison (measured: ~11 ms for 450 records, jitless).
 */
function toRecord(row: RecordRow, quote: string): StanceRecord {
  if (!KINDS.has(row.kind) || !METHODS.has(row.method))
    throw new Error(`stored record ${row.id} has an invalid kind or method`);
  return {
    id: row.id,
    documentId: row.document_id,
    actor: row.actor,
    speaker: json(row.speaker) as StanceRecord["speaker"],
    topics: idList<TopicId>(row.topics, TOPICS, "topics"),
    frames: idList<FrameId>(row.frames, FRAMES, "frames"),
    posture: row.posture,
    quote,
    span: { start: row.span_start, end: row.span_end },
    kind: row.kind as StanceRecord["kind"],
    method: row.method as StanceRecord["method"],
    confidence: row.confidence,
    via: row.via,
    cues: json(row.cues) as StanceRecord["cues"],
  };
}

/**
 * UTF-16 offsets (the API's spans) as code-point offsets (SQLite's substr), so the write batch can
 * check each quote against the stored text itself.
 */
function codePointOffsets(text: string): (utf16: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const at = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    at[i] = cp;
    const code = text.charCodeAt(i);
    // The low half of a pair shares its code point with the high half.
    if (!(code >= 0xdc00 && code <= 0xdfff && i > 0 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800)) cp++;
    else at[i] = cp - 1;
  }
  at[text.length] = cp;
  return (i) => at[i] ?? cp;
}

/** An evidence record as its row, with the `published` key it is ordered by. */
interface EvidenceRow {
  row: RecordRow;
  published: string;
}

const text = (v: unknown, what: string): string => {
  if (typeof v !== "string") throw new Error(`stored record has an invalid ${what}`);
  return v;
};
const textOrNull = (v: unknown, what: string): string | null => (v === null ? null : text(v, what));
const num = (v: unknown, what: string): number => {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`stored record has an invalid ${what}`);
  return v;
};

/** Columns of one evidence row in newestAsJson's arrays: the record's, then its `published` key. */
const EVIDENCE_WIDTH = RECORD_COLUMNS.split(", ").length + 1;

/**
 * The newest `limit` records of an evidence index (topic_records or record_terms, aliased t) that
 * match `where`, as one JSON text of arrays for evidenceList: the index range is read first, then
 * only those records.
 */
const newestAsJson = (index: string, where: string, limit: string) =>
  `(SELECT json_group_array(json_array(${RECORD_COLUMNS}, t.published))
    FROM (SELECT t.published, t.document_id, t.span_start, t.record_id FROM ${index} t
          WHERE ${where} ${NEWEST_FIRST} LIMIT ${limit}) AS t
    JOIN records r ON r.id = t.record_id)`;

/**
 * One side's evidence as newestAsJson gives it:
 * arrays in RECORD_COLUMNS order, checked by hand (a zod parse per row cost as much as the query).
 * The aggregate does not promise an order, so the newest-first order is restored here.
 */
function evidenceList(json: unknown): EvidenceRow[] {
  const list: unknown = JSON.parse(text(json, "evidence list"));
  if (!Array.isArray(list)) throw new Error("evidence list is not an array");
  const rows = list.map((v): EvidenceRow => {
    if (!Array.isArray(v) || v.length !== EVIDENCE_WIDTH) throw new Error("evidence row has the wrong shape");
    const row: RecordRow = {
      id: text(v[0], "id"),
      document_id: text(v[1], "document id"),
      actor: textOrNull(v[2], "actor"),
      kind: text(v[3], "kind"),
      method: text(v[4], "method"),
      posture: num(v[5], "posture"),
      confidence: num(v[6], "confidence"),
      span_start: num(v[7], "span"),
      span_end: num(v[8], "span"),
      topics: text(v[9], "topics"),
      frames: text(v[10], "frames"),
      speaker: textOrNull(v[11], "speaker"),
      cues: textOrNull(v[12], "cues"),
      via: textOrNull(v[13], "via"),
      quote: textOrNull(v[14], "quote"),
    };
    return { row, published: text(v[15], "published") };
  });
  // Byte order of ASCII keys (ids, ISO dates) is code-unit order, as SQLite compares them.
  return rows.sort((x, y) => {
    if (x.published !== y.published) return x.published < y.published ? 1 : -1;
    if (x.row.document_id !== y.row.document_id) return x.row.document_id < y.row.document_id ? 1 : -1;
    if (x.row.span_start !== y.row.span_start) return y.row.span_start - x.row.span_start;
    return x.row.id < y.row.id ? 1 : x.row.id > y.row.id ? -1 : 0;
  });
}

/**
 * Rows in their table's primary-key order (the columns at `key`, in that order). A write then walks
 * each B-tree forward, neighbouring keys sharing pages, instead of jumping across it at random; the
 * rows stored are the same. Measured on a copy of the shared corpus's database (bench:import-writes).
 */
function inKeyOrder<T extends readonly unknown[]>(rows: readonly T[], key: readonly number[]): T[] {
  return [...rows].sort((a, b) => {
    for (const i of key) {
      const x = a[i] as string | number;
      const y = b[i] as string | number;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  });
}

/** D1's meta.rows_read of the last read, for the scale bench. */
export interface ReadMeter {
  rowsRead: number;
}

/**
 * The stored corpus in D1. Reads are indexed queries on aggregates and evidence tables; writes
 * change records and every aggregate in one batch (one transaction).
 */
export class D1Store implements WritableCorpusStore {
  constructor(
    private readonly db: D1Database,
    private readonly taxonomy: Taxonomy,
    private readonly meter?: ReadMeter,
  ) {}

  private count(results: readonly D1Result[]): void {
    if (!this.meter) return;
    for (const r of results) this.meter.rowsRead += r.meta.rows_read ?? 0;
  }

  private async all(statement: D1PreparedStatement): Promise<Row[]> {
    try {
      const result = await statement.all<Row>();
      this.count([result]);
      return result.results;
    } catch (error) {
      throw new StorageUnavailableError({ cause: error });
    }
  }

  private async batch(statements: D1PreparedStatement[]): Promise<Row[][]> {
    if (statements.length === 0) return [];
    try {
      const results = await this.db.batch<Row>(statements);
      this.count(results);
      return results.map((r) => r.results);
    } catch (error) {
      throw new StorageUnavailableError({ cause: error });
    }
  }

  async version(): Promise<string> {
    const [row] = await this.all(this.db.prepare("SELECT epoch, counter FROM corpus_version WHERE id = 1"));
    if (row === undefined) throw new Error("corpus_version row missing: are the D1 migrations applied?");
    const v = CorpusVersionRowSchema.parse(row);
    return `${v.epoch}.${v.counter}`;
  }

  async totals() {
    const [row] = await this.all(this.db.prepare("SELECT documents, records FROM corpus_version WHERE id = 1"));
    return {
      documents: Number(row?.documents ?? 0),
      records: Number(row?.records ?? 0),
    };
  }

  private static periodClause(filter: AggregateFilter, params: unknown[]): string {
    if (filter.fromMonth === undefined && filter.toMonth === undefined) return "period = ''";
    params.push(filter.fromMonth ?? "0000-01", filter.toMonth ?? "9999-12");
    return `period != '' AND period BETWEEN ?${params.length - 1} AND ?${params.length}`;
  }

  private static inList(values: readonly string[], params: unknown[]): string {
    const start = params.length;
    params.push(...values);
    return values.map((_, i) => `?${start + i + 1}`).join(", ");
  }

  async tallies(actors: readonly (ActorId | null)[], filter: AggregateFilter, topics?: readonly TopicId[]) {
    const params: unknown[] = [filter.sourceKey ?? ""];
    const actorList = D1Store.inList(
      actors.map((a) => a ?? ""),
      params,
    );
    const period = D1Store.periodClause(filter, params);
    const topicClause = topics ? `topic IN (${D1Store.inList(topics, params)})` : "topic != ''";
    const rows = await this.all(
      this.db
        .prepare(
          `SELECT actor, topic, frame, sum(records) AS records, sum(posture_milli) AS posture_milli FROM stance_aggregates
           WHERE source_key = ?1 AND actor IN (${actorList}) AND ${period} AND ${topicClause}
           GROUP BY actor, topic, frame`,
        )
        .bind(...params),
    );
    return sideTallies(rows.map(aggregateRow));
  }

  async topicCounts(): Promise<SideTally[]> {
    const rows = await this.all(
      this.db.prepare(
        "SELECT actor, topic, frame, records, posture_milli FROM stance_aggregates WHERE source_key = '' AND period = '' AND frame = '' AND topic != ''",
      ),
    );
    return sideTallies(rows.map(aggregateRow));
  }

  async actorCounts(): Promise<SideTally[]> {
    const rows = await this.all(
      this.db.prepare(
        "SELECT actor, topic, frame, records, posture_milli FROM stance_aggregates WHERE source_key = '' AND period = '' AND frame = '' AND topic = ''",
      ),
    );
    return sideTallies(rows.map(aggregateRow));
  }

  async months(topic: TopicId, actors: readonly (ActorId | null)[], filter: AggregateFilter): Promise<MonthTally[]> {
    const params: unknown[] = [filter.sourceKey ?? "", topic];
    const actorList = D1Store.inList(
      actors.map((a) => a ?? ""),
      params,
    );
    params.push(filter.fromMonth ?? "0000-01", filter.toMonth ?? "9999-12");
    const rows = await this.all(
      this.db
        .prepare(
          `SELECT period, actor, records, posture_milli FROM stance_aggregates INDEXED BY stance_aggregates_topic
           WHERE source_key = ?1 AND topic = ?2 AND frame = '' AND actor IN (${actorList})
             AND period != '' AND period BETWEEN ?${params.length - 1} AND ?${params.length}
           ORDER BY period, actor`,
        )
        .bind(...params),
    );
    return rows.map((r) => ({
      month: String(r.period),
      actor: r.actor === "" ? null : String(r.actor),
      records: Number(r.records),
      postureMilli: Number(r.posture_milli),
    }));
  }

  /** Record rows to records, slicing a quote from its text only for rows stored before quotes were. */
  private async records(parsed: readonly RecordRow[]): Promise<StanceRecord[]> {
    const missing = [...new Set(parsed.filter((r) => r.quote === null).map((r) => r.document_id))];
    const texts = new Map<string, string>();
    if (missing.length) {
      const docs = await this.all(
        this.db
          .prepare("SELECT id, text FROM documents WHERE id IN (SELECT value FROM json_each(?1))")
          .bind(JSON.stringify(missing)),
      );
      for (const d of docs) texts.set(String(d.id), String(d.text));
    }
    return parsed.map((row) => {
      const quote = row.quote ?? texts.get(row.document_id)?.slice(row.span_start, row.span_end);
      if (quote === undefined) throw new Error(`record ${row.id} refers to missing document ${row.document_id}`);
      return toRecord(row, quote);
    });
  }

  private async evidenceRows(rows: readonly EvidenceRow[]): Promise<Evidence[]> {
    const records = await this.records(rows.map((r) => r.row));
    return records.map((record, i) => ({
      record,
      published: rows[i]?.published ?? "",
    }));
  }

  async evidence(requests: readonly EvidenceRequest[], filter: AggregateFilter, limit: number, before?: EvidenceKey) {
    if (requests.length === 0) return [];
    // One statement for every side: each side's newest `limit` records come back as one JSON text
    // built by SQLite. D1 hands results to the isolate as JSON, and its cost grows with the number
    // of values it carries (measured: most of an uncached comparison's CPU was D1's result parsing
    // when 450 records came back as 15-column rows).
    const params: unknown[] = [JSON.stringify(requests.map((r) => [r.topic, r.actor ?? ""])), limit];
    let where = "t.topic = json_extract(q.value, '$[0]') AND t.actor = json_extract(q.value, '$[1]')";
    // Months as prefixes of `published`: from fromMonth's first day, up to anything that starts with toMonth.
    if (filter.fromMonth !== undefined || filter.toMonth !== undefined) where += " AND t.published != ''";
    if (filter.fromMonth !== undefined) {
      params.push(filter.fromMonth);
      where += ` AND t.published >= ?${params.length}`;
    }
    if (filter.toMonth !== undefined) {
      params.push(`${filter.toMonth}\uffff`);
      where += ` AND t.published < ?${params.length}`;
    }
    if (filter.sourceKey !== undefined) {
      params.push(filter.sourceKey);
      where += ` AND t.source_key = ?${params.length}`;
    }
    if (before !== undefined) {
      // Row values compare in the primary key's order: the next page starts right after the key.
      params.push(before.published, before.documentId, before.spanStart, before.recordId);
      const n = params.length;
      where += ` AND (t.published, t.document_id, t.span_start, t.record_id) < (?${n - 3}, ?${n - 2}, ?${n - 1}, ?${n})`;
    }
    const rows = await this.all(
      this.db
        .prepare(`SELECT q.key AS side, ${newestAsJson("topic_records", where, "?2")} AS rows FROM json_each(?1) AS q`)
        .bind(...params),
    );
    const out: EvidenceRow[][] = requests.map(() => []);
    for (const row of rows) out[Number(row.side)] = evidenceList(row.rows);
    return Promise.all(out.map((list) => this.evidenceRows(list)));
  }

  private static termStatRows(rows: Row[]): Map<string, Map<string, TermStat>> {
    const byActor = new Map<string, Map<string, TermStat>>();
    for (const row of rows) {
      const actor = String(row.actor);
      const stem = String(row.stem);
      const stats = byActor.get(actor) ?? new Map<string, TermStat>();
      byActor.set(actor, stats);
      const stat = stats.get(stem) ?? {
        stem,
        records: 0,
        frames: new Set<FrameId>(),
      };
      stats.set(stem, stat);
      if (row.frame === "") stat.records = Number(row.records);
      else stat.frames.add(row.frame as FrameId);
    }
    return byActor;
  }

  async topContestedTerms(
    a: ActorId,
    b: ActorId,
    limit: number,
    cueStems: ReadonlySet<string>,
    except?: ReadonlySet<string>,
  ) {
    // Ranked in SQL, so D1 sends back `limit` rows instead of the whole shared vocabulary (at 20,000
    // documents, some 41,000 term rows a request). Each side's frames are a bit set; the Jaccard
    // distance (union - shared) / union, with union <= 7 frames, is exact as an integer in 420ths
    // (420 = lcm(1..7)), doubled for cue stems: the order of rankContestedTerms' rounded scores,
    // since distinct values of it lie more than 0.001 apart. The scores are recomputed from the
    // returned sets by the engine's own function.
    const bit = FRAME_IDS.map((f, i) => `WHEN '${f}' THEN ${1 << i}`).join(" ");
    const count = (x: string) => FRAME_IDS.map((_, i) => `((${x} >> ${i}) & 1)`).join(" + ");
    // Only the stems both use (from the stems index), then their frame rows of both actors in one
    // pass: rows read stay those of the shared vocabulary. CROSS JOIN keeps SQLite from walking
    // an actor's whole vocabulary instead.
    const stems = (param: string) =>
      `SELECT stem FROM term_frames INDEXED BY term_frames_stems WHERE actor = ${param} AND frame = '' AND records > 0`;
    const of = (param: string, value: string) => `sum(CASE WHEN t.actor = ${param} THEN ${value} ELSE 0 END)`;
    const rows = await this.all(
      this.db
        .prepare(
          `WITH shared AS (${stems("?1")} INTERSECT ${stems("?2")}),
           j AS (SELECT t.stem AS stem,
                        ${of("?1", "CASE t.frame WHEN '' THEN t.records ELSE 0 END")} AS na,
                        ${of("?1", `CASE t.frame ${bit} ELSE 0 END`)} AS ma,
                        ${of("?2", "CASE t.frame WHEN '' THEN t.records ELSE 0 END")} AS nb,
                        ${of("?2", `CASE t.frame ${bit} ELSE 0 END`)} AS mb
                 FROM shared CROSS JOIN term_frames t ON t.actor IN (?1, ?2) AND t.stem = shared.stem
                 WHERE t.records > 0 AND shared.stem NOT IN (SELECT value FROM json_each(?3))
                 GROUP BY t.stem),
           k AS (SELECT *, ${count("(ma | mb)")} AS u, ${count("(ma & mb)")} AS s FROM j WHERE ma != mb)
           SELECT stem, na, ma, nb, mb,
                  (u - s) * 420 / u * (CASE WHEN stem IN (SELECT value FROM json_each(?4)) THEN 2 ELSE 1 END) AS rank
           FROM k ORDER BY rank DESC, na + nb DESC, stem LIMIT ?5`,
        )
        .bind(
          a,
          b,
          JSON.stringify([...(except ?? [])]),
          JSON.stringify([...cueStems]),
          Number.isFinite(limit) ? limit : -1,
        ),
    );
    const frames = (mask: number) => new Set(FRAME_IDS.filter((_, i) => mask & (1 << i)));
    return rows.flatMap((r) => {
      const stem = String(r.stem);
      const term = rankedTerm(
        { stem, records: Number(r.na), frames: frames(Number(r.ma)) },
        { stem, records: Number(r.nb), frames: frames(Number(r.mb)) },
        cueStems,
      );
      return term ?? [];
    });
  }

  async termStats(actor: ActorId, stems: readonly string[]) {
    if (stems.length === 0) return [];
    const rows = await this.all(
      this.db
        .prepare(
          `SELECT actor, stem, frame, records FROM term_frames
           WHERE actor = ?1 AND records > 0 AND stem IN (SELECT value FROM json_each(?2))`,
        )
        .bind(actor, JSON.stringify(stems)),
    );
    return [...(D1Store.termStatRows(rows).get(actor)?.values() ?? [])]
      .filter((s) => s.records > 0)
      .sort((x, y) => (x.stem < y.stem ? -1 : 1));
  }

  async termForms(actor: ActorId, stems: readonly string[]) {
    const out = new Map<string, Map<string, number>>();
    if (stems.length === 0) return out;
    const rows = await this.all(
      this.db
        .prepare(
          "SELECT stem, form, uses FROM term_forms WHERE actor = ?1 AND uses > 0 AND stem IN (SELECT value FROM json_each(?2))",
        )
        .bind(actor, JSON.stringify(stems)),
    );
    for (const row of rows) {
      const forms = out.get(String(row.stem)) ?? new Map<string, number>();
      forms.set(String(row.form), Number(row.uses));
      out.set(String(row.stem), forms);
    }
    return out;
  }

  async termEvidence(actor: ActorId, stems: readonly string[], limit: number) {
    const out = new Map<string, Evidence[]>();
    if (stems.length === 0) return out;
    // One statement, each stem's records as one JSON text (see evidence()).
    const rows = await this.all(
      this.db
        .prepare(
          `SELECT q.value AS stem, ${newestAsJson("record_terms", "t.actor = ?1 AND t.stem = q.value", "?3")} AS rows
           FROM json_each(?2) AS q`,
        )
        .bind(actor, JSON.stringify(stems), limit),
    );
    for (const row of rows) out.set(String(row.stem), await this.evidenceRows(evidenceList(row.rows)));
    return out;
  }

  private static listFilter(filter: ListFilter, params: unknown[], where: string[]): void {
    if (filter.from !== undefined || filter.to !== undefined) {
      where.push("d.published != ''");
      if (filter.from !== undefined) {
        params.push(filter.from);
        where.push(`substr(d.published, 1, 10) >= ?${params.length}`);
      }
      if (filter.to !== undefined) {
        params.push(filter.to);
        where.push(`substr(d.published, 1, 10) <= ?${params.length}`);
      }
    }
    if (filter.sourceKey !== undefined) {
      params.push(filter.sourceKey);
      where.push(`d.source_key = ?${params.length}`);
    }
  }

  /** One page and the total of a filtered listing, in one batch. */
  private async page(
    from: string,
    columns: string,
    key: string,
    where: string[],
    params: unknown[],
    limit: number,
    afterId: string | undefined,
    total: number | undefined,
  ): Promise<{ rows: Row[]; total: number; more: boolean }> {
    const filtered = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const pageParams = [...params];
    const pageWhere = [...where];
    if (afterId !== undefined) {
      pageParams.push(afterId);
      pageWhere.push(`${key} > ?${pageParams.length}`);
    }
    pageParams.push(limit + 1);
    const pageSql = `SELECT ${columns} FROM ${from} ${pageWhere.length ? `WHERE ${pageWhere.join(" AND ")}` : ""} ORDER BY ${key} LIMIT ?${pageParams.length}`;
    const statements = [this.db.prepare(pageSql).bind(...pageParams)];
    if (total === undefined)
      statements.push(this.db.prepare(`SELECT count(*) AS n FROM ${from} ${filtered}`).bind(...params));
    const [rows = [], counted] = await this.batch(statements);
    return {
      rows: rows.slice(0, limit),
      total: total ?? Number(counted?.[0]?.n ?? 0),
      more: rows.length > limit,
    };
  }

  async listRecords(query: RecordQuery, limit: number, afterId?: string): Promise<Page<StanceRecord>> {
    const params: unknown[] = [];
    const where: string[] = [];
    // The id order comes from an index in each case: topic_records (topic, actor, record_id) for
    // actor and topic, record_topics (topic, record_id) for a topic, records (actor, id) for an actor.
    let from = "records r";
    let key = "r.id";
    const byActorAndTopic = query.topic !== undefined && query.actor !== undefined;
    if (byActorAndTopic) {
      params.push(query.topic, query.actor);
      from = "topic_records tr JOIN records r ON r.id = tr.record_id";
      where.push("tr.topic = ?1", "tr.actor = ?2");
      key = "tr.record_id";
    } else if (query.topic !== undefined) {
      params.push(query.topic);
      from += ` JOIN record_topics rt ON rt.record_id = r.id AND rt.topic = ?${params.length}`;
      key = "rt.record_id";
    }
    const needsDocument = query.from !== undefined || query.to !== undefined || query.sourceKey !== undefined;
    if (needsDocument) from += " JOIN documents d ON d.id = r.document_id";
    D1Store.listFilter(query, params, where);
    const equal = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      params.push(value);
      where.push(`${column} = ?${params.length}`);
    };
    if (!byActorAndTopic) equal("r.actor", query.actor);
    equal("r.document_id", query.documentId);
    equal("r.kind", query.kind);
    if (query.frame !== undefined) {
      params.push(query.frame);
      where.push(`EXISTS (SELECT 1 FROM json_each(r.frames) WHERE value = ?${params.length})`);
    }
    // Totals without counting rows where the aggregates already know them: no filter (the kept
    // counter), or only actor and/or topic (the all-time aggregate rows).
    const onlyActorTopic =
      query.from === undefined &&
      query.to === undefined &&
      query.sourceKey === undefined &&
      query.frame === undefined &&
      query.documentId === undefined &&
      query.kind === undefined;
    const total = !onlyActorTopic
      ? undefined
      : query.actor === undefined && query.topic === undefined
        ? (await this.totals()).records
        : await this.aggregateCount(query.actor, query.topic);
    const page = await this.page(from, RECORD_COLUMNS, key, where, params, limit, afterId, total);
    const items = await this.records(page.rows.map((raw) => RecordRowSchema.parse(raw)));
    return {
      items,
      total: page.total,
      nextKey: page.more ? (items.at(-1)?.id ?? null) : null,
    };
  }

  private async aggregateCount(actor: ActorId | undefined, topic: TopicId | undefined): Promise<number> {
    const params: unknown[] = [topic ?? ""];
    let sql =
      "SELECT coalesce(sum(records), 0) AS n FROM stance_aggregates WHERE source_key = '' AND period = '' AND frame = '' AND topic = ?1";
    if (actor !== undefined) {
      params.push(actor);
      sql += " AND actor = ?2";
    }
    const [row] = await this.all(this.db.prepare(sql).bind(...params));
    return Number(row?.n ?? 0);
  }

  async listDocuments(filter: ListFilter, limit: number, afterId?: string): Promise<Page<StoredDocumentMeta>> {
    const params: unknown[] = [];
    const where: string[] = [];
    D1Store.listFilter(filter, params, where);
    const total = where.length === 0 ? (await this.totals()).documents : undefined;
    const page = await this.page("documents d", META_COLUMNS, "d.id", where, params, limit, afterId, total);
    const items = page.rows.map(toMeta);
    return {
      items,
      total: page.total,
      nextKey: page.more ? (items.at(-1)?.id ?? null) : null,
    };
  }

  async documentMetas(ids: readonly string[]) {
    const out = new Map<string, DocumentMeta>();
    if (ids.length === 0) return out;
    const rows = await this.all(
      this.db
        .prepare(`SELECT ${META_COLUMNS} FROM documents d WHERE d.id IN (SELECT value FROM json_each(?1))`)
        .bind(JSON.stringify([...new Set(ids)])),
    );
    for (const row of rows) {
      const meta = toMeta(row);
      out.set(meta.id, meta);
    }
    return out;
  }

  private async documentWhere(column: "id" | "sha256", value: string) {
    const [docs = [], recordRows = []] = await this.batch([
      this.db.prepare(`SELECT ${META_COLUMNS}, d.text FROM documents d WHERE d.${column} = ?1`).bind(value),
      this.db
        .prepare(
          `SELECT ${RECORD_COLUMNS} FROM records r WHERE r.document_id = (SELECT id FROM documents WHERE ${column} = ?1) ORDER BY r.span_start, r.id`,
        )
        .bind(value),
    ]);
    const row = docs[0];
    if (!row) return null;
    const document: StanceDocument = { ...toMeta(row), text: String(row.text) };
    const records = RecordRowSchema.array()
      .parse(recordRows)
      .map((r) => toRecord(r, r.quote ?? document.text.slice(r.span_start, r.span_end)));
    return { document, records };
  }

  getDocument(id: string) {
    return this.documentWhere("id", id);
  }

  findBySha256(sha256: string) {
    return this.documentWhere("sha256", sha256);
  }

  /**
   * The statements that add a document's contributions to every aggregate, or subtract them (then
   * drop the rows that reach zero). Subtraction is an UPDATE: an upsert would check the negative
   * row it tries to insert against `records >= 0` before it finds the existing one.
   */
  applyContributions(c: Contributions, mode: "add" | "subtract"): D1PreparedStatement[] {
    // Each table's primary key: stance_aggregates (source_key, actor, period, topic, frame),
    // term_frames (actor, stem, frame), term_forms (actor, stem, form).
    const aggregates = JSON.stringify(
      inKeyOrder(
        c.aggregates.map((r) => [r.period, r.sourceKey, r.actor, r.topic, r.frame, r.records, r.postureMilli] as const),
        [1, 2, 0, 3, 4],
      ),
    );
    const frames = JSON.stringify(
      inKeyOrder(
        c.termFrames.map((r) => [r.actor, r.stem, r.frame, r.records] as const),
        [0, 1, 2],
      ),
    );
    const forms = JSON.stringify(
      inKeyOrder(
        c.termForms.map((r) => [r.actor, r.stem, r.form, r.uses] as const),
        [0, 1, 2],
      ),
    );
    const col = (i: number) => `json_extract(value, '$[${i}]')`;
    const cols = (...i: number[]) => i.map(col).join(", ");
    if (mode === "add") {
      return [
        this.db
          .prepare(
            `INSERT INTO stance_aggregates (period, source_key, actor, topic, frame, records, posture_milli)
             SELECT ${cols(0, 1, 2, 3, 4, 5, 6)} FROM json_each(?1) WHERE true
             ON CONFLICT (source_key, actor, period, topic, frame) DO UPDATE SET
               records = records + excluded.records, posture_milli = posture_milli + excluded.posture_milli`,
          )
          .bind(aggregates),
        this.db
          .prepare(
            `INSERT INTO term_frames (actor, stem, frame, records) SELECT ${cols(0, 1, 2, 3)} FROM json_each(?1) WHERE true
             ON CONFLICT (actor, stem, frame) DO UPDATE SET records = records + excluded.records`,
          )
          .bind(frames),
        this.db
          .prepare(
            `INSERT INTO term_forms (actor, stem, form, uses) SELECT ${cols(0, 1, 2, 3)} FROM json_each(?1) WHERE true
             ON CONFLICT (actor, stem, form) DO UPDATE SET uses = uses + excluded.uses`,
          )
          .bind(forms),
      ];
    }
    return [
      this.db
        .prepare(
          `UPDATE stance_aggregates AS a SET records = a.records - j.n, posture_milli = a.posture_milli - j.pm
           FROM (SELECT ${col(0)} AS period, ${col(1)} AS source_key, ${col(2)} AS actor, ${col(3)} AS topic,
                        ${col(4)} AS frame, ${col(5)} AS n, ${col(6)} AS pm FROM json_each(?1)) AS j
           WHERE a.source_key = j.source_key AND a.actor = j.actor AND a.period = j.period AND a.topic = j.topic AND a.frame = j.frame`,
        )
        .bind(aggregates),
      this.db
        .prepare(
          `DELETE FROM stance_aggregates WHERE records = 0 AND (source_key, actor, period, topic, frame) IN
           (SELECT ${cols(1, 2, 0, 3, 4)} FROM json_each(?1))`,
        )
        .bind(aggregates),
      this.db
        .prepare(
          `UPDATE term_frames AS t SET records = t.records - j.n
           FROM (SELECT ${col(0)} AS actor, ${col(1)} AS stem, ${col(2)} AS frame, ${col(3)} AS n FROM json_each(?1)) AS j
           WHERE t.actor = j.actor AND t.stem = j.stem AND t.frame = j.frame`,
        )
        .bind(frames),
      this.db
        .prepare(
          `DELETE FROM term_frames WHERE records = 0 AND (actor, stem, frame) IN (SELECT ${cols(0, 1, 2)} FROM json_each(?1))`,
        )
        .bind(frames),
      this.db
        .prepare(
          `UPDATE term_forms AS t SET uses = t.uses - j.n
           FROM (SELECT ${col(0)} AS actor, ${col(1)} AS stem, ${col(2)} AS form, ${col(3)} AS n FROM json_each(?1)) AS j
           WHERE t.actor = j.actor AND t.stem = j.stem AND t.form = j.form`,
        )
        .bind(forms),
      this.db
        .prepare(
          `DELETE FROM term_forms WHERE uses = 0 AND (actor, stem, form) IN (SELECT ${cols(0, 1, 2)} FROM json_each(?1))`,
        )
        .bind(forms),
    ];
  }

  /**
   * The statements that store a document's records, their index rows and aggregates. The verbatim
   * guard makes the batch fail if any quote is not the stored text at its span.
   */
  recordStatements(document: StanceDocument, records: readonly StanceRecord[]): D1PreparedStatement[] {
    const cp = codePointOffsets(document.text);
    const recordsJson = JSON.stringify(records);
    // The guard and record_topics get only the fields they read: every JSON argument is sent to D1
    // and parsed there on its own.
    const quotesJson = JSON.stringify(
      records.map((r) => [cp(r.span.start), cp(r.span.end) - cp(r.span.start), r.quote] as const),
    );
    const c = documentContributions(document, records, currentTerms(this.taxonomy));
    // Primary keys: record_topics (topic, record_id); topic_records and record_terms their first six columns.
    const recordTopicRows = JSON.stringify(
      inKeyOrder(
        records.flatMap((r) => r.topics.map((topic) => [topic, r.id] as const)),
        [0, 1],
      ),
    );
    const topicRows = JSON.stringify(
      inKeyOrder(
        c.topicRecords.map(
          (t) => [t.topic, t.actor, t.published, t.documentId, t.spanStart, t.recordId, t.sourceKey] as const,
        ),
        [0, 1, 2, 3, 4, 5],
      ),
    );
    const termRows = JSON.stringify(
      inKeyOrder(
        c.recordTerms.map(
          (t) =>
            [t.actor, t.stem, t.published, t.documentId, t.spanStart, t.recordId, JSON.stringify(t.forms)] as const,
        ),
        [0, 1, 2, 3, 4, 5],
      ),
    );
    const col = (i: number) => `json_extract(value, '$[${i}]')`;
    return [
      this.db
        .prepare(
          `INSERT INTO records (id, document_id, actor, kind, method, posture, confidence, span_start, span_end, topics, frames, speaker, cues, via, quote)
           SELECT json_extract(r.value, '$.id'), ?2, json_extract(r.value, '$.actor'), json_extract(r.value, '$.kind'),
                  json_extract(r.value, '$.method'), json_extract(r.value, '$.posture'), json_extract(r.value, '$.confidence'),
                  json_extract(r.value, '$.span.start'), json_extract(r.value, '$.span.end'),
                  json(json_extract(r.value, '$.topics')), json(json_extract(r.value, '$.frames')),
                  json_extract(r.value, '$.speaker'), json_extract(r.value, '$.cues'), json_extract(r.value, '$.via'),
                  json_extract(r.value, '$.quote')
           FROM json_each(?1) AS r`,
        )
        .bind(recordsJson, document.id),
      // The stored text is read once (a scalar subquery), not once per record: a transcript's text
      // spans dozens of overflow pages. A missing document fails the guard too.
      this.db
        .prepare(
          `INSERT INTO verbatim_guard (ok) SELECT 0 FROM json_each(?1)
           WHERE substr((SELECT text FROM documents WHERE id = ?2), ${col(0)} + 1, ${col(1)}) IS NOT ${col(2)}`,
        )
        .bind(quotesJson, document.id),
      this.db
        .prepare(`INSERT INTO record_topics (topic, record_id) SELECT ${col(0)}, ${col(1)} FROM json_each(?1)`)
        .bind(recordTopicRows),
      this.db
        .prepare(
          `INSERT INTO topic_records (topic, actor, published, document_id, span_start, record_id, source_key)
           SELECT ${[0, 1, 2, 3, 4, 5, 6].map(col).join(", ")} FROM json_each(?1)`,
        )
        .bind(topicRows),
      this.db
        .prepare(
          `INSERT INTO record_terms (actor, stem, published, document_id, span_start, record_id, forms)
           SELECT ${[0, 1, 2, 3, 4, 5, 6].map(col).join(", ")} FROM json_each(?1)`,
        )
        .bind(termRows),
      ...this.applyContributions(c, "add"),
    ];
  }

  /** Bumps the corpus version (every cache key) and adds to the kept totals (public for bulk seeding and imports). */
  bump(documents: number, records: number | string): D1PreparedStatement {
    return this.db
      .prepare(
        `UPDATE corpus_version SET counter = counter + 1, documents = documents + ?1, records = records + (${typeof records === "number" ? "?2" : records}) WHERE id = 1`,
      )
      .bind(...(typeof records === "number" ? [documents, records] : [documents]));
  }

  async insertDocument(
    document: StanceDocument,
    records: readonly StanceRecord[],
    engineVersion: string,
  ): Promise<InsertOutcome> {
    // Checked here too, so a forged record fails with a clear message before any statement runs.
    for (const record of records) {
      if (record.documentId !== document.id || document.text.slice(record.span.start, record.span.end) !== record.quote)
        throw new Error(`record ${record.id} is not a verbatim slice of document ${document.id}`);
    }
    try {
      await this.db.batch([
        this.documentStatement(document, engineVersion),
        ...this.recordStatements(document, records),
        this.bump(1, records.length),
      ]);
      return "inserted";
    } catch (error) {
      if (error instanceof Error && /UNIQUE constraint failed: documents\.(sha256|id)/.test(error.message))
        return "duplicate";
      throw writeError(error);
    }
  }

  /** The INSERT of a document row: analysed by `engineVersion`, or still to be analysed (null: an import). */
  documentStatement(document: StanceDocument, engineVersion: string | null): D1PreparedStatement {
    const keys = documentKeys(document);
    return this.db
      .prepare(
        `INSERT INTO documents (id, sha256, title, source, url, published_at, language, synthetic, notes, text, length,
               source_key, month, published, status, engine_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)`,
      )
      .bind(
        document.id,
        document.sha256,
        document.title,
        document.source,
        document.url,
        document.publishedAt,
        document.language,
        document.synthetic ? 1 : 0,
        document.notes,
        document.text,
        document.length,
        keys.sourceKey,
        keys.month,
        keys.published,
        engineVersion === null ? "pending" : "analyzed",
        engineVersion,
      );
  }

  /**
   * What a document's stored records contribute, read back from D1 (stems as they were stored,
   * so a taxonomy change since cannot make a delete subtract what was never added).
   */
  async storedContributions(id: string): Promise<{
    revision: number;
    records: number;
    contributions: Contributions;
  } | null> {
    const [docs = [], recordRows = [], termRows = []] = await this.batch([
      this.db.prepare("SELECT source, published_at, revision FROM documents WHERE id = ?1").bind(id),
      this.db.prepare(`SELECT ${RECORD_COLUMNS} FROM records r WHERE r.document_id = ?1`).bind(id),
      this.db.prepare("SELECT record_id, stem, forms FROM record_terms WHERE document_id = ?1").bind(id),
    ]);
    const doc = docs[0];
    if (!doc) return null;
    const terms = new Map<string, RecordTerm[]>();
    for (const t of termRows) {
      const list = terms.get(String(t.record_id)) ?? [];
      list.push({
        stem: String(t.stem),
        forms: JSON.parse(String(t.forms)) as string[],
      });
      terms.set(String(t.record_id), list);
    }
    // Quotes are not needed to subtract: every other field is.
    const records = RecordRowSchema.array()
      .parse(recordRows)
      .map((r) => toRecord(r, r.quote ?? "(not read)"));
    const contributions = documentContributions(
      {
        source: doc.source === null ? null : String(doc.source),
        publishedAt: doc.published_at === null ? null : String(doc.published_at),
      },
      records,
      (r) => terms.get(r.id) ?? [],
    );
    return {
      revision: Number(doc.revision),
      records: records.length,
      contributions,
    };
  }

  /** A write batch: a guard that fails is rethrown as it is (withRetry reads it), other errors as 503s. */
  async write(statements: D1PreparedStatement[]): Promise<void> {
    try {
      await this.db.batch(statements);
    } catch (error) {
      throw writeError(error);
    }
  }

  /** Fails the batch unless the document is still at the revision it was read at. */
  guardRevision(id: string, revision: number): D1PreparedStatement {
    return this.db
      .prepare(
        "INSERT INTO verbatim_guard (ok) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM documents WHERE id = ?1 AND revision = ?2)",
      )
      .bind(id, revision);
  }

  /** Runs a read-then-write batch, reading again when another write changed the document meanwhile. */
  async withRetry<T>(attempt: () => Promise<T>): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await attempt();
      } catch (error) {
        // The revision guard failed: another write changed the document between our read and our batch.
        const conflict = error instanceof Error && GUARD_FAILED.test(error.message);
        if (!conflict) throw error;
        if (i >= 4) throw new WriteConflictError({ cause: error });
      }
    }
  }

  async deleteDocument(id: string): Promise<boolean> {
    return this.withRetry(async () => {
      const stored = await this.storedContributions(id);
      if (!stored) return false;
      await this.write([
        this.guardRevision(id, stored.revision),
        ...this.applyContributions(stored.contributions, "subtract"),
        this.db.prepare("DELETE FROM record_terms WHERE document_id = ?1").bind(id),
        this.db.prepare("DELETE FROM topic_records WHERE document_id = ?1").bind(id),
        // records and record_topics follow by ON DELETE CASCADE.
        this.db.prepare("DELETE FROM documents WHERE id = ?1").bind(id),
        this.bump(-1, -stored.records),
        // Imports waiting for its analysis count it as failed (deleted) instead of waiting for ever.
        ...settleDeletedStatements(this.db, id),
      ]);
      return true;
    });
  }
}

/**
 * A constraint that stopped a batch (a guard: a lost race or a forged quote; a CHECK: a bug) stays
 * itself; anything else is storage failing, a 503.
 */
function writeError(error: unknown): Error {
  if (error instanceof Error && /constraint failed/i.test(error.message)) return error;
  return new StorageUnavailableError({ cause: error });
}

function aggregateRow(r: Row) {
  return {
    actor: String(r.actor),
    topic: String(r.topic),
    frame: String(r.frame),
    records: Number(r.records),
    postureMilli: Number(r.posture_milli),
  };
}
