/**
 * A bench-only worker for bench/engine-workerd.bench.ts: runs the engine `n` times on the posted
 * text (with the `title` and `source` query parameters, when given, as the importer passes them)
 * and answers how many records it found. Timed from outside, because inside workerd the clock
 * does not advance while JavaScript runs.
 */
import { extractRecords } from "../src/engine/extract/index";
import { bundledTaxonomy } from "../src/storage/bundled-corpus";

export default {
  async fetch(request: Request): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const n = Number(params.get("n") ?? "1");
    const title = params.get("title");
    const source = params.get("source");
    const text = await request.text();
    const taxonomy = bundledTaxonomy();
    let records = 0;
    for (let i = 0; i < n; i++)
      records += extractRecords({ documentId: "bench", text, title, source }, taxonomy).length;
    return new Response(String(records));
  },
};
