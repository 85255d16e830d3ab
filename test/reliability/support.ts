import {
  createExecutionContext,
  createMessageBatch,
  env,
  getQueueResult,
  type QueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { expect } from "vitest";
import app from "../../src/app";
import { extractRecords } from "../../src/engine/extract/index";
import type { StanceDocument } from "../../src/model/document";
import type { StanceRecord } from "../../src/model/record";
import {
  type AnalysisJob,
  createQueueHandler,
  DEAD_LETTER_QUEUE,
  type Extract,
} from "../../src/queue/analysis-consumer";
import { analysisVersion, bundledTaxonomy } from "../../src/storage/bundled-corpus";
import { currentTerms, documentContributions } from "../../src/storage/contributions";
import { D1Store } from "../../src/storage/d1-store";
import { MemoryStore } from "../../src/storage/memory-store";
import { referenceAggregates, storedAggregates } from "../storage/store-answers";

/**
 * Shared pieces of the reliability tests: how many generated cases to run, a digest of everything
 * D1 stores, the consistency checks a write must leave true, a D1 that fails where it is told to,
 * and the app called in-process with bindings of the test's choosing.
 */

const bindings = env as typeof env & { PROPERTY_RUNS?: string; PROPERTY_SEED?: string };

/** Generated cases per property: `base` at the default PROPERTY_RUNS (12), scaled with it (`PROPERTY_RUNS=120 npm test` runs 10×). */
export function propertyRuns(base: number): number {
  const scale = (Number.parseInt(bindings.PROPERTY_RUNS ?? "12", 10) || 12) / 12;
  return Math.max(1, Math.round(base * scale));
}

/** The fixed seed of every property here; `PROPERTY_SEED=… npm test` explores another part of the space. */
export const PROPERTY_SEED = Number.parseInt(bindings.PROPERTY_SEED ?? "", 10) || 20261201;

/** The token writes need in the tests (a test binding, not a secret). */
export const TOKEN = env.INGEST_TOKEN;

/** A limiter that always lets the request through: for tests whose subject is not the rate limit. */
export const unlimited: RateLimit = { limit: async () => ({ success: true }) };

/** A limiter whose window is used up. */
export const exhausted: RateLimit = { limit: async () => ({ success: false }) };

/** The app in-process, with the test's bindings (a faulty DB, a limiter), waiting for its background work. */
export async function callApp(request: Request, overrides: Partial<Env> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await app.fetch(request, { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const TABLES_SQL =
  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' ORDER BY name";

/** A SHA-1 over every row of every table: equal digests, equal stored state. */
export async function databaseDigest(db: D1Database = env.DB): Promise<string> {
  const { results: tables } = await db.prepare(TABLES_SQL).all<{ name: string }>();
  const dumps = await db.batch(tables.map((t) => db.prepare(`SELECT * FROM "${t.name}"`)));
  const text = tables
    .map((t, i) => {
      const rows = (dumps[i]?.results ?? []).map((row) => JSON.stringify(row)).sort();
      return `${t.name}\n${rows.join("\n")}`;
    })
    .join("\n\n");
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Empties every stored-corpus table (bundled documents are not in D1). */
export async function emptyDatabase(db: D1Database = env.DB): Promise<void> {
  await db.batch(
    [
      "DELETE FROM documents",
      "DELETE FROM records",
      "DELETE FROM record_topics",
      "DELETE FROM topic_records",
      "DELETE FROM record_terms",
      "DELETE FROM stance_aggregates",
      "DELETE FROM term_frames",
      "DELETE FROM term_forms",
      "DELETE FROM verbatim_guard",
      "DELETE FROM import_items",
      "DELETE FROM import_rejections",
      "DELETE FROM imports",
      "UPDATE corpus_version SET documents = 0, records = 0",
    ].map((sql) => db.prepare(sql)),
  );
}

interface Count {
  n: number;
}

async function count(db: D1Database, sql: string): Promise<number> {
  return (await db.prepare(sql).first<Count>())?.n ?? -1;
}

/** Every document stored in D1, with its records, read through the store. */
export async function storedCorpus(
  db: D1Database = env.DB,
): Promise<{ document: StanceDocument; records: StanceRecord[] }[]> {
  const store = new D1Store(db, bundledTaxonomy());
  const out: { document: StanceDocument; records: StanceRecord[] }[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.listDocuments({}, 200, after);
    for (const meta of page.items) {
      const found = await store.getDocument(meta.id);
      if (found) out.push(found);
    }
    if (page.nextKey === null) return out;
    after = page.nextKey;
  }
}

/**
 * What every write must leave true, whatever failed around it: no partial document (each stored
 * document analysed by the current engine has exactly the records the engine extracts from its
 * text; one still pending or failed has none; one analysed by an older engine keeps whatever that
 * engine stored, which the aggregates must still add up to), no orphan row in any
 * table, the kept totals equal to counts, and every aggregate, term frame and term form equal to
 * a recomputation from the stored records (the in-memory store's arithmetic).
 */
export async function expectConsistent(db: D1Database = env.DB): Promise<void> {
  const taxonomy = bundledTaxonomy();
  const corpus = await storedCorpus(db);
  const version = analysisVersion();
  for (const { document, records } of corpus) {
    const analysis = document.analysis ?? { status: "analyzed", engineVersion: version };
    if (analysis.status !== "analyzed") {
      expect(records, `records of ${analysis.status} ${document.id}`).toEqual([]);
      continue;
    }
    if (analysis.engineVersion !== version) continue;
    const expected = extractRecords(
      { documentId: document.id, text: document.text, publishedAt: document.publishedAt },
      taxonomy,
    );
    expect(records.map((r) => r.id).sort(), `records of ${document.id}`).toEqual(expected.map((r) => r.id).sort());
  }
  const orphans = {
    records: await count(db, "SELECT count(*) AS n FROM records WHERE document_id NOT IN (SELECT id FROM documents)"),
    recordTopics: await count(
      db,
      "SELECT count(*) AS n FROM record_topics WHERE record_id NOT IN (SELECT id FROM records)",
    ),
    topicRecords: await count(
      db,
      "SELECT count(*) AS n FROM topic_records WHERE record_id NOT IN (SELECT id FROM records) OR document_id NOT IN (SELECT id FROM documents)",
    ),
    recordTerms: await count(
      db,
      "SELECT count(*) AS n FROM record_terms WHERE record_id NOT IN (SELECT id FROM records) OR document_id NOT IN (SELECT id FROM documents)",
    ),
    guards: await count(db, "SELECT count(*) AS n FROM verbatim_guard"),
  };
  expect(orphans).toEqual({ records: 0, recordTopics: 0, topicRecords: 0, recordTerms: 0, guards: 0 });

  const totals = await db
    .prepare(
      "SELECT documents, records, (SELECT count(*) FROM documents) AS docCount, (SELECT count(*) FROM records) AS recCount FROM corpus_version WHERE id = 1",
    )
    .first<{ documents: number; records: number; docCount: number; recCount: number }>();
  expect(totals?.documents).toBe(totals?.docCount);
  expect(totals?.records).toBe(totals?.recCount);
  expect(totals?.docCount).toBe(corpus.length);

  // Aggregates: the reference store's, from the records stored.
  const reference = MemoryStore.from(taxonomy, "recomputed", {
    documents: corpus.map((d) => d.document),
    records: corpus.flatMap((d) => d.records),
  });
  expect(await storedAggregates(db)).toEqual(referenceAggregates(reference));

  // Term frames and forms: summed per key from each document's contributions.
  const frames = new Map<string, number>();
  const forms = new Map<string, number>();
  let topicRecords = 0;
  let recordTerms = 0;
  const termsOf = currentTerms(taxonomy);
  for (const { document, records } of corpus) {
    const c = documentContributions(document, records, termsOf);
    for (const f of c.termFrames) {
      const key = `${f.actor}|${f.stem}|${f.frame}`;
      frames.set(key, (frames.get(key) ?? 0) + f.records);
    }
    for (const f of c.termForms) {
      const key = `${f.actor}|${f.stem}|${f.form}`;
      forms.set(key, (forms.get(key) ?? 0) + f.uses);
    }
    topicRecords += c.topicRecords.length;
    recordTerms += c.recordTerms.length;
  }
  const { results: frameRows } = await db
    .prepare("SELECT actor, stem, frame, records FROM term_frames")
    .all<{ actor: string; stem: string; frame: string; records: number }>();
  const { results: formRows } = await db
    .prepare("SELECT actor, stem, form, uses FROM term_forms")
    .all<{ actor: string; stem: string; form: string; uses: number }>();
  const nonZero = (m: Map<string, number>) => new Map([...m].filter(([, v]) => v !== 0));
  expect(new Map(frameRows.map((r) => [`${r.actor}|${r.stem}|${r.frame}`, r.records]))).toEqual(nonZero(frames));
  expect(new Map(formRows.map((r) => [`${r.actor}|${r.stem}|${r.form}`, r.uses]))).toEqual(nonZero(forms));
  expect(await count(db, "SELECT count(*) AS n FROM topic_records")).toBe(topicRecords);
  expect(await count(db, "SELECT count(*) AS n FROM record_terms")).toBe(recordTerms);
}

/** Where a D1 write batch is made to fail. */
export interface BatchFault {
  /** Which db.batch() call of the request fails (0 = the first). */
  batch: number;
  /**
   * "statement": a failing statement is run after `at` of the batch's statements (so they ran
   * first and the transaction must undo them); "rejected": the batch never reaches the database;
   * "lost-reply": the batch commits and its answer is lost (the client sees an error).
   */
  mode: "statement" | "rejected" | "lost-reply";
  at: number;
}

/**
 * env.DB with one batch made to fail as `fault` says; everything else passes through. `hits`
 * counts the faults that fired, so a test knows whether its request met one.
 */
export function faultyD1(db: D1Database, fault: BatchFault | null, hits: { fired: number } = { fired: 0 }): D1Database {
  let calls = 0;
  const batch = async <T>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> => {
    const n = calls++;
    if (!fault || n !== fault.batch) return db.batch<T>(statements);
    hits.fired++;
    if (fault.mode === "rejected") throw new Error("D1_ERROR: injected fault: Network connection lost.");
    if (fault.mode === "lost-reply") {
      await db.batch<T>(statements);
      throw new Error("D1_ERROR: injected fault: the reply was lost after the commit.");
    }
    const at = Math.min(fault.at, statements.length);
    // A run-time error (not a constraint): what a storage failure part-way through looks like.
    const failing = db.prepare("SELECT json('injected fault: this statement fails') AS x");
    return db.batch<T>([...statements.slice(0, at), failing, ...statements.slice(at)]);
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === "batch") return batch;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** A D1 whose every query fails, as when the database is unreachable. */
export function unreachableD1(db: D1Database): D1Database {
  const fail = () => Promise.reject(new Error("D1_ERROR: injected fault: Network connection lost."));
  const statement = (s: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(s, {
      get(target, property) {
        if (property === "bind") return (...values: unknown[]) => statement(target.bind(...values));
        if (property === "all" || property === "first" || property === "run" || property === "raw") return fail;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return new Proxy(db, {
    get(target, property) {
      if (property === "prepare") return (query: string) => statement(target.prepare(query));
      if (property === "batch" || property === "exec") return fail;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** SYNTHETIC articles for writes: written for these tests, not real reporting; `tag` makes each text its own. */
export function syntheticArticle(tag: string | number): string {
  return [
    `Synthetic reliability article ${tag} on chips and crisis lines`,
    `US Secretary of State Antony Blinken said on Monday that “the United States will keep open lines of communication with China to avoid miscalculation and manage competition responsibly,” in synthetic statement ${tag}.`,
    "Chinese Foreign Ministry spokesman Wang Wenbin said that “China firmly opposes the US export controls on chips, which undermine cooperation and violate market rules.”",
    "",
  ].join("\n\n");
}

/**
 * env.DB that runs `before(n)` ahead of its n-th batch (0 = the first): a test puts another
 * request's whole write between two steps of this one, to replay a race deterministically.
 */
export function interleavedD1(db: D1Database, before: (n: number) => Promise<void>): D1Database {
  let calls = 0;
  const batch = async <T>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> => {
    await before(calls++);
    return db.batch<T>(statements);
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === "batch") return batch;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * What the imports tables must say, whatever failed: no import waits for a document that is not
 * stored (a delete or a job that found it gone settles its items), every import's counts add up (lines = stored + duplicate + invalid, one rejection
 * row per invalid line, one item per stored document at least), and none has items of another import.
 */
export async function expectImportsHonest(db: D1Database = env.DB): Promise<void> {
  const waitingForMissing = await count(
    db,
    "SELECT count(*) AS n FROM import_items WHERE state = 'queued' AND document_id NOT IN (SELECT id FROM documents)",
  );
  expect(waitingForMissing, "queued import items of documents not stored").toBe(0);
  const { results } = await db
    .prepare(
      `SELECT m.id, m.kind, m.lines, m.stored, m.duplicate, m.invalid,
              (SELECT count(*) FROM import_rejections r WHERE r.import_id = m.id) AS rejections,
              (SELECT count(*) FROM import_items i WHERE i.import_id = m.id) AS items
       FROM imports m`,
    )
    .all<{
      id: string;
      kind: string;
      lines: number;
      stored: number;
      duplicate: number;
      invalid: number;
      rejections: number;
      items: number;
    }>();
  for (const m of results) {
    if (m.kind === "reanalyze") {
      expect([m.lines, m.stored, m.duplicate, m.invalid], m.id).toEqual([0, 0, 0, 0]);
      continue;
    }
    expect(m.stored + m.duplicate + m.invalid, `${m.id}: lines`).toBe(m.lines);
    expect(m.rejections, `${m.id}: rejections`).toBe(m.invalid);
    expect(m.items, `${m.id}: items`).toBeGreaterThanOrEqual(m.stored);
    expect(m.items, `${m.id}: items`).toBeLessThanOrEqual(m.stored + m.duplicate);
  }
}

/** A message as the simulated queue holds it: its body and how many times it was delivered. */
export interface QueuedMessage {
  id: string;
  body: AnalysisJob;
  attempts: number;
}

/**
 * A stand-in for ANALYSIS_QUEUE that keeps what is sent, so a test delivers the jobs to the
 * consumer itself (in the order and batches it chooses, with faults of its choosing) instead of
 * waiting for the local queue. `refuse` makes the next sendBatch throw, as a queue that is down.
 */
export class CapturedQueue implements Queue<AnalysisJob> {
  readonly messages: QueuedMessage[] = [];
  refuse = false;
  private sent = 0;

  async metrics(): Promise<QueueMetrics> {
    return { backlogCount: this.messages.length, backlogBytes: 0 };
  }

  async send(body: AnalysisJob): Promise<QueueSendResponse> {
    return this.sendBatch([{ body }]);
  }

  async sendBatch(messages: Iterable<MessageSendRequest<AnalysisJob>>): Promise<QueueSendBatchResponse> {
    if (this.refuse) {
      this.refuse = false;
      throw new Error("injected fault: the queue is unavailable");
    }
    for (const m of messages) this.messages.push({ id: `captured-${++this.sent}`, body: m.body, attempts: 0 });
    return { metadata: { metrics: { backlogCount: this.messages.length, backlogBytes: 0 } } };
  }
}

/** The consumer's ack and retry state for one delivered batch, by message id. */
export interface Delivery {
  result: QueueResult;
  acked: QueuedMessage[];
  retried: QueuedMessage[];
  /** Delivered neither acked nor retried: the runtime would ack them implicitly (lost jobs). */
  unsettled: QueuedMessage[];
  /** Retried past max_retries: the runtime moves them to the dead-letter queue. */
  deadLettered: QueuedMessage[];
}

/**
 * Delivers the first `size` messages of `queue` to the consumer as the runtime would: a batch with
 * each message's attempt number, on `db`; acknowledged ones leave the queue, retried ones go to its
 * back with one more attempt, or to `deadLetters` once they have had max_retries + 1 attempts.
 */
export async function deliverFromQueue(
  queue: CapturedQueue,
  size: number,
  options: { db?: D1Database; extract?: Extract; deadLetters: QueuedMessage[]; maxRetries: number },
): Promise<Delivery> {
  const taken = queue.messages.splice(0, size);
  for (const m of taken) m.attempts++;
  const batch = createMessageBatch<AnalysisJob>(
    "stance-desk-analysis",
    taken.map((m) => ({ id: m.id, timestamp: new Date(0), attempts: m.attempts, body: m.body })),
  );
  const ctx = createExecutionContext();
  await createQueueHandler(options.extract)(batch, { ...env, DB: options.db ?? env.DB });
  const result = await getQueueResult(batch, ctx);
  const retriedIds = new Set(result.retryMessages.map((r) => r.msgId));
  const ackedIds = new Set(result.explicitAcks);
  const out: Delivery = { result, acked: [], retried: [], unsettled: [], deadLettered: [] };
  for (const m of taken) {
    if (retriedIds.has(m.id)) {
      out.retried.push(m);
      if (m.attempts > options.maxRetries) {
        out.deadLettered.push(m);
        options.deadLetters.push(m);
      } else queue.messages.push(m);
    } else if (ackedIds.has(m.id)) out.acked.push(m);
    else out.unsettled.push(m);
  }
  return out;
}

/** Delivers dead-lettered messages to the dead-letter consumer; returns those it retried. */
export async function deliverDeadLetters(messages: QueuedMessage[], db: D1Database = env.DB): Promise<QueueResult> {
  const taken = messages.splice(0, messages.length);
  const batch = createMessageBatch<AnalysisJob>(
    DEAD_LETTER_QUEUE,
    taken.map((m) => ({ id: m.id, timestamp: new Date(0), attempts: 1, body: m.body })),
  );
  const ctx = createExecutionContext();
  await createQueueHandler()(batch, { ...env, DB: db });
  return getQueueResult(batch, ctx);
}
