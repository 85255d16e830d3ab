import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CACHE_NAME } from "../../../src/http/middleware/edge";
import { BASE } from "../fetch-json";

describe("ETag", () => {
  it("should send a strong ETag and answer 304 to If-None-Match", async () => {
    const first = await SELF.fetch(`${BASE}/v1/compare?topic=taiwan`);
    const tag = first.headers.get("etag");
    expect(tag).toMatch(/^"[0-9a-f]+"$/);
    await first.arrayBuffer();
    const second = await SELF.fetch(`${BASE}/v1/compare?topic=taiwan`, { headers: { "If-None-Match": tag ?? "" } });
    expect(second.status).toBe(304);
    expect(second.headers.get("etag")).toBe(tag);
    expect(await second.text()).toBe("");
  });

  it("should keep the CORS headers on a 304, so a cross-origin client can revalidate", async () => {
    const headers = { Origin: "https://frontend.example" };
    const first = await SELF.fetch(`${BASE}/v1/terms?limit=2`, { headers });
    await first.arrayBuffer();
    const second = await SELF.fetch(`${BASE}/v1/terms?limit=2`, {
      headers: { ...headers, "If-None-Match": first.headers.get("etag") ?? "" },
    });
    expect(second.status).toBe(304);
    expect(second.headers.get("access-control-allow-origin")).toBe("*");
    expect(second.headers.get("access-control-expose-headers")).toContain("ETag");
  });

  it("should give different representations different ETags", async () => {
    const a = await SELF.fetch(`${BASE}/v1/compare?b=SG`);
    const b = await SELF.fetch(`${BASE}/v1/compare?b=CN`);
    expect(a.headers.get("etag")).not.toBe(b.headers.get("etag"));
  });

  it("should answer 200 when If-None-Match does not match", async () => {
    const res = await SELF.fetch(`${BASE}/v1/topics`, { headers: { "If-None-Match": '"stale"' } });
    expect(res.status).toBe(200);
  });
});

describe("caching", () => {
  it("should let shared caches keep read responses", async () => {
    const res = await SELF.fetch(`${BASE}/v1/actors`);
    expect(res.headers.get("cache-control")).toMatch(/s-maxage=\d+/);
    expect(res.headers.get("cache-control")).toContain("public");
  });

  it("should store a read response in the Cache API and serve the next request from it", async () => {
    const url = `${BASE}/v1/terms?limit=3`;
    const first = await SELF.fetch(url);
    const body = await first.text();
    const { corpusVersion } = (await (await SELF.fetch(`${BASE}/v1/health`)).json()) as { corpusVersion: string };
    // hono's cache middleware files entries under /.hono/cache with our key (corpus version + URL).
    const key = new URL("/.hono/cache", BASE);
    key.searchParams.append("__hono_cache_key", `${corpusVersion}:${url}`);
    key.searchParams.append("__hono_cache_method", "GET");
    const cache = await caches.open(CACHE_NAME);
    // The put happens in waitUntil; poll briefly for it.
    let cached: Response | undefined;
    for (let i = 0; i < 50 && !cached; i++) {
      cached = await cache.match(key.href);
      if (!cached) await new Promise((r) => setTimeout(r, 10));
    }
    expect(cached).toBeDefined();
    expect(await cached?.text()).toBe(body);
    const second = await SELF.fetch(url);
    expect(await second.text()).toBe(body);
  });

  it("should never cache errors", async () => {
    const res = await SELF.fetch(`${BASE}/v1/topics/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("CORS", () => {
  it("should answer a preflight for GET from any origin by default", async () => {
    const res = await SELF.fetch(`${BASE}/v1/compare`, {
      method: "OPTIONS",
      headers: { Origin: "https://newsroom.example", "Access-Control-Request-Method": "GET" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("should expose ETag to browser clients", async () => {
    const res = await SELF.fetch(`${BASE}/v1/actors`, { headers: { Origin: "https://newsroom.example" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-expose-headers")).toContain("ETag");
  });
});

describe("secure headers", () => {
  it("should send the usual hardening headers and allow cross-origin embedding of the data", async () => {
    const res = await SELF.fetch(`${BASE}/v1/health`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("strict-transport-security")).toContain("max-age");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  });
});
