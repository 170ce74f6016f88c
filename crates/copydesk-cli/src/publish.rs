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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    /// Public now.
    Publish,
    /// Saved on the site, not public.
    Draft,
    /// Scheduled: WordPress publishes it at `--at`.
    Future,
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
    /// With `--status future`: when WordPress publishes the posts, in UTC
    /// unless an offset is given: RFC 3339 (`2026-03-01T09:30:00Z`,
    /// `2026-03-01T10:30:00+01:00`) or `YYYY-MM-DD HH:MM`. It wins over the
    /// versions' own dates.
    #[arg(long, value_name = "WHEN", required_if_eq("status", "future"))]
    at: Option<String>,
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

/// Days from 1970-01-01 to a civil date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `--at`: RFC 3339 (`2026-03-01T09:30:00Z`, `…+01:00`, fractions of a
/// second ignored) or `YYYY-MM-DD HH:MM[:SS]` in UTC, as Unix milliseconds.
fn parse_at(text: &str) -> Result<i64, String> {
    let bad = || {
        format!(
            "--at {text:?}: expected RFC 3339 (2026-03-01T09:30:00Z) or \"YYYY-MM-DD HH:MM\" (UTC)"
        )
    };
    let s = text.trim();
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(range)?;
        (!part.is_empty() && part.bytes().all(|c| c.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    if b.len() < 16
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
    {
        return Err(bad());
    }
    let (year, month, day) = (
        digits(0..4).ok_or_else(bad)?,
        digits(5..7).ok_or_else(bad)?,
        digits(8..10).ok_or_else(bad)?,
    );
    let (hour, minute) = (
        digits(11..13).ok_or_else(bad)?,
        digits(14..16).ok_or_else(bad)?,
    );
    let mut rest = &s[16..];
    let mut second = 0;
    if let Some(r) = rest.strip_prefix(':') {
        second = digits(17..19).ok_or_else(bad)?;
        rest = &r[2..];
        if let Some(r) = rest.strip_prefix('.') {
            let n = r.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return Err(bad());
            }
            rest = &r[n..];
        }
    }
    let offset_minutes = match rest {
        "" | "Z" | "z" => 0,
        _ => {
            let o = rest.as_bytes();
            let sign = match o.first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return Err(bad()),
            };
            let hm = &rest[1..];
            let (h, m) = hm.split_once(':').ok_or_else(bad)?;
            let ok = |p: &str| p.len() == 2 && p.bytes().all(|c| c.is_ascii_digit());
            if !ok(h) || !ok(m) {
                return Err(bad());
            }
            let (h, m): (i64, i64) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
            if h > 23 || m > 59 {
                return Err(bad());
            }
            sign * (h * 60 + m)
        }
    };
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return Err(bad());
    }
    let secs =
        days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second.min(59)
            - offset_minutes * 60;
    Ok(secs * 1000)
}

/// The requested status and schedule of `copydesk publish`.
fn schedule(
    status: StatusArg,
    at: Option<&str>,
    now: i64,
) -> Result<(RequestedStatus, Option<i64>), Failure> {
    match (status, at) {
        (StatusArg::Future, Some(at)) => {
            let when = parse_at(at).map_err(Failure)?;
            if when <= now {
                return Err(Failure(format!(
                    "--at {at:?} is in the past: a scheduled post needs a time to come (or use --status publish)"
                )));
            }
            Ok((RequestedStatus::Future, Some(when)))
        }
        (StatusArg::Future, None) => Err(Failure("--status future needs --at WHEN".into())),
        (_, Some(_)) => Err(Failure(
            "--at is for scheduled posts: add --status future".into(),
        )),
        (StatusArg::Publish, None) => Ok((RequestedStatus::Publish, None)),
        (StatusArg::Draft, None) => Ok((RequestedStatus::Draft, None)),
    }
}

pub fn run_publish(args: PublishArgs) -> Result<(), Failure> {
    let (status, scheduled_at) = schedule(args.status, args.at.as_deref(), now_ms())?;
    let ws = open(args.data_dir)?;
    let request = PublishRequest {
        site: args.site,
        article: args.article,
        locales: args.locales,
        status,
        scheduled_at,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-03-01T09:30:00Z
    const MARCH_FIRST: i64 = 1_772_357_400_000;

    #[test]
    fn schedule_times_are_read_in_utc_or_with_their_offset() {
        for text in [
            "2026-03-01T09:30:00Z",
            "2026-03-01t09:30:00z",
            "2026-03-01T09:30:00.250Z",
            "2026-03-01T10:30:00+01:00",
            "2026-03-01T04:30:00-05:00",
            "2026-03-01 09:30",
            "2026-03-01 09:30:00",
            " 2026-03-01 09:30 ",
        ] {
            assert_eq!(parse_at(text), Ok(MARCH_FIRST), "{text}");
        }
        assert_eq!(parse_at("1970-01-01 00:00"), Ok(0));
        assert_eq!(
            parse_at("2028-02-29T00:00:00Z"),
            Ok(days_from_civil(2028, 2, 29) * 86_400_000),
            "a leap day"
        );
        assert_eq!(days_from_civil(2026, 3, 1) * 86_400, 1_772_323_200);
    }

    #[test]
    fn malformed_schedule_times_are_refused() {
        for text in [
            "",
            "tomorrow",
            "2026-03-01",
            "01/03/2026 09:30",
            "2026-13-01 09:30",
            "2026-02-29 09:30",
            "2026-03-01 24:00",
            "2026-03-01T09:30:00+1",
            "2026-03-01T09:30:00 CET",
            "2026-03-01T09:30:00.Z",
            "2026-3-1 9:30",
        ] {
            let err = parse_at(text).unwrap_err();
            assert!(err.contains("RFC 3339"), "{text}: {err}");
        }
    }

    #[test]
    fn future_needs_a_time_to_come_and_at_needs_future() {
        let now = MARCH_FIRST - 1;
        assert!(matches!(
            schedule(StatusArg::Future, Some("2026-03-01 09:30"), now),
            Ok((RequestedStatus::Future, Some(MARCH_FIRST)))
        ));
        let message = |r: Result<(RequestedStatus, Option<i64>), Failure>| match r {
            Err(Failure(m)) => m,
            Ok(_) => panic!("accepted"),
        };
        assert!(
            message(schedule(
                StatusArg::Future,
                Some("2026-03-01 09:30"),
                MARCH_FIRST
            ))
            .contains("in the past")
        );
        assert!(message(schedule(StatusArg::Future, None, now)).contains("--at"));
        assert!(
            message(schedule(StatusArg::Draft, Some("2026-03-01 09:30"), now))
                .contains("--status future")
        );
        assert!(matches!(
            schedule(StatusArg::Draft, None, now),
            Ok((RequestedStatus::Draft, None))
        ));
    }
}
