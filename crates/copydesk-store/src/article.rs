//! Rows and queries for articles and their locale versions.

use rusqlite::{OptionalExtension, Row, params};

use crate::{Store, StoreError};

/// One `article` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRow {
    pub id: String,
    pub source_locale: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
}

/// One `locale_version` row. `tags` and `categories` are JSON arrays;
/// `status` one of the values allowed by the schema's CHECK constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleVersionRow {
    pub id: String,
    pub article_id: String,
    pub locale: String,
    pub title: String,
    pub slug: String,
    pub author: String,
    pub date: Option<String>,
    pub tags: String,
    pub summary: String,
    pub body: String,
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// JSON array of category names.
    pub categories: String,
    /// Workspace path of the featured image (`assets/cover.png`).
    pub featured_image: Option<String>,
}

/// One line of the library: an article seen through its source-locale version,
/// plus the locales it exists in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryRow {
    pub article_id: String,
    pub source_locale: String,
    pub title: String,
    pub status: String,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
    /// Every locale version, source first.
    pub versions: Vec<VersionSummary>,
}

/// A locale version in the trash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrashedVersionRow {
    pub version_id: String,
    pub article_id: String,
    pub locale: String,
    pub title: String,
    /// Title of the article's source version.
    pub article_title: String,
    pub deleted_at: i64,
}

/// A locale version as the library shows it: status and translation progress
/// (`blocks` = 0 for the source, which has no translation units).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionSummary {
    pub locale: String,
    pub status: String,
    pub blocks: i64,
    pub up_to_date: i64,
}

const VERSION_COLUMNS: &str = "id, article_id, locale, title, slug, author, date, tags, summary, body, status, created_at, updated_at, categories, featured_image";

fn version_from_row(r: &Row<'_>) -> rusqlite::Result<LocaleVersionRow> {
    Ok(LocaleVersionRow {
        id: r.get(0)?,
        article_id: r.get(1)?,
        locale: r.get(2)?,
        title: r.get(3)?,
        slug: r.get(4)?,
        author: r.get(5)?,
        date: r.get(6)?,
        tags: r.get(7)?,
        summary: r.get(8)?,
        body: r.get(9)?,
        status: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
        categories: r.get(13)?,
        featured_image: r.get(14)?,
    })
}

impl Store {
    /// Inserts a new article with its first locale version, in one transaction.
    pub fn insert_article(
        &mut self,
        article: &ArticleRow,
        version: &LocaleVersionRow,
    ) -> Result<(), StoreError> {
        self.transaction(|tx| {
            tx.execute(
                "INSERT INTO article (id, source_locale, created_at, updated_at, deleted_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![article.id, article.source_locale, article.created_at, article.updated_at, article.deleted_at],
            )?;
            insert_version(tx, version)?;
            Ok(())
        })
    }

    /// Inserts another locale version of an existing article.
    pub fn insert_locale_version(&mut self, version: &LocaleVersionRow) -> Result<(), StoreError> {
        self.transaction(|tx| insert_version(tx, version))
    }

    /// Replaces the content of the locale version `(article_id, locale)` and
    /// bumps the article's `updated_at`, in one transaction. Returns false when
    /// no such version exists.
    pub fn update_locale_version(&mut self, v: &LocaleVersionRow) -> Result<bool, StoreError> {
        self.transaction(|tx| update_version(tx, v))
    }

