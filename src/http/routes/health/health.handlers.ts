import { MIGRATE_COMMAND } from "../../../storage/corpus";
import type { AppRouteHandler } from "../../lib/app-types";
import type { HealthRoute } from "./health.routes";

const STORAGE_DETAIL = {
  ready: "Stored documents are served with the bundled ones.",
  "not-configured": "No D1 database is bound as DB: the bundled corpus is served and writes are refused.",
  "not-set-up": `The D1 database has no tables yet: the bundled corpus is served and writes are refused until you run \`${MIGRATE_COMMAND}\` (\`--remote\` for a deployed worker).`,
} as const;

export const health: AppRouteHandler<HealthRoute> = async (c) => {
  const storage = c.get("storage");
  const totals = await c.get("store").totals();
  return c.json(
    {
      status: "ok" as const,
      corpusVersion: c.get("version"),
      documents: totals.documents,
      records: totals.records,
      storage,
      storageDetail: STORAGE_DETAIL[storage],
    },
    200,
    { "cache-control": "no-store" },
  );
};
