/**
 * The version of the extraction rules. Bump it with every change to src/engine/extract/ that can
 * change a record: stored documents analysed by an older version (or with an older taxonomy) are
 * what `POST /v1/reanalyze` re-queues.
 */
// 2026.12.3: a title that is only the text's first line is no longer given to the engine (engineTitle).
export const ENGINE_VERSION = "2026.12.3";
