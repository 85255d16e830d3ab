import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { StanceDocument } from "../../../model/document";
import type { AnalysisJob } from "../../../queue/analysis-consumer";
import { analysisVersion, bundledStore, bundledTaxonomy } from "../../../storage/bundled-corpus";
import {
  D1Imports,
  type ImportItem,
  type ImportView,
  MAX_LISTED_FAILURES,
  type NewImport,
} from "../../../storage/d1-imports";
import { D1Store } from "../../../storage/d1-store";
import { sha256Hex, storedDocumentId, titleFromText, unstorableTextReason } from "../../../storage/document-identity";
import { StorageUnavailableError } from "../../../storage/errors";
import type { AppRouteHandler } from "../../lib/app-types";
import { ProblemError } from "../../lib/problem";
import { readBoundedBody, SubmissionSchema, submissionProblem } from "../../lib/submission";
import { DocumentExtrasSchema } from "../ingest/ingest.routes";
import {
  type CreateImportRoute,
  type GetImportRoute,
  type KnownTextsRoute,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_LINES,
  MAX_REANALYZE_DOCUMENTS,
  type ReanalyzeRoute,
} from "./imports.routes";

const NO_STORE = { "cache-control": "no-store" } as const;

/** A line of an import body: the fields POST /v1/documents takes. */
const LineSchema = SubmissionSchema.extend(DocumentExtrasSchema.shape);
type Line = z.infer<typeof LineSchema>;

/** Queue.sendBatch takes at most 100 messages (and 256 KB) per call. */
const SEND_BATCH = 100;

function stores(env: Env): { store: D1Store; imports: D1Imports } {
  const store = new D1Store(env.DB, bundledTaxonomy());
  return { store, imports: new D1Imports(env.DB, store) };
}

/** The queue binding, optional at run time whatever Env says: without it nothing can be analysed. */
function analysisQueue(env: Env): Queue<AnalysisJob> {
  const queue: Queue<AnalysisJob> | undefined = env.ANALYSIS_QUEUE;
  if (!queue) {
    throw new ProblemError(
      503,
      "queue-not-configured",
      "queue not configured: this deployment has no queue bound as ANALYSIS_QUEUE, so imports cannot be analysed.",
    );
  }
  return queue;
}

