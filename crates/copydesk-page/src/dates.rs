//! Dates in the page's locale, with ICU4X (CLDR data compiled in):
//! "18 mars 2025", "March 18, 2025", "18. März 2025".

use std::borrow::Cow;

use fluent_bundle::types::FluentType;
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::{YMD, YMDE};
use icu_datetime::input::Date;
use icu_locale_core::Locale;

/// How much of a date to write (the CLDR lengths).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateStyle {
    /// "mardi 18 mars 2025"
    Full,
    /// "18 mars 2025"
    #[default]
    Long,
    /// "18 mars 2025" in French, "Mar 18, 2025" in English
    Medium,
    /// "18/03/2025"
    Short,
}

impl DateStyle {
    /// `full`, `long`, `medium`, `short` (Intl's `dateStyle` names).
    pub fn parse(s: &str) -> Option<DateStyle> {
        match s {
            "full" => Some(DateStyle::Full),
            "long" => Some(DateStyle::Long),
            "medium" => Some(DateStyle::Medium),
            "short" => Some(DateStyle::Short),
            _ => None,
        }
    }
}

/// `(year, month, day)` of an ISO date at the start of `s` (`2025-03-18`,
/// `2025-03-18T10:00:00Z`).
pub fn parse_iso_date(s: &str) -> Option<(i32, u8, u8)> {
    let s = s.trim();
    let date = s.get(..10)?;
    let b = date.as_bytes();
    if b[4] != b'-' || b[7] != b'-' || (s.len() > 10 && !matches!(s.as_bytes()[10], b'T' | b' ')) {
        return None;
    }
    let year = date[..4].parse().ok()?;
    let month = date[5..7].parse().ok()?;
    let day = date[8..10].parse().ok()?;
    Some((year, month, day))
}

/// The locale ICU4X should use for a BCP 47 tag; an unparsable tag falls
/// back to its language subtag, then to the root locale.
pub(crate) fn locale_of(tag: &str) -> Locale {
    let tag = tag.replace('_', "-");
    tag.parse::<Locale>()
        .or_else(|_| tag.split('-').next().unwrap_or("").parse::<Locale>())
        .unwrap_or(Locale::UNKNOWN)
}

/// Formats an ISO date for `locale`; `None` when `iso` is not a valid date.
pub fn format_date(iso: &str, locale: &str, style: DateStyle) -> Option<String> {
    let (y, m, d) = parse_iso_date(iso)?;
    let date = Date::try_new_iso(y, m, d).ok()?;
    let prefs = (&locale_of(locale)).into();
    let text = match style {
        DateStyle::Full => DateTimeFormatter::try_new(prefs, YMDE::long())
            .ok()?
            .format(&date)
            .to_string(),
        DateStyle::Long => DateTimeFormatter::try_new(prefs, YMD::long())
            .ok()?
            .format(&date)
            .to_string(),
        DateStyle::Medium => DateTimeFormatter::try_new(prefs, YMD::medium())
            .ok()?
            .format(&date)
            .to_string(),
        DateStyle::Short => DateTimeFormatter::try_new(prefs, YMD::short())
            .ok()?
            .format(&date)
            .to_string(),
    };
    Some(text)
}

/// A date passed to a Fluent message: `{ $date }` writes it in the message's
/// locale, `{ DATETIME($date, dateStyle: "short") }` in another length.
#[derive(Debug, Clone, PartialEq)]
pub struct FluentDate {
    pub iso: String,
    pub locale: String,
    pub style: DateStyle,
}

impl FluentDate {
    fn text(&self) -> Cow<'static, str> {
        Cow::Owned(format_date(&self.iso, &self.locale, self.style).unwrap_or(self.iso.clone()))
    }
}

impl FluentType for FluentDate {
    fn duplicate(&self) -> Box<dyn FluentType + Send> {
        Box::new(self.clone())
    }

    fn as_string(&self, _: &intl_memoizer::IntlLangMemoizer) -> Cow<'static, str> {
        self.text()
    }

    fn as_string_threadsafe(
        &self,
        _: &intl_memoizer::concurrent::IntlLangMemoizer,
    ) -> Cow<'static, str> {
        self.text()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_in_french_english_german() {
        assert_eq!(
            format_date("2025-03-18", "fr", DateStyle::Long).as_deref(),
            Some("18 mars 2025")
        );
        assert_eq!(
            format_date("2025-03-18", "en", DateStyle::Long).as_deref(),
            Some("March 18, 2025")
        );
        assert_eq!(
            format_date("2025-03-18", "de", DateStyle::Long).as_deref(),
            Some("18. März 2025")
        );
    }

    #[test]
    fn regional_locales_and_other_lengths() {
        assert_eq!(
            format_date("2025-03-18", "en-GB", DateStyle::Long).as_deref(),
            Some("18 March 2025")
        );
        assert_eq!(
            format_date("2025-03-18", "fr_CA", DateStyle::Short).as_deref(),
            Some("2025-03-18")
        );
        assert_eq!(
            format_date("2025-03-18", "fr", DateStyle::Full).as_deref(),
            Some("mardi 18 mars 2025")
        );
    }

    #[test]
    fn invalid_dates_are_refused() {
        for bad in ["", "2025-13-01", "2025-02-30", "18/03/2025", "2025-03-18x"] {
            assert_eq!(format_date(bad, "fr", DateStyle::Long), None, "{bad}");
        }
        assert!(format_date("2025-03-18T10:00:00Z", "fr", DateStyle::Long).is_some());
    }
}
