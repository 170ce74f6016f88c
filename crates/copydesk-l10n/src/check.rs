//! The check engine for a site's Fluent strings, shared by the app and the
//! `copydesk l10n check` command line.
//!
//! Files are compared with the reference locale's file of the same path, and
//! messages with the reference message of the same id, the way
//! compare-locales does (its checks are mirrored kind by kind, with its
//! message keys as kind names where it has one), plus checks it lacks:
//! variables, markup and references to nothing. Every finding has a stable
//! [`Kind`], a [`Severity`], a location and an English message; `args` lets a
//! user interface phrase it in its own language (`strings-check-<kind>` in
//! `locales/*/strings.ftl`).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;

use crate::ftl::{EntryInfo, Part, Reference, Select};
use crate::plural::{PluralInfo, plural_info};
use crate::tree::{FileProblem, FtlFile, LocaleDir, StringsTree, TreeError};

/// How bad a finding is. Errors make `copydesk l10n check` exit non-zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! kinds {
    ($($variant:ident = $name:literal, $severity:ident;)*) => {
        /// What a finding is about. The names are stable: scripts and the
        /// interface's messages (`strings-check-<name>`) rely on them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind { $($variant,)* }

        impl Kind {
            /// Every kind, in documentation order.
            pub const ALL: &'static [Kind] = &[$(Kind::$variant,)*];

            /// The stable name (`missing-message`).
            pub fn as_str(self) -> &'static str {
                match self { $(Kind::$variant => $name,)* }
            }

            /// The usual severity of the kind (`css-style` is an error when
            /// the translation is not a CSS size at all).
            pub fn severity(self) -> Severity {
                match self { $(Kind::$variant => Severity::$severity,)* }
            }

            /// The kind with this stable name.
            pub fn from_name(name: &str) -> Option<Kind> {
                match name { $($name => Some(Kind::$variant),)* _ => None }
            }
        }
    };
}

kinds! {
    MissingFile = "missing-file", Warning;
    ObsoleteFile = "obsolete-file", Warning;
    UnreadableFile = "unreadable-file", Error;
    FileTooLarge = "file-too-large", Error;
    InvalidEncoding = "invalid-encoding", Error;
    SyntaxError = "syntax-error", Error;
    MissingMessage = "missing-message", Warning;
    ObsoleteMessage = "obsolete-message", Warning;
    DuplicateMessage = "duplicate-message", Error;
    MissingValue = "missing-value", Error;
    ObsoleteValue = "obsolete-value", Error;
    EmptyValue = "empty-value", Warning;
    MissingAttribute = "missing-attribute", Error;
    ObsoleteAttribute = "obsolete-attribute", Error;
    DuplicateAttribute = "duplicate-attribute", Warning;
    DuplicateVariant = "duplicate-variant", Warning;
    MissingPlural = "missing-plural", Warning;
    MissingMsgRef = "missing-msg-ref", Warning;
    ObsoleteMsgRef = "obsolete-msg-ref", Warning;
    MissingTermRef = "missing-term-ref", Warning;
    ObsoleteTermRef = "obsolete-term-ref", Warning;
    CssStyle = "css-style", Warning;
    ReplacementCharacter = "replacement-character", Warning;
    MissingVariable = "missing-variable", Warning;
    UnknownVariable = "unknown-variable", Error;
    MarkupDrift = "markup-drift", Warning;
    UnknownMsgRef = "unknown-msg-ref", Error;
    UnknownTermRef = "unknown-term-ref", Error;
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub locale: String,
    /// Path inside the locale folder (`newsletter/form.ftl`).
    pub path: String,
    /// 1-based; `None` when the finding is about something absent from the
    /// file (a missing message, a missing file).
    pub line: Option<u32>,
    /// 1-based, in characters.
    pub column: Option<u32>,
    /// The message or term (`-brand`) concerned, if any.
    pub id: Option<String>,
    pub kind: Kind,
    pub severity: Severity,
    /// English explanation.
    pub message: String,
    /// The values in `message`, for interfaces that phrase it themselves.
    pub args: BTreeMap<String, String>,
}

/// Message counts of one file (or one locale) against the reference.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Messages and terms in the reference.
    pub total: u32,
    /// Present in the translation.
    pub translated: u32,
    pub missing: u32,
    pub obsolete: u32,
    /// Translated messages with at least one error.
    pub with_errors: u32,
    /// Translated messages with warnings but no error.
    pub with_warnings: u32,
    pub errors: u32,
    pub warnings: u32,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.total += o.total;
        self.translated += o.translated;
        self.missing += o.missing;
        self.obsolete += o.obsolete;
        self.with_errors += o.with_errors;
        self.with_warnings += o.with_warnings;
        self.errors += o.errors;
        self.warnings += o.warnings;
    }
}

