/**
 * A bench-only worker: runs the engine `n` times on the posted text and answers how many records
 * it found. Timed from outside (bench/engine-workerd.bench.ts), because inside workerd the clock
 * does not advance while JavaScript runs.
 */
import { extractRecords } from "../src/engine/extract/index";
import { bundledTaxonomy } from "../src/storage/bundled-corpus";

export default {
  async fetch(request: Request): Promise<Response> {
    const n = Number(new URL(request.url).searchParams.get("n") ?? "1");
    const text = await request.text();
    const taxonomy = bundledTaxonomy();
    let records = 0;
    for (let i = 0; i < n; i++) records += extractRecords({ documentId: "bench", text }, taxonomy).length;
    return new Response(String(records));
  },
};
