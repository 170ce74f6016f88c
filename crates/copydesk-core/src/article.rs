//! Articles and their locale versions: list, create, open, save, trash, restore.

use serde::{Deserialize, Serialize};

use copydesk_store::{ArticleRow, LibraryRow, LocaleVersionRow};

use crate::{CoreError, Workspace, new_id, now_ms, slugify};

/// Workflow status of one locale version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    InReview,
    Ready,
    Published,
    /// The source moved on since this translation was brought up to date.
    Outdated,
}

impl Status {
    /// The name stored in the database and sent over IPC.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in_review",
            Status::Ready => "ready",
            Status::Published => "published",
            Status::Outdated => "outdated",
        }
    }

    /// Parses a stored status name.
    pub fn parse(s: &str) -> Result<Status, CoreError> {
        Ok(match s {
            "draft" => Status::Draft,
            "in_review" => Status::InReview,
            "ready" => Status::Ready,
            "published" => Status::Published,
            "outdated" => Status::Outdated,
            other => return Err(CoreError::InvalidInput(format!("unknown status {other:?}"))),
        })
    }
}

/// One locale version of an article, as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocaleVersion {
    pub id: String,
    pub article_id: String,
    pub locale: String,
    pub title: String,
    pub slug: String,
    pub author: String,
    pub date: Option<String>,
    pub tags: Vec<String>,
    pub summary: String,
    pub body: String,
    pub status: Status,
    pub created_at: i64,
    pub updated_at: i64,
    /// Category names, looked up or created on the site when published.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Workspace path of the featured image (`assets/cover.png`).
    #[serde(default)]
    pub featured_image: Option<String>,
}

/// An article with all its locale versions, source first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub source_locale: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
    pub versions: Vec<LocaleVersion>,
}

/// The locale and status of one version, for the library's chips.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocaleStatus {
    pub locale: String,
    pub status: Status,
    /// Translation units of a target version (0 for the source).
    pub blocks: u32,
    /// Of those, how many are up to date.
    pub up_to_date: u32,
}

/// One line of the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryEntry {
    pub id: String,
    /// Title of the source-locale version (may be empty: the UI shows "Untitled").
    pub title: String,
    pub source_locale: String,
    pub status: Status,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
    pub versions: Vec<LocaleStatus>,
}

/// What the editor sends on every autosave: the whole editable state of one
/// locale version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocaleVersionInput {
    pub article_id: String,
    pub locale: String,
    pub title: String,
    pub slug: String,
    pub author: String,
    pub date: Option<String>,
    pub tags: Vec<String>,
    pub summary: String,
    pub body: String,
    pub status: Status,
    /// A typo fix the writer marked "minor — keep translations current":
    /// blocks that were up to date stay so.
    #[serde(default)]
    pub minor: bool,
    /// Category names (trimmed and de-duplicated like tags). Absent from
    /// older payloads: none.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Workspace path of the featured image (`assets/cover.png`); blank or
    /// absent means none.
    #[serde(default)]
    pub featured_image: Option<String>,
}

/// The answer to a save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedLocaleVersion {
    pub updated_at: i64,
    /// The slug as stored (normalised).
    pub slug: String,
}

impl Workspace {
    /// The library (`trashed = false`) or the trash (`trashed = true`), most
    /// recent first.
    pub fn list_articles(&self, trashed: bool) -> Result<Vec<LibraryEntry>, CoreError> {
        let rows = self.store().library(trashed)?;
        rows.into_iter().map(library_entry).collect()
    }

