/**
 * The benchmark's ceiling: the same app shell and middleware as the real worker, but each route
 * returns a body computed once up front. The real routes can be no faster than this.
 */
import type { AppOpenAPI } from "../src/http/lib/app-types";
import { compareCorpus, contestedTerms } from "../src/http/lib/corpus-reads";
import { createApp } from "../src/http/lib/create-app";
import { sha1Tag } from "../src/http/lib/memo-json";
import { corpusForReads } from "../src/http/middleware/corpus";
import { apiCors, cacheControl, edgeCache, strongEtag } from "../src/http/middleware/edge";
import { bundledTaxonomy } from "../src/storage/bundled-corpus";
import { openCorpus } from "../src/storage/corpus";

export const BENCH_PATHS = ["/v1/compare", "/v1/topics/strategic-competition/compare", "/v1/terms"] as const;

async function withEtag(body: string): Promise<{ body: string; etag: string }> {
  return { body, etag: await sha1Tag(body) };
}

async function precomputedBodies(env: Env): Promise<Map<string, { body: string; etag: string }>> {
  const { store } = await openCorpus(env);
  const taxonomy = bundledTaxonomy();
  const topic = taxonomy.topicById.get("strategic-competition");
  if (!topic) throw new Error("taxonomy lacks strategic-competition");
  const pair = { a: "US", b: "CN", filter: {}, evidence: 10 };
  const terms = await contestedTerms(store, taxonomy, { a: "US", b: "CN", limit: 50, evidence: 5 });
  const row = (await compareCorpus(store, taxonomy, { ...pair, topics: [topic] })).topics[0];
  // Body and ETag both computed once: nothing of the response is left to compute per request.
  return new Map([
    ["/v1/compare", await withEtag(JSON.stringify(await compareCorpus(store, taxonomy, pair)))],
    ["/v1/topics/strategic-competition/compare", await withEtag(JSON.stringify(row))],
    ["/v1/terms", await withEtag(JSON.stringify(terms))],
  ]);
}

export function createCeilingApp(): AppOpenAPI {
  const app = createApp();
  let bodies: Promise<Map<string, { body: string; etag: string }>> | undefined;
  app.use("/v1/*", apiCors, corpusForReads, strongEtag, edgeCache, cacheControl);
  for (const path of BENCH_PATHS) {
    app.get(path, async (c) => {
      bodies ??= precomputedBodies(c.env);
      const { body, etag } = (await bodies).get(path) ?? { body: "", etag: '""' };
      return c.body(body, 200, { "content-type": "application/json", etag });
    });
  }
  return app;
}
