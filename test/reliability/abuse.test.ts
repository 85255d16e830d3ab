import { SELF } from "cloudflare:test";
import { Hono } from "hono";
import { describe, expect, it, vi } from "vitest";
import { MAX_BODY_BYTES, readBoundedBody } from "../../src/http/lib/submission";
import { ANALYZE_LIMIT_PERIOD_S } from "../../src/http/middleware/analyze-limit";
import { callApp, exhausted, TOKEN } from "./support";

/**
 * The unauthenticated, CPU-heavy endpoints under abuse: a per-client rate limit on POST
 * /v1/analyze and the page's analyze form, and bodies that are too large, lie about their size or
 * trickle in, refused without the worker holding (or waiting for) the whole body.
 */

const BASE = "https://stance-desk.test";
const TEXT =
  "Synthetic report. US Secretary of State Antony Blinken said that “the United States will keep talking with China to avoid miscalculation.”";

function analyze(ip: string, body = "") {
  return SELF.fetch(`${BASE}/v1/analyze`, {
    method: "POST",
    headers: { "content-type": "text/plain", "cf-connecting-ip": ip },
    body,
  });
}

function form(ip: string, text = TEXT) {
  return SELF.fetch(`${BASE}/analyze`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": ip, accept: "text/html" },
    body: `text=${encodeURIComponent(text)}`,
  });
}

/** Sends until the binding answers 429 (20 per 10 s: 60 attempts always cross the limit, even over a window boundary). */
async function untilLimited(send: () => Promise<Response>): Promise<Response | undefined> {
  for (let i = 0; i < 60; i++) {
    const res = await send();
    if (res.status === 429) return res;
    expect(res.status).toBeLessThan(500);
    await res.body?.cancel();
  }
  return undefined;
}

/** A body stream of `chunks` chunks of `size` bytes that counts how many were pulled. */
function countingStream(chunks: number, size: number, pulled: { n: number }): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled.n >= chunks) {
          controller.close();
          return;
        }
        pulled.n++;
        controller.enqueue(new Uint8Array(size).fill(0x61));
      },
    },
    { highWaterMark: 0 },
  );
}

describe("rate limit on analyses (ANALYZE_LIMITER)", () => {
  it("should answer POST /v1/analyze with 429 problem+json and Retry-After once a client used up its window", async () => {
    const limited = await untilLimited(() => analyze("203.0.113.10"));
    expect(limited?.status).toBe(429);
    expect(limited?.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(limited?.headers.get("retry-after")).toBe(String(ANALYZE_LIMIT_PERIOD_S));
    expect(await limited?.json()).toMatchObject({ status: 429, type: "urn:stance-desk:problem:rate-limited" });
    // Another client is not affected.
    const other = await analyze("203.0.113.11", TEXT);
    expect(other.status).toBe(200);
    await other.body?.cancel();
  }, 60_000);

  it("should answer the page's analyze form with an HTML 429 and Retry-After, sharing the client's window", async () => {
    // Use up the window through the API (cheap empty bodies), then submit the form.
    const used = await untilLimited(() => analyze("203.0.113.20"));
    expect(used?.status).toBe(429);
    const limited = await form("203.0.113.20");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toMatch(/^text\/html/);
    expect(limited.headers.get("retry-after")).toBe(String(ANALYZE_LIMIT_PERIOD_S));
    expect(await limited.text()).toContain("Too many analyses");
  }, 60_000);

  it("should count a form submission once, though the form calls the API in-process", async () => {
    const keys: string[] = [];
    const counting: RateLimit = {
      limit: async ({ key }) => {
        keys.push(key);
        return { success: true };
      },
    };
    const res = await callApp(
      new Request(`${BASE}/analyze`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": "203.0.113.30" },
        body: `text=${encodeURIComponent(TEXT)}`,
      }),
      { ANALYZE_LIMITER: counting },
    );
    expect(res.status).toBe(200);
    expect(keys).toEqual(["ip:203.0.113.30"]);
  });

  it("should count before reading anything: a limited client's huge body is not read", async () => {
    const pulled = { n: 0 };
    const res = await callApp(
      new Request(`${BASE}/v1/analyze`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: countingStream(64, 64 * 1024, pulled),
        duplex: "half",
      } as RequestInit),
      { ANALYZE_LIMITER: exhausted },
    );
    expect(res.status).toBe(429);
    expect(pulled.n).toBe(0);
    // The query is not looked at either: an unknown actor is still a 429 for a limited client.
    const unknown = await callApp(
      new Request(`${BASE}/v1/analyze?a=ZZ`, { method: "POST", headers: { "content-type": "text/plain" }, body: TEXT }),
      { ANALYZE_LIMITER: exhausted },
    );
    expect(unknown.status).toBe(429);
  });

  it("should let analyses through when the limiter itself fails (it guards capacity, not access)", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const broken: RateLimit = { limit: () => Promise.reject(new Error("synthetic limiter outage")) };
    const res = await callApp(
      new Request(`${BASE}/v1/analyze`, { method: "POST", headers: { "content-type": "text/plain" }, body: TEXT }),
      { ANALYZE_LIMITER: broken },
    );
    expect(res.status).toBe(200);
  });

  it("should not limit reads or writes with the analyze limiter", async () => {
    const health = await callApp(new Request(`${BASE}/v1/health`), { ANALYZE_LIMITER: exhausted });
    expect(health.status).toBe(200);
    const write = await callApp(
      new Request(`${BASE}/v1/documents`, {
        method: "POST",
        headers: { "content-type": "text/plain", authorization: `Bearer ${TOKEN}` },
        body: "   ",
      }),
      { ANALYZE_LIMITER: exhausted },
    );
    expect(write.status).toBe(400);
  });
});

