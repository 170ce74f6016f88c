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
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    featured_image: Option<String>,
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

/// PNG, not SVG: WordPress refuses SVG uploads by default, and the sample
/// articles must publish as they are. Rasterised once from the SVG sources
/// beside them (`rsvg-convert -w 1600 -h 900 NAME.svg -o NAME.png`).
const ASSETS: &[(&str, &[u8])] = &[
    (
        "salle-conference.png",
        include_bytes!("../sample/assets/salle-conference.png"),
    ),
    (
        "salle-de-classe.png",
        include_bytes!("../sample/assets/salle-de-classe.png"),
    ),
    (
        "train-fenetre.png",
        include_bytes!("../sample/assets/train-fenetre.png"),
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
            categories: a.categories.clone(),
            featured_image: a.featured_image.clone(),
        };
        workspace.insert_article(&a.locale, &input, now - (index.len() - i) as i64 * 60_000)?;
    }
    seed_translation(workspace)?;
    workspace.set_workspace_locales(&crate::WorkspaceLocales {
        source: "fr".into(),
        targets: vec!["en".into(), "de".into()],
    })?;
    Ok(())
}

const SOMMET_EN: &str = include_str!("../sample/sommet-ia.en.md");

/// The English translation of the summit article, confirmed block by block,
/// then one later edit of the French source: a new user sees a translation
/// with exactly one paragraph to bring up to date.
fn seed_translation(workspace: &Workspace) -> Result<(), CoreError> {
    let Some(id) =
        workspace.find_article("sommet-pour-l-action-sur-l-ia-ce-que-nous-en-retenons")?
    else {
        return Ok(());
    };
    let view = workspace.start_translation(&id, "en", false)?;
    let english = copydesk_markdown::split_blocks(SOMMET_EN);
    for (block, text) in view.blocks.iter().zip(&english) {
        workspace.save_translation_block(&id, "en", &block.unit_id, &text.text)?;
    }
    workspace.mark_blocks_up_to_date(&id, "en", None)?;
    let article = workspace.get_article(&id)?;
    let en = article
        .versions
        .iter()
        .find(|v| v.locale == "en")
        .expect("just started");
    workspace.save_locale_version(&LocaleVersionInput {
        article_id: id.clone(),
        locale: "en".into(),
        title: "AI Action Summit: our key takeaways".into(),
        slug: "ai-action-summit-our-key-takeaways".into(),
        author: en.author.clone(),
        date: en.date.clone(),
        tags: vec!["events".into(), "artificial intelligence".into(), "frugality".into()],
        summary: "Three members of our team spent a day at the AI Action Summit and came back with lessons about data, frugality and what local authorities expect.".into(),
        body: en.body.clone(),
        status: Status::Ready,
        minor: false,
        categories: vec!["News".into()],
        // The source's, copied when the translation started.
        featured_image: en.featured_image.clone(),
    })?;
    let fr = article
        .versions
        .iter()
        .find(|v| v.locale == "fr")
        .expect("the source");
    let first = copydesk_markdown::split_blocks(&fr.body)
        .into_iter()
        .next()
        .map(|b| b.text)
        .unwrap_or_default();
    let edited = fr.body.replacen(
        &first,
        &format!("{first} Nous y avons aussi retrouvé deux collectivités clientes."),
        1,
    );
    workspace.save_locale_version(&LocaleVersionInput {
        article_id: id,
        locale: "fr".into(),
        title: fr.title.clone(),
        slug: fr.slug.clone(),
        author: fr.author.clone(),
        date: fr.date.clone(),
        tags: fr.tags.clone(),
        summary: fr.summary.clone(),
        body: edited,
        status: fr.status,
        minor: false,
        categories: fr.categories.clone(),
        featured_image: fr.featured_image.clone(),
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
        let fr = BODIES
            .iter()
            .find(|(f, _)| *f == "sommet-ia.fr.md")
            .unwrap()
            .1;
        assert_eq!(
            copydesk_markdown::split_blocks(fr).len(),
            copydesk_markdown::split_blocks(SOMMET_EN).len(),
            "the English sample translation aligns block for block with its source"
        );
        for (name, _) in ASSETS {
            assert!(
                BODIES.iter().any(|(_, b)| b.contains(name)),
                "asset {name} should be used by an article"
            );
            assert!(
                !name.ends_with(".svg"),
                "{name}: WordPress refuses SVG uploads, sample images must publish"
            );
        }
        for (file, body) in BODIES.iter().chain([("sommet-ia.en.md", SOMMET_EN)].iter()) {
            assert!(
                !body.contains(".svg"),
                "{file}: WordPress refuses SVG uploads, sample images must publish"
            );
        }
        let featured: Vec<&SampleArticle> = index
            .iter()
            .filter(|a| a.featured_image.is_some())
            .collect();
        assert!(
            !featured.is_empty(),
            "a sample article shows a featured image"
        );
        for a in featured {
            let path = a.featured_image.as_deref().unwrap();
            assert!(
                ASSETS
                    .iter()
                    .any(|(name, _)| path == format!("{ASSETS_DIR}/{name}")),
                "{}: the featured image {path} is a shipped asset",
                a.file
            );
            assert!(!a.categories.is_empty(), "{}: and a category", a.file);
        }
    }

    #[test]
    fn sample_images_are_png_files() {
        for (name, bytes) in ASSETS {
            assert!(
                bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
                "{name} should be a PNG file"
            );
        }
    }
}