    /// The article with this id, live or in the trash.
    pub fn article(&self, id: &str) -> Result<Option<ArticleRow>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id, source_locale, created_at, updated_at, deleted_at FROM article WHERE id = ?1",
                [id],
                |r| {
                    Ok(ArticleRow {
                        id: r.get(0)?,
                        source_locale: r.get(1)?,
                        created_at: r.get(2)?,
                        updated_at: r.get(3)?,
                        deleted_at: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// Every locale version of an article, source locale first, then by locale.
    pub fn locale_versions(&self, article_id: &str) -> Result<Vec<LocaleVersionRow>, StoreError> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {VERSION_COLUMNS} FROM locale_version v
             WHERE article_id = ?1 AND deleted_at IS NULL
             ORDER BY locale <> (SELECT source_locale FROM article WHERE id = v.article_id), locale"
        ))?;
        let rows = stmt.query_map([article_id], version_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The library: live articles (or those in the trash when `trashed`),
    /// most recently edited first (most recently deleted first in the trash).
    pub fn library(&self, trashed: bool) -> Result<Vec<LibraryRow>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.id, a.source_locale, coalesce(v.title, ''), coalesce(v.status, 'draft'), a.updated_at, a.deleted_at,
                    (SELECT json_group_array(json_array(o.locale, o.status, o.blocks, o.done))
                       FROM (SELECT lv.locale, lv.status,
                                    (SELECT count(*) FROM translation_unit u WHERE u.locale_version_id = lv.id) AS blocks,
                                    (SELECT count(*) FROM translation_unit u
                                      WHERE u.locale_version_id = lv.id AND u.state = 'up_to_date') AS done
                             FROM locale_version lv WHERE lv.article_id = a.id AND lv.deleted_at IS NULL
                             ORDER BY lv.locale <> a.source_locale, lv.locale) o)
             FROM article a
             LEFT JOIN locale_version v ON v.article_id = a.id AND v.locale = a.source_locale
             WHERE (a.deleted_at IS NOT NULL) = ?1
             ORDER BY coalesce(a.deleted_at, a.updated_at) DESC, a.id DESC",
        )?;
        let rows = stmt.query_map([trashed], |r| {
            let versions: String = r.get(6)?;
            Ok(LibraryRow {
                article_id: r.get(0)?,
                source_locale: r.get(1)?,
                title: r.get(2)?,
                status: r.get(3)?,
                updated_at: r.get(4)?,
                deleted_at: r.get(5)?,
                versions: parse_versions(&versions),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The live article one of whose versions has this slug (oldest first
    /// when several do).
    pub fn article_id_by_slug(&self, slug: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT a.id FROM locale_version v JOIN article a ON a.id = v.article_id AND v.deleted_at IS NULL
                 WHERE v.slug = ?1 AND a.deleted_at IS NULL ORDER BY a.created_at, a.id LIMIT 1",
                [slug],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Moves one locale version to the trash (`Some(time)`) or back (`None`).
    /// Returns false when it does not exist.
    pub fn set_version_deleted(
        &mut self,
        version_id: &str,
        deleted_at: Option<i64>,
    ) -> Result<bool, StoreError> {
        let n = self.conn().execute(
            "UPDATE locale_version SET deleted_at = ?2 WHERE id = ?1",
            params![version_id, deleted_at],
        )?;
        Ok(n == 1)
    }

    /// The trashed version of an article in a locale, if any.
    pub fn trashed_version_id(
        &self,
        article_id: &str,
        locale: &str,
    ) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM locale_version WHERE article_id = ?1 AND locale = ?2 AND deleted_at IS NOT NULL",
                params![article_id, locale],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Locale versions in the trash (of live articles), most recently deleted first.
    pub fn trashed_versions(&self) -> Result<Vec<TrashedVersionRow>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.id, v.article_id, v.locale, v.title, coalesce(s.title, ''), v.deleted_at
             FROM locale_version v
             JOIN article a ON a.id = v.article_id AND a.deleted_at IS NULL
             LEFT JOIN locale_version s ON s.article_id = a.id AND s.locale = a.source_locale
             WHERE v.deleted_at IS NOT NULL
             ORDER BY v.deleted_at DESC, v.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TrashedVersionRow {
                version_id: r.get(0)?,
                article_id: r.get(1)?,
                locale: r.get(2)?,
                title: r.get(3)?,
                article_title: r.get(4)?,
                deleted_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Deletes a trashed locale version for good; false unless it was in the trash.
    pub fn purge_version(&mut self, version_id: &str) -> Result<bool, StoreError> {
        let n = self.conn().execute(
            "DELETE FROM locale_version WHERE id = ?1 AND deleted_at IS NOT NULL",
            [version_id],
        )?;
        Ok(n == 1)
    }

    /// Moves an article to the trash (`Some(time)`) or back out of it (`None`).
    /// Returns false when the article does not exist.
    pub fn set_article_deleted(
        &mut self,
        id: &str,
        deleted_at: Option<i64>,
    ) -> Result<bool, StoreError> {
        let n = self.conn().execute(
            "UPDATE article SET deleted_at = ?2 WHERE id = ?1",
            params![id, deleted_at],
        )?;
        Ok(n == 1)
    }

    /// Deletes an article and its versions for good. Only articles already in
    /// the trash are deleted; returns false otherwise.
    pub fn purge_article(&mut self, id: &str) -> Result<bool, StoreError> {
        let n = self.conn().execute(
            "DELETE FROM article WHERE id = ?1 AND deleted_at IS NOT NULL",
            [id],
        )?;
        Ok(n == 1)
    }
}

pub(crate) fn insert_version(
    tx: &rusqlite::Transaction<'_>,
    v: &LocaleVersionRow,
) -> Result<(), StoreError> {
    tx.execute(
        &format!("INSERT INTO locale_version ({VERSION_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"),
        params![
            v.id, v.article_id, v.locale, v.title, v.slug, v.author, v.date, v.tags, v.summary, v.body, v.status,
            v.created_at, v.updated_at, v.categories, v.featured_image
        ],
    )?;
    Ok(())
}

/// Parses SQLite's `[["fr","draft",0,0],["en","ready",12,9]]` without a JSON
/// dependency: locale codes and statuses never contain quotes, commas or brackets.
fn parse_versions(json: &str) -> Vec<VersionSummary> {
    json.split(']')
        .filter_map(|chunk| {
            let inner = chunk.trim_start_matches([',', '[']);
            let parts: Vec<&str> = inner
                .split(',')
                .map(|p| p.trim().trim_matches('"'))
                .collect();
            match parts.as_slice() {
                [locale, status, blocks, done] if !locale.is_empty() => Some(VersionSummary {
                    locale: locale.to_string(),
                    status: status.to_string(),
                    blocks: blocks.parse().unwrap_or(0),
                    up_to_date: done.parse().unwrap_or(0),
                }),
                _ => None,
            }
        })
        .collect()
}

/// Replaces a version's content and bumps its article's last edit; false
/// when the version does not exist.
pub(crate) fn update_version(
    tx: &rusqlite::Transaction<'_>,
    v: &LocaleVersionRow,
) -> Result<bool, StoreError> {
    let n = tx.execute(
        "UPDATE locale_version SET title = ?3, slug = ?4, author = ?5, date = ?6, tags = ?7,
                summary = ?8, body = ?9, status = ?10, updated_at = ?11,
                categories = ?12, featured_image = ?13
         WHERE article_id = ?1 AND locale = ?2 AND deleted_at IS NULL",
        params![
            v.article_id,
            v.locale,
            v.title,
            v.slug,
            v.author,
            v.date,
            v.tags,
            v.summary,
            v.body,
            v.status,
            v.updated_at,
            v.categories,
            v.featured_image
        ],
    )?;
    if n == 1 {
        tx.execute(
            "UPDATE article SET updated_at = max(updated_at, ?2) WHERE id = ?1",
            params![v.article_id, v.updated_at],
        )?;
    }
    Ok(n == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, t: i64) -> (ArticleRow, LocaleVersionRow) {
        (
            ArticleRow {
                id: id.into(),
                source_locale: "fr".into(),
                created_at: t,
                updated_at: t,
                deleted_at: None,
            },
            LocaleVersionRow {
                id: format!("{id}-fr"),
                article_id: id.into(),
                locale: "fr".into(),
                title: format!("Titre {id}"),
                slug: String::new(),
                author: String::new(),
                date: None,
                tags: "[]".into(),
                summary: String::new(),
                body: "Bonjour".into(),
                status: "draft".into(),
                created_at: t,
                updated_at: t,
                categories: "[]".into(),
                featured_image: None,
            },
        )
    }

    #[test]
    fn library_lists_newest_first_with_versions() {
        let mut s = Store::open_in_memory().unwrap();
        for (id, t) in [("a", 1), ("b", 3), ("c", 2)] {
            let (a, v) = article(id, t);
            s.insert_article(&a, &v).unwrap();
        }
        let mut en = article("a", 5).1;
        en.id = "a-en".into();
        en.locale = "en".into();
        en.status = "ready".into();
        s.insert_locale_version(&en).unwrap();
        let lib = s.library(false).unwrap();
        let ids: Vec<_> = lib.iter().map(|r| r.article_id.as_str()).collect();
        assert_eq!(
            ids,
            ["b", "c", "a"],
            "library should be sorted by last edit, newest first"
        );
        let a = lib.iter().find(|r| r.article_id == "a").unwrap();
        let locales: Vec<(&str, &str)> = a
            .versions
            .iter()
            .map(|v| (v.locale.as_str(), v.status.as_str()))
            .collect();
        assert_eq!(
            locales,
            [("fr", "draft"), ("en", "ready")],
            "versions should list the source locale first"
        );
    }

    #[test]
    fn update_bumps_the_article_and_trash_round_trips() {
        let mut s = Store::open_in_memory().unwrap();
        let (a, mut v) = article("a", 1);
        s.insert_article(&a, &v).unwrap();
        v.body = "Nouveau".into();
        v.updated_at = 10;
        assert!(
            s.update_locale_version(&v).unwrap(),
            "an existing version should be updated"
        );
        assert_eq!(
            s.article("a").unwrap().unwrap().updated_at,
            10,
            "the article's last edit should move"
        );
        assert_eq!(
            s.locale_versions("a").unwrap()[0].body,
            "Nouveau",
            "the body should be saved"
        );

        assert!(
            !s.purge_article("a").unwrap(),
            "a live article must not be purged"
        );
        assert!(s.set_article_deleted("a", Some(20)).unwrap());
        assert!(
            s.library(false).unwrap().is_empty(),
            "a trashed article leaves the library"
        );
        assert_eq!(
            s.library(true).unwrap().len(),
            1,
            "a trashed article shows in the trash"
        );
        assert!(s.set_article_deleted("a", None).unwrap());
        assert_eq!(
            s.library(false).unwrap().len(),
            1,
            "a restored article is back in the library"
        );
        s.set_article_deleted("a", Some(30)).unwrap();
        assert!(
            s.purge_article("a").unwrap(),
            "a trashed article can be purged"
        );
        assert!(
            s.locale_versions("a").unwrap().is_empty(),
            "purging removes the versions too"
        );
    }

    #[test]
    fn categories_and_featured_image_are_stored_and_updated() {
        let mut s = Store::open_in_memory().unwrap();
        let (a, mut v) = article("a", 1);
        v.categories = r#"["Actualités"]"#.into();
        v.featured_image = Some("assets/cover.png".into());
        s.insert_article(&a, &v).unwrap();
        let stored = &s.locale_versions("a").unwrap()[0];
        assert_eq!(stored.categories, r#"["Actualités"]"#);
        assert_eq!(stored.featured_image.as_deref(), Some("assets/cover.png"));
        v.categories = "[]".into();
        v.featured_image = None;
        v.updated_at = 2;
        assert!(s.update_locale_version(&v).unwrap());
        let stored = &s.locale_versions("a").unwrap()[0];
        assert_eq!(stored.categories, "[]", "categories can be cleared");
        assert_eq!(
            stored.featured_image, None,
            "the featured image can be cleared"
        );
    }

    #[test]
    fn disk_full_is_reported_and_the_previous_content_kept() {
        let mut s = Store::open_in_memory().unwrap();
        let (a, mut v) = article("a", 1);
        s.insert_article(&a, &v).unwrap();
        let pages: i64 = s
            .conn()
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        s.set_max_page_count(pages as u64).unwrap();
        v.body = "x".repeat(1_000_000);
        let err = s.update_locale_version(&v).unwrap_err();
        assert!(
            matches!(err, StoreError::DiskFull),
            "expected DiskFull, got {err:?}"
        );
        assert_eq!(
            s.locale_versions("a").unwrap()[0].body,
            "Bonjour",
            "the last saved body must be intact"
        );
    }

    #[test]
    fn a_version_goes_to_the_trash_and_back() {
        let mut s = Store::open_in_memory().unwrap();
        let (a, v) = article("a", 1);
        s.insert_article(&a, &v).unwrap();
        let mut en = article("a", 2).1;
        en.id = "a-en".into();
        en.locale = "en".into();
        s.insert_locale_version(&en).unwrap();
        assert!(s.set_version_deleted("a-en", Some(9)).unwrap());
        assert_eq!(
            s.locale_versions("a").unwrap().len(),
            1,
            "a trashed version is not listed"
        );
        assert_eq!(
            s.library(false).unwrap()[0].versions.len(),
            1,
            "nor counted in the library"
        );
        assert_eq!(
            s.trashed_version_id("a", "en").unwrap().as_deref(),
            Some("a-en")
        );
        let trashed = s.trashed_versions().unwrap();
        assert_eq!(
            (
                trashed[0].locale.as_str(),
                trashed[0].article_title.as_str()
            ),
            ("en", "Titre a")
        );
        assert!(s.set_version_deleted("a-en", None).unwrap());
        assert_eq!(s.locale_versions("a").unwrap().len(), 2, "restored");
        assert!(
            !s.purge_version("a-en").unwrap(),
            "a live version is not purged"
        );
        s.set_version_deleted("a-en", Some(10)).unwrap();
        assert!(s.purge_version("a-en").unwrap());
        assert!(s.trashed_versions().unwrap().is_empty());
    }

    #[test]
    fn parses_version_summaries() {
        assert_eq!(parse_versions("[]"), vec![]);
        assert_eq!(
            parse_versions(r#"[["fr","draft",0,0],["pt-BR","in_review",12,9]]"#),
            vec![
                VersionSummary {
                    locale: "fr".into(),
                    status: "draft".into(),
                    blocks: 0,
                    up_to_date: 0
                },
                VersionSummary {
                    locale: "pt-BR".into(),
                    status: "in_review".into(),
                    blocks: 12,
                    up_to_date: 9
                },
            ]
        );
    }
}
