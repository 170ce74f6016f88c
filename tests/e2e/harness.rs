//! Starts the real Copydesk app under tauri-driver + WebKitWebDriver, one app
//! and one data folder per test, and offers the few actions tests need.
//!
//! Needs: a display (`DISPLAY`, e.g. from `xvfb-run`), `tauri-driver` (from
//! `TAURI_DRIVER`, `target/tools/bin`, or `PATH`), and the app binary (from
//! `COPYDESK_APP` or `target/debug/copydesk-app`).

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// Upper bound for anything the UI should do "at once".
pub const UI_TIMEOUT: Duration = Duration::from_secs(15);

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

fn app_binary() -> PathBuf {
    let path = std::env::var_os("COPYDESK_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/debug/copydesk-app"));
    assert!(
        path.exists(),
        "the app binary {} should exist (build it with `cargo build -p copydesk-app`)",
        path.display()
    );
    path
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let local = workspace_root().join("target/tools/bin/tauri-driver");
    if local.exists() {
        local
    } else {
        PathBuf::from("tauri-driver")
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// Sends SIGTERM, then SIGKILL after a grace period: a SIGKILLed tauri-driver
/// orphans WebKitWebDriver, which keeps its port.
fn terminate(child: &mut Child) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// A running app with its own data folder.
pub struct App {
    pub client: Client,
    driver: Child,
    pub data_dir: PathBuf,
    name: String,
}

/// Options for one start of the app.
#[derive(Default, Clone)]
pub struct Start {
    /// Value of `LANG` for the app (default `en_US.UTF-8`).
    pub lang: Option<&'static str>,
    /// Where "Export HTML" writes (`COPYDESK_EXPORT_DIR`); else the OS's Downloads.
    pub export_dir: Option<PathBuf>,
    /// The D-Bus session of a [`Keyring`]: the app keeps site passwords in
    /// that real Secret Service.
    pub dbus_address: Option<String>,
}

impl App {
    /// Starts the app on `data_dir` and waits until its UI has loaded.
    pub async fn start(name: &str, data_dir: &Path, opts: Start) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "end-to-end tests need a display: run them under xvfb-run"
        );
        let port = free_port();
        let native_port = free_port();
        let log_dir = workspace_root().join("target/e2e-logs");
        std::fs::create_dir_all(&log_dir).expect("create target/e2e-logs");
        let log = std::fs::File::create(log_dir.join(format!("{name}-driver.log")))
            .expect("driver log file");
        let driver = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("LANG", opts.lang.unwrap_or("en_US.UTF-8"))
            .env_remove("LANGUAGE")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove(copydesk_data_dir_env())
            .env_remove("COPYDESK_EXPORT_DIR")
            .envs(
                opts.export_dir
                    .as_ref()
                    .map(|d| ("COPYDESK_EXPORT_DIR", d.as_os_str())),
            )
            .envs(
                opts.dbus_address
                    .as_ref()
                    .map(|a| ("DBUS_SESSION_BUS_ADDRESS", a.as_str())),
            )
            .stdout(Stdio::from(log.try_clone().expect("clone log")))
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "tauri-driver should start ({}): {e}",
                    tauri_driver().display()
                )
            });
        let mut driver = driver;
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                terminate(&mut driver);
                panic!("tauri-driver did not listen on port {port} within 10 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let caps = json!({
            "browserName": "wry",
            "tauri:options": {
                "application": app_binary(),
                "args": ["--data-dir", data_dir],
            }
        });
        let caps = caps.as_object().expect("an object").clone();
        let mut builder = ClientBuilder::native();
        builder.capabilities(caps);
        let url = format!("http://127.0.0.1:{port}");
        let connect = builder.connect(&url);
        let client = match tokio::time::timeout(Duration::from_secs(30), connect).await {
            Ok(Ok(c)) => c,
            Ok(Err(e)) => {
                terminate(&mut driver);
                panic!("a WebDriver session with the app should start: {e}");
            }
            Err(_) => {
                terminate(&mut driver);
                panic!("a WebDriver session with the app should start within 30 s");
            }
        };
        let app = App {
            client,
            driver,
            data_dir: data_dir.to_path_buf(),
            name: name.to_string(),
        };
        app.wait_js(
            "return document.querySelector('.shell, [data-testid=startup-error]') !== null",
            "the UI to load",
        )
        .await;
        app
    }

    /// Runs a script in the page and returns its value.
    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script should run: {e}\n{script}"))
    }

    /// Waits until `condition` (a script returning a boolean) holds.
    pub async fn wait_js(&self, condition: &str, what: &str) {
        self.wait_js_for(condition, what, UI_TIMEOUT).await
    }

    /// [`App::wait_js`] for work that takes longer than a UI reaction
    /// (network, background jobs).
    pub async fn wait_js_for(&self, condition: &str, what: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Value::Bool(true)) = self.client.execute(condition, vec![]).await {
                return;
            }
            if Instant::now() > deadline {
                self.screenshot(&format!("{}-timeout", self.name)).await;
                panic!("timed out waiting for {what}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The element with this `data-testid`, waiting for it to appear.
    pub async fn testid(&self, id: &str) -> fantoccini::elements::Element {
        let css = format!("[data-testid=\"{id}\"]");
        self.client
            .wait()
            .at_most(UI_TIMEOUT)
            .for_element(Locator::Css(&css))
            .await
            .unwrap_or_else(|e| panic!("element [data-testid={id}] should appear: {e}"))
    }

    pub async fn click(&self, id: &str) {
        self.testid(id)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("[data-testid={id}] should be clickable: {e}"));
    }

    /// Text content of the first element with this `data-testid`.
    pub async fn text(&self, id: &str) -> String {
        self.testid(id)
            .await
            .text()
            .await
            .unwrap_or_else(|e| panic!("text of {id}: {e}"))
    }

    /// Types into the Markdown editor at the caret (real key events; `\n`
    /// is the Enter key, so Markdown list continuation applies as for a user).
    pub async fn type_in_editor(&self, text: &str) {
        let editor = self.testid("editor").await;
        let keys = text.replace('\n', "\u{E007}");
        editor
            .send_keys(&keys)
            .await
            .unwrap_or_else(|e| panic!("typing into the editor should work: {e}"));
    }

    /// Opens the library article whose title contains `title_part` and waits
    /// for its editor.
    pub async fn open_article(&self, title_part: &str) {
        self.wait_js(
            &format!(
                "const item = [...document.querySelectorAll('[data-testid=library-item]')].find(e => e.textContent.includes({title_part:?})); if (item) item.click(); return !!item;"
            ),
            &format!("an article titled like {title_part:?} in the library"),
        )
        .await;
        self.testid("editor").await;
    }

    /// Waits until the autosave status says everything is saved.
    pub async fn wait_saved(&self) {
        self.wait_js(
            "const s = document.querySelector('[data-testid=save-status]'); return !!s && s.dataset.state === 'saved';",
            "the save status to read Saved",
        )
        .await;
    }

    /// Saves a PNG of the window to `target/e2e-screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) {
        let dir = workspace_root().join("target/e2e-screenshots");
        std::fs::create_dir_all(&dir).expect("create target/e2e-screenshots");
        if let Ok(png) = self.client.screenshot().await {
            std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
        }
    }

    /// Ends the session (the app exits) and stops the driver.
    pub async fn quit(mut self) {
        let client = self.client.clone();
        let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
        terminate(&mut self.driver);
        kill_app(&self.data_dir, "TERM");
    }

    /// Kills the app process with SIGKILL (as a crash or power cut would), then
    /// stops the driver.
    pub async fn kill_app(mut self) {
        kill_app(&self.data_dir, "KILL");
        let _ = tokio::time::timeout(Duration::from_secs(5), self.client.clone().close()).await;
        terminate(&mut self.driver);
    }
}

