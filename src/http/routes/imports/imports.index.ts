import { createRouter } from "../../lib/create-app";
import * as handlers from "./imports.handlers";
import * as routes from "./imports.routes";

export const importsRouter = createRouter()
  .openapi(routes.createImport, handlers.createImport)
  .openapi(routes.knownTexts, handlers.knownTexts)
  .openapi(routes.getImport, handlers.getImport)
  .openapi(routes.reanalyze, handlers.reanalyze);
