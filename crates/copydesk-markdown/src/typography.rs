//! Locale typography: quotes, apostrophes and the no-break spaces a language
//! puts before some punctuation, applied to *text* only.
//!
//! The rules of every locale are in one table, [`RULES`]. A Markdown document
//! is transformed on comrak's AST ([`apply_to_ast`]): only `Text` nodes
//! change, so code spans, code blocks, raw HTML (and its attributes), link
//! destinations and titles, image alt text and autolinked URLs are never
//! touched. Quotes are paired across inline nodes (`"*word*"`), since each
//! block's text is read as one run. [`apply_to_text`] does the same for a plain
//! string (a Fluent message), and [`apply_to_markup`] for a string with inline
//! HTML tags and entities, which it copies as they are.
//!
//! Every transformation is idempotent: applying it to its own output changes
//! nothing, so published text can be rendered again safely.

use std::borrow::Cow;

use comrak::nodes::{AstNode, NodeValue};

/// No-break space (U+00A0).
pub const NBSP: char = '\u{A0}';
/// Narrow no-break space (U+202F).
pub const NNBSP: char = '\u{202F}';
/// Typographic apostrophe (U+2019).
pub const APOSTROPHE: char = '\u{2019}';

/// One locale's typography.
#[derive(Debug)]
pub struct Rules {
    /// Language subtag the rules apply to (`fr` covers `fr-CA`, `fr-CH`…).
    pub language: &'static str,
    /// Opening and closing double quotes that replace `"`.
    pub double: (char, char),
    /// Opening and closing single quotes that replace `'` used as a quote;
    /// `None`: `'` is always an apostrophe.
    pub single: Option<(char, char)>,
    /// Space kept inside double quotes (`« mot »`), replacing a typed space.
    pub inside_double: Option<char>,
    /// Punctuation preceded by a no-break space, and which space.
    pub space_before: &'static [(char, char)],
}

/// Every locale with typography rules. Locales not listed are left as typed.
pub const RULES: &[Rules] = &[
    Rules {
        language: "fr",
        double: ('«', '»'),
        single: None,
        inside_double: Some(NBSP),
        space_before: &[(';', NNBSP), ('!', NNBSP), ('?', NNBSP), (':', NBSP)],
    },
    Rules {
        language: "en",
        double: ('\u{201C}', '\u{201D}'),
        single: Some(('\u{2018}', '\u{2019}')),
        inside_double: None,
        space_before: &[],
    },
    Rules {
        language: "de",
        double: ('\u{201E}', '\u{201C}'),
        single: Some(('\u{201A}', '\u{2018}')),
        inside_double: None,
        space_before: &[],
    },
];

/// The rules for a BCP 47 tag, chosen by its language subtag (`fr-CA` → `fr`,
/// `EN_us` → `en`); `None` for a language without rules.
pub fn rules_for(locale: &str) -> Option<&'static Rules> {
    let language = locale.split(['-', '_']).next()?.to_ascii_lowercase();
    RULES.iter().find(|r| r.language == language)
}

/// Applies the typography of `locale` to a plain string. Unknown locale: unchanged.
pub fn apply_to_text(text: &str, locale: &str) -> String {
    match rules_for(locale) {
        Some(rules) => {
            let mut state = State::default();
            state.run(rules, text, None, false)
        }
        None => text.to_string(),
    }
}

/// Like [`apply_to_text`] for a string holding inline HTML: tags (with their
/// attributes), comments and entities are copied as they are; only the text
/// between them changes.
pub fn apply_to_markup(html: &str, locale: &str) -> String {
    match rules_for(locale) {
        Some(rules) => {
            let mut state = State::default();
            state.run(rules, html, None, true)
        }
        None => html.to_string(),
    }
}

/// Applies the typography of `locale` to every text node under `root`.
pub fn apply_to_ast<'a>(root: &'a AstNode<'a>, locale: &str) {
    let Some(rules) = rules_for(locale) else {
        return;
    };
    for node in root.descendants() {
        if !node.data().value.contains_inlines() {
            continue;
        }
        let mut segments = Vec::new();
        collect(node, &mut segments);
        let mut state = State::default();
        for i in 0..segments.len() {
            let Segment::Text(text_node) = segments[i] else {
                if let Segment::Atom(c) = segments[i] {
                    state.prev = Some(c);
                }
                continue;
            };
            let next = segments[i + 1..].iter().find_map(|s| match s {
                Segment::Atom(c) => Some(*c),
                Segment::Text(n) => n.data().value.text().and_then(|t| t.chars().next()),
            });
            let mut data = text_node.data_mut();
            if let Some(text) = data.value.text_mut() {
                let out = state.run(rules, text, next, false);
                if out != **text {
                    *text = Cow::Owned(out);
                }
            }
        }
    }
}

