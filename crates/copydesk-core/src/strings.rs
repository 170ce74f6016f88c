//! The site's interface strings: a folder of Fluent files laid out as
//! `{locale}/**/*.ftl`, linked to the workspace. The files on disk stay the
//! source of truth (sites keep them in git): every call reads them afresh,
//! and saving writes back only the edited message, refusing when the file
//! changed on disk since the user opened it.

use std::path::PathBuf;

use copydesk_l10n::Localizer;
use copydesk_l10n::tree::TreeError;

/// Why a strings use-case failed.
#[derive(Debug, thiserror::Error)]
pub enum StringsError {
    /// The folder is not a strings folder (or lacks the reference locale).
    #[error(transparent)]
    Folder(#[from] TreeError),
    /// No strings folder is linked to the workspace yet.
    #[error("no strings folder is linked to the workspace")]
    NotLinked,
    /// The file changed on disk since it was opened; nothing was written.
    #[error("{path} changed on disk since it was opened")]
    Changed { path: PathBuf },
    /// Writing the file failed; the file on disk is as it was.
    #[error("cannot write {path}: {detail}")]
    Write { path: PathBuf, detail: String },
    /// The file could not be read whole as UTF-8, so it is never written.
    #[error("{path} is not written back: {detail}")]
    Unsafe { path: PathBuf, detail: String },
    /// The edited text is not one valid message with the expected id.
    #[error("the draft is not a valid message: {detail}")]
    InvalidDraft { detail: String },
}

impl StringsError {
    /// Stable code the UI can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            StringsError::Folder(_) => "strings_folder_invalid",
            StringsError::NotLinked => "strings_not_linked",
            StringsError::Changed { .. } => "strings_changed_on_disk",
            StringsError::Write { .. } => "strings_write_failed",
            StringsError::Unsafe { .. } => "strings_file_not_writable",
            StringsError::InvalidDraft { .. } => "strings_invalid_draft",
        }
    }

    /// The message shown to the user.
    pub fn message(&self, l10n: &Localizer) -> String {
        let path = |p: &PathBuf| p.display().to_string();
        match self {
            StringsError::Folder(e) => match e {
                TreeError::NotAFolder(p) => {
                    l10n.format("error-strings-not-a-folder", &[("path", &path(p))])
                }
                TreeError::Unreadable { path: p, detail } => l10n.format(
                    "error-strings-unreadable",
                    &[("path", &path(p)), ("detail", detail)],
                ),
                TreeError::NoLocales(p) => {
                    l10n.format("error-strings-no-locales", &[("path", &path(p))])
                }
                TreeError::NoReference { path: p, locale } => l10n.format(
                    "error-strings-no-reference",
                    &[("path", &path(p)), ("locale", locale)],
                ),
            },
            StringsError::NotLinked => l10n.format("error-strings-not-linked", &[]),
            StringsError::Changed { path: p } => {
                l10n.format("error-strings-changed", &[("path", &path(p))])
            }
            StringsError::Write { path: p, detail } => l10n.format(
                "error-strings-write",
                &[("path", &path(p)), ("detail", detail)],
            ),
            StringsError::Unsafe { path: p, detail } => l10n.format(
                "error-strings-unsafe",
                &[("path", &path(p)), ("detail", detail)],
            ),
            StringsError::InvalidDraft { detail } => {
                l10n.format("error-strings-invalid-draft", &[("detail", detail)])
            }
        }
    }
}
