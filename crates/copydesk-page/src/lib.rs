//! The site preview page: an article's body inside the site's theme, with the
//! site's strings and dates in the page's locale.
//!
//! The theme is a minijinja template (what goes inside `<body>`) and a
//! stylesheet; Copydesk builds the rest of the document itself so that every
//! page starts with the same strict Content-Security-Policy. What the template
//! writes is sanitised (ammonia, [`sanitize_page`]): a template, however
//! written, cannot put a script, an event handler, a `javascript:` URL, a
//! frame, a `<style>`, a `<meta>` or a `<base>` into the page. The app shows the
//! page in a sandboxed frame without scripts as a further wall.

mod dates;
mod numbers;
mod sanitize;
mod strings;

use std::path::Path;
use std::sync::Arc;

use minijinja::value::{Kwargs, Serde, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind};
use serde::Serialize;

pub use dates::{DateStyle, FluentDate, format_date, parse_iso_date};
pub use numbers::{NumberOptions, format_number};
pub use sanitize::sanitize_page;
pub use strings::{Arg, Found, SiteStrings, Translator, fallback_chain, language_of};

/// The built-in theme's template.
pub const DEFAULT_TEMPLATE: &str = include_str!("../theme/page.html");
/// The built-in theme's stylesheet.
pub const DEFAULT_STYLESHEET: &str = include_str!("../theme/site.css");
/// Name under which the built-in template is reported in errors.
pub const DEFAULT_TEMPLATE_NAME: &str = "default/page.html";

/// Styles Copydesk adds after the theme's: the marker of strings shown in
/// another language, and the placeholders of blocks too large to preview.
pub const PREVIEW_STYLESHEET: &str = "\
mark.cd-missing-string{background:#fff1b8;color:inherit;outline:1px dashed #d9480f;outline-offset:1px;border-radius:2px}\n\
mark.cd-missing-string[data-state=missing]{background:#ffd8d8}\n\
.cd-oversized{padding:.8em 1em;border:1px dashed #999;border-radius:6px;color:#555;font:14px/1.4 system-ui,sans-serif;margin:1em 0}\n";

/// The Content-Security-Policy every page starts with: no script at all, no
/// plug-ins, no base or form targets; styles only inline; images and fonts
/// from the workspace, `data:` and the web.
pub const PAGE_CSP: &str = "default-src 'none'; script-src 'none'; object-src 'none'; \
frame-src 'none'; base-uri 'none'; form-action 'none'; style-src 'unsafe-inline'; \
img-src data: https: http://copydesk-asset.localhost copydesk-asset:; font-src data: https:";

/// A theme file as read for one render.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// The path (or `default/…` for the built-in theme), as errors name it.
    pub name: String,
    pub text: String,
}

/// A template and a stylesheet.
#[derive(Debug, Clone)]
pub struct Theme {
    pub template: ThemeFile,
    pub stylesheet: ThemeFile,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            template: ThemeFile {
                name: DEFAULT_TEMPLATE_NAME.into(),
                text: DEFAULT_TEMPLATE.into(),
            },
            stylesheet: ThemeFile {
                name: "default/site.css".into(),
                text: DEFAULT_STYLESHEET.into(),
            },
        }
    }
}

impl Theme {
    /// Reads the given files afresh (so edits show at the next render); a
    /// part not given is the built-in one. A file that cannot be read is
    /// reported and the built-in part used instead.
    pub fn load(template: Option<&Path>, stylesheet: Option<&Path>) -> (Theme, Vec<PageError>) {
        let mut theme = Theme::default();
        let mut errors = Vec::new();
        let mut read = |path: &Path, slot: &mut ThemeFile| match std::fs::read_to_string(path) {
            Ok(text) => {
                *slot = ThemeFile {
                    name: path.display().to_string(),
                    text,
                }
            }
            Err(e) => errors.push(PageError {
                file: path.display().to_string(),
                line: None,
                message: format!("cannot read the file: {e}"),
            }),
        };
        if let Some(p) = template {
            read(p, &mut theme.template);
        }
        if let Some(p) = stylesheet {
            read(p, &mut theme.stylesheet);
        }
        (theme, errors)
    }
}

