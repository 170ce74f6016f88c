//! `copydesk preview`: a standalone page (stylesheet inline, images
//! embedded) for a loose Markdown file or a workspace article.

use std::process::Command;

fn copydesk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
}

#[test]
fn loose_file_in_french_with_the_default_theme() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("img")).unwrap();
    std::fs::write(dir.path().join("img/a.png"), [0x89, b'P', b'N', b'G']).unwrap();
    let file = dir.path().join("a.md");
    std::fs::write(
        &file,
        "---\ntitle: L'été\nauthor: Léa\ndate: 2025-03-18\n---\nBonjour ! ![a](img/a.png)\n\n<script>alert(1)</script>\n",
    )
    .unwrap();
    let out_file = dir.path().join("page.html");
    let out = copydesk()
        .args(["preview", "--locale", "fr"])
        .arg(&file)
        .arg("--out")
        .arg(&out_file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&out_file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    assert!(html.contains("<title>L’été</title>"));
    assert!(html.contains("Publié le 18 mars 2025"));
    assert!(html.contains("Bonjour\u{202F}!"));
    assert!(
        html.contains("src=\"data:image/png;base64,iVBORw==\""),
        "image embedded"
    );
    assert!(
        html.contains("<style>") && html.contains(".newsletter"),
        "CSS inline"
    );
    assert!(!html.contains("<script"), "no script");
}

#[test]
fn workspace_article_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws");
    let list = copydesk()
        .args(["list", "--format", "json", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    let articles: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let id = articles
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Sommet pour"))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let out = copydesk()
        .args(["preview", "--article", &id, "--locale", "en", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("Subscribe to our newsletter"));
    assert!(html.contains("Published on "));
    assert!(
        html.contains("src=\"data:image/"),
        "the sample's workspace image is embedded"
    );
}

#[test]
fn file_and_article_together_are_refused() {
    let out = copydesk()
        .args(["preview", "a.md", "--article", "x"])
        .output()
        .unwrap();
    assert!(!out.status.success());
}