/// A piece of a block's inline content, in reading order.
enum Segment<'a> {
    /// Text the rules may change.
    Text(&'a AstNode<'a>),
    /// Something that reads as this character but is never changed (a code
    /// span, an image, an autolink, a line break).
    Atom(char),
}

fn collect<'a>(node: &'a AstNode<'a>, out: &mut Vec<Segment<'a>>) {
    for child in node.children() {
        let atom = match &child.data().value {
            NodeValue::Text(_) => {
                out.push(Segment::Text(child));
                continue;
            }
            NodeValue::SoftBreak | NodeValue::LineBreak => Some(' '),
            NodeValue::Code(_) | NodeValue::Image(_) | NodeValue::FootnoteReference(_) => Some('x'),
            // Raw HTML reads as nothing: `"<kbd>x</kbd>"` pairs its quotes.
            NodeValue::HtmlInline(_) => None,
            NodeValue::Link(link) if is_autolink(child, &link.url) => Some('x'),
            _ => {
                collect(child, out);
                continue;
            }
        };
        if let Some(c) = atom {
            out.push(Segment::Atom(c));
        }
    }
}

/// A link whose text is its URL (`<https://…>`, `www.example.com`, an e-mail).
fn is_autolink<'a>(link: &'a AstNode<'a>, url: &str) -> bool {
    let text: String = link
        .descendants()
        .filter_map(|n| n.data().value.text().map(|t| t.to_string()))
        .collect();
    text == url
        || ["http://", "https://", "mailto:"]
            .iter()
            .any(|p| url.strip_prefix(p) == Some(text.as_str()))
        || looks_like_url(&text)
}

fn looks_like_url(s: &str) -> bool {
    let lower = s.trim_start().to_ascii_lowercase();
    lower.contains("://") || lower.starts_with("www.") || lower.starts_with("mailto:")
}

/// Where a URL starts at `rest` (`https://`, `www.`…), to copy it untouched.
fn url_at(rest: &str) -> bool {
    let head: String = rest
        .chars()
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("http://")
        || head.starts_with("https://")
        || head.starts_with("www.")
        || head.starts_with("mailto:")
        || head.starts_with("ftp://")
}

/// Reading state carried through one block (or one string).
#[derive(Default)]
struct State {
    /// The last character read (after transformation), if any.
    prev: Option<char>,
    /// A single quote was opened and not closed yet.
    single_open: bool,
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == NBSP || c == NNBSP
}

/// Whether a quote after `prev` opens (start, space, opening punctuation).
fn opens(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            is_space(c)
                || matches!(
                    c,
                    '(' | '['
                        | '{'
                        | '«'
                        | '\u{201C}'
                        | '\u{2018}'
                        | '\u{201E}'
                        | '\u{201A}'
                        | '—'
                        | '–'
                        | '-'
                        | '/'
                )
        }
    }
}

