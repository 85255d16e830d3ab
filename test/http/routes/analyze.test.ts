import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import founding from "../../../data/documents/blinken-china-visit-2023-06-17.json";
import { BASE, expectProblem, type ProblemBody } from "../fetch-json";

interface AnalysisBody {
  document: { sha256: string; length: number; title: string | null };
  records: { actor: string | null; quote: string; span: { start: number; end: number }; method: string }[];
  comparison: { a: { id: string }; b: { id: string }; topics: { topic: { id: string }; a: { recordCount: number } }[] };
  terms: { terms: { term: string }[] };
}

const text = founding.document.text;

function post(body: BodyInit, type: string | null, query = "?a=US&b=CN", headers: Record<string, string> = {}) {
  return SELF.fetch(`${BASE}/v1/analyze${query}`, {
    method: "POST",
    body,
    headers: type ? { "content-type": type, ...headers } : headers,
  });
}

async function problemOf(res: Response): Promise<ProblemBody> {
  expectProblem(res);
  return (await res.json()) as ProblemBody;
}

describe("POST /v1/analyze", () => {
  it("should analyse JSON text and return verbatim records, comparison and terms", async () => {
    const res = await post(JSON.stringify({ text, title: "Founding article" }), "application/json");
    expect(res.status).toBe(200);
    const body = (await res.json()) as AnalysisBody;
    expect(body.document.sha256).toBe(founding.document.sha256);
    expect(body.document.length).toBe(text.length);
    expect(body.records.length).toBeGreaterThan(10);
    for (const record of body.records) {
      expect(text.slice(record.span.start, record.span.end)).toBe(record.quote);
      expect(record.method).toBe("extracted");
    }
    expect(body.comparison.a.id).toBe("US");
    const competition = body.comparison.topics.find((t) => t.topic.id === "strategic-competition");
    expect(competition?.a.recordCount).toBeGreaterThan(0);
    expect(body.terms.terms.some((t) => t.term.startsWith("miscalculation"))).toBe(true);
  });

  it("should accept text/plain and keep offsets into the text as sent", async () => {
    const messy = text.replace(/\n/g, "\r\n");
    const res = await post(messy, "text/plain; charset=utf-8");
    expect(res.status).toBe(200);
    const body = (await res.json()) as AnalysisBody;
    for (const record of body.records) expect(messy.slice(record.span.start, record.span.end)).toBe(record.quote);
  });

  it("should store nothing", async () => {
    await post(text, "text/plain");
    const res = await SELF.fetch(`${BASE}/v1/documents`);
    const list = (await res.json()) as { documents: { sha256: string; id: string }[] };
    expect(list.documents.some((d) => d.id.startsWith("analysis-"))).toBe(false);
  });

  it("should answer 400 for empty or whitespace-only text", async () => {
    expect((await problemOf(await post(JSON.stringify({ text: " \n\t " }), "application/json"))).status).toBe(400);
    expect((await post("   ", "text/plain")).status).toBe(400);
  });

  it("should answer 400 with the position for malformed JSON", async () => {
    const res = await post('{"text": "abc",, }', "application/json");
    expect(res.status).toBe(400);
    expect((await problemOf(res)).detail).toMatch(/line 1,? column \d+/);
  });

  it("should answer 413 for a text over 200,000 characters", async () => {
    const res = await post("a ".repeat(100_001), "text/plain");
    expect(res.status).toBe(413);
    await problemOf(res);
  });

  it("should answer 413 for a body over 1 MiB", async () => {
    const res = await post(JSON.stringify({ text: "x", pad: "y".repeat(1024 * 1024) }), "application/json");
    expect(res.status).toBe(413);
  });

  it("should answer 415 for other content types", async () => {
    const res = await post("text=abc", "application/x-www-form-urlencoded");
    expect(res.status).toBe(415);
    expect((await problemOf(res)).type).toBe("urn:stance-desk:problem:unsupported-media-type");
  });

  it("should answer 422 for a non-English language field or text", async () => {
    const byField = await post(JSON.stringify({ text, language: "fr" }), "application/json");
    expect(byField.status).toBe(422);
    expect((await problemOf(byField)).detail).toContain("language not supported yet");
    const french =
      "Le secrétaire d'État américain est arrivé à Pékin pour une visite destinée à éviter les erreurs de calcul avec la Chine, selon les médias officiels chinois.";
    expect((await post(french, "text/plain")).status).toBe(422);
    expect(
      (await post("中国外交部发言人汪文斌表示，中方坚决反对美方干涉中国内政。中美关系应该健康稳定发展。", "text/plain"))
        .status,
    ).toBe(422);
  });

  it("should answer 404 for an unknown actor", async () => {
    const res = await post(text, "text/plain", "?a=US&b=ZZ");
    expect(res.status).toBe(404);
    expect((await problemOf(res)).type).toBe("urn:stance-desk:problem:unknown-actor");
  });

  it("should be described in the OpenAPI document", async () => {
    const doc = (await (await SELF.fetch(`${BASE}/openapi.json`)).json()) as {
      paths: Record<string, { post?: unknown }>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.paths["/v1/analyze"]?.post).toBeDefined();
    expect(doc.components.schemas).toHaveProperty("Submission");
    expect(doc.components.schemas).toHaveProperty("Analysis");
  });
});
