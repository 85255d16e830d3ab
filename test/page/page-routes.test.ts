import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Comparison } from "../../src/model/comparison";
import type { StanceDocument } from "../../src/model/document";
import type { StanceRecord } from "../../src/model/record";
import { BASE } from "../http/fetch-json";
import { insertDocument, syntheticDocument } from "../storage/synthetic-documents";
import { decodeHtml, sha256Base64, textOfBlock } from "./html";

const DOC = "blinken-china-visit-2023-06-17";

async function page(path: string, init?: RequestInit): Promise<{ res: Response; html: string }> {
  const res = await SELF.fetch(`${BASE}${path}`, { headers: { accept: "text/html" }, ...init });
  return { res, html: await res.text() };
}

function section(html: string, topic: string): string {
  const start = html.indexOf(`data-topic="${topic}"`);
  if (start < 0) throw new Error(`no row for ${topic}`);
  const next = html.indexOf('<section class="topic"', start);
  return html.slice(start, next < 0 ? undefined : next);
}

describe("GET /", () => {
  it("should render a full HTML page with both actors and the strategic-competition row", async () => {
    const { res, html } = await page("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("How United States and China frame each topic");
    const row = decodeHtml(section(html, "strategic-competition"));
    const sideA = row.slice(row.indexOf('class="side side-a"'), row.indexOf('class="side side-b"'));
    const sideB = row.slice(row.indexOf('class="side side-b"'), row.indexOf('class="contrast"'));
    expect(sideA.replace(/<[^>]+>/g, "")).toContain("an intense competition requires intense diplomacy");
    expect(sideB.replace(/<[^>]+>/g, "")).toContain("strategic miscalculation");
    expect(sideB).not.toContain("intense diplomacy");
  });

  it("should send a strict CSP whose hashes are exactly the inline style and script", async () => {
    const { res, html } = await page("/");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain("unsafe-inline");
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    expect(style.length).toBeGreaterThan(1000);
    expect(csp).toContain(`style-src 'sha256-${await sha256Base64(style)}'`);
    expect(csp).toContain(`script-src 'sha256-${await sha256Base64(script)}'`);
    // No other script or stylesheet, inline or external, that the policy would block.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/<link rel="stylesheet"|style="/);
  });

  it("should link every quote of the comparison to its anchor in the document view", async () => {
    const { html } = await page("/");
    const api = (await (await SELF.fetch(`${BASE}/v1/compare?a=US&b=CN`)).json()) as Comparison;
    const records = api.topics.flatMap((t) => [...t.a.records, ...t.b.records, ...t.context]);
    expect(records.length).toBeGreaterThan(10);
    for (const record of records) {
      expect(html).toContain(`href="/documents/${record.documentId}#${record.id}"`);
    }
  });

  it("should put quote marks only around direct quotes, and place each posture marker by its value", async () => {
    const { html } = await page("/");
    const api = (await (await SELF.fetch(`${BASE}/v1/compare?a=US&b=CN`)).json()) as Comparison;
    const records = api.topics.flatMap((t) => [...t.a.records, ...t.b.records]);
    expect(new Set(records.map((r) => r.kind))).toEqual(new Set(["direct-quote", "reported-speech"]));
    for (const record of records) {
      const at = html.indexOf(`data-record="${record.id}"`);
      const card = html.slice(at, html.indexOf("</article>", at));
      const expected = record.kind === "direct-quote" ? 'class="quote direct"' : 'class="quote excerpt"';
      expect(card, record.id).toContain(expected);
      expect(card, record.id).toContain(`class="marker at-${Math.round(((record.posture + 1) / 2) * 40)}"`);
    }
  });

  it("should show the 10 most recent statements of a side that has more, and link to all of them", async () => {
    // SYNTHETIC: 12 stored documents, each with one Singaporean statement on climate change.
    for (let k = 1; k <= 12; k++) {
      const quote = `climate finance matters, synthetic point ${k}`;
      const day = String(k).padStart(2, "0");
      const doc = await syntheticDocument(
        `Synthetic page cap ${k}. Someone said “${quote}”. (synthetic test text)`,
        { title: `Synthetic page cap ${k}`, publishedAt: `2024-01-${day}` },
        [{ quote, actor: "SG", topics: ["climate-change"], posture: 0.5 }],
      );
      await insertDocument(env.DB, doc.document, doc.records);
    }
    const { html } = await page("/?a=SG&b=CN&topic=climate-change");
    const side = decodeHtml(section(html, "climate-change").split('class="side side-b"')[0] ?? "");
    expect(side.match(/class="record"/g)).toHaveLength(10);
    expect(side).toContain("synthetic point 12");
    expect(side).not.toContain("synthetic point 2<");
    expect(side).toContain("The 10 most recent of 12 statements");
    expect(decodeHtml(side)).toContain('href="/statements?a=SG&b=CN&topic=climate-change&side=a"');
  });

  it("should serve a kept page with a stable ETag until the corpus changes", async () => {
    const first = await page("/?topic=taiwan");
    const tag = first.res.headers.get("etag");
    expect(tag).toMatch(/^"[0-9a-f]{40}"$/);
    const again = await SELF.fetch(`${BASE}/?topic=taiwan`, {
      headers: { accept: "text/html", "If-None-Match": tag ?? "" },
    });
    expect(again.status).toBe(304);
    const quote = `Taiwan arms sales will continue, synthetic kept-page check ${crypto.randomUUID()}`;
    const doc = await syntheticDocument(
      `Synthetic kept page. Someone said “${quote}”. (synthetic test text)`,
      { title: "Synthetic kept page", publishedAt: "2024-03-01" },
      [{ quote, actor: "US", topics: ["taiwan"], posture: -0.5 }],
    );
    await insertDocument(env.DB, doc.document, doc.records);
    const after = await page("/?topic=taiwan");
    expect(after.res.headers.get("etag")).not.toBe(tag);
    expect(decodeHtml(after.html)).toContain(quote);
  });

  it("should say plainly when a side has no statement on the topic", async () => {
    const { html } = await page("/?topic=climate-change");
    const row = section(html, "climate-change");
    expect(row.slice(row.indexOf('class="side side-b"'))).toContain("No statement in the corpus.");
    expect(row).toContain("not measurable: one side has no statement");
  });

  it("should keep the actor pair, topic and frame from the URL in the controls", async () => {
    const { res, html } = await page("/?a=cn&b=US&topic=strategic-competition&frame=confrontation");
    expect(res.status).toBe(200);
    expect(html).toContain("How China and United States frame each topic");
    expect(html).toMatch(/<select id="control-a" name="a">[\s\S]*?<option value="CN" selected="">/);
    expect(html).toMatch(/<option value="strategic-competition" selected="">/);
    expect(html).toMatch(/<option value="confrontation" selected="">/);
    expect(html.match(/<section class="topic"/g)).toHaveLength(1);
    // With the frame filter, every listed card carries that frame.
    const cards = section(html, "strategic-competition")
      .split('<article class="record"')
      .slice(1)
      .filter((card) => !card.includes("Context"));
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card).toContain("Confrontation");
    expect(html).toContain(`href="/?a=US&amp;b=CN&amp;topic=strategic-competition&amp;frame=confrontation"`);
  });

  it("should show a notice and the defaults for an actor the corpus does not know", async () => {
    const { res, html } = await page("/?a=ZZ&topic=nothing");
    expect(res.status).toBe(400);
    expect(decodeHtml(html)).toContain("There is no actor “ZZ”; showing United States.");
    expect(decodeHtml(html)).toContain("There is no topic “nothing”; showing every topic.");
    expect(html).toContain('data-topic="strategic-competition"');
  });

  it("should mark contested terms in both sides' quotes in the vocabulary panel", async () => {
    const { html } = await page("/");
    const panel = html.slice(html.indexOf('id="contested"'), html.indexOf('id="analyze"'));
    const item = panel.slice(panel.indexOf('data-term="confrontation"'));
    const [usSide, cnSide] = item.split('<div class="term-side side-b">');
    expect(usSide).toMatch(/<mark class="term"[^>]*>confrontation<\/mark>/);
    expect(cnSide).toMatch(/<mark class="term"[^>]*>confrontation<\/mark>/);
  });
});

