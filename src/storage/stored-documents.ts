import type { CorpusInput } from "../engine/corpus-index";
import { DocumentSchema, type StanceDocument } from "../model/document";
import { type StanceRecord, StanceRecordSchema } from "../model/record";
import {
  type CorpusVersionRow,
  CorpusVersionRowSchema,
  type DocumentRow,
  DocumentRowSchema,
  type RecordRow,
  RecordRowSchema,
} from "./d1-rows";

/** The stored documents and records, read in one snapshot together with the version they belong to. */
export interface StoredCorpus extends CorpusInput {
  version: string;
}

const DOCUMENT_COLUMNS =
  "id, sha256, title, source, url, published_at, language, synthetic, notes, text, length" as const;
const RECORD_COLUMNS =
  "id, document_id, actor, kind, method, posture, confidence, span_start, span_end, topics, frames, speaker, cues, via" as const;

const SELECT_VERSION = "SELECT epoch, counter FROM corpus_version WHERE id = 1";

function versionString(row: CorpusVersionRow): string {
  return `${row.epoch}.${row.counter}`;
}

/** The cheap per-request query: only this runs when the corpus has not changed. */
export async function storedVersion(db: D1Database): Promise<string> {
  const row = await db.prepare(SELECT_VERSION).first();
  if (row === null) throw new Error("corpus_version row missing: are the D1 migrations applied?");
  return versionString(CorpusVersionRowSchema.parse(row));
}

function toDocument(row: DocumentRow): StanceDocument {
  // Parsed against the API schema: what comes back from D1 is an external input like any other.
  return DocumentSchema.parse({
    id: row.id,
    title: row.title,
    source: row.source,
    url: row.url,
    publishedAt: row.published_at,
    language: row.language,
    synthetic: row.synthetic === 1,
    notes: row.notes,
    sha256: row.sha256,
    length: row.length,
    origin: "stored",
    text: row.text,
  });
}

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

function toRecord(row: RecordRow, text: string): StanceRecord {
  return StanceRecordSchema.parse({
    id: row.id,
    documentId: row.document_id,
    actor: row.actor,
    speaker: json(row.speaker),
    topics: json(row.topics),
    frames: json(row.frames),
    posture: row.posture,
    // Not stored: sliced from the stored text, so it is verbatim by construction.
    quote: text.slice(row.span_start, row.span_end),
    span: { start: row.span_start, end: row.span_end },
    kind: row.kind,
    method: row.method,
    confidence: row.confidence,
    via: row.via,
    cues: json(row.cues),
  });
}

function toCorpus(documentRows: unknown[], recordRows: unknown[]): CorpusInput {
  const documents = documentRows.map((row) => toDocument(DocumentRowSchema.parse(row)));
  const textById = new Map(documents.map((d) => [d.id, d.text]));
  const records = recordRows.map((raw) => {
    const row = RecordRowSchema.parse(raw);
    const text = textById.get(row.document_id);
    if (text === undefined) throw new Error(`record ${row.id} refers to missing document ${row.document_id}`);
    return toRecord(row, text);
  });
  return { documents, records };
}

/** Every stored document and record. One D1 batch, which runs as a transaction: a consistent snapshot. */
export async function loadStoredCorpus(db: D1Database): Promise<StoredCorpus> {
  const [version, documents, records] = await db.batch([
    db.prepare(SELECT_VERSION),
    db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents ORDER BY id`),
    db.prepare(`SELECT ${RECORD_COLUMNS} FROM records ORDER BY id`),
  ]);
  const versionRow = version?.results[0];
  if (versionRow === undefined) throw new Error("corpus_version row missing: are the D1 migrations applied?");
  return {
    version: versionString(CorpusVersionRowSchema.parse(versionRow)),
    ...toCorpus(documents?.results ?? [], records?.results ?? []),
  };
}

/** One stored document with its records, or null. */
export async function getStoredDocument(
  db: D1Database,
  where: { id: string } | { sha256: string },
): Promise<{ document: StanceDocument; records: StanceRecord[] } | null> {
  const [column, value] = "id" in where ? ["id", where.id] : ["sha256", where.sha256];
  const [documents, records] = await db.batch([
    db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE ${column} = ?1`).bind(value),
    db
      .prepare(
        `SELECT ${RECORD_COLUMNS} FROM records WHERE document_id = (SELECT id FROM documents WHERE ${column} = ?1) ORDER BY span_start, id`,
      )
      .bind(value),
  ]);
  const corpus = toCorpus(documents?.results ?? [], records?.results ?? []);
  const document = corpus.documents[0];
  return document ? { document, records: corpus.records } : null;
}

const BUMP_VERSION = "UPDATE corpus_version SET counter = counter + 1 WHERE id = 1";

/** Records travel as one JSON parameter, so a document with any number of records is four statements. */
const INSERT_RECORDS = `
INSERT INTO records (${RECORD_COLUMNS})
SELECT json_extract(r.value, '$.id'), ?2, json_extract(r.value, '$.actor'), json_extract(r.value, '$.kind'),
       json_extract(r.value, '$.method'), json_extract(r.value, '$.posture'), json_extract(r.value, '$.confidence'),
       json_extract(r.value, '$.span.start'), json_extract(r.value, '$.span.end'),
       json(json_extract(r.value, '$.topics')), json(json_extract(r.value, '$.frames')),
       json_extract(r.value, '$.speaker'), json_extract(r.value, '$.cues'), json_extract(r.value, '$.via')
FROM json_each(?1) AS r`;

const INSERT_RECORD_TOPICS = `
INSERT INTO record_topics (topic, record_id)
SELECT t.value, json_extract(r.value, '$.id') FROM json_each(?1) AS r, json_each(r.value, '$.topics') AS t`;

export type InsertOutcome = "inserted" | "duplicate";

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: documents\.(sha256|id)/.test(error.message);
}

/**
 * Stores a document, its records and a version bump in ONE batch: D1 runs a batch as a single
 * transaction, so any failing statement rolls every one of them back. "duplicate" when a document
 * with the same text (or id) is already stored, e.g. by a concurrent request.
 */
export async function insertDocument(
  db: D1Database,
  document: StanceDocument,
  records: readonly StanceRecord[],
): Promise<InsertOutcome> {
  for (const record of records) {
    if (record.documentId !== document.id || document.text.slice(record.span.start, record.span.end) !== record.quote)
      throw new Error(`record ${record.id} is not a verbatim slice of document ${document.id}`);
  }
  const recordsJson = JSON.stringify(records);
  try {
    await db.batch([
      db
        .prepare(`INSERT INTO documents (${DOCUMENT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)`)
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
        ),
      db.prepare(INSERT_RECORDS).bind(recordsJson, document.id),
      db.prepare(INSERT_RECORD_TOPICS).bind(recordsJson),
      db.prepare(BUMP_VERSION),
    ]);
    return "inserted";
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

/** Deletes a stored document (its records cascade) and bumps the version, atomically; false if absent. */
export async function deleteDocument(db: D1Database, id: string): Promise<boolean> {
  const [, deleted] = await db.batch([
    // Bump only when there is something to delete, so a 404 leaves ETags and caches alone.
    db.prepare(`${BUMP_VERSION} AND EXISTS (SELECT 1 FROM documents WHERE id = ?1)`).bind(id),
    db.prepare("DELETE FROM documents WHERE id = ?1").bind(id),
  ]);
  return (deleted?.meta.changes ?? 0) > 0;
}
