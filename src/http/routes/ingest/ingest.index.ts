import { createRouter } from "../../lib/create-app";
import * as handlers from "./ingest.handlers";
import * as routes from "./ingest.routes";

export const ingestRouter = createRouter()
  .openapi(routes.createDocument, handlers.createDocument)
  .openapi(routes.deleteDocument, handlers.deleteDocument);

// The POST body is described by reference (readSubmission, not the route, validates it).
ingestRouter.openAPIRegistry.register("DocumentSubmission", routes.DocumentSubmissionSchema);
ingestRouter.openAPIRegistry.registerComponent("securitySchemes", "ingestToken", {
  type: "http",
  scheme: "bearer",
  description: "The INGEST_TOKEN secret of the deployment",
});
