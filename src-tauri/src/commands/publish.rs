//! Sites and publishing. Publishes are queued in the outbox and carried out
//! by the background dispatcher (started in `lib.rs`), which reports
//! progress as `publish-progress` events; these commands never wait on the
//! network except "Test connection" and the conflict view, which must.

use copydesk_core::{
    AddedSite, ConflictChoice, Credentials, NewSite, OutboxJob, PublishConflict, PublishOptions,
    PublishReport, PublishRequest, Site, SiteCheck,
};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
pub async fn list_sites(state: State<'_, AppState>) -> Result<Vec<Site>, IpcError> {
    state.run(|ws| ws.list_sites()).await
}

/// The password goes to the OS keyring; it is never stored or logged.
#[tauri::command]
pub async fn add_site(
    state: State<'_, AppState>,
    site: NewSite,
    password: String,
) -> Result<AddedSite, IpcError> {
    state
        .run(move |ws| ws.add_site(&site, Some(&password), &Credentials::system()))
        .await
}

#[tauri::command]
pub async fn remove_site(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    state
        .run(move |ws| ws.remove_site(&id, &Credentials::system()))
        .await
}

#[tauri::command]
pub async fn test_site(state: State<'_, AppState>, id: String) -> Result<SiteCheck, IpcError> {
    state
        .run(move |ws| ws.test_site(&id, &Credentials::system(), Default::default()))
        .await
}

/// Queues the publish and wakes the outbox; progress follows as events.
#[tauri::command]
pub async fn publish_article(
    state: State<'_, AppState>,
    request: PublishRequest,
) -> Result<Vec<OutboxJob>, IpcError> {
    let jobs = state
        .run(move |ws| ws.queue_publish(&request, &Credentials::system()))
        .await?;
    state.wake_outbox();
    Ok(jobs)
}

/// The dry run: the exact requests, sent nowhere.
#[tauri::command]
pub async fn plan_publish(
    state: State<'_, AppState>,
    request: PublishRequest,
) -> Result<PublishReport, IpcError> {
    state.run(move |ws| ws.publish_dry_run(&request)).await
}

#[tauri::command]
pub async fn publish_jobs(
    state: State<'_, AppState>,
    article_id: String,
) -> Result<Vec<OutboxJob>, IpcError> {
    state.run(move |ws| ws.outbox_jobs(&article_id)).await
}

#[tauri::command]
pub async fn retry_publish_job(
    state: State<'_, AppState>,
    id: String,
) -> Result<OutboxJob, IpcError> {
    let job = state.run(move |ws| ws.retry_publish_job(&id)).await?;
    state.wake_outbox();
    Ok(job)
}

#[tauri::command]
pub async fn cancel_publish_job(
    state: State<'_, AppState>,
    id: String,
) -> Result<OutboxJob, IpcError> {
    state.run(move |ws| ws.cancel_publish_job(&id)).await
}

#[tauri::command]
pub async fn publish_conflict(
    state: State<'_, AppState>,
    id: String,
) -> Result<PublishConflict, IpcError> {
    state
        .run(move |ws| ws.publish_conflict(&id, &PublishOptions::default()))
        .await
}

#[tauri::command]
pub async fn resolve_publish_conflict(
    state: State<'_, AppState>,
    id: String,
    choice: ConflictChoice,
) -> Result<OutboxJob, IpcError> {
    let job = state
        .run(move |ws| ws.resolve_publish_conflict(&id, choice, &PublishOptions::default()))
        .await?;
    state.wake_outbox();
    Ok(job)
}
