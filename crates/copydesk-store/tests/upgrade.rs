//! Databases written by earlier releases open, migrate and keep their data.
//!
//! `fixtures/release-<version>.sqlite3` is a workspace as a released Copydesk
//! left it (the sample workspace). Add one per release whose schema changes.

use copydesk_store::{LATEST_VERSION, Store};

#[test]
fn a_database_from_release_0_1_0_opens_with_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copydesk.sqlite3");
    std::fs::copy("tests/fixtures/release-0.1.0.sqlite3", &path).unwrap();
    let store = Store::open(&path).expect("a 0.1.0 database should open");
    assert!(!store.was_created(), "an existing database is not new");
    assert_eq!(
        store.schema_version().unwrap(),
        LATEST_VERSION,
        "migrated to the latest schema"
    );
    let library = store.library(false).unwrap();
    assert_eq!(library.len(), 3, "the three articles of 0.1.0 survive");
    assert!(
        library
            .iter()
            .any(|a| a.title == "Sommet pour l'action sur l'IA : ce que nous en retenons"),
        "titles survive: {library:?}"
    );
    for a in &library {
        let versions = store.locale_versions(&a.article_id).unwrap();
        assert!(
            versions[0].body.len() > 1000,
            "bodies survive for {}",
            a.title
        );
        for v in &versions {
            // Migration 0004: no categories, no featured image yet.
            assert_eq!(v.categories, "[]", "{} {}", a.title, v.locale);
            assert_eq!(v.featured_image, None, "{} {}", a.title, v.locale);
        }
    }
}
