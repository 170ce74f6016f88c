use std::path::{Path, PathBuf};

use copydesk_l10n::Localizer;
use copydesk_store::StoreError;

/// Everything a use-case can fail with. [`CoreError::code`] is what the UI
/// branches on; [`CoreError::message`] is what the user reads.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The data folder (or the database in it) cannot be created or written.
    #[error("cannot write to the data folder {path}: {detail}")]
    DataDirNotWritable { path: PathBuf, detail: String },
    /// The database file is not an SQLite file.
    #[error("{path} is not a Copydesk database")]
    NotADatabase { path: PathBuf },
    /// The database file belongs to another program.
    #[error("{path} is a database of another program")]
    ForeignDatabase { path: PathBuf },
    /// The database was written by a newer Copydesk.
    #[error("{path} was written by a newer Copydesk (schema {found}, supported {supported})")]
    DatabaseTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// The disk is full; nothing of the failed write was kept.
    #[error("the disk is full")]
    DiskFull,
    /// The article (or version) does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// A value the caller sent is not acceptable.
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// Any other database failure.
    #[error("storage error: {0}")]
    Storage(StoreError),
    /// The site's strings folder (see `strings.rs`) cannot be used as asked.
    #[error(transparent)]
    Strings(#[from] crate::strings::StringsError),
    /// The OS keyring (Secret Service) cannot store or give a site password;
    /// `env_var` can give it instead.
    #[error("the system keyring is not available: {detail} (set {env_var} instead)")]
    KeyringUnavailable { detail: String, env_var: String },
    /// No password is known for the site (none in the keyring nor in `env_var`).
    #[error("no password for the site {site:?} (keyring or {env_var})")]
    SitePasswordMissing { site: String, env_var: String },
    /// A theme file given in the settings cannot be used; `detail` is
    /// `missing`, `not_a_file`, `not_utf8` or the OS's reason.
    #[error("the theme file {path} cannot be used: {detail}")]
    ThemeFile {
        part: crate::page::ThemePart,
        path: PathBuf,
        detail: String,
    },
    /// "Export HTML" could not write its file.
    #[error("cannot write {path}: {detail}")]
    ExportFailed { path: PathBuf, detail: String },
    /// Publishing failed; `code` is one of [`crate::PUBLISH_ERROR_CODES`].
    #[error("publishing failed ({code}): {detail}")]
    Publish { code: String, detail: String },
}

impl CoreError {
    /// Stable code the UI can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::DataDirNotWritable { .. } => "data_dir_not_writable",
            CoreError::NotADatabase { .. } => "not_a_database",
            CoreError::ForeignDatabase { .. } => "foreign_database",
            CoreError::DatabaseTooNew { .. } => "database_too_new",
            CoreError::DiskFull => "disk_full",
            CoreError::NotFound(_) => "not_found",
            CoreError::InvalidInput(_) => "invalid_input",
            CoreError::Storage(_) => "storage",
            CoreError::Strings(e) => e.code(),
            CoreError::KeyringUnavailable { .. } => "keyring_unavailable",
            CoreError::SitePasswordMissing { .. } => "site_password_missing",
            CoreError::Publish { .. } => "publish",
            CoreError::ThemeFile {
                part: crate::page::ThemePart::Template,
                ..
            } => "theme_template",
            CoreError::ThemeFile {
                part: crate::page::ThemePart::Stylesheet,
                ..
            } => "theme_stylesheet",
            CoreError::ExportFailed { .. } => "export_failed",
        }
    }

    /// The message shown to the user, in the interface language of `l10n`.
    pub fn message(&self, l10n: &Localizer) -> String {
        let path = |p: &PathBuf| p.display().to_string();
        match self {
            CoreError::DataDirNotWritable { path: p, .. } => {
                l10n.format("error-data-dir-not-writable", &[("path", &path(p))])
            }
            CoreError::NotADatabase { path: p } => {
                l10n.format("error-not-a-database", &[("path", &path(p))])
            }
            CoreError::ForeignDatabase { path: p } => {
                l10n.format("error-foreign-database", &[("path", &path(p))])
            }
            CoreError::DatabaseTooNew {
                path: p,
                found,
                supported,
            } => l10n.format(
                "error-database-too-new",
                &[
                    ("path", &path(p)),
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
            CoreError::DiskFull => l10n.format("error-disk-full", &[]),
            CoreError::NotFound(_) => l10n.format("error-not-found", &[]),
            CoreError::InvalidInput(detail) => {
                l10n.format("error-invalid-input", &[("detail", detail)])
            }
            CoreError::Storage(e) => l10n.format("error-storage", &[("detail", &e.to_string())]),
            CoreError::Strings(e) => e.message(l10n),
            CoreError::KeyringUnavailable { detail, env_var } => l10n.format(
                "error-keyring-unavailable",
                &[("detail", detail), ("env", env_var)],
            ),
            CoreError::SitePasswordMissing { site, env_var } => l10n.format(
                "error-site-password-missing",
                &[("site", site), ("env", env_var)],
            ),
            CoreError::Publish { code, detail } => {
                crate::outbox::publish_error_message(code, detail, l10n)
            }
            CoreError::ThemeFile {
                path: p, detail, ..
            } => match detail.as_str() {
                "missing" => l10n.format("error-theme-missing", &[("path", &path(p))]),
                "not_a_file" => l10n.format("error-theme-not-a-file", &[("path", &path(p))]),
                "not_utf8" => l10n.format("error-theme-not-utf8", &[("path", &path(p))]),
                other => l10n.format(
                    "error-theme-unreadable",
                    &[("path", &path(p)), ("detail", other)],
                ),
            },
            CoreError::ExportFailed { path: p, detail } => l10n.format(
                "error-export-failed",
                &[("path", &path(p)), ("detail", detail)],
            ),
        }
    }

    pub(crate) fn from_store_open(e: StoreError, root: &Path) -> CoreError {
        match e {
            StoreError::NotADatabase { path } => CoreError::NotADatabase { path },
            StoreError::ForeignDatabase { path } => CoreError::ForeignDatabase { path },
            StoreError::TooNew {
                path,
                found,
                supported,
            } => CoreError::DatabaseTooNew {
                path,
                found,
                supported,
            },
            StoreError::CannotOpen { message, .. } => CoreError::DataDirNotWritable {
                path: root.to_path_buf(),
                detail: message,
            },
            other => CoreError::from(other),
        }
    }
}

impl From<StoreError> for CoreError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::DiskFull => CoreError::DiskFull,
            other => CoreError::Storage(other),
        }
    }
}
