//! Publishing sites: add, list, remove. A site's application password is
//! kept in the OS keyring (Secret Service on Linux: service `copydesk`,
//! account = the site's id), never in the database, logs or IPC payloads.
//!
//! For headless use (CI, servers without a keyring) the password can come from
//! the environment: `COPYDESK_SITE_PASSWORD_<NAME>` (the site's name in upper
//! case, every character other than A-Z and 0-9 replaced by `_`), which wins
//! over the keyring. When neither is there the use-cases fail with
//! [`CoreError::KeyringUnavailable`] or [`CoreError::SitePasswordMissing`],
//! whose messages name that variable. There is no silent in-memory fallback.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use copydesk_store::SiteRow;

use crate::{CoreError, Workspace, new_id, now_ms};

/// Keyring service name under which site passwords are stored.
pub const KEYRING_SERVICE: &str = "copydesk";

/// Prefix of the environment variables that give a site's password.
pub const SITE_PASSWORD_ENV_PREFIX: &str = "COPYDESK_SITE_PASSWORD_";

/// A publishing site, as the settings show it (no password, ever).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    pub id: String,
    pub name: String,
    /// `wordpress`.
    pub kind: String,
    pub url: String,
    pub user_name: String,
    pub created_at: i64,
}

/// What the "add a site" form sends (the password travels separately).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSite {
    pub name: String,
    pub url: String,
    pub user_name: String,
}

/// The answer to [`Workspace::add_site`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedSite {
    pub site: Site,
    /// The password went to the OS keyring (false when none was given: it
    /// must then come from [`AddedSite::password_env`]).
    pub password_in_keyring: bool,
    /// The environment variable that can give (or override) the password.
    pub password_env: String,
}

/// The environment variable that gives the password of the site `name`.
pub fn site_password_env_var(name: &str) -> String {
    let suffix: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("{SITE_PASSWORD_ENV_PREFIX}{suffix}")
}

type EnvLookup = dyn Fn(&str) -> Option<String> + Send + Sync;

/// Where site passwords are read from and written to.
#[derive(Clone)]
pub struct Credentials {
    env: Arc<EnvLookup>,
    keyring: bool,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("keyring", &self.keyring)
            .finish_non_exhaustive()
    }
}

impl Default for Credentials {
    fn default() -> Self {
        Credentials::system()
    }
}

impl Credentials {
    /// The process environment, then the OS keyring: what the app and the
    /// command line use.
    pub fn system() -> Credentials {
        Credentials {
            env: Arc::new(|key| std::env::var(key).ok().filter(|v| !v.is_empty())),
            keyring: true,
        }
    }

    /// These variables instead of the process environment, with or without
    /// the OS keyring (embedding, tests). Without it, storing a password fails
    /// with [`CoreError::KeyringUnavailable`].
    pub fn with_env(vars: HashMap<String, String>, keyring: bool) -> Credentials {
        Credentials {
            env: Arc::new(move |key| vars.get(key).filter(|v| !v.is_empty()).cloned()),
            keyring,
        }
    }

    fn env(&self, key: &str) -> Option<String> {
        (self.env)(key)
    }

    /// The password of `site`: its environment variable, else the keyring.
    ///
    /// Calls the keyring synchronously: never call from inside an async task
    /// (use `spawn_blocking`).
    pub fn password(&self, site: &Site) -> Result<String, CoreError> {
        let env_var = site_password_env_var(&site.name);
        if let Some(p) = self.env(&env_var) {
            return Ok(p);
        }
        if !self.keyring {
            return Err(CoreError::SitePasswordMissing {
                site: site.name.clone(),
                env_var,
            });
        }
        match keyring::get(&site.id) {
            Ok(Some(p)) => Ok(p),
            Ok(None) => Err(CoreError::SitePasswordMissing {
                site: site.name.clone(),
                env_var,
            }),
            Err(detail) => Err(CoreError::KeyringUnavailable { detail, env_var }),
        }
    }

    fn store_password(&self, site: &Site, password: &str) -> Result<(), CoreError> {
        let env_var = site_password_env_var(&site.name);
        if !self.keyring {
            return Err(CoreError::KeyringUnavailable {
                detail: "the keyring is switched off".into(),
                env_var,
            });
        }
        keyring::set(&site.id, password)
            .map_err(|detail| CoreError::KeyringUnavailable { detail, env_var })
    }

    fn forget_password(&self, site: &Site) -> Result<(), CoreError> {
        if !self.keyring {
            return Ok(());
        }
        keyring::delete(&site.id).map_err(|detail| CoreError::KeyringUnavailable {
            detail,
            env_var: site_password_env_var(&site.name),
        })
    }
}

