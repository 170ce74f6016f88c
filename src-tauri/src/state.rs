//! What the app keeps between commands.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock, RwLock};

use copydesk_core::l10n::{self, Localizer};
use copydesk_core::{CoreError, Dispatcher, Workspace};

use crate::error::IpcError;

/// Shared app state: the open workspace (or why it could not be opened) and
/// the interface language.
pub struct AppState {
    pub data_dir: PathBuf,
    pub workspace: Result<Arc<Workspace>, CoreError>,
    localizer: RwLock<Arc<Localizer>>,
    /// The background outbox, once the app has started it.
    pub outbox: OnceLock<Dispatcher>,
}

impl AppState {
    /// Opens the workspace in `data_dir`; a failure is kept and shown by the UI.
    pub fn open(data_dir: PathBuf) -> AppState {
        let workspace = Workspace::open(&data_dir).map(Arc::new);
        let chosen = workspace
            .as_ref()
            .ok()
            .and_then(|w| w.ui_locale_override().ok().flatten());
        let locale = chosen.unwrap_or_else(|| os_ui_locale().to_string());
        AppState {
            data_dir,
            workspace,
            localizer: RwLock::new(Arc::new(Localizer::new(&locale))),
            outbox: OnceLock::new(),
        }
    }

    pub fn localizer(&self) -> Arc<Localizer> {
        self.localizer
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn set_localizer(&self, l: Localizer) {
        *self.localizer.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(l);
    }

    /// Runs the due publish jobs now (a publish was queued or retried).
    pub fn wake_outbox(&self) {
        if let Some(d) = self.outbox.get() {
            d.wake();
        }
    }

    /// Runs a core call on a blocking thread (SQLite and comrak never run on
    /// the UI's thread) and maps its error for IPC.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Workspace) -> Result<T, CoreError> + Send + 'static,
    ) -> Result<T, IpcError> {
        let l10n = self.localizer();
        let workspace = match &self.workspace {
            Ok(w) => w.clone(),
            Err(e) => return Err(IpcError::from_core(e, &l10n)),
        };
        match tauri::async_runtime::spawn_blocking(move || f(&workspace)).await {
            Ok(result) => result.map_err(|e| IpcError::from_core(&e, &l10n)),
            Err(e) => Err(IpcError::internal(e, &l10n)),
        }
    }
}

/// The interface language negotiated from the OS session (`LANG`, …).
pub fn os_ui_locale() -> &'static str {
    l10n::negotiate_ui_locale(&l10n::os_requested_locales())
}