/// The findings and counts of one file of one locale.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    /// The file exists in the reference locale / in this locale.
    pub in_reference: bool,
    pub in_locale: bool,
    pub stats: Stats,
    pub findings: Vec<Finding>,
}

/// The findings and counts of one locale.
#[derive(Debug, Clone, Serialize)]
pub struct LocaleReport {
    pub locale: String,
    pub is_reference: bool,
    pub stats: Stats,
    pub files: Vec<FileReport>,
}

impl LocaleReport {
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.files.iter().flat_map(|f| f.findings.iter())
    }
}

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The reference locale's folder name.
    pub reference: String,
    /// Locales to report on; `None` for every locale, the reference included
    /// (checked on its own: syntax, duplicates, plurals, references).
    pub locales: Option<Vec<String>>,
}

/// The result of checking a tree.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub reference: String,
    pub locales: Vec<LocaleReport>,
}

impl CheckReport {
    /// Every finding, sorted by locale, path and position.
    pub fn findings(&self) -> Vec<&Finding> {
        self.locales.iter().flat_map(|l| l.findings()).collect()
    }

    pub fn has_errors(&self) -> bool {
        self.locales
            .iter()
            .flat_map(|l| l.findings())
            .any(|f| f.severity == Severity::Error)
    }
}

/// Checks `tree` (as loaded: load the reference too).
pub fn check_tree(tree: &StringsTree, opts: &CheckOptions) -> Result<CheckReport, TreeError> {
    let reference = tree
        .locales
        .get(&opts.reference)
        .ok_or_else(|| TreeError::NoReference {
            path: tree.root.clone(),
            locale: opts.reference.clone(),
        })?;
    let wanted: Vec<&LocaleDir> = tree
        .locales
        .values()
        .filter(|l| opts.locales.as_ref().is_none_or(|w| w.contains(&l.name)))
        .collect();
    let locales = wanted
        .par_iter()
        .map(|l| {
            if l.name == reference.name {
                check_reference_locale(reference)
            } else {
                check_locale(reference, l)
            }
        })
        .collect();
    Ok(CheckReport {
        reference: opts.reference.clone(),
        locales,
    })
}

/// Ids that exist in a locale: messages, `message.attribute`, `-terms`.
#[derive(Debug, Clone, Default)]
pub struct KnownIds(HashSet<String>);

impl KnownIds {
    /// `None` when a file of the locale could not be parsed: what it defines
    /// is unknown, so "refers to nothing" cannot be told.
    pub fn of_locale(dir: &LocaleDir) -> Option<KnownIds> {
        if dir.files.values().any(|f| !f.is_parsed()) {
            return None;
        }
        let mut ids = HashSet::new();
        for f in dir.files.values() {
            for e in &f.analysis.entries {
                ids.insert(e.id.clone());
                if !e.is_term {
                    for a in &e.attributes {
                        ids.insert(format!("{}.{}", e.id, a.name));
                    }
                }
            }
        }
        Some(KnownIds(ids))
    }

    fn knows(&self, r: &Reference) -> bool {
        self.0.contains(&r.name)
    }

    /// Adds the ids of a draft entry (so a message may refer to its own attributes).
    pub fn insert_entry(&mut self, e: &EntryInfo) {
        self.0.insert(e.id.clone());
        for a in &e.attributes {
            self.0.insert(format!("{}.{}", e.id, a.name));
        }
    }
}

/// Checks one target locale against the reference.
pub fn check_locale(reference: &LocaleDir, locale: &LocaleDir) -> LocaleReport {
    let known = KnownIds::of_locale(locale);
    let plural = plural_info(&locale.name);
    let paths: BTreeSet<&String> = reference.files.keys().chain(locale.files.keys()).collect();
    let mut files = Vec::new();
    let mut stats = Stats::default();
    for path in paths {
        let report = check_file(
            &locale.name,
            &plural,
            reference.files.get(path),
            locale.files.get(path),
            known.as_ref(),
        );
        stats.add(&report.stats);
        files.push(report);
    }
    LocaleReport {
        locale: locale.name.clone(),
        is_reference: false,
        stats,
        files,
    }
}

