//! The page's allow-list: what a theme template may write. ammonia's
//! defaults (no `<script>`, `<style>`, `<iframe>`, `<object>`, `<embed>`,
//! `<meta>`, `<base>`, `<link>`, no `on*` handler, no `javascript:` URL, no
//! comments) plus the elements of a page's layout, a newsletter form that
//! cannot be sent (the preview frame forbids forms), and the attributes the
//! article body already carries, so the body goes through unchanged.

use std::borrow::Cow;

use ammonia::Builder;

const LAYOUT_TAGS: &[&str] = &[
    "header",
    "footer",
    "nav",
    "main",
    "article",
    "section",
    "aside",
    "figure",
    "figcaption",
    "time",
    "mark",
    "form",
    "input",
    "button",
    "label",
    "address",
    "picture",
    "source",
];

/// Sanitises what a template wrote (the content of `<body>`).
pub fn sanitize_page(html: &str) -> String {
    let mut b = Builder::default();
    b.add_tags(LAYOUT_TAGS);
    b.add_generic_attributes([
        "class", "id", "lang", "dir", "title", "role", "hidden", "tabindex",
    ]);
    b.add_generic_attribute_prefixes(["data-", "aria-"]);
    b.add_tag_attributes("time", ["datetime"]);
    b.add_tag_attributes("form", ["action", "method"]);
    b.add_tag_attributes(
        "input",
        [
            "type",
            "name",
            "placeholder",
            "required",
            "autocomplete",
            "value",
            "checked",
            "disabled",
        ],
    );
    b.add_tag_attributes("button", ["type", "disabled"]);
    b.add_tag_attributes("label", ["for"]);
    b.add_tag_attributes("img", ["loading", "decoding", "srcset", "sizes"]);
    b.add_tag_attributes("source", ["srcset", "media", "type", "sizes"]);
    b.add_url_schemes(["data", "copydesk-asset"]);
    b.attribute_filter(|element, attribute, value| {
        if value
            .trim_start()
            .get(..5)
            .is_some_and(|p| p.eq_ignore_ascii_case("data:"))
        {
            // data: only as an image, never as a link or a form target.
            let image = element == "img"
                && attribute == "src"
                && value.trim_start()[5..]
                    .to_ascii_lowercase()
                    .starts_with("image/");
            return image.then_some(Cow::Borrowed(value));
        }
        Some(Cow::Borrowed(value))
    });
    b.clean(html).to_string()
}
