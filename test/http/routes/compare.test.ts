import { describe, expect, it } from "vitest";
import type { Comparison, ContestedTerms, TopicComparison } from "../../../src/model/comparison";
import { expectProblem, getJson, type ProblemBody } from "../fetch-json";

describe("GET /v1/compare", () => {
  it("should compare the US and China by default, topic by topic", async () => {
    const { res, body } = await getJson<Comparison>("/v1/compare");
    expect(res.status).toBe(200);
    expect(body.a).toEqual({ id: "US", name: "United States" });
    expect(body.b).toEqual({ id: "CN", name: "China" });
    const row = body.topics.find((t) => t.topic.id === "strategic-competition");
    expect(row?.a.records.some((r) => r.quote.includes("an intense competition requires intense diplomacy"))).toBe(
      true,
    );
    expect(row?.b.records.some((r) => r.quote.includes("strategic miscalculation"))).toBe(true);
    expect(row?.b.records.find((r) => r.quote.includes("strategic miscalculation"))?.speaker?.name).toBe("Wang Wenbin");
  });

  it("should narrow to one topic and accept lower-case actor codes", async () => {
    const { res, body } = await getJson<Comparison>("/v1/compare?a=us&b=sg&topic=strategic-competition");
    expect(res.status).toBe(200);
    expect(body.topics.map((t) => t.topic.id)).toEqual(["strategic-competition"]);
    expect(body.b.id).toBe("SG");
    expect(body.topics[0]?.b.records.some((r) => r.quote.includes("challenge of the century"))).toBe(true);
  });

  it("should say 'no statement in the corpus' for a silent side, never fill it", async () => {
    const { body } = await getJson<Comparison>("/v1/compare?topic=taiwan");
    const row = body.topics[0];
    expect(row?.a.note).toBe("no statement in the corpus");
    expect(row?.a.meanPosture).toBeNull();
    expect(row?.contrast.divergence).toBeNull();
    expect(row?.context.length).toBeGreaterThan(0);
  });

  it("should answer 404 problem+json for an unknown actor or topic", async () => {
    const actor = await getJson<ProblemBody>("/v1/compare?b=ZZ");
    expect(actor.res.status).toBe(404);
    expectProblem(actor.res);
    expect(actor.body.detail).toContain("ZZ");
    const topic = await getJson<ProblemBody>("/v1/compare?topic=tariffs");
    expect(topic.res.status).toBe(404);
    expect(topic.body.detail).toContain("Known topics");
  });

  it("should answer 400 with the zod issues for a malformed actor code", async () => {
    const { res, body } = await getJson<ProblemBody>("/v1/compare?a=USA");
    expect(res.status).toBe(400);
    expectProblem(res);
    expect(body.errors?.[0]?.path).toEqual(["a"]);
  });
});

describe("GET /v1/topics/{id}/compare", () => {
  it("should return one topic's side-by-side", async () => {
    const { res, body } = await getJson<TopicComparison>("/v1/topics/development-rights/compare");
    expect(res.status).toBe(200);
    expect(body.topic.id).toBe("development-rights");
    expect(body.b.records.some((r) => r.quote.includes("legitimate right to develop"))).toBe(true);
    expect(body.a.note).toBe("no statement in the corpus");
  });

  it("should agree with the same row of /v1/compare", async () => {
    const one = await getJson<TopicComparison>("/v1/topics/strategic-competition/compare?a=US&b=CN");
    const all = await getJson<Comparison>("/v1/compare?a=US&b=CN");
    expect(one.body).toEqual(all.body.topics.find((t) => t.topic.id === "strategic-competition"));
  });

  it("should answer 404 for an unknown topic", async () => {
    const { res } = await getJson("/v1/topics/nope/compare");
    expect(res.status).toBe(404);
    expectProblem(res);
  });
});

describe("GET /v1/terms", () => {
  it("should surface the founding article's contested vocabulary", async () => {
    const { res, body } = await getJson<ContestedTerms>("/v1/terms");
    expect(res.status).toBe(200);
    const forms = body.terms.map((t) => [...t.a.forms, ...t.b.forms]);
    expect(forms.some((f) => f.includes("miscalculation") || f.includes("miscalculations"))).toBe(true);
    expect(forms.some((f) => f.includes("competitor"))).toBe(true);
    expect(forms.some((f) => f.includes("confrontation"))).toBe(true);
  });

  it("should honour limit and reject an out-of-range one", async () => {
    const { body } = await getJson<ContestedTerms>("/v1/terms?limit=2");
    expect(body.terms.length).toBe(2);
    const bad = await getJson<ProblemBody>("/v1/terms?limit=0");
    expect(bad.res.status).toBe(400);
    expect(bad.body.errors?.[0]?.path).toEqual(["limit"]);
  });
});
