//! Writing back: an untouched tree comes back byte-identical, and editing
//! one message changes only that message's bytes (CRLF and BOM kept).

use std::path::Path;

use copydesk_l10n::tree::{LoadOptions, StringsTree};
use copydesk_l10n::write::set_message;

const SITE: &str = "# This Source Code Form is subject to the terms of the Mozilla Public\n# License, v. 2.0.\n\n### Newsletter block\n\n## Form\n\n# Heading of the sign-up box\nnewsletter-title = Subscribe to our newsletter\nnewsletter-first-name = First name*\n    .placeholder = Jane\n\n\nnewsletter-thanks = Thank you! Your subscription has been recorded.\nnewsletter-error = Oops! Something went wrong\n\n## Articles\n\npublished-on = Published on { $date }\nrelated = Related articles\nreading-time = { $count ->\n    [one] { $count } minute read\n   *[other] { $count } minutes read\n}\n";

fn write_tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let crlf = SITE.replace('\n', "\r\n");
    let files: Vec<(String, Vec<u8>)> = vec![
        ("en/site.ftl".into(), SITE.as_bytes().to_vec()),
        ("en/crlf.ftl".into(), crlf.clone().into_bytes()),
        (
            "en/bom.ftl".into(),
            [b"\xEF\xBB\xBF".as_slice(), SITE.as_bytes()].concat(),
        ),
        (
            "en/nested/deep/no-final-newline.ftl".into(),
            SITE.trim_end().as_bytes().to_vec(),
        ),
        (
            "fr/site.ftl".into(),
            "newsletter-title = Abonnez-vous\n\n# junk below\nbroken = {\n".into(),
        ),
        (
            "fr/crlf.ftl".into(),
            [b"\xEF\xBB\xBF".as_slice(), crlf.as_bytes()].concat(),
        ),
    ];
    for (rel, bytes) in &files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    files
}

#[test]
fn an_untouched_tree_writes_back_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_tree(dir.path());
    let tree = StringsTree::load(dir.path(), None, &LoadOptions::default()).unwrap();
    let mut seen = 0;
    for (rel, bytes) in &files {
        let (locale, path) = rel.split_once('/').unwrap();
        let f = &tree.locales[locale].files[path];
        assert_eq!(&f.to_bytes(), bytes, "{rel} comes back as it was");
        seen += 1;
    }
    assert_eq!(seen, 6);
}

#[test]
fn editing_one_message_keeps_every_other_byte() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path());
    let tree = StringsTree::load(dir.path(), None, &LoadOptions::default()).unwrap();
    for path in [
        "site.ftl",
        "crlf.ftl",
        "bom.ftl",
        "nested/deep/no-final-newline.ftl",
    ] {
        let f = &tree.locales["en"].files[path];
        let before = f.to_bytes();
        let e = f
            .analysis
            .entries
            .iter()
            .find(|e| e.id == "newsletter-thanks")
            .unwrap();
        let after = set_message(
            f,
            "newsletter-thanks",
            Some("newsletter-thanks = Merci !\n    .title = Inscription enregistrée\n"),
            &[],
        )
        .unwrap();
        let offset = usize::from(f.bom) * 3;
        // Prefix and suffix around the message are untouched bytes.
        assert_eq!(
            after[..offset + e.id_start],
            before[..offset + e.id_start],
            "{path}: prefix"
        );
        let tail = before.len() - (offset + e.end);
        assert_eq!(
            after[after.len() - tail..],
            before[before.len() - tail..],
            "{path}: suffix"
        );
        let middle =
            String::from_utf8(after[offset + e.id_start..after.len() - tail].to_vec()).unwrap();
        let eol = if f.crlf { "\r\n" } else { "\n" };
        assert_eq!(
            middle,
            format!("newsletter-thanks = Merci !{eol}    .title = Inscription enregistrée{eol}"),
            "{path}"
        );
        assert_eq!(
            after.starts_with(b"\xEF\xBB\xBF"),
            f.bom,
            "{path}: BOM kept"
        );
        // Editing a message at the very end keeps a missing final newline missing.
        let last = set_message(
            f,
            "reading-time",
            Some("reading-time = { $count } min\n"),
            &[],
        )
        .unwrap();
        assert_eq!(
            last.ends_with(b"\n"),
            before.ends_with(b"\n"),
            "{path}: final line ending"
        );
    }
}

#[test]
fn a_file_with_junk_is_edited_around_the_junk() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path());
    let tree = StringsTree::load(dir.path(), None, &LoadOptions::default()).unwrap();
    let f = &tree.locales["fr"].files["site.ftl"];
    let order = [
        "newsletter-title",
        "newsletter-first-name",
        "newsletter-thanks",
    ];
    let out = set_message(
        f,
        "newsletter-first-name",
        Some("newsletter-first-name = Prénom*"),
        &order,
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "newsletter-title = Abonnez-vous\n\nnewsletter-first-name = Prénom*\n\n# junk below\nbroken = {\n"
    );
}

#[test]
fn rewriting_any_message_with_its_own_text_changes_no_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for tree in [
        root.join("tests/fixtures/checks"),
        root.join("../../tests/fixtures/strings-site"),
    ] {
        let tree = StringsTree::load(&tree, None, &LoadOptions::default()).unwrap();
        for dir in tree.locales.values() {
            for f in dir.files.values().filter(|f| f.is_writable()) {
                // set_message edits the first definition of an id.
                let firsts = f
                    .analysis
                    .entries
                    .iter()
                    .enumerate()
                    .filter(|(i, e)| f.analysis.entries[..*i].iter().all(|p| p.id != e.id));
                for (_, e) in firsts {
                    let text = &f.source[e.id_start..e.end];
                    let out = set_message(f, &e.id, Some(text), &[]).unwrap();
                    assert_eq!(out, f.to_bytes(), "{}/{}: {}", dir.name, f.rel, e.id);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 50, "the fixtures hold messages: {checked}");
}
