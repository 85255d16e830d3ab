import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { BASE } from "../http/fetch-json";
import { type GeneratedRequest, isApiPath, isPageRoute, ROUTES, requestFor, strayRequest, toRequest } from "./requests";
import { databaseDigest, PROPERTY_SEED, propertyRuns } from "./support";

/**
 * Generated requests against the whole worker (SELF: the real entry point, its bindings and
 * limits), every route included. For every request: no 5xx; an API error is problem+json whose
 * `status` is the response's; a page route's error is an HTML page; any other error is one of the
 * two (HTML only when the client asked for it); a HEAD has no body; and a request that was not a
 * successful write leaves every D1 table exactly as it was. An accepted import or re-analysis
 * (202) goes on in the queue after its answer: the property waits until the import has no
 * analysis pending (GET /v1/imports/{id}, the simulated queue delivering to this worker's
 * consumer), so no queue work of one case changes the database under the next one's digest.
 */

interface Outcome {
  status: number;
  type: string;
  body: string;
  location: string | null;
}

async function send(request: Request): Promise<Outcome> {
  const res = await SELF.fetch(request);
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    body: await res.text(),
    location: res.headers.get("location"),
  };
}

/** The invariants every answer keeps; `accept` is what the client asked for. */
function checkAnswer(request: Request, outcome: Outcome): void {
  const { pathname } = new URL(request.url);
  const what = `${request.method} ${pathname} → ${outcome.status} ${outcome.type}`;
  expect(outcome.status, what).toBeLessThan(500);
  if (request.method === "HEAD") expect(outcome.body, what).toBe("");
  if (outcome.status < 400) return;
  const problem = outcome.type.startsWith("application/problem+json");
  const html = outcome.type.startsWith("text/html");
  if (isApiPath(pathname)) expect(problem, what).toBe(true);
  else if (isPageRoute(request.method, pathname)) expect(html, what).toBe(true);
  else {
    const wantsHtml = (request.headers.get("accept") ?? "").includes("text/html");
    expect(problem || (html && wantsHtml), what).toBe(true);
  }
  if (problem && request.method !== "HEAD") {
    const parsed: unknown = JSON.parse(outcome.body);
    expect(parsed, what).toMatchObject({
      status: outcome.status,
      type: expect.stringMatching(/^urn:stance-desk:problem:/),
    });
  }
  if (html && request.method !== "HEAD") expect(outcome.body, what).toMatch(/^<!DOCTYPE html>/i);
}

/** Only these may change what is stored. */
function mayWrite(request: Request, status: number): boolean {
  const { pathname } = new URL(request.url);
  if (isBulkWrite(request) && status === 202) return true;
  if (!/^\/v1\/documents(\/|$)/.test(pathname)) return false;
  return (request.method === "POST" && status === 201) || (request.method === "DELETE" && status === 204);
}

/** POST /v1/imports and POST /v1/reanalyze: accepted (202), they queue analyses. */
function isBulkWrite(request: Request): boolean {
  const { pathname } = new URL(request.url);
  return request.method === "POST" && (pathname === "/v1/imports" || pathname === "/v1/reanalyze");
}

/** Waits until the accepted import's queued analyses have all finished (or failed for good). */
async function settled(outcome: Outcome): Promise<void> {
  const location = outcome.location;
  expect(location, "an accepted import names itself").toMatch(/^\/v1\/imports\/(imp|rea)-/);
  await vi.waitFor(
    async () => {
      const res = await SELF.fetch(`${BASE}${location}`);
      const view = (await res.json()) as { pending: number; status: string };
      expect(res.status).toBe(200);
      expect(view.pending).toBe(0);
      expect(["done", "done-with-failures"]).toContain(view.status);
    },
    { timeout: 60_000, interval: 100 },
  );
}

async function property(generated: GeneratedRequest): Promise<void> {
  let request: Request;
  try {
    request = toRequest(BASE, generated);
  } catch {
    return; // fetch itself refuses it (a method it forbids): no client can send it
  }
  const reads = request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS";
  const before = reads ? "" : await databaseDigest();
  const outcome = await send(request);
  checkAnswer(request, outcome);
  if (isBulkWrite(request)) if (isBulkWrite(request) && outcome.status === 202) await settled(outcome);
  if (!reads && !mayWrite(request, outcome.status)) expect(await databaseDigest()).toBe(before);
}

describe("generated requests over every route", () => {
  for (const route of ROUTES) {
    it(`${route.method} ${route.template}: no 5xx, errors in the route's format, nothing stored by a rejected write`, async () => {
      await fc.assert(fc.asyncProperty(requestFor(route), property), {
        numRuns: propertyRuns(route.runs),
        seed: PROPERTY_SEED,
        endOnFailure: true,
      });
    }, 300_000);
  }
  it("paths that are no route: 404 or 405 in the format the client asked for", async () => {
    await fc.assert(fc.asyncProperty(strayRequest, property), {
      numRuns: propertyRuns(40),
      seed: PROPERTY_SEED,
      endOnFailure: true,
    });
  }, 300_000);
});
