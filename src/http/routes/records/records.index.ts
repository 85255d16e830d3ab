import { createRouter } from "../../lib/create-app";
import * as handlers from "./records.handlers";
import * as routes from "./records.routes";

export const recordsRouter = createRouter().openapi(routes.listRecords, handlers.listRecords);
