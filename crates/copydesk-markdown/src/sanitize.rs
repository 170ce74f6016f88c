//! The ammonia half of rendering: ammonia's defaults plus exactly what
//! comrak's GFM output needs.

use std::borrow::Cow;

use ammonia::{Builder, Url, UrlRelative, UrlRelativeEvaluate};

use crate::RenderOptions;

/// Sanitise arbitrary HTML with the same allow-list as [`render_html`](crate::render_html).
///
/// Starts from ammonia's defaults, which drop `<script>`, `<style>`,
/// `<iframe>`, `<object>`, `<embed>`, `<form>`, `on*` handlers, comments and
/// URLs with schemes other than the usual web ones, and add
/// `rel="noopener noreferrer"` to every link. On top of them it keeps what
/// comrak's GFM output uses:
///
/// - `id` on `h1`–`h6`, `li` and `a` (heading and footnote anchors);
/// - the classes `anchor`, `footnotes`, `footnote-ref`, `footnote-backref`,
///   `task-list-item`, `contains-task-list`, `task-list-item-checkbox` and
///   `language-*`; any other class value is removed;
/// - `data-footnotes`, `data-footnote-ref`, `data-footnote-backref`,
///   `data-footnote-backref-idx`, `data-heading-content`, `aria-label`,
///   `aria-hidden`;
/// - `<section>`, and `<input>` only as a task-list checkbox: `type="checkbox"`,
///   always `disabled`, optionally `checked`. Any other `<input>` is removed.
///
/// `data:` URLs survive only as `<img src>` with an `image/` media type;
/// `javascript:` and `vbscript:` URLs never survive in a URL attribute
/// (`href`, `src`, `cite`…). Plain-text attributes such as `title` and `alt`
/// keep their words even if they read "JavaScript: the good parts", since no
/// browser treats them as URLs. Relative URLs are resolved against
/// [`RenderOptions::asset_base`] when it is set.
pub fn sanitize_html(html: &str, opts: &RenderOptions) -> String {
    Sanitizer::new(opts).clean(html)
}

/// What a set of [`RenderOptions`] means to ammonia. Kept apart from the
/// `Builder` because the builder borrows strings (the asset scheme) that must
/// live somewhere while it is used for several blocks.
pub(crate) struct Sanitizer {
    asset_base: Option<Url>,
}

impl Sanitizer {
    pub(crate) fn new(opts: &RenderOptions) -> Self {
        let asset_base = opts
            .asset_base
            .as_deref()
            .and_then(|base| Url::parse(base).ok())
            // "mailto:x" parses but nothing can be resolved against it.
            .filter(|base| !base.cannot_be_a_base());
        Self { asset_base }
    }

    /// Builds the ammonia configuration; build once and clean many blocks
    /// with it, as constructing it costs more than cleaning a small block.
    pub(crate) fn builder(&self) -> Builder<'_> {
        let mut b = Builder::default();
        b.add_tags(["section", "input"]);
        b.add_generic_attributes(["aria-label", "aria-hidden"]);
        for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
            b.add_tag_attributes(h, ["id"]);
        }
        b.add_tag_attributes(
            "a",
            [
                "id",
                "class",
                "data-footnote-ref",
                "data-footnote-backref",
                "data-footnote-backref-idx",
                "data-heading-content",
            ],
        );
        b.add_tag_attributes("li", ["id", "class"]);
        for tag in ["ul", "ol", "sup", "code"] {
            b.add_tag_attributes(tag, ["class"]);
        }
        b.add_tag_attributes("section", ["class", "data-footnotes"]);
        b.add_tag_attributes("input", ["type", "checked", "disabled", "class"]);
        // A checkbox the reader could tick would suggest the preview edits
        // the document; it does not.
        b.set_tag_attribute_value("input", "disabled", "");
        b.attribute_filter(filter_attribute);
        // `data` must pass ammonia's scheme check to reach filter_attribute,
        // which then keeps it only on <img src>.
        b.add_url_schemes(["data"]);
        if let Some(base) = &self.asset_base {
            b.add_url_schemes([base.scheme()]);
            b.url_relative(UrlRelative::Custom(Box::new(AgainstBase(base.clone()))));
        }
        b
    }

    pub(crate) fn clean(&self, html: &str) -> String {
        clean_with(&self.builder(), html)
    }
}

