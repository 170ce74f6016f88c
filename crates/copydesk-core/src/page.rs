//! The page preview: an article's locale version as the site will show it,
//! inside the workspace's theme (template + stylesheet) with the site's
//! strings in that locale. The body comes from the same pipeline as the live
//! preview ([`crate::render_preview_in`]: comrak + typography + ammonia, the
//! preview limits kept).
//!
//! The theme is the workspace's own when configured (settings
//! `site_template` / `site_stylesheet`), else `theme/page.html` and
//! `theme/site.css` in the data folder when they exist, else the built-in one.
//! Files are read again at every render, so edits show at once. When the
//! template fails, the errors are returned (file and line) with the last good
//! page of the same article and locale, or the page in the built-in theme.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use copydesk_page::{PageArticle, PageError, PageInput, RelatedArticle, SiteStrings, Theme};
use serde::{Deserialize, Serialize};

use crate::{CoreError, Workspace};

const SITE_THEME: &str = "site_theme";

/// Paths of the workspace's own theme files (`None`: the default). Relative
/// paths are inside the data folder; `~/` is the home folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteTheme {
    pub template: Option<String>,
    pub stylesheet: Option<String>,
}

/// The theme as the settings show it: what is configured, and the files the
/// page really uses (`None`: the built-in part).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SiteThemeState {
    pub template: Option<String>,
    pub stylesheet: Option<String>,
    pub template_in_use: Option<String>,
    pub stylesheet_in_use: Option<String>,
}

/// Which file of a theme a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemePart {
    Template,
    Stylesheet,
}

/// Environment variable naming the folder "Export HTML" writes to.
pub const EXPORT_DIR_ENV: &str = "COPYDESK_EXPORT_DIR";

/// A page written to disk as one standalone HTML file.
#[derive(Debug, Clone, Serialize)]
pub struct ExportedPage {
    /// The file written (absolute).
    pub path: String,
    pub bytes: usize,
    /// Theme problems met while rendering (the file holds the page shown).
    pub errors: Vec<PageError>,
}

/// Where "Export HTML" writes: `$COPYDESK_EXPORT_DIR`, else the user's
/// Downloads folder (XDG `DOWNLOAD` on Linux), else `exports/` in the data
/// folder.
pub fn export_dir(data_dir: &Path) -> PathBuf {
    choose_export_dir(
        std::env::var_os(EXPORT_DIR_ENV),
        dirs::download_dir(),
        data_dir,
    )
}

fn choose_export_dir(
    variable: Option<std::ffi::OsString>,
    downloads: Option<PathBuf>,
    data_dir: &Path,
) -> PathBuf {
    variable
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or(downloads)
        .unwrap_or_else(|| data_dir.join("exports"))
}

/// `dir/stem.html`, or `dir/stem (2).html`… when taken: an export never
/// replaces a file.
fn create_unique(dir: &Path, stem: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.html")
        } else {
            format!("{stem} ({n}).html")
        };
        let path = dir.join(name);
        match std::fs::File::create_new(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "too many exports of this page",
    ))
}

/// A file name made of a slug and a locale: letters, digits, `-`, `_`, `.`.
fn file_stem(slug: &str, locale: &str) -> String {
    let clean = |s: &str| {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect::<String>()
    };
    let slug = match clean(slug) {
        s if s.is_empty() => "article".to_string(),
        s => s,
    };
    format!("{slug}.{}", clean(locale))
}

/// The editor's unsaved state of the version shown, used instead of what is stored.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PageDraft {
    pub title: String,
    pub author: String,
    pub date: Option<String>,
    pub summary: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub body: String,
}

/// What the page preview shows.
#[derive(Debug, Clone, Serialize)]
pub struct PageOutput {
    /// A whole HTML document (CSP first in `<head>`, stylesheets inline).
    pub html: String,
    /// Theme problems (file, line, message); empty when all went well.
    pub errors: Vec<PageError>,
    /// True when `html` is not this render's (the template failed): the last
    /// good page, or the page in the built-in theme.
    pub stale: bool,
    pub locale: String,
}

/// (workspace folder, article id, locale).
type PageKey = (PathBuf, String, String);

/// Last good page per (workspace, article, locale).
fn last_good() -> &'static Mutex<HashMap<PageKey, String>> {
    static LAST: OnceLock<Mutex<HashMap<PageKey, String>>> = OnceLock::new();
    LAST.get_or_init(Default::default)
}

