//! Every check kind on small fixture files (`tests/fixtures/checks`), and
//! bad files (unreadable, not UTF-8, huge, all junk, stray) each reported on
//! its own while the rest of the tree is still checked.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use copydesk_l10n::check::{CheckReport, Kind, Severity};
use copydesk_l10n::tree::LoadOptions;
use copydesk_l10n::{CheckOptions, StringsTree, check_tree};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks")
}

fn check(root: &Path) -> CheckReport {
    let tree = StringsTree::load(root, None, &LoadOptions::default()).expect("the tree loads");
    check_tree(
        &tree,
        &CheckOptions {
            reference: "en".into(),
            locales: None,
        },
    )
    .expect("the reference exists")
}

/// `kind line id` of every finding of one file of one locale.
fn found(report: &CheckReport, locale: &str, path: &str) -> BTreeSet<String> {
    report
        .findings()
        .into_iter()
        .filter(|f| f.locale == locale && f.path == path)
        .map(|f| {
            format!(
                "{} {} {}",
                f.kind.as_str(),
                f.line.map_or("-".into(), |l| l.to_string()),
                f.id.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn syntax_errors_are_located_and_the_message_counts_as_missing() {
    let r = check(&fixtures());
    assert_eq!(
        found(&r, "fr", "syntax.ftl"),
        set(&["syntax-error 2 bye", "missing-message - bye"])
    );
    let f = r
        .findings()
        .into_iter()
        .find(|f| f.kind == Kind::SyntaxError)
        .unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert!(
        f.message.contains("Expected a token starting with \"}\""),
        "the parser's message is kept: {}",
        f.message
    );
}

#[test]
fn missing_and_obsolete_messages_and_terms() {
    let r = check(&fixtures());
    assert_eq!(
        found(&r, "fr", "missing-obsolete.ftl"),
        set(&[
            "missing-message - missing-one",
            "missing-message - -missing-term",
            "obsolete-message 2 obsolete-one"
        ])
    );
}

#[test]
fn duplicate_messages_attributes_and_variants() {
    let r = check(&fixtures());
    assert_eq!(
        found(&r, "fr", "duplicates.ftl"),
        set(&[
            "duplicate-message 10 twice",
            "duplicate-attribute 3 attrs",
            "duplicate-attribute 4 attrs",
            "duplicate-variant 6 variants",
            "duplicate-variant 7 variants"
        ])
    );
}

#[test]
fn values_missing_obsolete_and_empty() {
    let r = check(&fixtures());
    assert_eq!(
        found(&r, "fr", "values.ftl"),
        set(&[
            "obsolete-value 1 only-attrs",
            "missing-value 3 with-value",
            "empty-value 5 empty",
            "empty-value 7 counted"
        ])
    );
}

#[test]
fn attributes_missing_and_obsolete() {
    let r = check(&fixtures());
    assert_eq!(
        found(&r, "fr", "attributes.ftl"),
        set(&["missing-attribute 1 menu", "obsolete-attribute 3 menu"])
    );
}

#[test]
fn message_and_term_references() {
    let r = check(&fixtures());
    assert_eq!(
        found(&r, "fr", "references.ftl"),
        set(&[
            "missing-msg-ref 3 uses",
            "missing-term-ref 3 uses",
            "obsolete-term-ref 3 uses",
            "obsolete-msg-ref 3 uses",
            "unknown-term-ref 3 uses",
            "unknown-msg-ref 3 uses"
        ])
    );
    // A reference to nothing is reported in the reference locale too.
    assert_eq!(
        found(&r, "en", "unknown.ftl"),
        set(&["unknown-msg-ref 1 self"])
    );
}

#[test]
fn plural_categories_of_the_target_locale() {
    let r = check(&fixtures());
    assert_eq!(
        found(&r, "fr", "plurals.ftl"),
        set(&["missing-plural 2 minutes"])
    );
    let ar = r
        .findings()
        .into_iter()
        .find(|f| f.locale == "ar" && f.kind == Kind::MissingPlural)
        .expect("Arabic lacks categories");
    assert_eq!(ar.args["categories"], "zero, few, many");
    assert_eq!(ar.column, Some(6), "located on the first variant key");
}

#[test]
fn variables_dropped_or_unknown() {
    let r = check(&fixtures());
    assert_eq!(
        found(&r, "fr", "variables.ftl"),
        set(&["missing-variable 1 greeting", "unknown-variable 1 greeting"])
    );
    let dropped: BTreeSet<_> = r
        .findings()
        .into_iter()
        .filter(|f| f.kind == Kind::MissingVariable)
        .map(|f| f.args["variable"].clone())
        .collect();
    assert_eq!(dropped, set(&["count", "name"]));
}

#[test]
fn markup_drift_lists_both_sides() {
    let r = check(&fixtures());
    let f = r
        .findings()
        .into_iter()
        .find(|f| f.kind == Kind::MarkupDrift)
        .expect("a markup finding");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.args["missing"], "<a> </a>");
    assert_eq!(f.args["extra"], "<strong> </strong>");
}

#[test]
fn css_style_attributes_like_compare_locales() {
    let r = check(&fixtures());
    let css: Vec<_> = r
        .findings()
        .into_iter()
        .filter(|f| f.kind == Kind::CssStyle)
        .map(|f| (f.id.clone().unwrap(), f.severity))
        .collect();
    assert_eq!(
        css,
        [
            ("dialog".to_string(), Severity::Warning),
            ("box".to_string(), Severity::Error)
        ]
    );
}

#[test]
fn replacement_characters_and_files_missing_or_stray() {
    let r = check(&fixtures());
    assert_eq!(
        found(&r, "fr", "encoding.ftl"),
        set(&["replacement-character 1 broken"])
    );
    assert_eq!(
        found(&r, "fr", "missing-in-fr.ftl"),
        set(&["missing-file - -"])
    );
    assert_eq!(
        found(&r, "fr", "extra/only-here.ftl"),
        set(&["obsolete-file - -"])
    );
}

#[test]
fn every_kind_is_exercised_by_the_fixtures_or_the_bad_files() {
    let r = check(&fixtures());
    let bad = check(&bad_tree().0);
    let seen: BTreeSet<&str> = r
        .findings()
        .into_iter()
        .chain(bad.findings())
        .map(|f| f.kind.as_str())
        .collect();
    let all: BTreeSet<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    let unseen: Vec<_> = all.difference(&seen).collect();
    assert!(unseen.is_empty(), "kinds without a fixture: {unseen:?}");
}

/// A copy of the fixtures plus bad files: unreadable (a link to nothing),
/// not UTF-8, 10 MB, all junk.
fn bad_tree() -> (PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    copy_dir(&fixtures(), &root);
    std::fs::write(root.join("en/latin1.ftl"), "cafe = Coffee\n").unwrap();
    std::fs::write(root.join("fr/latin1.ftl"), b"cafe = Caf\xe9 cr\xe8me\n").unwrap();
    std::fs::write(root.join("en/huge.ftl"), "huge = Huge\n").unwrap();
    std::fs::write(
        root.join("fr/huge.ftl"),
        "x = y\n".repeat(10 * 1024 * 1024 / 6),
    )
    .unwrap();
    std::fs::write(root.join("en/junk.ftl"), "a = A\nb = B\n").unwrap();
    std::fs::write(
        root.join("fr/junk.ftl"),
        "\u{0}\u{1}\u{2} not fluent at all {{{\n",
    )
    .unwrap();
    std::fs::write(root.join("en/gone.ftl"), "gone = Gone\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("nowhere.ftl"), root.join("fr/gone.ftl")).unwrap();
    (root, dir)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn bad_files_are_reported_on_their_own_and_the_rest_is_checked() {
    let (root, _keep) = bad_tree();
    let r = check(&root);
    let latin1 = found(&r, "fr", "latin1.ftl");
    assert!(latin1.contains("invalid-encoding 1 -"), "{latin1:?}");
    assert!(
        latin1.contains("replacement-character 1 cafe"),
        "the rest of the file is still checked: {latin1:?}"
    );
    assert_eq!(found(&r, "fr", "huge.ftl"), set(&["file-too-large - -"]));
    let junk = found(&r, "fr", "junk.ftl");
    assert!(junk.contains("syntax-error 1 -"), "{junk:?}");
    assert!(junk.contains("missing-message - a"), "{junk:?}");
    #[cfg(unix)]
    assert_eq!(found(&r, "fr", "gone.ftl"), set(&["unreadable-file - -"]));
    // Everything else is checked exactly as without the bad files, except
    // references to nothing: with an unreadable file, what exists is unknown.
    let clean = check(&fixtures());
    for path in [
        "attributes.ftl",
        "values.ftl",
        "plurals.ftl",
        "duplicates.ftl",
    ] {
        assert_eq!(found(&r, "fr", path), found(&clean, "fr", path), "{path}");
    }
    assert!(r.has_errors());
}
