//! `copydesk site …` and `copydesk publish` run as a script or CI would,
//! against a REAL WordPress (started once for this binary by
//! `tests/wordpress/start.sh`). Headless: no Secret Service here (the D-Bus
//! address points at nothing), so passwords come from the environment.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use copydesk_test_wordpress::{Harness, png};
use serde_json::Value;

fn copydesk(data_dir: &Path, args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    cmd.args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env("LANG", "C")
        .env_remove("LANGUAGE")
        .env_remove("COPYDESK_SITE_PASSWORD")
        .env_remove("COPYDESK_SITE_PASSWORD_BLOG")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}/no-bus", data_dir.display()),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn publish_from_the_command_line() {
    let harness = Harness::start(
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")),
        "wordpress-cli-publish-",
    );
    let site = &harness.site;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let url = site.url.as_str();
    let user = site.user.as_str();

    // A password given to `site add` needs the keyring: a clear error here.
    let out = copydesk(
        data,
        &[
            "site", "add", "--name", "blog", "--url", url, "--user", user,
        ],
        &[("COPYDESK_SITE_PASSWORD", &site.password)],
        "",
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains("Secret Service") && err.contains("COPYDESK_SITE_PASSWORD_BLOG"),
        "{err}"
    );
    assert!(!err.contains(&site.password), "never echo the password");

    // Headless: the site without a stored password.
    let out = copydesk(
        data,
        &[
            "site", "add", "--name", "blog", "--url", url, "--user", user,
        ],
        &[],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("COPYDESK_SITE_PASSWORD_BLOG"));
    let out = copydesk(data, &["site", "list", "--format", "json"], &[], "");
    let sites: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sites[0]["name"], "blog");
    assert_eq!(sites[0]["user_name"], user);
    assert!(!text(&out.stdout).contains(&site.password));

    // Test connection.
    let out = copydesk(
        data,
        &["site", "test", "--name", "blog"],
        &[("COPYDESK_SITE_PASSWORD_BLOG", &site.password)],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let check: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(check["locale_links"], true, "{check}");
    let out = copydesk(
        data,
        &["site", "test", "--name", "blog"],
        &[("COPYDESK_SITE_PASSWORD_BLOG", "nope nope nope nope")],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("refused"),
        "{}",
        text(&out.stderr)
    );

    // An article with a ready French version and an image.
    std::fs::write(data.join("assets/cli.png"), png("cli")).unwrap();
    let file = data.join("article.md");
    std::fs::write(
        &file,
        "---\ntitle: \"Publié depuis la ligne de commande\"\nslug: ligne-de-commande\nstatus: ready\ntags: [\"CLI\"]\ncategories: [\"Outils\"]\nfeatured_image: assets/cli.png\ndate: 2025-06-15\n---\n\nCorps ☃.\n\n![Image](assets/cli.png)\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["import"])
        .arg(&file)
        .args([
            "--article",
            "ligne-de-commande",
            "--locale",
            "fr",
            "--data-dir",
        ])
        .arg(data)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));

    let posts = site.count_posts("");
    let media = site.count_media();
    let publish = [
        "publish",
        "--site",
        "blog",
        "--article",
        "ligne-de-commande",
    ];
    let with_password = [("COPYDESK_SITE_PASSWORD_BLOG", site.password.as_str())];

    // Dry run: the requests, nothing sent.
    let mut dry = publish.to_vec();
    dry.push("--dry-run");
    let out = copydesk(data, &dry, &[], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["dry_run"], true);
    let requests = plan["requests"].as_array().unwrap();
    let create = requests
        .iter()
        .find(|r| {
            r["method"] == "POST" && r["url"].as_str().unwrap().ends_with("/wp-json/wp/v2/posts")
        })
        .unwrap_or_else(|| panic!("{plan}"));
    // Categories, featured image and date are in the planned post.
    assert_eq!(
        create["body"]["categories"][0], "{category:Outils}",
        "{plan}"
    );
    assert_eq!(create["body"]["featured_media"], "{media:assets/cli.png}");
    assert_eq!(create["body"]["date"], "2025-06-15T00:00:00");
    assert!(
        requests.iter().any(|r| r["method"] == "POST"
            && r["url"]
                .as_str()
                .unwrap()
                .ends_with("/wp-json/wp/v2/categories")
            && r["body"]["name"] == "Outils"),
        "{plan}"
    );
    let uploads = requests
        .iter()
        .filter(|r| r["file"] == "assets/cli.png")
        .count();
    assert_eq!(uploads, 1, "the inline and featured image: one upload");
    assert_eq!(site.count_posts(""), posts, "a dry run creates nothing");
    assert_eq!(site.count_media(), media);

    // No password anywhere: non-zero exit, says which variable to set.
    let out = copydesk(data, &publish, &[], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("COPYDESK_SITE_PASSWORD_BLOG"),
        "{}",
        text(&out.stderr)
    );

    // Publish: progress on stderr, JSON summary on stdout.
    let out = copydesk(data, &publish, &with_password, "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let fr = &report["locales"][0];
    assert_eq!(fr["locale"], "fr");
    assert_eq!(fr["state"], "done", "{report}");
    let id = fr["remote_id"].as_u64().unwrap();
    assert!(fr["url"].as_str().unwrap().starts_with(url));
    let progress = text(&out.stderr);
    assert!(
        progress.contains("fr: image assets/cli.png uploaded"),
        "{progress}"
    );
    assert!(
        progress.contains(&format!("fr: post {id} created")),
        "{progress}"
    );
    assert_eq!(site.count_posts(""), posts + 1);
    assert_eq!(site.count_media(), media + 1);
    let post = site.post(id);
    assert_eq!(post["date"], "2025-06-15T00:00:00", "{post}");
    assert_eq!(post["categories"].as_array().map(Vec::len), Some(1));
    let featured = post["featured_media"].as_u64().unwrap();
    assert_ne!(featured, 0, "a featured image: {post}");

    // Again: the same post, updated; the image not uploaded again.
    let out = copydesk(data, &publish, &with_password, "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let again: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(again["locales"][0]["remote_id"].as_u64(), Some(id));
    assert!(text(&out.stderr).contains(&format!("fr: post {id} updated")));
    assert_eq!(site.count_posts(""), posts + 1);
    assert_eq!(site.count_media(), media + 1);
    assert_eq!(site.post(id)["featured_media"].as_u64(), Some(featured));

    // Scheduled from the command line: `--status future --at`.
    let file = data.join("programme.md");
    std::fs::write(
        &file,
        "---\ntitle: Programme\nslug: programme-cli\nstatus: ready\ndate: 2025-06-15\n---\n\nBientôt.\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("import")
        .arg(&file)
        .args(["--article", "programme-cli", "--locale", "fr", "--data-dir"])
        .arg(data)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let schedule = [
        "publish",
        "--site",
        "blog",
        "--article",
        "programme-cli",
        "--status",
        "future",
    ];
    let out = copydesk(data, &schedule, &with_password, "");
    assert_ne!(out.status.code(), Some(0), "--status future needs --at");
    assert!(text(&out.stderr).contains("--at"), "{}", text(&out.stderr));
    let mut past = schedule.to_vec();
    past.extend(["--at", "2001-01-01 10:00"]);
    let out = copydesk(data, &past, &with_password, "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("in the past"),
        "{}",
        text(&out.stderr)
    );
    let mut later = schedule.to_vec();
    later.extend(["--at", "2030-01-01T11:00:00+01:00"]);
    let out = copydesk(data, &later, &with_password, "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let scheduled = site.post(report["locales"][0]["remote_id"].as_u64().unwrap());
    assert_eq!(scheduled["status"], "future", "{scheduled}");
    assert_eq!(
        scheduled["date_gmt"], "2030-01-01T10:00:00",
        "the schedule wins over the version's date"
    );

    // A wrong password: a clear error, exit 1, the job not left queued.
    let out = copydesk(
        data,
        &publish,
        &[(
            "COPYDESK_SITE_PASSWORD_BLOG",
            "aaaa bbbb cccc dddd eeee ffff",
        )],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("refused the user name or application password"),
        "{err}"
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["locales"][0]["state"], "failed");
    assert_eq!(report["locales"][0]["error_code"], "auth");
    let out = copydesk(data, &["outbox", "run"], &with_password, "");
    assert!(
        out.status.success(),
        "nothing left to run: {}",
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout).trim(), "[]");
}
