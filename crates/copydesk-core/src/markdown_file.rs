//! Markdown files with YAML front matter (Hugo / Jekyll / Zola style): how
//! articles leave and enter Copydesk outside the app (`copydesk import` /
//! `copydesk export`), for writers who draft in another editor.

use serde::Serialize;
use yaml_rust2::yaml::Hash;
use yaml_rust2::{Yaml, YamlEmitter, YamlLoader};

use crate::article::Status;
use crate::{CoreError, LocaleVersion, LocaleVersionInput, Workspace};

/// Metadata read from a front matter block; absent keys are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub slug: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub tags: Option<Vec<String>>,
    pub categories: Option<Vec<String>>,
    /// Workspace path of the featured image (`assets/cover.png`).
    pub featured_image: Option<String>,
    pub summary: Option<String>,
    pub status: Option<Status>,
    /// The language the file says it is in (checked against the import's).
    pub locale: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    pub article_id: String,
    pub locale: String,
    /// The article did not exist and was created.
    pub created_article: bool,
    /// The locale version did not exist and was started.
    pub created_version: bool,
}

/// Splits a file into front matter and body. A file without a leading
/// `---` line has no front matter; an unterminated or malformed one is an
/// error naming the problem (never silently imported as body text).
pub fn parse_markdown_file(text: &str) -> Result<(FrontMatter, String), CoreError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Ok((FrontMatter::default(), text.to_string()));
    }
    let rest = &text[first_line_end..];
    let mut offset = 0;
    let mut end = None;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let (yaml_end, body_start) = end.ok_or_else(|| {
        CoreError::InvalidInput("the front matter has no closing `---` line".into())
    })?;
    let docs = YamlLoader::load_from_str(&rest[..yaml_end])
        .map_err(|e| CoreError::InvalidInput(format!("front matter: {e}")))?;
    let body = rest[body_start..]
        .trim_start_matches(['\r', '\n'])
        .to_string();
    let Some(doc) = docs.into_iter().next() else {
        return Ok((FrontMatter::default(), body));
    };
    if !matches!(doc, Yaml::Hash(_)) {
        return Err(CoreError::InvalidInput(
            "front matter: expected `key: value` lines".into(),
        ));
    }
    let text_of = |key: &str| -> Result<Option<String>, CoreError> {
        match &doc[key] {
            Yaml::BadValue | Yaml::Null => Ok(None),
            Yaml::String(s) => Ok(Some(s.clone())),
            Yaml::Integer(i) => Ok(Some(i.to_string())),
            Yaml::Real(r) => Ok(Some(r.clone())),
            Yaml::Boolean(b) => Ok(Some(b.to_string())),
            _ => Err(CoreError::InvalidInput(format!(
                "front matter: `{key}` must be text"
            ))),
        }
    };
    // A YAML list, or one comma-separated string.
    let list_of = |key: &str| -> Result<Option<Vec<String>>, CoreError> {
        match &doc[key] {
            Yaml::BadValue | Yaml::Null => Ok(None),
            Yaml::Array(items) => Ok(Some(
                items
                    .iter()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .collect(),
            )),
            Yaml::String(s) => Ok(Some(
                s.split(',')
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect(),
            )),
            _ => Err(CoreError::InvalidInput(format!(
                "front matter: `{key}` must be a list"
            ))),
        }
    };
    let tags = list_of("tags")?;
    let categories = list_of("categories")?;
    let status = text_of("status")?.map(|s| Status::parse(&s)).transpose()?;
    let locale = text_of("locale")?;
    Ok((
        FrontMatter {
            title: text_of("title")?,
            slug: text_of("slug")?,
            author: text_of("author")?,
            date: text_of("date")?,
            tags,
            categories,
            featured_image: text_of("featured_image")?,
            summary: text_of("summary")?,
            status,
            locale,
        },
        body,
    ))
}

