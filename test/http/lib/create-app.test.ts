import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/http/lib/create-app";
import { BASE, expectProblem, getJson, type ProblemBody } from "../fetch-json";

describe("errors", () => {
  it("should answer an unknown route with a 404 problem", async () => {
    const { res, body } = await getJson<ProblemBody>("/v1/nothing-here");
    expect(res.status).toBe(404);
    expectProblem(res);
    expect(body).toMatchObject({ type: "urn:stance-desk:problem:not-found", title: "Not Found", status: 404 });
  });

  it("should answer a known route with the wrong method with 405 and Allow", async () => {
    const res = await SELF.fetch(`${BASE}/v1/compare`, { method: "PUT", body: "{}" });
    expect(res.status).toBe(405);
    expectProblem(res);
    expect(res.headers.get("allow")).toContain("GET");
    const param = await SELF.fetch(`${BASE}/v1/topics/taiwan/compare`, { method: "PATCH" });
    expect(param.status).toBe(405);
  });

  it("should answer 404, not a self-contradicting 405, when the method is allowed but nothing matched", async () => {
    const res = await SELF.fetch(`${BASE}/v1/compare//`);
    expect(res.status).toBe(404);
    expectProblem(res);
    // /documents/ is the documents list now; a deeper path still meets only the page middleware.
    const page = await SELF.fetch(`${BASE}/documents/a/b`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(404);
  });

  it("should turn an unexpected exception into a 500 problem that leaks nothing", async () => {
    const app = createApp();
    app.get("/boom", () => {
      throw new Error("secret database password in message");
    });
    const original = console.error;
    console.error = () => {};
    try {
      const res = await app.request("/boom");
      expect(res.status).toBe(500);
      expectProblem(res);
      const text = await res.text();
      expect(text).not.toContain("secret");
      expect(text).not.toMatch(/at .*\.ts/);
      expect(JSON.parse(text)).toMatchObject({ status: 500, type: "urn:stance-desk:problem:internal" });
    } finally {
      console.error = original;
    }
  });
});
