/** D1 failed (unreachable, or migrations not applied); the HTTP layer answers 503. */
export class StorageUnavailableError extends Error {
  /** The database answers but has no schema: an operator's fix, not a retry's. */
  readonly schemaMissing: boolean;

  constructor(options: { cause: unknown }) {
    super("The document store is unavailable.", options);
    this.name = "StorageUnavailableError";
    const cause = options.cause instanceof Error ? options.cause.message : String(options.cause);
    this.schemaMissing = /no such table|no such column|corpus_version row missing/i.test(cause);
  }
}

/** A read-then-write lost the race to other writes of the same document every time it tried. */
export class WriteConflictError extends Error {
  constructor(options: { cause: unknown }) {
    super("Concurrent writes kept changing this document while it was being written. Try again.", options);
    this.name = "WriteConflictError";
  }
}
