import { createApp } from "./http/lib/create-app";
import { configureOpenApi } from "./http/lib/openapi";
import { corpusForReads } from "./http/middleware/corpus";
import { apiCors, cacheControl, edgeCache, strongEtag } from "./http/middleware/edge";
import { analyzeRouter } from "./http/routes/analyze/analyze.index";
import { compareRouter } from "./http/routes/compare/compare.index";
import { documentsRouter } from "./http/routes/documents/documents.index";
import { healthRouter } from "./http/routes/health/health.index";
import { importsRouter } from "./http/routes/imports/imports.index";
import { ingestRouter } from "./http/routes/ingest/ingest.index";
import { recordsRouter } from "./http/routes/records/records.index";
import { taxonomyRouter } from "./http/routes/taxonomy/taxonomy.index";
import { timelineRouter } from "./http/routes/timeline/timeline.index";
import { htmlErrorPages } from "./page/html-errors";
import { createPageRouter } from "./page/routes";

const app = createApp();

// A browser asking for a missing page gets an HTML page; API paths keep problem+json.
app.use("*", htmlErrorPages);
// Order matters: Cache-Control is set inside the Cache API middleware, so stored copies carry it.
app.use("/v1/*", apiCors, corpusForReads, strongEtag, edgeCache, cacheControl);
app.use("/openapi.json", apiCors, strongEtag, cacheControl);
app.use("/docs", strongEtag, cacheControl);

const routes = app
  .route("/", healthRouter)
  .route("/", taxonomyRouter)
  .route("/", compareRouter)
  .route("/", analyzeRouter)
  .route("/", documentsRouter)
  .route("/", recordsRouter)
  .route("/", timelineRouter)
  .route("/", ingestRouter)
  .route("/", importsRouter);

configureOpenApi(app);

// The side-by-side page at / (issue 5). It calls the API in-process for the no-JavaScript analyze form.
app.route(
  "/",
  createPageRouter((request, env, ctx) => app.fetch(request, env, ctx)),
);

export type AppType = typeof routes;
export default app;
