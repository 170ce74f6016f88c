//! A message as the Strings view's editor shows it: a value and attributes,
//! each a text, or a select expression shown as variants (one per plural
//! category, gender, …) with the text around it. [`model_of`] reads it from
//! FTL (with fluent-syntax's serializer for each piece), [`compose`] writes
//! it back as FTL; the FTL is what is checked and saved.

use fluent_syntax::ast;
use fluent_syntax::parser;
use fluent_syntax::serializer::serialize;
use serde::{Deserialize, Serialize};

use crate::plural::{PluralInfo, is_category_name};

/// A message (or term) split into editable texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageModel {
    /// The id (`-brand` for a term).
    pub id: String,
    pub value: Option<PatternModel>,
    pub attributes: Vec<AttributeModel>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeModel {
    pub name: String,
    pub pattern: PatternModel,
}

/// A pattern: plain text (placeables written as in FTL, `{ $name }`), or a
/// select expression with the text before and after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatternModel {
    /// The text, when `select` is `None`.
    pub text: String,
    pub select: Option<SelectModel>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectModel {
    pub prefix: String,
    /// The selector as written (`$count`, `NUMBER($n)`, `-brand.gender`).
    pub selector: String,
    pub variants: Vec<VariantModel>,
    pub suffix: String,
    /// Whether the variant keys are plural categories (or numbers).
    pub plural: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantModel {
    pub key: String,
    pub text: String,
    pub default: bool,
}

/// The model of the first message or term in `source`, if it parses.
pub fn model_of(source: &str) -> Option<MessageModel> {
    let res = match parser::parse(source) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    res.body.iter().find_map(|e| match e {
        ast::Entry::Message(m) => Some(MessageModel {
            id: m.id.name.to_string(),
            value: m.value.as_ref().map(pattern_model),
            attributes: attributes(&m.attributes),
        }),
        ast::Entry::Term(t) => Some(MessageModel {
            id: format!("-{}", t.id.name),
            value: Some(pattern_model(&t.value)),
            attributes: attributes(&t.attributes),
        }),
        _ => None,
    })
}

fn attributes(attrs: &[ast::Attribute<&str>]) -> Vec<AttributeModel> {
    attrs
        .iter()
        .map(|a| AttributeModel {
            name: a.id.name.to_string(),
            pattern: pattern_model(&a.value),
        })
        .collect()
}

fn pattern_model(p: &ast::Pattern<&str>) -> PatternModel {
    let selects: Vec<usize> = p
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            matches!(
                e,
                ast::PatternElement::Placeable {
                    expression: ast::Expression::Select { .. }
                }
            )
        })
        .map(|(i, _)| i)
        .collect();
    if let [i] = selects[..]
        && let ast::PatternElement::Placeable {
            expression: ast::Expression::Select { selector, variants },
        } = &p.elements[i]
    {
        let variants: Vec<VariantModel> = variants
            .iter()
            .map(|v| VariantModel {
                key: match &v.key {
                    ast::VariantKey::Identifier { name } => name.to_string(),
                    ast::VariantKey::NumberLiteral { value } => value.to_string(),
                },
                text: pattern_text(&v.value),
                default: v.default,
            })
            .collect();
        let plural = variants.iter().any(|v| {
            v.key != "other" && (is_category_name(&v.key) || v.key.parse::<f64>().is_ok())
        });
        return PatternModel {
            text: String::new(),
            select: Some(SelectModel {
                prefix: pattern_text(&ast::Pattern {
                    elements: p.elements[..i].to_vec(),
                }),
                selector: inline_text(selector),
                variants,
                suffix: pattern_text(&ast::Pattern {
                    elements: p.elements[i + 1..].to_vec(),
                }),
                plural,
            }),
        };
    }
    PatternModel {
        text: pattern_text(p),
        select: None,
    }
}

