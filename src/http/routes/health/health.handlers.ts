import type { AppRouteHandler } from "../../lib/app-types";
import type { HealthRoute } from "./health.routes";

export const health: AppRouteHandler<HealthRoute> = (c) => {
  const corpus = c.get("corpus");
  return c.json(
    {
      status: "ok" as const,
      corpusVersion: corpus.version,
      documents: corpus.documents.length,
      records: corpus.records.length,
    },
    200,
    { "cache-control": "no-store" },
  );
};