/// Checks the reference locale on its own.
pub fn check_reference_locale(reference: &LocaleDir) -> LocaleReport {
    let known = KnownIds::of_locale(reference);
    let plural = plural_info(&reference.name);
    let mut files = Vec::new();
    let mut stats = Stats::default();
    for file in reference.files.values() {
        let mut out = Out::new(&reference.name, file);
        intrinsic(&mut out, file);
        if file.is_parsed() {
            for e in first_entries(file) {
                entry_shape_checks(&mut out, &plural, e);
            }
            if let Some(k) = &known {
                for e in &file.analysis.entries {
                    unknown_refs(&mut out, k, e);
                }
            }
        }
        let mut findings = out.finish();
        sort(&mut findings);
        let ids: HashSet<&str> = first_entries(file).map(|e| e.id.as_str()).collect();
        let mut s = Stats {
            total: ids.len() as u32,
            translated: ids.len() as u32,
            ..Stats::default()
        };
        count(&mut s, &findings, &ids);
        stats.add(&s);
        files.push(FileReport {
            path: file.rel.clone(),
            in_reference: true,
            in_locale: true,
            stats: s,
            findings,
        });
    }
    LocaleReport {
        locale: reference.name.clone(),
        is_reference: true,
        stats,
        files,
    }
}

/// Checks one file of a target locale against the reference file of the
/// same path (either may be absent).
pub fn check_file(
    locale: &str,
    plural: &PluralInfo,
    reference: Option<&FtlFile>,
    file: Option<&FtlFile>,
    known: Option<&KnownIds>,
) -> FileReport {
    let path = reference
        .or(file)
        .map(|f| f.rel.clone())
        .unwrap_or_default();
    let ref_total = reference.map_or(0, |r| first_entries(r).count() as u32);
    let Some(file) = file else {
        let mut findings = Vec::new();
        if let Some(r) = reference {
            let mut out = Out::new(locale, r);
            out.push(Kind::MissingFile, None, None, &[("path", r.rel.clone())]);
            findings = out.finish();
        }
        return FileReport {
            path,
            in_reference: true,
            in_locale: false,
            stats: Stats {
                total: ref_total,
                missing: ref_total,
                warnings: findings.len() as u32,
                ..Stats::default()
            },
            findings,
        };
    };
    let mut out = Out::new(locale, file);
    let Some(reference) = reference else {
        // compare-locales says only "remove this file"; so do we.
        out.push(
            Kind::ObsoleteFile,
            None,
            None,
            &[("path", file.rel.clone())],
        );
        let findings = out.finish();
        let obsolete = first_entries(file).count() as u32;
        return FileReport {
            path,
            in_reference: false,
            in_locale: true,
            stats: Stats {
                obsolete,
                warnings: 1,
                ..Stats::default()
            },
            findings,
        };
    };
    intrinsic(&mut out, file);
    let mut stats = Stats {
        total: ref_total,
        ..Stats::default()
    };
    if file.is_parsed() && reference.is_parsed() {
        let ref_map = first_map(reference);
        let l10n_map = first_map(file);
        for e in first_entries(reference) {
            if !l10n_map.contains_key(e.id.as_str()) {
                stats.missing += 1;
                out.push(
                    Kind::MissingMessage,
                    None,
                    Some(&e.id),
                    &[("id", e.id.clone())],
                );
            }
        }
        for e in first_entries(file) {
            match ref_map.get(e.id.as_str()) {
                None => {
                    stats.obsolete += 1;
                    out.push(
                        Kind::ObsoleteMessage,
                        Some(e.id_start),
                        Some(&e.id),
                        &[("id", e.id.clone())],
                    );
                }
                Some(re) => {
                    stats.translated += 1;
                    check_entry(&mut out, plural, re, e);
                }
            }
        }
    } else if !file.is_parsed() {
        stats.missing = ref_total;
    }
    if file.is_parsed()
        && let Some(k) = known
    {
        for e in &file.analysis.entries {
            unknown_refs(&mut out, k, e);
        }
    }
    let mut findings = out.finish();
    sort(&mut findings);
    let translated: HashSet<&str> = if file.is_parsed() && reference.is_parsed() {
        let ref_ids: HashSet<&str> = first_entries(reference).map(|e| e.id.as_str()).collect();
        first_entries(file)
            .map(|e| e.id.as_str())
            .filter(|id| ref_ids.contains(id))
            .collect()
    } else {
        HashSet::new()
    };
    count(&mut stats, &findings, &translated);
    FileReport {
        path,
        in_reference: true,
        in_locale: true,
        stats,
        findings,
    }
}

