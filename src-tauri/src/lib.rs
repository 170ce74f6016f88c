//! The Copydesk desktop app: builds the Tauri app, resolves the data folder,
//! opens the workspace and registers the commands. Everything else lives in
//! `copydesk-core`.

mod asset;
mod commands;
mod error;
mod state;

use std::path::PathBuf;
use std::sync::Arc;

use copydesk_core::DispatchNote;
use tauri::{Emitter, Manager};

use state::AppState;

/// Starts the app. `--data-dir DIR` (or `COPYDESK_DATA_DIR`) chooses the data
/// folder; the OS data folder is the default.
pub fn run() {
    let data_dir_arg = data_dir_from_args(std::env::args().skip(1));
    tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .register_asynchronous_uri_scheme_protocol(asset::SCHEME, asset::serve)
        .setup(move |app| {
            let data_dir = match copydesk_core::resolve_data_dir(data_dir_arg.clone()) {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            app.manage(AppState::open(data_dir));
            start_outbox(app.handle());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::session::load_session,
            commands::session::set_ui_locale,
            commands::session::set_last_open,
            commands::article::list_articles,
            commands::article::create_article,
            commands::article::get_article,
            commands::article::save_locale_version,
            commands::article::delete_article,
            commands::article::restore_article,
            commands::article::purge_article,
            commands::preview::render_preview,
            commands::preview::render_page,
            commands::preview::export_page_html,
            commands::preview::get_site_theme,
            commands::preview::set_site_theme,
            commands::preview::slugify,
            commands::translation::get_translation,
            commands::translation::start_translation,
            commands::translation::save_translation_block,
            commands::translation::mark_blocks_up_to_date,
            commands::translation::get_workspace_locales,
            commands::translation::set_workspace_locales,
            commands::translation::save_version_metadata,
            commands::translation::delete_translation,
            commands::translation::restore_translation,
            commands::translation::purge_translation,
            commands::translation::list_trashed_translations,
            commands::strings::strings_overview,
            commands::strings::strings_link,
            commands::strings::strings_messages,
            commands::strings::strings_draft,
            commands::strings::strings_save,
            commands::publish::list_sites,
            commands::publish::add_site,
            commands::publish::remove_site,
            commands::publish::test_site,
            commands::publish::publish_article,
            commands::publish::plan_publish,
            commands::publish::publish_jobs,
            commands::publish::retry_publish_job,
            commands::publish::cancel_publish_job,
            commands::publish::publish_conflict,
            commands::publish::resolve_publish_conflict,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Copydesk");
}

/// Starts the background outbox: jobs left by an earlier run (or a crash)
/// are carried out now, new ones when queued. Progress reaches the UI as
/// `publish-progress` events and the end of each pass as `outbox-pass`.
fn start_outbox(app: &tauri::AppHandle) {
    let state = app.state::<AppState>();
    let Ok(workspace) = state.workspace.as_ref().map(Arc::clone) else {
        return;
    };
    let handle = app.clone();
    let dispatcher = copydesk_core::Dispatcher::start(
        workspace,
        copydesk_core::PublishOptions::default(),
        move |note| {
            // A closed window cannot be told; the jobs are in the database.
            let _ = match note {
                DispatchNote::Progress(event) => handle.emit("publish-progress", event),
                DispatchNote::PassOver { error } => handle.emit("outbox-pass", error),
            };
        },
    );
    let _ = state.outbox.set(dispatcher);
}

/// `--data-dir DIR` or `--data-dir=DIR`; other arguments are left to Tauri.
fn data_dir_from_args(mut args: impl Iterator<Item = String>) -> Option<PathBuf> {
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(dir));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_dir_flag_in_both_spellings() {
        let args = |v: &[&str]| {
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into_iter()
        };
        assert_eq!(
            data_dir_from_args(args(&["--data-dir", "/tmp/a"])),
            Some(PathBuf::from("/tmp/a"))
        );
        assert_eq!(
            data_dir_from_args(args(&["-x", "--data-dir=/tmp/b"])),
            Some(PathBuf::from("/tmp/b"))
        );
        assert_eq!(data_dir_from_args(args(&["--other"])), None);
    }
}