/// A locale version as a Markdown file with front matter.
pub fn write_markdown_file(v: &LocaleVersion) -> String {
    let mut map = Hash::new();
    let mut put = |k: &str, value: Yaml| {
        map.insert(Yaml::String(k.into()), value);
    };
    // Every key is written, empty or not, so clearing a field in the file
    // and importing it back clears it in Copydesk.
    put("title", Yaml::String(v.title.clone()));
    put("slug", Yaml::String(v.slug.clone()));
    put("locale", Yaml::String(v.locale.clone()));
    put("author", Yaml::String(v.author.clone()));
    put("date", Yaml::String(v.date.clone().unwrap_or_default()));
    put(
        "tags",
        Yaml::Array(v.tags.iter().map(|t| Yaml::String(t.clone())).collect()),
    );
    put(
        "categories",
        Yaml::Array(
            v.categories
                .iter()
                .map(|c| Yaml::String(c.clone()))
                .collect(),
        ),
    );
    put(
        "featured_image",
        Yaml::String(v.featured_image.clone().unwrap_or_default()),
    );
    put("summary", Yaml::String(v.summary.clone()));
    put("status", Yaml::String(v.status.as_str().into()));
    let mut yaml = String::new();
    YamlEmitter::new(&mut yaml)
        .dump(&Yaml::Hash(map))
        .expect("writing YAML to a String cannot fail");
    // The emitter starts the document with its own `---` line.
    format!("{yaml}\n---\n\n{}\n", v.body.trim_end())
}

impl Workspace {
    /// The id of the article `reference` names: an article id, or the slug
    /// of one of its versions.
    pub fn find_article(&self, reference: &str) -> Result<Option<String>, CoreError> {
        let store = self.store();
        if let Some(a) = store.article(reference)? {
            return Ok(Some(a.id));
        }
        Ok(store.article_id_by_slug(reference)?)
    }

    /// Replaces the `locale` version of the article `reference` names with a
    /// Markdown file, exactly as an edit in the app would (new revision,
    /// translations realigned; `minor` keeps them current). Creates the
    /// article, or the locale version, when missing.
    pub fn import_markdown(
        &self,
        reference: &str,
        locale: &str,
        text: &str,
        minor: bool,
    ) -> Result<ImportOutcome, CoreError> {
        let locale = crate::locale::validate(locale)?;
        let (front, body) = parse_markdown_file(text)?;
        if let Some(declared) = &front.locale
            && crate::locale::validate(declared).ok().as_deref() != Some(locale.as_str())
        {
            return Err(CoreError::InvalidInput(format!(
                "the file says it is in {declared:?}, not {locale:?}"
            )));
        }
        let mut created_article = false;
        let mut created_version = false;
        let article_id = match self.find_article(reference)? {
            Some(id) => id,
            None => {
                created_article = true;
                let article = self.create_article(&locale)?;
                article.id
            }
        };
        let article = self.get_article(&article_id)?;
        let version = match article.versions.iter().find(|v| v.locale == locale) {
            Some(v) => v.clone(),
            None => {
                created_version = true;
                self.start_translation(&article_id, &locale, false)?;
                self.get_article(&article_id)?
                    .versions
                    .into_iter()
                    .find(|v| v.locale == locale)
                    .ok_or_else(|| CoreError::NotFound(format!("{article_id} in {locale}")))?
            }
        };
        let default_slug = if created_article {
            crate::slugify(reference)
        } else {
            version.slug.clone()
        };
        let input = LocaleVersionInput {
            article_id: article_id.clone(),
            locale: locale.clone(),
            title: front.title.unwrap_or(version.title),
            slug: front.slug.unwrap_or(default_slug),
            author: front.author.unwrap_or(version.author),
            date: front.date.or(version.date),
            tags: front.tags.unwrap_or(version.tags),
            summary: front.summary.unwrap_or(version.summary),
            body,
            status: front.status.unwrap_or(version.status),
            minor,
            categories: front.categories.unwrap_or(version.categories),
            featured_image: front.featured_image.or(version.featured_image),
        };
        self.save_version(&input, "import")?;
        Ok(ImportOutcome {
            article_id,
            locale,
            created_article,
            created_version,
        })
    }