/// Checks a draft of one message (`draft` holds just that message) as if it
/// stood in `file` of `locale`. Locations are within the draft.
pub fn check_draft(
    locale: &str,
    reference: Option<(&FtlFile, &EntryInfo)>,
    draft: &FtlFile,
    known: Option<&KnownIds>,
) -> Vec<Finding> {
    let plural = plural_info(locale);
    let mut out = Out::new(locale, draft);
    intrinsic(&mut out, draft);
    for e in first_entries(draft) {
        match reference {
            Some((_, re)) if re.id == e.id => check_entry(&mut out, &plural, re, e),
            _ => entry_shape_checks(&mut out, &plural, e),
        }
        if let Some(k) = known {
            let mut k = k.clone();
            k.insert_entry(e);
            unknown_refs(&mut out, &k, e);
        }
    }
    let mut findings = out.finish();
    sort(&mut findings);
    findings
}

fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.line.unwrap_or(0), a.column.unwrap_or(0), a.kind).cmp(&(
            b.line.unwrap_or(0),
            b.column.unwrap_or(0),
            b.kind,
        ))
    });
}

/// Adds up findings; per-message counts only cover `translated` ids.
fn count(stats: &mut Stats, findings: &[Finding], translated: &HashSet<&str>) {
    let mut worst: HashMap<&str, Severity> = HashMap::new();
    for f in findings {
        match f.severity {
            Severity::Error => stats.errors += 1,
            Severity::Warning => stats.warnings += 1,
        }
        if let Some(id) = f.id.as_deref().filter(|id| translated.contains(id)) {
            let w = worst.entry(id).or_insert(f.severity);
            *w = (*w).min(f.severity);
        }
    }
    stats.with_errors += worst.values().filter(|s| **s == Severity::Error).count() as u32;
    stats.with_warnings += worst.values().filter(|s| **s == Severity::Warning).count() as u32;
}

/// The first entry of each id, in file order.
fn first_entries(f: &FtlFile) -> impl Iterator<Item = &EntryInfo> {
    let mut seen = HashSet::new();
    f.analysis
        .entries
        .iter()
        .filter(move |e| seen.insert(e.id.as_str()))
}

fn first_map(f: &FtlFile) -> HashMap<&str, &EntryInfo> {
    let mut m = HashMap::new();
    for e in &f.analysis.entries {
        m.entry(e.id.as_str()).or_insert(e);
    }
    m
}

/// Collects findings for one file.
struct Out<'a> {
    locale: &'a str,
    file: &'a FtlFile,
    findings: Vec<Finding>,
}

