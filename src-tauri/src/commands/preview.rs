use copydesk_core::{
    ExportedPage, PageDraft, PageOutput, PreviewOutput, SiteTheme, SiteThemeState,
};
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

/// "Export HTML": the page (or the editor's `draft` of it) as one standalone
/// file in the export folder (`COPYDESK_EXPORT_DIR`, else Downloads, else
/// `exports/` in the data folder). Returns where it was written.
#[tauri::command]
pub async fn export_page_html(
    state: State<'_, AppState>,
    article_id: String,
    locale: String,
    draft: Option<PageDraft>,
) -> Result<ExportedPage, IpcError> {
    state
        .run(move |ws| ws.export_page(&article_id, &locale, draft.as_ref(), None))
        .await
}

/// The workspace's theme files: as configured, and those in use.
#[tauri::command]
pub async fn get_site_theme(state: State<'_, AppState>) -> Result<SiteThemeState, IpcError> {
    state.run(|ws| ws.site_theme_state()).await
}

/// Points the workspace at its own theme files (empty: the built-in part);
/// refused with `theme_template` / `theme_stylesheet` when a file cannot be used.
#[tauri::command]
pub async fn set_site_theme(
    state: State<'_, AppState>,
    theme: SiteTheme,
) -> Result<SiteThemeState, IpcError> {
    state.run(move |ws| ws.save_site_theme(&theme)).await
}
