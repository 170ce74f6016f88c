//! CLDR plural categories of a locale, from ICU4X's compiled CLDR data.
//!
//! Two lists matter: every category the locale has (what the message editor
//! offers, e.g. `one`/`many`/`other` for French), and the categories a
//! translation is expected to spell out (what the `missing-plural` check asks
//! for). The second leaves out categories that no whole number below one
//! million selects: the fraction-only `other` of Russian or `many` of Czech,
//! and the million-and-up `many` of French, Spanish, Italian. Interface
//! strings count whole things (articles, minutes), the default variant covers
//! those rare numbers, and Mozilla's own checks do not ask for them either.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use fixed_decimal::Decimal;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralOperands, PluralRules};
use serde::Serialize;

/// CLDR order, the order translators expect to see categories in.
const ORDER: [PluralCategory; 6] = [
    PluralCategory::Zero,
    PluralCategory::One,
    PluralCategory::Two,
    PluralCategory::Few,
    PluralCategory::Many,
    PluralCategory::Other,
];

/// Whole numbers probed to find which categories everyday counts reach, and a
/// sample number per category. Every CLDR rule on integers is periodic in 100
/// or 1000 below a million, so 0..=1000 meets each reachable category.
const PROBE_MAX: u32 = 1000;

/// Sample numbers for categories that no small whole number reaches.
const EXTRA_SAMPLES: [&str; 6] = ["1000000", "0.5", "1.5", "2.5", "0.1", "1.1"];

/// The plural categories of one locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PluralInfo {
    /// Every CLDR cardinal category of the locale, in CLDR order.
    pub categories: Vec<&'static str>,
    /// The categories a translation should provide (see the module docs).
    pub required: Vec<&'static str>,
    /// One sample number per category, as text (`"1"`, `"1000000"`, `"1.5"`),
    /// in the same order as `categories`.
    pub samples: Vec<String>,
}

/// Name of a category as written in Fluent variant keys.
pub fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// Plural categories of `locale` (a BCP 47 tag; `_` is accepted for `-`).
/// An unknown or malformed tag gets the root locale's rules (`other` only),
/// so nothing is asked of a translation in a language CLDR does not know.
pub fn plural_info(locale: &str) -> PluralInfo {
    static CACHE: OnceLock<Mutex<HashMap<String, PluralInfo>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(info) = cache.lock().unwrap_or_else(|p| p.into_inner()).get(locale) {
        return info.clone();
    }
    let info = compute(locale);
    cache
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(locale.to_string(), info.clone());
    info
}

fn compute(locale: &str) -> PluralInfo {
    let tag = locale.replace('_', "-");
    let parsed = Locale::try_from_str(&tag)
        .or_else(|_| Locale::try_from_str(tag.split('-').next().unwrap_or("und")))
        .unwrap_or(Locale::UNKNOWN);
    let Ok(rules) = PluralRules::try_new_cardinal((&parsed).into()) else {
        return PluralInfo {
            categories: vec!["other"],
            required: vec!["other"],
            samples: vec!["2".into()],
        };
    };
    let present: Vec<PluralCategory> = rules.categories().collect();
    let mut first_integer: HashMap<&'static str, u32> = HashMap::new();
    for n in 0..=PROBE_MAX {
        first_integer
            .entry(category_name(rules.category_for(n)))
            .or_insert(n);
    }
    let mut categories = Vec::new();
    let mut required = Vec::new();
    let mut samples = Vec::new();
    for c in ORDER.iter().copied().filter(|c| present.contains(c)) {
        let name = category_name(c);
        categories.push(name);
        let sample = match first_integer.get(name) {
            Some(n) => {
                required.push(name);
                n.to_string()
            }
            None => EXTRA_SAMPLES
                .iter()
                .find(|s| {
                    Decimal::try_from_str(s)
                        .is_ok_and(|d| rules.category_for(PluralOperands::from(&d)) == c)
                })
                .map(|s| s.to_string())
                .unwrap_or_default(),
        };
        samples.push(sample);
    }
    PluralInfo {
        categories,
        required,
        samples,
    }
}

/// Whether `key` names a CLDR plural category (of any language).
pub fn is_category_name(key: &str) -> bool {
    matches!(key, "zero" | "one" | "two" | "few" | "many" | "other")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_follow_current_cldr() {
        assert_eq!(plural_info("en").categories, ["one", "other"]);
        assert_eq!(plural_info("fr").categories, ["one", "many", "other"]);
        assert_eq!(
            plural_info("ar").categories,
            ["zero", "one", "two", "few", "many", "other"]
        );
        assert_eq!(plural_info("ja").categories, ["other"]);
        assert_eq!(
            plural_info("pt_BR").categories,
            ["one", "many", "other"],
            "underscores are accepted"
        );
    }

    #[test]
    fn required_categories_are_those_of_everyday_whole_numbers() {
        assert_eq!(
            plural_info("fr").required,
            ["one", "other"],
            "French many is for millions"
        );
        assert_eq!(
            plural_info("ru").required,
            ["one", "few", "many"],
            "Russian other is for fractions"
        );
        assert_eq!(
            plural_info("ar").required,
            ["zero", "one", "two", "few", "many", "other"]
        );
        assert_eq!(plural_info("ja").required, ["other"]);
    }

    #[test]
    fn samples_select_their_category() {
        let fr = plural_info("fr");
        assert_eq!(fr.samples, ["0", "1000000", "2"]);
        let ru = plural_info("ru");
        assert_eq!(ru.samples, ["1", "2", "0", "0.5"]);
    }

    #[test]
    fn unknown_languages_only_have_other() {
        assert_eq!(plural_info("xx-unknown").categories, ["other"]);
        assert_eq!(plural_info("!!").categories, ["other"]);
    }
}
