import { describe, expect, it } from "vitest";
import type { StanceRecord } from "../../../src/model/record";
import { expectProblem, getJson, type ProblemBody } from "../fetch-json";

interface Page {
  records: StanceRecord[];
  nextCursor: string | null;
  total: number;
}

describe("GET /v1/records", () => {
  it("should filter by actor, topic and frame together", async () => {
    const { res, body } = await getJson<Page>("/v1/records?actor=CN&topic=strategic-competition&frame=confrontation");
    expect(res.status).toBe(200);
    expect(body.records.length).toBeGreaterThan(0);
    for (const r of body.records) {
      expect(r.actor).toBe("CN");
      expect(r.topics).toContain("strategic-competition");
      expect(r.frames).toContain("confrontation");
    }
    expect(body.total).toBe(body.records.length);
  });

  it("should return unattributed narration with kind=narration", async () => {
    const { body } = await getJson<Page>("/v1/records?kind=narration");
    expect(body.records.length).toBeGreaterThan(0);
    expect(body.records.every((r) => r.actor === null)).toBe(true);
  });

  it("should page through every record exactly once with the opaque cursor", async () => {
    const all = await getJson<Page>("/v1/records?limit=200");
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const { body }: { body: Page } = await getJson<Page>(`/v1/records?limit=4${query}`);
      seen.push(...body.records.map((r) => r.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toEqual(all.body.records.map((r) => r.id));
    expect(new Set(seen).size).toBe(all.body.total);
    expect(pages).toBe(Math.ceil(all.body.total / 4));
  });

  it("should reject limits outside 1..200 with the zod issue", async () => {
    for (const limit of ["0", "201", "ten"]) {
      const { res, body } = await getJson<ProblemBody>(`/v1/records?limit=${limit}`);
      expect(res.status, limit).toBe(400);
      expectProblem(res);
      expect(body.errors?.[0]?.path).toEqual(["limit"]);
    }
  });

  it("should answer 404 for unknown actor, topic, frame or document", async () => {
    for (const query of ["actor=ZZ", "topic=tariffs", "frame=sarcasm", "document=nope"]) {
      const { res } = await getJson(`/v1/records?${query}`);
      expect(res.status, query).toBe(404);
      expectProblem(res);
    }
  });

  it("should reject an unknown kind with 400", async () => {
    const { res } = await getJson("/v1/records?kind=rumour");
    expect(res.status).toBe(400);
  });
});