pub(crate) fn site_from_row(r: SiteRow) -> Site {
    Site {
        id: r.id,
        name: r.name,
        kind: r.kind,
        url: r.url,
        user_name: r.user_name,
        created_at: r.created_at,
    }
}

/// What "Test connection" found out (never the password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteCheck {
    /// The site's title.
    pub site_name: String,
    /// Who the application password belongs to, and their roles.
    pub user_name: String,
    pub roles: Vec<String>,
    pub can_publish: bool,
    pub can_upload: bool,
    /// The locale-links plugin is active: language versions can be linked.
    pub locale_links: bool,
    /// Media carry content hashes: images are uploaded once.
    pub media_hash: bool,
    /// Polylang's REST API is present.
    pub polylang: bool,
}

impl Workspace {
    /// "Test connection": the address, the REST API, the credentials
    /// (`users/me`) and whether the site can store locale links. Each failure
    /// is a [`CoreError::Publish`] with its own code (`not_wordpress`,
    /// `rest_disabled`, `auth`, `tls`, `timeout`, `network`, …). Blocks; reads
    /// the keyring first, outside the network runtime.
    pub fn test_site(
        &self,
        id_or_name: &str,
        credentials: &Credentials,
        client: copydesk_publish::ClientOptions,
    ) -> Result<SiteCheck, CoreError> {
        let site = self.get_site(id_or_name)?;
        let password = credentials.password(&site)?;
        let wp = copydesk_publish::WordPress::with_options(
            &site.url,
            &site.user_name,
            &password,
            client,
        )
        .map_err(crate::outbox::publish_error)?;
        let report = crate::network_runtime()?
            .block_on(wp.test_connection())
            .map_err(crate::outbox::publish_error)?;
        Ok(SiteCheck {
            site_name: report.site_name,
            user_name: report.user.username,
            roles: report.user.roles,
            can_publish: report.user.can_publish,
            can_upload: report.user.can_upload,
            locale_links: report.locale_links,
            media_hash: report.media_hash,
            polylang: report.polylang,
        })
    }

    /// Every site, by name.
    pub fn list_sites(&self) -> Result<Vec<Site>, CoreError> {
        Ok(self
            .store()
            .sites()?
            .into_iter()
            .map(site_from_row)
            .collect())
    }

    /// The site with this id or name.
    pub fn get_site(&self, id_or_name: &str) -> Result<Site, CoreError> {
        self.store()
            .site(id_or_name)?
            .map(site_from_row)
            .ok_or_else(|| CoreError::NotFound(format!("site {id_or_name}")))
    }

    /// Adds a WordPress site. With a password, it goes to the OS keyring
    /// first; if the keyring cannot take it, nothing is added and the error
    /// says how to give the password through the environment instead.
    /// Without one, the site is added and its password must come from the
    /// environment ([`site_password_env_var`]).
    pub fn add_site(
        &self,
        input: &NewSite,
        password: Option<&str>,
        credentials: &Credentials,
    ) -> Result<AddedSite, CoreError> {
        let name = input.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(CoreError::InvalidInput(
                "a site needs a name of 1 to 100 characters".into(),
            ));
        }
        let user_name = input.user_name.trim();
        if user_name.is_empty() {
            return Err(CoreError::InvalidInput("a site needs a user name".into()));
        }
        // The client checks the address exactly as it will use it.
        let client = copydesk_publish::WordPress::new(&input.url, user_name, "")
            .map_err(|e| CoreError::InvalidInput(e.to_string()))?;
        if self.store().site(name)?.is_some() {
            return Err(CoreError::InvalidInput(format!(
                "a site named {name:?} already exists"
            )));
        }
        let site = Site {
            id: new_id(),
            name: name.to_string(),
            kind: "wordpress".into(),
            url: client.site_url().to_string(),
            user_name: user_name.to_string(),
            created_at: now_ms(),
        };
        let password = password.filter(|p| !p.is_empty());
        if let Some(p) = password {
            credentials.store_password(&site, p)?;
        }
        let row = SiteRow {
            id: site.id.clone(),
            name: site.name.clone(),
            kind: site.kind.clone(),
            url: site.url.clone(),
            user_name: site.user_name.clone(),
            created_at: site.created_at,
        };
        if let Err(e) = self.store().insert_site(&row) {
            if password.is_some() {
                let _ = credentials.forget_password(&site);
            }
            return Err(e.into());
        }
        Ok(AddedSite {
            password_env: site_password_env_var(&site.name),
            password_in_keyring: password.is_some(),
            site,
        })
    }

    /// Removes a site, what was published to it (the records, not the posts)
    /// and its password in the keyring.
    pub fn remove_site(
        &self,
        id_or_name: &str,
        credentials: &Credentials,
    ) -> Result<(), CoreError> {
        let site = self.get_site(id_or_name)?;
        // The row goes even when the keyring is unreachable: a stale keyring
        // item is harmless, a site that cannot be removed is not.
        let forgotten = credentials.forget_password(&site);
        self.store().delete_site(&site.id)?;
        forgotten
    }
}

