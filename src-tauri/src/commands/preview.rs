use copydesk_core::PreviewOutput;
use tauri::State;

use crate::asset;
use crate::error::IpcError;
use crate::state::AppState;

/// Renders on a blocking thread: a pathological document may take hundreds
/// of milliseconds in comrak + ammonia and must never stall the UI.
#[tauri::command]
pub async fn render_preview(
    state: State<'_, AppState>,
    markdown: String,
) -> Result<PreviewOutput, IpcError> {
    let l10n = state.localizer();
    tauri::async_runtime::spawn_blocking(move || {
        copydesk_core::render_preview(&markdown, Some(asset::BASE_URL))
    })
    .await
    .map_err(|e| IpcError::internal(e, &l10n))
}

#[tauri::command]
pub async fn slugify(text: String) -> String {
    copydesk_core::slugify(&text)
}
