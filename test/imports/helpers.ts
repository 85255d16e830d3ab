import { env, SELF } from "cloudflare:test";
import { BASE } from "../http/fetch-json";

/** SYNTHETIC article: written for these tests, not real reporting. `tag` keeps each text unique. */
export function syntheticArticle(tag: string): string {
  return [
    `Synthetic import test article ${tag} on chips and crisis lines`,
    "US Secretary of State Antony Blinken said on Monday that “the United States will keep open lines of communication with China to avoid miscalculation and manage competition responsibly.”",
    "Chinese Foreign Ministry spokesman Wang Wenbin said that “China firmly opposes the US export controls on chips, which undermine cooperation and violate market rules.”",
    "",
  ].join("\n\n");
}

export interface ImportBody {
  id: string;
  kind: "import" | "reanalyze";
  status: "queued" | "running" | "done" | "done-with-failures";
  counts: { lines: number; stored: number; duplicate: number; invalid: number; analyzed: number; failed: number };
  failures: { line?: number; documentId?: string; reason: string }[];
  pending: number;
  remaining?: number;
  createdAt: string;
  updatedAt: string;
}

export function postImport(body: string, options: { token?: string | null; contentType?: string; ip?: string } = {}) {
  const headers: Record<string, string> = { "content-type": options.contentType ?? "application/x-ndjson" };
  const token = options.token === undefined ? env.INGEST_TOKEN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.ip) headers["cf-connecting-ip"] = options.ip;
  return SELF.fetch(`${BASE}/v1/imports`, { method: "POST", headers, body });
}

export async function getImport(id: string): Promise<{ res: Response; body: ImportBody }> {
  const res = await SELF.fetch(`${BASE}/v1/imports/${id}`);
  return { res, body: (await res.json()) as ImportBody };
}

/** NDJSON of submission objects. */
export const ndjson = (lines: readonly unknown[]) => `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`;