/// The OS keyring. Linux: the Secret Service over D-Bus (GNOME Keyring,
/// KWallet, KeePassXC…) through zbus. Errors are returned as text for
/// [`CoreError::KeyringUnavailable`].
mod keyring {
    use std::sync::{Arc, Mutex};

    use keyring_core::{CredentialStore, Entry, Error};

    use super::KEYRING_SERVICE;

    /// The store, created on first use and kept while it works.
    static STORE: Mutex<Option<Arc<CredentialStore>>> = Mutex::new(None);

    #[cfg(target_os = "linux")]
    fn new_store() -> Result<Arc<CredentialStore>, String> {
        let store = zbus_secret_service_keyring_store::Store::new().map_err(describe)?;
        Ok(store)
    }

    #[cfg(not(target_os = "linux"))]
    fn new_store() -> Result<Arc<CredentialStore>, String> {
        Err("no keyring support on this system yet".into())
    }

    fn entry(account: &str) -> Result<Entry, String> {
        let mut guard = STORE.lock().unwrap_or_else(|p| p.into_inner());
        let store = match guard.as_ref() {
            Some(s) => s.clone(),
            None => {
                let s = new_store()?;
                *guard = Some(s.clone());
                s
            }
        };
        Entry::new_in_store(&store, KEYRING_SERVICE, account).map_err(describe)
    }

    fn forget_store_on_failure(e: &Error) {
        if matches!(e, Error::PlatformFailure(_) | Error::NoStorageAccess(_)) {
            *STORE.lock().unwrap_or_else(|p| p.into_inner()) = None;
        }
    }

    fn describe(e: Error) -> String {
        match &e {
            Error::NoStorageAccess(inner) => {
                format!("the keyring is locked or refused access ({inner})")
            }
            Error::PlatformFailure(inner) => format!("no Secret Service answered ({inner})"),
            _ => e.to_string(),
        }
    }

    pub(super) fn get(account: &str) -> Result<Option<String>, String> {
        match entry(account)?.get_password() {
            Ok(p) => Ok(Some(p)),
            Err(Error::NoEntry) => Ok(None),
            Err(e) => {
                forget_store_on_failure(&e);
                Err(describe(e))
            }
        }
    }

    pub(super) fn set(account: &str, password: &str) -> Result<(), String> {
        entry(account)?.set_password(password).map_err(|e| {
            forget_store_on_failure(&e);
            describe(e)
        })
    }

    pub(super) fn delete(account: &str) -> Result<(), String> {
        match entry(account)?.delete_credential() {
            Ok(()) | Err(Error::NoEntry) => Ok(()),
            Err(e) => {
                forget_store_on_failure(&e);
                Err(describe(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_var_names_are_portable() {
        assert_eq!(site_password_env_var("blog"), "COPYDESK_SITE_PASSWORD_BLOG");
        assert_eq!(
            site_password_env_var(" Mon blog-été "),
            "COPYDESK_SITE_PASSWORD_MON_BLOG__T_"
        );
    }

    #[test]
    fn the_environment_wins_and_nothing_is_invented() {
        let site = Site {
            id: "s".into(),
            name: "blog".into(),
            kind: "wordpress".into(),
            url: "https://example.org/".into(),
            user_name: "ed".into(),
            created_at: 0,
        };
        let creds = Credentials::with_env(
            HashMap::from([("COPYDESK_SITE_PASSWORD_BLOG".into(), "secret".into())]),
            false,
        );
        assert_eq!(creds.password(&site).unwrap(), "secret");
        let none = Credentials::with_env(HashMap::new(), false);
        match none.password(&site) {
            Err(CoreError::SitePasswordMissing { env_var, .. }) => {
                assert_eq!(env_var, "COPYDESK_SITE_PASSWORD_BLOG")
            }
            other => panic!("expected SitePasswordMissing, got {other:?}"),
        }
        assert!(matches!(
            none.store_password(&site, "x"),
            Err(CoreError::KeyringUnavailable { .. })
        ));
    }
}