/// The FTL of a pattern as one writes it after `=`, without indentation.
fn pattern_text(p: &ast::Pattern<&str>) -> String {
    if p.elements.is_empty() {
        return String::new();
    }
    // An empty string literal alone is how an empty text is written.
    if let [
        ast::PatternElement::Placeable {
            expression: ast::Expression::Inline(ast::InlineExpression::StringLiteral { value: "" }),
        },
    ] = &p.elements[..]
    {
        return String::new();
    }
    let res = ast::Resource {
        body: vec![ast::Entry::Message(ast::Message {
            id: ast::Identifier { name: "x" },
            value: Some(p.clone()),
            attributes: vec![],
            comment: None,
        })],
    };
    let text = serialize(&res);
    let body = text.strip_prefix("x =").unwrap_or(&text);
    let body = body.strip_prefix(' ').unwrap_or(body);
    let body = body.strip_prefix('\n').unwrap_or(body);
    body.trim_end_matches('\n')
        .split('\n')
        .map(|l| l.strip_prefix("    ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

fn inline_text(e: &ast::InlineExpression<&str>) -> String {
    let text = pattern_text(&ast::Pattern {
        elements: vec![ast::PatternElement::Placeable {
            expression: ast::Expression::Inline(e.clone()),
        }],
    });
    text.trim()
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .map_or(text.clone(), |t| t.trim().to_string())
}

/// The FTL of a model (one message, no comment, final line ending).
pub fn compose(m: &MessageModel) -> String {
    let mut out = m.id.clone();
    out.push_str(" =");
    if let Some(v) = &m.value {
        out.push_str(&pattern_ftl(v));
    }
    for a in &m.attributes {
        out.push_str("\n    .");
        out.push_str(&a.name);
        out.push_str(" =");
        out.push_str(&indent_block(&pattern_ftl(&a.pattern), 4));
    }
    out.push('\n');
    out
}

/// What follows `=`: ` text` or a new line and an indented block.
fn pattern_ftl(p: &PatternModel) -> String {
    match &p.select {
        None => text_ftl(&p.text, 4),
        Some(s) => {
            let mut body = String::new();
            body.push_str(&s.prefix);
            body.push_str("{ ");
            body.push_str(s.selector.trim());
            body.push_str(" ->\n");
            for v in &s.variants {
                body.push_str(if v.default { "   *[" } else { "    [" });
                body.push_str(v.key.trim());
                body.push(']');
                body.push_str(&text_ftl(&v.text, 8));
                body.push('\n');
            }
            body.push('}');
            body.push_str(&s.suffix);
            let lines: Vec<&str> = body.split('\n').collect();
            format!("\n    {}", lines.join("\n    "))
        }
    }
}

/// A text after `=`: empty becomes `{ "" }`; later lines are indented.
fn text_ftl(text: &str, indent: usize) -> String {
    let text = text.trim_end_matches(['\n', ' ']);
    if text.trim().is_empty() {
        return " { \"\" }".into();
    }
    let pad = " ".repeat(indent);
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or("");
    let rest: Vec<String> = lines.map(|l| format!("\n{pad}{l}")).collect();
    if first.is_empty() {
        rest.concat()
    } else {
        format!(" {first}{}", rest.concat())
    }
}

/// Attribute blocks are nested one level deeper than the message.
fn indent_block(s: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    s.replace('\n', &format!("\n{pad}"))
}

/// A starting point for translating `reference`: the same value and
/// attributes with empty texts; plural selects get the target locale's
/// required categories, `other` by default.
pub fn template(reference: &MessageModel, plural: &PluralInfo) -> MessageModel {
    let empty = |p: &PatternModel| PatternModel {
        text: String::new(),
        select: p.select.as_ref().map(|s| SelectModel {
            prefix: String::new(),
            selector: s.selector.clone(),
            variants: if s.plural && s.variants.iter().all(|v| is_category_name(&v.key)) {
                let mut keys: Vec<&str> = plural.required.clone();
                if !keys.contains(&"other") {
                    keys.push("other");
                }
                keys.iter()
                    .map(|k| VariantModel {
                        key: k.to_string(),
                        text: String::new(),
                        default: *k == "other",
                    })
                    .collect()
            } else {
                s.variants
                    .iter()
                    .map(|v| VariantModel {
                        key: v.key.clone(),
                        text: String::new(),
                        default: v.default,
                    })
                    .collect()
            },
            suffix: String::new(),
            plural: s.plural,
        }),
    };
    MessageModel {
        id: reference.id.clone(),
        value: reference.value.as_ref().map(empty),
        attributes: reference
            .attributes
            .iter()
            .map(|a| AttributeModel {
                name: a.name.clone(),
                pattern: empty(&a.pattern),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plural::plural_info;

    #[test]
    fn plain_messages_round_trip() {
        let src = "newsletter-first-name = First name*\n    .placeholder = Jane { $last }\n";
        let m = model_of(src).unwrap();
        assert_eq!(m.value.as_ref().unwrap().text, "First name*");
        assert_eq!(m.attributes[0].name, "placeholder");
        assert_eq!(m.attributes[0].pattern.text, "Jane { $last }");
        assert_eq!(compose(&m), src);
    }

    #[test]
    fn selects_become_variants_and_compose_back() {
        let src = "reading-time =\n    { $count ->\n        [one] { $count } minute read\n       *[other] { $count } minutes read\n    }\n";
        let m = model_of(src).unwrap();
        let s = m.value.as_ref().unwrap().select.as_ref().unwrap();
        assert_eq!(s.selector, "$count");
        assert!(s.plural);
        assert_eq!(s.variants[0].key, "one");
        assert_eq!(s.variants[0].text, "{ $count } minute read");
        assert!(s.variants[1].default);
        assert_eq!(compose(&m), src);
        assert_eq!(model_of(&compose(&m)), Some(m));
    }

    #[test]
    fn text_around_a_select_is_kept() {
        let m = model_of(
            "m = Showing { $n ->\n    [one] one result\n   *[other] { $n } results\n} for you\n",
        )
        .unwrap();
        let s = m.value.as_ref().unwrap().select.as_ref().unwrap();
        assert_eq!(s.prefix, "Showing ");
        assert_eq!(s.suffix, " for you");
        let again = model_of(&compose(&m)).unwrap();
        assert_eq!(again, m);
    }

    #[test]
    fn multiline_text_and_empty_text() {
        let m = model_of("m =\n    First line\n    second line\n").unwrap();
        assert_eq!(m.value.as_ref().unwrap().text, "First line\nsecond line");
        assert_eq!(compose(&m), "m = First line\n    second line\n");
        let mut e = m.clone();
        e.value.as_mut().unwrap().text = String::new();
        assert_eq!(compose(&e), "m = { \"\" }\n");
        assert_eq!(model_of(&compose(&e)).unwrap().value.unwrap().text, "");
    }

    #[test]
    fn templates_offer_the_target_locale_categories() {
        let reference =
            model_of("m = { $n ->\n    [one] One\n   *[other] Many\n}\n    .title = T\n").unwrap();
        let ar = template(&reference, &plural_info("ar"));
        let keys: Vec<_> = ar
            .value
            .as_ref()
            .unwrap()
            .select
            .as_ref()
            .unwrap()
            .variants
            .iter()
            .map(|v| v.key.as_str())
            .collect();
        assert_eq!(keys, ["zero", "one", "two", "few", "many", "other"]);
        assert_eq!(ar.attributes[0].pattern.text, "");
        let ja = template(&reference, &plural_info("ja"));
        assert_eq!(ja.value.unwrap().select.unwrap().variants.len(), 1);
    }
}
