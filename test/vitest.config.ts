import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: fileURLToPath(new URL("../wrangler.toml", import.meta.url)) },
      miniflare: {
        bindings: {
          // Tests read it back as env.INGEST_TOKEN; the worker reads it as its secret.
          INGEST_TOKEN: "synthetic-test-token-not-a-secret",
          // The same migrations `wrangler d1 migrations apply` runs, applied by test/apply-migrations.ts.
          TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL("../migrations", import.meta.url))),
          // Generated-test runs (fast-check): fixed in CI, more with PROPERTY_RUNS=200 npm test.
          PROPERTY_RUNS: process.env.PROPERTY_RUNS ?? "12",
        },
        // A database of its own for the store-equivalence property test, which empties it per run.
        // And one for the queue consumer tests (test/imports/), which compare it with a recomputation.
        d1Databases: { PROPERTY_DB: "stance-desk-property-test", IMPORTS_DB: "stance-desk-imports-test" },
      },
    }),
  ],
  test: {
    setupFiles: ["test/apply-migrations.ts"],
    include: ["test/**/*.test.ts"],
    exclude: ["test/e2e/**"],
    // The JSON report lets .ci/run print a plain "N passed, N failed" line of its own.
    reporters: ["default", "json"],
    outputFile: { json: ".wrangler/test-results/unit.json" },
  },
}));