impl State {
    /// Transforms `text`; `after` is the first character following it in the
    /// block (from the next node), `markup` skips tags and entities.
    fn run(&mut self, rules: &Rules, text: &str, after: Option<char>, markup: bool) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        let mut skip_space = false;
        while i < chars.len() {
            let (at, c) = chars[i];
            let next = chars.get(i + 1).map(|&(_, c)| c).or(after);
            if skip_space {
                skip_space = false;
                if is_space(c) {
                    i += 1;
                    continue;
                }
            }
            // Copied verbatim: URLs, and in markup mode tags and entities.
            let verbatim_end = if url_at(&text[at..]) {
                Some(
                    text[at..]
                        .find(|ch: char| ch.is_whitespace() || (markup && ch == '<'))
                        .map_or(text.len(), |n| at + n),
                )
            } else if markup && c == '<' {
                Some(text[at..].find('>').map_or(text.len(), |n| at + n + 1))
            } else if markup && c == '&' {
                text[at..]
                    .char_indices()
                    .take(32)
                    .find(|&(_, ch)| ch == ';' || ch.is_whitespace())
                    .filter(|&(_, ch)| ch == ';')
                    .map(|(n, _)| at + n + 1)
            } else {
                None
            };
            if let Some(end) = verbatim_end {
                let piece = &text[at..end];
                out.push_str(piece);
                // A tag reads as nothing; a URL or an entity as a word.
                if !(markup && c == '<') {
                    self.prev = piece.chars().last().or(self.prev);
                }
                while i < chars.len() && chars[i].0 < end {
                    i += 1;
                }
                continue;
            }
            match c {
                '"' => {
                    if opens(self.prev) {
                        out.push(rules.double.0);
                        if let Some(space) = rules.inside_double {
                            out.push(space);
                            skip_space = true;
                        }
                    } else {
                        if let Some(space) = rules.inside_double {
                            space_before(&mut out, space, self.prev);
                        }
                        out.push(rules.double.1);
                    }
                }
                '«' if rules.inside_double.is_some() => {
                    out.push('«');
                    if let Some(space) = rules.inside_double {
                        out.push(space);
                        skip_space = true;
                    }
                }
                '»' if rules.inside_double.is_some() => {
                    if let Some(space) = rules.inside_double {
                        space_before(&mut out, space, self.prev);
                    }
                    out.push('»');
                }
                '\'' => {
                    let prev_word = self.prev.is_some_and(char::is_alphanumeric);
                    let next_word = next.is_some_and(char::is_alphanumeric);
                    let decade = next.is_some_and(|n| n.is_ascii_digit())
                        && chars.get(i + 2).is_some_and(|&(_, d)| d.is_ascii_digit());
                    let q = match rules.single {
                        _ if prev_word && next_word => APOSTROPHE,
                        Some((open, _)) if opens(self.prev) && !decade => {
                            self.single_open = true;
                            open
                        }
                        Some((_, close)) if self.single_open && !opens(self.prev) => {
                            self.single_open = false;
                            close
                        }
                        _ => APOSTROPHE,
                    };
                    out.push(q);
                }
                _ => {
                    if let Some(&(_, space)) = rules.space_before.iter().find(|(p, _)| *p == c) {
                        let applies = if c == ':' {
                            next.is_none_or(is_space)
                        } else {
                            !next.is_some_and(char::is_alphanumeric)
                        };
                        let after_punct = self.prev.is_some_and(|p| {
                            rules.space_before.iter().any(|(q, _)| *q == p)
                                || matches!(p, '(' | '[' | '{')
                        });
                        if applies && !after_punct && self.prev.is_some() {
                            space_before(&mut out, space, self.prev);
                        }
                    }
                    out.push(c);
                }
            }
            self.prev = out.chars().last().or(self.prev);
            i += 1;
        }
        out
    }
}

