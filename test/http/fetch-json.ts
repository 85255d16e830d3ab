import { SELF } from "cloudflare:test";

export const BASE = "https://stance-desk.test";

/** GET a path from the worker and parse its JSON body, whatever the status. */
export async function getJson<T = unknown>(path: string, init?: RequestInit): Promise<{ res: Response; body: T }> {
  const res = await SELF.fetch(`${BASE}${path}`, init);
  const body = (await res.json()) as T;
  return { res, body };
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { path: (string | number)[]; message: string; code: string }[];
}

export function expectProblem(res: Response): void {
  if (!res.headers.get("content-type")?.startsWith("application/problem+json")) {
    throw new Error(`expected application/problem+json, got ${res.headers.get("content-type")}`);
  }
}