/// A problem with the theme, located in its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageError {
    pub file: String,
    /// 1-based, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// The article as the template sees it (`article.title`…).
#[derive(Debug, Clone, Default, Serialize)]
pub struct PageArticle {
    pub title: String,
    pub author: String,
    /// ISO date (`2025-03-18`); the template formats it (`t("published-on", date=…)`, `|date`).
    pub date: Option<String>,
    pub summary: String,
    pub locale: String,
    pub slug: String,
    pub tags: Vec<String>,
    pub words: usize,
    pub reading_minutes: u32,
    /// The rendered, sanitised body (inserted as is).
    #[serde(skip)]
    pub body_html: String,
}

/// Another article, for the "related articles" block.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RelatedArticle {
    pub title: String,
    pub summary: String,
    pub date: Option<String>,
    pub slug: String,
    pub locale: String,
}

/// Everything a page is made of.
#[derive(Debug, Clone, Default)]
pub struct PageInput {
    pub article: PageArticle,
    pub related: Vec<RelatedArticle>,
}

fn template_error(name: &str, e: &Error) -> PageError {
    let mut message = e.kind().to_string();
    if let Some(detail) = e.detail() {
        message = format!("{message}: {detail}");
    }
    PageError {
        file: e.name().unwrap_or(name).to_string(),
        line: e.line(),
        message,
    }
}

fn args_of(kwargs: &Kwargs) -> Result<Vec<(String, Arg)>, Error> {
    let mut args = Vec::new();
    for name in kwargs.args() {
        let v: Value = kwargs.get(name)?;
        let arg = if let Some(n) = v.as_i64() {
            Arg::Number(n as f64)
        } else if let Ok(n) = f64::try_from(v.clone()) {
            Arg::Number(n)
        } else if v.is_undefined() || v.is_none() {
            Arg::Text(String::new())
        } else {
            Arg::from_text(&v.to_string())
        };
        args.push((name.to_string(), arg));
    }
    Ok(args)
}

/// Renders the template of `theme` for `input` and returns the sanitised
/// `<body>` content. The locale is `input.article.locale`.
pub fn render_body(
    input: &PageInput,
    theme: &Theme,
    site: &SiteStrings,
) -> Result<String, PageError> {
    let locale = input.article.locale.clone();
    let translator = Arc::new(Translator::new(site, &locale));
    let mut env = Environment::new();
    // Every template is HTML, whatever its file is called.
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    let name = theme.template.name.clone();
    env.add_template_owned(name.clone(), theme.template.text.clone())
        .map_err(|e| template_error(&name, &e))?;
    let t = translator.clone();
    env.add_function(
        "t",
        move |id: &str, kwargs: Kwargs| -> Result<Value, Error> {
            let args = args_of(&kwargs)?;
            Ok(Value::from_safe_string(t.format_marked(id, &args).html))
        },
    );
    let t = translator.clone();
    env.add_function(
        "ta",
        move |id: &str, kwargs: Kwargs| -> Result<Value, Error> {
            let args = args_of(&kwargs)?;
            Ok(Value::from(t.format_text(id, &args)))
        },
    );
    let date_locale = locale.clone();
    env.add_filter(
        "date",
        move |value: String, style: Option<String>| -> Result<String, Error> {
            let style = match style.as_deref() {
                None => DateStyle::Long,
                Some(s) => DateStyle::parse(s).ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidOperation,
                        format!("unknown date style {s:?} (full, long, medium, short)"),
                    )
                })?,
            };
            Ok(format_date(&value, &date_locale, style).unwrap_or(value))
        },
    );
    let typo = |s: &str| copydesk_markdown::typography::apply_to_text(s, &locale);
    let mut article = input.article.clone();
    article.title = typo(&article.title);
    article.summary = typo(&article.summary);
    let related: Vec<RelatedArticle> = input
        .related
        .iter()
        .map(|r| RelatedArticle {
            title: copydesk_markdown::typography::apply_to_text(&r.title, &r.locale),
            summary: copydesk_markdown::typography::apply_to_text(&r.summary, &r.locale),
            ..r.clone()
        })
        .collect();
    let mut article_value: std::collections::BTreeMap<String, Value> = serde_json_like(&article);
    article_value.insert(
        "body_html".into(),
        Value::from_safe_string(input.article.body_html.clone()),
    );
    let tmpl = env
        .get_template(&name)
        .map_err(|e| template_error(&name, &e))?;
    let html = tmpl
        .render(minijinja::context! {
            article => Value::from(article_value),
            related => Value::from(Serde(&related)),
            locale => locale.clone(),
        })
        .map_err(|e| template_error(&name, &e))?;
    Ok(sanitize_page(&html))
}

