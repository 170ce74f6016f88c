//! The site's Fluent strings as the page template sees them: `t(id, **args)`
//! formats a message for the page's locale, falling back along
//! `fr-CA` → `fr` → the reference locale, and marks a string that had to be
//! shown in another language (or is missing everywhere) so a translator sees
//! it in context.
//!
//! Two layers: the site's own files (the linked strings folder) along the
//! whole chain first, then the theme's built-in strings (for ids the site
//! does not define at all), so the default theme works before a site has
//! strings of its own.

use std::collections::BTreeMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::dates::{DateStyle, FluentDate, parse_iso_date};

/// The built-in theme's strings.
const THEME_STRINGS: &[(&str, &str)] = &[
    ("en", include_str!("../theme/strings/en.ftl")),
    ("fr", include_str!("../theme/strings/fr.ftl")),
    ("de", include_str!("../theme/strings/de.ftl")),
];

/// The FTL sources of a site, by locale folder name.
#[derive(Debug, Clone, Default)]
pub struct SiteStrings {
    /// Locale folder name (`fr`, `pt-BR`, `zh_TW`) → the text of each file.
    pub locales: BTreeMap<String, Vec<String>>,
    /// The reference locale: the last step of every fallback chain.
    pub reference: String,
}

impl SiteStrings {
    /// No site strings: only the theme's.
    pub fn none() -> SiteStrings {
        SiteStrings {
            locales: BTreeMap::new(),
            reference: "en".into(),
        }
    }
}

/// An argument given to `t()`.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text, already HTML-escaped.
    Text(String),
    Number(f64),
    /// An ISO date (`2025-03-18`), written in the message's locale.
    Date(String),
}

