import { fileURLToPath } from "node:url";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: fileURLToPath(new URL("../wrangler.toml", import.meta.url)) },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/e2e/**"],
    // The JSON report lets .ci/run print a plain "N passed, N failed" line of its own.
    reporters: ["default", "json"],
    outputFile: { json: ".wrangler/test-results/unit.json" },
  },
});
