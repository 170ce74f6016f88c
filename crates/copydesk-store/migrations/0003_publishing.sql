-- Publishing: sites, what was published where, uploaded media, and the outbox.
--
-- A site's password is never stored here: it lives in the OS keyring (or, for
-- headless use, in the environment). Ids are UUIDv7 text, times Unix
-- milliseconds (UTC), like everywhere else.

CREATE TABLE site (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL DEFAULT 'wordpress' CHECK (kind IN ('wordpress')),
    url        TEXT NOT NULL,
    user_name  TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

-- One row per locale version published on a site: the remote post and the
-- `modified_gmt` it had right after our last write (the conflict check).
CREATE TABLE publication (
    article_id          TEXT NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    locale              TEXT NOT NULL,
    site_id             TEXT NOT NULL REFERENCES site (id) ON DELETE CASCADE,
    remote_id           INTEGER NOT NULL,
    remote_url          TEXT NOT NULL,
    remote_modified_gmt TEXT NOT NULL,
    translation_group   TEXT NOT NULL,
    published_at        INTEGER NOT NULL,
    PRIMARY KEY (article_id, locale, site_id)
) STRICT;

-- Files already in a site's media library, keyed by content hash: an image
-- is uploaded once, whatever article or locale uses it.
CREATE TABLE remote_media (
    site_id      TEXT NOT NULL REFERENCES site (id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    remote_id    INTEGER NOT NULL,
    url          TEXT NOT NULL,
    PRIMARY KEY (site_id, content_hash)
) STRICT;

-- Durable publish jobs: one per (site, article, locale) request. A job waits
-- in `queued` until `next_attempt_at`; `running` jobs hold a lease until
-- `next_attempt_at` (a crashed runner's job is picked up again after it).
CREATE TABLE outbox_job (
    id               TEXT PRIMARY KEY NOT NULL,
    site_id          TEXT NOT NULL REFERENCES site (id) ON DELETE CASCADE,
    article_id       TEXT NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    locale           TEXT NOT NULL,
    requested_status TEXT NOT NULL CHECK (requested_status IN ('publish', 'draft', 'future')),
    -- For 'future': when WordPress publishes it.
    scheduled_at     INTEGER,
    state            TEXT NOT NULL DEFAULT 'queued'
                     CHECK (state IN ('queued', 'running', 'failed', 'done', 'cancelled', 'conflict')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    -- Stable code of the last error (auth, network, validation, conflict, ...) and its text.
    last_error_code  TEXT,
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
) STRICT;

CREATE INDEX outbox_job_due ON outbox_job (state, next_attempt_at);
CREATE INDEX outbox_job_by_article ON outbox_job (article_id, site_id, locale);
-- At most one live job per locale version and site.
CREATE UNIQUE INDEX outbox_job_one_live ON outbox_job (site_id, article_id, locale)
    WHERE state IN ('queued', 'running');
