import app from "./app";
import { queue } from "./queue/analysis-consumer";

export type { AppType } from "./app";

/** HTTP through the Hono app; the analysis queue (and its dead-letter queue) through queue(). */
export default {
  fetch: app.fetch,
  queue,
} satisfies ExportedHandler<Env, unknown>;
