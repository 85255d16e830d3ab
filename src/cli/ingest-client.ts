import { readFile } from "node:fs/promises";
import { extname } from "node:path";

/** Metadata applied to the submitted files (a .json file's own fields take precedence). */
export interface SubmissionMeta {
  title?: string | undefined;
  source?: string | undefined;
  publishedAt?: string | undefined;
  synthetic?: boolean | undefined;
}

export type IngestOutcome =
  | { path: string; kind: "stored" | "present"; id: string; records: number }
  | { path: string; kind: "rejected"; status: number; detail: string };

export interface IngestOptions {
  url: string;
  token: string;
  meta?: SubmissionMeta;
  /** Requests in flight at once. */
  concurrency?: number;
  /** How many 429s to wait out (per file) before giving up on it. */
  maxRetries?: number;
  onOutcome?: (outcome: IngestOutcome) => void;
}

interface Body {
  contentType: string;
  payload: string | Uint8Array;
}

/**
 * A .json file is sent as is when it is a submission object ({"text": …}); anything else is sent as
 * text/plain, exactly as it is on disk, unless metadata was given on the command line (then JSON).
 */
async function bodyFor(path: string, meta: SubmissionMeta): Promise<Body> {
  const bytes = await readFile(path);
  const hasMeta = Object.values(meta).some((v) => v !== undefined);
  // The bytes themselves: the server checks the encoding and answers 400 to invalid UTF-8,
  // rather than storing U+FFFD where a lenient local decode would have put it.
  if (!hasMeta && extname(path).toLowerCase() !== ".json") {
    return { contentType: "text/plain; charset=utf-8", payload: new Uint8Array(bytes) };
  }
  const content = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  if (extname(path).toLowerCase() === ".json") {
    const parsed: unknown = JSON.parse(content);
    if (parsed && typeof parsed === "object" && "text" in parsed) {
      return { contentType: "application/json", payload: JSON.stringify({ ...meta, ...parsed }) };
    }
  }
  if (!hasMeta) return { contentType: "text/plain; charset=utf-8", payload: content };
  return { contentType: "application/json", payload: JSON.stringify({ ...meta, text: content }) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** POSTs one file to /v1/documents, waiting out 429s as the server's Retry-After asks. */
export async function ingestFile(path: string, options: IngestOptions): Promise<IngestOutcome> {
  let body: Body;
  try {
    body = await bodyFor(path, options.meta ?? {});
  } catch (error) {
    return { path, kind: "rejected", status: 0, detail: `cannot read: ${(error as Error).message}` };
  }
  const endpoint = new URL("/v1/documents", options.url);
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(endpoint, {
      method: "POST",
      headers: { authorization: `Bearer ${options.token}`, "content-type": body.contentType },
      body: body.payload,
    });
    const json: unknown = await res.json().catch(() => null);
    if (res.status === 429 && attempt < (options.maxRetries ?? 20)) {
      await sleep(1000 * (Number(res.headers.get("retry-after")) || 1));
      continue;
    }
    if ((res.status === 200 || res.status === 201) && isRecord(json) && typeof json.id === "string") {
      const records = Array.isArray(json.records) ? json.records.length : 0;
      return { path, kind: res.status === 201 ? "stored" : "present", id: json.id, records };
    }
    const detail = isRecord(json) && typeof json.detail === "string" ? json.detail : res.statusText;
    return { path, kind: "rejected", status: res.status, detail };
  }
}

/** Ingests every path, a few at a time; outcomes come back in the order of `paths`. */
export async function ingestFiles(paths: readonly string[], options: IngestOptions): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      const path = paths[i] as string;
      const outcome = await ingestFile(path, options).catch(
        (error: unknown): IngestOutcome => ({ path, kind: "rejected", status: 0, detail: String(error) }),
      );
      outcomes[i] = outcome;
      options.onOutcome?.(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return outcomes;
}
