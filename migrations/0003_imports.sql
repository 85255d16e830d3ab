-- Bulk imports (issue 10): POST /v1/imports stores texts as 'pending' documents and queues their
-- analysis; the queue consumer writes their records. Additive: new tables only.

-- One row per import (POST /v1/imports) or re-analysis (POST /v1/reanalyze). The counts known when
-- it was accepted are kept here; analyzed/failed are counted from import_items when read.
CREATE TABLE imports (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('import', 'reanalyze')),
  lines      INTEGER NOT NULL CHECK (lines >= 0),
  stored     INTEGER NOT NULL CHECK (stored >= 0),
  duplicate  INTEGER NOT NULL CHECK (duplicate >= 0),
  invalid    INTEGER NOT NULL CHECK (invalid >= 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- The documents an import waits for: each queued analysis, and how it ended. The consumer updates
-- these rows in the same batch that writes the document's records (or marks it failed).
CREATE TABLE import_items (
  import_id   TEXT NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  document_id TEXT NOT NULL,
  line        INTEGER,                       -- the NDJSON line (1-based); null for a re-analysis
  state       TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'analyzed', 'failed')),
  failure     TEXT,
  PRIMARY KEY (import_id, document_id)
) WITHOUT ROWID;
CREATE INDEX import_items_document ON import_items (document_id, state);
CREATE INDEX import_items_state ON import_items (import_id, state);

-- Lines that were not a valid submission: reported with their number and the reason.
CREATE TABLE import_rejections (
  import_id TEXT NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  line      INTEGER NOT NULL,
  reason    TEXT NOT NULL,
  PRIMARY KEY (import_id, line)
) WITHOUT ROWID;

-- Which documents a re-analysis must queue: those at another engine version (null included).
CREATE INDEX documents_engine_version ON documents (engine_version, id);
