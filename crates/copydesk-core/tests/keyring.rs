//! Site passwords in a REAL Secret Service, and the clear error (with its
//! environment-variable fallback) when there is none.
//!
//! Each test re-runs this binary (one test, `--exact`) in the environment it
//! needs, because the D-Bus session is process-wide:
//! - under `dbus-run-session` with `gnome-keyring-daemon --unlock
//!   --components=secrets` (a private, unlocked keyring in temporary folders);
//!   the password is read back with `secret-tool`, a separate program, which
//!   proves it reached the Secret Service and not an in-memory stand-in;
//! - with a D-Bus address where nothing listens.
//!
//! Without `dbus-run-session`, `gnome-keyring-daemon` or `secret-tool` the
//! test fails and says what to install (`scripts/setup.sh test`); it never skips.

use std::collections::HashMap;
use std::process::Command;

use copydesk_core::l10n::Localizer;
use copydesk_core::{CoreError, Credentials, NewSite, Workspace, site_password_env_var};

const INNER: &str = "COPYDESK_KEYRING_TEST_INNER";

fn inner() -> bool {
    std::env::var_os(INNER).is_some()
}

fn require(cmd: &str) {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {cmd}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "`{cmd}` is missing: the keyring tests need a real Secret Service. Install the Debian \
         packages with `bash scripts/setup.sh test` (dbus gnome-keyring libsecret-tools)."
    );
}

/// Runs test `name` of this binary again with `env`, through `wrapper`.
fn rerun(name: &str, wrapper: &[&str], env: &[(&str, &str)]) {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = Command::new(wrapper[0]);
    cmd.args(&wrapper[1..])
        .arg(exe)
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .env(INNER, "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{name} in its own session failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn new_site(name: &str) -> NewSite {
    NewSite {
        name: name.into(),
        url: "https://example.org/blog".into(),
        user_name: "editor".into(),
    }
}

fn secret_tool_lookup(account: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args(["lookup", "service", "copydesk", "username", account])
        .output()
        .unwrap();
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn passwords_live_in_a_real_secret_service() {
    if !inner() {
        for cmd in ["dbus-run-session", "gnome-keyring-daemon", "secret-tool"] {
            require(cmd);
        }
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let runtime = tmp.path().join("runtime");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::create_dir_all(&runtime).unwrap();
        let script = format!(
            "export XDG_DATA_HOME='{}' XDG_RUNTIME_DIR='{}' HOME='{}'; chmod 700 \"$XDG_RUNTIME_DIR\"; \
             eval \"$(printf pass | gnome-keyring-daemon --unlock --components=secrets)\"; \
             \"$@\"; status=$?; kill \"$GNOME_KEYRING_PID\" 2>/dev/null; exit $status",
            data.display(),
            runtime.display(),
            tmp.path().display()
        );
        rerun(
            "passwords_live_in_a_real_secret_service",
            &[
                "dbus-run-session",
                "--",
                "bash",
                "-c",
                &script,
                "keyring-session",
            ],
            &[],
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let creds = Credentials::system();
    let added = ws
        .add_site(&new_site("Blog été"), Some("abcd EFGH 1234 ijkl"), &creds)
        .expect("the Secret Service takes the password");
    assert!(added.password_in_keyring);
    // Another program reads it: it is really in the Secret Service.
    assert_eq!(
        secret_tool_lookup(&added.site.id).as_deref(),
        Some("abcd EFGH 1234 ijkl"),
        "secret-tool must find the password Copydesk stored"
    );
    // A fresh workspace handle (as after a restart) reads it back.
    drop(ws);
    let ws = Workspace::open(dir.path()).unwrap();
    let site = ws.get_site("Blog été").unwrap();
    assert_eq!(creds.password(&site).unwrap(), "abcd EFGH 1234 ijkl");
    // The database never holds it.
    let db = std::fs::read(dir.path().join(copydesk_core::DATABASE_FILE)).unwrap();
    assert!(
        !db.windows(9).any(|w| w == b"abcd EFGH"),
        "the password must not be in the database"
    );
    // The environment overrides the keyring.
    let env = Credentials::with_env(
        HashMap::from([(site_password_env_var("Blog été"), "from-env".into())]),
        true,
    );
    assert_eq!(env.password(&site).unwrap(), "from-env");
    // Removing the site removes its password.
    ws.remove_site("Blog été", &creds).unwrap();
    assert_eq!(
        secret_tool_lookup(&site.id),
        None,
        "the keyring item is gone"
    );
    assert!(matches!(
        creds.password(&site),
        Err(CoreError::SitePasswordMissing { .. })
    ));
}

#[test]
fn without_a_secret_service_the_error_is_clear_and_the_environment_works() {
    if !inner() {
        let tmp = tempfile::tempdir().unwrap();
        rerun(
            "without_a_secret_service_the_error_is_clear_and_the_environment_works",
            &["env"],
            &[
                (
                    "DBUS_SESSION_BUS_ADDRESS",
                    &format!("unix:path={}/no-bus-here", tmp.path().display()),
                ),
                ("XDG_RUNTIME_DIR", &tmp.path().display().to_string()),
                ("COPYDESK_SITE_PASSWORD_HEADLESS", "from the environment"),
            ],
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let creds = Credentials::system();
    let started = std::time::Instant::now();
    let err = ws
        .add_site(&new_site("blog"), Some("secret"), &creds)
        .expect_err("no Secret Service: the password cannot be stored");
    assert!(started.elapsed().as_secs() < 5, "fails fast");
    assert_eq!(err.code(), "keyring_unavailable", "{err:?}");
    let en = err.message(&Localizer::new("en"));
    let fr = err.message(&Localizer::new("fr"));
    assert!(
        en.contains("Secret Service") && en.contains("COPYDESK_SITE_PASSWORD_BLOG"),
        "{en}"
    );
    assert!(
        fr.contains("trousseau") && fr.contains("COPYDESK_SITE_PASSWORD_BLOG"),
        "{fr}"
    );
    assert!(ws.list_sites().unwrap().is_empty(), "nothing was added");
    // Headless: the site without a stored password, the password from the environment.
    let added = ws.add_site(&new_site("headless"), None, &creds).unwrap();
    assert!(!added.password_in_keyring);
    assert_eq!(added.password_env, "COPYDESK_SITE_PASSWORD_HEADLESS");
    assert_eq!(creds.password(&added.site).unwrap(), "from the environment");
    // A site with neither: the keyring error, naming the variable.
    let other = ws.add_site(&new_site("other"), None, &creds).unwrap();
    match creds.password(&other.site) {
        Err(CoreError::KeyringUnavailable { env_var, .. }) => {
            assert_eq!(env_var, "COPYDESK_SITE_PASSWORD_OTHER")
        }
        other => panic!("expected KeyringUnavailable, got {other:?}"),
    }
}
