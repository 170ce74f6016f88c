use copydesk_core::{
    LocaleInfo, SavedLocaleVersion, TranslationView, TrashedTranslation, VersionMetadata,
    WorkspaceLocales,
};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
pub async fn get_translation(
    state: State<'_, AppState>,
    article_id: String,
    locale: String,
) -> Result<TranslationView, IpcError> {
    state
        .run(move |ws| ws.translation(&article_id, &locale))
        .await
}

#[tauri::command]
pub async fn start_translation(
    state: State<'_, AppState>,
    article_id: String,
    locale: String,
    copy: bool,
) -> Result<TranslationView, IpcError> {
    state
        .run(move |ws| ws.start_translation(&article_id, &locale, copy))
        .await
}

#[tauri::command]
pub async fn save_translation_block(
    state: State<'_, AppState>,
    article_id: String,
    locale: String,
    unit_id: String,
    target: String,
) -> Result<SavedLocaleVersion, IpcError> {
    state
        .run(move |ws| ws.save_translation_block(&article_id, &locale, &unit_id, &target))
        .await
}

#[tauri::command]
pub async fn mark_blocks_up_to_date(
    state: State<'_, AppState>,
    article_id: String,
    locale: String,
    unit_ids: Option<Vec<String>>,
) -> Result<TranslationView, IpcError> {
    state
        .run(move |ws| ws.mark_blocks_up_to_date(&article_id, &locale, unit_ids.as_deref()))
        .await
}

#[tauri::command]
pub async fn get_workspace_locales(
    state: State<'_, AppState>,
) -> Result<Vec<LocaleInfo>, IpcError> {
    state.run(|ws| ws.workspace_locale_infos()).await
}

#[tauri::command]
pub async fn set_workspace_locales(
    state: State<'_, AppState>,
    locales: WorkspaceLocales,
) -> Result<Vec<LocaleInfo>, IpcError> {
    state
        .run(move |ws| {
            ws.set_workspace_locales(&locales)?;
            ws.workspace_locale_infos()
        })
        .await
}

#[tauri::command]
pub async fn save_version_metadata(
    state: State<'_, AppState>,
    metadata: VersionMetadata,
) -> Result<SavedLocaleVersion, IpcError> {
    state
        .run(move |ws| ws.save_version_metadata(&metadata))
        .await
}

#[tauri::command]
pub async fn delete_translation(
    state: State<'_, AppState>,
    article_id: String,
    locale: String,
) -> Result<(), IpcError> {
    state
        .run(move |ws| ws.delete_translation(&article_id, &locale))
        .await
}

#[tauri::command]
pub async fn restore_translation(
    state: State<'_, AppState>,
    version_id: String,
) -> Result<(), IpcError> {
    state
        .run(move |ws| ws.restore_translation(&version_id))
        .await
}

#[tauri::command]
pub async fn purge_translation(
    state: State<'_, AppState>,
    version_id: String,
) -> Result<(), IpcError> {
    state.run(move |ws| ws.purge_translation(&version_id)).await
}

#[tauri::command]
pub async fn list_trashed_translations(
    state: State<'_, AppState>,
) -> Result<Vec<TrashedTranslation>, IpcError> {
    state.run(|ws| ws.list_trashed_translations()).await
}
