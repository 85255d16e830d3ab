-- Listing records by actor and/or topic in id order (the keyset of /v1/records) straight from an
-- index: measured before this, `/v1/records?actor=CN&topic=taiwan` read 25,066 rows at 5,000
-- documents, walking every Taiwan record to find the Chinese ones.
CREATE INDEX records_actor_id ON records (actor, id);
CREATE INDEX topic_records_by_id ON topic_records (topic, actor, record_id);