impl<'a> Out<'a> {
    fn new(locale: &'a str, file: &'a FtlFile) -> Out<'a> {
        Out {
            locale,
            file,
            findings: Vec::new(),
        }
    }

    fn push(
        &mut self,
        kind: Kind,
        offset: Option<usize>,
        id: Option<&str>,
        args: &[(&str, String)],
    ) {
        self.push_as(kind, kind.severity(), offset, id, args);
    }

    fn push_as(
        &mut self,
        kind: Kind,
        severity: Severity,
        offset: Option<usize>,
        id: Option<&str>,
        args: &[(&str, String)],
    ) {
        let (line, column) = match offset {
            Some(o) => {
                let (l, c) = self.file.line_col(o);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        let args: BTreeMap<String, String> = args
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        self.findings.push(Finding {
            locale: self.locale.to_string(),
            path: self.file.rel.clone(),
            line,
            column,
            id: id.map(str::to_string),
            kind,
            severity,
            message: english(kind, &args),
            args,
        });
    }

    fn finish(self) -> Vec<Finding> {
        self.findings
    }
}

/// The English message of a finding, from `locales/en/strings.ftl`.
fn english(kind: Kind, args: &BTreeMap<String, String>) -> String {
    static EN: OnceLock<crate::Localizer> = OnceLock::new();
    let l10n = EN.get_or_init(|| crate::Localizer::new("en"));
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    l10n.format(&format!("strings-check-{}", kind.as_str()), &args)
}

/// Problems of the file itself, its syntax errors and duplicate ids.
fn intrinsic(out: &mut Out, f: &FtlFile) {
    match &f.problem {
        Some(FileProblem::Unreadable { detail }) => out.push(
            Kind::UnreadableFile,
            None,
            None,
            &[("detail", detail.clone())],
        ),
        Some(FileProblem::TooLarge { bytes, limit }) => out.push(
            Kind::FileTooLarge,
            None,
            None,
            &[("size", bytes.to_string()), ("limit", limit.to_string())],
        ),
        Some(FileProblem::InvalidUtf8 { offset }) => {
            out.push(Kind::InvalidEncoding, Some(*offset), None, &[])
        }
        None => {}
    }
    if !f.is_parsed() {
        return;
    }
    for j in &f.analysis.junk {
        // Located at the start of the unparsed block, as compare-locales does;
        // the parser's own position goes into the message.
        let (line, column) = f.line_col(j.error_offset);
        let start = j.start
            + (f.source[j.start..j.end].len() - f.source[j.start..j.end].trim_start().len());
        out.push(
            Kind::SyntaxError,
            Some(start),
            j.id.as_deref(),
            &[
                ("detail", j.message.clone()),
                ("line", line.to_string()),
                ("column", column.to_string()),
            ],
        );
    }
    let mut seen: HashMap<&str, (u32, usize)> = HashMap::new();
    let mut order = Vec::new();
    for e in &f.analysis.entries {
        let slot = seen.entry(e.id.as_str()).or_insert_with(|| {
            order.push(e.id.as_str());
            (0, e.id_start)
        });
        slot.0 += 1;
        if slot.0 == 2 {
            slot.1 = e.id_start;
        }
    }
    for id in order {
        let (n, at) = seen[id];
        if n > 1 {
            out.push(
                Kind::DuplicateMessage,
                Some(at),
                Some(id),
                &[("id", id.to_string()), ("count", n.to_string())],
            );
        }
    }
}

/// Checks that need no reference: duplicate attributes and variants, plurals.
fn entry_shape_checks(out: &mut Out, plural: &PluralInfo, e: &EntryInfo) {
    duplicate_attributes(out, e);
    for s in &e.selects {
        check_variants(out, plural, e, s);
    }
}

fn duplicate_attributes(out: &mut Out, e: &EntryInfo) {
    let attrs = &e.attributes;
    let mut warned = HashSet::new();
    for left in 0..attrs.len().saturating_sub(1) {
        if warned.contains(&left) {
            continue;
        }
        let mut warned_left = false;
        for right in left + 1..attrs.len() {
            if attrs[left].name == attrs[right].name {
                let args = [("name", attrs[left].name.clone())];
                if !warned_left {
                    warned_left = true;
                    out.push(
                        Kind::DuplicateAttribute,
                        Some(attrs[left].part.offset),
                        Some(&e.id),
                        &args,
                    );
                }
                warned.insert(right);
                out.push(
                    Kind::DuplicateAttribute,
                    Some(attrs[right].part.offset),
                    Some(&e.id),
                    &args,
                );
            }
        }
    }
}

fn check_variants(out: &mut Out, plural: &PluralInfo, e: &EntryInfo, s: &Select) {
    let keys = &s.keys;
    let mut warned = HashSet::new();
    for left in 0..keys.len().saturating_sub(1) {
        if warned.contains(&left) {
            continue;
        }
        let mut reported = false;
        for right in left + 1..keys.len() {
            if keys[left].0 == keys[right].0 {
                let args = [("name", keys[left].0.clone())];
                if !reported {
                    reported = true;
                    out.push(
                        Kind::DuplicateVariant,
                        Some(keys[left].1),
                        Some(&e.id),
                        &args,
                    );
                }
                warned.insert(right);
                out.push(
                    Kind::DuplicateVariant,
                    Some(keys[right].1),
                    Some(&e.id),
                    &args,
                );
            }
        }
    }
    let given: HashSet<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
    let asks = plural
        .required
        .iter()
        .any(|c| *c != "other" && given.contains(c));
    if asks {
        let missing: Vec<&str> = plural
            .required
            .iter()
            .copied()
            .filter(|c| !given.contains(c))
            .collect();
        if !missing.is_empty()
            && let Some((_, at)) = keys.first()
        {
            out.push(
                Kind::MissingPlural,
                Some(*at),
                Some(&e.id),
                &[("categories", missing.join(", "))],
            );
        }
    }
}

/// Compares a translated entry with its reference.
fn check_entry(out: &mut Out, plural: &PluralInfo, re: &EntryInfo, le: &EntryInfo) {
    let id = Some(le.id.as_str());
    let file = out.file;
    let text = &file.source[le.start..le.end];
    for (i, _) in text.match_indices('\u{FFFD}') {
        out.push(
            Kind::ReplacementCharacter,
            Some(le.start + i),
            id,
            &[("id", le.id.clone())],
        );
    }
    entry_shape_checks(out, plural, le);
    if le.is_term {
        // Terms are the locale's own (their attributes carry grammar), so
        // compare-locales only checks their shape; so do we.
        return;
    }
    match (&re.value, &le.value) {
        (None, Some(v)) => out.push(Kind::ObsoleteValue, Some(v.offset), id, &[]),
        (Some(_), None) => out.push(Kind::MissingValue, Some(le.id_start), id, &[]),
        _ => {}
    }
    let ref_names = unique_names(re);
    let l10n_names = unique_names(le);
    for name in ref_names.iter().filter(|n| !l10n_names.contains(n)) {
        out.push(
            Kind::MissingAttribute,
            Some(le.id_start),
            id,
            &[("name", name.to_string())],
        );
    }
    for name in l10n_names.iter().filter(|n| !ref_names.contains(n)) {
        let at = le.attribute(name).map(|a| a.part.offset);
        out.push(
            Kind::ObsoleteAttribute,
            at,
            id,
            &[("name", name.to_string())],
        );
    }
    // References, per part as compare-locales keys them (None = the value).
    let mut keys: Vec<Option<&str>> = vec![None];
    keys.extend(ref_names.iter().copied().map(Some));
    keys.extend(
        l10n_names
            .iter()
            .copied()
            .filter(|n| !ref_names.contains(n))
            .map(Some),
    );
    for key in &keys {
        let ref_refs = merged(re, *key, |p| &p.refs);
        let l10n_refs = merged(le, *key, |p| &p.refs);
        let ref_set: HashSet<&str> = ref_refs.iter().map(|r| r.name.as_str()).collect();
        let l10n_set: HashSet<&str> = l10n_refs.iter().map(|r| r.name.as_str()).collect();
        for r in &l10n_refs {
            if !ref_set.contains(r.name.as_str()) {
                let kind = if r.term {
                    Kind::ObsoleteTermRef
                } else {
                    Kind::ObsoleteMsgRef
                };
                out.push(kind, Some(r.offset), id, &[("ref", r.name.clone())]);
            }
        }
        let mut reported = HashSet::new();
        for r in &ref_refs {
            if !l10n_set.contains(r.name.as_str()) && reported.insert(r.name.as_str()) {
                let kind = if r.term {
                    Kind::MissingTermRef
                } else {
                    Kind::MissingMsgRef
                };
                out.push(kind, Some(le.id_start), id, &[("ref", r.name.clone())]);
            }
        }
    }
    for a in le.attributes.iter().filter(|a| a.name == "style") {
        css_style(out, re, le, &a.part);
    }
    // Beyond compare-locales: empty text, variables, markup.
    for s in &le.selects {
        if s.empty_keys.len() < s.keys.len() {
            for (key, at) in &s.empty_keys {
                out.push(
                    Kind::EmptyValue,
                    Some(*at),
                    id,
                    &[("part", "variant".into()), ("name", key.clone())],
                );
            }
        }
    }
    let ref_vars: HashSet<&str> = parts(re)
        .flat_map(|(_, p)| p.variables.iter().map(|(v, _)| v.as_str()))
        .collect();
    for (key, lp) in parts(le) {
        let mut reported = HashSet::new();
        for (v, at) in &lp.variables {
            if !ref_vars.contains(v.as_str()) && reported.insert(v.as_str()) {
                out.push(
                    Kind::UnknownVariable,
                    Some(*at),
                    id,
                    &[("variable", v.clone())],
                );
            }
        }
        let Some(rp) = part(re, key) else { continue };
        if lp.empty && !rp.empty {
            let (which, name) = match key {
                None => ("value", String::new()),
                Some(n) => ("attribute", n.to_string()),
            };
            out.push(
                Kind::EmptyValue,
                Some(lp.offset),
                id,
                &[("part", which.into()), ("name", name)],
            );
        }
        let l10n_vars: HashSet<&str> = lp.variables.iter().map(|(v, _)| v.as_str()).collect();
        let mut missing: Vec<&str> = rp
            .variables
            .iter()
            .map(|(v, _)| v.as_str())
            .filter(|v| !l10n_vars.contains(v))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        for v in missing {
            out.push(
                Kind::MissingVariable,
                Some(lp.offset),
                id,
                &[("variable", v.to_string())],
            );
        }
        if rp.tags != lp.tags {
            let mut missing = Vec::new();
            let mut extra = Vec::new();
            // Opening tags before their closing ones: `<a> </a>`.
            let mut tags: Vec<&String> = rp.tags.keys().chain(lp.tags.keys()).collect();
            tags.sort_by_key(|t| (t.trim_start_matches('/'), t.starts_with('/')));
            tags.dedup();
            for tag in tags {
                let want = rp.tags.get(tag).copied().unwrap_or(0);
                let have = lp.tags.get(tag).copied().unwrap_or(0);
                missing.extend(std::iter::repeat_n(
                    show_tag(tag),
                    want.saturating_sub(have) as usize,
                ));
                extra.extend(std::iter::repeat_n(
                    show_tag(tag),
                    have.saturating_sub(want) as usize,
                ));
            }
            out.push(
                Kind::MarkupDrift,
                Some(lp.offset),
                id,
                &[
                    ("missing", missing.join(" ")),
                    ("extra", extra.join(" ")),
                    ("has_missing", bool_arg(!missing.is_empty())),
                    ("has_extra", bool_arg(!extra.is_empty())),
                ],
            );
        }
    }
}

fn bool_arg(b: bool) -> String {
    if b { "yes".into() } else { "no".into() }
}

/// `a` → `<a>`, `/a` → `</a>`, `a[data-l10n-name=x]` → `<a data-l10n-name="x">`.
fn show_tag(tag: &str) -> String {
    match tag.split_once("[data-l10n-name=") {
        Some((name, rest)) => format!("<{name} data-l10n-name=\"{}\">", rest.trim_end_matches(']')),
        None => format!("<{tag}>"),
    }
}

fn unique_names(e: &EntryInfo) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for a in &e.attributes {
        if !names.contains(&a.name.as_str()) {
            names.push(&a.name);
        }
    }
    names
}

