-- Translation units and revisions.
--
-- A target locale version's body is a sequence of translation units. Each
-- unit is aligned to the source block(s) it translates (`anchor`, a JSON array
-- of block hashes) and remembers the source blocks it was last confirmed
-- against (`confirmed`, JSON [{"hash","text"}], NULL while untranslated), so
-- staleness is computed from content, never from timestamps. `state` is that
-- computation's result, kept for the library's progress bars.

CREATE TABLE translation_unit (
    id                TEXT PRIMARY KEY NOT NULL,
    locale_version_id TEXT NOT NULL REFERENCES locale_version (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    target            TEXT NOT NULL DEFAULT '',
    anchor            TEXT NOT NULL DEFAULT '[]',
    confirmed         TEXT,
    state             TEXT NOT NULL CHECK (state IN ('up_to_date', 'untranslated', 'source_changed')),
    updated_at        INTEGER NOT NULL
) STRICT;

CREATE INDEX translation_unit_by_version ON translation_unit (locale_version_id, position);

-- Snapshots of a locale version: the start of history / restore.
CREATE TABLE revision (
    id                TEXT PRIMARY KEY NOT NULL,
    locale_version_id TEXT NOT NULL REFERENCES locale_version (id) ON DELETE CASCADE,
    created_at        INTEGER NOT NULL,
    title             TEXT NOT NULL,
    body              TEXT NOT NULL,
    -- 1 when the writer flagged the edit "minor — keep translations current".
    minor             INTEGER NOT NULL DEFAULT 0,
    -- What made it: edit, import, translation_start.
    origin            TEXT NOT NULL
) STRICT;

CREATE INDEX revision_by_version ON revision (locale_version_id, created_at);

-- A locale version (a translation) can go to the trash on its own.
ALTER TABLE locale_version ADD COLUMN deleted_at INTEGER;
