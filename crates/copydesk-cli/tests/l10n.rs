//! `copydesk l10n check` run as a site's CI would: exit codes, text and
//! JSON output, locale selection, a bad folder.

use std::path::PathBuf;
use std::process::{Command, Output};

fn site() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site")
}

fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .env("LANG", "C")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .args(["l10n", "check"])
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn an_error_makes_the_check_fail_and_is_reported_as_json() {
    let site = site();
    let out = check(&[site.to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an unknown variable is an error"
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let list = list.as_array().expect("an array of findings");
    assert_eq!(list.len(), 3, "{list:#?}");
    for f in list {
        let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "column", "id", "kind", "line", "locale", "message", "path", "severity"
            ],
            "exactly the documented fields"
        );
    }
    let unknown = list
        .iter()
        .find(|f| f["kind"] == "unknown-variable")
        .expect("the unknown variable is found");
    assert_eq!(unknown["locale"], "fr");
    assert_eq!(unknown["path"], "fr/articles.ftl");
    assert_eq!(unknown["line"], 1);
    assert_eq!(unknown["column"], 28);
    assert_eq!(unknown["id"], "published-on");
    assert_eq!(unknown["severity"], "error");
    assert!(unknown["message"].as_str().unwrap().contains("$jour"));
    let missing = list
        .iter()
        .find(|f| f["kind"] == "missing-message")
        .expect("the missing message is found");
    assert_eq!(missing["path"], "fr/newsletter/form.ftl");
    assert_eq!(
        missing["line"],
        serde_json::Value::Null,
        "absent from the file"
    );
    assert_eq!(missing["severity"], "warning");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1 error in 1 locale"),
        "a summary on stderr: {err}"
    );
}

#[test]
fn warnings_alone_pass_and_text_output_is_readable() {
    let site = site();
    let out = check(&[site.to_str().unwrap(), "--locale", "de"]);
    assert!(out.status.success(), "a complete German passes");
    let text = stdout(&out);
    assert!(
        text.contains("de: 7/7 translated (100 %)"),
        "a summary per locale: {text}"
    );
    assert!(!text.contains("fr:"), "only the asked locale: {text}");
}

#[test]
fn text_output_names_file_line_column_kind_and_id() {
    let site = site();
    let out = check(&[site.to_str().unwrap(), "--locale", "fr"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(
            "fr/articles.ftl:1:28: error[unknown-variable] published-on: Unknown variable $jour"
        ),
        "{text}"
    );
    assert!(
        text.contains("fr/newsletter/form.ftl: warning[missing-message] newsletter-thanks:"),
        "{text}"
    );
    assert!(text.contains("fr: 6/7 translated"), "{text}");
}

#[test]
fn another_reference_locale_can_be_chosen() {
    let site = site();
    let out = check(&[
        site.to_str().unwrap(),
        "--reference",
        "de",
        "--locale",
        "en",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "English matches German: {}",
        stdout(&out)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().map(Vec::len), Some(0));
}

#[test]
fn a_folder_that_is_not_a_strings_folder_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    let out = check(&[dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("holds no language folders"), "{err}");

    let out = check(&[site().to_str().unwrap(), "--locale", "it"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no locale folder it"), "{err}");
}