/// Renders a page, keeping the last good one for `key`.
fn render_with_fallback(
    key: Option<(PathBuf, String, String)>,
    input: &PageInput,
    theme: Theme,
    mut errors: Vec<PageError>,
    site: &SiteStrings,
) -> PageOutput {
    let locale = input.article.locale.clone();
    match copydesk_page::render_page(input, &theme, site) {
        Ok(html) => {
            if let Some(key) = key {
                let mut map = last_good().lock().unwrap_or_else(|p| p.into_inner());
                if map.len() > 64 {
                    map.clear();
                }
                map.insert(key, html.clone());
            }
            PageOutput {
                html,
                errors,
                stale: false,
                locale,
            }
        }
        Err(e) => {
            errors.push(e);
            let kept = key.and_then(|k| {
                last_good()
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .get(&k)
                    .cloned()
            });
            let html = match kept {
                Some(html) => html,
                None => {
                    let fallback = Theme {
                        stylesheet: theme.stylesheet,
                        ..Theme::default()
                    };
                    copydesk_page::render_page(input, &fallback, site)
                        .or_else(|_| copydesk_page::render_page(input, &Theme::default(), site))
                        .unwrap_or_default()
                }
            };
            PageOutput {
                html,
                errors,
                stale: true,
                locale,
            }
        }
    }
}

/// The article fields and body of a page, from a draft.
fn page_article(
    draft: &PageDraft,
    locale: &str,
    slug: &str,
    asset_base: Option<&str>,
) -> PageArticle {
    let preview = crate::render_preview_in(&draft.body, asset_base, Some(locale));
    PageArticle {
        title: draft.title.clone(),
        author: draft.author.clone(),
        date: draft.date.clone().filter(|d| !d.is_empty()),
        summary: draft.summary.clone(),
        locale: locale.to_string(),
        slug: slug.to_string(),
        tags: draft.tags.clone(),
        words: preview.words,
        reading_minutes: preview.reading_minutes,
        body_html: preview.html,
    }
}

/// Renders a loose Markdown file's page in the built-in theme (no workspace).
pub fn render_page_standalone(
    draft: &PageDraft,
    locale: &str,
    asset_base: Option<&str>,
) -> PageOutput {
    let input = PageInput {
        article: page_article(draft, locale, "", asset_base),
        related: Vec::new(),
    };
    render_with_fallback(
        None,
        &input,
        Theme::default(),
        Vec::new(),
        &SiteStrings::none(),
    )
}

impl Workspace {
    /// The workspace's own theme files, as configured.
    pub fn site_theme(&self) -> Result<SiteTheme, CoreError> {
        Ok(self
            .store()
            .setting(SITE_THEME)?
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default())
    }

    /// Points the workspace to its own template and stylesheet (`None`: default).
    pub fn set_site_theme(&self, theme: &SiteTheme) -> Result<(), CoreError> {
        let json = serde_json::to_string(theme).expect("SiteTheme serialises");
        self.store().set_setting(SITE_THEME, Some(&json))?;
        Ok(())
    }

    /// The configured theme and the files the page uses.
    pub fn site_theme_state(&self) -> Result<SiteThemeState, CoreError> {
        let configured = self.site_theme()?;
        let (template, stylesheet) = self.theme_paths()?;
        let shown = |p: Option<PathBuf>| p.map(|p| p.display().to_string());
        Ok(SiteThemeState {
            template: configured.template,
            stylesheet: configured.stylesheet,
            template_in_use: shown(template),
            stylesheet_in_use: shown(stylesheet),
        })
    }

    /// [`Workspace::set_site_theme`] for the settings: blank paths mean the
    /// built-in part, every other path must be a readable UTF-8 file (else
    /// [`CoreError::ThemeFile`] names the part, and nothing is saved).
    pub fn save_site_theme(&self, theme: &SiteTheme) -> Result<SiteThemeState, CoreError> {
        let clean = |p: &Option<String>| {
            p.as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
        };
        let theme = SiteTheme {
            template: clean(&theme.template),
            stylesheet: clean(&theme.stylesheet),
        };
        for (part, set) in [
            (ThemePart::Template, &theme.template),
            (ThemePart::Stylesheet, &theme.stylesheet),
        ] {
            let Some(set) = set else { continue };
            let path = self.theme_path(set);
            let problem = |detail: String| CoreError::ThemeFile {
                part,
                path: path.clone(),
                detail,
            };
            if !path.exists() {
                return Err(problem("missing".into()));
            }
            if !path.is_file() {
                return Err(problem("not_a_file".into()));
            }
            let bytes = std::fs::read(&path).map_err(|e| problem(e.to_string()))?;
            if std::str::from_utf8(&bytes).is_err() {
                return Err(problem("not_utf8".into()));
            }
        }
        self.set_site_theme(&theme)?;
        self.site_theme_state()
    }