/// The value (`None`) and each attribute, first occurrence of a name only.
fn parts(e: &EntryInfo) -> impl Iterator<Item = (Option<&str>, &Part)> {
    let mut seen = HashSet::new();
    e.value.iter().map(|v| (None, v)).chain(
        e.attributes
            .iter()
            .filter(move |a| seen.insert(a.name.as_str()))
            .map(|a| (Some(a.name.as_str()), &a.part)),
    )
}

fn part<'e>(e: &'e EntryInfo, key: Option<&str>) -> Option<&'e Part> {
    match key {
        None => e.value.as_ref(),
        Some(n) => e.attribute(n).map(|a| &a.part),
    }
}

/// A part's references, duplicate attributes merged.
fn merged<'e>(
    e: &'e EntryInfo,
    key: Option<&str>,
    f: impl Fn(&'e Part) -> &'e Vec<Reference>,
) -> Vec<&'e Reference> {
    match key {
        None => e.value.iter().flat_map(|p| f(p).iter()).collect(),
        Some(n) => e
            .attributes
            .iter()
            .filter(|a| a.name == n)
            .flat_map(|a| f(&a.part).iter())
            .collect(),
    }
}

fn unknown_refs(out: &mut Out, known: &KnownIds, e: &EntryInfo) {
    let mut reported = HashSet::new();
    let all = e
        .value
        .iter()
        .chain(e.attributes.iter().map(|a| &a.part))
        .flat_map(|p| p.all_refs.iter());
    for r in all {
        if !known.knows(r) && reported.insert(r.name.as_str()) {
            let kind = if r.term {
                Kind::UnknownTermRef
            } else {
                Kind::UnknownMsgRef
            };
            out.push(
                kind,
                Some(r.offset),
                Some(&e.id),
                &[("ref", r.name.clone())],
            );
        }
    }
}