    /// The `locale` version of the article `reference` names, as a Markdown
    /// file with front matter.
    pub fn export_markdown(&self, reference: &str, locale: &str) -> Result<String, CoreError> {
        let locale = crate::locale::validate(locale)?;
        let locale = locale.as_str();
        let id = self
            .find_article(reference)?
            .ok_or_else(|| CoreError::NotFound(format!("article {reference}")))?;
        let article = self.get_article(&id)?;
        let version = article
            .versions
            .iter()
            .find(|v| v.locale == locale)
            .ok_or_else(|| CoreError::NotFound(format!("article {reference} in {locale}")))?;
        Ok(write_markdown_file(version))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter_and_body() {
        let file = "---\ntitle: \"Sommet : l'IA\"\nslug: sommet\ndate: 2026-02-14\ntags: [ia, énergie]\ncategories: Actualités, Écoles\nfeatured_image: assets/cover.png\nstatus: ready\n---\n\n## Corps\n\nTexte.\n";
        let (front, body) = parse_markdown_file(file).unwrap();
        assert_eq!(front.title.as_deref(), Some("Sommet : l'IA"));
        assert_eq!(front.slug.as_deref(), Some("sommet"));
        assert_eq!(front.date.as_deref(), Some("2026-02-14"));
        assert_eq!(
            front.tags,
            Some(vec!["ia".to_string(), "énergie".to_string()])
        );
        assert_eq!(
            front.categories,
            Some(vec!["Actualités".to_string(), "Écoles".to_string()]),
            "a comma-separated string is a list, like tags"
        );
        assert_eq!(front.featured_image.as_deref(), Some("assets/cover.png"));
        assert_eq!(front.status, Some(Status::Ready));
        assert_eq!(body, "## Corps\n\nTexte.\n");
    }

    #[test]
    fn a_file_without_front_matter_is_all_body() {
        let (front, body) = parse_markdown_file("# Hello\n\n---\n\nafter a rule").unwrap();
        assert_eq!(front, FrontMatter::default());
        assert_eq!(body, "# Hello\n\n---\n\nafter a rule");
    }

    #[test]
    fn bad_front_matter_is_an_error_not_body_text() {
        for bad in [
            "---\ntitle: x\n",
            "---\ntitle: [unclosed\n---\nbody",
            "---\n- a\n- b\n---\nbody",
            "---\nstatus: shipped\n---\n",
            "---\ncategories: {a: 1}\n---\n",
            "---\nfeatured_image: [a, b]\n---\n",
        ] {
            let err = parse_markdown_file(bad).unwrap_err();
            assert_eq!(err.code(), "invalid_input", "{bad:?} must be rejected");
        }
    }

    #[test]
    fn written_files_read_back_identically() {
        let v = LocaleVersion {
            id: "v".into(),
            article_id: "a".into(),
            locale: "fr".into(),
            title: "Sommet : « l'IA » — #1".into(),
            slug: "sommet".into(),
            author: "Claire: V.".into(),
            date: Some("2026-02-14".into()),
            tags: vec!["ia".into(), "yes".into()],
            summary: "Deux lignes\net un retour.".into(),
            body: "## Titre\n\nTexte.".into(),
            status: Status::InReview,
            created_at: 0,
            updated_at: 0,
            categories: vec!["Actualités".into(), "no: really".into()],
            featured_image: Some("assets/couverture été.png".into()),
        };
        let file = write_markdown_file(&v);
        let (front, body) = parse_markdown_file(&file).unwrap();
        assert_eq!(front.title.as_deref(), Some(v.title.as_str()), "{file}");
        assert_eq!(front.author.as_deref(), Some("Claire: V."));
        assert_eq!(front.summary.as_deref(), Some("Deux lignes\net un retour."));
        assert_eq!(front.tags.as_deref(), Some(&v.tags[..]));
        assert_eq!(front.categories.as_deref(), Some(&v.categories[..]));
        assert_eq!(front.featured_image, v.featured_image);
        assert_eq!(front.status, Some(Status::InReview));
        assert_eq!(body, "## Titre\n\nTexte.\n");

        // Without them, both keys are still written (empty), so clearing
        // them in the file clears them in Copydesk.
        let bare = LocaleVersion {
            categories: vec![],
            featured_image: None,
            ..v
        };
        let file = write_markdown_file(&bare);
        let (front, _) = parse_markdown_file(&file).unwrap();
        assert_eq!(front.categories, Some(vec![]), "{file}");
        assert_eq!(front.featured_image.as_deref(), Some(""), "{file}");
    }
}
