/**
 * `npm run dev`: `wrangler dev` on http://localhost:8787 and, when its local D1 holds no stored
 * document yet, the curated real sample (data/sample/) imported through POST /v1/imports, the same
 * path as `npm run import`. Extra arguments go to wrangler dev; PORT changes the port. Without a
 * .dev.vars, a random INGEST_TOKEN is made up for the session (and printed), so writes work on a
 * fresh clone.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { bundledCorpus } from "../storage/bundled-corpus";
import { type ImportProgress, runImport } from "./import-client";
import { importSource } from "./import-formats";
import { tokenFromDevVars } from "./token";
import { ROOT, startWranglerDev } from "./wrangler-dev";

const SAMPLE = join(ROOT, "data/sample");

/**
 * The token writes need: .dev.vars' INGEST_TOKEN, or else a random one for this session, given to
 * wrangler through the environment (it reads secrets from there when there is no .dev.vars) and
 * printed. No file is written: a .dev.vars would take precedence over the tokens benches pass.
 */
async function sessionToken(): Promise<{ token: string; env: Record<string, string> }> {
  const existing = await tokenFromDevVars(join(ROOT, ".dev.vars"));
  if (existing) return { token: existing, env: {} };
  const token = process.env.INGEST_TOKEN || randomBytes(24).toString("base64url");
  if (!process.env.INGEST_TOKEN) {
    console.log(
      `[dev] no .dev.vars: INGEST_TOKEN for this session is ${token} (copy .dev.vars.example to .dev.vars for a fixed one)`,
    );
  }
  return { token, env: { INGEST_TOKEN: token } };
}

/** Stored documents in the local D1 (health counts bundled and stored), or null when D1 is not ready. */
async function storedDocuments(baseUrl: string): Promise<number | null> {
  const health = (await (await fetch(`${baseUrl}/v1/health`)).json()) as { storage: string; documents: number };
  if (health.storage !== "ready") return null;
  return health.documents - bundledCorpus().documents.length;
}

async function loadSample(baseUrl: string, token: string): Promise<void> {
  const stored = await storedDocuments(baseUrl);
  if (stored === null) {
    console.log("[dev] D1 is not ready (see /v1/health): the sample was not imported");
    return;
  }
  if (stored > 0) return;
  const [wh, cmfa] = await Promise.all([
    importSource("whitehouse", [join(SAMPLE, "whitehouse")]),
    importSource("cmfa", [join(SAMPLE, "cmfa")]),
  ]);
  console.log(
    `[dev] empty local D1: importing the curated sample (${wh.total} White House documents, ${cmfa.total} CMFA press conferences) through POST /v1/imports`,
  );
  let last = 0;
  const summary = await runImport(
    {
      total: (wh.total ?? 0) + (cmfa.total ?? 0),
      totalBytes: wh.totalBytes + cmfa.totalBytes,
      async *items() {
        yield* wh.items();
        yield* cmfa.items();
      },
    },
    {
      url: baseUrl,
      token,
      onProgress: (p: ImportProgress) => {
        if (Date.now() - last < 3000) return;
        last = Date.now();
        console.log(`[dev] sample: ${p.finished}/${p.total ?? "?"} analysed`);
      },
    },
  );
  console.log(
    `[dev] sample imported: ${summary.stored} stored, ${summary.analyzed} analysed, ${summary.failed + summary.invalid} failed in ${summary.seconds.toFixed(1)} s`,
  );
}

async function main(): Promise<void> {
  const { token, env } = await sessionToken();
  const server = await startWranglerDev({
    port: Number(process.env.PORT) || 8787,
    inherit: true,
    env,
    extraArgs: process.argv.slice(2),
  });
  const stop = () => {
    void server.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.child.once("exit", (code) => process.exit(code ?? 0));
  await loadSample(server.baseUrl, token).catch((error: unknown) => {
    console.error("[dev] importing the sample failed:", error instanceof Error ? error.message : error);
  });
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