/// The article's fields as template values.
fn serde_json_like(article: &PageArticle) -> std::collections::BTreeMap<String, Value> {
    let v = Value::from(Serde(article));
    let mut map = std::collections::BTreeMap::new();
    if let Ok(keys) = v.try_iter() {
        for k in keys {
            if let Ok(val) = v.get_item(&k) {
                map.insert(k.to_string(), val);
            }
        }
    }
    map
}

fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A stylesheet made safe to put inside `<style>`: nothing can close it early.
fn style_text(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let lower = css.to_ascii_lowercase();
    let mut last = 0;
    for (i, _) in lower.match_indices("</style") {
        out.push_str(&css[last..i]);
        out.push_str("<\\/style");
        last = i + "</style".len();
    }
    out.push_str(&css[last..]);
    out
}

/// The whole document around a sanitised body: doctype, `lang`, charset, the
/// CSP (first in `<head>`), viewport, title and the stylesheets inline.
pub fn document(locale: &str, title: &str, css: &str, body: &str) -> String {
    let lang = escape_text(locale);
    let mut html = String::with_capacity(body.len() + css.len() + 1024);
    html.push_str("<!DOCTYPE html>\n<html lang=\"");
    html.push_str(&lang);
    html.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"");
    html.push_str(PAGE_CSP);
    html.push_str(
        "\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    );
    html.push_str(&escape_text(title));
    html.push_str("</title>\n<style>\n");
    html.push_str(&style_text(css));
    html.push_str("\n</style>\n<style>\n");
    html.push_str(PREVIEW_STYLESHEET);
    html.push_str("</style>\n</head>\n<body>\n");
    html.push_str(body);
    html.push_str("\n</body>\n</html>\n");
    html
}

/// Renders the page: the sanitised template output inside [`document`].
pub fn render_page(
    input: &PageInput,
    theme: &Theme,
    site: &SiteStrings,
) -> Result<String, PageError> {
    let body = render_body(input, theme, site)?;
    let title =
        copydesk_markdown::typography::apply_to_text(&input.article.title, &input.article.locale);
    Ok(document(
        &input.article.locale,
        &title,
        &theme.stylesheet.text,
        &body,
    ))
}

/// Replaces the `src` of every `<img>` that `resolve` can read by a `data:`
/// URI, for a page that stands alone (an exported file).
/// `resolve(src)` returns the file's bytes and media type.
pub fn embed_images(html: &str, resolve: impl Fn(&str) -> Option<(Vec<u8>, String)>) -> String {
    use base64::Engine as _;
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<img ") {
        let (before, tag_start) = rest.split_at(at);
        out.push_str(before);
        let end = tag_start.find('>').map_or(tag_start.len(), |e| e + 1);
        let tag = &tag_start[..end];
        let replaced = tag.find(" src=\"").and_then(|s| {
            let from = s + " src=\"".len();
            let len = tag[from..].find('"')?;
            let src = tag[from..from + len].replace("&amp;", "&");
            if src.starts_with("data:") {
                return None;
            }
            let (bytes, mime) = resolve(&src)?;
            let data = base64::engine::general_purpose::STANDARD.encode(bytes);
            Some(format!(
                "{}data:{mime};base64,{data}{}",
                &tag[..from],
                &tag[from + len..]
            ))
        });
        out.push_str(replaced.as_deref().unwrap_or(tag));
        rest = &tag_start[end..];
    }
    out.push_str(rest);
    out
}

/// The media type of an image file, by extension.
pub fn image_mime(path: &str) -> Option<&'static str> {
    let ext = path.rsplit('.').next()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "avif" => "image/avif",
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
