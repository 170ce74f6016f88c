//! A real WordPress for a test binary (`tests/wordpress/start.sh`), stopped
//! by a drop guard, plus direct REST calls through `curl` to look at the site
//! or change it as "someone else", bypassing the code under test.
//!
//! Used by the publishing tests of the core, the command line and the app
//! (end to end). When WordPress cannot be started the test fails and says
//! what to install; it never skips.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Where the harness runs WordPress, and its credentials.
pub struct WordPressSite {
    pub url: String,
    pub user: String,
    pub password: String,
    pub editor_user: String,
    pub editor_password: String,
    pub dir: PathBuf,
}

/// The repository (this crate is `crates/copydesk-test-wordpress`).
fn repo_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

fn stop(dir: &Path) -> bool {
    let status = Command::new("bash")
        .arg(repo_root().join("tests/wordpress/stop.sh"))
        .arg(dir)
        .status();
    matches!(status, Ok(s) if s.success())
}

/// Removes what killed runs left (their watchdog stopped the daemons).
fn sweep_dead_instances(base: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix(prefix) else {
            continue;
        };
        if !Path::new("/proc").join(pid).exists() && stop(&entry.path()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Stops WordPress when dropped (also when a scenario panics).
pub struct Harness {
    pub site: WordPressSite,
}

impl Harness {
    /// Starts a WordPress in `<base>/<prefix><pid>` (a test passes its
    /// `CARGO_TARGET_TMPDIR`).
    pub fn start(base: &Path, prefix: &str) -> Harness {
        sweep_dead_instances(base, prefix);
        let dir = base.join(format!("{prefix}{}", std::process::id()));
        let script = repo_root().join("tests/wordpress/start.sh");
        let output = Command::new("bash")
            .arg(&script)
            .arg(&dir)
            .env("COPYDESK_WP_WATCH_PID", std::process::id().to_string())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
        assert!(
            output.status.success(),
            "the test WordPress could not be started ({}). These tests need a real WordPress: \
             install the Debian packages with `bash scripts/setup.sh test`.\n{}",
            script.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        let info: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "start.sh printed no JSON ({e}): {}",
                String::from_utf8_lossy(&output.stdout)
            )
        });
        let field = |k: &str| {
            info[k]
                .as_str()
                .unwrap_or_else(|| panic!("start.sh: no {k}"))
                .to_owned()
        };
        Harness {
            site: WordPressSite {
                url: field("url"),
                user: field("user"),
                password: field("password"),
                editor_user: field("editor_user"),
                editor_password: field("editor_password"),
                dir,
            },
        }
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        let stopped = stop(&self.site.dir);
        if std::thread::panicking() {
            eprintln!(
                "WordPress logs of this run: {}/logs/",
                self.site.dir.display()
            );
        } else if stopped {
            let _ = std::fs::remove_dir_all(&self.site.dir);
        }
    }
}

/// An answer of the REST API.
pub struct Answer {
    pub status: u16,
    pub total: Option<u64>,
    pub body: Value,
}

