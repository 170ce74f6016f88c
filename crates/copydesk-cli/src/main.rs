//! `copydesk`: the command line. The same core calls as the desktop app, for
//! scripts, CI and writers who draft in another editor.

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
    /// Render a Markdown file to sanitised HTML, exactly as the app's preview does.
    Preview {
        /// The Markdown file.
        file: PathBuf,
        /// Write the HTML here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
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
        Command::Preview { file, out } => {
            let markdown = std::fs::read_to_string(&file)
                .map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))?;
            let html = copydesk_core::render_preview(&markdown, None).html;
            match out {
                Some(path) => std::fs::write(&path, html)
                    .map_err(|e| Failure(format!("cannot write {}: {e}", path.display()))),
                None => std::io::stdout()
                    .lock()
                    .write_all(html.as_bytes())
                    .map_err(io),
            }
        }
    }
}

fn io(e: std::io::Error) -> Failure {
    Failure(e.to_string())
}
