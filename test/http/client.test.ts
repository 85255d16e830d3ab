import { SELF } from "cloudflare:test";
import { hc } from "hono/client";
import { describe, expect, it } from "vitest";
import type { AppType } from "../../src/index";
import { BASE } from "./fetch-json";

// A frontend's view: a typed client built from the exported AppType. `tsc --noEmit` checks the
// types (a wrong field name below fails `npm test`); this test checks the calls work.
const client = hc<AppType>(BASE, { fetch: (input: RequestInfo | URL, init?: RequestInit) => SELF.fetch(input, init) });

describe("typed client (hono/client)", () => {
  it("should call /v1/compare with typed query and typed response", async () => {
    const res = await client.v1.compare.$get({ query: { a: "US", b: "CN", topic: "strategic-competition" } });
    expect(res.status).toBe(200);
    if (res.status !== 200) return;
    const body = await res.json();
    const row = body.topics[0];
    const quote: string | undefined = row?.a.records[0]?.quote;
    expect(typeof quote).toBe("string");
    expect(row?.topic.id).toBe("strategic-competition");
  });

  it("should call a path-parameter route", async () => {
    const res = await client.v1.topics[":id"].compare.$get({ param: { id: "development-rights" }, query: {} });
    expect(res.status).toBe(200);
    if (res.status !== 200) return;
    const body = await res.json();
    const posture: number | null = body.b.meanPosture;
    expect(posture).not.toBeNull();
  });
});
