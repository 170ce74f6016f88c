//! `copydesk publish`, `copydesk site add|list|remove` and `copydesk outbox run`.
//!
//! Passwords never come from a flag: `site add` reads the application
//! password from `COPYDESK_SITE_PASSWORD` or standard input and stores it in
//! the OS keyring; `publish` reads it from `COPYDESK_SITE_PASSWORD_<NAME>` or
//! the keyring. Progress goes to stderr, the JSON summary to stdout.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use copydesk_core::l10n::{Localizer, negotiate_ui_locale, os_requested_locales};
use copydesk_core::{
    CoreError, Credentials, JobState, NewSite, PublishEvent, PublishOptions, PublishReport,
    PublishRequest, RequestedStatus,
};

use crate::{Failure, open};

/// Environment variable `site add` reads the application password from.
const PASSWORD_ENV: &str = "COPYDESK_SITE_PASSWORD";

#[derive(Subcommand)]
pub enum SiteCommand {
    /// Add a WordPress site. The application password is read from
    /// $COPYDESK_SITE_PASSWORD or standard input and kept in the OS keyring.
    Add {
        #[arg(long)]
        data_dir: Option<PathBuf>,
        /// A short name to refer to the site (`--site NAME`).
        #[arg(long)]
        name: String,
        /// The site's address (https://example.org).
        #[arg(long)]
        url: String,
        /// The WordPress user the application password belongs to.
        #[arg(long)]
        user: String,
    },
    /// List the sites (never their passwords).
    List {
        #[arg(long)]
        data_dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = crate::Format::Text)]
        format: crate::Format,
    },
    /// Test the connection: address, REST API, credentials, locale-links plugin.
    Test {
        #[arg(long)]
        data_dir: Option<PathBuf>,
        #[arg(long)]
        name: String,
    },
    /// Remove a site and its password from the keyring (posts stay on the site).
    Remove {
        #[arg(long)]
        data_dir: Option<PathBuf>,
        #[arg(long)]
        name: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Publish,
    Draft,
}

