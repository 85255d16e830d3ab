import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("smoke", () => {
  it("should serve compare", async () => {
    const res = await SELF.fetch("https://example.com/v1/compare");
    expect(res.status).toBe(200);
    const body = await res.json();
    console.log(JSON.stringify(body).slice(0, 500));
  });
});