describe("GET /documents/:id", () => {
  it("should show the full text unchanged with every record's quote highlighted in place", async () => {
    const { res, html } = await page(`/documents/${DOC}`);
    expect(res.status).toBe(200);
    const { text, records } = (await (await SELF.fetch(`${BASE}/v1/documents/${DOC}`)).json()) as StanceDocument & {
      records: StanceRecord[];
    };
    // Markup added, text untouched: stripping the tags gives the document back exactly.
    // Only spans inside the text block, so its first closing </div> is its end.
    expect(textOfBlock(html, '<div class="document-text">', "</div>")).toBe(text);
    for (const record of records) {
      const open = new RegExp(`<span class="span-quote[^"]*" id="${record.id.replace(/\./g, "\\.")}"`);
      expect(html).toMatch(open);
    }
  });

  it("should answer an unknown document with an HTML 404 page", async () => {
    const { res, html } = await page("/documents/no-such-document");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html).toContain("Document not found");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});

describe("errors for browsers and for the API", () => {
  it("should answer an unknown page with HTML when the client asks for HTML", async () => {
    const { res, html } = await page("/no-such-page");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html).toContain("Page not found");
  });

  it("should keep problem+json for API paths and for clients that do not ask for HTML", async () => {
    const api = await SELF.fetch(`${BASE}/v1/no-such-route`, { headers: { accept: "text/html" } });
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const plain = await SELF.fetch(`${BASE}/no-such-page`);
    expect(plain.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});

describe("the analyze form without JavaScript", () => {
  const post = (body: string) =>
    page("/analyze?a=US&b=CN", {
      method: "POST",
      headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
      body,
    });

  it("should answer an empty text with the page and the API's error in plain words", async () => {
    const { res, html } = await post("title=&text=");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const error = /<div id="analyze-error" class="error" role="alert">([^<]+)<\/div>/.exec(html)?.[1];
    expect(error).toBe("Please enter some text to analyze: the text box is empty.");
  });

  it("should answer a short text with its analysis in the comparison layout", async () => {
    // Synthetic test text, written for this test: not real reporting.
    const text =
      "Chinese Foreign Ministry spokesman Wang Wenbin said that “the United States must stop its containment of China.”";
    const { res, html } = await post(new URLSearchParams({ title: "Synthetic test text", text }).toString());
    expect(res.status).toBe(200);
    const result = html.slice(html.indexOf('id="analyze-result"'));
    expect(decodeHtml(result)).toContain("Analysis: Synthetic test text");
    expect(result).toContain('class="side side-b"');
    expect(decodeHtml(result)).toContain("the United States must stop its containment of China.");
  });
});