/// compare-locales' check of `style` attributes holding CSS sizes
/// (`width: 30em`): the translation must be such a spec, with the same
/// properties and units as the reference.
fn css_style(out: &mut Out, re: &EntryInfo, le: &EntryInfo, lp: &Part) {
    let Some(text) = &lp.plain_text else { return };
    let id = Some(le.id.as_str());
    let (l10n_map, errors) = parse_css(text);
    let mut ref_map = re
        .attribute("style")
        .and_then(|a| a.part.plain_text.as_deref())
        .and_then(|t| parse_css(t).0)
        .unwrap_or_default();
    let Some(l10n_map) = l10n_map.filter(|m| !m.is_empty()) else {
        out.push_as(
            Kind::CssStyle,
            Severity::Error,
            Some(lp.offset),
            id,
            &[("problem", "not-a-size".into()), ("details", String::new())],
        );
        return;
    };
    if errors {
        out.push_as(
            Kind::CssStyle,
            Severity::Error,
            Some(lp.offset),
            id,
            &[("problem", "not-a-size".into()), ("details", String::new())],
        );
        return;
    }
    let mut msgs: Vec<String> = Vec::new();
    for (prop, unit) in &l10n_map {
        match ref_map.remove(prop) {
            None => msgs.insert(0, format!("{prop} only in l10n")),
            Some(ref_unit) if &ref_unit != unit => msgs.push(format!(
                "units for {prop} don't match ({unit} != {ref_unit})"
            )),
            Some(_) => {}
        }
    }
    for prop in ref_map.keys() {
        msgs.insert(0, format!("{prop} only in reference"));
    }
    if !msgs.is_empty() {
        out.push(
            Kind::CssStyle,
            Some(lp.offset),
            id,
            &[("problem", "differs".into()), ("details", msgs.join(", "))],
        );
    }
}

