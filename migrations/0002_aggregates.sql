-- Storage that scales (issue 9): reads are answered from aggregates and indexed evidence, so no
-- request loads the corpus. Additive: new columns and tables only, existing rows are kept and the
-- new structures are filled from them at the end of this file.
--
-- Every aggregate row is updated in the same D1 batch as the insert or delete that changes it
-- (src/storage/d1-store.ts), from contributions computed by one function shared with the in-memory
-- reference store (src/storage/contributions.ts).

-- What the read paths filter on, computed on write (in JavaScript, so `source_key` is lower-cased
-- by Unicode rules, as the API compares sources).
ALTER TABLE documents ADD COLUMN source_key TEXT NOT NULL DEFAULT '';          -- lower(trim(source)), '' none
ALTER TABLE documents ADD COLUMN month TEXT NOT NULL DEFAULT '';               -- 'YYYY-MM' of published_at, '' none
ALTER TABLE documents ADD COLUMN published TEXT NOT NULL DEFAULT '';           -- published_at or '', the evidence order
-- Analysis state (bulk imports analyse after storing). Existing rows were analysed on insert.
ALTER TABLE documents ADD COLUMN status TEXT NOT NULL DEFAULT 'analyzed' CHECK (status IN ('pending', 'analyzed', 'failed'));
ALTER TABLE documents ADD COLUMN engine_version TEXT;                          -- null: an engine before versions
ALTER TABLE documents ADD COLUMN failure TEXT;
-- Bumped by every change to the document's records: writes that read first guard on it.
ALTER TABLE documents ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE INDEX documents_source_key ON documents (source_key, id);
CREATE INDEX documents_published ON documents (published, id);
CREATE INDEX documents_status ON documents (status, id);

-- Records carry their quote: evidence is served without reading a document's text. The write
-- batch checks it against the stored text (verbatim_guard below).
ALTER TABLE records ADD COLUMN quote TEXT;

-- Evidence: the most recent records of one actor on one topic, straight from an index.
-- actor '' stands for narration (null).
CREATE TABLE topic_records (
  topic       TEXT NOT NULL,
  actor       TEXT NOT NULL,
  published   TEXT NOT NULL,
  document_id TEXT NOT NULL,
  span_start  INTEGER NOT NULL,
  record_id   TEXT NOT NULL,
  source_key  TEXT NOT NULL,
  PRIMARY KEY (topic, actor, published, document_id, span_start, record_id)
) WITHOUT ROWID;
CREATE INDEX topic_records_document ON topic_records (document_id);

-- Counts and posture sums per period × source × actor × topic × frame.
--   period: '' all time, or 'YYYY-MM';  source_key: '' every source, or one source's key;
--   actor: '' narration;  topic: '' any topic (each record once, frame '' only);  frame: '' the record count.
-- posture_milli is the sum of round(posture × 1000): integers, so adding and subtracting in any
-- order gives back exactly a recomputation.
CREATE TABLE stance_aggregates (
  period        TEXT NOT NULL,
  source_key    TEXT NOT NULL,
  actor         TEXT NOT NULL,
  topic         TEXT NOT NULL,
  frame         TEXT NOT NULL,
  records       INTEGER NOT NULL CHECK (records >= 0),
  posture_milli INTEGER NOT NULL,
  PRIMARY KEY (source_key, actor, period, topic, frame)
) WITHOUT ROWID;
-- All-time counts per topic or actor (/v1/topics, /v1/actors), and one topic's months (timeline).
CREATE INDEX stance_aggregates_period ON stance_aggregates (source_key, period, frame, topic, actor);
CREATE INDEX stance_aggregates_topic ON stance_aggregates (source_key, topic, frame, actor, period);

