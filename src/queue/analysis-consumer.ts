import { z } from "zod";
import { extractRecords } from "../engine/extract/index";
import type { StanceDocument } from "../model/document";
import type { StanceRecord } from "../model/record";
import { analysisVersion, bundledTaxonomy } from "../storage/bundled-corpus";
import { d1Store } from "../storage/corpus";
import { type AnalysisTarget, D1Imports } from "../storage/d1-imports";

/**
 * The analysis queue's consumer (issue 10), free of Hono: one job per stored document. It runs the
 * engine and stores records and aggregates in one D1 batch per document (D1Imports.storeAnalysis),
 * retries a failed job with exponential backoff, and marks the document failed once the job has
 * reached the dead-letter queue.
 */

/** A job: analyse this stored document (for this import, which the consumer reports to). */
export const AnalysisJobSchema = z.object({
  documentId: z.string().min(1),
  importId: z.string().min(1),
});
export type AnalysisJob = z.infer<typeof AnalysisJobSchema>;

/** Must equal max_retries of the analysis queue's consumer in wrangler.toml. */
export const ANALYSIS_MAX_RETRIES = 3;
/** The dead-letter queue named in wrangler.toml; this worker consumes it too. */
export const DEAD_LETTER_QUEUE = "stance-desk-analysis-dlq";

/** Seconds before the next attempt of a job that failed `attempts` times: 10, 20, 40, … up to 5 min. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(300, 10 * 2 ** Math.max(0, attempts - 1));
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${message}${cause}`.slice(0, 2000);
}

function imports(env: Env): D1Imports {
  const store = d1Store(env);
  if (!store) throw new Error("the analysis queue needs the D1 binding DB");
  return new D1Imports(env.DB, store);
}

/** The engine as the consumer calls it (tests pass one that fails). */
export type Extract = (document: StanceDocument) => StanceRecord[];

const runEngine: Extract = (document) =>
  extractRecords(
    // Title and source are document-level evidence for the engine (who issued it, what genre it is).
    {
      documentId: document.id,
      text: document.text,
      publishedAt: document.publishedAt,
      title: document.title,
      source: document.source,
    },
    bundledTaxonomy(),
  );

/** Lets the runtime dispatch the I/O started so far (a write's request) before more synchronous work. */
const yieldToIo = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Each job analysed, then stored in its own D1 batch; a failure retries only its own message. The
 * engine runs document after document (it is synchronous CPU work), and each document's batch is
 * sent as soon as its records exist, without waiting for the previous one: against a deployed D1
 * the next document's engine runs while the earlier batches travel and commit. D1 runs batches one
 * at a time, each atomic, so concurrent batches of different documents cannot interleave.
 */
async function analyse(batch: MessageBatch<unknown>, env: Env, extract: Extract): Promise<void> {
  const store = imports(env);
  const jobs = batch.messages.map((message) => ({ message, job: AnalysisJobSchema.safeParse(message.body) }));
  for (const { message, job } of jobs) {
    if (!job.success) {
      console.error(`analysis queue: dropping a malformed job ${message.id}:`, job.error.message);
      message.ack();
    }
  }
  const valid = jobs.flatMap(({ message, job }) => (job.success ? [{ message, job: job.data }] : []));
  let targets: Map<string, AnalysisTarget>;
  try {
    targets = await store.targets(valid.map((v) => v.job.documentId));
  } catch (error) {
    console.error("analysis queue: reading the batch's documents failed:", error);
    for (const { message } of valid) message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    return;
  }
  const version = analysisVersion();
  const failed = async (message: Message<unknown>, job: AnalysisJob, error: unknown) => {
    const reason = reasonOf(error);
    console.error(`analysis of ${job.documentId} failed (attempt ${message.attempts}):`, reason);
    await store.noteFailure(job.documentId, `attempt ${message.attempts}: ${reason}`).catch(() => undefined);
    message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
  };
  const writes: Promise<void>[] = [];
  for (const { message, job } of valid) {
    const target = targets.get(job.documentId);
    // Deleted since it was queued: nothing to analyse.
    if (!target) {
      message.ack();
      continue;
    }
    const { document } = target;
    let records: StanceRecord[];
    try {
      // Redelivered after its analysis was stored: settle the import items, store nothing again.
      records = target.status === "analyzed" && target.engineVersion === version ? [] : extract(document);
    } catch (error) {
      writes.push(failed(message, job, error));
      continue;
    }
    writes.push(
      store.storeAnalysis(document, records, version, target).then(
        () => message.ack(),
        (error: unknown) => failed(message, job, error),
      ),
    );
    await yieldToIo();
  }
  await Promise.all(writes);
}

/** Jobs that failed every attempt: their documents are marked failed, with the last reason. */
async function deadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const store = imports(env);
  for (const message of batch.messages) {
    const job = AnalysisJobSchema.safeParse(message.body);
    if (!job.success) {
      message.ack();
      continue;
    }
    try {
      await store.markFailed(
        job.data.documentId,
        `analysis failed ${ANALYSIS_MAX_RETRIES + 1} times`,
        analysisVersion(),
      );
      message.ack();
    } catch (error) {
      console.error(`dead-letter queue: marking ${job.data.documentId} failed did not work:`, reasonOf(error));
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

/** A queue() handler for both queues of wrangler.toml, running `extract` as the engine. */
export function createQueueHandler(extract: Extract = runEngine) {
  return async (batch: MessageBatch<unknown>, env: Env): Promise<void> => {
    if (batch.queue === DEAD_LETTER_QUEUE) return deadLetters(batch, env);
    return analyse(batch, env, extract);
  };
}

/** The worker's queue() handler. */
export const queue = createQueueHandler();