/// compare-locales' `parse_css_spec`: `(min-|max-)?(width|height): <n><unit>`
/// declarations separated by `;`. `None` when the text holds none; the flag
/// tells whether anything else stood between them.
fn parse_css(val: &str) -> (Option<BTreeMap<String, String>>, bool) {
    let mut map: Option<BTreeMap<String, String>> = None;
    let mut errors = false;
    let mut end = 0;
    let mut pos = 0;
    loop {
        let found = (pos..val.len())
            .filter(|i| val.is_char_boundary(*i))
            .find_map(|i| css_decl(val, i).map(|d| (i, d)));
        let (start, decl) = match found {
            Some((i, d)) => (i, Some(d)),
            None => (val.len(), None),
        };
        if end == 0 && decl.is_none() {
            return (None, false);
        }
        if start > end {
            let sep = val[end..start].trim_matches([' ', '\t', '\r', '\n']);
            // Anything but blanks and one `;` is bad content; no `;` between
            // two declarations is a missing semicolon: both are errors.
            let bad_content = !(sep.is_empty() || sep == ";");
            let missing_semicolon = end > 0 && sep.is_empty();
            if bad_content || missing_semicolon {
                errors = true;
            }
        }
        let Some((prop, unit, len)) = decl else { break };
        map.get_or_insert_with(BTreeMap::new).insert(prop, unit);
        end = start + len;
        pos = end;
    }
    (map, errors)
}

/// A declaration at `i`: (property, unit, length in bytes).
fn css_decl(val: &str, i: usize) -> Option<(String, String, usize)> {
    let s = &val[i..];
    let mut p = 0;
    let prefix = ["min-", "max-"]
        .iter()
        .find(|x| s.starts_with(**x))
        .map_or(0, |x| x.len());
    let name = ["width", "height"]
        .iter()
        .find(|n| s[prefix..].starts_with(**n))?;
    p += prefix + name.len();
    let prop = s[..p].to_string();
    let ws = |s: &str, p: usize| {
        p + (s[p..].len() - s[p..].trim_start_matches([' ', '\t', '\r', '\n']).len())
    };
    p = ws(s, p);
    if !s[p..].starts_with(':') {
        return None;
    }
    p = ws(s, p + 1);
    let digits = |from: usize| s[from..].bytes().take_while(u8::is_ascii_digit).count();
    let int = digits(p);
    const UNITS: [&str; 10] = ["ch", "em", "ex", "rem", "px", "cm", "mm", "in", "pc", "pt"];
    let unit_at = |at: usize| UNITS.iter().find(|u| s[at..].starts_with(**u));
    // `[0-9]+` first, then `[0-9]*\.[0-9]+`, as the regular expression tries them.
    if int > 0
        && let Some(u) = unit_at(p + int)
    {
        return Some((prop, u.to_string(), p + int + u.len()));
    }
    if s[p + int..].starts_with('.') {
        let frac = digits(p + int + 1);
        if frac > 0 {
            let at = p + int + 1 + frac;
            if let Some(u) = unit_at(at) {
                return Some((prop, u.to_string(), at + u.len()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_specs_parse_like_compare_locales() {
        let (m, e) = parse_css("width: 30em; max-height: 1.5px");
        let m = m.unwrap();
        assert_eq!(m["width"], "em");
        assert_eq!(m["max-height"], "px");
        assert!(!e);
        assert_eq!(parse_css("color: red"), (None, false));
        assert!(
            parse_css("width: 3em height: 4em").1,
            "a missing semicolon is an error"
        );
        assert!(
            parse_css("width: 3em; bogus; height: 2em").1,
            "other content is an error"
        );
    }

    #[test]
    fn every_kind_has_a_distinct_name() {
        let names: HashSet<_> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(names.len(), Kind::ALL.len());
        for k in Kind::ALL {
            assert_eq!(Kind::from_name(k.as_str()), Some(*k));
        }
    }
}