/// Sanitises with an already built configuration.
pub(crate) fn clean_with(builder: &Builder<'_>, html: &str) -> String {
    drop_non_checkbox_inputs(builder.clean(html).to_string())
}

/// Resolves relative URLs against the asset base, except in-page fragments.
struct AgainstBase(Url);

impl<'a> UrlRelativeEvaluate<'a> for AgainstBase {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        let trimmed = url.trim_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control());
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return Some(Cow::Borrowed(url));
        }
        // An unresolvable URL is dropped rather than left to the webview to
        // resolve against the app's own origin.
        self.0.join(trimmed).ok().map(|u| Cow::Owned(u.into()))
    }
}

/// Class tokens comrak emits; anything else a document brings is dropped so
/// raw HTML cannot borrow the app's own styles.
const ALLOWED_CLASSES: &[&str] = &[
    "anchor",
    "footnotes",
    "footnote-ref",
    "footnote-backref",
    "task-list-item",
    "contains-task-list",
    "task-list-item-checkbox",
];

fn allowed_class(token: &str) -> bool {
    ALLOWED_CLASSES.contains(&token)
        || token.strip_prefix("language-").is_some_and(|lang| {
            !lang.is_empty()
                && lang
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+#._-".contains(&b))
        })
}

/// Attributes a browser reads as URLs. Wider than ammonia's own list, which
/// leaves `cite` unchecked.
fn is_url_attribute(attribute: &str) -> bool {
    matches!(
        attribute,
        "href"
            | "src"
            | "cite"
            | "xlink:href"
            | "action"
            | "formaction"
            | "poster"
            | "background"
            | "longdesc"
            | "ping"
            | "data"
            | "srcset"
            | "usemap"
    )
}

/// The scheme a browser would see in `value`, lower-cased, following the URL
/// standard's parsing: leading C0 controls and spaces are skipped and tabs
/// and newlines anywhere are ignored, so "java\tscript:" is "javascript".
fn url_scheme(value: &str) -> Option<String> {
    let mut chars = value
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let mut scheme = String::new();
    for c in chars.by_ref() {
        match c {
            ':' => return (!scheme.is_empty()).then_some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) => {
                scheme.push(c);
            }
            _ => return None,
        }
    }
    None
}

/// Whether a `data:` URL declares an image media type.
fn is_image_data_url(value: &str) -> bool {
    let Some((_, rest)) = value.split_once(':') else {
        return false;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
    rest.get(..6)
        .is_some_and(|media| media.eq_ignore_ascii_case("image/"))
}

/// ammonia's per-attribute hook: runs after its own allow-list, on the
/// attributes that list kept.
fn filter_attribute<'v>(element: &str, attribute: &str, value: &'v str) -> Option<Cow<'v, str>> {
    if element == "input" && attribute == "type" {
        // Other types are removed here and the element itself by
        // drop_non_checkbox_inputs, since a typeless input is a text box.
        return value
            .trim()
            .eq_ignore_ascii_case("checkbox")
            .then_some(Cow::Borrowed("checkbox"));
    }
    if attribute == "class" {
        let kept: Vec<&str> = value
            .split_ascii_whitespace()
            .filter(|t| allowed_class(t))
            .collect();
        return match kept.len() {
            0 => None,
            _ if kept.join(" ") == value => Some(Cow::Borrowed(value)),
            _ => Some(Cow::Owned(kept.join(" "))),
        };
    }
    if is_url_attribute(attribute) {
        return match url_scheme(value).as_deref() {
            Some("javascript" | "vbscript") => None,
            Some("data") if element == "img" && attribute == "src" && is_image_data_url(value) => {
                Some(Cow::Borrowed(value))
            }
            Some("data") => None,
            _ => Some(Cow::Borrowed(value)),
        };
    }
    Some(Cow::Borrowed(value))
}

