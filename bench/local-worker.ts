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
  /** Where wrangler's inspector listens (for isolateHeap); wrangler's default otherwise. */
  inspectorPort?: number;
}

export async function startLocalWorker(options: LocalWorkerOptions): Promise<ChildProcess> {
  const { port, persist, entry, readyPath } = options;
  execFileSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], {
    stdio: "ignore",
    cwd: options.cwd,
    env: { ...process.env, CI: "1" },
  });
  const args = ["wrangler", "dev", ...(entry ? [entry] : []), "--ip", "127.0.0.1", "--port", String(port)];
  if (options.inspectorPort) args.push("--inspector-port", String(options.inspectorPort));
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

/**
 * The worker isolate's live heap in bytes: the sum of the objects a heap snapshot finds reachable
 * (the snapshot runs a full GC first), through wrangler's inspector (Chrome DevTools protocol) —
 * what a deployed isolate's 128 MB limit is about. Runtime.getHeapUsage is not used: after
 * HeapProfiler.collectGarbage it still counted garbage (measured: 15 MB "used" where the snapshot
 * found 5.8 MB live). The inspector wants an Origin header.
 */
export async function isolateHeap(inspectorPort: number): Promise<{ used: number }> {
  const init = { headers: { origin: "https://devtools.devprod.cloudflare.dev" } };
  // Node's WebSocket (undici) takes headers in its second argument; the DOM type does not know it.
  const ws = new WebSocket(`ws://127.0.0.1:${inspectorPort}/ws`, init as unknown as string[]);
  const chunks: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.close();
      reject(new Error("inspector did not answer"));
    }, 120_000);
    ws.addEventListener("error", () => reject(new Error("inspector connection failed")));
    ws.addEventListener("open", () => {
      ws.send(JSON.stringify({ id: 1, method: "HeapProfiler.enable" }));
      ws.send(JSON.stringify({ id: 2, method: "HeapProfiler.takeHeapSnapshot", params: { reportProgress: false } }));
    });
    ws.addEventListener("message", (message) => {
      const data = JSON.parse(String(message.data)) as { id?: number; method?: string; params?: { chunk: string } };
      if (data.method === "HeapProfiler.addHeapSnapshotChunk" && data.params) chunks.push(data.params.chunk);
      if (data.id === 2) {
        clearTimeout(timer);
        ws.close();
        resolve();
      }
    });
  });
  const snapshot = JSON.parse(chunks.join("")) as {
    snapshot: { meta: { node_fields: string[] } };
    nodes: number[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const selfSize = fields.indexOf("self_size");
  let used = 0;
  for (let i = selfSize; i < snapshot.nodes.length; i += fields.length) used += snapshot.nodes[i] ?? 0;
  return { used };
}

/**
 * V8's own count of the isolate's heap (Runtime.getHeapUsage): quick, but it includes garbage not
 * yet collected, so it is an upper bound. For heaps too large to snapshot in time.
 */
export async function heapUsageUpperBound(inspectorPort: number): Promise<{ used: number }> {
  const init = { headers: { origin: "https://devtools.devprod.cloudflare.dev" } };
  const ws = new WebSocket(`ws://127.0.0.1:${inspectorPort}/ws`, init as unknown as string[]);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.close();
      reject(new Error("inspector did not answer"));
    }, 60_000);
    ws.addEventListener("error", () => reject(new Error("inspector connection failed")));
    ws.addEventListener("open", () => ws.send(JSON.stringify({ id: 1, method: "Runtime.getHeapUsage" })));
    ws.addEventListener("message", (message) => {
      const data = JSON.parse(String(message.data)) as { id?: number; result?: { usedSize: number } };
      if (data.id === 1 && data.result) {
        clearTimeout(timer);
        ws.close();
        resolve({ used: data.result.usedSize });
      }
    });
  });
}
