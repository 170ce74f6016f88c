//! Live formatting preview of a draft message with fluent-bundle, in the
//! target locale, with the locale's other files as context (terms, referenced
//! messages) and sample arguments. For a plural select, one line per CLDR
//! category of the locale, formatted with that category's variant and a
//! sample number of it.

use std::collections::BTreeMap;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_syntax::ast;
use fluent_syntax::parser;
use fluent_syntax::serializer::serialize;
use serde::Serialize;

use crate::plural::{is_category_name, plural_info};

/// One formatted line of the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewLine {
    /// `None` for the value, else the attribute's name.
    pub attribute: Option<String>,
    /// The plural category this line shows, with the number used.
    pub category: Option<String>,
    pub sample: Option<String>,
    pub text: String,
    /// What fluent-bundle reported (unknown variable, missing reference…).
    pub errors: Vec<String>,
}

/// Formats the first message or term of `draft`. `context` holds the FTL of
/// the locale's files; `args` the sample arguments (numbers when they parse).
pub fn preview(
    locale: &str,
    draft: &str,
    context: &[&str],
    args: &BTreeMap<String, String>,
) -> Vec<PreviewLine> {
    let Ok(resource) = parser::parse(draft) else {
        return Vec::new();
    };
    let Some(entry) = resource
        .body
        .iter()
        .find(|e| matches!(e, ast::Entry::Message(_) | ast::Entry::Term(_)))
    else {
        return Vec::new();
    };
    let langid = locale
        .replace('_', "-")
        .parse::<unic_langid::LanguageIdentifier>()
        .unwrap_or_default();
    let mut bundle: FluentBundle<FluentResource> = FluentBundle::new(vec![langid]);
    // Isolation marks would show as stray characters in the preview.
    bundle.set_use_isolating(false);
    let _ = bundle.add_builtins();
    for src in context {
        let res = FluentResource::try_new(src.to_string()).unwrap_or_else(|(r, _)| r);
        // Duplicates across files are the checks' business, not the preview's.
        let _ = bundle.add_resource(res);
    }
    // The draft is formatted under ids of its own, so a term can be shown
    // too and the file's version never wins over the draft.
    let (value, attrs) = match entry {
        ast::Entry::Message(m) => (m.value.clone(), m.attributes.clone()),
        ast::Entry::Term(t) => (Some(t.value.clone()), t.attributes.clone()),
        _ => unreachable!("filtered above"),
    };
    let plural = plural_info(locale);
    let mut jobs: Vec<Job> = Vec::new();
    let mut parts: Vec<(Option<String>, ast::Pattern<&str>)> = Vec::new();
    if let Some(v) = value {
        parts.push((None, v));
    }
    for a in attrs {
        parts.push((Some(a.id.name.to_string()), a.value));
    }
    for (attr, pattern) in parts {
        match plural_select(&pattern) {
            Some((index, variable)) => {
                for (category, sample) in plural.categories.iter().zip(&plural.samples) {
                    let forced = force_variant(&pattern, index, category);
                    jobs.push((
                        attr.clone(),
                        Some((category.to_string(), format!("{variable}={sample}"))),
                        forced,
                    ));
                }
            }
            None => jobs.push((attr, None, pattern)),
        }
    }
    let ids: Vec<String> = (0..jobs.len())
        .map(|i| format!("copydesk-preview-{i}"))
        .collect();
    let body = jobs
        .iter()
        .zip(&ids)
        .map(|((_, _, pattern), id)| {
            ast::Entry::Message(ast::Message {
                id: ast::Identifier { name: id.as_str() },
                value: Some(pattern.clone()),
                attributes: vec![],
                comment: None,
            })
        })
        .collect();
    let ftl = serialize(&ast::Resource { body });
    let res = FluentResource::try_new(ftl).unwrap_or_else(|(r, _)| r);
    bundle.add_resource_overriding(res);

    let mut lines = Vec::new();
    for ((attr, cat, _), id) in jobs.into_iter().zip(&ids) {
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(k.clone(), FluentValue::try_number(v.as_str()).into_owned());
        }
        let (category, sample) = match cat {
            Some((c, s)) => {
                let (var, n) = s.split_once('=').unwrap_or(("", ""));
                fargs.set(var.to_string(), FluentValue::try_number(n).into_owned());
                (Some(c), Some(n.to_string()))
            }
            None => (None, None),
        };
        let mut errors = Vec::new();
        let text = bundle
            .get_message(id)
            .and_then(|m| m.value())
            .map(|p| {
                bundle
                    .format_pattern(p, Some(&fargs), &mut errors)
                    .into_owned()
            })
            .unwrap_or_default();
        lines.push(PreviewLine {
            attribute: attr,
            category,
            sample,
            text,
            errors: errors.iter().map(|e| e.to_string()).collect(),
        });
    }
    lines
}

