use copydesk_core::{Article, LibraryEntry, LocaleVersionInput, SavedLocaleVersion};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
pub async fn list_articles(
    state: State<'_, AppState>,
    trashed: bool,
) -> Result<Vec<LibraryEntry>, IpcError> {
    state.run(move |ws| ws.list_articles(trashed)).await
}

#[tauri::command]
pub async fn create_article(
    state: State<'_, AppState>,
    locale: String,
) -> Result<Article, IpcError> {
    state.run(move |ws| ws.create_article(&locale)).await
}

#[tauri::command]
pub async fn get_article(state: State<'_, AppState>, id: String) -> Result<Article, IpcError> {
    state.run(move |ws| ws.get_article(&id)).await
}

#[tauri::command]
pub async fn save_locale_version(
    state: State<'_, AppState>,
    input: LocaleVersionInput,
) -> Result<SavedLocaleVersion, IpcError> {
    state.run(move |ws| ws.save_locale_version(&input)).await
}

#[tauri::command]
pub async fn delete_article(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    state.run(move |ws| ws.delete_article(&id)).await
}

#[tauri::command]
pub async fn restore_article(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    state.run(move |ws| ws.restore_article(&id)).await
}

#[tauri::command]
pub async fn purge_article(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    state.run(move |ws| ws.purge_article(&id)).await
}