#[derive(Args)]
pub struct PublishArgs {
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// The site's name (see `copydesk site list`).
    #[arg(long)]
    site: String,
    /// The article: its slug (in any language) or its id.
    #[arg(long)]
    article: String,
    /// Publish only these locales (default: every version whose status is ready or published).
    #[arg(long = "locale")]
    locales: Vec<String>,
    #[arg(long, value_enum, default_value_t = StatusArg::Publish)]
    status: StatusArg,
    /// Print the requests that would be sent (method, URL, JSON body) and send nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Subcommand)]
pub enum OutboxCommand {
    /// Run the publish jobs that are due (queued after a network failure…).
    Run {
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
}

fn localised(e: &CoreError) -> String {
    e.message(&Localizer::new(
        negotiate_ui_locale(&os_requested_locales()),
    ))
}

fn print_event(e: &PublishEvent) {
    let mut err = std::io::stderr().lock();
    let _ = match e {
        PublishEvent::Started {
            locale, attempt, ..
        } => writeln!(err, "{locale}: publishing (attempt {attempt})"),
        PublishEvent::Image {
            locale,
            path,
            reused,
            ..
        } => writeln!(
            err,
            "{locale}: image {path} {}",
            if *reused {
                "already on the site"
            } else {
                "uploaded"
            }
        ),
        PublishEvent::Post {
            locale,
            remote_id,
            url,
            created,
            ..
        } => writeln!(
            err,
            "{locale}: post {remote_id} {} {url}",
            if *created { "created" } else { "updated" }
        ),
        PublishEvent::Finished {
            locale,
            state,
            error_code,
            error,
            next_attempt_at,
            ..
        } => {
            let message = match (error_code, error) {
                (Some(code), Some(detail)) => localised(&CoreError::Publish {
                    code: code.clone(),
                    detail: detail.clone(),
                }),
                _ => String::new(),
            };
            match (state, next_attempt_at) {
                (JobState::Done, _) => writeln!(err, "{locale}: done"),
                (JobState::Queued, Some(at)) => writeln!(
                    err,
                    "{locale}: will be tried again in {} s: {message}",
                    (at - now_ms()).max(0) / 1000
                ),
                _ => writeln!(err, "{locale}: {}: {message}", state.as_str()),
            }
        }
    };
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let json = serde_json::to_string_pretty(value).expect("reports serialise");
    writeln!(std::io::stdout().lock(), "{json}").map_err(crate::io)
}

fn failure_of(report: &PublishReport) -> Option<Failure> {
    if report.succeeded() {
        return None;
    }
    let lines: Vec<String> = report
        .locales
        .iter()
        .filter(|l| l.state != Some(JobState::Done))
        .map(|l| {
            let state = l.state.map(JobState::as_str).unwrap_or("?");
            match (&l.error_code, &l.error) {
                (Some(code), Some(detail)) => format!(
                    "{}: {state}: {}",
                    l.locale,
                    localised(&CoreError::Publish {
                        code: code.clone(),
                        detail: detail.clone(),
                    })
                ),
                _ => format!("{}: {state}", l.locale),
            }
        })
        .collect();
    Some(Failure(format!(
        "not everything was published\n{}",
        lines.join("\n")
    )))
}

pub fn run_publish(args: PublishArgs) -> Result<(), Failure> {
    let ws = open(args.data_dir)?;
    let request = PublishRequest {
        site: args.site,
        article: args.article,
        locales: args.locales,
        status: match args.status {
            StatusArg::Publish => RequestedStatus::Publish,
            StatusArg::Draft => RequestedStatus::Draft,
        },
        scheduled_at: None,
        dry_run: args.dry_run,
    };
    let report = ws
        .publish(&request, &PublishOptions::default(), &mut print_event)
        .map_err(Failure::core)?;
    print_json(&report)?;
    match failure_of(&report) {
        Some(f) => Err(f),
        None => Ok(()),
    }
}

pub fn run_outbox(command: OutboxCommand) -> Result<(), Failure> {
    match command {
        OutboxCommand::Run { data_dir } => {
            let ws = open(data_dir)?;
            let jobs = ws
                .run_outbox(&PublishOptions::default(), &mut print_event)
                .map_err(Failure::core)?;
            print_json(&jobs)?;
            if jobs.iter().all(|j| j.state == JobState::Done) {
                Ok(())
            } else {
                Err(Failure("some publish jobs did not finish".into()))
            }
        }
    }
}

/// The password for `site add`: $COPYDESK_SITE_PASSWORD, else standard input
/// (first line), else none.
fn read_password() -> Result<Option<String>, Failure> {
    if let Ok(p) = std::env::var(PASSWORD_ENV)
        && !p.is_empty()
    {
        return Ok(Some(p));
    }
    let mut stdin = std::io::stdin();
    let mut text = String::new();
    if stdin.is_terminal() {
        eprint!("Application password (WordPress → Users → Profile): ");
        stdin.read_line(&mut text).map_err(crate::io)?;
    } else {
        stdin.read_to_string(&mut text).map_err(crate::io)?;
    }
    let line = text.lines().next().unwrap_or("").trim().to_string();
    Ok((!line.is_empty()).then_some(line))
}

pub fn run_site(command: SiteCommand) -> Result<(), Failure> {
    match command {
        SiteCommand::Add {
            data_dir,
            name,
            url,
            user,
        } => {
            let ws = open(data_dir)?;
            let password = read_password()?;
            let added = ws
                .add_site(
                    &NewSite {
                        name,
                        url,
                        user_name: user,
                    },
                    password.as_deref(),
                    &Credentials::system(),
                )
                .map_err(Failure::core)?;
            if added.password_in_keyring {
                eprintln!(
                    "site {} added; its password is in the system keyring",
                    added.site.name
                );
            } else {
                eprintln!(
                    "site {} added without a password: set {} when publishing",
                    added.site.name, added.password_env
                );
            }
            print_json(&added)
        }
        SiteCommand::List { data_dir, format } => {
            let sites = open(data_dir)?.list_sites().map_err(Failure::core)?;
            match format {
                crate::Format::Json => print_json(&sites),
                crate::Format::Text => {
                    let mut out = std::io::stdout().lock();
                    for s in &sites {
                        writeln!(out, "{}\t{}\t{}", s.name, s.url, s.user_name)
                            .map_err(crate::io)?;
                    }
                    Ok(())
                }
            }
        }
        SiteCommand::Test { data_dir, name } => {
            let check = open(data_dir)?
                .test_site(&name, &Credentials::system(), Default::default())
                .map_err(Failure::core)?;
            if !check.locale_links {
                eprintln!(
                    "the locale-links plugin is not active on this site: language versions cannot be linked (see integrations/wordpress/README.md)"
                );
            }
            print_json(&check)
        }
        SiteCommand::Remove { data_dir, name } => {
            open(data_dir)?
                .remove_site(&name, &Credentials::system())
                .map_err(Failure::core)?;
            eprintln!("site {name} removed");
            Ok(())
        }
    }
}