    /// A configured theme path: `~/` is the home folder, a relative path is
    /// inside the data folder.
    fn theme_path(&self, set: &str) -> PathBuf {
        let set = set.trim();
        match set.strip_prefix("~/") {
            Some(rest) => dirs::home_dir().map_or_else(|| PathBuf::from(set), |h| h.join(rest)),
            None => self.root().join(set),
        }
    }

    /// The theme files in use: configured, else `theme/` in the data folder.
    fn theme_paths(&self) -> Result<(Option<PathBuf>, Option<PathBuf>), CoreError> {
        let configured = self.site_theme()?;
        let pick = |set: Option<String>, conventional: &str| {
            set.filter(|s| !s.trim().is_empty())
                .map(|s| self.theme_path(&s))
                .or_else(|| {
                    let p = self.root().join("theme").join(conventional);
                    p.is_file().then_some(p)
                })
        };
        Ok((
            pick(configured.template, "page.html"),
            pick(configured.stylesheet, "site.css"),
        ))
    }

    /// The linked strings folder's files (none when no folder is linked or
    /// it cannot be read: the page then uses the theme's strings).
    fn site_strings(&self) -> SiteStrings {
        let Ok(Some(link)) = self.strings_link() else {
            return SiteStrings::none();
        };
        let Ok(tree) = copydesk_l10n::tree::StringsTree::load(
            Path::new(&link.path),
            None,
            &copydesk_l10n::tree::LoadOptions::default(),
        ) else {
            return SiteStrings::none();
        };
        SiteStrings {
            locales: tree
                .locales
                .into_iter()
                .map(|(name, dir)| {
                    let files = dir.files.into_values().map(|f| f.source).collect();
                    (name, files)
                })
                .collect(),
            reference: link.reference,
        }
    }

    /// Up to three other articles with a version in `locale`, those sharing
    /// tags with `tags` first, then the most recently edited.
    fn related(
        &self,
        article_id: &str,
        locale: &str,
        tags: &[String],
    ) -> Result<Vec<RelatedArticle>, CoreError> {
        let mut found: Vec<(usize, RelatedArticle)> = Vec::new();
        for entry in self.list_articles(false)?.into_iter().take(24) {
            if entry.id == article_id || !entry.versions.iter().any(|v| v.locale == locale) {
                continue;
            }
            let article = self.get_article(&entry.id)?;
            let Some(v) = article.versions.into_iter().find(|v| v.locale == locale) else {
                continue;
            };
            let shared = v.tags.iter().filter(|t| tags.contains(t)).count();
            found.push((
                shared,
                RelatedArticle {
                    title: v.title,
                    summary: v.summary,
                    date: v.date,
                    slug: v.slug,
                    locale: v.locale,
                },
            ));
        }
        // Stable: equal scores keep the library's most-recent-first order.
        found.sort_by_key(|f| std::cmp::Reverse(f.0));
        Ok(found.into_iter().take(3).map(|(_, r)| r).collect())
    }

    /// The page of `article_id` in `locale` as the site will show it. `draft`
    /// replaces the stored version (the editor's unsaved text).
    pub fn render_page(
        &self,
        article_id: &str,
        locale: &str,
        draft: Option<&PageDraft>,
        asset_base: Option<&str>,
    ) -> Result<PageOutput, CoreError> {
        let article = self.get_article(article_id)?;
        let version = article.versions.iter().find(|v| v.locale == locale);
        let stored;
        let (draft, slug) = match (draft, version) {
            (Some(d), v) => (d, v.map(|v| v.slug.clone()).unwrap_or_default()),
            (None, Some(v)) => {
                stored = PageDraft {
                    title: v.title.clone(),
                    author: v.author.clone(),
                    date: v.date.clone(),
                    summary: v.summary.clone(),
                    tags: v.tags.clone(),
                    body: v.body.clone(),
                };
                (&stored, v.slug.clone())
            }
            (None, None) => {
                return Err(CoreError::NotFound(format!(
                    "{locale} version of {article_id}"
                )));
            }
        };
        let input = PageInput {
            article: page_article(draft, locale, &slug, asset_base),
            related: self.related(article_id, locale, &draft.tags)?,
        };
        let (template, stylesheet) = self.theme_paths()?;
        let (theme, errors) = Theme::load(template.as_deref(), stylesheet.as_deref());
        let key = (
            self.root().to_path_buf(),
            article_id.to_string(),
            locale.to_string(),
        );
        Ok(render_with_fallback(
            Some(key),
            &input,
            theme,
            errors,
            &self.site_strings(),
        ))
    }

