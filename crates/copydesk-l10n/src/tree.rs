//! A site's strings folder: `{locale}/**/*.ftl`, every file read and parsed
//! on its own, so one bad file (unreadable, not UTF-8, too large, all junk)
//! is reported by itself while everything else loads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::ftl::{Analysis, LineIndex, analyse};

/// Files larger than this are reported, not parsed: interface strings come
/// in files of a few kilobytes, and a multi-megabyte `.ftl` is a mistake
/// (a dump, a binary) that would only slow every check down.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// Why a file could not be used as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// The file could not be read (permissions, I/O error).
    Unreadable { detail: String },
    /// Larger than the limit: not parsed.
    TooLarge { bytes: u64, limit: u64 },
    /// Not valid UTF-8 at byte `offset` (after any BOM). The file is still
    /// checked, read with U+FFFD in place of the bad bytes, but never written.
    InvalidUtf8 { offset: usize },
}

/// One `.ftl` file of one locale.
#[derive(Debug, Clone)]
pub struct FtlFile {
    /// Path inside the locale folder, with `/` separators (`newsletter/form.ftl`).
    pub rel: String,
    pub path: PathBuf,
    pub problem: Option<FileProblem>,
    /// The file starts with a UTF-8 byte order mark (kept on write-back).
    pub bom: bool,
    /// The file uses CRLF line endings (kept on write-back).
    pub crlf: bool,
    /// The text, without its BOM (empty when unreadable or too large).
    pub source: String,
    pub lines: LineIndex,
    pub analysis: Analysis,
    /// Fingerprint of the bytes on disk, to notice changes made elsewhere.
    pub version: String,
}

impl FtlFile {
    /// Reads and parses one file; never fails, problems are recorded.
    pub fn load(path: &Path, rel: &str, max_bytes: u64) -> FtlFile {
        let mut file = FtlFile::empty(path, rel);
        match std::fs::metadata(path) {
            Ok(m) if m.len() > max_bytes => {
                file.problem = Some(FileProblem::TooLarge {
                    bytes: m.len(),
                    limit: max_bytes,
                });
                file.version = format!("{}-too-large", m.len());
                return file;
            }
            Ok(_) => {}
            Err(e) => {
                file.problem = Some(FileProblem::Unreadable {
                    detail: e.to_string(),
                });
                return file;
            }
        }
        match std::fs::read(path) {
            Ok(bytes) => FtlFile::from_bytes(path, rel, &bytes),
            Err(e) => {
                file.problem = Some(FileProblem::Unreadable {
                    detail: e.to_string(),
                });
                file
            }
        }
    }

    /// Parses `bytes` as the content of `path`.
    pub fn from_bytes(path: &Path, rel: &str, bytes: &[u8]) -> FtlFile {
        let mut file = FtlFile::empty(path, rel);
        file.version = fingerprint(bytes);
        let body = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => {
                file.bom = true;
                rest
            }
            None => bytes,
        };
        file.source = match std::str::from_utf8(body) {
            Ok(s) => s.to_string(),
            Err(e) => {
                file.problem = Some(FileProblem::InvalidUtf8 {
                    offset: e.valid_up_to(),
                });
                String::from_utf8_lossy(body).into_owned()
            }
        };
        file.crlf = file.source.contains("\r\n");
        file.lines = LineIndex::new(&file.source);
        file.analysis = analyse(&file.source, &file.lines);
        file
    }

    fn empty(path: &Path, rel: &str) -> FtlFile {
        FtlFile {
            rel: rel.to_string(),
            path: path.to_path_buf(),
            problem: None,
            bom: false,
            crlf: false,
            source: String::new(),
            lines: LineIndex::default(),
            analysis: Analysis::default(),
            version: String::new(),
        }
    }

    /// Whether the file's text was read (possibly with replaced bytes).
    pub fn is_parsed(&self) -> bool {
        !matches!(
            self.problem,
            Some(FileProblem::Unreadable { .. } | FileProblem::TooLarge { .. })
        )
    }

    /// Whether Copydesk may write this file back: read whole and as UTF-8.
    pub fn is_writable(&self) -> bool {
        self.problem.is_none()
    }

    /// 1-based line and column of byte `offset` of [`FtlFile::source`].
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        self.lines.line_col(&self.source, offset)
    }
}

/// FNV-1a over the bytes, with the length: cheap and good enough to notice
/// that a file changed between two reads.
fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{}-{h:016x}", bytes.len())
}

/// One locale's files, by path inside the locale folder.
#[derive(Debug, Clone, Default)]
pub struct LocaleDir {
    pub name: String,
    pub files: BTreeMap<String, FtlFile>,
}

/// A strings folder as loaded.
#[derive(Debug, Clone)]
pub struct StringsTree {
    pub root: PathBuf,
    pub locales: BTreeMap<String, LocaleDir>,
}

