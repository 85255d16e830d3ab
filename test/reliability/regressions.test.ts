import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { callApp } from "./support";

/**
 * One test per failure the generated tests (or the random sweep of issue 12) found, named after
 * it, so each stays fixed.
 */

const BASE = "https://stance-desk.test";

describe("regressions found by the generated requests (issue 12)", () => {
  it("POST /analyze with multipart/form-data; boundary=x and a body that is not multipart: 400 page, not a 500 'No initial boundary string'", async () => {
    const res = await SELF.fetch(`${BASE}/analyze`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", accept: "text/html" },
      body: "text=Synthetic+text+that+is+not+multipart",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("The form data could not be read");
    expect(html).not.toContain("TypeError");
  });

  it("POST /analyze with multipart/form-data and no boundary parameter at all: 400 page", async () => {
    const res = await SELF.fetch(`${BASE}/analyze`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data" },
      body: '--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nSynthetic.\r\n--x--\r\n',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  });

  it("POST /analyze with a well-formed multipart form still analyses its text", async () => {
    const body = new FormData();
    body.set(
      "text",
      "Synthetic report. US Secretary of State Antony Blinken said that “the United States will keep talking with China to avoid miscalculation.”",
    );
    const res = await SELF.fetch(`${BASE}/analyze`, { method: "POST", body });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Antony Blinken");
  });

  it("POST /analyze read the whole form body whatever its size (c.req.parseBody): now an HTML 413 past 4 MiB", async () => {
    const res = await SELF.fetch(`${BASE}/analyze`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `text=${"y".repeat(4 * 1024 * 1024)}`,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  });

  it("POST /fragments/analysis read any JSON body whole (c.req.json): now a 413 problem past 16 MiB", async () => {
    const res = await callApp(
      new Request(`${BASE}/fragments/analysis`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(16 * 1024 * 1024 + 1) },
        body: "{}",
      }),
    );
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("a chunked body over 1 MiB on POST /v1/analyze was read whole before the limit was checked: now cut at the limit", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled++ >= 64) controller.close();
          else controller.enqueue(new Uint8Array(64 * 1024).fill(0x62));
        },
      },
      { highWaterMark: 0 },
    );
    const res = await callApp(
      new Request(`${BASE}/v1/analyze`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(64);
  });
});
