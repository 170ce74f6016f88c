//! Fluent for Copydesk's own interface.
//!
//! The interface strings live in `locales/{locale}/app.ftl`, compiled into the
//! binary. This crate negotiates the interface language from the OS locale
//! (or the user's override) with fluent-langneg, hands the `.ftl` source to the
//! UI (which formats with the same Fluent syntax), and formats the messages the
//! core produces itself (error messages) with fluent-bundle.

pub mod check;
pub mod edit;
pub mod ftl;
pub mod plural;
pub mod preview;
pub mod tree;
pub mod write;

pub use check::{CheckOptions, CheckReport, Finding, Kind, Severity, check_tree};
pub use tree::{StringsTree, TreeError};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_langneg::{NegotiationStrategy, convert_vec_str_to_langids_lossy, negotiate_languages};

/// Interface languages Copydesk ships, in the order offered to the user.
pub const UI_LOCALES: &[&str] = &["en", "fr"];

/// The language used when nothing the user asks for is available.
pub const DEFAULT_UI_LOCALE: &str = "en";

/// One locale's interface files, concatenated into one Fluent resource (one
/// file per area of the app keeps them easy to own and to translate).
macro_rules! ui_files {
    ($locale:literal) => {
        concat!(
            include_str!(concat!("../locales/", $locale, "/app.ftl")),
            "\n",
            include_str!(concat!("../locales/", $locale, "/translation.ftl")),
            "\n",
            include_str!(concat!("../locales/", $locale, "/strings.ftl")),
            "\n",
            include_str!(concat!("../locales/", $locale, "/publish.ftl")),
        )
    };
}

/// The `.ftl` source of the interface for one of [`UI_LOCALES`].
pub fn ui_source(locale: &str) -> Option<&'static str> {
    match locale {
        "en" => Some(ui_files!("en")),
        "fr" => Some(ui_files!("fr")),
        _ => None,
    }
}

/// Picks the interface language for a list of requested BCP 47 tags, best
/// first (e.g. `["fr-CA", "en"]` → `"fr"`). Unknown or malformed tags are
/// skipped; with no match the answer is [`DEFAULT_UI_LOCALE`].
pub fn negotiate_ui_locale<S: AsRef<str>>(requested: &[S]) -> &'static str {
    let requested = convert_vec_str_to_langids_lossy(requested.iter().map(|s| s.as_ref()));
    let available = convert_vec_str_to_langids_lossy(UI_LOCALES.iter().copied());
    let default = convert_vec_str_to_langids_lossy([DEFAULT_UI_LOCALE]);
    let chosen = negotiate_languages(
        &requested,
        &available,
        default.first(),
        NegotiationStrategy::Lookup,
    );
    let tag = chosen.first().map(|l| l.to_string()).unwrap_or_default();
    UI_LOCALES
        .iter()
        .copied()
        .find(|l| *l == tag)
        .unwrap_or(DEFAULT_UI_LOCALE)
}

/// The languages the OS session asks for, best first, as BCP 47 tags, read
/// from `LANGUAGE`, `LC_ALL`, `LC_MESSAGES` and `LANG` the way gettext does.
pub fn os_requested_locales() -> Vec<String> {
    requested_locales_from(|name| std::env::var(name).ok())
}

fn requested_locales_from(var: impl Fn(&str) -> Option<String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |tag: Option<String>| {
        if let Some(tag) = tag
            && !out.contains(&tag)
        {
            out.push(tag);
        }
    };
    // LC_ALL overrides everything; LANGUAGE is a priority list honoured
    // unless the locale is "C" (gettext's rule).
    let primary = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|n| var(n).filter(|v| !v.is_empty()));
    let c_locale = primary
        .as_deref()
        .is_some_and(|p| posix_to_bcp47(p).is_none());
    if !c_locale && let Some(list) = var("LANGUAGE") {
        for item in list.split(':') {
            push(posix_to_bcp47(item));
        }
    }
    if let Some(p) = primary {
        push(posix_to_bcp47(&p));
    }
    out
}

/// Turns a POSIX locale name (`fr_FR.UTF-8@euro`) into a BCP 47 tag (`fr-FR`).
/// `C`, `POSIX` and empty names give `None`.
pub fn posix_to_bcp47(name: &str) -> Option<String> {
    let base = name.split(['.', '@']).next().unwrap_or("").trim();
    if base.is_empty() || base == "C" || base == "POSIX" {
        return None;
    }
    Some(base.replace('_', "-"))
}

/// Formats Copydesk's own messages in one interface language.
pub struct Localizer {
    locale: &'static str,
    bundle: FluentBundle<FluentResource>,
    fallback: Option<FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("locale", &self.locale)
            .finish()
    }
}

impl Localizer {
    /// A localizer for `locale` (negotiated first, so any tag is accepted).
    /// Messages missing in that language fall back to English.
    pub fn new(locale: &str) -> Localizer {
        let locale = negotiate_ui_locale(&[locale]);
        let fallback = (locale != DEFAULT_UI_LOCALE).then(|| bundle(DEFAULT_UI_LOCALE));
        Localizer {
            locale,
            bundle: bundle(locale),
            fallback,
        }
    }