impl WordPressSite {
    /// A REST call (`route` after `/wp-json/`), as the admin or the editor.
    pub fn rest(&self, method: &str, route: &str, as_editor: bool, body: Option<&Value>) -> Answer {
        let (user, password) = if as_editor {
            (&self.editor_user, &self.editor_password)
        } else {
            (&self.user, &self.password)
        };
        let headers = tempfile::NamedTempFile::new().unwrap();
        let mut cmd = Command::new("curl");
        cmd.args(["-sS", "--max-time", "30", "-X", method, "-D"])
            .arg(headers.path())
            .arg("-u")
            .arg(format!("{user}:{password}"))
            .arg(format!("{}/wp-json/{route}", self.url));
        if let Some(b) = body {
            cmd.args(["-H", "Content-Type: application/json", "--data-binary"])
                .arg(b.to_string());
        }
        let out = cmd.output().expect("curl runs");
        assert!(
            out.status.success(),
            "curl {route}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let head = std::fs::read_to_string(headers.path()).unwrap();
        let status = head
            .lines()
            .rfind(|l| l.starts_with("HTTP/"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let total = head
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("x-wp-total:"))
            .and_then(|l| l.split(':').nth(1))
            .and_then(|v| v.trim().parse().ok());
        Answer {
            status,
            total,
            body: serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
        }
    }

    /// Posts on the site in any status but trash (`query` narrows them).
    pub fn count_posts(&self, query: &str) -> u64 {
        let a = self.rest(
            "GET",
            &format!("wp/v2/posts?status=publish,future,draft,pending,private&context=edit&per_page=1&{query}"),
            false,
            None,
        );
        assert_eq!(a.status, 200, "{}", a.body);
        a.total.expect("X-WP-Total")
    }

    pub fn count_media(&self) -> u64 {
        let a = self.rest("GET", "wp/v2/media?per_page=1", false, None);
        assert_eq!(a.status, 200, "{}", a.body);
        a.total.expect("X-WP-Total")
    }

    pub fn post(&self, id: u64) -> Value {
        let a = self.rest(
            "GET",
            &format!("wp/v2/posts/{id}?context=edit"),
            false,
            None,
        );
        assert_eq!(a.status, 200, "{}", a.body);
        a.body
    }

    fn web_server_pid(&self) -> Option<u32> {
        let pids = std::fs::read_to_string(self.dir.join("pids")).ok()?;
        pids.lines()
            .filter_map(|l| l.trim().parse().ok())
            .find(|pid: &u32| {
                std::fs::read(format!("/proc/{pid}/cmdline"))
                    .map(|c| {
                        let args: Vec<&[u8]> = c.split(|b| *b == 0).collect();
                        args.first().is_some_and(|a| a.ends_with(b"php"))
                            && args.iter().any(|a| *a == b"-S")
                    })
                    .unwrap_or(false)
            })
    }

    /// Stops WordPress's web server (MariaDB and the data stay): the site is
    /// down until [`WordPressSite::start_web`]. Returns its command line.
    pub fn stop_web(&self) -> Vec<String> {
        let pid = self
            .web_server_pid()
            .expect("the php -S server of start.sh");
        let cmdline: Vec<String> = std::fs::read(format!("/proc/{pid}/cmdline"))
            .unwrap()
            .split(|b| *b == 0)
            .filter(|a| !a.is_empty())
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        let status = Command::new("kill")
            .args(["-TERM", "--", &format!("-{pid}")])
            .status()
            .unwrap();
        assert!(status.success(), "kill php -S");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Path::new(&format!("/proc/{pid}")).exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        let probe = self.probe();
        assert!(!probe, "the site still answers after stopping php -S");
        cmdline
    }

    /// Starts the web server again with the same command line, in its own
    /// process group listed in `pids` (so stop.sh stops it too).
    pub fn start_web(&self, cmdline: &[String]) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.join("logs/php-server.log"))
            .unwrap();
        let child = Command::new("setsid")
            .args(cmdline)
            .env("PHP_CLI_SERVER_WORKERS", "4")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("setsid php -S");
        let pids = self.dir.join("pids");
        let mut list = std::fs::read_to_string(&pids).unwrap_or_default();
        list.push_str(&format!("{}\n", child.id()));
        std::fs::write(&pids, list).unwrap();
        // stop.sh ends it; reap it then so it leaves no zombie.
        let mut child = child;
        std::thread::spawn(move || {
            let _ = child.wait();
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        while !self.probe() {
            assert!(Instant::now() < deadline, "WordPress did not come back");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn probe(&self) -> bool {
        Command::new("curl")
            .args(["-fsS", "-o", "/dev/null", "--max-time", "5"])
            .arg(format!("{}/wp-json/", self.url))
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }
}

/// A small valid PNG (1×1), made distinct by bytes after its end marker.
pub fn png(tag: &str) -> Vec<u8> {
    let mut bytes = vec![
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R', 0,
        0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0d, b'I', b'D',
        b'A', b'T', 0x78, 0x9c, 0x63, 0xf8, 0x0f, 0, 0, 0x01, 0x01, 0, 0x05, 0x18, 0xd8, 0x4e, 0,
        0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82,
    ];
    bytes.extend_from_slice(tag.as_bytes());
    bytes
}
