-- Stored corpus: documents added through POST /v1/documents, their stance records, and the
-- version row every read compares against its cached index (and that keys the Cache API).
-- Applied with `wrangler d1 migrations apply DB --local` (npm run dev) or `--remote` (deploys).

-- The text is stored exactly as submitted; quotes are not stored but sliced from it on load,
-- so a returned quote is a verbatim slice of the stored text by construction.
CREATE TABLE documents (
  id           TEXT PRIMARY KEY,
  sha256       TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64), -- idempotency key
  title        TEXT NOT NULL CHECK (length(title) > 0),
  source       TEXT,
  url          TEXT,
  published_at TEXT,                                              -- ISO 8601 date or date-time
  language     TEXT NOT NULL,
  synthetic    INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
  notes        TEXT,
  text         TEXT NOT NULL CHECK (length(text) > 0),
  length       INTEGER NOT NULL CHECK (length > 0),               -- UTF-16 code units, as in the API
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX documents_published_at ON documents (published_at);
CREATE INDEX documents_source ON documents (source COLLATE NOCASE);

CREATE TABLE records (
  id          TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  actor       TEXT CHECK (actor IS NULL OR (length(actor) = 2 AND actor = upper(actor))),
  kind        TEXT NOT NULL CHECK (kind IN ('direct-quote', 'reported-speech', 'narration')),
  method      TEXT NOT NULL CHECK (method IN ('annotated', 'extracted')),
  posture     REAL NOT NULL CHECK (posture BETWEEN -1 AND 1),
  confidence  REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  span_start  INTEGER NOT NULL CHECK (span_start >= 0),
  span_end    INTEGER NOT NULL CHECK (span_end > span_start),
  topics      TEXT NOT NULL CHECK (json_valid(topics) AND json_array_length(topics) > 0),
  frames      TEXT NOT NULL CHECK (json_valid(frames) AND json_array_length(frames) > 0),
  speaker     TEXT CHECK (speaker IS NULL OR json_valid(speaker)),
  cues        TEXT CHECK (cues IS NULL OR json_valid(cues)),
  via         TEXT
);
CREATE INDEX records_document ON records (document_id, span_start);
CREATE INDEX records_actor ON records (actor);

-- One row per (topic, record): the topic filter as an index rather than a JSON scan.
CREATE TABLE record_topics (
  topic     TEXT NOT NULL,
  record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  PRIMARY KEY (topic, record_id)
) WITHOUT ROWID;
CREATE INDEX record_topics_record ON record_topics (record_id);

-- Exactly one row. `epoch` is random per database, so a recreated database never reuses the
-- version string (and cache keys) of an old one; `counter` is bumped in the same batch as every
-- insert or delete.
CREATE TABLE corpus_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  epoch   TEXT NOT NULL,
  counter INTEGER NOT NULL CHECK (counter >= 0)
);
INSERT INTO corpus_version (id, epoch, counter) VALUES (1, lower(hex(randomblob(6))), 0);
