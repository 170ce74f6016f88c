//! `copydesk l10n check`: the Strings view's checks, for a site's CI.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use copydesk_core::StringsError;
use copydesk_core::l10n::check::{CheckOptions, CheckReport, Finding, Severity, check_tree};
use copydesk_core::l10n::tree::{LoadOptions, StringsTree, TreeError};
use serde_json::json;

use crate::{Failure, Format, io};

#[derive(Subcommand)]
pub enum L10nCommand {
    /// Check a folder of Fluent files laid out as {locale}/**/*.ftl against
    /// the reference locale. Exits with 1 when any error is found.
    Check(CheckArgs),
}

#[derive(Args)]
pub struct CheckArgs {
    /// The strings folder (holding en/, fr/, …).
    dir: PathBuf,
    /// The reference locale's folder (default: en, else en-US).
    #[arg(long)]
    reference: Option<String>,
    /// Only report on this locale (repeatable). Default: every locale, the
    /// reference included (checked on its own).
    #[arg(long = "locale", value_name = "LOCALE")]
    locales: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(command: L10nCommand) -> Result<(), Failure> {
    match command {
        L10nCommand::Check(args) => check(args),
    }
}

fn folder_error(e: TreeError) -> Failure {
    Failure::core(StringsError::Folder(e).into())
}

fn check(args: CheckArgs) -> Result<(), Failure> {
    let available = StringsTree::discover_locales(&args.dir).map_err(folder_error)?;
    let reference = match args.reference {
        Some(r) => r,
        None => ["en", "en-US"]
            .into_iter()
            .find(|l| available.iter().any(|a| a == l))
            .unwrap_or("en")
            .to_string(),
    };
    if !available.contains(&reference) {
        return Err(folder_error(TreeError::NoReference {
            path: args.dir.clone(),
            locale: reference,
        }));
    }
    for l in &args.locales {
        if !available.contains(l) {
            return Err(Failure(format!(
                "no locale folder {l} in {} (found: {})",
                args.dir.display(),
                available.join(", ")
            )));
        }
    }
    let wanted = (!args.locales.is_empty()).then(|| {
        let mut w = args.locales.clone();
        w.push(reference.clone());
        w
    });
    let tree = StringsTree::load(&args.dir, wanted.as_deref(), &LoadOptions::default())
        .map_err(folder_error)?;
    let report = check_tree(
        &tree,
        &CheckOptions {
            reference: reference.clone(),
            locales: (!args.locales.is_empty()).then(|| args.locales.clone()),
        },
    )
    .map_err(folder_error)?;
    let findings = report.findings();
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            let list: Vec<_> = findings.iter().map(|f| finding_json(f)).collect();
            let text = serde_json::to_string_pretty(&list).expect("findings serialise");
            writeln!(out, "{text}").map_err(io)?;
        }
        Format::Text => write_text(&mut out, &report, &findings).map_err(io)?,
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    if errors > 0 {
        let locales = report
            .locales
            .iter()
            .filter(|l| l.findings().any(|f| f.severity == Severity::Error))
            .count();
        return Err(Failure(format!(
            "{errors} error{} in {locales} locale{}",
            plural(errors),
            plural(locales)
        )));
    }
    Ok(())
}

/// `1 error, 2 warnings`.
fn counts(errors: u32, warnings: u32) -> String {
    format!(
        "{errors} error{}, {warnings} warning{}",
        plural(errors as usize),
        plural(warnings as usize)
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One finding as documented in the README: exactly these eight fields,
/// `path` relative to the checked folder (`fr/newsletter.ftl`).
fn finding_json(f: &Finding) -> serde_json::Value {
    json!({
        "locale": f.locale,
        "path": format!("{}/{}", f.locale, f.path),
        "line": f.line,
        "column": f.column,
        "id": f.id,
        "kind": f.kind.as_str(),
        "severity": f.severity.as_str(),
        "message": f.message,
    })
}

/// `fr/form.ftl:3:5: error[unknown-variable] thanks: …`, the shape editors
/// and CI logs turn into links, then a summary per locale.
fn write_text(
    out: &mut impl Write,
    report: &CheckReport,
    findings: &[&Finding],
) -> std::io::Result<()> {
    for f in findings {
        let place = match (f.line, f.column) {
            (Some(l), Some(c)) => format!("{}/{}:{l}:{c}", f.locale, f.path),
            _ => format!("{}/{}", f.locale, f.path),
        };
        let id =
            f.id.as_deref()
                .map(|i| format!(" {i}:"))
                .unwrap_or_default();
        writeln!(
            out,
            "{place}: {}[{}]{id} {}",
            f.severity.as_str(),
            f.kind.as_str(),
            f.message
        )?;
    }
    if !findings.is_empty() {
        writeln!(out)?;
    }
    for l in &report.locales {
        let s = &l.stats;
        if l.is_reference {
            writeln!(
                out,
                "{}: reference, {} messages; {}",
                l.locale,
                s.total,
                counts(s.errors, s.warnings)
            )?;
        } else {
            let pct = if s.total == 0 {
                100.0
            } else {
                f64::from(s.translated) * 100.0 / f64::from(s.total)
            };
            writeln!(
                out,
                "{}: {}/{} translated ({pct:.0} %), {} missing, {} obsolete, {} with errors; {}",
                l.locale,
                s.translated,
                s.total,
                s.missing,
                s.obsolete,
                s.with_errors,
                counts(s.errors, s.warnings)
            )?;
        }
    }
    Ok(())
}
