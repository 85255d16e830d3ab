import { createRoute } from "@hono/zod-openapi";
import { HealthSchema } from "../../schemas/responses";

export const health = createRoute({
  method: "get",
  path: "/v1/health",
  tags: ["Service"],
  summary: "Liveness, with the corpus version and size",
  responses: { 200: { description: "The service is up", content: { "application/json": { schema: HealthSchema } } } },
});

export type HealthRoute = typeof health;
