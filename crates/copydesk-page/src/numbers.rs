//! Numbers in the page's locale, with ICU4X (CLDR data compiled in, like
//! the dates): "12 345,5" (with U+202F) in French, "12,345.5" in English,
//! "12.345,5" in German.
//!
//! Every number a Fluent message writes goes through [`format_fluent_number`]
//! (the bundles' formatter): `{ $count }` as well as `{ NUMBER($count,
//! minimumFractionDigits: 1) }`. The number stays a Fluent number, so plural
//! selection (`[one]`, `[other]`) works as usual, and `NUMBER()`'s options
//! are those of `Intl.NumberFormat` that make sense for a decimal: digits
//! (`minimumIntegerDigits`, `minimumFractionDigits`, `maximumFractionDigits`,
//! `minimumSignificantDigits`, `maximumSignificantDigits`) and `useGrouping`.
//! `style: "percent"` multiplies by 100 and adds the percent sign the
//! locale's way; currencies are written as plain decimals.

use std::str::FromStr;

use fixed_decimal::{Decimal, SignedRoundingMode, UnsignedRoundingMode};
use fluent_bundle::FluentValue;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions, FluentNumberStyle};
use icu_decimal::DecimalFormatter;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_locale_core::Locale;

use crate::dates::locale_of;

/// The options of a number, as `NUMBER()` takes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumberOptions {
    pub use_grouping: bool,
    pub minimum_integer_digits: Option<usize>,
    pub minimum_fraction_digits: Option<usize>,
    pub maximum_fraction_digits: Option<usize>,
    pub minimum_significant_digits: Option<usize>,
    pub maximum_significant_digits: Option<usize>,
    pub percent: bool,
}

impl NumberOptions {
    /// Grouping on, everything else as `Intl.NumberFormat`'s defaults.
    pub fn grouped() -> NumberOptions {
        NumberOptions {
            use_grouping: true,
            ..NumberOptions::default()
        }
    }
}

impl From<&FluentNumberOptions> for NumberOptions {
    fn from(o: &FluentNumberOptions) -> Self {
        NumberOptions {
            use_grouping: o.use_grouping,
            minimum_integer_digits: o.minimum_integer_digits,
            minimum_fraction_digits: o.minimum_fraction_digits,
            maximum_fraction_digits: o.maximum_fraction_digits,
            minimum_significant_digits: o.minimum_significant_digits,
            maximum_significant_digits: o.maximum_significant_digits,
            percent: o.style == FluentNumberStyle::Percent,
        }
    }
}

/// Digit counts are clamped to what `Intl.NumberFormat` accepts.
fn clamp(n: usize, max: usize) -> i16 {
    n.min(max) as i16
}

/// `value` rounded and padded as `opts` say (half away from zero, as
/// `Intl.NumberFormat` rounds); `None` for infinities and NaN.
fn to_decimal(value: f64, opts: &NumberOptions) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    // Rust writes every finite f64 in full positional notation, shortest
    // round-trip digits: exactly what the decimal should hold.
    let mut d = Decimal::from_str(&value.to_string()).ok()?;
    if opts.percent {
        d.absolute.multiply_pow10(2);
        // 0.25 → 025 → 25.
        d.absolute.trim_start();
        d.absolute.pad_start(1);
    }
    let half_expand = SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand);
    if opts.minimum_significant_digits.is_some() || opts.maximum_significant_digits.is_some() {
        let min = clamp(opts.minimum_significant_digits.unwrap_or(1).max(1), 21);
        let max = clamp(opts.maximum_significant_digits.unwrap_or(21), 21).max(min);
        let top = if d.absolute.is_zero() {
            0
        } else {
            d.absolute.nonzero_magnitude_start()
        };
        d.round_with_mode(top - max + 1, half_expand);
        // Rounding may carry into a new digit (9.99 → 10.0).
        let top = if d.absolute.is_zero() {
            0
        } else {
            d.absolute.nonzero_magnitude_start()
        };
        d.absolute.trim_end();
        d.absolute.pad_end(top - min + 1);
    } else {
        let min = clamp(opts.minimum_fraction_digits.unwrap_or(0), 100);
        let default_max = if opts.percent { 0 } else { 3 };
        let max = clamp(
            opts.maximum_fraction_digits
                .unwrap_or(default_max.max(min as usize)),
            100,
        )
        .max(min);
        d.round_with_mode(-max, half_expand);
        d.absolute.trim_end();
        d.absolute.pad_end(-min);
    }
    if let Some(min_int) = opts.minimum_integer_digits {
        d.absolute.pad_start(clamp(min_int.max(1), 21));
    }
    if d.absolute.is_zero() {
        // "-0" is written "0", as Intl does for a rounded-away negative.
        d.sign = fixed_decimal::Sign::None;
    }
    Some(d)
}

/// The formatter of `locale`: grouping per the locale's CLDR data, or none.
fn formatter(locale: &Locale, grouping: bool) -> Option<DecimalFormatter> {
    let mut options = DecimalFormatterOptions::default();
    options.grouping_strategy = Some(if grouping {
        GroupingStrategy::Auto
    } else {
        GroupingStrategy::Never
    });
    DecimalFormatter::try_new(locale.into(), options).ok()
}

/// Writes `value` in `locale` (a BCP 47 tag; `_` accepted); `None` for
/// infinities and NaN.
pub fn format_number(value: f64, locale: &str, opts: &NumberOptions) -> Option<String> {
    let decimal = to_decimal(value, opts)?;
    let locale = locale_of(locale);
    let formatter = formatter(&locale, opts.use_grouping)?;
    let mut text = formatter.format(&decimal).to_string();
    if opts.percent {
        text = percent(&text, &locale);
    }
    Some(text)
}

