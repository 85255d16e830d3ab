/**
 * npm run ingest -- <file>... [--url http://127.0.0.1:8787] [--token …] [--title …] [--source …]
 *                             [--published-at YYYY-MM-DD] [--synthetic] [--concurrency 4]
 *
 * Posts each file to POST /v1/documents of a running worker (local `npm run dev` by default) and
 * reports what was stored, what was already present and what was rejected, with the problem detail.
 * The token comes from --token, else the INGEST_TOKEN environment variable, else ./.dev.vars.
 * Exit status: 0 when nothing was rejected, 1 otherwise, 2 on a usage error.
 */
import { parseArgs } from "node:util";
import { type IngestOutcome, ingestFiles } from "./ingest-client";
import { tokenFromDevVars } from "./token";

function line(outcome: IngestOutcome): string {
  switch (outcome.kind) {
    case "stored":
      return `stored    ${outcome.path} → ${outcome.id} (${outcome.records} records)`;
    case "present":
      return `present   ${outcome.path} → ${outcome.id} (already in the corpus)`;
    case "rejected":
      return `rejected  ${outcome.path}: ${outcome.status || "error"} ${outcome.detail}`;
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: "string", default: "http://127.0.0.1:8787" },
      token: { type: "string" },
      title: { type: "string" },
      source: { type: "string" },
      "published-at": { type: "string" },
      synthetic: { type: "boolean" },
      concurrency: { type: "string", default: "4" },
    },
  });
  if (positionals.length === 0) {
    console.error("usage: npm run ingest -- <file>... [--url …] [--token …] [--title …]");
    return 2;
  }
  if (values.title !== undefined && positionals.length > 1) {
    console.error("--title names one document: give it with a single file");
    return 2;
  }
  const token = values.token ?? process.env.INGEST_TOKEN ?? (await tokenFromDevVars());
  if (!token) {
    console.error("no token: pass --token, set INGEST_TOKEN, or put INGEST_TOKEN in .dev.vars");
    return 2;
  }
  const outcomes = await ingestFiles(positionals, {
    url: values.url,
    token,
    concurrency: Number(values.concurrency) || 4,
    meta: {
      title: values.title,
      source: values.source,
      publishedAt: values["published-at"],
      synthetic: values.synthetic,
    },
    onOutcome: (o) => console.log(line(o)),
  });
  const count = (kind: IngestOutcome["kind"]) => outcomes.filter((o) => o.kind === kind).length;
  console.log(`\n${count("stored")} stored, ${count("present")} already present, ${count("rejected")} rejected`);
  return count("rejected") === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
