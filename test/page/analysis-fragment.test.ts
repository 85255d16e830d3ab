import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AnalysisResult } from "../../src/page/analysis";
import { BASE } from "../http/fetch-json";
import { decodeHtml } from "./html";

// Synthetic test text, written for this test: not real reporting.
const TEXT = "Synthetic test text. The minister said “we seek dialogue” and the spokesman said “they provoke us”.";

function record(id: string, actor: string, quote: string, posture: number) {
  const start = TEXT.indexOf(quote);
  return {
    id,
    documentId: "submitted",
    actor,
    speaker: { name: null, role: actor === "US" ? "minister" : "spokesman" },
    topics: ["strategic-competition" as const],
    frames: [posture > 0 ? ("cooperation" as const) : ("confrontation" as const)],
    posture,
    quote,
    span: { start, end: start + quote.length },
    kind: "direct-quote" as const,
    method: "extracted" as const,
    confidence: 0.8,
    via: null,
    cues: null,
  };
}

function result(records: ReturnType<typeof record>[]): AnalysisResult {
  const side = (actor: string) => {
    const mine = records.filter((r) => r.actor === actor);
    return {
      actor,
      recordCount: mine.length,
      records: mine,
      frameCounts: Object.fromEntries(mine.map((r) => [r.frames[0], 1])),
      meanPosture: mine.length ? (mine[0]?.posture ?? null) : null,
      note: mine.length ? null : "no statement in the corpus",
    };
  };
  return {
    document: {
      sha256: "0".repeat(64),
      length: TEXT.length,
      title: "Synthetic test text",
      source: null,
      url: null,
      publishedAt: null,
    },
    records,
    comparison: {
      a: { id: "US", name: "United States" },
      b: { id: "CN", name: "China" },
      topics: [
        {
          topic: { id: "strategic-competition", label: "Strategic competition", description: "Synthetic." },
          a: side("US"),
          b: side("CN"),
          contrast: {
            sharedFrames: [],
            onlyA: ["cooperation"],
            onlyB: ["confrontation"],
            postureGap: 1.2,
            divergence: 0.8,
          },
          context: [],
        },
      ],
    },
    terms: { a: { id: "US", name: "United States" }, b: { id: "CN", name: "China" }, terms: [] },
  } as AnalysisResult;
}

async function render(body: unknown): Promise<Response> {
  return SELF.fetch(`${BASE}/fragments/analysis?a=US&b=CN`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/html" },
    body: JSON.stringify(body),
  });
}

describe("POST /fragments/analysis", () => {
  it("should render an analysis in the comparison layout, each quote linked to the submitted text", async () => {
    const records = [record("s.r1", "US", "we seek dialogue", 0.8), record("s.r2", "CN", "they provoke us", -0.7)];
    const res = await render({ text: TEXT, title: "Synthetic test text", result: result(records) });
    expect(res.status).toBe(200);
    const html = decodeHtml(await res.text());
    expect(html).toContain("Analysis: Synthetic test text");
    expect(html).toContain('class="side side-a"');
    expect(html).toContain('href="#analysis-s.r1"');
    expect(html).toContain('id="analysis-s.r1"');
    expect(html).toContain("we seek dialogue");
    expect(html).toContain("they provoke us");
  });

  it("should leave out a record whose quote is not the text at its span", async () => {
    const forged = { ...record("s.r2", "CN", "they provoke us", -0.7), quote: "words nobody wrote" };
    const res = await render({ text: TEXT, result: result([record("s.r1", "US", "we seek dialogue", 0.8), forged]) });
    const html = decodeHtml(await res.text());
    expect(html).toContain("we seek dialogue");
    expect(html).not.toContain("words nobody wrote");
  });

  it("should answer a body that is not an analysis with a 400 problem", async () => {
    const res = await render({ text: TEXT, result: { records: "nope" } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});
