/// Turns a title into a URL slug: transliterated to ASCII ("é" → "e",
/// "ß" → "ss", "北京" → "bei-jing"), lower case, every run of other
/// characters (spaces, apostrophes, punctuation) one hyphen, no hyphen at
/// either end. "Sommet pour l'action sur l'IA" → "sommet-pour-l-action-sur-l-ia".
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_hyphen = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn french_title_with_apostrophes() {
        assert_eq!(
            slugify("Sommet pour l'action sur l'IA"),
            "sommet-pour-l-action-sur-l-ia"
        );
        assert_eq!(
            slugify("Sommet pour l’action sur l’IA"),
            "sommet-pour-l-action-sur-l-ia",
            "typographic apostrophe"
        );
    }

    #[test]
    fn accents_and_ligatures_are_transliterated() {
        assert_eq!(
            slugify("Éclairage des écoles : où en est-on ?"),
            "eclairage-des-ecoles-ou-en-est-on"
        );
        assert_eq!(slugify("Œuvre & cœur"), "oeuvre-coeur");
        assert_eq!(slugify("Straße über Ängste"), "strasse-uber-angste");
    }

    #[test]
    fn punctuation_and_spaces_collapse() {
        assert_eq!(slugify("  Hello,   World!!  "), "hello-world");
        assert_eq!(slugify("«Guillemets» — et tirets"), "guillemets-et-tirets");
        assert_eq!(slugify("2026: année 1"), "2026-annee-1");
        assert_eq!(slugify("already-a-slug"), "already-a-slug");
    }

    #[test]
    fn nothing_sluggable_gives_empty() {
        assert_eq!(slugify(""), "");
        assert_eq!(slugify("!!! ???"), "");
        assert_eq!(slugify("🎉"), "tada", "emoji get their name from deunicode");
    }

    #[test]
    fn non_latin_scripts() {
        assert_eq!(slugify("Привет мир"), "privet-mir");
        assert_eq!(slugify("Ελληνικά"), "ellenika");
    }
}
