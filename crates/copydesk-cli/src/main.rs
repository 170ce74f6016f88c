//! `copydesk`: the command line. The same core calls as the desktop app, for
//! scripts, CI and writers who draft in another editor.

mod l10n;
mod publish;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use copydesk_core::l10n::{Localizer, negotiate_ui_locale, os_requested_locales};
use copydesk_core::{CoreError, Workspace};

#[derive(Parser)]
#[command(
    name = "copydesk",
    version,
    about = "Write, translate and publish a multilingual website's articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the articles of a workspace, most recently edited first.
    List {
        /// Workspace folder (default: $COPYDESK_DATA_DIR, else the app's data folder).
        #[arg(long)]
        data_dir: Option<PathBuf>,
        /// List the trash instead.
        #[arg(long)]
        trash: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Replace a locale version from a Markdown file with front matter, as an
    /// edit in the app would (new revision, translation staleness recomputed).
    /// Creates the article or the locale version when missing.
    Import {
        /// The Markdown file (front matter optional: title, slug, author, date, tags, categories, featured_image, summary, status).
        file: PathBuf,
        #[command(flatten)]
        version: VersionArgs,
        /// A minor edit (typo fix): translations that were up to date stay so.
        #[arg(long)]
        minor: bool,
    },
    /// Write a locale version out as Markdown with front matter.
    Export {
        #[command(flatten)]
        version: VersionArgs,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Show every block of a translation with its state; for blocks whose
    /// source changed, the old and new source text.
    TranslationStatus {
        #[command(flatten)]
        version: VersionArgs,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Mark blocks of a translation up to date with the current source (all
    /// of them, or the 1-based block numbers given), as the translator's
    /// "Mark up to date" does in the app.
    MarkUpToDate {
        #[command(flatten)]
        version: VersionArgs,
        /// Block numbers as `translation-status` prints them (default: every block).
        #[arg(long = "block")]
        blocks: Vec<usize>,
    },
    /// Write the page preview as one standalone HTML file (stylesheet inline,
    /// images embedded): an article of a workspace (`--article`), or a loose
    /// Markdown file (default theme, or the workspace's with `--data-dir`).
    Preview {
        /// A Markdown file (front matter optional); omit with `--article`.
        file: Option<PathBuf>,
        #[arg(long)]
        data_dir: Option<PathBuf>,
        /// The article: its slug (in any language) or its id.
        #[arg(long)]
        article: Option<String>,
        /// The page's language (default: the file's or article's source language, else en).
        #[arg(long)]
        locale: Option<String>,
        /// Write the HTML here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The site's interface strings (Fluent files).
    L10n {
        #[command(subcommand)]
        command: l10n::L10nCommand,
    },
    /// Publish an article's ready locale versions (or the ones named) to a
    /// WordPress site: progress on stderr, a JSON summary on stdout.
    Publish(publish::PublishArgs),
    /// The publishing sites of the workspace.
    Site {
        #[command(subcommand)]
        command: publish::SiteCommand,
    },
    /// The durable queue of publish jobs.
    Outbox {
        #[command(subcommand)]
        command: publish::OutboxCommand,
    },
}

/// Which locale version of which article, in which workspace.
#[derive(clap::Args)]
struct VersionArgs {
    /// Workspace folder (default: $COPYDESK_DATA_DIR, else the app's data folder).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// The article: its slug (in any language) or its id.
    #[arg(long)]
    article: String,
    /// The language of the version (BCP 47: fr, en-GB, pt-BR…).
    #[arg(long)]
    locale: String,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// A failure the user can act on, already phrased for them.
struct Failure(String);

impl Failure {
    fn core(e: CoreError) -> Failure {
        Failure(e.message(&Localizer::new(
            negotiate_ui_locale(&os_requested_locales()),
        )))
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("copydesk: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::List {
            data_dir,
            trash,
            format,
        } => {
            let dir = copydesk_core::resolve_data_dir(data_dir)
                .ok_or_else(|| Failure("no data folder: pass --data-dir".into()))?;
            let workspace = Workspace::open(&dir).map_err(Failure::core)?;
            let articles = workspace.list_articles(trash).map_err(Failure::core)?;
            let mut out = std::io::stdout().lock();
            match format {
                Format::Json => {
                    let json =
                        serde_json::to_string_pretty(&articles).expect("library entries serialise");
                    writeln!(out, "{json}").map_err(io)?;
                }
                Format::Text => {
                    for a in &articles {
                        let locales: Vec<_> = a
                            .versions
                            .iter()
                            .map(|v| format!("{}:{}", v.locale, v.status.as_str()))
                            .collect();
                        writeln!(out, "{}\t{}\t{}", a.id, locales.join(","), a.title)
                            .map_err(io)?;
                    }
                }
            }
            Ok(())
        }
        Command::Import {
            file,
            version:
                VersionArgs {
                    data_dir,
                    article,
                    locale,
                },
            minor,
        } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))?;
            let outcome = open(data_dir)?
                .import_markdown(&article, &locale, &text, minor)
                .map_err(Failure::core)?;
            let what = match (outcome.created_article, outcome.created_version) {
                (true, _) => "created article",
                (false, true) => "started translation",
                (false, false) => "updated",
            };
            println!("{what} {} ({})", outcome.article_id, outcome.locale);
            Ok(())
        }
        Command::Export {
            version:
                VersionArgs {
                    data_dir,
                    article,
                    locale,
                },
            out,
        } => {
            let text = open(data_dir)?
                .export_markdown(&article, &locale)
                .map_err(Failure::core)?;
            write_out(out, &text)
        }
        Command::TranslationStatus {
            version:
                VersionArgs {
                    data_dir,
                    article,
                    locale,
                },
            format,
        } => {
            let ws = open(data_dir)?;
            let id = article_id(&ws, &article)?;
            let view = ws.translation(&id, &locale).map_err(Failure::core)?;
            let mut out = std::io::stdout().lock();
            match format {
                Format::Json => {
                    let json =
                        serde_json::to_string_pretty(&view).expect("a translation view serialises");
                    writeln!(out, "{json}").map_err(io)?;
                }
                Format::Text => {
                    writeln!(
                        out,
                        "{} → {}: {}/{} blocks up to date",
                        view.source_locale, view.locale, view.up_to_date, view.total
                    )
                    .map_err(io)?;
                    for (i, b) in view.blocks.iter().enumerate() {
                        let state = serde_json::to_value(b.state).expect("a state serialises");
                        writeln!(
                            out,
                            "{:>3}  {:<15} {}",
                            i + 1,
                            state.as_str().unwrap_or(""),
                            first_line(&b.source)
                        )
                        .map_err(io)?;
                        if let Some(old) = &b.previous_source {
                            writeln!(out, "       was: {}", first_line(old)).map_err(io)?;
                        }
                    }
                }
            }
            Ok(())
        }
        Command::MarkUpToDate {
            version:
                VersionArgs {
                    data_dir,
                    article,
                    locale,
                },
            blocks,
        } => {
            let ws = open(data_dir)?;
            let id = article_id(&ws, &article)?;
            let ids = if blocks.is_empty() {
                None
            } else {
                let view = ws.translation(&id, &locale).map_err(Failure::core)?;
                let ids = blocks
                    .iter()
                    .map(|n| {
                        n.checked_sub(1)
                            .and_then(|i| view.blocks.get(i))
                            .map(|b| b.unit_id.clone())
                            .ok_or_else(|| {
                                Failure(format!(
                                    "no block {n}: the translation has {}",
                                    view.blocks.len()
                                ))
                            })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Some(ids)
            };
            let view = ws
                .mark_blocks_up_to_date(&id, &locale, ids.as_deref())
                .map_err(Failure::core)?;
            println!("{}/{} blocks up to date", view.up_to_date, view.total);
            Ok(())
        }
        Command::L10n { command } => l10n::run(command),
        Command::Publish(args) => publish::run_publish(args),
        Command::Site { command } => publish::run_site(command),
        Command::Outbox { command } => publish::run_outbox(command),
        Command::Preview {
            file,
            data_dir,
            article,
            locale,
            out,
        } => {
            let html = preview_page(file, data_dir, article, locale)?;
            write_out(out, &html)
        }
    }
}

/// The standalone page of `copydesk preview`.
fn preview_page(
    file: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    article: Option<String>,
    locale: Option<String>,
) -> Result<String, Failure> {
    let page_errors = |out: &copydesk_core::PageOutput| {
        for e in &out.errors {
            let line = e.line.map(|l| format!(":{l}")).unwrap_or_default();
            eprintln!("copydesk: {}{line}: {}", e.file, e.message);
        }
    };
    match (file, article) {
        (Some(_), Some(_)) => Err(Failure(
            "give a Markdown file or --article, not both".into(),
        )),
        (None, None) => Err(Failure("give a Markdown file or --article".into())),
        (None, Some(reference)) => {
            let ws = open(data_dir)?;
            let id = ws
                .find_article(&reference)
                .map_err(Failure::core)?
                .ok_or_else(|| Failure(format!("no article {reference:?} in this workspace")))?;
            let locale = match locale {
                Some(l) => l,
                None => ws.get_article(&id).map_err(Failure::core)?.source_locale,
            };
            let out = ws
                .render_page(&id, &locale, None, None)
                .map_err(Failure::core)?;
            page_errors(&out);
            Ok(copydesk_core::standalone_html(&out.html, ws.root(), None))
        }
        (Some(file), None) => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))?;
            let (front, body) = copydesk_core::parse_markdown_file(&text).map_err(Failure::core)?;
            let locale = locale
                .or_else(|| front.locale.clone())
                .unwrap_or_else(|| "en".into());
            let draft = copydesk_core::PageDraft {
                title: front.title.unwrap_or_default(),
                author: front.author.unwrap_or_default(),
                date: front.date,
                summary: front.summary.unwrap_or_default(),
                tags: front.tags.unwrap_or_default(),
                body,
            };
            let out = match data_dir {
                Some(dir) => Workspace::open(&dir)
                    .map_err(Failure::core)?
                    .render_page_for(&draft, &locale, None)
                    .map_err(Failure::core)?,
                None => copydesk_core::render_page_standalone(&draft, &locale, None),
            };
            page_errors(&out);
            let base = file
                .parent()
                .map(|p| {
                    if p.as_os_str().is_empty() {
                        std::path::Path::new(".")
                    } else {
                        p
                    }
                })
                .unwrap_or(std::path::Path::new("."));
            Ok(copydesk_core::standalone_html(&out.html, base, None))
        }
    }
}

fn io(e: std::io::Error) -> Failure {
    Failure(e.to_string())
}

fn open(data_dir: Option<PathBuf>) -> Result<Workspace, Failure> {
    let dir = copydesk_core::resolve_data_dir(data_dir)
        .ok_or_else(|| Failure("no data folder: pass --data-dir".into()))?;
    Workspace::open(&dir).map_err(Failure::core)
}

fn write_out(out: Option<PathBuf>, text: &str) -> Result<(), Failure> {
    match out {
        Some(path) => std::fs::write(&path, text)
            .map_err(|e| Failure(format!("cannot write {}: {e}", path.display()))),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(io),
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() > 70 {
        format!("{}…", line.chars().take(70).collect::<String>())
    } else {
        line.to_string()
    }
}

/// The id of the article a `--article` argument names (slug or id).
fn article_id(ws: &Workspace, article: &str) -> Result<String, Failure> {
    ws.find_article(article)
        .map_err(Failure::core)?
        .ok_or_else(|| Failure(format!("no article {article:?} in this workspace")))
}
