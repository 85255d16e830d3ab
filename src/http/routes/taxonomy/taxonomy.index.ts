import { createRouter } from "../../lib/create-app";
import * as handlers from "./taxonomy.handlers";
import * as routes from "./taxonomy.routes";

export const taxonomyRouter = createRouter()
  .openapi(routes.listActors, handlers.listActors)
  .openapi(routes.listTopics, handlers.listTopics)
  .openapi(routes.getTopic, handlers.getTopic)
  .openapi(routes.compareTopic, handlers.compareTopic)
  .openapi(routes.listFrames, handlers.listFrames);
