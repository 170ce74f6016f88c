//! Language tags of a workspace: validation and native names.

use serde::Serialize;

use crate::CoreError;

/// A validated locale with its name in its own language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocaleInfo {
    /// Canonical BCP 47 tag (`pt-BR`, `zh-Hant`).
    pub code: String,
    /// The language's name in itself ("Français", "Deutsch"), capitalised.
    pub native_name: String,
}

/// Validates a BCP 47 tag and returns its canonical form: `fr-CA`, `pt-BR`,
/// `zh-Hant` pass; `french`, `e`, `en_US!` are rejected. The language subtag
/// must be a real ISO 639 language, so a well-formed but unknown word is
/// refused too.
pub fn validate(tag: &str) -> Result<String, CoreError> {
    let invalid = || {
        CoreError::InvalidInput(format!(
            "{tag:?} is not a language tag (examples: fr, en-GB, pt-BR, zh-Hant)"
        ))
    };
    let trimmed = tag.trim();
    if trimmed.is_empty() || trimmed.contains('_') {
        return Err(invalid());
    }
    let langid: unic_langid::LanguageIdentifier = trimmed.parse().map_err(|_| invalid())?;
    let language = langid.language.as_str();
    let known = match language.len() {
        2 => isolang::Language::from_639_1(language).is_some(),
        3 => isolang::Language::from_639_3(language).is_some(),
        _ => false,
    };
    if !known {
        return Err(invalid());
    }
    Ok(langid.to_string())
}

/// The locale's code and native name; unknown autonyms fall back to the
/// English name, then to the code.
pub fn info(tag: &str) -> Result<LocaleInfo, CoreError> {
    let code = validate(tag)?;
    let language = code.split('-').next().unwrap_or(&code);
    let lang = match language.len() {
        2 => isolang::Language::from_639_1(language),
        _ => isolang::Language::from_639_3(language),
    };
    let name = lang
        .map(|l| l.to_autonym().unwrap_or_else(|| l.to_name()))
        .unwrap_or(language);
    let mut chars = name.chars();
    let native_name = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => code.clone(),
    };
    Ok(LocaleInfo { code, native_name })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_tags_in_canonical_form() {
        for (tag, canonical) in [
            ("fr", "fr"),
            ("fr-CA", "fr-CA"),
            ("pt-br", "pt-BR"),
            ("zh-Hant", "zh-Hant"),
            ("de", "de"),
        ] {
            assert_eq!(validate(tag).unwrap(), canonical, "{tag} is valid");
        }
    }

    #[test]
    fn rejects_what_is_not_a_language_tag() {
        for tag in [
            "french",
            "e",
            "en_US!",
            "en_US",
            "",
            "  ",
            "xx-YY-ZZZZZZZZZ",
            "zz",
        ] {
            let err = validate(tag).unwrap_err();
            assert_eq!(err.code(), "invalid_input", "{tag:?} must be rejected");
        }
    }

    #[test]
    fn native_names() {
        assert_eq!(info("fr").unwrap().native_name, "Français");
        assert_eq!(info("de").unwrap().native_name, "Deutsch");
        assert_eq!(info("en-GB").unwrap().native_name, "English");
    }
}
