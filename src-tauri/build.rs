/// The commands the UI may call; each gets an `allow-<name>` permission that
/// `capabilities/main.json` grants explicitly (least privilege).
const COMMANDS: &[&str] = &[
    "load_session",
    "set_ui_locale",
    "list_articles",
    "create_article",
    "get_article",
    "save_locale_version",
    "delete_article",
    "restore_article",
    "purge_article",
    "set_last_open",
    "render_preview",
    "render_page",
    "export_page_html",
    "get_site_theme",
    "set_site_theme",
    "slugify",
    "get_translation",
    "start_translation",
    "save_translation_block",
    "mark_blocks_up_to_date",
    "get_workspace_locales",
    "set_workspace_locales",
    "save_version_metadata",
    "delete_translation",
    "restore_translation",
    "purge_translation",
    "list_trashed_translations",
    "strings_overview",
    "strings_link",
    "strings_messages",
    "strings_draft",
    "strings_save",
    "list_sites",
    "add_site",
    "remove_site",
    "test_site",
    "publish_article",
    "plan_publish",
    "publish_jobs",
    "retry_publish_job",
    "cancel_publish_job",
    "publish_conflict",
    "resolve_publish_conflict",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
