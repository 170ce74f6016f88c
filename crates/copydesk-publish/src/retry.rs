//! Retrying requests: how long to wait, and the sleeping itself (injectable so
//! that tests check the waits without spending them).

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, SystemTime};

use crate::error::Error;

/// Waits between attempts. The default is [`TokioSleeper`]; tests pass one
/// that records the durations and returns at once.
pub trait Sleeper: Send + Sync {
    /// Waits `duration` (or pretends to).
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>>;
}

/// Really waits, with `tokio::time::sleep`.
#[derive(Debug, Default, Clone, Copy)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// How often and how long a request is retried.
///
/// Bounded on purpose: a publish job that keeps failing must come back to the
/// caller (the outbox), which reschedules it and shows the user why, instead
/// of hanging inside one call.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = never retry).
    pub max_attempts: u32,
    /// Wait before the second attempt; doubled before each further one.
    pub base_delay: Duration,
    /// Upper bound of the exponential wait.
    pub max_delay: Duration,
    /// Longest `Retry-After` honoured inside one call; a longer one is
    /// returned as [`Error::RateLimited`] for the caller to schedule.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(20),
            max_retry_after: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// Never retries (each call makes one attempt).
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The wait after failed attempt number `attempt` (1-based) that ended in
    /// `error`, or `None` when the error must be returned now: not retryable,
    /// attempts used up, or the site asked for a longer pause than we hold a
    /// call open for.
    pub fn delay_after(&self, attempt: u32, error: &Error) -> Option<Duration> {
        if !error.is_retryable() || attempt >= self.max_attempts {
            return None;
        }
        if let Error::RateLimited {
            retry_after: Some(wait),
        } = error
        {
            // The site said how long: waiting less would only be refused again.
            return (*wait <= self.max_retry_after).then_some(*wait);
        }
        Some(self.backoff(attempt))
    }

    /// Exponential backoff with "equal jitter": half of the exponential delay
    /// is fixed, the other half random, so clients that failed together do not
    /// come back together, and no retry is ever immediate.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(
                1u32.checked_shl(attempt.saturating_sub(1))
                    .unwrap_or(u32::MAX),
            )
            .min(self.max_delay);
        let half = exp / 2;
        let jitter_ms = fastrand::u64(0..=half.as_millis().min(u64::MAX as u128) as u64);
        half + Duration::from_millis(jitter_ms)
    }
}

/// Reads a `Retry-After` header value: delay-seconds or an HTTP date.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_bounded() {
        let policy = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
            max_retry_after: Duration::from_secs(5),
        };
        for _ in 0..50 {
            let first = policy.backoff(1);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
            let third = policy.backoff(3);
            assert!(third >= Duration::from_millis(200) && third <= Duration::from_millis(400));
            let late = policy.backoff(40);
            assert!(late >= Duration::from_millis(500) && late <= Duration::from_secs(1));
        }
    }

    #[test]
    fn retry_after_is_honoured_up_to_a_bound() {
        let policy = RetryPolicy::default();
        let limited = |secs| Error::RateLimited {
            retry_after: Some(Duration::from_secs(secs)),
        };
        assert_eq!(
            policy.delay_after(1, &limited(1)),
            Some(Duration::from_secs(1))
        );
        assert_eq!(policy.delay_after(1, &limited(3600)), None);
        assert_eq!(policy.delay_after(5, &limited(1)), None, "attempts used up");
        let invalid = Error::Remote {
            status: 400,
            code: "rest_invalid_param".into(),
            message: String::new(),
        };
        assert_eq!(policy.delay_after(1, &invalid), None);
        assert!(policy.delay_after(1, &Error::Timeout).is_some());
    }

    #[test]
    fn retry_after_header_forms() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
