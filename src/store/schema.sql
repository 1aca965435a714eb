-- store/schema.sql — the giji database, schema version 8.
--
-- Responsible for: tables, constraints and indexes. Executed once, inside
-- one transaction, when giji_store_open() finds a database without `meta`.
-- Not responsible for: upgrades (store/open.c runs the part from the marker
-- "schema version N" to the end on a version N-1 database) or any data
-- besides meta.
--
-- Conventions: ids are INTEGER PRIMARY KEY (rowid aliases); unknown values
-- are NULL, never '' or -1; text is UTF-8 as giji produced it; line numbers
-- are 1-based lines of the source file; seq columns are 1-based positions
-- inside a meeting. Everything below a source is deleted with it (ON DELETE
-- CASCADE), which is how a changed input file replaces its old meeting.

-- Key/value facts about the database itself.
--   schema_version  : '8'; a giji that knows a lower version refuses the file. A newer
--                     giji upgrades a version 2 to 7 file (adding the metrics
--                     cache, the full-text index, the derived counts, the index's
--                     batch fill, the 2-character search, the remark columns and
--                     the metrics cache's counts)
--                     and refuses older ones
--                     (re-ingest: the minutes are the source).
--   batch           : 'open' only inside a batch's transaction: new remarks are then
--                     listed in remarks_pending (schema version 5).
--   bulk            : 'pending' while a bulk load runs, or after one was killed:
--                     remarks_pending then keeps its remarks across batches, and
--                     the index mentions_entity may be missing, until the load's end
--                     or the next giji_store_open makes them (store/bulk.c). Only a
--                     key of meta, so no new schema version: a giji before it
--                     indexes the pending remarks at its first batch's commit.
--   content_version : counter bumped by every write that changes content,
--                     so derived artefacts (graphs, layouts) know they are stale.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('schema_version', '8'), ('content_version', '0');

-- One row per ingested input file. The same bytes are stored once (sha256
-- is unique): re-ingesting them under any name changes nothing.
CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,      -- base name of the file
    path        TEXT NOT NULL,             -- path as given at ingest
    sha256      TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    size        INTEGER NOT NULL CHECK (size >= 0),
    encoding    TEXT,                      -- giji_encoding_name() of the input
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- One meeting per source. A file that holds several meetings is stored as
-- one source per meeting: NAME, NAME#2, ... (docs/architecture.md).
CREATE TABLE meetings (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL UNIQUE REFERENCES sources (id) ON DELETE CASCADE,
    body        TEXT,
    parent_body TEXT,
    title       TEXT,
    kind        TEXT,                      -- 議事概要 / 議事要旨 / 議事録
    session     INTEGER,                   -- 第14回 -> 14
    date        TEXT,                      -- YYYY-MM-DD
    start_time  TEXT,                      -- HH:MM
    end_time    TEXT,                      -- HH:MM
    place       TEXT
);
CREATE INDEX meetings_date ON meetings (date);

-- People, merged across meetings by name with white space removed.
-- display keeps the first spelling seen ("菅 義偉"); each attendance keeps
-- its own. Persons no longer referenced after a replacement are deleted in
-- the same transaction (see store/put.c), so this table lists exactly the
-- people of the stored corpus.
CREATE TABLE persons (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE CHECK (name <> ''),
    display TEXT NOT NULL
);

-- Attendee lists, in the order of the minutes.
CREATE TABLE attendances (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL CHECK (seq >= 1),
    person_id  INTEGER NOT NULL REFERENCES persons (id),
    display    TEXT NOT NULL,              -- name as written in this meeting
    role       TEXT NOT NULL DEFAULT '',   -- role or affiliation; '' when none
    grp        INTEGER NOT NULL DEFAULT 0, -- 0 main list; 1, 2...: "上記のほか"
    present    INTEGER NOT NULL DEFAULT 1 CHECK (present IN (0, 1)),
    proxy_for  INTEGER REFERENCES persons (id),  -- the absent member represented
    line       INTEGER NOT NULL,
    UNIQUE (meeting_id, seq)
);
CREATE INDEX attendances_person ON attendances (person_id);
-- Also serves the foreign key check when a person is deleted.
CREATE INDEX attendances_proxy ON attendances (proxy_for);

-- Remarks, in the order of the minutes.
CREATE TABLE remarks (
    id            INTEGER PRIMARY KEY,
    meeting_id    INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    speaker_id    INTEGER REFERENCES persons (id),   -- NULL: unknown speaker
    speaker_label TEXT,                              -- label as written
    attribution   TEXT NOT NULL
                  CHECK (attribution IN ('explicit', 'chair', 'inferred', 'none')),
    text          TEXT NOT NULL,
    line          INTEGER NOT NULL,
    last_line     INTEGER NOT NULL,
    cue           TEXT,                              -- why 'inferred'
    UNIQUE (meeting_id, seq)
);
CREATE INDEX remarks_speaker ON remarks (speaker_id);

-- Agenda and decision items.
CREATE TABLE agenda (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL CHECK (seq >= 1),
    text       TEXT NOT NULL,
    PRIMARY KEY (meeting_id, seq)
);

-- What segmentation was unsure about, with the source line.
CREATE TABLE warnings (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL CHECK (seq >= 1),   -- keeps the reported order
    line       INTEGER NOT NULL,
    message    TEXT NOT NULL,
    PRIMARY KEY (meeting_id, seq)
);

-- Named things (organisations, laws, plans...) found in remarks; types and
-- what counts as a mention: docs/entity-types.md. Merged across meetings by
-- name. discovered = 0 for entities listed in the gazetteer (data/gazetteer/
-- or a user's --gazetteer file), 1 for entities proposed by discovery (the
-- type is then a guess). A gazetteer entity never becomes a discovered one;
-- a discovered one is promoted (discovered = 0, gazetteer type) when a
-- gazetteer lists it. Discovered entities that no remark mentions and that
-- are nobody's parent are deleted by every put (see store/put.c), so they
-- leave with the last meeting that mentioned them; gazetteer entities stay.
CREATE TABLE entities (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (name <> ''),
    -- giji_entity_type_name() order: the type enum is an index into this list.
    type       TEXT NOT NULL
               CHECK (type IN ('ministry', 'isac', 'law', 'policy', 'event', 'country',
                               'org', 'topic')),
    parent_id  INTEGER REFERENCES entities (id) ON DELETE SET NULL,
    discovered INTEGER NOT NULL DEFAULT 0 CHECK (discovered IN (0, 1)),
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX entities_parent ON entities (parent_id);

-- Other names of an entity (abbreviations, spellings). The primary key is
-- the unique index on (entity_id, alias) that makes re-storing an alias a
-- no-op (INSERT ... ON CONFLICT DO NOTHING in store/put.c).
CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    alias     TEXT NOT NULL CHECK (alias <> ''),
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX entity_aliases_alias ON entity_aliases (alias);

-- Where an entity is mentioned: code point offsets into remarks.text,
-- end exclusive. rule is NULL for a gazetteer match, else the discovery
-- rule (data/discovery.tsv) that found the mention: the evidence shown by
-- `giji candidates`.
CREATE TABLE mentions (
    remark_id INTEGER NOT NULL REFERENCES remarks (id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    "start"   INTEGER NOT NULL CHECK ("start" >= 0),
    "end"     INTEGER NOT NULL CHECK ("end" >= "start"),
    surface   TEXT NOT NULL,
    rule      TEXT
);
CREATE INDEX mentions_remark ON mentions (remark_id, "start");
CREATE INDEX mentions_entity ON mentions (entity_id);

-- ---- schema version 3 ----
-- Everything from the line above to the end was added by version 3; a
-- version 2 database is upgraded by running it (store/open.c), so it must
-- stay at the end of this file and only create new objects.

-- The metrics of graphs (docs/graph-model.md#cache), derived data: keyed by
-- the canonical text of a graph specification (giji_graph_spec_key) and
-- valid for one meta.content_version. Storing metrics deletes the entries of
-- older content versions; nothing else refers to these tables, and writing
-- them does not change content_version.
CREATE TABLE metrics_cache (
    id              INTEGER PRIMARY KEY,
    spec            TEXT NOT NULL UNIQUE,
    content_version INTEGER NOT NULL,
    nodes           INTEGER NOT NULL CHECK (nodes >= 0),
    edges           INTEGER NOT NULL CHECK (edges >= 0),
    modularity      REAL NOT NULL,
    communities     INTEGER NOT NULL CHECK (communities >= 0),
    cutoff          REAL NOT NULL CHECK (cutoff >= 0),    -- betweenness, harmonic: 0 or the cutoff
    samples         INTEGER NOT NULL CHECK (samples >= 0), -- 0 or the sampled sources
    computed_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX metrics_cache_version ON metrics_cache (content_version);

-- One row per node of a cached graph, in the graph's node order (seq from 0).
-- (Until version 8, which replaces it with the blobs of metrics_cache_data.)
-- kind: 0 person (node_id = persons.id), 1 entity (entities.id),
-- 2 unattributed (meetings.id). Not foreign keys: the entry describes the
-- database as of its content_version and is dropped when that changes.
CREATE TABLE metrics_cache_nodes (
    cache_id    INTEGER NOT NULL REFERENCES metrics_cache (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL CHECK (seq >= 0),
    kind        INTEGER NOT NULL CHECK (kind IN (0, 1, 2)),
    node_id     INTEGER NOT NULL,
    degree      REAL NOT NULL,
    strength    REAL NOT NULL,
    betweenness REAL NOT NULL,
    harmonic    REAL NOT NULL,
    eigenvector REAL NOT NULL,
    pagerank    REAL NOT NULL,
    community   INTEGER NOT NULL,
    PRIMARY KEY (cache_id, seq)
) WITHOUT ROWID;

-- ---- full-text search over remarks (giji search, giji who; store/query.c) ----
-- Only creates new objects, and fills the derived ones from what is already
-- stored, so it can also be run on a database of an earlier version as an
-- upgrade.
--
-- An external-content FTS5 index of remarks.text with the trigram tokenizer
-- (substring search, case-insensitive, works for Japanese without word
-- segmentation; queries must be at least 3 characters long, shorter ones are
-- answered by a scan). The index holds no copy of the text: it reads it
-- from remarks by rowid (= remarks.id). The triggers keep it in sync inside
-- the transaction that changes remarks, including the deletes that cascade
-- from a replaced source, so every writer (giji_store_put and a user's
-- sqlite3 alike) keeps it right.
CREATE VIRTUAL TABLE remarks_fts USING fts5 (
    text, content = 'remarks', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER remarks_fts_insert AFTER INSERT ON remarks BEGIN
    INSERT INTO remarks_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER remarks_fts_delete AFTER DELETE ON remarks BEGIN
    INSERT INTO remarks_fts (remarks_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER remarks_fts_update AFTER UPDATE OF text ON remarks BEGIN
    INSERT INTO remarks_fts (remarks_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO remarks_fts (rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO remarks_fts (remarks_fts) VALUES ('rebuild');

-- Indexes of the queries (giji who, topics, remarks, timeline).
--
-- The attendance of a person at a meeting: their role at the time.
CREATE INDEX attendances_meeting_person ON attendances (meeting_id, person_id);
-- The remarks of a meeting by speaker: how many have no known speaker
-- (giji topics, giji meetings) without reading the remark rows.
CREATE INDEX remarks_meeting_speaker ON remarks (meeting_id, speaker_id);

-- Which remarks mention which entity, with what ranking their speakers
-- needs: derived from mentions and remarks by the triggers below (one row
-- per entity and remark, `mentions` counting the mentions), so that
-- `giji who` and `giji timeline` read one contiguous range per entity
-- instead of visiting every remark row (whose text makes them wide). It
-- follows inserts and deletes of mentions, including the deletes that
-- cascade from a replaced source. label is the remark's speaker_label when
-- its speaker is unknown (NULL otherwise); inferred is 1 for attribution
-- 'inferred'.
CREATE TABLE entity_remarks (
    entity_id  INTEGER NOT NULL,
    remark_id  INTEGER NOT NULL,
    meeting_id INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    speaker_id INTEGER,
    label      TEXT,
    inferred   INTEGER NOT NULL,
    mentions   INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (entity_id, remark_id)
) WITHOUT ROWID;
CREATE TRIGGER entity_remarks_insert AFTER INSERT ON mentions BEGIN
    INSERT INTO entity_remarks (entity_id, remark_id, meeting_id, seq, speaker_id, label, inferred)
    SELECT new.entity_id, r.id, r.meeting_id, r.seq, r.speaker_id,
           CASE WHEN r.speaker_id IS NULL THEN r.speaker_label END, r.attribution = 'inferred'
    FROM remarks r WHERE r.id = new.remark_id
    ON CONFLICT (entity_id, remark_id) DO UPDATE SET mentions = mentions + 1;
END;
-- giji never changes a stored remark; a user's UPDATE through sqlite3 is
-- followed too (scanning entity_remarks: it has no index by remark).
CREATE TRIGGER entity_remarks_remark AFTER UPDATE OF meeting_id, seq, speaker_id, speaker_label,
    attribution ON remarks BEGIN
    UPDATE entity_remarks SET meeting_id = new.meeting_id, seq = new.seq, speaker_id = new.speaker_id,
        label = CASE WHEN new.speaker_id IS NULL THEN new.speaker_label END,
        inferred = new.attribution = 'inferred'
    WHERE remark_id = new.id;
END;
CREATE TRIGGER entity_remarks_delete AFTER DELETE ON mentions BEGIN
    UPDATE entity_remarks SET mentions = mentions - 1
    WHERE entity_id = old.entity_id AND remark_id = old.remark_id;
    DELETE FROM entity_remarks
    WHERE entity_id = old.entity_id AND remark_id = old.remark_id AND mentions <= 0;
END;
INSERT INTO entity_remarks (entity_id, remark_id, meeting_id, seq, speaker_id, label, inferred, mentions)
SELECT m.entity_id, r.id, r.meeting_id, r.seq, r.speaker_id,
       CASE WHEN r.speaker_id IS NULL THEN r.speaker_label END, r.attribution = 'inferred', count(*)
FROM mentions m JOIN remarks r ON r.id = m.remark_id GROUP BY m.entity_id, r.id;

-- ---- schema version 4 ----
-- Everything from the line above to the end was added by version 4; a
-- version 3 database is upgraded by running it (and a version 2 one by
-- running the version 3 part, then this), so it must stay at the end of this
-- file and only create new objects.

-- Counts derived from entity_remarks, so that the questions asked of the
-- most mentioned entities answer in time proportional to their speakers or
-- meetings, not to their remarks (hundreds of thousands in a large corpus):
-- `giji who` ranks the speakers from entity_speakers, and `giji timeline`
-- and the meeting counts read entity_meetings. Triggers on entity_remarks
-- keep both exact: an insert counts, a delete (also those that cascade from
-- a replaced source) uncounts, and a row whose count falls to 0 goes.
--
-- entity_speakers: one row per entity and speaker. A known speaker is its
-- person id with label ''; an unknown one is speaker_id 0 with the label
-- as written ('' when there was none: an anonymous remark). (NULLs cannot
-- be part of a WITHOUT ROWID primary key.)
CREATE TABLE entity_speakers (
    entity_id  INTEGER NOT NULL,
    speaker_id INTEGER NOT NULL,
    label      TEXT NOT NULL,
    remarks    INTEGER NOT NULL,
    inferred   INTEGER NOT NULL,
    PRIMARY KEY (entity_id, speaker_id, label)
) WITHOUT ROWID;
-- entity_meetings: one row per entity and meeting; anonymous counts the
-- remarks among them with neither a speaker nor a label, mentions the
-- mentions in them.
CREATE TABLE entity_meetings (
    entity_id  INTEGER NOT NULL,
    meeting_id INTEGER NOT NULL,
    remarks    INTEGER NOT NULL,
    anonymous  INTEGER NOT NULL,
    mentions   INTEGER NOT NULL,
    PRIMARY KEY (entity_id, meeting_id)
) WITHOUT ROWID;
CREATE TRIGGER entity_counts_insert AFTER INSERT ON entity_remarks
    WHEN (SELECT value FROM meta WHERE key = 'derived_counts') = 'live' BEGIN
    INSERT INTO entity_speakers (entity_id, speaker_id, label, remarks, inferred)
    VALUES (new.entity_id, coalesce(new.speaker_id, 0), coalesce(new.label, ''), 1, new.inferred)
    ON CONFLICT (entity_id, speaker_id, label)
    DO UPDATE SET remarks = remarks + 1, inferred = inferred + excluded.inferred;
    INSERT INTO entity_meetings (entity_id, meeting_id, remarks, anonymous, mentions)
    VALUES (new.entity_id, new.meeting_id, 1, new.speaker_id IS NULL AND new.label IS NULL, new.mentions)
    ON CONFLICT (entity_id, meeting_id)
    DO UPDATE SET remarks = remarks + 1, anonymous = anonymous + excluded.anonymous,
                  mentions = mentions + excluded.mentions;
END;
CREATE TRIGGER entity_counts_delete AFTER DELETE ON entity_remarks
    WHEN (SELECT value FROM meta WHERE key = 'derived_counts') = 'live' BEGIN
    UPDATE entity_speakers SET remarks = remarks - 1, inferred = inferred - old.inferred
    WHERE entity_id = old.entity_id AND speaker_id = coalesce(old.speaker_id, 0)
      AND label = coalesce(old.label, '');
    DELETE FROM entity_speakers
    WHERE entity_id = old.entity_id AND speaker_id = coalesce(old.speaker_id, 0)
      AND label = coalesce(old.label, '') AND remarks <= 0;
    UPDATE entity_meetings SET remarks = remarks - 1,
        anonymous = anonymous - (old.speaker_id IS NULL AND old.label IS NULL),
        mentions = mentions - old.mentions
    WHERE entity_id = old.entity_id AND meeting_id = old.meeting_id;
    DELETE FROM entity_meetings
    WHERE entity_id = old.entity_id AND meeting_id = old.meeting_id AND remarks <= 0;
END;
-- Only a user's UPDATE of remarks (through sqlite3) moves an entity_remarks
-- row between speakers or meetings: uncount the old, count the new (with
-- the old number of mentions: a change in that number is the next
-- trigger's, which may run before or after this one).
CREATE TRIGGER entity_counts_update AFTER UPDATE OF entity_id, meeting_id, speaker_id, label, inferred
    ON entity_remarks WHEN (SELECT value FROM meta WHERE key = 'derived_counts') = 'live' BEGIN
    UPDATE entity_speakers SET remarks = remarks - 1, inferred = inferred - old.inferred
    WHERE entity_id = old.entity_id AND speaker_id = coalesce(old.speaker_id, 0)
      AND label = coalesce(old.label, '');
    DELETE FROM entity_speakers
    WHERE entity_id = old.entity_id AND speaker_id = coalesce(old.speaker_id, 0)
      AND label = coalesce(old.label, '') AND remarks <= 0;
    UPDATE entity_meetings SET remarks = remarks - 1,
        anonymous = anonymous - (old.speaker_id IS NULL AND old.label IS NULL),
        mentions = mentions - old.mentions
    WHERE entity_id = old.entity_id AND meeting_id = old.meeting_id;
    DELETE FROM entity_meetings
    WHERE entity_id = old.entity_id AND meeting_id = old.meeting_id AND remarks <= 0;
    INSERT INTO entity_speakers (entity_id, speaker_id, label, remarks, inferred)
    VALUES (new.entity_id, coalesce(new.speaker_id, 0), coalesce(new.label, ''), 1, new.inferred)
    ON CONFLICT (entity_id, speaker_id, label)
    DO UPDATE SET remarks = remarks + 1, inferred = inferred + excluded.inferred;
    INSERT INTO entity_meetings (entity_id, meeting_id, remarks, anonymous, mentions)
    VALUES (new.entity_id, new.meeting_id, 1, new.speaker_id IS NULL AND new.label IS NULL, old.mentions)
    ON CONFLICT (entity_id, meeting_id)
    DO UPDATE SET remarks = remarks + 1, anonymous = anonymous + excluded.anonymous,
                  mentions = mentions + excluded.mentions;
END;
-- A remark's mentions of an entity counted up or down (a mention stored or
-- deleted when the remark already mentions the entity): the meeting's too.
-- An upsert, in case the row's meeting is being moved by the same UPDATE.
CREATE TRIGGER entity_counts_mentions AFTER UPDATE OF mentions ON entity_remarks
    WHEN new.mentions <> old.mentions AND (SELECT value FROM meta WHERE key = 'derived_counts') = 'live' BEGIN
    INSERT INTO entity_meetings (entity_id, meeting_id, remarks, anonymous, mentions)
    VALUES (new.entity_id, new.meeting_id, 0, 0, new.mentions - old.mentions)
    ON CONFLICT (entity_id, meeting_id) DO UPDATE SET mentions = mentions + excluded.mentions;
END;
-- 'live': the triggers above keep the counts; 'stale': a bulk load
-- suspended them (store/counts.c), and the queries do without them until
-- giji_store_counts_rebuild computes them again. Filled (and set 'live') by
-- store_counts_fill, on creation and on the upgrade from version 3.
INSERT OR REPLACE INTO meta (key, value) VALUES ('derived_counts', 'stale');

-- ---- schema version 5 ----
-- Everything from the line above to the end was added by version 5 (run on
-- a version 4 database to upgrade it, after the version 3 and 4 parts on
-- older ones), so it must stay at the end of this file.
--
-- What a remark derives, made once per batch instead of row by row. A batch
-- stored each file in a savepoint of its own (none since the writer's sixth
-- round: store/put.c, put_in_batch), and
--   - SQLite 3.40's FTS5 writes its pending terms out as a new segment at
--     every savepoint, the statements' too: one segment per file, merged
--     again and again as the index grows;
--   - entity_remarks, keyed by entity, takes each mention's row on a page
--     of its own, and every page a file touched was copied to the
--     savepoint's journal first.
-- Together they were half the writer's CPU in a large ingest. While a
-- batch is open (meta.batch = 'open', set and cleared inside the
-- batch's transaction by store/put.c, so no other connection ever sees it),
-- a new remark's id goes to remarks_pending instead of the full-text index,
-- its mentions leave entity_remarks alone, and the batch's commit makes both
-- for all pending remarks with one statement each (store/put.c,
-- index_pending_sql). Outside a batch, and for every other writer, the
-- triggers work row by row as before. A pending remark deleted before the
-- commit leaves the list (the index is never told about a remark it does
-- not hold); one changed stays on it and is indexed as it is at the commit.
CREATE TABLE remarks_pending (
    id INTEGER PRIMARY KEY              -- remarks.id
);
DROP TRIGGER remarks_fts_insert;
DROP TRIGGER remarks_fts_delete;
DROP TRIGGER remarks_fts_update;
DROP TRIGGER entity_remarks_insert;
CREATE TRIGGER remarks_fts_insert AFTER INSERT ON remarks
    WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'batch' AND value = 'open') BEGIN
    INSERT INTO remarks_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER remarks_pending_insert AFTER INSERT ON remarks
    WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'batch' AND value = 'open') BEGIN
    INSERT INTO remarks_pending (id) VALUES (new.id);
END;
CREATE TRIGGER remarks_fts_delete AFTER DELETE ON remarks BEGIN
    INSERT INTO remarks_fts (remarks_fts, rowid, text)
    SELECT 'delete', old.id, old.text
    WHERE NOT EXISTS (SELECT 1 FROM remarks_pending WHERE id = old.id);
    DELETE FROM remarks_pending WHERE id = old.id;
END;
CREATE TRIGGER remarks_fts_update AFTER UPDATE OF text ON remarks
    WHEN NOT EXISTS (SELECT 1 FROM remarks_pending WHERE id = old.id) BEGIN
    INSERT INTO remarks_fts (remarks_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO remarks_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER entity_remarks_insert AFTER INSERT ON mentions
    WHEN NOT EXISTS (SELECT 1 FROM remarks_pending WHERE id = new.remark_id) BEGIN
    INSERT INTO entity_remarks (entity_id, remark_id, meeting_id, seq, speaker_id, label, inferred)
    SELECT new.entity_id, r.id, r.meeting_id, r.seq, r.speaker_id,
           CASE WHEN r.speaker_id IS NULL THEN r.speaker_label END, r.attribution = 'inferred'
    FROM remarks r WHERE r.id = new.remark_id
    ON CONFLICT (entity_id, remark_id) DO UPDATE SET mentions = mentions + 1;
END;
-- A batch's terms in one segment where memory allows: FTS5 writes a segment
-- whenever its pending terms pass 'hashsize' bytes (1 MiB by default). 32 MiB
-- holds the terms of a batch of 16 MB of minutes in a few segments. Kept in
-- remarks_fts_config; it bounds memory only while a batch is indexed.
INSERT INTO remarks_fts (remarks_fts, rank) VALUES ('hashsize', 33554432);
-- And those segments merged when 8 of a level are there instead of 4: each
-- term is rewritten about half as many times as the index grows (adding
-- 100 MB to a 1 GiB corpus: 14% less CPU), for a few more segments to read
-- per query (bench/README.md, "The writer, schema 5").
INSERT INTO remarks_fts (remarks_fts, rank) VALUES ('automerge', 8);

-- ---- schema version 6 ----
-- Everything from the line above to the end was added by version 6 (run on
-- a version 5 database to upgrade it, after the older parts on older ones),
-- so it must stay at the end of this file.
--
-- Search for texts of two characters (情報, 米国, EU) through the trigram
-- index instead of a pass over every remark (store/fts.c): an occurrence
-- that is not at the very end of its remark begins a trigram, so the
-- remarks that hold it are those of the trigrams that begin with the text,
-- found in the index's vocabulary; the occurrence at the end, which begins
-- no trigram, is found by the remark's last two characters. Both are
-- maintained by SQLite for every writer: the vocabulary is a view of
-- remarks_fts, and the tail an index on an expression of remarks.text
-- (about 15 bytes a remark).
CREATE VIRTUAL TABLE remarks_fts_terms USING fts5vocab (remarks_fts, row);
CREATE INDEX remarks_tail ON remarks (substr(text, -2));

-- And a repair. The first version 5 databases (before 5827996) marked an
-- open batch with meta.fts_index = 'deferred', which their two insert
-- triggers still look for while giji sets meta.batch = 'open': such a
-- database indexed every remark row by row, right but slowly (adding
-- 100 MB to a 1 GiB corpus: 117 against 70 CPU-s). Both triggers are made
-- again as version 5 now has them (the same on any other database).
DROP TRIGGER remarks_fts_insert;
DROP TRIGGER remarks_pending_insert;
CREATE TRIGGER remarks_fts_insert AFTER INSERT ON remarks
    WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'batch' AND value = 'open') BEGIN
    INSERT INTO remarks_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER remarks_pending_insert AFTER INSERT ON remarks
    WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'batch' AND value = 'open') BEGIN
    INSERT INTO remarks_pending (id) VALUES (new.id);
END;
DELETE FROM meta WHERE key = 'fts_index';

-- ---- schema version 7 ----
-- Everything from the line above to the end was added by version 7.
--
-- The remark columns: each remark's meeting, speaker and attribution packed
-- into one blob per 1024 remark ids (chunk = id >> 10; 8 bytes a remark,
-- store/cols.c has the layout), so that `giji who` of a text found in
-- hundreds of thousands of remarks reads a few megabytes instead of every
-- matching row (1.9 s for a third of a 1 GiB corpus). The triggers list the
-- chunks a change touches; giji's writers rebuild the listed chunks before
-- they commit (store_cols_refresh), and a reader takes a chunk still listed
-- (changed by some other writer), or missing, from the remarks' rows instead.
-- Inside a batch the inserts are listed at its commit, as the range of ids
-- it added (store/put.c; a bulk load's too, batch by batch).
CREATE TABLE remark_cols (
    chunk INTEGER PRIMARY KEY,           -- remark ids chunk*1024 .. chunk*1024+1023
    data  BLOB NOT NULL
);
CREATE TABLE remark_cols_stale (
    chunk INTEGER PRIMARY KEY
);
CREATE TRIGGER remark_cols_insert AFTER INSERT ON remarks
    WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'batch' AND value = 'open') BEGIN
    INSERT OR IGNORE INTO remark_cols_stale (chunk) VALUES (new.id >> 10);
END;
CREATE TRIGGER remark_cols_delete AFTER DELETE ON remarks BEGIN
    INSERT OR IGNORE INTO remark_cols_stale (chunk) VALUES (old.id >> 10);
END;
CREATE TRIGGER remark_cols_update AFTER UPDATE OF id, meeting_id, speaker_id, speaker_label, attribution
    ON remarks BEGIN
    INSERT OR IGNORE INTO remark_cols_stale (chunk) VALUES (old.id >> 10), (new.id >> 10);
END;
INSERT OR IGNORE INTO remark_cols_stale (chunk) SELECT id >> 10 FROM remarks;

-- ---- schema version 8 ----
-- Everything from the line above to the end was added by version 8.
--
-- A cached graph's nodes in one blob per entry instead of a row each (4,885
-- rows were 0.018 G instructions of reading the 10 MB briefing's entry), and
-- what a top cut of it needs besides the metrics, so that `giji render --top N`
-- (and the briefing) builds it from the kept nodes' remarks alone instead of
-- every selected remark (graph/load.c). `nodes`: per node, in the graph's
-- order, 10 little-endian 8-byte fields: kind (0 person, 1 entity, 2
-- unattributed), id (persons.id, entities.id or meetings.id), degree,
-- strength, betweenness, harmonic, eigenvector and pagerank (IEEE doubles),
-- community, and the remarks behind the node. `selected`: the selected remarks
-- (N of the association norm); NULL when the entry has no counts (then
-- `remarks` are 0 and `meetings` empty). `meetings`: the meetings the
-- selection draws from, ascending ids, little-endian 8 bytes each (what the
-- caption names). The entries of the rows before are dropped (derived data;
-- the next use computes them again).
DROP TABLE metrics_cache_nodes;
DELETE FROM metrics_cache;
CREATE TABLE metrics_cache_data (
    cache_id INTEGER PRIMARY KEY REFERENCES metrics_cache (id) ON DELETE CASCADE,
    selected INTEGER CHECK (selected >= 0),
    nodes    BLOB NOT NULL,
    meetings BLOB NOT NULL
);
