import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./browser";

const SCREENSHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const DOCUMENT_ID = "blinken-china-visit-2023-06-17";
// axe-core, the accessibility engine most audits use, run inside the page against WCAG 2 A and AA.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** WCAG 2 A/AA violations on the page as axe reports them, one line each. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations;
  });
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(", ")}`,
  );
}

let browser: Browser;
let context: BrowserContext;
const baseUrl = inject("baseUrl");

/** A fresh page that records CSP violations and script errors, which every test then checks are absent. */
async function openPage(path: string, viewport = { width: 1280, height: 900 }) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${baseUrl}${path}`);
  return { page, problems };
}

function topicRow(page: Page, topic: string) {
  return page.locator(`section.topic[data-topic="${topic}"]`);
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe("the side-by-side page", () => {
  it("should show both columns and the strategic-competition row with each side's quotes", async () => {
    const { page, problems } = await openPage("/");
    await expect(page.locator("h1").textContent()).resolves.toContain("United States and China");
    await expect(page.locator(".column-heads .head-a").textContent()).resolves.toContain("United States");
    await expect(page.locator(".column-heads .head-b").textContent()).resolves.toContain("China");

    const row = topicRow(page, "strategic-competition");
    await expect(row.locator("h2").textContent()).resolves.toBe("Strategic competition");
    const us = row.locator(".side-a");
    const cn = row.locator(".side-b");
    await expect(us.textContent()).resolves.toContain("intense competition requires intense diplomacy");
    await expect(us.textContent()).resolves.toContain("Antony Blinken, US Secretary of State");
    await expect(cn.textContent()).resolves.toContain("strategic miscalculation");
    await expect(cn.textContent()).resolves.toContain("Wang Wenbin, Chinese Foreign Ministry spokesman");

    // Side a is drawn left of side b, and the contrast sits between them.
    const [a, c, b] = await Promise.all([us, row.locator(".contrast"), cn].map((l) => l.boundingBox()));
    expect(a && c && b && a.x < c.x && c.x < b.x).toBe(true);
    await expect(row.locator(".contrast").textContent()).resolves.toMatch(/Divergence\s*[\d.]+/);

    // The stylesheet applied (same-origin, allowed by the CSP) and nothing was blocked or failed.
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(246, 245, 241)");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("should say plainly when a side has no statement on a topic", async () => {
    const { page } = await openPage("/?a=US&b=CN&topic=climate-change");
    const row = topicRow(page, "climate-change");
    await expect(row.locator(".side-a .record").count()).resolves.toBeGreaterThan(0);
    await expect(row.locator(".side-b .empty").textContent()).resolves.toBe("No statement in the corpus.");
    await page.close();
  });

  it("should switch the actor pair and filter by topic and frame through the controls", async () => {
    const { page } = await openPage("/");
    await page.getByLabel("Actor a (left)", { exact: true }).selectOption("CN");
    await page.getByLabel("Actor b (right)", { exact: true }).selectOption("US");
    await page.getByLabel("Topic", { exact: true }).selectOption("strategic-competition");
    await page.getByRole("button", { name: "Show comparison" }).click();
    await page.waitForURL(/topic=strategic-competition/);

    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ a: "CN", b: "US", topic: "strategic-competition" });
    await expect(page.locator("section.topic").count()).resolves.toBe(1);
    const row = topicRow(page, "strategic-competition");
    await expect(row.locator(".side-a").textContent()).resolves.toContain("strategic miscalculation");
    await expect(row.locator(".side-b").textContent()).resolves.toContain("intense competition requires");
    // The state survives in the controls, so the view can be refined from here.
    await expect(page.getByLabel("Actor a (left)", { exact: true }).inputValue()).resolves.toBe("CN");

    await page.getByLabel("Frame", { exact: true }).selectOption("confrontation");
    await page.getByRole("button", { name: "Show comparison" }).click();
    await page.waitForURL(/frame=confrontation/);
    const cards = row.locator(".side .record");
    const count = await cards.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      await expect(cards.nth(i).locator(".chip").allTextContents()).resolves.toContainEqual(
        expect.stringContaining("Confrontation"),
      );
    }
    await page.close();
  });

  it("should be usable with the keyboard alone", async () => {
    const { page } = await openPage("/");
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Skip to content");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).toBe("solid");
    await page.locator("#control-a").focus();
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("control-b");
    // Choose with the arrow keys, then Tab to the button and press Enter: no mouse.
    await page.locator("#control-topic").focus();
    await page.keyboard.press("ArrowDown");
    // On through the frame, the date fields (each a few keyboard stops) and the preset link.
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press("Tab");
      if ((await page.evaluate(() => document.activeElement?.textContent)) === "Show comparison") break;
    }
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Show comparison");
    await page.keyboard.press("Enter");
    await page.waitForURL(/topic=strategic-competition/);
    await page.close();
  });

  it("should follow a quote to its highlighted place in the document view", async () => {
    const { page, problems } = await openPage("/");
    const quote = topicRow(page, "strategic-competition").locator(".side-a a.quote-link", {
      hasText: "intense competition requires intense diplomacy",
    });
    await quote.click();
    await page.waitForURL(new RegExp(`/documents/${DOCUMENT_ID}#`));
    const hash = decodeURIComponent(new URL(page.url()).hash.slice(1));
    expect(hash).toMatch(new RegExp(`^${DOCUMENT_ID}\\.r\\d+$`));

    const target = page.locator(":target");
    await expect(target.getAttribute("id")).resolves.toBe(hash);
    const text = await target.textContent();
    expect(text).toContain("an intense competition requires intense diplomacy");
    // Highlighted (the :target style) and scrolled into view.
    const style = await target.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(style).toBe("rgb(253, 230, 138)");
    const inView = await target.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("should show the API's error in plain words when the analyze form is sent empty", async () => {
    const { page } = await openPage("/");
    await page.locator("#analyze-text").fill("");
    await page.getByRole("button", { name: "Analyze text" }).click();
    const error = page.locator("#analyze-error");
    await error.waitFor({ state: "visible" });
    await expect(error.textContent()).resolves.toBe("Please enter some text to analyze: the text box is empty.");
    await expect(page.locator("#analyze-text").getAttribute("aria-invalid")).resolves.toBe("true");
    await page.close();
  });

  it("should analyze a short text and show it in the comparison layout", async () => {
    const { page, problems } = await openPage("/");
    // Synthetic test text, written for this test: not real reporting.
    const text =
      "US Secretary of State Antony Blinken said on Monday that Washington wants “to manage the competition responsibly and keep lines of communication open.” " +
      "Chinese Foreign Ministry spokesman Wang Wenbin said that “the United States must stop its containment and suppression of China.”";
    await page.getByLabel("Title (optional)").fill("Synthetic test text");
    await page.getByLabel("Text to analyze").fill(text);
    await page.getByRole("button", { name: "Analyze text" }).click();
    const analysis = page.locator("#analyze-result .analysis");
    await analysis.waitFor({ state: "visible", timeout: 15_000 });
    await expect(page.locator("#analyze-error").isHidden()).resolves.toBe(true);
    await expect(analysis.locator("h2").first().textContent()).resolves.toBe("Analysis: Synthetic test text");
    const cards = analysis.locator(".comparison .record");
    expect(await cards.count()).toBeGreaterThan(0);
    // Every quote shown is a verbatim slice of the submitted text.
    for (const quote of await analysis.locator(".comparison .quote").allTextContents()) {
      expect(text).toContain(quote);
    }
    // Each quote links to its highlighted place in the submitted text, shown below.
    const href = await cards.first().locator("a.quote-link").getAttribute("href");
    expect(href).toMatch(/^#analysis-/);
    await expect(page.locator(decodeURIComponent(href ?? "#missing").replace(/\./g, "\\.")).count()).resolves.toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("should save desktop and phone screenshots, stacking the columns at 375 px", async () => {
    const desktop = await openPage("/", { width: 1280, height: 900 });
    await desktop.page.screenshot({ path: `${SCREENSHOTS}desktop.png`, fullPage: true });
    await desktop.page.close();

    const phone = await openPage("/", { width: 375, height: 812 });
    const { page } = phone;
    await page.screenshot({ path: `${SCREENSHOTS}phone.png`, fullPage: true });
    // Nothing overflows sideways, and the two sides stack.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const row = topicRow(page, "strategic-competition");
    const [a, b] = await Promise.all([row.locator(".side-a").boundingBox(), row.locator(".side-b").boundingBox()]);
    expect(a && b && b.y > a.y + a.height - 1).toBe(true);
    // Each card still names its actor, now that the column headings are gone.
    await expect(page.locator(".column-heads").isHidden()).resolves.toBe(true);
    await expect(row.locator(".side-b .record .actor-name").first().textContent()).resolves.toBe("China");
    await expect(row.locator(".side-a > .column-label").isVisible()).resolves.toBe(true);

    const doc = await openPage(`/documents/${DOCUMENT_ID}#${DOCUMENT_ID}.r18`, { width: 375, height: 812 });
    await doc.page.screenshot({ path: `${SCREENSHOTS}phone-document.png` });
    await doc.page.close();
    await page.close();
  });

  it("should have no WCAG 2 A or AA violation that axe-core finds, colour contrast included", async () => {
    const pages: [string, { width: number; height: number }][] = [
      ["/", { width: 1280, height: 900 }],
      ["/?a=CN&b=US&topic=taiwan", { width: 375, height: 812 }],
      [`/documents/${DOCUMENT_ID}`, { width: 1280, height: 900 }],
    ];
    // The check itself can fail: light grey on white is a contrast violation.
    const probe = await context.newPage();
    await probe.setContent('<html lang="en"><title>probe</title><main><p style="color:#ddd">faint</p></main></html>');
    expect((await accessibilityViolations(probe)).join("\n")).toContain("color-contrast");
    await probe.close();
    for (const [path, viewport] of pages) {
      const { page } = await openPage(path, viewport);
      expect(await accessibilityViolations(page), path).toEqual([]);
      await page.close();
    }
  });
  // The first-paint timing moved to `npm run bench` (bench/page.bench.ts): tests assert behaviour only.
});
