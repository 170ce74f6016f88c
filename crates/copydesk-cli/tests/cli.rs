//! The `copydesk` binary, run as a user would.

use std::process::Command;

fn copydesk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
}

#[test]
fn list_shows_the_sample_workspace_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = copydesk()
        .args(["list", "--format", "json", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "list should succeed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(3),
        "a new workspace holds the three sample articles"
    );
}

#[test]
fn list_refuses_a_foreign_file_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copydesk.sqlite3"),
        b"not a database at all, just text\n".repeat(50),
    )
    .unwrap();
    let out = copydesk()
        .env("LANG", "C")
        .args(["list", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success(), "list should fail on a foreign file");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is not a Copydesk database"),
        "the message should say why: {err}"
    );
}

#[test]
fn preview_renders_sanitised_html() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.md");
    std::fs::write(
        &file,
        "## Titre\n\n<script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    )
    .unwrap();
    let out = copydesk().arg("preview").arg(&file).output().unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("<table>"), "tables render: {html}");
    assert!(!html.contains("<script"), "scripts are removed: {html}");
}
