-- Post metadata of a locale version sent when it is published: its
-- categories (looked up or created on the site by name, like tags) and its
-- featured image (a workspace path `assets/…`, uploaded once per content
-- hash like the body's images). The publication date is the existing `date`.

-- JSON array of strings, like `tags`.
ALTER TABLE locale_version ADD COLUMN categories TEXT NOT NULL DEFAULT '[]';
-- Workspace path of the featured image (`assets/cover.png`), NULL when unset.
ALTER TABLE locale_version ADD COLUMN featured_image TEXT;
