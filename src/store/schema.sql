-- store/schema.sql — the giji database, schema version 1.
--
-- Responsible for: tables, constraints and indexes. Executed once, inside
-- one transaction, when giji_store_open() finds a database without `meta`.
-- Not responsible for: upgrades (a future version adds migrations in
-- store/open.c keyed on meta.schema_version) or any data besides meta.
--
-- Conventions: ids are INTEGER PRIMARY KEY (rowid aliases); unknown values
-- are NULL, never '' or -1; text is UTF-8 as giji produced it; line numbers
-- are 1-based lines of the source file; seq columns are 1-based positions
-- inside a meeting. Everything below a source is deleted with it (ON DELETE
-- CASCADE), which is how a changed input file replaces its old meeting.

-- Key/value facts about the database itself.
--   schema_version  : '2'; a giji that knows a lower version refuses the file, and a
--                     newer giji refuses an older file (re-ingest: the minutes are the source).
--   content_version : counter bumped by every write that changes content,
--                     so derived artefacts (graphs, layouts) know they are stale.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('schema_version', '2'), ('content_version', '0');

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

-- One meeting per source.
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
