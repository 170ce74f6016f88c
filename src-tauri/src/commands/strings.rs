//! The site's interface strings (Strings view).

use copydesk_core::{
    DraftInput, DraftResult, MessageList, SaveInput, SaveResult, StringsOverview, StringsQuery,
};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Reads and checks the linked folder afresh (`None`: nothing linked yet).
#[tauri::command]
pub async fn strings_overview(
    state: State<'_, AppState>,
) -> Result<Option<StringsOverview>, IpcError> {
    state.run(|ws| ws.strings_overview()).await
}

#[tauri::command]
pub async fn strings_link(
    state: State<'_, AppState>,
    path: String,
    reference: Option<String>,
) -> Result<StringsOverview, IpcError> {
    state
        .run(move |ws| ws.link_strings_folder(&path, reference.as_deref()))
        .await
}

#[tauri::command]
pub async fn strings_messages(
    state: State<'_, AppState>,
    query: StringsQuery,
) -> Result<MessageList, IpcError> {
    state.run(move |ws| ws.strings_messages(&query)).await
}

#[tauri::command]
pub async fn strings_draft(
    state: State<'_, AppState>,
    input: DraftInput,
) -> Result<DraftResult, IpcError> {
    state.run(move |ws| ws.strings_draft(&input)).await
}

#[tauri::command]
pub async fn strings_save(
    state: State<'_, AppState>,
    input: SaveInput,
) -> Result<SaveResult, IpcError> {
    state.run(move |ws| ws.strings_save(&input)).await
}
