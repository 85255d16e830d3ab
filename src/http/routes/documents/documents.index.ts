import { createRouter } from "../../lib/create-app";
import * as handlers from "./documents.handlers";
import * as routes from "./documents.routes";

export const documentsRouter = createRouter()
  .openapi(routes.listDocuments, handlers.listDocuments)
  .openapi(routes.getDocument, handlers.getDocument);
