import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./browser";
import { SEED_A, SEED_A_PER_DOCUMENT, SEED_B, SEED_DOCUMENTS, SEED_TOPIC } from "./corpus";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const baseUrl = inject("baseUrl");
const TOPIC_VIEW = `/?a=${SEED_A}&b=${SEED_B}&topic=${SEED_TOPIC}`;

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

async function openPage(path: string) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${baseUrl}${path}`);
  return { page, problems };
}

async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (
            ctx: Document,
            options: object,
          ) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

async function total(path: string): Promise<number> {
  const res = await fetch(`${baseUrl}${path}`);
  return ((await res.json()) as { total: number }).total;
}

describe("timeline, date range, paging, documents and exports in the browser", () => {
  it("should chart both sides' series for a topic with records on both sides", async () => {
    const { page, problems } = await openPage(TOPIC_VIEW);
    const chart = page.locator(`section.topic[data-topic="${SEED_TOPIC}"] svg.timeline-chart`);
    await chart.waitFor({ state: "visible" });
    const box = await chart.boundingBox();
    expect(box && box.width > 300 && box.height > 80).toBe(true);
    expect(await chart.locator(".series-a polyline").count()).toBeGreaterThan(0);
    expect(await chart.locator(".series-b polyline").count()).toBeGreaterThan(0);
    // Squares for a, triangles for b; outlined bars for b: each keeps its shape in black and white.
    expect(await chart.locator(".series-a path.marks").getAttribute("d")).toMatch(/^M[\d.]+ [\d.]+h/);
    expect(await chart.locator(".series-b path.marks").getAttribute("d")).toMatch(/^M[\d.]+ [\d.]+L/);
    expect(await chart.locator(".series-b path.bar").evaluate((el) => getComputedStyle(el).fill)).toBe(
      "rgb(255, 255, 255)",
    );
    const dash = await chart
      .locator(".series-b polyline")
      .first()
      .evaluate((el) => getComputedStyle(el).strokeDasharray);
    expect(dash).not.toBe("none");
    await expect(chart.locator("desc").textContent()).resolves.toContain(
      `${SEED_DOCUMENTS * SEED_A_PER_DOCUMENT} statements by Japan`,
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it("should change the chart, the counts and the URL with the date range", async () => {
    const { page } = await openPage(TOPIC_VIEW);
    const row = page.locator(`section.topic[data-topic="${SEED_TOPIC}"]`);
    const descBefore = await row.locator("svg.timeline-chart desc").textContent();
    const countBefore = await row.locator(".side-a > p.muted").first().textContent();
    await page.getByLabel("From (published on or after)").fill("2024-01-01");
    await page.getByLabel("To (published on or before)").fill("2024-12-31");
    await page.getByRole("button", { name: "Show comparison" }).click();
    await page.waitForURL(/from=2024-01-01/);
    const url = new URL(page.url());
    expect(url.searchParams.get("from")).toBe("2024-01-01");
    expect(url.searchParams.get("to")).toBe("2024-12-31");
    const descAfter = await row.locator("svg.timeline-chart desc").textContent();
    expect(descAfter).not.toBe(descBefore);
    expect(descAfter).toMatch(/^12 months from 2024-01 to 2024-12/);
    const countAfter = await row.locator(".side-a > p.muted").first().textContent();
    expect(countAfter).not.toBe(countBefore);
    // The range counts as much as the API says for the same whole months.
    const inRange = await total(
      `/v1/records?actor=${SEED_A}&topic=${SEED_TOPIC}&from=2024-01-01&to=2024-12-31&limit=1`,
    );
    expect(countAfter).toContain(`of ${inRange} statements`);
    // The preset sets both ends.
    await page.getByRole("link", { name: "Last 12 months" }).click();
    await page.waitForURL((u) => u.searchParams.get("from") !== "2024-01-01" && u.searchParams.has("to"));
    await page.close();
  });

  it("should page with 'more' to the last statement of a side with hundreds", async () => {
    const { page, problems } = await openPage(`/statements?a=${SEED_A}&b=${SEED_B}&topic=${SEED_TOPIC}&side=a`);
    const expected = await total(`/v1/records?actor=${SEED_A}&topic=${SEED_TOPIC}&limit=1`);
    expect(expected).toBeGreaterThanOrEqual(SEED_DOCUMENTS * SEED_A_PER_DOCUMENT);
    await expect(page.locator("[data-total]").textContent()).resolves.toBe(String(expected));
    const items = page.locator("#statements > li");
    const more = page.getByRole("button", { name: "More statements" });
    for (let guard = 0; guard < 100 && (await more.count()) > 0; guard++) {
      const before = await items.count();
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll("#statements > li").length > n, before);
    }
    await expect(items.count()).resolves.toBe(expected);
    await expect(page.locator(".pager").textContent()).resolves.toContain("That is the oldest statement.");
    // Newest first: the last one is the oldest seeded statement (2021-01-01, its first quote).
    await expect(items.last().locator(".quote").textContent()).resolves.toContain("synthetic JP line 0a");
    const ids = await page
      .locator("#statements .record")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-record")));
    expect(new Set(ids).size).toBe(expected);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("should page and filter the documents view", async () => {
    const { page } = await openPage(`/documents?a=${SEED_A}&b=${SEED_B}`);
    const all = await total("/v1/documents?limit=1");
    await expect(page.locator(".summary").textContent()).resolves.toContain(`${all} documents`);
    await expect(page.locator(".documents-table tbody tr").count()).resolves.toBe(25);
    const firstPage = await page.locator(".documents-table tbody tr").first().getAttribute("data-document");
    await page.getByRole("link", { name: "Next page" }).click();
    await page.waitForURL(/cursor=/);
    const secondPage = await page.locator(".documents-table tbody tr").first().getAttribute("data-document");
    expect(secondPage).not.toBe(firstPage);
    await page.getByLabel("Source (outlet or issuing body)").fill("Synthetic Daily");
    await page.getByLabel("Published on or after").fill("2021-01-01");
    await page.getByLabel("Published on or before").fill("2021-12-31");
    await page.getByRole("button", { name: "Show documents" }).click();
    await page.waitForURL(/source=Synthetic/);
    const filtered = await total("/v1/documents?source=Synthetic%20Daily&from=2021-01-01&to=2021-12-31&limit=1");
    expect(filtered).toBeGreaterThan(0);
    await expect(page.locator(".summary").textContent()).resolves.toContain(`${filtered} documents`);
    // A seeded document: two statements by Japan and one by Australia, and a link to its view.
    const row = page.locator(".documents-table tbody tr").first();
    await expect(row.locator("td").nth(4).textContent()).resolves.toBe("2");
    await expect(row.locator("td").nth(5).textContent()).resolves.toBe("1");
    await row.locator("a").first().click();
    await page.waitForURL(/\/documents\/synthetic-seed-/);
    await page.close();
  });

  it("should download a CSV from the page that Python's csv module reads back, one row per record", async () => {
    const { page } = await openPage(TOPIC_VIEW);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("a[data-export=records-a]").click(),
    ]);
    expect(download.suggestedFilename()).toBe("stance-desk-records.csv");
    const file = join(mkdtempSync(join(tmpdir(), "stance-csv-")), "records.csv");
    await download.saveAs(file);
    // Python parses it (RFC 4180: quotes, commas and line breaks inside quotes) and writes it back out.
    const script = [
      "import csv, json, sys",
      "rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))",
      "print(json.dumps(rows))",
    ].join("\n");
    const rows = JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8" })) as Record<
      string,
      string
    >[];
    const expected = await total(`/v1/records?actor=${SEED_A}&topic=${SEED_TOPIC}&limit=1`);
    expect(rows.length).toBe(expected);
    // Every field survives: compare with the JSON API, record by record.
    const byId = new Map<string, { quote: string; topics: string[] }>();
    let cursor: string | null = null;
    do {
      const res = await fetch(
        `${baseUrl}/v1/records?actor=${SEED_A}&topic=${SEED_TOPIC}&limit=200${cursor ? `&cursor=${cursor}` : ""}`,
      );
      const body = (await res.json()) as {
        records: { id: string; quote: string; topics: string[] }[];
        nextCursor: string | null;
      };
      for (const r of body.records) byId.set(r.id, r);
      cursor = body.nextCursor;
    } while (cursor);
    for (const row of rows) {
      const record = byId.get(row.id as string);
      expect(record, row.id).toBeDefined();
      expect(row.quote).toBe(record?.quote);
      expect(row.topics).toBe(record?.topics.join(";"));
    }
    expect(rows.some((r) => r.quote?.includes('"quotes",\nand a second line'))).toBe(true);
    await page.close();
  });

  it("should have no WCAG 2 A or AA violation on the new views", async () => {
    for (const path of [
      TOPIC_VIEW,
      `${TOPIC_VIEW}&from=2024-01-01&to=2024-06-30`,
      `/statements?a=${SEED_A}&b=${SEED_B}&topic=${SEED_TOPIC}&side=b`,
      `/documents?a=${SEED_A}&b=${SEED_B}`,
    ]) {
      const { page } = await openPage(path);
      // The table alternative open too, so it is checked as well.
      for (const d of await page.locator("details.timeline-table").all())
        await d.evaluate((el) => el.setAttribute("open", ""));
      expect(await violations(page), path).toEqual([]);
      await page.close();
    }
  });
});
