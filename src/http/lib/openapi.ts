import { Scalar } from "@scalar/hono-api-reference";
import {
  ComparisonSchema,
  ContestedTermsSchema,
  ContrastSchema,
  SideSchema,
  TopicComparisonSchema,
} from "../../model/comparison";
import { DocumentMetaSchema } from "../../model/document";
import { SpanSchema, SpeakerSchema, StanceRecordSchema } from "../../model/record";
import { ActorSchema, FrameSchema, TopicSchema } from "../../model/taxonomy";
import type { AppOpenAPI } from "./app-types";
import { ProblemSchema } from "./problem";

export const API_VERSION = "1.0.0";

/** Named components, so clients generated from the document get readable type names. */
function registerComponents(app: AppOpenAPI): void {
  const registry = app.openAPIRegistry;
  registry.register("Actor", ActorSchema);
  registry.register("Topic", TopicSchema);
  registry.register("Frame", FrameSchema);
  registry.register("Span", SpanSchema);
  registry.register("Speaker", SpeakerSchema);
  registry.register("StanceRecord", StanceRecordSchema);
  registry.register("DocumentMeta", DocumentMetaSchema);
  registry.register("Side", SideSchema);
  registry.register("Contrast", ContrastSchema);
  registry.register("TopicComparison", TopicComparisonSchema);
  registry.register("Comparison", ComparisonSchema);
  registry.register("ContestedTerms", ContestedTermsSchema);
  registry.register("Problem", ProblemSchema);
}

export function configureOpenApi(app: AppOpenAPI): void {
  registerComponents(app);
  app.doc31("/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: {
      title: "Stance Desk API",
      version: API_VERSION,
      description:
        "How two actors (by default the United States and China) frame each topic, side by side, with verbatim evidence: every quote is an exact slice of a stored document (text.slice(span.start, span.end) === quote). Errors are RFC 9457 application/problem+json.",
    },
    servers: [{ url: new URL(c.req.url).origin }],
  }));
  app.get("/docs", Scalar({ url: "/openapi.json", pageTitle: "Stance Desk API reference" }));
}
