import { readFile } from "node:fs/promises";

/** INGEST_TOKEN from ./.dev.vars (what `npm run dev` gives the worker), if there is one. */
export async function tokenFromDevVars(path = ".dev.vars"): Promise<string | undefined> {
  const vars = await readFile(path, "utf8").catch(() => "");
  const match = /^\s*INGEST_TOKEN\s*=\s*"?([^"\r\n]*)"?\s*$/m.exec(vars);
  return match?.[1] || undefined;
}