impl Arg {
    /// A string that reads as an ISO date becomes a date.
    pub fn from_text(s: &str) -> Arg {
        if s.len() == 10 && parse_iso_date(s).is_some() {
            Arg::Date(s.to_string())
        } else {
            Arg::Text(escape(s))
        }
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// How a string was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// In the page's language (possibly a regional fallback: `fr-CA` → `fr`).
    Here { locale: String },
    /// Only in another language of the chain (shown, marked).
    FellBack { locale: String },
    /// Nowhere: the id is shown, marked.
    Missing,
}

/// A formatted string.
#[derive(Debug, Clone)]
pub struct Formatted {
    /// HTML (the message's markup kept, arguments escaped), typography applied.
    pub html: String,
    pub found: Found,
    /// What fluent-bundle reported (unknown variable…).
    pub errors: Vec<String>,
}

struct Layer {
    locale: String,
    bundle: FluentBundle<FluentResource>,
}

/// The bundles of one page's fallback chain.
pub struct Translator {
    requested: String,
    layers: Vec<Layer>,
}

/// Language subtag, lower case (`fr-CA` → `fr`).
pub fn language_of(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn same_tag(a: &str, b: &str) -> bool {
    a.replace('_', "-")
        .eq_ignore_ascii_case(&b.replace('_', "-"))
}

/// The locales to try for `requested`, best first: itself, its language,
/// then the reference (each once).
pub fn fallback_chain(requested: &str, reference: &str) -> Vec<String> {
    let mut chain: Vec<String> = Vec::new();
    for tag in [
        requested.to_string(),
        language_of(requested),
        reference.to_string(),
    ] {
        if !tag.is_empty() && !chain.iter().any(|c| same_tag(c, &tag)) {
            chain.push(tag);
        }
    }
    chain
}

fn bundle(locale: &str, sources: &[&str]) -> FluentBundle<FluentResource> {
    let langid = locale
        .replace('_', "-")
        .parse::<unic_langid::LanguageIdentifier>()
        .unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Isolation marks would show as stray characters in some fonts.
    bundle.set_use_isolating(false);
    for src in sources {
        let res = FluentResource::try_new(src.to_string()).unwrap_or_else(|(r, _)| r);
        // Duplicates across files are the checks' business, not the page's.
        let _ = bundle.add_resource(res);
    }
    // Every number in the bundle's locale (ICU4X): `{ $count }` and
    // `{ NUMBER($n, minimumFractionDigits: 1) }` alike.
    bundle.set_formatter(Some(crate::numbers::format_fluent_number));
    let _ = bundle.add_function("NUMBER", crate::numbers::number_function);
    let date_locale = locale.to_string();
    let _ = bundle.add_function("DATETIME", move |positional, named| {
        let style = match named.get("dateStyle") {
            Some(FluentValue::String(s)) => DateStyle::parse(s).unwrap_or_default(),
            _ => DateStyle::Long,
        };
        let iso = match positional.first() {
            Some(FluentValue::Custom(c)) => c
                .as_any()
                .downcast_ref::<FluentDate>()
                .map(|d| d.iso.clone()),
            Some(FluentValue::String(s)) => Some(s.to_string()),
            _ => None,
        };
        match iso {
            Some(iso) if parse_iso_date(&iso).is_some() => {
                FluentValue::Custom(Box::new(FluentDate {
                    iso,
                    locale: date_locale.clone(),
                    style,
                }))
            }
            _ => FluentValue::Error,
        }
    });
    bundle
}

impl Translator {
    /// The chain for `requested` over the site's strings and the theme's.
    pub fn new(site: &SiteStrings, requested: &str) -> Translator {
        let mut layers = Vec::new();
        let chain = fallback_chain(requested, &site.reference);
        // The site's whole chain first: a string the site has in its
        // reference language only is shown from there, marked, rather than
        // hidden behind the theme's translation.
        for tag in &chain {
            if let Some((name, files)) = site.locales.iter().find(|(n, _)| same_tag(n, tag)) {
                let sources: Vec<&str> = files.iter().map(String::as_str).collect();
                layers.push(Layer {
                    locale: name.clone(),
                    bundle: bundle(name, &sources),
                });
            }
        }
        let theme_chain = fallback_chain(requested, "en");
        for tag in &theme_chain {
            if let Some((name, src)) = THEME_STRINGS.iter().find(|(n, _)| same_tag(n, tag)) {
                layers.push(Layer {
                    locale: name.to_string(),
                    bundle: bundle(name, &[src]),
                });
            }
        }
        Translator {
            requested: requested.to_string(),
            layers,
        }
    }

    /// Formats `id` (or `id.attribute`) with `args`.
    pub fn format(&self, id: &str, args: &[(String, Arg)]) -> Formatted {
        let (message_id, attribute) = match id.split_once('.') {
            Some((m, a)) => (m, Some(a)),
            None => (id, None),
        };
        for layer in &self.layers {
            let Some(message) = layer.bundle.get_message(message_id) else {
                continue;
            };
            let pattern = match attribute {
                Some(a) => message.get_attribute(a).map(|a| a.value()),
                None => message.value(),
            };
            let Some(pattern) = pattern else {
                continue;
            };
            let mut fargs = FluentArgs::new();
            for (name, arg) in args {
                let value = match arg {
                    Arg::Text(s) => FluentValue::from(s.clone()),
                    Arg::Number(n) => FluentValue::from(*n),
                    Arg::Date(iso) => FluentValue::Custom(Box::new(FluentDate {
                        iso: iso.clone(),
                        locale: layer.locale.clone(),
                        style: DateStyle::Long,
                    })),
                };
                fargs.set(name.clone(), value);
            }
            let mut errors = Vec::new();
            let text = layer
                .bundle
                .format_pattern(pattern, Some(&fargs), &mut errors)
                .into_owned();
            let html = copydesk_markdown::typography::apply_to_markup(&text, &layer.locale);
            let found = if language_of(&layer.locale) == language_of(&self.requested) {
                Found::Here {
                    locale: layer.locale.clone(),
                }
            } else {
                Found::FellBack {
                    locale: layer.locale.clone(),
                }
            };
            return Formatted {
                html,
                found,
                errors: errors.iter().map(|e| e.to_string()).collect(),
            };
        }
        Formatted {
            html: escape(id),
            found: Found::Missing,
            errors: Vec::new(),
        }
    }

    /// [`Translator::format`] as the page shows it: strings that fell back or
    /// are missing are wrapped in `<mark class="cd-missing-string">`.
    pub fn format_marked(&self, id: &str, args: &[(String, Arg)]) -> Formatted {
        let mut f = self.format(id, args);
        let title = match &f.found {
            Found::Here { .. } => return f,
            Found::FellBack { locale } => format!(
                "“{id}” is not translated into {}: shown in {locale}",
                self.requested
            ),
            Found::Missing => format!("“{id}” is missing from the site's strings"),
        };
        let kind = if f.found == Found::Missing {
            "missing"
        } else {
            "fallback"
        };
        f.html = format!(
            "<mark class=\"cd-missing-string\" data-l10n-id=\"{}\" data-state=\"{kind}\" title=\"{}\">{}</mark>",
            escape(id),
            escape(&title),
            f.html
        );
        f
    }

    /// Plain text for an attribute: tags removed, entities of the message
    /// decoded by the template's escaping, no marker.
    pub fn format_text(&self, id: &str, args: &[(String, Arg)]) -> String {
        let html = self.format(id, args).html;
        let mut out = String::with_capacity(html.len());
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteStrings {
        let mut locales = BTreeMap::new();
        locales.insert(
            "en".to_string(),
            vec![
                "published-on = Published on { $date }\nonly-en = Only in English\nhello = Hello { $name }\n"
                    .to_string(),
            ],
        );
        locales.insert(
            "fr".to_string(),
            vec![
                "published-on = Publié le { $date }\nhello = Bonjour { $name } !\nshort = Le { DATETIME($date, dateStyle: \"short\") }\n"
                    .to_string(),
            ],
        );
        locales.insert(
            "fr-CA".to_string(),
            vec!["hello = Allô { $name } !\n".to_string()],
        );
        SiteStrings {
            locales,
            reference: "en".into(),
        }
    }

    fn date(iso: &str) -> Vec<(String, Arg)> {
        vec![("date".into(), Arg::Date(iso.into()))]
    }

    #[test]
    fn chain_is_region_language_reference() {
        assert_eq!(fallback_chain("fr-CA", "en"), ["fr-CA", "fr", "en"]);
        assert_eq!(fallback_chain("fr", "en"), ["fr", "en"]);
        assert_eq!(fallback_chain("en", "en"), ["en"]);
    }

    #[test]
    fn regional_then_language_then_reference() {
        let t = Translator::new(&site(), "fr-CA");
        let args = vec![("name".to_string(), Arg::Text("Léa".into()))];
        let hello = t.format_marked("hello", &args);
        assert_eq!(hello.html, "Allô Léa\u{202F}!", "fr-CA's own message");
        let published = t.format_marked("published-on", &date("2025-03-18"));
        assert_eq!(
            published.html, "Publié le 18 mars 2025",
            "fr-CA → fr is not marked: same language"
        );
        assert_eq!(
            published.found,
            Found::Here {
                locale: "fr".into()
            }
        );
        let only = t.format_marked("only-en", &[]);
        assert_eq!(
            only.found,
            Found::FellBack {
                locale: "en".into()
            }
        );
        assert!(
            only.html.starts_with(
                "<mark class=\"cd-missing-string\" data-l10n-id=\"only-en\" data-state=\"fallback\""
            ) && only.html.ends_with(">Only in English</mark>"),
            "a string shown in the reference language is marked: {}",
            only.html
        );
    }

    #[test]
    fn missing_everywhere_shows_the_marked_id() {
        let t = Translator::new(&site(), "fr");
        let f = t.format_marked("no-such-string", &[]);
        assert_eq!(f.found, Found::Missing);
        assert!(
            f.html.contains("data-state=\"missing\"") && f.html.ends_with(">no-such-string</mark>"),
            "{}",
            f.html
        );
    }

    #[test]
    fn theme_strings_fill_in_for_the_site() {
        let t = Translator::new(&site(), "de");
        let f = t.format_marked("newsletter-title", &[]);
        assert_eq!(f.html, "Abonnieren Sie unseren Newsletter");
        let f = t.format_marked("only-en", &[]);
        assert!(matches!(f.found, Found::FellBack { .. }));
    }

    #[test]
    fn dates_inside_messages_follow_the_message_locale() {
        let en = Translator::new(&site(), "en");
        assert_eq!(
            en.format("published-on", &date("2025-03-18")).html,
            "Published on March 18, 2025"
        );
        let fr = Translator::new(&site(), "fr");
        assert_eq!(
            fr.format("short", &date("2025-03-18")).html,
            "Le 18/03/2025",
            "DATETIME() with a dateStyle"
        );
        let de = Translator::new(&SiteStrings::none(), "de");
        assert_eq!(
            de.format("published-on", &date("2025-03-18")).html,
            "Veröffentlicht am 18. März 2025"
        );
    }

    #[test]
    fn numbers_inside_messages_follow_the_message_locale() {
        let mut locales = BTreeMap::new();
        let ftl = |one: &str, other: &str| {
            format!(
                "count = {{ $n }}\nscore = {{ NUMBER($score, minimumFractionDigits: 1) }}\n\
                 items = {{ NUMBER($n) ->\n    [one] {{ $n }} {one}\n   *[other] {{ $n }} {other}\n}}\n\
                 exact = {{ NUMBER($score, minimumFractionDigits: 1) ->\n    [one] {one}\n   *[other] {other}\n}}\n\
                 raw = {{ NUMBER($n, useGrouping: \"false\") }}\n"
            )
        };
        locales.insert("en".to_string(), vec![ftl("word", "words")]);
        locales.insert("fr".to_string(), vec![ftl("mot", "mots")]);
        locales.insert("de".to_string(), vec![ftl("Wort", "Wörter")]);
        let site = SiteStrings {
            locales,
            reference: "en".into(),
        };
        let n = |v: f64| vec![("n".to_string(), Arg::Number(v))];
        let score = |v: f64| vec![("score".to_string(), Arg::Number(v))];
        for (locale, count, score_text, items, raw) in [
            (
                "fr",
                "12\u{202F}345",
                "12\u{202F}345,5",
                "12\u{202F}345 mots",
                "12345",
            ),
            ("en", "12,345", "12,345.5", "12,345 words", "12345"),
            ("de", "12.345", "12.345,5", "12.345 Wörter", "12345"),
        ] {
            let t = Translator::new(&site, locale);
            assert_eq!(
                t.format("count", &n(12345.0)).html,
                count,
                "{locale}: plain argument"
            );
            assert_eq!(
                t.format("score", &score(12345.5)).html,
                score_text,
                "{locale}: NUMBER()"
            );
            assert_eq!(
                t.format("items", &n(12345.0)).html,
                items,
                "{locale}: plural + grouping"
            );
            assert_eq!(
                t.format("raw", &n(12345.0)).html,
                raw,
                "{locale}: useGrouping false"
            );
        }
        let en = Translator::new(&site, "en");
        assert_eq!(en.format("score", &score(3.0)).html, "3.0");
        assert_eq!(
            en.format("items", &n(1.0)).html,
            "1 word",
            "plural selection kept"
        );
        assert_eq!(
            en.format("exact", &score(1.0)).html,
            "words",
            "1.0 is plural in English (visible fraction digits)"
        );
        let fr = Translator::new(&site, "fr");
        assert_eq!(fr.format("score", &score(3.0)).html, "3,0");
        assert_eq!(fr.format("items", &n(1.0)).html, "1 mot");
        assert_eq!(
            fr.format("exact", &score(1.0)).html,
            "mot",
            "1,0 is singular in French"
        );
        let de = Translator::new(&SiteStrings::none(), "de");
        assert_eq!(
            de.format("word-count", &[("count".into(), Arg::Number(12345.0))])
                .html,
            "12.345 Wörter",
            "the theme's word count"
        );
    }

    #[test]
    fn arguments_are_escaped_markup_is_kept() {
        let mut s = site();
        s.locales.get_mut("en").unwrap()[0]
            .push_str("link = Read <a href=\"/p\">the policy</a>, { $name }\n");
        let t = Translator::new(&s, "en");
        let f = t.format("link", &[("name".into(), Arg::from_text("<b>x</b>"))]);
        assert_eq!(
            f.html,
            "Read <a href=\"/p\">the policy</a>, &lt;b&gt;x&lt;/b&gt;"
        );
        assert_eq!(
            t.format_text("link", &[("name".into(), Arg::from_text("y"))]),
            "Read the policy, y"
        );
    }

    #[test]
    fn attributes_by_dotted_id() {
        let t = Translator::new(&SiteStrings::none(), "fr");
        assert_eq!(
            t.format_text("newsletter-email.placeholder", &[]),
            "vous@exemple.fr"
        );
    }
}