    /// Creates an empty draft article written in `locale`.
    pub fn create_article(&self, locale: &str) -> Result<Article, CoreError> {
        let locale = crate::locale::validate(locale)?;
        let now = now_ms();
        let article = ArticleRow {
            id: new_id(),
            source_locale: locale.clone(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        };
        let version = LocaleVersionRow {
            id: new_id(),
            article_id: article.id.clone(),
            locale,
            title: String::new(),
            slug: String::new(),
            author: String::new(),
            date: None,
            tags: "[]".into(),
            summary: String::new(),
            body: String::new(),
            status: Status::Draft.as_str().into(),
            created_at: now,
            updated_at: now,
            categories: "[]".into(),
            featured_image: None,
        };
        self.store().insert_article(&article, &version)?;
        self.get_article(&article.id)
    }

    /// Inserts a whole article with its first version (sample workspace, import).
    pub(crate) fn insert_article(
        &self,
        source_locale: &str,
        input: &LocaleVersionInput,
        at: i64,
    ) -> Result<String, CoreError> {
        let article = ArticleRow {
            id: new_id(),
            source_locale: source_locale.to_string(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        };
        let mut version = version_row(input)?;
        version.id = new_id();
        version.article_id = article.id.clone();
        version.created_at = at;
        version.updated_at = at;
        self.store().insert_article(&article, &version)?;
        Ok(article.id)
    }

    /// The article with all its versions (also when it is in the trash).
    pub fn get_article(&self, id: &str) -> Result<Article, CoreError> {
        let store = self.store();
        let row = store
            .article(id)?
            .ok_or_else(|| CoreError::NotFound(format!("article {id}")))?;
        let versions = store
            .locale_versions(id)?
            .into_iter()
            .map(locale_version)
            .collect::<Result<_, _>>()?;
        Ok(Article {
            id: row.id,
            source_locale: row.source_locale,
            created_at: row.created_at,
            updated_at: row.updated_at,
            deleted_at: row.deleted_at,
            versions,
        })
    }

    /// One locale version of an article (not found: which one is named).
    pub(crate) fn version_in(
        &self,
        article_id: &str,
        locale: &str,
    ) -> Result<LocaleVersion, CoreError> {
        self.get_article(article_id)?
            .versions
            .into_iter()
            .find(|v| v.locale == locale)
            .ok_or_else(|| CoreError::NotFound(format!("{article_id} in {locale}")))
    }

    /// Saves the editable state of one locale version (autosave). The slug is
    /// normalised, tags and categories are trimmed and de-duplicated, the
    /// featured image path is trimmed. Nothing is changed when the input is
    /// rejected.
    pub fn save_locale_version(
        &self,
        input: &LocaleVersionInput,
    ) -> Result<SavedLocaleVersion, CoreError> {
        self.save_version(input, "edit")
    }

    /// Moves an article to the trash; it can be restored with [`Workspace::restore_article`].
    pub fn delete_article(&self, id: &str) -> Result<(), CoreError> {
        if !self.store().set_article_deleted(id, Some(now_ms()))? {
            return Err(CoreError::NotFound(format!("article {id}")));
        }
        Ok(())
    }

    /// Takes an article out of the trash.
    pub fn restore_article(&self, id: &str) -> Result<(), CoreError> {
        if !self.store().set_article_deleted(id, None)? {
            return Err(CoreError::NotFound(format!("article {id}")));
        }
        Ok(())
    }

    /// Deletes an article that is in the trash, for good.
    pub fn purge_article(&self, id: &str) -> Result<(), CoreError> {
        if !self.store().purge_article(id)? {
            return Err(CoreError::NotFound(format!("article {id} in the trash")));
        }
        Ok(())
    }
}

fn validate_date(date: &Option<String>) -> Result<Option<String>, CoreError> {
    let Some(d) = date.as_deref().map(str::trim).filter(|d| !d.is_empty()) else {
        return Ok(None);
    };
    let b = d.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let month: u32 = d.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
    let day: u32 = d.get(8..10).and_then(|m| m.parse().ok()).unwrap_or(0);
    if shape && (1..=12).contains(&month) && (1..=31).contains(&day) {
        Ok(Some(d.to_string()))
    } else {
        Err(CoreError::InvalidInput(format!(
            "date {d:?} (expected YYYY-MM-DD)"
        )))
    }
}

/// The featured image as stored: trimmed, `./` and a leading `/` dropped
/// (`/assets/a.png` and `./assets/a.png` are `assets/a.png`, the path
/// [`Workspace::read_asset`] takes); blank is none. Any other text is kept
/// as typed (the editor saves on every keystroke); publishing reports a path
/// that names no file of the assets folder (`asset_missing`).
fn clean_featured_image(path: Option<&str>) -> Option<String> {
    let mut p = path?.trim();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    let p = p.trim_start_matches('/');
    (!p.is_empty()).then(|| p.to_string())
}

fn clean_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = t.trim();
        if !t.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(t)) {
            out.push(t.to_string());
        }
    }
    out
}

