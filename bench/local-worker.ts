/**
 * Running the worker under `wrangler dev` for end-to-end benchmarks: on a free 127.0.0.1 port, with
 * a throwaway --persist-to directory whose local D1 has the migrations applied. Nothing deployed.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface LocalWorkerOptions {
  port: number;
  persist: string;
  /** Another entry point than wrangler.toml's main. */
  entry?: string;
  /** A path that answers 200 once the worker is up. */
  readyPath: string;
  /** Run from another checkout (its wrangler.toml and src), e.g. the main branch for a baseline. */
  cwd?: string;
  /** Extra environment, e.g. a required secret (wrangler reads it from the environment). */
  env?: Record<string, string>;
}

export async function startLocalWorker(options: LocalWorkerOptions): Promise<ChildProcess> {
  const { port, persist, entry, readyPath } = options;
  execFileSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], {
    stdio: "ignore",
    cwd: options.cwd,
    env: { ...process.env, CI: "1" },
  });
  const args = ["wrangler", "dev", ...(entry ? [entry] : []), "--ip", "127.0.0.1", "--port", String(port)];
  const child = spawn("npx", [...args, "--persist-to", persist, "--log-level", "error"], {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}${readyPath}`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  stopLocalWorker(child);
  throw new Error(`wrangler dev ${entry ?? ""} did not come up on ${port}`);
}

/** Stops only the process group this module started. */
export function stopLocalWorker(child: ChildProcess): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}
