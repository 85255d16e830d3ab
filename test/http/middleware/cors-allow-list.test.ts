import { createExecutionContext, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../../src/app";

// The same app with ALLOWED_ORIGINS set as an operator would in wrangler.toml.
const restricted = { ...env, ALLOWED_ORIGINS: "https://allowed.example, https://also.example" };

async function fetchWith(origin: string): Promise<Response> {
  return app.fetch(
    new Request("https://stance-desk.test/v1/actors", { headers: { Origin: origin } }),
    restricted,
    createExecutionContext(),
  );
}

describe("CORS with an ALLOWED_ORIGINS list", () => {
  it("should echo an allowed origin and vary on Origin", async () => {
    const res = await fetchWith("https://also.example");
    expect(res.headers.get("access-control-allow-origin")).toBe("https://also.example");
    expect(res.headers.get("vary")).toContain("Origin");
  });

  it("should not allow an origin outside the list", async () => {
    const res = await fetchWith("https://evil.example");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
