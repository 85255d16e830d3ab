import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));

// Browser tests run in Node (not workerd): they start `wrangler dev` and drive Debian's Chromium.
export default defineConfig({
  root,
  test: {
    environment: "node",
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    // One worker and one browser: the tests share a server, and timings stay comparable.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    reporters: ["default", "json"],
    outputFile: { json: ".wrangler/test-results/e2e.json" },
  },
});
