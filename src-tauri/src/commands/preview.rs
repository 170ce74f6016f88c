use copydesk_core::{PageDraft, PageOutput, PreviewOutput};
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
    locale: Option<String>,
) -> Result<PreviewOutput, IpcError> {
    let l10n = state.localizer();
    tauri::async_runtime::spawn_blocking(move || {
        copydesk_core::render_preview_in(&markdown, Some(asset::BASE_URL), locale.as_deref())
    })
    .await
    .map_err(|e| IpcError::internal(e, &l10n))
}

#[tauri::command]
pub async fn slugify(text: String) -> String {
    copydesk_core::slugify(&text)
}

/// The page preview: the version (or the editor's `draft` of it) inside the
/// site's theme, in `locale`. Theme files are read at every call.
#[tauri::command]
pub async fn render_page(
    state: State<'_, AppState>,
    article_id: String,
    locale: String,
    draft: Option<PageDraft>,
) -> Result<PageOutput, IpcError> {
    state
        .run(move |ws| ws.render_page(&article_id, &locale, draft.as_ref(), Some(asset::BASE_URL)))
        .await
}