describe("bodies that are too large or too slow", () => {
  for (const [path, extra] of [
    ["/v1/analyze", {}],
    ["/v1/documents", { authorization: `Bearer ${TOKEN}` }],
  ] as const) {
    it(`should refuse a declared Content-Length over the limit on ${path} before reading a byte`, async () => {
      const pulled = { n: 0 };
      const res = await callApp(
        new Request(`${BASE}${path}`, {
          method: "POST",
          headers: { "content-type": "text/plain", "content-length": String(MAX_BODY_BYTES + 1), ...extra },
          body: countingStream(17, 64 * 1024, pulled),
          duplex: "half",
        } as RequestInit),
      );
      expect(res.status).toBe(413);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(pulled.n).toBe(0);
    });

    it(`should stop reading a chunked body on ${path} at the first chunk past the limit`, async () => {
      const pulled = { n: 0 };
      const res = await callApp(
        new Request(`${BASE}${path}`, {
          method: "POST",
          headers: { "content-type": "text/plain", ...extra },
          body: countingStream(64, 64 * 1024, pulled),
          duplex: "half",
        } as RequestInit),
      );
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ status: 413, type: "urn:stance-desk:problem:too-large" });
      // 16 chunks fill the 1 MiB limit; the 17th crosses it; the stream may have one more queued.
      expect(pulled.n).toBeLessThanOrEqual(18);
    });
  }

  it("should answer the page form's over-limit body with an HTML 413 without reading all of it", async () => {
    const pulled = { n: 0 };
    const res = await callApp(
      new Request(`${BASE}/analyze`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
        body: countingStream(200, 64 * 1024, pulled),
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(pulled.n).toBeLessThanOrEqual(66);
  });

  it("should answer a Content-Length that is not a number with 400", async () => {
    const app = new Hono().post("/", async (c) => c.json({ n: (await readBoundedBody(c, 100)).byteLength }));
    app.onError((err, c) => c.json({ status: "status" in err ? err.status : 500 }, 200));
    const res = await app.request("/", { method: "POST", headers: { "content-length": "12abc" }, body: "x" });
    expect(await res.json()).toEqual({ status: 400 });
  });

  it("should give up on a body that does not arrive before the deadline (408), and cancel it", async () => {
    let cancelled = false;
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("Synthetic start of a body that never ends"));
      },
      cancel() {
        cancelled = true;
      },
    });
    const app = new Hono().post("/", async (c) =>
      c.json({ n: (await readBoundedBody(c, MAX_BODY_BYTES, 20)).byteLength }),
    );
    app.onError((err, c) => c.json({ status: "status" in err ? err.status : 500 }, 200));
    const res = await app.request("/", { method: "POST", body: stalled, duplex: "half" } as RequestInit);
    expect(await res.json()).toEqual({ status: 408 });
    expect(cancelled).toBe(true);
  });
});