const newImportId = () => `imp-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;

/**
 * The NDJSON body, never held past its limit: a declared Content-Length over 10 MiB is refused
 * before a byte is read, and a chunked body is cut at the first chunk past it (readBoundedBody).
 */
async function readNdjson(c: Context): Promise<string> {
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/x-ndjson") {
    throw new ProblemError(
      415,
      "unsupported-media-type",
      `Content-Type '${type || "(none)"}' is not supported here. Send application/x-ndjson: one submission per line.`,
      { headers: { "accept-post": "application/x-ndjson" } },
    );
  }
  const bytes = await readBoundedBody(c, MAX_IMPORT_BYTES);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ProblemError(400, "malformed-body", "The body is not valid UTF-8.");
  }
}

type Parsed = { line: number; ok: true; value: Line } | { line: number; ok: false; reason: string };

/** Each non-blank line, parsed and checked exactly as POST /v1/documents checks a body. */
export function parseLines(body: string): Parsed[] {
  const out: Parsed[] = [];
  const lines = body.split("\n");
  for (const [i, raw] of lines.entries()) {
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (text.trim() === "") continue;
    const line = i + 1;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      out.push({
        line,
        ok: false,
        reason: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      });
      continue;
    }
    const result = LineSchema.safeParse(json);
    if (!result.success) {
      const reason = result.error.issues
        .map((issue) => `${issue.path.join(".") || "line"}: ${issue.message}`)
        .join("; ");
      out.push({ line, ok: false, reason });
      continue;
    }
    const problem = submissionProblem(result.data);
    if (problem) {
      out.push({ line, ok: false, reason: problem.detail });
      continue;
    }
    const unstorable = unstorableTextReason(result.data.text);
    if (unstorable) {
      out.push({ line, ok: false, reason: unstorable });
      continue;
    }
    out.push({ line, ok: true, value: result.data });
  }
  return out;
}

function documentOf(value: Line, sha256: string): StanceDocument {
  const title = value.title ?? titleFromText(value.text);
  return {
    id: storedDocumentId(title, sha256),
    title,
    source: value.source ?? null,
    url: value.url ?? null,
    publishedAt: value.publishedAt ?? null,
    language: value.language ?? "en",
    synthetic: value.synthetic ?? false,
    notes: value.notes ?? null,
    sha256,
    length: value.text.length,
    origin: "stored",
    text: value.text,
  };
}

/** Sends one job per item, 100 per call. */
async function enqueue(
  queue: Queue<AnalysisJob>,
  importId: string,
  items: readonly ImportItem[],
  again = "The texts are stored as pending: send the same lines again to queue them.",
): Promise<void> {
  for (let i = 0; i < items.length; i += SEND_BATCH) {
    const chunk = items.slice(i, i + SEND_BATCH);
    try {
      await queue.sendBatch(chunk.map((item) => ({ body: { documentId: item.documentId, importId } })));
    } catch (error) {
      // Stored but not queued: sending the same lines again re-queues them (pending texts are requeued).
      throw new ProblemError(
        503,
        "queue-unavailable",
        `The analysis queue did not take the jobs (${error instanceof Error ? error.message : String(error)}). ${again}`,
        { headers: { "retry-after": "5" } },
      );
    }
  }
}

/**
 * The import as stored, or, when that read fails, as the request made it: it is stored and its jobs
 * are sent, so a 503 now would only invite the client to send it all again.
 */
async function viewAfterCreate(
  imports: D1Imports,
  id: string,
  made: {
    kind: ImportView["kind"];
    counts: Omit<ImportView["counts"], "analyzed" | "failed">;
    failures: ImportView["failures"];
    items: number;
  },
): Promise<ImportView> {
  try {
    const view = await imports.view(id);
    if (view) return view;
  } catch (error) {
    console.error(`import ${id}: reading it back failed, answering from the request:`, error);
  }
  const at = new Date().toISOString();
  const invalid = made.counts.invalid > 0;
  return {
    id,
    kind: made.kind,
    status: made.items > 0 ? "queued" : invalid ? "done-with-failures" : "done",
    counts: { ...made.counts, analyzed: 0, failed: 0 },
    failures: made.failures.slice(0, MAX_LISTED_FAILURES),
    pending: made.items,
    createdAt: at,
    updatedAt: at,
  };
}

const UNIQUE = /UNIQUE constraint failed: documents\.(sha256|id)/;

export const createImport: AppRouteHandler<CreateImportRoute> = async (c) => {
  const queue = analysisQueue(c.env);
  const parsed = parseLines(await readNdjson(c));
  if (parsed.length > MAX_IMPORT_LINES) {
    throw new ProblemError(
      413,
      "too-many-lines",
      `The body has ${parsed.length} lines; the limit is ${MAX_IMPORT_LINES} per request.`,
    );
  }
  const { imports } = stores(c.env);
  const version = analysisVersion();
  const valid = await Promise.all(
    parsed.flatMap((p) => (p.ok ? [p] : [])).map(async (p) => ({ ...p, sha256: await sha256Hex(p.value.text) })),
  );
  const rejections = parsed.flatMap((p) => (p.ok ? [] : [{ line: p.line, reason: p.reason }]));
  const bundled = new Set<string>();
  for (const v of valid) if (await bundledStore().findBySha256(v.sha256)) bundled.add(v.sha256);

  const id = newImportId();
  let spec: NewImport | undefined;
  for (let attempt = 0; ; attempt++) {
    const known = await imports.known(valid.map((v) => v.sha256));
    const seen = new Set<string>();
    const next: NewImport = {
      id,
      kind: "import",
      lines: parsed.length,
      documents: [],
      requeued: [],
      duplicate: 0,
      rejections,
    };
    for (const v of valid) {
      const stored = known.get(v.sha256);
      if (seen.has(v.sha256) || bundled.has(v.sha256) || stored) {
        next.duplicate++;
        // Known but not analysed by this engine yet (pending, failed, older): queue it again.
        if (stored && !seen.has(v.sha256) && !(stored.status === "analyzed" && stored.engineVersion === version))
          next.requeued.push({ documentId: stored.id, line: v.line });
      } else {
        next.documents.push({ document: documentOf(v.value, v.sha256), line: v.line });
      }
      seen.add(v.sha256);
    }
    try {
      await imports.create(next);
      spec = next;
      break;
    } catch (error) {
      // Another request stored one of these texts between our read and our batch: read again.
      if (error instanceof Error && UNIQUE.test(error.message) && attempt < 3) continue;
      throw error instanceof ProblemError ? error : new StorageUnavailableError({ cause: error });
    }
  }
  await enqueue(queue, id, [
    ...spec.documents.map((d) => ({ documentId: d.document.id, line: d.line })),
    ...spec.requeued,
  ]);
  const view = await viewAfterCreate(imports, id, {
    kind: "import",
    counts: {
      lines: spec.lines,
      stored: spec.documents.length,
      duplicate: spec.duplicate,
      invalid: spec.rejections.length,
    },
    failures: spec.rejections,
    items: spec.documents.length + spec.requeued.length,
  });
  return c.json(view, 202, { ...NO_STORE, location: `/v1/imports/${id}` });
};

export const knownTexts: AppRouteHandler<KnownTextsRoute> = async (c) => {
  const { sha256 } = c.req.valid("json");
  const known = await stores(c.env).imports.known(sha256);
  const bundled = await Promise.all(sha256.map(async (h) => ((await bundledStore().findBySha256(h)) ? h : null)));
  const out = new Set([...known.keys(), ...bundled.filter((h): h is string => h !== null)]);
  return c.json({ known: sha256.filter((h) => out.has(h)) }, 200, NO_STORE);
};

export const getImport: AppRouteHandler<GetImportRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const db: D1Database | undefined = c.env.DB;
  if (!db) {
    throw new ProblemError(503, "storage-not-configured", "storage not configured: no D1 database is bound as DB.");
  }
  const view = await stores(c.env).imports.view(id);
  if (!view) throw new ProblemError(404, "unknown-import", `No import with id '${id}'.`);
  return c.json(view, 200, NO_STORE);
};

export const reanalyze: AppRouteHandler<ReanalyzeRoute> = async (c) => {
  const queue = analysisQueue(c.env);
  const { imports } = stores(c.env);
  const id = newImportId().replace(/^imp-/, "rea-");
  let queued: { ids: string[]; remaining: number };
  try {
    queued = await imports.createReanalysis(id, analysisVersion(), MAX_REANALYZE_DOCUMENTS);
    await enqueue(
      queue,
      id,
      queued.ids.map((documentId) => ({ documentId, line: null })),
      "Nothing was left queued: ask for the re-analysis again.",
    );
  } catch (error) {
    // Its items may be stored (a lost reply, a queue that refused the jobs) with no job sent for
    // them: left queued, they would keep every later re-analysis from queueing those documents.
    await imports.discard(id).catch((discardError: unknown) => {
      console.error(`re-analysis ${id}: discarding it after a failure did not work:`, discardError);
    });
    throw error instanceof ProblemError ? error : new StorageUnavailableError({ cause: error });
  }
  const { remaining } = queued;
  const view = await viewAfterCreate(imports, id, {
    kind: "reanalyze",
    counts: { lines: 0, stored: 0, duplicate: 0, invalid: 0 },
    failures: [],
    items: queued.ids.length,
  });
  return c.json({ ...view, remaining }, 202, { ...NO_STORE, location: `/v1/imports/${id}` });
};