/// One line to format: the part, the plural category with `variable=sample`,
/// and the pattern (with its plural select reduced to that category).
type Job<'s> = (
    Option<String>,
    Option<(String, String)>,
    ast::Pattern<&'s str>,
);

/// The first top-level select whose keys are plural categories, with the
/// variable it selects on.
fn plural_select(p: &ast::Pattern<&str>) -> Option<(usize, String)> {
    p.elements.iter().enumerate().find_map(|(i, e)| match e {
        ast::PatternElement::Placeable {
            expression: ast::Expression::Select { selector, variants },
        } if variants.iter().any(|v| {
            matches!(&v.key, ast::VariantKey::Identifier { name } if *name != "other" && is_category_name(name))
        }) =>
        {
            let var = match selector {
                ast::InlineExpression::VariableReference { id } => id.name,
                ast::InlineExpression::FunctionReference { arguments, .. } => {
                    match arguments.positional.first() {
                        Some(ast::InlineExpression::VariableReference { id }) => id.name,
                        _ => return None,
                    }
                }
                _ => return None,
            };
            Some((i, var.to_string()))
        }
        _ => None,
    })
}

/// `p` with its select at `index` reduced to the variant of `category`
/// (or the default), so the line shows what that category displays.
fn force_variant<'s>(
    p: &ast::Pattern<&'s str>,
    index: usize,
    category: &str,
) -> ast::Pattern<&'s str> {
    let mut p = p.clone();
    if let Some(ast::PatternElement::Placeable {
        expression: ast::Expression::Select { variants, .. },
    }) = p.elements.get_mut(index)
    {
        let chosen = variants
            .iter()
            .find(|v| matches!(&v.key, ast::VariantKey::Identifier { name } if *name == category))
            .or_else(|| variants.iter().find(|v| v.default))
            .cloned();
        if let Some(mut v) = chosen {
            v.default = true;
            *variants = vec![v];
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn formats_value_attributes_and_context_terms() {
        let lines = preview(
            "fr",
            "m = Abonnez-vous à { -brand } le { $date }\n    .title = Titre\n",
            &["-brand = Mozilla\n"],
            &args(&[("date", "1 mars")]),
        );
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "Abonnez-vous à Mozilla le 1 mars");
        assert!(lines[0].errors.is_empty());
        assert_eq!(lines[1].attribute.as_deref(), Some("title"));
    }

    #[test]
    fn one_line_per_plural_category_of_the_locale() {
        let lines = preview(
            "fr",
            "m = { $count ->\n    [one] { $count } minute\n    [many] { $count } de minutes\n   *[other] { $count } minutes\n}\n",
            &[],
            &BTreeMap::new(),
        );
        let shown: Vec<_> = lines
            .iter()
            .map(|l| format!("{}:{}", l.category.clone().unwrap(), l.text))
            .collect();
        assert_eq!(
            shown,
            ["one:0 minute", "many:1000000 de minutes", "other:2 minutes"]
        );
    }

    #[test]
    fn unknown_variables_are_reported() {
        let lines = preview("en", "m = Hello { $who }\n", &[], &BTreeMap::new());
        assert_eq!(lines[0].errors.len(), 1);
    }
}