pub(crate) fn version_row(input: &LocaleVersionInput) -> Result<LocaleVersionRow, CoreError> {
    Ok(LocaleVersionRow {
        id: String::new(),
        article_id: input.article_id.clone(),
        locale: crate::locale::validate(&input.locale)?,
        title: input.title.clone(),
        slug: slugify(&input.slug),
        author: input.author.trim().to_string(),
        date: validate_date(&input.date)?,
        tags: serde_json::to_string(&clean_tags(&input.tags))
            .expect("a list of strings serialises"),
        summary: input.summary.clone(),
        body: input.body.clone(),
        status: input.status.as_str().to_string(),
        created_at: 0,
        updated_at: 0,
        categories: serde_json::to_string(&clean_tags(&input.categories))
            .expect("a list of strings serialises"),
        featured_image: clean_featured_image(input.featured_image.as_deref()),
    })
}

fn locale_version(r: LocaleVersionRow) -> Result<LocaleVersion, CoreError> {
    Ok(LocaleVersion {
        tags: serde_json::from_str(&r.tags).unwrap_or_default(),
        categories: serde_json::from_str(&r.categories).unwrap_or_default(),
        status: Status::parse(&r.status)?,
        id: r.id,
        article_id: r.article_id,
        locale: r.locale,
        title: r.title,
        slug: r.slug,
        author: r.author,
        date: r.date,
        summary: r.summary,
        body: r.body,
        created_at: r.created_at,
        updated_at: r.updated_at,
        featured_image: r.featured_image,
    })
}

fn library_entry(r: LibraryRow) -> Result<LibraryEntry, CoreError> {
    Ok(LibraryEntry {
        status: Status::parse(&r.status)?,
        versions: r
            .versions
            .iter()
            .map(|v| {
                Ok(LocaleStatus {
                    locale: v.locale.clone(),
                    status: Status::parse(&v.status)?,
                    blocks: v.blocks.max(0) as u32,
                    up_to_date: v.up_to_date.max(0) as u32,
                })
            })
            .collect::<Result<_, CoreError>>()?,
        id: r.article_id,
        title: r.title,
        source_locale: r.source_locale,
        updated_at: r.updated_at,
        deleted_at: r.deleted_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_validated() {
        assert_eq!(
            validate_date(&Some("2026-02-14".into()))
                .unwrap()
                .as_deref(),
            Some("2026-02-14")
        );
        assert_eq!(
            validate_date(&Some("  ".into())).unwrap(),
            None,
            "blank means no date"
        );
        assert!(
            validate_date(&Some("14/02/2026".into())).is_err(),
            "other formats are rejected"
        );
        assert!(
            validate_date(&Some("2026-13-01".into())).is_err(),
            "month 13 is rejected"
        );
    }

    #[test]
    fn tags_are_trimmed_and_deduplicated() {
        let tags = vec![
            " IA ".to_string(),
            "".into(),
            "ia".into(),
            "Événements".into(),
        ];
        assert_eq!(
            clean_tags(&tags),
            vec!["IA".to_string(), "Événements".to_string()]
        );
    }

    #[test]
    fn featured_image_paths_are_normalised() {
        assert_eq!(
            clean_featured_image(Some(" assets/cover.png ")).as_deref(),
            Some("assets/cover.png")
        );
        assert_eq!(
            clean_featured_image(Some("./assets/a b.png")).as_deref(),
            Some("assets/a b.png")
        );
        assert_eq!(
            clean_featured_image(Some("/assets/x.jpg")).as_deref(),
            Some("assets/x.jpg")
        );
        assert_eq!(clean_featured_image(Some("   ")), None, "blank is none");
        assert_eq!(clean_featured_image(None), None);
    }

    #[test]
    fn older_payloads_without_post_metadata_still_deserialize() {
        let input: LocaleVersionInput = serde_json::from_value(serde_json::json!({
            "article_id": "a", "locale": "fr", "title": "T", "slug": "t", "author": "",
            "date": null, "tags": ["x"], "summary": "", "body": "", "status": "draft"
        }))
        .expect("an input without categories or featured_image");
        assert!(input.categories.is_empty());
        assert_eq!(input.featured_image, None);
        let row = version_row(&LocaleVersionInput {
            categories: vec![" Actualités ".into(), "actualités".into(), "Écoles".into()],
            featured_image: Some("./assets/cover.png".into()),
            ..input
        })
        .unwrap();
        assert_eq!(row.categories, r#"["Actualités","Écoles"]"#);
        assert_eq!(row.featured_image.as_deref(), Some("assets/cover.png"));
    }
}