    /// The interface language of this localizer, one of [`UI_LOCALES`].
    pub fn locale(&self) -> &'static str {
        self.locale
    }

    /// Formats message `id` with string arguments. A message missing in every
    /// bundle comes back as its id, so a gap is visible rather than blank.
    pub fn format(&self, id: &str, args: &[(&str, &str)]) -> String {
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, *v);
        }
        for b in std::iter::once(&self.bundle).chain(self.fallback.as_ref()) {
            if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return b
                    .format_pattern(pattern, Some(&fargs), &mut errors)
                    .into_owned();
            }
        }
        id.to_string()
    }
}

fn bundle(locale: &'static str) -> FluentBundle<FluentResource> {
    let langid: unic_langid::LanguageIdentifier =
        locale.parse().expect("UI_LOCALES are valid tags");
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Isolation marks around placeables would end up in error messages and
    // file paths shown as plain text.
    bundle.set_use_isolating(false);
    let source = ui_source(locale).expect("every UI locale has a source");
    let resource =
        FluentResource::try_new(source.to_string()).expect("shipped .ftl files parse (tested)");
    bundle
        .add_resource(resource)
        .expect("shipped .ftl files have no duplicate ids (tested)");
    bundle
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast;
    use std::collections::BTreeSet;

    /// Every message id and `id.attribute` of one shipped locale.
    fn keys(locale: &str) -> BTreeSet<String> {
        let res =
            fluent_syntax::parser::parse(ui_source(locale).unwrap()).unwrap_or_else(|(_, errs)| {
                panic!("{locale}/app.ftl should parse without errors: {errs:?}")
            });
        let mut keys = BTreeSet::new();
        for entry in res.body {
            match entry {
                ast::Entry::Message(m) => {
                    assert!(
                        m.value.is_some(),
                        "{locale}: message {} should have a value",
                        m.id.name
                    );
                    for a in &m.attributes {
                        keys.insert(format!("{}.{}", m.id.name, a.id.name));
                    }
                    assert!(
                        keys.insert(m.id.name.to_string()),
                        "{locale}: duplicate id {}",
                        m.id.name
                    );
                }
                ast::Entry::Junk { content } => panic!("{locale}/app.ftl has junk: {content}"),
                _ => {}
            }
        }
        keys
    }

    #[test]
    fn every_ui_locale_has_the_same_messages() {
        let reference = keys(DEFAULT_UI_LOCALE);
        assert!(
            reference.len() > 50,
            "the English interface should have its messages"
        );
        for locale in UI_LOCALES {
            let other = keys(locale);
            let missing: Vec<_> = reference.difference(&other).collect();
            let extra: Vec<_> = other.difference(&reference).collect();
            assert!(
                missing.is_empty(),
                "{locale} lacks messages present in English: {missing:?}"
            );
            assert!(
                extra.is_empty(),
                "{locale} has messages missing from English: {extra:?}"
            );
        }
    }

    #[test]
    fn negotiates_from_requested_tags() {
        assert_eq!(
            negotiate_ui_locale(&["fr-CA"]),
            "fr",
            "a regional French asks for French"
        );
        assert_eq!(
            negotiate_ui_locale(&["de", "fr"]),
            "fr",
            "the first available requested language wins"
        );
        assert_eq!(
            negotiate_ui_locale(&["ja"]),
            "en",
            "no match falls back to English"
        );
        assert_eq!(
            negotiate_ui_locale(&["not a tag!"]),
            "en",
            "garbage falls back to English"
        );
        assert_eq!(
            negotiate_ui_locale::<&str>(&[]),
            "en",
            "nothing requested gives English"
        );
    }

    #[test]
    fn reads_posix_environment_like_gettext() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |n: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == n)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            requested_locales_from(env(&[("LANG", "fr_FR.UTF-8")])),
            ["fr-FR"]
        );
        assert_eq!(
            requested_locales_from(env(&[
                ("LANG", "en_US.UTF-8"),
                ("LC_ALL", "fr_BE.UTF-8@euro")
            ])),
            ["fr-BE"],
            "LC_ALL overrides LANG"
        );
        assert_eq!(
            requested_locales_from(env(&[("LANGUAGE", "de:fr"), ("LANG", "en_GB.UTF-8")])),
            ["de", "fr", "en-GB"],
            "LANGUAGE gives a priority list before LANG"
        );
        assert!(
            requested_locales_from(env(&[("LANG", "C.UTF-8"), ("LANGUAGE", "fr")])).is_empty(),
            "the C locale ignores LANGUAGE"
        );
    }

    #[test]
    fn formats_with_arguments_and_falls_back() {
        let fr = Localizer::new("fr-FR");
        assert_eq!(fr.locale(), "fr");
        assert_eq!(
            fr.format("error-not-a-database", &[("path", "/tmp/x")]),
            "Le fichier /tmp/x n’est pas une base de données Copydesk. Copydesk ne l’a pas modifié : déplacez-le, ou lancez Copydesk avec un autre dossier de données."
        );
        assert_eq!(Localizer::new("en").format("status-ready", &[]), "Ready");
        assert_eq!(
            fr.format("no-such-message", &[]),
            "no-such-message",
            "a missing id shows itself"
        );
    }
}
