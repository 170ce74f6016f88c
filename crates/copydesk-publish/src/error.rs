//! What can go wrong when talking to a WordPress site, in terms the app can
//! explain to a user and the outbox can act on (retry, wait, stop).

use std::time::Duration;

/// Result of every call of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A failed call to a WordPress site.
///
/// Each variant is one situation the user gets its own message for; none
/// carries credentials (the application password never appears in an error).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user name or application password was refused (HTTP 401).
    #[error("WordPress refused the user name or application password: {message}")]
    Auth {
        /// WordPress's own message (e.g. "The provided password is an invalid application password.").
        message: String,
    },
    /// Something answers at that address, but it is not WordPress (no REST
    /// index, no trace of WordPress on its home page).
    #[error("{url} does not look like a WordPress site (no WordPress REST API there)")]
    NotWordPress {
        /// The address that was checked.
        url: String,
    },
    /// It is WordPress, but its REST API is switched off or closed to this user
    /// (security plugins do this); publishing needs it.
    #[error("the site runs WordPress but its REST API is disabled or restricted: {detail}")]
    RestDisabled {
        /// What was seen (status, WordPress error code).
        detail: String,
    },
    /// The secure connection could not be set up (invalid, expired or
    /// self-signed certificate, protocol mismatch).
    #[error("secure connection to the site failed: {0}")]
    Tls(String),
    /// The site did not answer in time.
    #[error("the site did not answer in time")]
    Timeout,
    /// The connection failed or broke (site down, DNS, connection reset,
    /// answer cut short). The request may or may not have been processed.
    #[error("network error: {0}")]
    Network(String),
    /// The site asked to come back later: HTTP 429, or 503 with a
    /// `Retry-After` header (WordPress's maintenance mode sends that).
    #[error("the site asked to wait before trying again{}", retry_after_text(.retry_after))]
    RateLimited {
        /// How long the site asked to wait, when it said so.
        retry_after: Option<Duration>,
    },
    /// The post was changed on the site since Copydesk last published it:
    /// nothing was overwritten.
    #[error(
        "post {id} was changed on the site (last modified {remote_modified_gmt} UTC) since it was last published"
    )]
    Conflict {
        /// The remote post id.
        id: u64,
        /// `modified_gmt` of the post as it is on the site now.
        remote_modified_gmt: String,
    },
    /// WordPress answered with an error (its JSON `{code, message, data.status}`
    /// when there is one).
    #[error("WordPress answered {status} {code}: {message}")]
    Remote {
        /// HTTP status.
        status: u16,
        /// WordPress's error code (e.g. `rest_invalid_param`), or `http_<status>`
        /// when the body was not a WordPress error.
        code: String,
        /// WordPress's message, or the start of the body.
        message: String,
    },
    /// An answer that WordPress would not send (not JSON, missing fields).
    #[error("unexpected answer from the site: {0}")]
    InvalidResponse(String),
    /// A value given to this crate cannot be sent (bad site URL, content hash
    /// with characters WordPress would strip, …). A programming or settings
    /// error, never retried.
    #[error("invalid input: {0}")]
    InvalidInput(String),
}

fn retry_after_text(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(d) => format!(" ({} s)", d.as_secs_f64().ceil()),
        None => String::new(),
    }
}

impl Error {
    /// Whether sending the same request again later may succeed: network
    /// trouble, time-outs, rate limits and server errors (5xx). Validation
    /// errors, refused credentials and conflicts never fix themselves.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout | Error::Network(_) | Error::RateLimited { .. } => true,
            Error::Remote { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// Whether WordPress may have processed the request although we did not get
    /// its answer. Then a create must look the item up before sending again.
    pub fn may_have_been_processed(&self) -> bool {
        matches!(self, Error::Timeout | Error::Network(_))
            || matches!(self, Error::Remote { status, .. } if *status >= 500)
    }

    /// Maps a transport error of reqwest onto the variants above.
    pub(crate) fn from_transport(err: reqwest::Error) -> Self {
        if err.is_timeout() {
            return Error::Timeout;
        }
        if is_tls_error(&err) {
            return Error::Tls(error_chain(&err));
        }
        if err.is_decode() {
            return Error::InvalidResponse(error_chain(&err));
        }
        Error::Network(error_chain(&err))
    }
}

/// Whether a TLS failure is somewhere in the error's causes. hyper-rustls
/// wraps rustls errors in `io::Error`, whose `source()` skips the wrapped
/// error, so the wrapped error is looked at explicitly.
fn is_tls_error(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        if e.downcast_ref::<rustls::Error>().is_some() {
            return true;
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && let Some(inner) = io.get_ref()
            && (inner.downcast_ref::<rustls::Error>().is_some() || is_tls_error(inner))
        {
            return true;
        }
        current = e.source();
    }
    // The platform verifier reports some failures as plain strings.
    let text = error_chain(err).to_ascii_lowercase();
    text.contains("certificate") || text.contains("tls handshake")
}

/// "outer: cause: root cause", without repeating identical messages.
fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && let Some(inner) = io.get_ref()
        {
            let text = inner.to_string();
            if !parts.iter().any(|p| p.contains(&text)) {
                parts.push(text);
            }
        }
        current = e.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retryable_errors() {
        assert!(Error::Timeout.is_retryable());
        assert!(Error::Network("reset".into()).is_retryable());
        assert!(Error::RateLimited { retry_after: None }.is_retryable());
        let server = Error::Remote {
            status: 502,
            code: "http_502".into(),
            message: String::new(),
        };
        assert!(server.is_retryable());
        let invalid = Error::Remote {
            status: 400,
            code: "rest_invalid_param".into(),
            message: String::new(),
        };
        assert!(!invalid.is_retryable());
        assert!(
            !Error::Auth {
                message: String::new()
            }
            .is_retryable()
        );
        assert!(
            !Error::Conflict {
                id: 1,
                remote_modified_gmt: String::new()
            }
            .is_retryable()
        );
        assert!(!Error::RateLimited { retry_after: None }.may_have_been_processed());
    }

    #[test]
    fn rate_limit_message_says_how_long() {
        let e = Error::RateLimited {
            retry_after: Some(Duration::from_millis(1500)),
        };
        assert_eq!(
            e.to_string(),
            "the site asked to wait before trying again (2 s)"
        );
    }
}