-- Contested vocabulary, per actor (never narration) and word stem: how many records use it, with
-- which frames, in which surface forms; and the records themselves, newest first, for evidence.
CREATE TABLE term_frames (
  actor   TEXT NOT NULL,
  stem    TEXT NOT NULL,
  frame   TEXT NOT NULL,   -- '' = records using the stem
  records INTEGER NOT NULL CHECK (records >= 0),
  PRIMARY KEY (actor, stem, frame)
) WITHOUT ROWID;
-- The stems an actor uses (frame ''), without reading every frame row of every stem.
CREATE INDEX term_frames_stems ON term_frames (actor, frame, stem);
CREATE TABLE term_forms (
  actor TEXT NOT NULL,
  stem  TEXT NOT NULL,
  form  TEXT NOT NULL,
  uses  INTEGER NOT NULL CHECK (uses >= 0),
  PRIMARY KEY (actor, stem, form)
) WITHOUT ROWID;
CREATE TABLE record_terms (
  actor       TEXT NOT NULL,
  stem        TEXT NOT NULL,
  published   TEXT NOT NULL,
  document_id TEXT NOT NULL,
  span_start  INTEGER NOT NULL,
  record_id   TEXT NOT NULL,
  forms       TEXT NOT NULL CHECK (json_valid(forms)),
  PRIMARY KEY (actor, stem, published, document_id, span_start, record_id)
) WITHOUT ROWID;
CREATE INDEX record_terms_document ON record_terms (document_id);

-- Inserting a 0 here fails the CHECK and so the whole batch: a write statement selects a 0 only
-- when something it must not store is about to be stored (a quote that is not a verbatim slice,
-- a document changed since it was read).
CREATE TABLE verbatim_guard (ok INTEGER NOT NULL CHECK (ok = 1));

-- Corpus totals, kept with the version, so /v1/health counts nothing.
ALTER TABLE corpus_version ADD COLUMN documents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE corpus_version ADD COLUMN records INTEGER NOT NULL DEFAULT 0;

-- ---------------------------------------------------------------------------------------------
-- Backfill from the rows stored before this migration.
UPDATE documents SET
  source_key = lower(trim(coalesce(source, ''))),
  published = coalesce(published_at, ''),
  month = CASE WHEN published_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]*' THEN substr(published_at, 1, 7) ELSE '' END;

-- substr() counts code points and spans count UTF-16 units: the two agree when the text has no
-- character outside the BMP, i.e. when length(text) (code points) equals the stored UTF-16 length.
-- Quotes of other documents stay null and are sliced from the text when read (d1-store.ts).
UPDATE records SET quote = (
  SELECT substr(d.text, records.span_start + 1, records.span_end - records.span_start)
  FROM documents d WHERE d.id = records.document_id AND length(d.text) = d.length
);

INSERT INTO topic_records (topic, actor, published, document_id, span_start, record_id, source_key)
SELECT rt.topic, coalesce(r.actor, ''), d.published, d.id, r.span_start, r.id, d.source_key
FROM record_topics rt JOIN records r ON r.id = rt.record_id JOIN documents d ON d.id = r.document_id;

-- One row per (record, period, source, topic, frame) contribution, then summed: the same rows
-- src/storage/contributions.ts computes for every later write.
WITH rec AS (
  SELECT r.id, coalesce(r.actor, '') AS actor, CAST(round(r.posture * 1000) AS INTEGER) AS pm,
         r.topics, r.frames, d.month, d.source_key
  FROM records r JOIN documents d ON d.id = r.document_id
),
tf AS (
  SELECT actor, pm, month, source_key, '' AS topic, '' AS frame FROM rec
  UNION ALL SELECT actor, pm, month, source_key, t.value, '' FROM rec, json_each(rec.topics) AS t
  UNION ALL SELECT actor, pm, month, source_key, t.value, f.value
            FROM rec, json_each(rec.topics) AS t, json_each(rec.frames) AS f
),
ps AS (
  SELECT '' AS period, '' AS source_key, actor, topic, frame, pm FROM tf
  UNION ALL SELECT month, '', actor, topic, frame, pm FROM tf WHERE month != ''
  UNION ALL SELECT '', source_key, actor, topic, frame, pm FROM tf WHERE source_key != ''
  UNION ALL SELECT month, source_key, actor, topic, frame, pm FROM tf WHERE month != '' AND source_key != ''
)
INSERT INTO stance_aggregates (period, source_key, actor, topic, frame, records, posture_milli)
SELECT period, source_key, actor, topic, frame, count(*), sum(pm) FROM ps
GROUP BY period, source_key, actor, topic, frame;

-- Word stems are computed by the engine (JavaScript): term tables cannot be filled here. Documents
-- from before this migration keep engine_version null, and `POST /v1/reanalyze` re-derives their
-- records and term statistics (README: upgrading a database).
UPDATE corpus_version SET
  documents = (SELECT count(*) FROM documents),
  records = (SELECT count(*) FROM records),
  counter = counter + 1
WHERE id = 1;
