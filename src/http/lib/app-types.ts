import type { OpenAPIHono, RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { StorageState } from "../../storage/corpus";
import type { CorpusStore } from "../../storage/corpus-store";

export interface AppBindings {
  Bindings: Env;
  Variables: {
    /** The corpus the read routes answer from (bundled + stored). */
    store: CorpusStore;
    /** Its version: part of every cache key and memo key. */
    version: string;
    storage: StorageState;
  };
}

export type AppOpenAPI = OpenAPIHono<AppBindings>;
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppBindings>;
