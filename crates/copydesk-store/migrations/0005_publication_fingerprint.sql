-- What the post looked like on the site right after our last write: a
-- fingerprint of its raw title, body and excerpt. WordPress's
-- `modified_gmt` has a one-second grain, so an edit made on the site in the
-- same second as our publish leaves it unchanged; the fingerprint still
-- differs, and the next publish stops on the conflict instead of
-- overwriting that edit. Empty for publications recorded before this
-- migration (only `modified_gmt` is compared for them).
ALTER TABLE publication ADD COLUMN remote_fingerprint TEXT NOT NULL DEFAULT '';