/// Puts `space` before the character about to be pushed: replaces a typed
/// space (or another no-break space) at the end of `out`, else inserts it,
/// unless the text so far ends in a space outside `out` (previous node).
fn space_before(out: &mut String, space: char, prev: Option<char>) {
    match out.chars().last() {
        Some(last) if is_space(last) => {
            out.pop();
            out.push(space);
        }
        Some(_) => out.push(space),
        None => {
            if !prev.is_some_and(is_space) {
                out.push(space);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RenderOptions, render_html};

    /// Rendered and sanitised; ammonia writes U+00A0 as `&nbsp;`, shown as
    /// the character here so expectations read like the text.
    fn md(markdown: &str, locale: &str) -> String {
        md_raw(markdown, locale).replace("&nbsp;", "\u{A0}")
    }

    fn md_raw(markdown: &str, locale: &str) -> String {
        render_html(
            markdown,
            &RenderOptions {
                locale: Some(locale.into()),
                ..Default::default()
            },
        )
    }

    fn fr(text: &str) -> String {
        apply_to_text(text, "fr")
    }

    mod french_narrow_space_before_punctuation {
        use super::*;

        #[test]
        fn inserted_before_question_exclamation_semicolon() {
            assert_eq!(
                fr("Quoi? Non! Si;"),
                "Quoi\u{202F}? Non\u{202F}! Si\u{202F};"
            );
        }

        #[test]
        fn typed_space_becomes_narrow_no_break() {
            assert_eq!(
                fr("Quoi ? Non ! Si ;"),
                "Quoi\u{202F}? Non\u{202F}! Si\u{202F};"
            );
        }

        #[test]
        fn no_break_space_becomes_narrow() {
            assert_eq!(fr("Quoi\u{A0}?"), "Quoi\u{202F}?");
        }

        #[test]
        fn once_for_a_run_of_punctuation() {
            assert_eq!(fr("Vraiment ?!"), "Vraiment\u{202F}?!");
            assert_eq!(fr("Vraiment?!"), "Vraiment\u{202F}?!");
        }

        #[test]
        fn not_before_a_letter() {
            assert_eq!(
                fr("page?id=3"),
                "page?id=3",
                "a query string stays as typed"
            );
        }

        #[test]
        fn not_at_the_start() {
            assert_eq!(fr("?"), "?");
        }

        #[test]
        fn across_inline_nodes() {
            assert_eq!(
                md("*Quoi*? **Non**!\n", "fr"),
                "<p><em>Quoi</em>\u{202F}? <strong>Non</strong>\u{202F}!</p>\n"
            );
        }
    }

    mod french_colon {
        use super::*;

        #[test]
        fn no_break_space_before_colon() {
            assert_eq!(fr("Note: texte"), "Note\u{A0}: texte");
            assert_eq!(fr("Note : texte"), "Note\u{A0}: texte");
            assert_eq!(fr("Note :"), "Note\u{A0}:");
        }

        #[test]
        fn not_in_times() {
            assert_eq!(fr("à 10:30 précises"), "à 10:30 précises");
        }

        #[test]
        fn not_in_urls() {
            assert_eq!(
                fr("voir https://example.com:8080/a?b=c ici"),
                "voir https://example.com:8080/a?b=c ici"
            );
            assert_eq!(fr("écrire à mailto:a@b.fr"), "écrire à mailto:a@b.fr");
        }
    }

    mod french_guillemets {
        use super::*;

        #[test]
        fn straight_quotes_become_guillemets() {
            assert_eq!(
                fr("Il dit \"bonjour\" puis part."),
                "Il dit «\u{A0}bonjour\u{A0}» puis part."
            );
        }

        #[test]
        fn typed_guillemets_get_no_break_spaces() {
            assert_eq!(fr("«bonjour»"), "«\u{A0}bonjour\u{A0}»");
            assert_eq!(fr("« bonjour »"), "«\u{A0}bonjour\u{A0}»");
        }

        #[test]
        fn quotes_paired_across_emphasis() {
            assert_eq!(
                md("\"*bonjour*\"\n", "fr"),
                "<p>«\u{A0}<em>bonjour</em>\u{A0}»</p>\n"
            );
        }

        #[test]
        fn no_break_space_is_written_as_an_entity() {
            assert_eq!(md_raw("\"a\"\n", "fr"), "<p>«&nbsp;a&nbsp;»</p>\n");
        }

        #[test]
        fn quote_then_punctuation() {
            assert_eq!(fr("\"Non\" ?"), "«\u{A0}Non\u{A0}»\u{202F}?");
        }
    }

    mod french_apostrophe {
        use super::*;

        #[test]
        fn apostrophes_are_typographic() {
            assert_eq!(fr("L'été, aujourd'hui"), "L’été, aujourd’hui");
        }

        #[test]
        fn lone_quote_is_an_apostrophe() {
            assert_eq!(fr("'tention"), "’tention");
        }
    }

    mod english_quotes {
        use super::*;

        fn en(text: &str) -> String {
            apply_to_text(text, "en")
        }

        #[test]
        fn curly_double_quotes() {
            assert_eq!(en("She said \"hi\"."), "She said \u{201C}hi\u{201D}.");
        }

        #[test]
        fn curly_single_quotes() {
            assert_eq!(en("a 'quoted' word"), "a \u{2018}quoted\u{2019} word");
        }

        #[test]
        fn apostrophes() {
            assert_eq!(en("don't, the students' work"), "don’t, the students’ work");
            assert_eq!(en("the '90s"), "the ’90s", "an elided decade");
        }

        #[test]
        fn no_spacing_rules() {
            assert_eq!(en("What? No: 10:30!"), "What? No: 10:30!");
        }

        #[test]
        fn regional_variants_use_the_language() {
            assert_eq!(apply_to_text("\"x\"", "en-GB"), "\u{201C}x\u{201D}");
        }
    }

    mod german_quotes {
        use super::*;

        fn de(text: &str) -> String {
            apply_to_text(text, "de")
        }

        #[test]
        fn low_high_double_quotes() {
            assert_eq!(de("Er sagt \"Hallo\"."), "Er sagt \u{201E}Hallo\u{201C}.");
        }

        #[test]
        fn low_high_single_quotes() {
            assert_eq!(
                de("ein 'einfaches' Wort"),
                "ein \u{201A}einfaches\u{2018} Wort"
            );
        }

        #[test]
        fn apostrophes() {
            assert_eq!(de("geht's, Hans' Auto"), "geht’s, Hans’ Auto");
        }
    }

    mod locale_selection {
        use super::*;

        #[test]
        fn language_subtag_decides() {
            assert_eq!(apply_to_text("Quoi?", "fr-CA"), "Quoi\u{202F}?");
            assert_eq!(apply_to_text("Quoi?", "fr_CH"), "Quoi\u{202F}?");
            assert_eq!(apply_to_text("\"a\"", "de-AT"), "\u{201E}a\u{201C}");
        }

        #[test]
        fn unknown_locale_changes_nothing() {
            for locale in ["ja", "xx", "", "pt-BR"] {
                assert_eq!(apply_to_text("\"a\" b? c'd", locale), "\"a\" b? c'd");
            }
        }

        #[test]
        fn no_locale_option_changes_nothing() {
            assert_eq!(
                render_html("\"a\" b?\n", &RenderOptions::default()),
                "<p>\"a\" b?</p>\n"
            );
        }
    }

    mod never_inside {
        use super::*;

        #[test]
        fn code_spans() {
            assert_eq!(
                md("Tapez `echo \"a\"; ls` ici.\n", "fr"),
                "<p>Tapez <code>echo \"a\"; ls</code> ici.</p>\n"
            );
        }

        #[test]
        fn code_blocks() {
            assert_eq!(
                md("```\nlet s = \"a\"; x?\n```\n", "fr"),
                "<pre><code>let s = \"a\"; x?\n</code></pre>\n"
            );
        }

        #[test]
        fn raw_html_and_its_attributes() {
            assert_eq!(
                md("<abbr title=\"Quoi ? l'été\">Q</abbr> !\n", "fr"),
                "<p><abbr title=\"Quoi ? l'été\">Q</abbr>\u{202F}!</p>\n"
            );
            assert_eq!(
                md("<div title=\"a: b\">\n\"x\"\n</div>\n", "fr"),
                "<div title=\"a: b\">\n\"x\"\n</div>\n"
            );
        }

        #[test]
        fn autolinks() {
            assert_eq!(
                md(
                    "Voir https://example.com/a?b=c:d et www.example.fr !\n",
                    "fr"
                ),
                "<p>Voir <a href=\"https://example.com/a?b=c:d\" rel=\"noopener noreferrer\">https://example.com/a?b=c:d</a> \
                 et <a href=\"http://www.example.fr\" rel=\"noopener noreferrer\">www.example.fr</a>\u{202F}!</p>\n"
            );
        }

        #[test]
        fn link_destinations_and_titles() {
            assert_eq!(
                md("[l'été](https://x.fr/a?b \"l'été ?\")\n", "fr"),
                "<p><a href=\"https://x.fr/a?b\" title=\"l'été ?\" rel=\"noopener noreferrer\">l’été</a></p>\n"
            );
        }

        #[test]
        fn image_alt_text() {
            assert_eq!(
                md("![l'été \"x\"](a.png)\n", "fr"),
                "<p><img src=\"a.png\" alt=\"l'été &quot;x&quot;\"></p>\n"
            );
        }

        #[test]
        fn markup_tags_and_entities() {
            assert_eq!(
                apply_to_markup(
                    "<a href=\"/x?y=1\" title=\"a : b\">Quoi?</a> &amp; l'été",
                    "fr"
                ),
                "<a href=\"/x?y=1\" title=\"a : b\">Quoi\u{202F}?</a> &amp; l’été"
            );
        }
    }

    mod idempotence {
        use super::*;

        #[test]
        fn applying_twice_changes_nothing() {
            for (locale, text) in [
                ("fr", "Il dit \"bonjour\" : l'été ? Oui ! « a » ; 10:30"),
                ("en", "She said \"hi\" and 'yes', don't"),
                ("de", "Er sagt \"Hallo\" und 'ja', geht's"),
            ] {
                let once = apply_to_text(text, locale);
                assert_eq!(apply_to_text(&once, locale), once, "{locale}: {text}");
            }
        }
    }
}