/// Removes every `<input>` that is not a checkbox from ammonia's output.
///
/// ammonia can drop attributes but not elements by attribute value, and an
/// `<input>` without `type` is a text box, so this pass finishes the job. It
/// relies on the shape of html5ever's serialisation: `<` is escaped in text
/// and (since html5ever follows the 2025 spec change) in attribute values,
/// and values are always double-quoted with `"` escaped, so the only
/// `type="checkbox"` inside an input tag is the real attribute. The scanner
/// still honours quotes in case an older serialiser leaves `<` unescaped.
fn drop_non_checkbox_inputs(html: String) -> String {
    if !html.contains("<input") {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tag_len = tag_length(&rest[lt..]);
        let tag = &rest[lt..lt + tag_len];
        let is_input = tag
            .strip_prefix("<input")
            .is_some_and(|after| after.starts_with([' ', '>', '/']));
        if !is_input || tag.contains(" type=\"checkbox\"") {
            out.push_str(tag);
        }
        rest = &rest[lt + tag_len..];
    }
    out.push_str(rest);
    out
}

/// Length of the tag starting at `s[0] == '<'`, up to and including the `>`
/// that is not inside a double-quoted attribute value (or all of `s`).
fn tag_length(s: &str) -> usize {
    let mut in_quotes = false;
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'>' if !in_quotes => return i + 1,
            _ => {}
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render_html;

    fn render(md: &str) -> String {
        render_html(md, &RenderOptions::default())
    }

    fn clean(html: &str) -> String {
        sanitize_html(html, &RenderOptions::default())
    }

    mod sanitising {
        use super::*;

        #[test]
        fn script_removed() {
            assert_eq!(
                render("Hi <script>alert(1)</script> there\n\n<script>\nalert(2)\n</script>\n"),
                "<p>Hi  there</p>\n\n",
                "inline and block <script> vanish with their content"
            );
        }

        #[test]
        fn javascript_link_loses_href() {
            let html = render("[x](javascript:alert(1)) [y](JaVa\tScRiPt:alert(1))\n");
            assert!(
                !html.to_ascii_lowercase().contains("javascript"),
                "no javascript: URL survives: {html}"
            );
            assert!(html.contains(">x</a>"), "the link text stays: {html}");
        }

        #[test]
        fn vbscript_and_javascript_in_cite_removed() {
            let html = clean(
                "<blockquote cite=\"javascript:alert(1)\">a</blockquote><q cite=\" vbscript:x\">b</q>",
            );
            assert_eq!(
                html, "<blockquote>a</blockquote><q>b</q>",
                "cite attributes, which ammonia does not check, lose script URLs"
            );
        }

        #[test]
        fn text_attributes_keep_their_words() {
            let html = render("[book](https://example.com \"JavaScript: the good parts\")\n");
            assert!(
                html.contains("title=\"JavaScript: the good parts\""),
                "a title is text, not a URL: {html}"
            );
        }

        #[test]
        fn onerror_removed() {
            assert_eq!(
                clean("<img src=x onerror=alert(1)>"),
                "<img src=\"x\">",
                "event handler attributes are dropped, the image stays"
            );
        }

        #[test]
        fn iframe_removed() {
            assert_eq!(
                render("<iframe src=\"https://evil.example/\"></iframe>\n\nafter\n"),
                "\n<p>after</p>\n",
                "iframes are dropped"
            );
        }

        #[test]
        fn data_href_removed() {
            assert_eq!(
                clean("<a href=\"data:text/html,<script>alert(1)</script>\">x</a>"),
                "<a rel=\"noopener noreferrer\">x</a>",
                "data: URLs never survive in a link"
            );
            assert_eq!(
                clean("<a href=\"data:image/png;base64,AAAA\">x</a>"),
                "<a rel=\"noopener noreferrer\">x</a>",
                "not even image ones: only <img src> may hold data:"
            );
        }

        #[test]
        fn data_image_kept() {
            let src = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
            assert_eq!(
                clean(&format!("<img src=\"{src}\" alt=\"dot\">")),
                format!("<img src=\"{src}\" alt=\"dot\">"),
                "an image data: URL is kept on <img>"
            );
            assert_eq!(
                render(&format!("![dot]({src})\n")),
                format!("<p><img src=\"{src}\" alt=\"dot\"></p>\n"),
                "also when written as Markdown"
            );
        }

        #[test]
        fn data_non_image_src_removed() {
            assert_eq!(
                clean("<img src=\"data:text/html;base64,PHNjcmlwdD4=\">"),
                "<img>",
                "a data: URL must declare an image/ media type"
            );
        }

        #[test]
        fn text_input_removed() {
            assert_eq!(
                clean("a<input type=\"text\" value=\"x\">b<input>c<INPUT TYPE=password>d"),
                "abcd",
                "inputs that are not checkboxes disappear entirely"
            );
        }

        #[test]
        fn raw_checkbox_is_disabled() {
            assert_eq!(
                clean("<input type=\"CheckBox\" name=\"n\" onclick=\"x()\" checked>"),
                "<input type=\"checkbox\" checked=\"\" disabled=\"\">",
                "a raw checkbox is kept but inert"
            );
        }

        #[test]
        fn svg_script_removed() {
            let html = render("<svg><script>alert(1)</script></svg>\n");
            assert!(
                !html.contains("script") && !html.contains("alert"),
                "a script inside SVG is gone: {html}"
            );
        }

        #[test]
        fn object_embed_form_removed() {
            let html = clean(
                "<object data=\"x.swf\"></object><embed src=\"x.swf\">\
                 <form action=\"https://evil.example/\"><button formaction=\"javascript:x\">b</button></form>",
            );
            assert_eq!(
                html, "b",
                "object, embed, form and button are dropped, text content stays"
            );
        }

        #[test]
        fn foreign_classes_removed() {
            assert_eq!(
                clean(
                    "<code class=\"language-rust cd-oversized\">x</code><span class=\"anchor\">y</span>"
                ),
                "<code class=\"language-rust\">x</code><span>y</span>",
                "only comrak's class values survive, and only where comrak uses classes"
            );
        }

        #[test]
        fn style_removed() {
            assert_eq!(
                clean("<style>body{}</style><p style=\"position:fixed\">p</p>"),
                "<p>p</p>",
                "style elements and attributes are dropped"
            );
        }

        #[test]
        fn tag_scanner_respects_quotes() {
            assert_eq!(
                clean("<a title=\"<input type=text>\" href=\"#x\">a</a><input type=\"text\">"),
                "<a title=\"&lt;input type=text&gt;\" href=\"#x\" rel=\"noopener noreferrer\">a</a>",
                "an input-looking attribute value is left alone, the real input is removed"
            );
        }

        #[test]
        fn asset_scheme_survives_sanitising_twice() {
            let opts = RenderOptions {
                asset_base: Some("copydesk-asset://localhost/".into()),
                ..Default::default()
            };
            let once = render_html("![a](a.png)\n", &opts);
            assert_eq!(
                sanitize_html(&once, &opts),
                once,
                "already rewritten asset URLs are stable"
            );
        }

        #[test]
        fn url_scheme_parsing() {
            assert_eq!(
                url_scheme(" \u{1}JaVa\nScript:x").as_deref(),
                Some("javascript"),
                "controls and newlines are ignored like browsers do"
            );
            assert_eq!(url_scheme("a/b:c"), None, "a path is not a scheme");
            assert_eq!(url_scheme("#x:y"), None, "a fragment is not a scheme");
        }
    }
}
