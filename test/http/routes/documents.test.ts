import { describe, expect, it } from "vitest";
import type { StanceRecord } from "../../../src/model/record";
import { expectProblem, getJson, type ProblemBody } from "../fetch-json";

const SEED = "blinken-china-visit-2023-06-17";

describe("GET /v1/documents", () => {
  it("should list document metadata without the text", async () => {
    const { res, body } = await getJson<{
      documents: Record<string, unknown>[];
      total: number;
      nextCursor: string | null;
    }>("/v1/documents");
    expect(res.status).toBe(200);
    const seed = body.documents.find((d) => d.id === SEED);
    expect(seed?.origin).toBe("bundled");
    expect(seed?.publishedAt).toBe("2023-06-17");
    expect(seed).not.toHaveProperty("text");
    expect(body.total).toBeGreaterThanOrEqual(1);
  });

  it("should reject a cursor it did not issue", async () => {
    const { res, body } = await getJson<ProblemBody>("/v1/documents?cursor=not-a-cursor");
    expect(res.status).toBe(400);
    expectProblem(res);
    expect(body.type).toBe("urn:stance-desk:problem:invalid-cursor");
  });
});

describe("GET /v1/documents/{id}", () => {
  it("should return the exact text with records whose spans slice back to their quotes", async () => {
    const { res, body } = await getJson<{ text: string; length: number; records: StanceRecord[] }>(
      `/v1/documents/${SEED}`,
    );
    expect(res.status).toBe(200);
    expect(body.length).toBe(body.text.length);
    expect(body.records.length).toBeGreaterThan(0);
    for (const r of body.records) expect(body.text.slice(r.span.start, r.span.end)).toBe(r.quote);
    const starts = body.records.map((r) => r.span.start);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
  });

  it("should answer 404 problem+json for an unknown document", async () => {
    const { res, body } = await getJson<ProblemBody>("/v1/documents/does-not-exist");
    expect(res.status).toBe(404);
    expectProblem(res);
    expect(body.instance).toBe("/v1/documents/does-not-exist");
  });
});
