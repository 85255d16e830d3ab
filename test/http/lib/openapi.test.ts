import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../../src/app";
import { BASE } from "../fetch-json";

interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
}

describe("GET /openapi.json", () => {
  it("should describe every API route the app serves", async () => {
    const res = await SELF.fetch(`${BASE}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApiDoc;
    expect(doc.openapi).toBe("3.1.0");
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)),
    );
    const served = app.routes
      .filter((r) => r.path.startsWith("/v1/") && r.method !== "ALL")
      .map((r) => `${r.method} ${r.path.replace(/:([^/{]+)(\{[^}]+\})?/g, "{$1}")}`);
    expect(served.length).toBeGreaterThanOrEqual(10);
    for (const route of served) expect(documented.has(route), route).toBe(true);
  });

  it("should name the shared shapes as components", async () => {
    const doc = (await (await SELF.fetch(`${BASE}/openapi.json`)).json()) as OpenApiDoc;
    for (const name of [
      "StanceRecord",
      "Comparison",
      "TopicComparison",
      "ContestedTerms",
      "Problem",
      "Actor",
      "Topic",
      "Frame",
    ]) {
      expect(doc.components.schemas, name).toHaveProperty(name);
    }
    expect(JSON.stringify(doc.paths["/v1/compare"])).toContain("#/components/schemas/Comparison");
  });
});

describe("caching of the API description", () => {
  for (const path of ["/openapi.json", "/docs"]) {
    it(`should give ${path} a strong ETag, Cache-Control and a 304 on revalidation`, async () => {
      const first = await SELF.fetch(`${BASE}${path}`);
      await first.arrayBuffer();
      const tag = first.headers.get("etag");
      expect(tag).toMatch(/^"[0-9a-f]+"$/);
      expect(first.headers.get("cache-control")).toMatch(/s-maxage=\d+/);
      const again = await SELF.fetch(`${BASE}${path}`, { headers: { "If-None-Match": tag ?? "" } });
      expect(again.status).toBe(304);
    });
  }

  it("should name the server it was asked through", async () => {
    const doc = (await (await SELF.fetch("https://other.example/openapi.json")).json()) as {
      servers: { url: string }[];
    };
    expect(doc.servers).toEqual([{ url: "https://other.example" }]);
  });
});

describe("GET /docs", () => {
  it("should serve the interactive reference pointing at our own script and document", async () => {
    const res = await SELF.fetch(`${BASE}/docs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("/openapi.json");
    expect(html).toContain('src="/docs/scalar.js"');
    expect(html).not.toContain("cdn.jsdelivr");
  });
});