fn copydesk_data_dir_env() -> &'static str {
    "COPYDESK_DATA_DIR"
}

/// Signals every app process started on this data folder.
fn kill_app(data_dir: &Path, signal: &str) {
    let pattern = format!("copydesk-app --data-dir {}", data_dir.display());
    let _ = Command::new("pkill")
        .arg(format!("-{signal}"))
        .arg("-f")
        .arg(&pattern)
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        let alive = Command::new("pgrep")
            .arg("-f")
            .arg(&pattern)
            .stdout(Stdio::null())
            .status();
        if !alive.map(|s| s.success()).unwrap_or(false) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A real Secret Service for the app: gnome-keyring in a private D-Bus
/// session, its keyring unlocked in temporary folders. It outlives app
/// restarts within a test (passwords stay), and is stopped when dropped.
pub struct Keyring {
    session: Child,
    _dir: tempfile::TempDir,
    pub address: String,
}

impl Keyring {
    pub fn start() -> Keyring {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let script = format!(
            "export XDG_DATA_HOME='{0}/data' XDG_RUNTIME_DIR='{0}/run'; mkdir -p \"$XDG_DATA_HOME\"; \
             mkdir -m 700 -p \"$XDG_RUNTIME_DIR\"; \
             eval \"$(printf pass | gnome-keyring-daemon --unlock --components=secrets)\"; \
             trap 'kill $GNOME_KEYRING_PID 2>/dev/null; exit 0' TERM INT; \
             echo \"DBUS=$DBUS_SESSION_BUS_ADDRESS\"; sleep infinity & wait",
            dir.path().display()
        );
        let mut session = Command::new("dbus-run-session")
            .args(["--", "bash", "-c", &script])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect(
                "dbus-run-session should start (the end-to-end tests need dbus and gnome-keyring: \
                 `bash scripts/setup.sh test` installs them)",
            );
        let stdout = session.stdout.take().expect("piped stdout");
        let mut line = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line)
            .expect("the keyring session prints its address");
        let address = line
            .trim()
            .strip_prefix("DBUS=")
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| panic!("no D-Bus address from the keyring session: {line:?}"))
            .to_string();
        Keyring {
            session,
            _dir: dir,
            address,
        }
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.session.id())])
            .status();
        let _ = self.session.wait();
    }
}

/// A fresh data folder for one test, kept under target/ for inspection.
pub fn data_dir(name: &str) -> PathBuf {
    let dir = workspace_root().join("target/e2e-data").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.parent().expect("a parent")).expect("create target/e2e-data");
    dir
}

/// Reads the body of a locale version straight from the SQLite file.
pub fn stored_body(data_dir: &Path, title: &str) -> Option<String> {
    let conn = rusqlite::Connection::open_with_flags(
        data_dir.join("copydesk.sqlite3"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("the database should open read-only");
    conn.query_row(
        "SELECT body FROM locale_version WHERE title = ?1",
        [title],
        |r| r.get(0),
    )
    .ok()
}
