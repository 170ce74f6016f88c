use rusqlite_migration::{M, Migrations};

/// The schema version a database has after all migrations ran.
pub const LATEST_VERSION: i64 = 5;

/// The forward-only migrations, in order. Never edit a released one: add a new file.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../migrations/0001_articles.sql")),
        M::up(include_str!("../migrations/0002_translation.sql")),
        M::up(include_str!("../migrations/0003_publishing.sql")),
        M::up(include_str!("../migrations/0004_post_metadata.sql")),
        M::up(include_str!(
            "../migrations/0005_publication_fingerprint.sql"
        )),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn migrations_are_valid() {
        migrations()
            .validate()
            .expect("every migration should apply cleanly from empty");
    }

    #[test]
    fn latest_version_matches_the_migration_list() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            v, LATEST_VERSION,
            "LATEST_VERSION must equal the number of migrations"
        );
    }

    /// Upgrade path: a database left at each earlier version, holding data,
    /// migrates to the latest version without losing that data.
    #[test]
    fn every_earlier_version_upgrades_with_its_data() {
        for from in 1..=LATEST_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            migrations().to_version(&mut conn, from as usize).unwrap();
            conn.execute_batch(
                "INSERT INTO article (id, source_locale, created_at, updated_at) VALUES ('a1', 'fr', 1, 2);
                 INSERT INTO locale_version (id, article_id, locale, title, body, created_at, updated_at)
                 VALUES ('v1', 'a1', 'fr', 'Titre', 'Corps', 1, 2);",
            )
            .unwrap();
            if from >= 3 {
                conn.execute_batch(
                    "INSERT INTO site (id, name, kind, url, user_name, created_at)
                     VALUES ('s1', 'blog', 'wordpress', 'https://example.org', 'ed', 1);
                     INSERT INTO publication (article_id, locale, site_id, remote_id, remote_url,
                         remote_modified_gmt, translation_group, published_at)
                     VALUES ('a1', 'fr', 's1', 7, 'https://example.org/?p=7', '2026-01-01T00:00:00', 'a1', 3);",
                )
                .unwrap();
            }
            migrations().to_latest(&mut conn).unwrap();
            let body: String = conn
                .query_row("SELECT body FROM locale_version WHERE id = 'v1'", [], |r| {
                    r.get(0)
                })
                .unwrap();
            assert_eq!(
                body, "Corps",
                "data written at version {from} must survive the upgrade"
            );
            // Versions written before 0004 have no categories and no featured image.
            let (categories, featured): (String, Option<String>) = conn
                .query_row(
                    "SELECT categories, featured_image FROM locale_version WHERE id = 'v1'",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!(
                (categories.as_str(), featured),
                ("[]", None),
                "post metadata of a version written at version {from}"
            );
            if from >= 3 {
                // Publications recorded before 0005 have no fingerprint.
                let fingerprint: String = conn
                    .query_row(
                        "SELECT remote_fingerprint FROM publication WHERE article_id = 'a1'",
                        [],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert_eq!(fingerprint, "", "publication written at version {from}");
            }
        }
    }
}
