//! Publishing Copydesk articles to WordPress through its REST API.
//!
//! The foundation of one-click publishing: a [`WordPress`] client whose every
//! operation is safe to repeat (creates look up before sending, uploads are
//! keyed by content hash, updates refuse to overwrite a newer edit made on the
//! site), typed [`Error`]s the app can explain, and bounded retries that honour
//! `Retry-After`. No UI, no database, no Markdown: callers pass HTML.
//!
//! Linking the language versions of an article needs the small plugin in
//! `integrations/wordpress/` on the site (post meta `locale` and
//! `translation_group`, attachment meta `copydesk_hash`);
//! [`WordPress::test_connection`] says whether it is there.

mod error;
mod retry;
mod wordpress;

pub use error::{Error, Result};
pub use retry::{RetryPolicy, Sleeper, TokioSleeper, parse_retry_after};
pub use wordpress::{
    ClientOptions, ConnectionReport, CreateOutcome, Media, PostInput, PostStatus, RemotePost,
    RemoteUser, Seen, Taxonomy, WordPress,
};
