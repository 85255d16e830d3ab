import { describe, expect, it } from "vitest";
import type { z } from "zod";
import type { RecordPageSchema } from "../../../src/http/schemas/responses";
import type { Comparison, TopicComparison } from "../../../src/model/comparison";
import { expectProblem, getJson, type ProblemBody } from "../fetch-json";

type RecordPage = z.infer<typeof RecordPageSchema>;

describe("query parameters", () => {
  it("should read blank values as not given, as a URL template or a form sends them", async () => {
    const records = await getJson<RecordPage>("/v1/records?actor=&topic=&frame=&document=&kind=&limit=&cursor=");
    expect(records.res.status).toBe(200);
    const all = await getJson<RecordPage>("/v1/records");
    expect(records.body).toEqual(all.body);

    const compare = await getJson<Comparison>("/v1/compare?a=&b=&topic=&from=&to=&source=&evidence=");
    expect(compare.res.status).toBe(200);
    expect([compare.body.a.id, compare.body.b.id]).toEqual(["US", "CN"]);
    expect(compare.body.topics.length).toBeGreaterThan(1);

    const topic = await getJson<TopicComparison>("/v1/topics/taiwan/compare?a=&b=");
    expect(topic.res.status).toBe(200);
    expect(topic.body).toEqual((await getJson<TopicComparison>("/v1/topics/taiwan/compare?a=US&b=CN")).body);
  });

  for (const limit of ["1e2", "0x10", "+5", "5.0", " 7", "-1"]) {
    it(`should refuse limit=${JSON.stringify(limit)} with a 400 that says digits`, async () => {
      const { res, body } = await getJson<ProblemBody>(`/v1/records?limit=${encodeURIComponent(limit)}`);
      expect(res.status).toBe(400);
      expectProblem(res);
      expect(body.detail).toMatch(/limit: .*(digits|Too small)/);
    });
  }

  it("should refuse a repeated number parameter with a 400 problem", async () => {
    const { res, body } = await getJson<ProblemBody>("/v1/terms?limit=2&limit=3");
    expect(res.status).toBe(400);
    expect(body.detail).toContain("limit");
  });

  it("should still read digits as numbers", async () => {
    const { res, body } = await getJson<RecordPage>("/v1/records?limit=3");
    expect(res.status).toBe(200);
    expect(body.records).toHaveLength(3);
  });
});
