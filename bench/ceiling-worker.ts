// Entry point for `wrangler dev bench/ceiling-worker.ts`: the ceiling app as a worker.
import { createCeilingApp } from "./ceiling-app";

export default createCeilingApp();
