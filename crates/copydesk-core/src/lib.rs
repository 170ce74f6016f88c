//! The use-cases of Copydesk, shared by the desktop app and the command line.
//!
//! A [`Workspace`] is a data folder holding the SQLite database and the
//! workspace's assets. Its methods are what the UI calls: list, create, save,
//! trash and restore articles, render previews, read and write settings. The
//! serde types here are exactly what crosses IPC. Nothing here knows Tauri.

mod align;
mod article;
mod asset;
mod conflict;
mod dispatch;
mod error;
mod locale;
mod markdown_file;
mod outbox;
mod page;
mod preview;
mod publish;
mod sample;
mod settings;
mod site;
mod slug;
mod strings;
mod translation;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use copydesk_store::Store;

pub use align::{BlockState, ConfirmedBlock};
pub use article::{
    Article, LibraryEntry, LocaleStatus, LocaleVersion, LocaleVersionInput, SavedLocaleVersion,
    Status,
};
pub use asset::Asset;
pub use conflict::{ConflictChoice, ConflictSide, PublishConflict};
pub use copydesk_l10n as l10n;
/// The WordPress client's settings, for [`PublishOptions::client`].
pub use copydesk_publish::{ClientOptions, RetryPolicy};
pub use dispatch::{DispatchNote, Dispatcher};
pub use error::CoreError;
pub use locale::{LocaleInfo, info as locale_info, validate as validate_locale};
pub use markdown_file::{FrontMatter, ImportOutcome, parse_markdown_file, write_markdown_file};
pub use outbox::{
    JobState, OutboxJob, PUBLISH_ERROR_CODES, PublishEvent, PublishOptions, RequestedStatus,
};
pub use page::{
    EXPORT_DIR_ENV, ExportedPage, PageDraft, PageOutput, SiteTheme, SiteThemeState, ThemePart,
    export_dir, render_page_standalone, standalone_html,
};
pub use preview::{
    PreviewOutput, body_options, publish_html, publish_html_in, render_preview, render_preview_in,
};
pub use publish::{LocaleOutcome, PlannedRequest, PublishReport, PublishRequest};
pub use settings::{LastOpen, WorkspaceLocales};
pub use site::{
    AddedSite, Credentials, KEYRING_SERVICE, NewSite, SITE_PASSWORD_ENV_PREFIX, Site, SiteCheck,
    site_password_env_var,
};
pub use slug::slugify;
pub use strings::*;
pub use translation::{
    DiffSpan, TranslationBlock, TranslationView, TrashedTranslation, VersionMetadata, word_diff,
};

/// File name of the database inside the data folder.
pub const DATABASE_FILE: &str = "copydesk.sqlite3";

/// Environment variable that overrides the data folder (tests, several workspaces).
pub const DATA_DIR_ENV: &str = "COPYDESK_DATA_DIR";

/// Identifier of the app; the default data folder is named after it, so the
/// desktop app and the command line find the same workspace.
pub const APP_IDENTIFIER: &str = "app.copydesk.desktop";

/// The data folder to use: `explicit` (a `--data-dir` flag) if given, else
/// `$COPYDESK_DATA_DIR`, else the OS data folder (`~/.local/share/app.copydesk.desktop`
/// on Linux). `None` only when the OS has no home folder.
pub fn resolve_data_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit
        .or_else(|| {
            std::env::var_os(DATA_DIR_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| dirs::data_dir().map(|d| d.join(APP_IDENTIFIER)))
}

/// An open workspace: a data folder with its database.
///
/// All methods take `&self` and serialise access to the database, so one
/// `Workspace` can be shared between threads (`Arc<Workspace>`).
#[derive(Debug)]
pub struct Workspace {
    root: PathBuf,
    store: Mutex<Store>,
}

impl Workspace {
    /// Opens the workspace in `root`, creating the folder and the database
    /// (with the sample articles) on first use.
    ///
    /// Promises: an existing file that is not a Copydesk database, or was
    /// written by a newer Copydesk, is left untouched and reported.
    pub fn open(root: &Path) -> Result<Workspace, CoreError> {
        std::fs::create_dir_all(root).map_err(|e| CoreError::DataDirNotWritable {
            path: root.to_path_buf(),
            detail: e.to_string(),
        })?;
        let store = Store::open(&root.join(DATABASE_FILE))
            .map_err(|e| CoreError::from_store_open(e, root))?;
        let created = store.was_created();
        let workspace = Workspace {
            root: root.to_path_buf(),
            store: Mutex::new(store),
        };
        if created {
            sample::seed(&workspace)?;
        }
        Ok(workspace)
    }

    /// The data folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock cannot leave SQLite half-written
        // (every write is one transaction), so a poisoned lock is still usable.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A small runtime for the blocking network calls of the core (the
/// WordPress client is async; the core's API is not).
pub(crate) fn network_runtime() -> Result<tokio::runtime::Runtime, CoreError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CoreError::Publish {
            code: "invalid".into(),
            detail: format!("cannot start the network runtime: {e}"),
        })
}

/// Current time in Unix milliseconds.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// A new globally unique, time-ordered id (UUIDv7).
pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
