//! `copydesk import`, `export` and `translation-status`, run as a script would.

use std::path::Path;
use std::process::{Command, Output};

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .env("LANG", "C")
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .output()
        .unwrap()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "the command should succeed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn status(dir: &Path) -> serde_json::Value {
    let json = ok(copydesk(
        dir,
        &[
            "translation-status",
            "--article",
            "salon",
            "--locale",
            "en",
            "--format",
            "json",
        ],
    ));
    serde_json::from_str(&json).unwrap()
}

fn states(v: &serde_json::Value) -> Vec<String> {
    v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["state"].as_str().unwrap().to_string())
        .collect()
}

const FR_V1: &str = "---\ntitle: Le salon\nslug: salon\n---\n\nPremier paragraphe.\n\nDeuxième paragraphe.\n\nTroisième paragraphe.\n";

#[test]
fn import_creates_translates_and_tracks_staleness() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("desk");
    let fr = write(tmp.path(), "fr.md", FR_V1);
    let said = ok(copydesk(
        &data,
        &["import", &fr, "--article", "salon", "--locale", "fr"],
    ));
    assert!(said.starts_with("created article"), "{said}");

    let en = write(
        tmp.path(),
        "en.md",
        "---\ntitle: The fair\n---\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n",
    );
    let said = ok(copydesk(
        &data,
        &["import", &en, "--article", "salon", "--locale", "en"],
    ));
    assert!(said.starts_with("started translation"), "{said}");
    let v = status(&data);
    assert_eq!(
        states(&v),
        ["untranslated"; 3],
        "an imported translation still needs confirming"
    );
    assert_eq!(
        v["blocks"][1]["target"], "Second paragraph.",
        "blocks are filled in order"
    );

    // The writer edits paragraph 2 in another editor and imports it again.
    let fr2 = write(
        tmp.path(),
        "fr2.md",
        &FR_V1.replace("Deuxième paragraphe.", "Deuxième paragraphe, revu."),
    );
    ok(copydesk(
        &data,
        &["import", &fr2, "--article", "salon", "--locale", "fr"],
    ));
    let text = ok(copydesk(
        &data,
        &["translation-status", "--article", "salon", "--locale", "en"],
    ));
    assert!(text.contains("0/3 blocks up to date"), "{text}");

    let exported = ok(copydesk(
        &data,
        &["export", "--article", "salon", "--locale", "en"],
    ));
    assert!(
        exported.starts_with("---\n") && exported.contains("title: The fair"),
        "{exported}"
    );
    assert!(
        exported.contains("First paragraph.\n\nSecond paragraph."),
        "{exported}"
    );
}

#[test]
fn export_then_import_round_trips() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("desk");
    let fr = write(tmp.path(), "fr.md", FR_V1);
    ok(copydesk(
        &data,
        &["import", &fr, "--article", "salon", "--locale", "fr"],
    ));
    let first = ok(copydesk(
        &data,
        &["export", "--article", "salon", "--locale", "fr"],
    ));
    let again = write(tmp.path(), "again.md", &first);
    ok(copydesk(
        &data,
        &["import", &again, "--article", "salon", "--locale", "fr"],
    ));
    let second = ok(copydesk(
        &data,
        &["export", "--article", "salon", "--locale", "fr"],
    ));
    assert_eq!(first, second, "export → import → export changes nothing");
}

#[test]
fn bad_input_is_reported_and_nothing_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("desk");
    let fr = write(tmp.path(), "fr.md", FR_V1);
    ok(copydesk(
        &data,
        &["import", &fr, "--article", "salon", "--locale", "fr"],
    ));
    let before = ok(copydesk(
        &data,
        &["export", "--article", "salon", "--locale", "fr"],
    ));

    let broken = write(
        tmp.path(),
        "broken.md",
        "---\ntitle: [unclosed\n---\nNew body that must not land.\n",
    );
    let out = copydesk(
        &data,
        &["import", &broken, "--article", "salon", "--locale", "fr"],
    );
    assert!(!out.status.success(), "broken front matter fails");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("front matter"),
        "the message says where"
    );

    let out = copydesk(
        &data,
        &["import", &fr, "--article", "salon", "--locale", "french"],
    );
    assert!(!out.status.success(), "an invalid language fails");
    let out = copydesk(
        &data,
        &["translation-status", "--article", "nope", "--locale", "en"],
    );
    assert!(!out.status.success(), "an unknown article fails");
    assert_eq!(
        ok(copydesk(
            &data,
            &["export", "--article", "salon", "--locale", "fr"]
        )),
        before,
        "nothing changed"
    );
}

#[test]
fn a_scripted_history_insert_at_3_and_edit_7() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("desk");
    let paragraphs: Vec<String> = (1..=10)
        .map(|i| format!("Paragraphe {i} du salon."))
        .collect();
    let fr = write(tmp.path(), "v1.md", &paragraphs.join("\n\n"));
    ok(copydesk(
        &data,
        &["import", &fr, "--article", "salon", "--locale", "fr"],
    ));
    let en = write(
        tmp.path(),
        "en.md",
        &(1..=10)
            .map(|i| format!("Paragraph {i} of the fair."))
            .collect::<Vec<_>>()
            .join("\n\n"),
    );
    ok(copydesk(
        &data,
        &["import", &en, "--article", "salon", "--locale", "en"],
    ));
    let said = ok(copydesk(
        &data,
        &[
            "mark-up-to-date",
            "--article",
            "salon",
            "--locale",
            "en",
            "--block",
            "1",
            "--block",
            "2",
        ],
    ));
    assert_eq!(said.trim(), "2/10 blocks up to date");
    ok(copydesk(
        &data,
        &["mark-up-to-date", "--article", "salon", "--locale", "en"],
    ));

    let mut edited = paragraphs.clone();
    edited.insert(2, "Un nouveau paragraphe.".into());
    edited[7] = "Paragraphe 7 du salon, corrigé.".into();
    let v2 = write(tmp.path(), "v2.md", &edited.join("\n\n"));
    ok(copydesk(
        &data,
        &["import", &v2, "--article", "salon", "--locale", "fr"],
    ));
    let v = status(&data);
    let mut expected = vec!["up_to_date"; 11];
    expected[2] = "untranslated";
    expected[7] = "source_changed";
    assert_eq!(states(&v), expected);
    assert_eq!(v["blocks"][7]["previous_source"], "Paragraphe 7 du salon.");
    assert_eq!(v["blocks"][7]["source"], "Paragraphe 7 du salon, corrigé.");
    let out = copydesk(
        &data,
        &[
            "mark-up-to-date",
            "--article",
            "salon",
            "--locale",
            "en",
            "--block",
            "99",
        ],
    );
    assert!(!out.status.success(), "an unknown block number fails");
}