/// The percent pattern of the locales Copydesk knows best (CLDR: `12 %` with
/// a narrow no-break space in French, `12 %` with a no-break space in
/// German, `12%` elsewhere). icu_decimal has no percent formatter.
fn percent(number: &str, locale: &Locale) -> String {
    match locale.id.language.as_str() {
        "fr" => format!("{number}\u{202F}%"),
        "de" | "es" | "it" | "pt" | "nl" | "sv" | "nb" | "da" | "fi" | "cs" | "pl" | "ru" => {
            format!("{number}\u{A0}%")
        }
        _ => format!("{number}%"),
    }
}

/// The language a bundle's memoizer was made for, as a Fluent formatter
/// learns it (the memoizer is per language).
struct MemoLang(String);

impl intl_memoizer::Memoizable for MemoLang {
    type Args = ();
    type Error = ();
    fn construct(lang: unic_langid::LanguageIdentifier, _: ()) -> Result<Self, ()> {
        Ok(MemoLang(lang.to_string()))
    }
}

/// The bundles' formatter (`FluentBundle::set_formatter`): numbers in the
/// bundle's locale; every other value as fluent-bundle writes it.
pub fn format_fluent_number(
    value: &FluentValue,
    memo: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let lang = memo
        .with_try_get::<MemoLang, _, _>((), |l| l.0.clone())
        .ok()?;
    format_number(n.value, &lang, &NumberOptions::from(&n.options))
}

/// `NUMBER($n, …)`: the number with its options merged; a string that reads
/// as a number is accepted too (`NUMBER("12.5")`).
pub fn number_function<'a>(
    positional: &[FluentValue<'a>],
    named: &fluent_bundle::FluentArgs,
) -> FluentValue<'a> {
    let mut n: FluentNumber = match positional.first() {
        Some(FluentValue::Number(n)) => n.clone(),
        Some(FluentValue::String(s)) => match FluentNumber::from_str(s.trim()) {
            Ok(n) => n,
            Err(_) => return FluentValue::Error,
        },
        _ => return FluentValue::Error,
    };
    n.options.merge(named);
    FluentValue::Number(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(value: f64, locale: &str) -> String {
        format_number(value, locale, &NumberOptions::grouped()).unwrap()
    }

    #[test]
    fn grouping_per_locale() {
        assert_eq!(fmt(12345.0, "fr"), "12\u{202F}345", "narrow no-break space");
        assert_eq!(fmt(12345.0, "en"), "12,345");
        assert_eq!(fmt(12345.0, "de"), "12.345");
        assert_eq!(fmt(1234567.5, "fr"), "1\u{202F}234\u{202F}567,5");
        assert_eq!(fmt(1234567.5, "en-US"), "1,234,567.5");
        assert_eq!(fmt(1234567.5, "de_DE"), "1.234.567,5");
        assert_eq!(
            fmt(1234.0, "fr-CA"),
            "1\u{A0}234",
            "Canadian French: no-break space"
        );
        assert_eq!(fmt(-42.0, "en"), "-42");
        assert_eq!(fmt(0.0, "de"), "0");
    }

    #[test]
    fn fraction_digits() {
        let min1 = NumberOptions {
            minimum_fraction_digits: Some(1),
            ..NumberOptions::grouped()
        };
        assert_eq!(format_number(3.0, "fr", &min1).unwrap(), "3,0");
        assert_eq!(format_number(3.0, "en", &min1).unwrap(), "3.0");
        assert_eq!(format_number(12345.25, "de", &min1).unwrap(), "12.345,25");
        assert_eq!(
            fmt(2.0 / 3.0, "en"),
            "0.667",
            "three fraction digits by default"
        );
        let max0 = NumberOptions {
            maximum_fraction_digits: Some(0),
            ..NumberOptions::grouped()
        };
        assert_eq!(
            format_number(2.5, "en", &max0).unwrap(),
            "3",
            "half away from zero"
        );
        assert_eq!(format_number(-2.5, "en", &max0).unwrap(), "-3");
        let sig = NumberOptions {
            maximum_significant_digits: Some(2),
            ..NumberOptions::grouped()
        };
        assert_eq!(format_number(12345.0, "en", &sig).unwrap(), "12,000");
        assert_eq!(format_number(9.99, "en", &sig).unwrap(), "10");
        let min_sig = NumberOptions {
            minimum_significant_digits: Some(3),
            ..NumberOptions::grouped()
        };
        assert_eq!(format_number(1.0, "fr", &min_sig).unwrap(), "1,00");
        let pad = NumberOptions {
            minimum_integer_digits: Some(3),
            ..NumberOptions::grouped()
        };
        assert_eq!(format_number(7.0, "en", &pad).unwrap(), "007");
        let plain = NumberOptions::default();
        assert_eq!(format_number(12345.0, "fr", &plain).unwrap(), "12345");
        assert_eq!(format_number(f64::NAN, "fr", &plain), None);
    }

    #[test]
    fn percent() {
        let pct = NumberOptions {
            percent: true,
            ..NumberOptions::grouped()
        };
        assert_eq!(format_number(0.25, "fr", &pct).unwrap(), "25\u{202F}%");
        assert_eq!(format_number(0.25, "en", &pct).unwrap(), "25%");
        assert_eq!(format_number(0.255, "de", &pct).unwrap(), "26\u{A0}%");
    }
}
