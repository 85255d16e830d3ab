import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { lastTwelveMonths, monthBounds } from "../../src/page/page-state";
import { BASE } from "../http/fetch-json";
import { insertDocument, type SyntheticRecord, syntheticDocument } from "../storage/synthetic-documents";
import { decodeHtml } from "./html";

async function page(path: string): Promise<{ res: Response; html: string }> {
  const res = await SELF.fetch(`${BASE}${path}`, { headers: { accept: "text/html" } });
  return { res, html: decodeHtml(await res.text()) };
}

function row(html: string, topic: string): string {
  const start = html.indexOf(`data-topic="${topic}"`);
  if (start < 0) throw new Error(`no row for ${topic}`);
  const next = html.indexOf('<section class="topic"', start);
  return html.slice(start, next < 0 ? undefined : next);
}

// SYNTHETIC corpus on the cyber topic between Japan (JP) and Australia (AU): 45 statements by JP over 15
// months of 2022–2023, 6 by AU, under a source of its own.
const SOURCE = `Synthetic Timeline Wire ${crypto.randomUUID()}`;
const JP_TOTAL = 45;

beforeAll(async () => {
  for (let i = 0; i < 15; i++) {
    const month = new Date(Date.UTC(2022, 9 + i, 10)).toISOString().slice(0, 10);
    const records: SyntheticRecord[] = [0, 1, 2].map((k) => ({
      quote: `synthetic cyber line ${i}-${k}`,
      actor: "JP",
      topics: ["cyber-espionage"],
      posture: -0.5 + k * 0.25,
    }));
    if (i % 3 === 0)
      records.push({ quote: `synthetic reply ${i}`, actor: "AU", topics: ["cyber-espionage"], posture: 0.4 });
    const text = `Synthetic timeline ${i}. ${records.map((r) => `Someone said “${r.quote}”.`).join(" ")}`;
    const doc = await syntheticDocument(
      text,
      { title: `Synthetic timeline ${i}`, source: SOURCE, publishedAt: month },
      records,
    );
    await insertDocument(env.DB, doc.document, doc.records);
  }
}, 60_000);

describe("the timeline, the date range and paging on the page", () => {
  it("should chart both sides of a topic as SVG with a title, a description and a table, without style attributes", async () => {
    const { res, html } = await page("/?a=JP&b=AU&topic=cyber-espionage");
    expect(res.status).toBe(200);
    const r = row(html, "cyber-espionage");
    expect(r).toContain('<figure class="timeline" data-timeline="cyber-espionage">');
    expect(r).toMatch(
      /<svg[^>]*role="img"[^>]*aria-labelledby="timeline-cyber-espionage-title timeline-cyber-espionage-desc"/,
    );
    expect(r).toContain('<title id="timeline-cyber-espionage-title">');
    expect(r).toMatch(/<desc id="timeline-cyber-espionage-desc">[^<]*45 statements by Japan[^<]*5 by Australia/);
    expect(r).toContain('data-series="a"><polyline');
    expect(r).toContain('data-series="b"><polyline');
    expect(r).toContain('<th scope="row">2022-10</th><td>3</td>');
    expect(html).not.toMatch(/\sstyle="/);
  });

  it("should filter the whole view by from and to, in whole months, and say so", async () => {
    const all = await page("/?a=JP&b=AU&topic=cyber-espionage");
    const ranged = await page("/?a=JP&b=AU&topic=cyber-espionage&from=2023-01-20&to=2023-03-05");
    expect(row(all.html, "cyber-espionage")).toContain("The 10 most recent of 45 statements");
    const r = row(ranged.html, "cyber-espionage");
    // January to March 2023 (whole months): three months of JP, one AU statement (January).
    expect(r).toMatch(/<desc[^>]*>3 months from 2023-01 to 2023-03: 9 statements by Japan[^<]*1 by Australia/);
    expect(r).not.toContain("2022-12</th>");
    expect(ranged.html).toContain("Dates count whole months");
    expect(ranged.html).toContain('value="2023-01-20"');
    expect(ranged.html).toContain(
      'href="/v1/records?actor=JP&format=csv&topic=cyber-espionage&from=2023-01-01&to=2023-03-31"',
    );
    expect(ranged.html).toContain("published 2023-01 to 2023-03 (whole months)");
  });

  it("should page a side's statements newest first to the last one, with the total", async () => {
    let href: string | null = "/statements?a=JP&b=AU&topic=cyber-espionage&side=a";
    const seen: string[] = [];
    for (let guard = 0; href && guard < 10; guard++) {
      const { res, html } = await page(href);
      expect(res.status).toBe(200);
      expect(html).toContain(`data-total="${JP_TOTAL}"`);
      for (const m of html.matchAll(/synthetic cyber line (\d+)-(\d)/g)) seen.push(`${m[1]}-${m[2]}`);
      href = html.match(/<a class="button-link" href="([^"]+)" data-more="statements"/)?.[1] ?? null;
    }
    expect(seen).toHaveLength(JP_TOTAL);
    expect(new Set(seen).size).toBe(JP_TOTAL);
    expect(seen[0]).toBe("14-2"); // newest first
    expect(seen.at(-1)).toBe("0-0"); // the oldest, last
  });

  it("should refuse a damaged page link with an error page", async () => {
    const { res } = await page("/statements?a=JP&b=AU&topic=cyber-espionage&side=a&before=not-a-key");
    expect(res.status).toBe(400);
  });

  it("should list documents with counts per side, filter them by source and date, and page", async () => {
    const q = encodeURIComponent(SOURCE);
    const first = await page(`/documents?a=JP&b=AU&source=${q}`);
    expect(first.res.status).toBe(200);
    expect(first.html).toContain("15 documents");
    expect(first.html).toMatch(/Synthetic timeline 0<\/a>[\s\S]*?<td>analyzed<\/td><td>3<\/td><td>1<\/td>/);
    const ranged = await page(`/documents?a=JP&b=AU&source=${q}&from=2023-01-01&to=2023-03-31`);
    expect(ranged.html).toContain("3 documents");
    const all = await page("/documents");
    const next = all.html.match(/href="(\/documents\?[^"]*cursor=[^"]+)" rel="next"/)?.[1];
    if (next) {
      const second = await page(next);
      expect(second.res.status).toBe(200);
      expect(second.html).toContain("page 2");
    }
  });

  it("should compute the month bounds and the last-12-months preset", () => {
    expect(monthBounds({ a: "US", b: "CN", from: "2024-02-10", to: "2024-02-10" })).toEqual({
      from: "2024-02-01",
      to: "2024-02-29",
    });
    expect(lastTwelveMonths(new Date("2026-12-01T10:00:00Z"))).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(lastTwelveMonths(new Date("2026-03-31T23:00:00Z"))).toEqual({ from: "2025-04-01", to: "2026-03-31" });
  });
});
