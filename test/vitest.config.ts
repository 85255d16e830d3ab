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
          // Another seed for the reliability tests (test/reliability/): PROPERTY_SEED=7 npm test.
          PROPERTY_SEED: process.env.PROPERTY_SEED ?? "",
        },
        // Databases of their own: the store-equivalence property test empties its one per run; the
        // upgrade test starts one at the first migration (test/storage/migrations.test.ts); the queue
        // consumer tests (test/imports/) compare theirs with a recomputation.
        d1Databases: {
          PROPERTY_DB: "stance-desk-property-test",
          UPGRADE_DB: "stance-desk-upgrade-test",
          IMPORTS_DB: "stance-desk-imports-test",
        },
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
