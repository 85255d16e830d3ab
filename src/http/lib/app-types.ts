import type { OpenAPIHono, RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { CorpusIndex } from "../../engine/corpus-index";

export interface AppBindings {
  Bindings: Env;
  Variables: {
    corpus: CorpusIndex;
  };
}

export type AppOpenAPI = OpenAPIHono<AppBindings>;
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppBindings>;
