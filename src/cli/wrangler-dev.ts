import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** Starting and stopping a local `wrangler dev` (the dev script, the import e2e test, bench:import). */

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WRANGLER = `${ROOT}node_modules/.bin/wrangler`;

/** A port nobody listens on right now: the OS picks it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface DevServer {
  baseUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface DevOptions {
  port?: number;
  /** Local state folder (D1, queues); wrangler's default .wrangler/state when absent. */
  persistTo?: string;
  /** Apply the D1 migrations first. */
  migrate?: boolean;
  /** Extra environment (e.g. INGEST_TOKEN when there is no .dev.vars). */
  env?: Record<string, string>;
  /** Show wrangler's own output (the dev script); otherwise it is kept for error messages. */
  inherit?: boolean;
  extraArgs?: readonly string[];
  readyTimeoutMs?: number;
}

/** Waits until `url` answers 200, failing early when the child exits. */
export async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number, log: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer 200 on ${url} within ${timeoutMs} ms:\n${log()}`);
}

export async function startWranglerDev(options: DevOptions = {}): Promise<DevServer> {
  const env = { ...process.env, ...options.env };
  const persist = options.persistTo ? ["--persist-to", options.persistTo] : [];
  if (options.migrate) {
    await promisify(execFile)(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", ...persist], {
      cwd: ROOT,
      env: { ...env, CI: "1" },
    });
  }
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), ...persist, ...(options.extraArgs ?? [])];
  // detached: wrangler starts workerd as a child; killing the process group stops both.
  const child = spawn(WRANGLER, args, {
    cwd: ROOT,
    detached: !options.inherit,
    stdio: options.inherit ? "inherit" : ["ignore", "pipe", "pipe"],
    env: options.inherit ? env : { ...env, CI: "1", NO_COLOR: "1" },
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    const signal = (s: NodeJS.Signals) => {
      try {
        if (options.inherit) child.kill(s);
        else if (child.pid !== undefined) process.kill(-child.pid, s);
      } catch {
        // already gone
      }
    };
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilReady(`${baseUrl}/v1/health`, child, options.readyTimeoutMs ?? 90_000, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, child, stop };
}
