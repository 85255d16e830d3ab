import type { StanceDocument } from "../model/document";
import type { StanceRecord } from "../model/record";
import type { Contributions } from "./contributions";
import { DocumentRowSchema, storedDocumentFields } from "./d1-rows";
import type { D1Store } from "./d1-store";
import { StorageUnavailableError } from "./errors";

/**
 * Bulk imports in D1 (issue 10): pending documents, the imports that wait for them, and the one
 * batch per document that stores its records once the queue consumer has analysed it.
 */

export type ImportKind = "import" | "reanalyze";
export type ImportStatus = "queued" | "running" | "done" | "done-with-failures";

export interface ImportCounts {
  lines: number;
  stored: number;
  duplicate: number;
  invalid: number;
  analyzed: number;
  failed: number;
}

export interface ImportFailure {
  line?: number;
  documentId?: string;
  reason: string;
}

export interface ImportView {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  counts: ImportCounts;
  failures: ImportFailure[];
  /** Documents whose analysis is still queued. */
  pending: number;
  createdAt: string;
  updatedAt: string;
}

/** A document an import waits for: a new one (stored pending), or a known one queued again. */
export interface ImportItem {
  documentId: string;
  line: number | null;
}

export interface NewImport {
  id: string;
  kind: ImportKind;
  lines: number;
  /** New texts, stored as pending in the same batch. */
  documents: { document: StanceDocument; line: number }[];
  /** Known documents whose analysis is queued again (not analysed by the current engine yet). */
  requeued: ImportItem[];
  duplicate: number;
  rejections: { line: number; reason: string }[];
}

/** What the consumer reads of a document it analyses. */
export interface AnalysisTarget {
  document: StanceDocument;
  status: "pending" | "analyzed" | "failed";
  engineVersion: string | null;
  revision: number;
}

/** At most this many failures are listed by GET /v1/imports/{id} (the counts cover all). */
export const MAX_LISTED_FAILURES = 1000;

const now = () => new Date().toISOString();

/** The failure of an import item whose document was deleted before its analysis was stored. */
export const DELETED_REASON = "the document was deleted before its analysis was stored";

/**
 * Statements that settle, as failed (DELETED_REASON), the queued import items of a document that
 * is not stored: run in a delete's batch, and by the consumer when a job finds its document gone.
 * Guarded by the document's absence, so items of a text imported again meanwhile stay queued.
 */
export function settleDeletedStatements(db: D1Database, documentId: string): D1PreparedStatement[] {
  const absent = "NOT EXISTS (SELECT 1 FROM documents WHERE id = ?1)";
  return [
    db
      .prepare(
        `UPDATE imports SET updated_at = ?2 WHERE ${absent} AND id IN (SELECT import_id FROM import_items WHERE document_id = ?1 AND state = 'queued')`,
      )
      .bind(documentId, now()),
    db
      .prepare(
        `UPDATE import_items SET state = 'failed', failure = ?2 WHERE document_id = ?1 AND state = 'queued' AND ${absent}`,
      )
      .bind(documentId, DELETED_REASON),
  ];
}

interface Row {
  [column: string]: unknown;
}

export class D1Imports {
  constructor(
    private readonly db: D1Database,
    private readonly store: D1Store,
  ) {}

  private async run(statements: D1PreparedStatement[]): Promise<Row[][]> {
    if (statements.length === 0) return [];
    try {
      const results = await this.db.batch<Row>(statements);
      return results.map((r) => r.results);
    } catch (error) {
      throw new StorageUnavailableError({ cause: error });
    }
  }

  /** The stored documents with these hashes: id, analysis status and engine version, by hash. */
  async known(
    hashes: readonly string[],
  ): Promise<Map<string, { id: string; status: string; engineVersion: string | null }>> {
    const out = new Map<string, { id: string; status: string; engineVersion: string | null }>();
    if (hashes.length === 0) return out;
    const [rows = []] = await this.run([
      this.db
        .prepare(
          "SELECT id, sha256, status, engine_version FROM documents WHERE sha256 IN (SELECT value FROM json_each(?1))",
        )
        .bind(JSON.stringify([...new Set(hashes)])),
    ]);
    for (const r of rows) {
      out.set(String(r.sha256), {
        id: String(r.id),
        status: String(r.status),
        engineVersion: r.engine_version === null ? null : String(r.engine_version),
      });
    }
    return out;
  }

