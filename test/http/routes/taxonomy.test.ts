import { describe, expect, it } from "vitest";
import { TOPIC_IDS } from "../../../src/model/taxonomy";
import { expectProblem, getJson } from "../fetch-json";

interface ActorList {
  actors: { id: string; name: string; recordCount: number; speakers: { name: string }[] }[];
}
interface TopicList {
  topics: { id: string; recordCount: number; counts: Record<string, number> }[];
}

describe("GET /v1/actors", () => {
  it("should list actors with their speakers and record counts", async () => {
    const { res, body } = await getJson<ActorList>("/v1/actors");
    expect(res.status).toBe(200);
    const us = body.actors.find((a) => a.id === "US");
    expect(us?.speakers.some((s) => s.name === "Antony Blinken")).toBe(true);
    expect(us?.recordCount).toBeGreaterThan(0);
    expect(body.actors.find((a) => a.id === "CN")?.recordCount).toBeGreaterThan(0);
  });
});

describe("GET /v1/topics", () => {
  it("should list every topic with counts per actor, narration under null", async () => {
    const { res, body } = await getJson<TopicList>("/v1/topics");
    expect(res.status).toBe(200);
    expect(body.topics.map((t) => t.id)).toEqual([...TOPIC_IDS]);
    const sc = body.topics.find((t) => t.id === "strategic-competition");
    expect(sc?.counts.US).toBeGreaterThan(0);
    expect(sc?.counts.CN).toBeGreaterThan(0);
    expect(body.topics.find((t) => t.id === "taiwan")?.counts.null).toBeGreaterThan(0);
    expect(body.topics.find((t) => t.id === "ukraine-war")?.recordCount).toBe(0);
    for (const topic of body.topics) {
      expect(Object.values(topic.counts).reduce((x, y) => x + y, 0)).toBe(topic.recordCount);
    }
  });

  it("should serve one topic and 404 an unknown one", async () => {
    const one = await getJson<{ id: string }>("/v1/topics/taiwan");
    expect(one.body.id).toBe("taiwan");
    const missing = await getJson("/v1/topics/atlantis");
    expect(missing.res.status).toBe(404);
    expectProblem(missing.res);
  });
});

describe("GET /v1/frames", () => {
  it("should list the seven frames", async () => {
    const { body } = await getJson<{ frames: { id: string }[] }>("/v1/frames");
    expect(body.frames).toHaveLength(7);
  });
});

describe("GET /v1/health", () => {
  it("should report the corpus and never be cached", async () => {
    const { res, body } = await getJson<{ status: string; records: number; corpusVersion: string }>("/v1/health");
    expect(res.status).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.records).toBeGreaterThan(0);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