    /// Writes the page of `article_id` in `locale` (the editor's `draft` when
    /// given) as one standalone HTML file: stylesheet inline, the workspace's
    /// images embedded as `data:` URIs, no script. Into `folder`, else
    /// [`export_dir`]; named `{slug}.{locale}.html` (`… (2).html` when taken).
    pub fn export_page(
        &self,
        article_id: &str,
        locale: &str,
        draft: Option<&PageDraft>,
        folder: Option<&Path>,
    ) -> Result<ExportedPage, CoreError> {
        let out = self.render_page(article_id, locale, draft, None)?;
        let html = standalone_html(&out.html, self.root(), None);
        let slug = self
            .get_article(article_id)?
            .versions
            .into_iter()
            .find(|v| v.locale == locale)
            .map(|v| v.slug)
            .filter(|s| !s.is_empty())
            .or_else(|| draft.map(|d| crate::slugify(&d.title)))
            .unwrap_or_default();
        let dir = folder.map_or_else(|| export_dir(self.root()), Path::to_path_buf);
        let failed = |path: &Path, e: std::io::Error| CoreError::ExportFailed {
            path: path.to_path_buf(),
            detail: e.to_string(),
        };
        std::fs::create_dir_all(&dir).map_err(|e| failed(&dir, e))?;
        let (path, mut file) =
            create_unique(&dir, &file_stem(&slug, locale)).map_err(|e| failed(&dir, e))?;
        let written =
            std::io::Write::write_all(&mut file, html.as_bytes()).and_then(|_| file.sync_all());
        if let Err(e) = written {
            drop(file);
            let _ = std::fs::remove_file(&path);
            return Err(failed(&path, e));
        }
        Ok(ExportedPage {
            path: path.display().to_string(),
            bytes: html.len(),
            errors: out.errors,
        })
    }

    /// A loose Markdown document's page with this workspace's theme and strings.
    pub fn render_page_for(
        &self,
        draft: &PageDraft,
        locale: &str,
        asset_base: Option<&str>,
    ) -> Result<PageOutput, CoreError> {
        let input = PageInput {
            article: page_article(draft, locale, "", asset_base),
            related: Vec::new(),
        };
        let (template, stylesheet) = self.theme_paths()?;
        let (theme, errors) = Theme::load(template.as_deref(), stylesheet.as_deref());
        Ok(render_with_fallback(
            None,
            &input,
            theme,
            errors,
            &self.site_strings(),
        ))
    }
}

/// `page` with every image the workspace (or `base_dir`) holds embedded as a
/// `data:` URI, for an HTML file that stands alone.
pub fn standalone_html(html: &str, base_dir: &Path, asset_base: Option<&str>) -> String {
    copydesk_page::embed_images(html, |src| {
        let rel = match asset_base.and_then(|b| src.strip_prefix(b)) {
            Some(rel) => rel,
            None if src.contains("://") || src.starts_with("//") => return None,
            None => src,
        };
        let rel = percent_decode(rel.split(['?', '#']).next().unwrap_or(rel));
        let rel = rel.trim_start_matches('/');
        let path = base_dir.join(rel);
        // Only files inside the folder: no `../` escapes.
        let canonical = path.canonicalize().ok()?;
        let root = base_dir.canonicalize().ok()?;
        if !canonical.starts_with(&root) {
            return None;
        }
        let mime = copydesk_page::image_mime(rel)?;
        Some((std::fs::read(canonical).ok()?, mime.to_string()))
    })
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_folder_is_the_variable_else_downloads_else_the_workspace() {
        let data = Path::new("/data");
        let dl = || Some(PathBuf::from("/home/u/Downloads"));
        assert_eq!(
            choose_export_dir(Some("/x".into()), dl(), data),
            PathBuf::from("/x")
        );
        assert_eq!(
            choose_export_dir(Some("".into()), dl(), data),
            PathBuf::from("/home/u/Downloads")
        );
        assert_eq!(
            choose_export_dir(None, None, data),
            PathBuf::from("/data/exports")
        );
    }

    #[test]
    fn export_file_names_are_slug_and_locale() {
        assert_eq!(file_stem("mon-article", "fr-CA"), "mon-article.fr-CA");
        assert_eq!(file_stem("../../etc", "fr/../x"), "etc.frx");
        assert_eq!(file_stem("", "de"), "article.de");
    }
}
