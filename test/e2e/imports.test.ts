import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importSource } from "../../src/cli/import-formats";
import { tokenFromDevVars } from "../../src/cli/token";
import { type DevServer, ROOT, startWranglerDev } from "../../src/cli/wrangler-dev";

/**
 * The bulk import end to end: `wrangler dev` (its own local D1 and queues), the import CLI as a
 * user runs it, on the small real fixture in data/fixtures/imports/.
 */

const FIXTURE = join(ROOT, "data/fixtures/imports");
const STATE = join(ROOT, ".wrangler/e2e-imports-state");
const TSX = join(ROOT, "node_modules/.bin/tsx");

let server: DevServer;
let token: string;

interface Listed {
  documents: {
    id: string;
    sha256: string;
    origin: string;
    title: string;
    url: string | null;
    publishedAt: string | null;
    notes: string | null;
    analysis?: { status: string; engineVersion: string | null };
  }[];
  total: number;
}

async function runCli(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(
      TSX,
      ["src/cli/import.ts", "--url", server.baseUrl, "--token", token, ...args],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } },
    );
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "" };
  }
}

async function json<T>(path: string): Promise<T> {
  const res = await fetch(`${server.baseUrl}${path}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  await rm(STATE, { recursive: true, force: true });
  // wrangler prefers .dev.vars when it exists; otherwise it takes the secret from the environment.
  token = (await tokenFromDevVars(join(ROOT, ".dev.vars"))) ?? "synthetic-e2e-token-not-a-secret";
  server = await startWranglerDev({ persistTo: STATE, migrate: true, env: { INGEST_TOKEN: token } });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe("npm run import through wrangler dev", () => {
  it("should import the real fixture of both archives, analyse it on the queue, and store every text exactly", async () => {
    const first = await runCli(["--format", "whitehouse", join(FIXTURE, "whitehouse")]);
    expect(first.stdout).toMatch(/3 stored, 0 already present .* 0 invalid, 3 analysed, 0 failed/);
    expect(first.code).toBe(0);
    const second = await runCli(["--format", "cmfa", join(FIXTURE, "cmfa/cmfa-fixture.csv")]);
    expect(second.stdout).toMatch(/2 stored, .* 2 analysed, 0 failed/);
    expect(second.code).toBe(0);

    const listed = await json<Listed>("/v1/documents?limit=200");
    const stored = listed.documents.filter((d) => d.origin === "stored");
    expect(stored).toHaveLength(5);
    for (const d of stored) expect(d.analysis).toMatchObject({ status: "analyzed" });

    // Every text is what the archive file holds, byte for byte, and every quote a slice of it.
    const expected = [
      ...(await collect(await importSource("whitehouse", [join(FIXTURE, "whitehouse")]))),
      ...(await collect(await importSource("cmfa", [join(FIXTURE, "cmfa")]))),
    ];
    expect(stored.map((d) => d.sha256).sort()).toEqual(expected.map((e) => e.sha256).sort());
    const statement = stored.find((d) => d.url?.includes("joint-statement-on-u-s-china-economic-and-trade-meeting"));
    expect(statement).toMatchObject({
      publishedAt: "2025-08-11",
      title: "Joint Statement on U.S.-China Economic and Trade Meeting in Stockholm",
    });
    const conference = stored.find((d) => d.publishedAt === "2021-02-01");
    expect(conference?.title).toMatch(
      /^Foreign Ministry Spokesperson .+'s Regular Press Conference on February 1, 2021$/,
    );
    let records = 0;
    for (const d of stored) {
      const doc = await json<{ text: string; records: { quote: string; span: { start: number; end: number } }[] }>(
        `/v1/documents/${encodeURIComponent(d.id)}`,
      );
      expect(createHash("sha256").update(doc.text).digest("hex")).toBe(d.sha256);
      for (const r of doc.records) expect(doc.text.slice(r.span.start, r.span.end)).toBe(r.quote);
      records += doc.records.length;
    }
    expect(records).toBeGreaterThan(0);
    const health = await json<{ records: number }>("/v1/health");

    // Again: everything is skipped by hash (resume), nothing is stored or analysed twice.
    const again = await runCli([join(FIXTURE, "whitehouse"), join(FIXTURE, "cmfa/cmfa-fixture.csv")]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 stored, 5 already present \(5 skipped by hash\)/);
    expect((await json<{ records: number }>("/v1/health")).records).toBe(health.records);
  }, 180_000);

  it("should report an invalid line by its line number and exit 1, while the valid lines go in", async () => {
    const dir = await mkdtemp(join(tmpdir(), "stance-import-"));
    const file = join(dir, "synthetic.ndjson");
    // SYNTHETIC lines, written for this test.
    const valid = {
      text: "Synthetic e2e import line. US Secretary of State Antony Blinken said on Monday that “the United States will keep open lines of communication with China to avoid miscalculation.”",
      synthetic: true,
    };
    await writeFile(file, `${JSON.stringify(valid)}\n{"text": 42}\n`);
    const run = await runCli(["--format", "ndjson", file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/failed {4}.*synthetic\.ndjson:2: text: /);
    expect(run.stdout).toMatch(/1 stored, .* 1 invalid, 1 analysed, 0 failed/);
    await rm(dir, { recursive: true, force: true });
  }, 120_000);
});

async function collect(source: Awaited<ReturnType<typeof importSource>>) {
  const out: { sha256: string }[] = [];
  for await (const item of source.items()) {
    if (item.submission) out.push({ sha256: createHash("sha256").update(item.submission.text).digest("hex") });
  }
  return out;
}
