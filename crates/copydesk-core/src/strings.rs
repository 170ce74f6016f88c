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

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use copydesk_l10n::check::{
    CheckOptions, Finding, KnownIds, Severity, Stats, check_draft, check_file, check_tree,
};
use copydesk_l10n::edit::{MessageModel, compose, model_of, template};
use copydesk_l10n::ftl::EntryInfo;
use copydesk_l10n::plural::{PluralInfo, plural_info};
use copydesk_l10n::preview::{PreviewLine, preview};
use copydesk_l10n::tree::{FtlFile, LoadOptions, StringsTree};
use copydesk_l10n::write::{new_file, set_message};
use serde::{Deserialize, Serialize};

use crate::{CoreError, Workspace};

const STRINGS_FOLDER: &str = "strings_folder";

/// The strings folder linked to the workspace and its reference locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StringsLink {
    pub path: String,
    pub reference: String,
}

/// Every locale of the linked folder with its progress and files.
#[derive(Debug, Clone, Serialize)]
pub struct StringsOverview {
    pub link: StringsLink,
    pub locales: Vec<StringsLocale>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StringsLocale {
    pub locale: String,
    pub is_reference: bool,
    pub stats: Stats,
    /// The locale's CLDR plural categories and the ones translations need.
    pub plural: PluralInfo,
    pub files: Vec<StringsFileSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StringsFileSummary {
    pub path: String,
    pub in_reference: bool,
    pub in_locale: bool,
    pub stats: Stats,
}

/// Which messages to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum StringsFilter {
    #[default]
    All,
    Missing,
    Errors,
    Warnings,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StringsQuery {
    pub locale: String,
    /// One file, or every file of the locale.
    pub path: Option<String>,
    #[serde(default)]
    pub filter: StringsFilter,
    /// Matched, case-insensitively, against ids and both languages' text.
    #[serde(default)]
    pub search: String,
}

/// A message's text in one language.
#[derive(Debug, Clone, Serialize)]
pub struct MessageView {
    /// Its FTL, from the id to its end (without the comment).
    pub ftl: String,
    /// The comment written above it, if any (context for translators).
    pub comment: Option<String>,
    pub model: Option<MessageModel>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MessageStatus {
    Ok,
    Missing,
    Error,
    Warning,
    Obsolete,
}

/// One message, reference and translation side by side.
#[derive(Debug, Clone, Serialize)]
pub struct MessageRow {
    pub path: String,
    pub id: String,
    pub is_term: bool,
    pub status: MessageStatus,
    pub reference: Option<MessageView>,
    pub target: Option<MessageView>,
    pub findings: Vec<Finding>,
}

/// A file of the target locale as the list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct StringsFileInfo {
    pub path: String,
    /// Fingerprint of the target file on disk (`None`: it does not exist).
    pub version: Option<String>,
    /// Whether Copydesk may write the target file.
    pub writable: bool,
    /// Findings about the file itself or not tied to a message.
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MessageList {
    pub locale: String,
    pub reference: String,
    pub rows: Vec<MessageRow>,
    pub files: Vec<StringsFileInfo>,
    /// Rows left out past [`MAX_ROWS`].
    pub truncated: u32,
}

/// Rows sent at most for one query (the view lists, it does not page).
pub const MAX_ROWS: usize = 2000;

/// A draft of one message, as the editor sends it on every change.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftInput {
    pub locale: String,
    pub path: String,
    pub id: String,
    /// The draft's FTL (raw mode)…
    pub source: Option<String>,
    /// …or its fields (structured mode). Neither: start from what is on disk,
    /// or from an empty template of the reference message.
    pub model: Option<MessageModel>,
    /// Sample arguments for the preview; missing ones get defaults.
    #[serde(default)]
    pub args: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DraftResult {
    pub source: String,
    pub model: Option<MessageModel>,
    /// The checks of the draft; locations are within `source`.
    pub findings: Vec<Finding>,
    /// False when the draft is not one message with the right id.
    pub saveable: bool,
    pub preview: Vec<PreviewLine>,
    pub args: BTreeMap<String, String>,
    pub plural: PluralInfo,
    pub reference: Option<MessageView>,
    /// The target file's version on disk, to hand back when saving.
    pub version: Option<String>,
    /// Whether the message exists in the target file.
    pub exists: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SaveInput {
    pub locale: String,
    pub path: String,
    pub id: String,
    pub source: String,
    /// The version the draft was based on (`None`: the file did not exist).
    pub version: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SaveResult {
    pub version: String,
    pub row: MessageRow,
}

impl Workspace {
    /// The linked strings folder, if any.
    pub fn strings_link(&self) -> Result<Option<StringsLink>, CoreError> {
        Ok(self
            .store()
            .setting(STRINGS_FOLDER)?
            .and_then(|s| serde_json::from_str(&s).ok()))
    }

    /// Links the strings folder at `path` (`~/` allowed) with `reference` as
    /// reference locale (default: `en`, else the workspace's source language).
    pub fn link_strings_folder(
        &self,
        path: &str,
        reference: Option<&str>,
    ) -> Result<StringsOverview, CoreError> {
        let path = expand_home(path.trim());
        let locales = StringsTree::discover_locales(&path).map_err(StringsError::from)?;
        let source = self.workspace_locales()?.source;
        let reference = match reference {
            Some(r) => r.to_string(),
            None => ["en", source.as_str(), "en-US"]
                .into_iter()
                .find(|l| locales.iter().any(|x| x == l))
                .unwrap_or("en")
                .to_string(),
        };
        if !locales.contains(&reference) {
            return Err(StringsError::Folder(TreeError::NoReference {
                path,
                locale: reference,
            })
            .into());
        }
        let path = std::fs::canonicalize(&path).unwrap_or(path);
        let link = StringsLink {
            path: path.display().to_string(),
            reference,
        };
        let json = serde_json::to_string(&link).expect("StringsLink serialises");
        self.store().set_setting(STRINGS_FOLDER, Some(&json))?;
        self.strings_overview()?
            .ok_or(StringsError::NotLinked.into())
    }

    fn linked(&self) -> Result<StringsLink, CoreError> {
        self.strings_link()?.ok_or(StringsError::NotLinked.into())
    }

    /// Reads the whole linked folder afresh and checks it (`None` when no
    /// folder is linked).
    pub fn strings_overview(&self) -> Result<Option<StringsOverview>, CoreError> {
        let Some(link) = self.strings_link()? else {
            return Ok(None);
        };
        let tree = StringsTree::load(Path::new(&link.path), None, &LoadOptions::default())
            .map_err(StringsError::from)?;
        let report = check_tree(
            &tree,
            &CheckOptions {
                reference: link.reference.clone(),
                locales: None,
            },
        )
        .map_err(StringsError::from)?;
        let locales = report
            .locales
            .into_iter()
            .map(|l| StringsLocale {
                plural: plural_info(&l.locale),
                locale: l.locale,
                is_reference: l.is_reference,
                stats: l.stats,
                files: l
                    .files
                    .into_iter()
                    .map(|f| StringsFileSummary {
                        path: f.path,
                        in_reference: f.in_reference,
                        in_locale: f.in_locale,
                        stats: f.stats,
                    })
                    .collect(),
            })
            .collect();
        Ok(Some(StringsOverview { link, locales }))
    }

    /// The messages of one locale (one file or all), reference beside them.
    pub fn strings_messages(&self, q: &StringsQuery) -> Result<MessageList, CoreError> {
        let link = self.linked()?;
        let (reference, locale) = load_pair(&link, &q.locale)?;
        let known = KnownIds::of_locale(&locale);
        let plural = plural_info(&q.locale);
        let needle = q.search.trim().to_lowercase();
        let mut paths: Vec<&String> = reference.files.keys().chain(locale.files.keys()).collect();
        paths.sort();
        paths.dedup();
        let mut rows = Vec::new();
        let mut files = Vec::new();
        let mut truncated = 0u32;
        for path in paths {
            if q.path.as_ref().is_some_and(|p| p != path) {
                continue;
            }
            let rf = reference.files.get(path);
            let tf = locale.files.get(path);
            let findings = if q.locale == link.reference {
                copydesk_l10n::check::check_reference_locale(&single(&reference, path))
                    .files
                    .into_iter()
                    .flat_map(|f| f.findings)
                    .collect()
            } else {
                check_file(&q.locale, &plural, rf, tf, known.as_ref()).findings
            };
            for row in rows_of(path, rf, tf, &findings) {
                if !matches_query(&row, q.filter, &needle) {
                    continue;
                }
                if rows.len() < MAX_ROWS {
                    rows.push(row);
                } else {
                    truncated += 1;
                }
            }
            files.push(StringsFileInfo {
                path: path.clone(),
                version: tf.map(|f| f.version.clone()),
                writable: tf.is_none_or(FtlFile::is_writable),
                findings: findings.into_iter().filter(|f| f.id.is_none()).collect(),
            });
        }
        Ok(MessageList {
            locale: q.locale.clone(),
            reference: link.reference,
            rows,
            files,
            truncated,
        })
    }

    /// Checks and previews a draft of one message, as the user types.
    pub fn strings_draft(&self, input: &DraftInput) -> Result<DraftResult, CoreError> {
        let link = self.linked()?;
        let (reference, locale) = load_pair(&link, &input.locale)?;
        let plural = plural_info(&input.locale);
        let rf = reference.files.get(&input.path);
        let tf = locale.files.get(&input.path);
        let ref_entry = rf.and_then(|f| first(f, &input.id).map(|e| (f, e)));
        let target_entry = tf.and_then(|f| first(f, &input.id).map(|e| (f, e)));
        let reference_view = ref_entry.map(|(f, e)| view(f, e));
        let source = match (&input.model, &input.source) {
            (Some(m), _) => compose(m),
            (None, Some(s)) => s.clone(),
            (None, None) => match (target_entry, &reference_view) {
                (Some((f, e)), _) => f.source[e.id_start..e.end].to_string(),
                (None, Some(MessageView { model: Some(m), .. })) => compose(&template(m, &plural)),
                (None, _) => format!("{} = \n", input.id),
            },
        };
        let draft = FtlFile::from_bytes(Path::new(&input.path), &input.path, source.as_bytes());
        let known = KnownIds::of_locale(&locale);
        let mut findings = check_draft(&input.locale, ref_entry, &draft, known.as_ref());
        let saveable = match draft_problem(&draft, &input.id) {
            None => true,
            // Syntax errors are already among the findings, where they stand.
            Some(_) if !draft.analysis.junk.is_empty() => false,
            Some(detail) => {
                findings.insert(0, draft_finding(input, detail));
                false
            }
        };
        // Sample arguments: what the user set, else a default per variable.
        let mut args = BTreeMap::new();
        let vars = variables(ref_entry.map(|(_, e)| e))
            .into_iter()
            .chain(variables(draft.analysis.entries.first()));
        for (name, numeric) in vars {
            let default = if numeric {
                "3".to_string()
            } else {
                name.clone()
            };
            args.entry(name.clone())
                .or_insert_with(|| input.args.get(&name).cloned().unwrap_or(default));
        }
        let context: Vec<&str> = locale
            .files
            .iter()
            .filter(|(p, _)| **p != input.path)
            .map(|(_, f)| f.source.as_str())
            .chain(tf.map(|f| f.source.as_str()))
            .collect();
        let preview = preview(&input.locale, &source, &context, &args);
        Ok(DraftResult {
            model: model_of(&source),
            source,
            findings,
            saveable,
            preview,
            args,
            plural,
            reference: reference_view,
            version: tf.map(|f| f.version.clone()),
            exists: target_entry.is_some(),
        })
    }

    /// Writes one message into its file, every other byte kept. Refuses when
    /// the file changed on disk since `version` was read.
    pub fn strings_save(&self, input: &SaveInput) -> Result<SaveResult, CoreError> {
        let link = self.linked()?;
        let root = Path::new(&link.path);
        let rel = safe_rel(&input.path)?;
        let locale_dir = root.join(safe_rel(&input.locale)?);
        let target = locale_dir.join(&rel);
        let draft =
            FtlFile::from_bytes(Path::new(&input.path), &input.path, input.source.as_bytes());
        if let Some(detail) = draft_problem(&draft, &input.id) {
            return Err(StringsError::InvalidDraft { detail }.into());
        }
        let entry = &draft.analysis.entries[0];
        let text = &draft.source[entry.id_start..entry.end];
        let current = target
            .exists()
            .then(|| FtlFile::load(&target, &input.path, LoadOptions::default().max_file_bytes));
        if current.as_ref().map(|f| f.version.clone()) != input.version {
            return Err(StringsError::Changed { path: target }.into());
        }
        let reference_file = FtlFile::load(
            &root.join(&link.reference).join(&rel),
            &input.path,
            LoadOptions::default().max_file_bytes,
        );
        let order: Vec<&str> = reference_file
            .analysis
            .entries
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        let bytes = match &current {
            Some(f) => {
                set_message(f, &input.id, Some(text), &order).map_err(|e| StringsError::Unsafe {
                    path: target.clone(),
                    detail: e.to_string(),
                })?
            }
            None => new_file(text),
        };
        write_atomically(&target, &bytes)?;
        let row = self
            .strings_messages(&StringsQuery {
                locale: input.locale.clone(),
                path: Some(input.path.clone()),
                filter: StringsFilter::All,
                search: String::new(),
            })?
            .rows
            .into_iter()
            .find(|r| r.id == input.id)
            .ok_or_else(|| CoreError::NotFound(input.id.clone()))?;
        let version = FtlFile::from_bytes(&target, &input.path, &bytes).version;
        Ok(SaveResult { version, row })
    }
}

fn expand_home(path: &str) -> PathBuf {
    match path.strip_prefix("~/") {
        Some(rest) => dirs::home_dir().map_or_else(|| PathBuf::from(path), |h| h.join(rest)),
        None => PathBuf::from(path),
    }
}

/// A path inside the strings folder: relative, no `..`.
fn safe_rel(p: &str) -> Result<PathBuf, CoreError> {
    let path = Path::new(p);
    let ok = !p.is_empty()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    if ok {
        Ok(path.to_path_buf())
    } else {
        Err(CoreError::InvalidInput(format!("path {p:?}")))
    }
}

/// The reference locale and `locale`, read from disk.
fn load_pair(
    link: &StringsLink,
    locale: &str,
) -> Result<
    (
        copydesk_l10n::tree::LocaleDir,
        copydesk_l10n::tree::LocaleDir,
    ),
    CoreError,
> {
    safe_rel(locale)?;
    let wanted = [link.reference.clone(), locale.to_string()];
    let mut tree = StringsTree::load(
        Path::new(&link.path),
        Some(&wanted),
        &LoadOptions::default(),
    )
    .map_err(StringsError::from)?;
    let reference = tree.locales.get(&link.reference).cloned().ok_or_else(|| {
        StringsError::Folder(TreeError::NoReference {
            path: PathBuf::from(&link.path),
            locale: link.reference.clone(),
        })
    })?;
    let target = tree
        .locales
        .remove(locale)
        .ok_or_else(|| CoreError::NotFound(locale.to_string()))?;
    Ok((reference, target))
}

/// A locale holding only `path`, to check one reference file on its own.
fn single(dir: &copydesk_l10n::tree::LocaleDir, path: &str) -> copydesk_l10n::tree::LocaleDir {
    copydesk_l10n::tree::LocaleDir {
        name: dir.name.clone(),
        files: dir
            .files
            .get(path)
            .map(|f| (path.to_string(), f.clone()))
            .into_iter()
            .collect(),
    }
}

fn first<'f>(f: &'f FtlFile, id: &str) -> Option<&'f EntryInfo> {
    f.analysis.entries.iter().find(|e| e.id == id)
}

fn view(f: &FtlFile, e: &EntryInfo) -> MessageView {
    let ftl = f.source[e.id_start..e.end]
        .trim_end_matches(['\r', '\n'])
        .to_string();
    let comment = (e.start < e.id_start).then(|| {
        f.source[e.start..e.id_start]
            .lines()
            .map(|l| l.trim_start_matches('#').trim())
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    });
    MessageView {
        model: model_of(&ftl),
        ftl,
        comment,
    }
}

fn rows_of(
    path: &str,
    rf: Option<&FtlFile>,
    tf: Option<&FtlFile>,
    findings: &[Finding],
) -> Vec<MessageRow> {
    let mut by_id: HashMap<&str, Vec<Finding>> = HashMap::new();
    for f in findings {
        if let Some(id) = &f.id {
            by_id.entry(id.as_str()).or_default().push(f.clone());
        }
    }
    let mut ids: Vec<(&str, bool)> = Vec::new();
    for f in [rf, tf].into_iter().flatten() {
        for e in &f.analysis.entries {
            if !ids.iter().any(|(i, _)| *i == e.id) {
                ids.push((e.id.as_str(), e.is_term));
            }
        }
    }
    ids.into_iter()
        .map(|(id, is_term)| {
            let reference = rf.and_then(|f| first(f, id).map(|e| view(f, e)));
            let target = tf.and_then(|f| first(f, id).map(|e| view(f, e)));
            let findings = by_id.remove(id).unwrap_or_default();
            let status = if reference.is_some() && target.is_none() {
                MessageStatus::Missing
            } else if findings.iter().any(|f| f.severity == Severity::Error) {
                MessageStatus::Error
            } else if findings.iter().any(|f| {
                f.severity == Severity::Warning && f.kind != copydesk_l10n::Kind::ObsoleteMessage
            }) {
                MessageStatus::Warning
            } else if reference.is_none() {
                MessageStatus::Obsolete
            } else {
                MessageStatus::Ok
            };
            MessageRow {
                path: path.to_string(),
                id: id.to_string(),
                is_term,
                status,
                reference,
                target,
                findings,
            }
        })
        .collect()
}

fn matches_query(row: &MessageRow, filter: StringsFilter, needle: &str) -> bool {
    let has = |s: Severity| row.findings.iter().any(|f| f.severity == s);
    let keep = match filter {
        StringsFilter::All => true,
        StringsFilter::Missing => row.status == MessageStatus::Missing,
        StringsFilter::Errors => has(Severity::Error),
        StringsFilter::Warnings => has(Severity::Warning) && row.status != MessageStatus::Missing,
    };
    keep && (needle.is_empty()
        || row.id.to_lowercase().contains(needle)
        || [&row.reference, &row.target]
            .into_iter()
            .flatten()
            .any(|v| v.ftl.to_lowercase().contains(needle)))
}

/// Why a draft cannot be saved: it must be exactly one message, `id`.
fn draft_problem(draft: &FtlFile, id: &str) -> Option<String> {
    if let Some(j) = draft.analysis.junk.first() {
        return Some(j.message.clone());
    }
    match &draft.analysis.entries[..] {
        [] => Some(format!("no message {id}")),
        [e] if e.id == id => None,
        [e] => Some(format!("the message is {}, not {id}", e.id)),
        _ => Some(format!(
            "more than one message; only {id} can be saved here"
        )),
    }
}

fn draft_finding(input: &DraftInput, detail: String) -> Finding {
    let args: BTreeMap<String, String> = [
        ("detail".to_string(), detail.clone()),
        ("line".to_string(), "1".to_string()),
        ("column".to_string(), "1".to_string()),
    ]
    .into_iter()
    .collect();
    Finding {
        locale: input.locale.clone(),
        path: input.path.clone(),
        line: Some(1),
        column: Some(1),
        id: Some(input.id.clone()),
        kind: copydesk_l10n::Kind::SyntaxError,
        severity: Severity::Error,
        message: detail,
        args,
    }
}

/// Variables of an entry: (name, used as a plural selector).
fn variables(e: Option<&EntryInfo>) -> Vec<(String, bool)> {
    let Some(e) = e else { return Vec::new() };
    let selectors: Vec<&str> = e
        .selects
        .iter()
        .filter_map(|s| s.selector_variable.as_deref())
        .collect();
    let mut out: Vec<(String, bool)> = Vec::new();
    for p in e.value.iter().chain(e.attributes.iter().map(|a| &a.part)) {
        for (v, _) in &p.variables {
            if !out.iter().any(|(n, _)| n == v) {
                out.push((v.clone(), selectors.contains(&v.as_str())));
            }
        }
    }
    out
}

/// Writes through a temporary file in the same folder and a rename, so the
/// file on disk is either the old one or the new one, never half written.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CoreError> {
    let fail = |e: std::io::Error| -> CoreError {
        if e.raw_os_error() == Some(28) {
            CoreError::DiskFull
        } else {
            StringsError::Write {
                path: path.to_path_buf(),
                detail: e.to_string(),
            }
            .into()
        }
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(fail)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.copydesk-{}", std::process::id()));
    let result = std::fs::write(&tmp, bytes)
        .and_then(|()| {
            if let Ok(meta) = std::fs::metadata(path) {
                std::fs::set_permissions(&tmp, meta.permissions())?;
            }
            Ok(())
        })
        .and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
}
