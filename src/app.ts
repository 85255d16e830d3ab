import { createApp } from "./http/lib/create-app";
import { configureOpenApi } from "./http/lib/openapi";
import { corpusMiddleware } from "./http/middleware/corpus";
import { apiCors, cacheControl, edgeCache, strongEtag } from "./http/middleware/edge";
import { compareRouter } from "./http/routes/compare/compare.index";
import { documentsRouter } from "./http/routes/documents/documents.index";
import { healthRouter } from "./http/routes/health/health.index";
import { recordsRouter } from "./http/routes/records/records.index";
import { taxonomyRouter } from "./http/routes/taxonomy/taxonomy.index";

const app = createApp();

app.use("/v1/*", apiCors, corpusMiddleware, cacheControl, strongEtag, edgeCache);
app.use("/openapi.json", apiCors);

const routes = app
  .route("/", healthRouter)
  .route("/", taxonomyRouter)
  .route("/", compareRouter)
  .route("/", documentsRouter)
  .route("/", recordsRouter);

configureOpenApi(app);

export type AppType = typeof routes;
export default app;
