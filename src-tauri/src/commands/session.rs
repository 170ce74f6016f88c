use copydesk_core::l10n::{self, Localizer};
use copydesk_core::{LastOpen, WorkspaceLocales};
use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::{AppState, os_ui_locale};

/// The interface language and its Fluent source, which the UI formats.
#[derive(Debug, Clone, Serialize)]
pub struct UiStrings {
    pub locale: &'static str,
    pub ftl: &'static str,
}

/// Everything the UI needs at start.
#[derive(Debug, Clone, Serialize)]
pub struct Session {
    pub ui: UiStrings,
    /// `None` when the interface follows the OS.
    pub ui_locale_override: Option<String>,
    /// What the OS asks for, negotiated (shown as "System default (…)").
    pub os_ui_locale: &'static str,
    pub available_ui_locales: &'static [&'static str],
    pub data_dir: String,
    /// Why the workspace could not be opened; the UI shows it instead of the editor.
    pub workspace_error: Option<IpcError>,
    pub last_open: Option<LastOpen>,
    pub locales: Option<WorkspaceLocales>,
}

fn ui_strings(locale: &'static str) -> UiStrings {
    UiStrings {
        locale,
        ftl: l10n::ui_source(locale).expect("negotiated locales are shipped"),
    }
}

#[tauri::command]
pub async fn load_session(state: State<'_, AppState>) -> Result<Session, IpcError> {
    let l10n = state.localizer();
    let (ui_locale_override, last_open, locales) = match &state.workspace {
        Ok(_) => {
            state
                .run(|ws| {
                    Ok((
                        ws.ui_locale_override()?,
                        ws.last_open()?,
                        Some(ws.workspace_locales()?),
                    ))
                })
                .await?
        }
        Err(_) => (None, None, None),
    };
    Ok(Session {
        ui: ui_strings(l10n.locale()),
        ui_locale_override,
        os_ui_locale: os_ui_locale(),
        available_ui_locales: l10n::UI_LOCALES,
        data_dir: state.data_dir.display().to_string(),
        workspace_error: state
            .workspace
            .as_ref()
            .err()
            .map(|e| IpcError::from_core(e, &l10n)),
        last_open,
        locales,
    })
}

/// Applies at once: the answer carries the new strings.
#[tauri::command]
pub async fn set_ui_locale(
    state: State<'_, AppState>,
    locale: Option<String>,
) -> Result<UiStrings, IpcError> {
    if state.workspace.is_ok() {
        let stored = locale.clone();
        state
            .run(move |ws| ws.set_ui_locale_override(stored.as_deref()))
            .await?;
    }
    let localizer = Localizer::new(locale.as_deref().unwrap_or_else(|| os_ui_locale()));
    let strings = ui_strings(localizer.locale());
    state.set_localizer(localizer);
    Ok(strings)
}

#[tauri::command]
pub async fn set_last_open(
    state: State<'_, AppState>,
    last: Option<LastOpen>,
) -> Result<(), IpcError> {
    state.run(move |ws| ws.set_last_open(last.as_ref())).await
}
