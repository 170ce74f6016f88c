//! The sample workspace written on first start, so a new user sees real
//! articles (French and English, with every kind of Markdown block) instead
//! of an empty window.

use serde::Deserialize;

use crate::asset::ASSETS_DIR;
use crate::{CoreError, LocaleVersionInput, Status, Workspace, now_ms};

#[derive(Deserialize)]
struct SampleArticle {
    file: String,
    locale: String,
    title: String,
    slug: String,
    author: String,
    date: String,
    tags: Vec<String>,
    summary: String,
    status: Status,
}

const INDEX: &str = include_str!("../sample/articles.json");

const BODIES: &[(&str, &str)] = &[
    ("sommet-ia.fr.md", include_str!("../sample/sommet-ia.fr.md")),
    (
        "offline-newsletter.en.md",
        include_str!("../sample/offline-newsletter.en.md"),
    ),
    (
        "eclairage-ecoles.fr.md",
        include_str!("../sample/eclairage-ecoles.fr.md"),
    ),
];

const ASSETS: &[(&str, &[u8])] = &[
    (
        "salle-conference.svg",
        include_bytes!("../sample/assets/salle-conference.svg"),
    ),
    (
        "salle-de-classe.svg",
        include_bytes!("../sample/assets/salle-de-classe.svg"),
    ),
    (
        "train-fenetre.svg",
        include_bytes!("../sample/assets/train-fenetre.svg"),
    ),
];

/// Writes the sample articles, their images and the workspace locales.
pub(crate) fn seed(workspace: &Workspace) -> Result<(), CoreError> {
    let assets = workspace.root().join(ASSETS_DIR);
    let io_err = |e: std::io::Error| CoreError::DataDirNotWritable {
        path: assets.clone(),
        detail: e.to_string(),
    };
    std::fs::create_dir_all(&assets).map_err(io_err)?;
    for (name, bytes) in ASSETS {
        let path = assets.join(name);
        // Never overwrite a file the user may have put there.
        if !path.exists() {
            std::fs::write(&path, bytes).map_err(io_err)?;
        }
    }
    let index: Vec<SampleArticle> =
        serde_json::from_str(INDEX).expect("the shipped sample index is valid JSON (tested)");
    let now = now_ms();
    // Oldest first, a minute apart, so the library shows them in a stable order.
    for (i, a) in index.iter().enumerate() {
        let body = BODIES
            .iter()
            .find(|(f, _)| *f == a.file)
            .map(|(_, b)| *b)
            .expect("every sample article has a body (tested)");
        let input = LocaleVersionInput {
            article_id: String::new(),
            locale: a.locale.clone(),
            title: a.title.clone(),
            slug: a.slug.clone(),
            author: a.author.clone(),
            date: Some(a.date.clone()),
            tags: a.tags.clone(),
            summary: a.summary.clone(),
            body: body.to_string(),
            status: a.status,
            minor: false,
        };
        workspace.insert_article(&a.locale, &input, now - (index.len() - i) as i64 * 60_000)?;
    }
    workspace.set_workspace_locales(&crate::WorkspaceLocales {
        source: "fr".into(),
        targets: vec!["en".into(), "de".into()],
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_index_matches_the_bodies_and_assets() {
        let index: Vec<SampleArticle> =
            serde_json::from_str(INDEX).expect("articles.json should parse");
        assert_eq!(index.len(), 3, "the sample workspace has three articles");
        assert!(index.iter().any(|a| a.locale == "fr") && index.iter().any(|a| a.locale == "en"));
        for a in &index {
            let body = BODIES.iter().find(|(f, _)| *f == a.file).map(|(_, b)| *b);
            let body = body.unwrap_or_else(|| panic!("{} should have a body", a.file));
            assert_eq!(
                crate::slugify(&a.title),
                a.slug,
                "{}: the slug should follow the slug rules",
                a.file
            );
            for (name, _) in ASSETS.iter().filter(|(n, _)| body.contains(*n)) {
                assert!(
                    body.contains(&format!("assets/{name}")),
                    "{}: images are referenced by relative path",
                    a.file
                );
            }
            assert!(
                body.contains("[^"),
                "{}: each sample article has a footnote",
                a.file
            );
            assert!(
                body.contains("](https://"),
                "{}: each sample article has a link",
                a.file
            );
            assert!(
                body.contains("!["),
                "{}: each sample article has an image",
                a.file
            );
            assert!(
                body.contains("\n|"),
                "{}: each sample article has a table",
                a.file
            );
        }
        for (name, _) in ASSETS {
            assert!(
                BODIES.iter().any(|(_, b)| b.contains(name)),
                "asset {name} should be used by an article"
            );
        }
    }
}