  /**
   * Stores an import in one batch: its row, every new document (pending), the items it waits for
   * and the rejected lines. A text stored meanwhile by another request fails the whole batch with
   * a UNIQUE error (the caller reads again and retries); nothing is half stored.
   */
  async create(spec: NewImport): Promise<void> {
    const at = now();
    const items: ImportItem[] = [
      ...spec.documents.map((d) => ({ documentId: d.document.id, line: d.line })),
      ...spec.requeued,
    ];
    const statements = [
      this.db
        .prepare(
          "INSERT INTO imports (id, kind, lines, stored, duplicate, invalid, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        )
        .bind(spec.id, spec.kind, spec.lines, spec.documents.length, spec.duplicate, spec.rejections.length, at),
      ...spec.documents.map((d) => this.store.documentStatement(d.document, null)),
    ];
    if (items.length) {
      statements.push(
        this.db
          .prepare(
            `INSERT INTO import_items (import_id, document_id, line, state)
             SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]'), 'queued' FROM json_each(?2) WHERE true
             ON CONFLICT (import_id, document_id) DO NOTHING`,
          )
          .bind(spec.id, JSON.stringify(items.map((i) => [i.documentId, i.line]))),
      );
    }
    if (spec.rejections.length) {
      statements.push(
        this.db
          .prepare(
            `INSERT INTO import_rejections (import_id, line, reason)
             SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?2)`,
          )
          .bind(spec.id, JSON.stringify(spec.rejections.map((r) => [r.line, r.reason]))),
      );
    }
    // Pending documents are listed (with their status) at once: the version and totals change now.
    if (spec.documents.length) statements.push(this.store.bump(spec.documents.length, 0));
    await this.db.batch(statements);
  }

  /**
   * A re-analysis: every stored document whose records come from another engine version than
   * `version` (null included: engines before versions), up to `limit`, skipping those an import
   * already waits for. Returns the ids queued.
   */
  async createReanalysis(id: string, version: string, limit: number): Promise<{ ids: string[]; remaining: number }> {
    const at = now();
    const candidates = `SELECT id FROM documents WHERE (engine_version IS NULL OR engine_version != ?1)
        AND id NOT IN (SELECT document_id FROM import_items WHERE state = 'queued')`;
    const [, , queued = [], rest = []] = await this.run([
      this.db
        .prepare(
          "INSERT INTO imports (id, kind, lines, stored, duplicate, invalid, created_at, updated_at) VALUES (?1, 'reanalyze', 0, 0, 0, 0, ?2, ?2)",
        )
        .bind(id, at),
      this.db
        .prepare(
          `INSERT INTO import_items (import_id, document_id, line, state)
           SELECT ?2, id, NULL, 'queued' FROM (${candidates} ORDER BY id LIMIT ?3)`,
        )
        .bind(version, id, limit),
      this.db.prepare("SELECT document_id FROM import_items WHERE import_id = ?1 ORDER BY document_id").bind(id),
      this.db.prepare(`SELECT count(*) AS n FROM (${candidates})`).bind(version),
    ]);
    return { ids: queued.map((r) => String(r.document_id)), remaining: Number(rest[0]?.n ?? 0) };
  }

  /** An import with its counts and failures, or null. */
  async view(id: string): Promise<ImportView | null> {
    const [imports = [], states = [], rejected = [], failed = []] = await this.run([
      this.db.prepare("SELECT * FROM imports WHERE id = ?1").bind(id),
      this.db.prepare("SELECT state, count(*) AS n FROM import_items WHERE import_id = ?1 GROUP BY state").bind(id),
      this.db
        .prepare("SELECT line, reason FROM import_rejections WHERE import_id = ?1 ORDER BY line LIMIT ?2")
        .bind(id, MAX_LISTED_FAILURES),
      this.db
        .prepare(
          `SELECT line, document_id, failure FROM import_items WHERE import_id = ?1 AND state = 'failed'
           ORDER BY line, document_id LIMIT ?2`,
        )
        .bind(id, MAX_LISTED_FAILURES),
    ]);
    const row = imports[0];
    if (!row) return null;
    const count = (state: string) => Number(states.find((s) => s.state === state)?.n ?? 0);
    const counts: ImportCounts = {
      lines: Number(row.lines),
      stored: Number(row.stored),
      duplicate: Number(row.duplicate),
      invalid: Number(row.invalid),
      analyzed: count("analyzed"),
      failed: count("failed"),
    };
    const queued = count("queued");
    const failures: ImportFailure[] = [
      ...rejected.map((r) => ({ line: Number(r.line), reason: String(r.reason) })),
      ...failed.map((r) => ({
        ...(r.line === null ? {} : { line: Number(r.line) }),
        documentId: String(r.document_id),
        reason: String(r.failure ?? "analysis failed"),
      })),
    ].slice(0, MAX_LISTED_FAILURES);
    const status: ImportStatus =
      queued > 0
        ? counts.analyzed + counts.failed > 0
          ? "running"
          : "queued"
        : counts.failed + counts.invalid > 0
          ? "done-with-failures"
          : "done";
    return {
      id,
      kind: row.kind === "reanalyze" ? "reanalyze" : "import",
      status,
      counts,
      failures,
      pending: queued,
      createdAt: String(row.created_at),
      updatedAt: String(row.updated_at),
    };
  }

  /** The documents to analyse, with their state, by id (ids not stored are absent). */
  async targets(ids: readonly string[]): Promise<Map<string, AnalysisTarget>> {
    const out = new Map<string, AnalysisTarget>();
    if (ids.length === 0) return out;
    const [rows = []] = await this.run([
      this.db
        .prepare(
          `SELECT id, sha256, title, source, url, published_at, language, synthetic, notes, text, length, status, engine_version, revision
           FROM documents WHERE id IN (SELECT value FROM json_each(?1))`,
        )
        .bind(JSON.stringify([...new Set(ids)])),
    ]);
    for (const raw of rows) {
      const row = DocumentRowSchema.parse(raw);
      const status = raw.status === "analyzed" || raw.status === "failed" ? raw.status : "pending";
      out.set(row.id, {
        document: { ...storedDocumentFields(row), text: row.text },
        status,
        engineVersion: raw.engine_version === null ? null : String(raw.engine_version),
        revision: Number(raw.revision),
      });
    }
    return out;
  }

  /** Statements that settle the queued import items of a document, and touch their imports. */
  private settleItems(documentId: string, state: "analyzed" | "failed", failure: string | null): D1PreparedStatement[] {
    return [
      this.db
        .prepare(
          "UPDATE imports SET updated_at = ?2 WHERE id IN (SELECT import_id FROM import_items WHERE document_id = ?1 AND state = 'queued')",
        )
        .bind(documentId, now()),
      this.db
        .prepare("UPDATE import_items SET state = ?2, failure = ?3 WHERE document_id = ?1 AND state = 'queued'")
        .bind(documentId, state, failure),
    ];
  }

  /**
   * Stores a document's analysis in ONE batch: the revision guard, the old records' contributions
   * subtracted and their rows deleted, the new records and contributions added, the document
   * marked analysed by `engineVersion`, the import items settled. Redelivered or concurrent jobs
   * fail the guard (withRetry reads again, then finds the document analysed: nothing to do).
   */
  async storeAnalysis(
    document: StanceDocument,
    records: readonly StanceRecord[],
    engineVersion: string,
    read?: Pick<AnalysisTarget, "status" | "revision">,
  ): Promise<"stored" | "current" | "missing"> {
    for (const record of records) {
      if (record.documentId !== document.id || document.text.slice(record.span.start, record.span.end) !== record.quote)
        throw new Error(`record ${record.id} is not a verbatim slice of document ${document.id}`);
    }
    // A document read as pending has no records (its first analysis adds them and bumps its
    // revision): the first attempt needs no read, the revision guard proves nothing changed since.
    let known = read?.status === "pending" ? { revision: read.revision, records: 0 } : undefined;
    return this.store.withRetry(async () => {
      const first = known;
      known = undefined;
      const [stored, state] = first
        ? [
            { ...first, contributions: undefined },
            { status: "pending", engineVersion: null },
          ]
        : await Promise.all([this.store.storedContributions(document.id), this.state(document.id)]);
      if (!stored || !state) return "missing";
      if (state.status === "analyzed" && state.engineVersion === engineVersion) {
        await this.store.write(this.settleItems(document.id, "analyzed", null));
        return "current";
      }
      await this.store.write(this.analysisStatements(document, records, engineVersion, stored));
      return "stored";
    });
  }

  /** The statements of one document's analysis (see storeAnalysis), guarded by `stored.revision`. */
  private analysisStatements(
    document: StanceDocument,
    records: readonly StanceRecord[],
    engineVersion: string,
    stored: { revision: number; records: number; contributions?: Contributions | undefined },
  ): D1PreparedStatement[] {
    const id = document.id;
    // The revision alone is not enough: a document deleted and imported again (same text and id,
    // another date or source) starts at the same revision, and records and aggregates computed
    // from the old row would be stored under the new one. So the row must still be the one read.
    const statements = [
      this.db
        .prepare(
          `INSERT INTO verbatim_guard (ok) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM documents WHERE id = ?1 AND revision = ?2
             AND sha256 = ?3 AND title IS ?4 AND source IS ?5 AND published_at IS ?6)`,
        )
        .bind(id, stored.revision, document.sha256, document.title, document.source, document.publishedAt),
    ];
    if (stored.records > 0 && stored.contributions) {
      statements.push(
        ...this.store.applyContributions(stored.contributions, "subtract"),
        this.db.prepare("DELETE FROM record_terms WHERE document_id = ?1").bind(id),
        this.db.prepare("DELETE FROM topic_records WHERE document_id = ?1").bind(id),
        this.db
          .prepare("DELETE FROM record_topics WHERE record_id IN (SELECT id FROM records WHERE document_id = ?1)")
          .bind(id),
        this.db.prepare("DELETE FROM records WHERE document_id = ?1").bind(id),
      );
    }
    statements.push(
      ...this.store.recordStatements(document, records),
      this.db
        .prepare(
          "UPDATE documents SET status = 'analyzed', engine_version = ?2, failure = NULL, revision = revision + 1 WHERE id = ?1",
        )
        .bind(id, engineVersion),
      this.store.bump(0, records.length - stored.records),
      ...this.settleItems(id, "analyzed", null),
    );
    return statements;
  }

  private async state(id: string): Promise<{ status: string; engineVersion: string | null } | null> {
    const [rows = []] = await this.run([
      this.db.prepare("SELECT status, engine_version FROM documents WHERE id = ?1").bind(id),
    ]);
    const row = rows[0];
    if (!row) return null;
    return {
      status: String(row.status),
      engineVersion: row.engine_version === null ? null : String(row.engine_version),
    };
  }

  /** A job whose document is not stored (deleted since it was queued): its imports stop waiting for it. */
  async settleMissing(id: string): Promise<void> {
    await this.run(settleDeletedStatements(this.db, id));
  }

  /**
   * Forgets an import or re-analysis whose jobs may not all have been sent (its batch's reply was
   * lost, or the queue refused them): its queued items would otherwise keep POST /v1/reanalyze
   * from queueing those documents again. Best effort; the import's rows go by ON DELETE CASCADE.
   */
  async discard(id: string): Promise<void> {
    await this.run([this.db.prepare("DELETE FROM imports WHERE id = ?1").bind(id)]);
  }

  /** A failed attempt: the reason is kept on the document (still pending), for the dead-letter path. */
  async noteFailure(id: string, reason: string): Promise<void> {
    await this.run([
      this.db
        .prepare("UPDATE documents SET failure = ?2 WHERE id = ?1 AND status != 'analyzed'")
        .bind(id, reason.slice(0, 2000)),
    ]);
  }

  /**
   * Every attempt failed (the dead-letter queue): the document is marked failed with the last
   * reason, and the imports waiting for it count it as failed. A document analysed meanwhile
   * (by a later job) stays analysed.
   */
  async markFailed(id: string, fallbackReason: string, currentVersion: string): Promise<void> {
    const [rows = []] = await this.run([
      this.db.prepare("SELECT status, failure, engine_version FROM documents WHERE id = ?1").bind(id),
    ]);
    const row = rows[0];
    if (!row) {
      await this.settleMissing(id);
      return;
    }
    const reason = row.failure === null ? fallbackReason : String(row.failure);
    if (row.status === "analyzed") {
      // Analysed by the current engine meanwhile: done. By an older one (a failed re-analysis): it
      // keeps its records and status, the failure is noted and the re-analysis counts it failed.
      const current = row.engine_version === currentVersion;
      await this.run(current ? this.settleItems(id, "analyzed", null) : this.settleItems(id, "failed", reason));
      return;
    }
    await this.run([
      this.db.prepare("UPDATE documents SET status = 'failed', failure = ?2 WHERE id = ?1").bind(id, reason),
      ...this.settleItems(id, "failed", reason),
      // Lists show the status: a new corpus version so no cached listing keeps 'pending'.
      this.store.bump(0, 0),
    ]);
  }
}
