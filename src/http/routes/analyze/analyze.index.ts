import { createRouter } from "../../lib/create-app";
import { SubmissionSchema } from "../../lib/submission";
import * as handlers from "./analyze.handlers";
import * as routes from "./analyze.routes";

export const analyzeRouter = createRouter().openapi(routes.analyze, handlers.analyze);

analyzeRouter.openAPIRegistry.register("Submission", SubmissionSchema);