/// Why a strings folder cannot be used at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TreeError {
    #[error("{0} is not a folder")]
    NotAFolder(PathBuf),
    #[error("cannot read the folder {path}: {detail}")]
    Unreadable { path: PathBuf, detail: String },
    #[error("{0} has no locale folder with .ftl files ({{locale}}/**/*.ftl)")]
    NoLocales(PathBuf),
    #[error("{path} has no folder for the reference locale {locale}")]
    NoReference { path: PathBuf, locale: String },
}

/// How a tree is loaded.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// Whether a folder name looks like a locale code (`en`, `pt-BR`,
/// `zh_TW`, `ca-valencia`, `ja-JP-mac`): letters first, then subtags.
pub fn is_locale_name(name: &str) -> bool {
    let mut parts = name.split(['-', '_']);
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

impl StringsTree {
    /// The locale folders of `root`: folders named like a locale that hold
    /// at least one `.ftl` file, sorted.
    pub fn discover_locales(root: &Path) -> Result<Vec<String>, TreeError> {
        if !root.is_dir() {
            return Err(TreeError::NotAFolder(root.to_path_buf()));
        }
        let entries = std::fs::read_dir(root).map_err(|e| TreeError::Unreadable {
            path: root.to_path_buf(),
            detail: e.to_string(),
        })?;
        let mut locales: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .filter(|n| is_locale_name(n))
            .filter(|n| has_ftl(&root.join(n)))
            .collect();
        locales.sort();
        if locales.is_empty() {
            return Err(TreeError::NoLocales(root.to_path_buf()));
        }
        Ok(locales)
    }

    /// Loads `locales` (all of them when `None`) in parallel.
    pub fn load(
        root: &Path,
        locales: Option<&[String]>,
        opts: &LoadOptions,
    ) -> Result<StringsTree, TreeError> {
        let all = StringsTree::discover_locales(root)?;
        let wanted: Vec<String> = match locales {
            Some(list) => all.into_iter().filter(|l| list.contains(l)).collect(),
            None => all,
        };
        let jobs: Vec<(String, String, PathBuf)> = wanted
            .iter()
            .flat_map(|l| {
                let dir = root.join(l);
                ftl_files(&dir)
                    .into_iter()
                    .map(move |(rel, path)| (l.clone(), rel, path))
            })
            .collect();
        let files: Vec<(String, FtlFile)> = jobs
            .par_iter()
            .map(|(l, rel, path)| (l.clone(), FtlFile::load(path, rel, opts.max_file_bytes)))
            .collect();
        let mut tree = StringsTree {
            root: root.to_path_buf(),
            locales: wanted
                .iter()
                .map(|l| {
                    (
                        l.clone(),
                        LocaleDir {
                            name: l.clone(),
                            files: BTreeMap::new(),
                        },
                    )
                })
                .collect(),
        };
        for (l, f) in files {
            if let Some(dir) = tree.locales.get_mut(&l) {
                dir.files.insert(f.rel.clone(), f);
            }
        }
        Ok(tree)
    }
}

/// Whether `dir` holds a `.ftl` file (stops at the first one).
fn has_ftl(dir: &Path) -> bool {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .any(|e| e.path().extension().is_some_and(|x| x == "ftl") && !e.file_type().is_dir())
}

/// Every `.ftl` file under `dir` (hidden folders skipped, links not followed),
/// as (path with `/`, full path), sorted.
pub fn ftl_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        // A link is listed too: one that leads nowhere is reported as unreadable.
        .filter(|e| {
            (e.file_type().is_file() || e.path_is_symlink())
                && e.path().extension().is_some_and(|x| x == "ftl")
        })
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Some((rel, e.path().to_path_buf()))
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names() {
        for ok in [
            "en",
            "fr",
            "pt-BR",
            "zh_TW",
            "ca-valencia",
            "ja-JP-mac",
            "hsb",
            "es-ES",
        ] {
            assert!(is_locale_name(ok), "{ok} is a locale name");
        }
        for bad in ["docs", ".git", "e", "configs", "fr-", "12"] {
            assert!(!is_locale_name(bad), "{bad} is not a locale name");
        }
    }

    #[test]
    fn bom_crlf_and_bad_utf8_are_recorded() {
        let f = FtlFile::from_bytes(Path::new("x.ftl"), "x.ftl", b"\xEF\xBB\xBFa = A\r\n");
        assert!(f.bom && f.crlf && f.problem.is_none());
        assert_eq!(
            f.analysis.entries[0].id, "a",
            "the BOM is not part of the first id"
        );
        let f = FtlFile::from_bytes(Path::new("x.ftl"), "x.ftl", b"a = caf\xE9\nb = B\n");
        assert_eq!(f.problem, Some(FileProblem::InvalidUtf8 { offset: 7 }));
        assert_eq!(f.analysis.entries.len(), 2, "still parsed");
        assert!(!f.is_writable());
    }
}
