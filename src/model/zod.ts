import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

// The model's schemas double as the OpenAPI document's components. With zod 4 a schema only gets
// `.openapi()` if zod was extended before the schema was created, so every model module takes its
// `z` from here rather than relying on which module happens to load first.
extendZodWithOpenApi(z);

export { z };

// Workers forbid `new Function`, so zod's schema JIT never runs in production. Saying so here puts
// Node (tests, the CLI, benches) on the same code path and spares the isolate compiling each schema
// on its first parse, which is most of the cost of validating the bundled data at start-up.
z.config({ jitless: true });
