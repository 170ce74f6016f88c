-- Articles and their locale versions.
-- Ids are UUIDv7 text: records made on two computers must merge without renumbering.
-- Times are Unix milliseconds (UTC).

-- Marks the file as Copydesk's ("CpDk") in the same transaction as the schema,
-- so a crash can never leave a half-made file that looks like another program's.
PRAGMA application_id = 1131431019;

CREATE TABLE article (
    id            TEXT PRIMARY KEY NOT NULL,
    source_locale TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    -- Set when the article is moved to the trash; NULL while it is live.
    deleted_at    INTEGER
) STRICT;

CREATE INDEX article_updated_at ON article (updated_at DESC);

-- One row per (article, locale): each version has its own metadata, body and status.
CREATE TABLE locale_version (
    id         TEXT PRIMARY KEY NOT NULL,
    article_id TEXT NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    locale     TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    slug       TEXT NOT NULL DEFAULT '',
    author     TEXT NOT NULL DEFAULT '',
    -- Publication date as written by the user (YYYY-MM-DD), NULL when unset.
    date       TEXT,
    -- JSON array of strings.
    tags       TEXT NOT NULL DEFAULT '[]',
    summary    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT 'draft'
               CHECK (status IN ('draft', 'in_review', 'ready', 'published', 'outdated')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (article_id, locale)
) STRICT;

-- Small key/value settings of the workspace (UI language override, last open article, ...).
CREATE TABLE setting (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
