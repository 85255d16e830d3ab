import { applyD1Migrations, type D1Migration, env } from "cloudflare:test";

// TEST_MIGRATIONS is a test binding from test/vitest.config.ts, not part of the worker's Env.
const { DB, PROPERTY_DB, IMPORTS_DB, TEST_MIGRATIONS } = env as typeof env & {
  TEST_MIGRATIONS: D1Migration[];
  PROPERTY_DB: D1Database;
  IMPORTS_DB: D1Database;
};

// UPGRADE_DB is left empty: test/storage/migrations.test.ts applies the migrations step by step.
// Setup files can run more than once; applyD1Migrations skips the migrations already applied.
await applyD1Migrations(DB, TEST_MIGRATIONS);
await applyD1Migrations(PROPERTY_DB, TEST_MIGRATIONS);
await applyD1Migrations(IMPORTS_DB, TEST_MIGRATIONS);
