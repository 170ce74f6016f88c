//! One Fluent file, parsed once with fluent-syntax and reduced to what the
//! checks and the write-back need: every entry with its byte span, its parts
//! (value and attributes) with the references, variables and markup they use,
//! its select expressions, and every junk block with the parser's message.
//!
//! fluent-syntax's AST has no spans, but parsed from a `&str` every name and
//! text in it is a sub-slice of the source, so a node's offset is its
//! pointer's distance from the source's start.

use std::collections::BTreeMap;

use fluent_syntax::ast;
use fluent_syntax::parser::{self, ParserError};

/// Byte offsets of line starts, to turn offsets into 1-based line and column.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line and column of byte `offset`; the column counts Unicode
    /// characters, as editors and compare-locales do.
    pub fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|s| *s <= offset) - 1;
        let start = self.starts[line];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line as u32 + 1, column as u32 + 1)
    }

    /// Byte offset of the start of the line holding `offset`.
    pub fn line_start(&self, offset: usize) -> usize {
        let line = self.starts.partition_point(|s| *s <= offset) - 1;
        self.starts[line]
    }
}

/// A reference to a message (`id` or `id.attr`) or a term (`-id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub name: String,
    pub term: bool,
    pub offset: usize,
}

/// A value or an attribute of an entry.
#[derive(Debug, Clone, Default)]
pub struct Part {
    /// Where the part starts: its first character (value) or its `.` (attribute).
    pub offset: usize,
    /// References as compare-locales counts them: not inside selectors nor
    /// term arguments, and term references only without an attribute.
    pub refs: Vec<Reference>,
    /// Every message and term reference, for the does-it-exist check.
    pub all_refs: Vec<Reference>,
    /// Every `$variable`, selectors included, with the offset of its `$`.
    pub variables: Vec<(String, usize)>,
    /// HTML tags shown by the richest variant: `a`, `/a`, `br`,
    /// `a[data-l10n-name=link]` → how many times.
    pub tags: BTreeMap<String, u32>,
    /// No text at all, or only blanks and empty string literals.
    pub empty: bool,
    /// The text when the pattern is text only (CSS `style` attributes).
    pub plain_text: Option<String>,
}

/// A select expression and its variant keys, as written.
#[derive(Debug, Clone)]
pub struct Select {
    pub keys: Vec<(String, usize)>,
    /// Keys of the variants with no text at all (only blanks or `{ "" }`).
    pub empty_keys: Vec<(String, usize)>,
    /// Whether the selector is a variable or a `NUMBER()` call (a plural
    /// candidate for the preview).
    pub selector_variable: Option<String>,
}

/// An attribute of an entry.
#[derive(Debug, Clone)]
pub struct AttributeInfo {
    pub name: String,
    pub part: Part,
}

/// A message or a term.
#[derive(Debug, Clone)]
pub struct EntryInfo {
    /// The id; terms keep their leading `-`.
    pub id: String,
    pub is_term: bool,
    /// Start of the entry, its attached comment included.
    pub start: usize,
    /// Start of the id's line (the message proper, without its comment).
    pub id_start: usize,
    /// End of its last line, line ending included (blank lines after it excluded).
    pub end: usize,
    pub value: Option<Part>,
    pub attributes: Vec<AttributeInfo>,
    /// Every select expression in the entry, nested ones included.
    pub selects: Vec<Select>,
}

impl EntryInfo {
    /// Attributes merged by name (compare-locales keys them by name).
    pub fn attribute(&self, name: &str) -> Option<&AttributeInfo> {
        self.attributes.iter().find(|a| a.name == name)
    }
}

/// A block the parser could not read.
#[derive(Debug, Clone)]
pub struct JunkInfo {
    pub start: usize,
    pub end: usize,
    /// Where the parser stopped.
    pub error_offset: usize,
    /// The parser's message.
    pub message: String,
    /// The id the block seems to define (`key = …` at its start), if any.
    pub id: Option<String>,
}

/// Everything the checks need from one file.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Messages and terms in file order (duplicates included).
    pub entries: Vec<EntryInfo>,
    pub junk: Vec<JunkInfo>,
}

fn offset_in(source: &str, slice: &str) -> usize {
    let off = (slice.as_ptr() as usize).wrapping_sub(source.as_ptr() as usize);
    debug_assert!(off <= source.len(), "slice outside its source");
    off.min(source.len())
}

/// Parses `source` (without a BOM) and analyses every entry.
pub fn analyse(source: &str, lines: &LineIndex) -> Analysis {
    let (resource, errors): (ast::Resource<&str>, Vec<ParserError>) = match parser::parse(source) {
        Ok(r) => (r, Vec::new()),
        Err((r, e)) => (r, e),
    };
    let mut starts = Vec::with_capacity(resource.body.len());
    for entry in &resource.body {
        starts.push(entry_start(source, lines, entry));
    }
    let mut out = Analysis::default();
    let mut errors = errors.into_iter();
    for (i, entry) in resource.body.iter().enumerate() {
        let next = starts.get(i + 1).copied().unwrap_or(source.len());
        let start = starts[i];
        match entry {
            ast::Entry::Message(m) => {
                let id_off = offset_in(source, m.id.name);
                let mut info = EntryInfo {
                    id: m.id.name.to_string(),
                    is_term: false,
                    start,
                    id_start: lines.line_start(id_off),
                    end: trim_blank_tail(source, start, next),
                    value: None,
                    attributes: Vec::new(),
                    selects: Vec::new(),
                };
                if let Some(p) = &m.value {
                    let off = value_offset(source, id_off + m.id.name.len());
                    info.value = Some(analyse_pattern(source, p, off, &mut info.selects));
                }
                analyse_attributes(source, &m.attributes, &mut info);
                out.entries.push(info);
            }
            ast::Entry::Term(t) => {
                let id_off = offset_in(source, t.id.name).saturating_sub(1);
                let mut info = EntryInfo {
                    id: format!("-{}", t.id.name),
                    is_term: true,
                    start,
                    id_start: lines.line_start(id_off),
                    end: trim_blank_tail(source, start, next),
                    value: None,
                    attributes: Vec::new(),
                    selects: Vec::new(),
                };
                let off = value_offset(source, id_off + 1 + t.id.name.len());
                info.value = Some(analyse_pattern(source, &t.value, off, &mut info.selects));
                analyse_attributes(source, &t.attributes, &mut info);
                out.entries.push(info);
            }
            ast::Entry::Junk { content } => {
                let junk_start = offset_in(source, content);
                let err = errors.next();
                let error_offset = err
                    .as_ref()
                    .map_or(junk_start, |e| e.pos.start.min(source.len()));
                let message = err
                    .map(|e| e.kind.to_string())
                    .unwrap_or_else(|| "Unparsed content".into());
                out.junk.push(JunkInfo {
                    start: junk_start,
                    end: junk_start + content.len(),
                    error_offset,
                    message,
                    id: junk_id(content),
                });
            }
            _ => {}
        }
    }
    out
}

/// `key =` or `-term =` at the start of a junk block.
fn junk_id(content: &str) -> Option<String> {
    let content = content.trim_start_matches([' ', '\r', '\n']);
    let (term, rest) = match content.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, content),
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    let name = &rest[..end];
    let starts_ok = name.starts_with(|c: char| c.is_ascii_alphabetic());
    let after = rest[end..].trim_start_matches(' ');
    (starts_ok && after.starts_with('=')).then(|| {
        if term {
            format!("-{name}")
        } else {
            name.to_string()
        }
    })
}

/// Where an entry starts: its attached comment, its id, or its junk.
fn entry_start(source: &str, lines: &LineIndex, entry: &ast::Entry<&str>) -> usize {
    let comment_start = |c: &ast::Comment<&str>| {
        c.content
            .first()
            .map(|l| lines.line_start(offset_in(source, l)))
    };
    match entry {
        ast::Entry::Message(m) => m
            .comment
            .as_ref()
            .and_then(comment_start)
            .unwrap_or_else(|| lines.line_start(offset_in(source, m.id.name))),
        ast::Entry::Term(t) => t
            .comment
            .as_ref()
            .and_then(comment_start)
            .unwrap_or_else(|| lines.line_start(offset_in(source, t.id.name).saturating_sub(1))),
        ast::Entry::Comment(c) | ast::Entry::GroupComment(c) | ast::Entry::ResourceComment(c) => {
            // A lone `#` at the very end of the file has no content line.
            comment_start(c).unwrap_or_else(|| lines.line_start(source.len().saturating_sub(1)))
        }
        ast::Entry::Junk { content } => offset_in(source, content),
    }
}

/// Backs `end` up over the blank lines that separate an entry from the next.
fn trim_blank_tail(source: &str, start: usize, mut end: usize) -> usize {
    let bytes = source.as_bytes();
    while end > start {
        let content_end = if bytes[end - 1] == b'\n' {
            end - 1
        } else {
            end
        };
        let mut line_start = content_end;
        while line_start > start && bytes[line_start - 1] != b'\n' {
            line_start -= 1;
        }
        let blank = bytes[line_start..content_end]
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'\r'));
        if !blank {
            return end;
        }
        end = line_start;
    }
    start
}

/// Offset of the first character after `=` and the blanks that follow it.
fn value_offset(source: &str, after_id: usize) -> usize {
    let rest = &source[after_id.min(source.len())..];
    let eq = rest.find('=').map_or(0, |i| i + 1);
    let blanks = rest[eq..].len() - rest[eq..].trim_start_matches(' ').len();
    after_id + eq + blanks
}

fn analyse_attributes(source: &str, attrs: &[ast::Attribute<&str>], info: &mut EntryInfo) {
    for a in attrs {
        let off = offset_in(source, a.id.name).saturating_sub(1);
        let part = analyse_pattern(source, &a.value, off, &mut info.selects);
        info.attributes.push(AttributeInfo {
            name: a.id.name.to_string(),
            part,
        });
    }
}

fn analyse_pattern(
    source: &str,
    pattern: &ast::Pattern<&str>,
    offset: usize,
    selects: &mut Vec<Select>,
) -> Part {
    let mut part = Part {
        offset,
        ..Part::default()
    };
    let mut walker = Walker {
        source,
        part: &mut part,
        selects,
    };
    walker.pattern(pattern, Mode::Counted);
    part.tags = tag_counts(pattern);
    part.empty = is_empty_pattern(pattern);
    if pattern
        .elements
        .iter()
        .all(|e| matches!(e, ast::PatternElement::TextElement { .. }))
    {
        part.plain_text = Some(
            pattern
                .elements
                .iter()
                .map(|e| match e {
                    ast::PatternElement::TextElement { value } => *value,
                    ast::PatternElement::Placeable { .. } => "",
                })
                .collect(),
        );
    }
    part
}

/// No text at all: only blanks and empty string literals.
fn is_empty_pattern(pattern: &ast::Pattern<&str>) -> bool {
    pattern.elements.iter().all(|e| match e {
        ast::PatternElement::TextElement { value } => value.trim().is_empty(),
        ast::PatternElement::Placeable {
            expression: ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }),
        } => value.trim().is_empty(),
        _ => false,
    })
}

/// Whether references met here count for compare-locales' reference checks.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Counted,
    /// Inside a selector or term arguments: compare-locales does not look there.
    Uncounted,
}

struct Walker<'a, 's> {
    source: &'s str,
    part: &'a mut Part,
    selects: &'a mut Vec<Select>,
}

impl<'s> Walker<'_, 's> {
    fn off(&self, s: &str) -> usize {
        offset_in(self.source, s)
    }

    fn pattern(&mut self, p: &ast::Pattern<&'s str>, mode: Mode) {
        for e in &p.elements {
            if let ast::PatternElement::Placeable { expression } = e {
                self.expression(expression, mode);
            }
        }
    }

    fn expression(&mut self, e: &ast::Expression<&'s str>, mode: Mode) {
        match e {
            ast::Expression::Inline(i) => self.inline(i, mode),
            ast::Expression::Select { selector, variants } => {
                let selector_variable = match selector {
                    ast::InlineExpression::VariableReference { id } => Some(id.name.to_string()),
                    ast::InlineExpression::FunctionReference { id, arguments }
                        if id.name == "NUMBER" =>
                    {
                        match arguments.positional.first() {
                            Some(ast::InlineExpression::VariableReference { id }) => {
                                Some(id.name.to_string())
                            }
                            _ => None,
                        }
                    }
                    _ => None,
                };
                let keys: Vec<(String, usize)> = variants
                    .iter()
                    .map(|v| match &v.key {
                        ast::VariantKey::Identifier { name } => (name.to_string(), self.off(name)),
                        ast::VariantKey::NumberLiteral { value } => {
                            (value.to_string(), self.off(value))
                        }
                    })
                    .collect();
                let empty_keys = variants
                    .iter()
                    .zip(&keys)
                    .filter(|(v, _)| is_empty_pattern(&v.value))
                    .map(|(_, k)| k.clone())
                    .collect();
                self.selects.push(Select {
                    keys,
                    empty_keys,
                    selector_variable,
                });
                self.inline(selector, Mode::Uncounted);
                for v in variants {
                    self.pattern(&v.value, mode);
                }
            }
        }
    }

    fn inline(&mut self, e: &ast::InlineExpression<&'s str>, mode: Mode) {
        match e {
            ast::InlineExpression::StringLiteral { .. }
            | ast::InlineExpression::NumberLiteral { .. } => {}
            ast::InlineExpression::VariableReference { id } => {
                let off = self.off(id.name).saturating_sub(1);
                self.part.variables.push((id.name.to_string(), off));
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    self.inline(a, mode);
                }
                for a in &arguments.named {
                    self.inline(&a.value, mode);
                }
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                let name = match attribute {
                    Some(a) => format!("{}.{}", id.name, a.name),
                    None => id.name.to_string(),
                };
                let r = Reference {
                    name,
                    term: false,
                    offset: self.off(id.name),
                };
                if mode == Mode::Counted {
                    self.part.refs.push(r.clone());
                }
                self.part.all_refs.push(r);
            }
            ast::InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                let r = Reference {
                    name: format!("-{}", id.name),
                    term: true,
                    offset: self.off(id.name).saturating_sub(1),
                };
                if mode == Mode::Counted && attribute.is_none() {
                    self.part.refs.push(r.clone());
                }
                self.part.all_refs.push(r);
                if let Some(args) = arguments {
                    for a in &args.positional {
                        self.inline(a, Mode::Uncounted);
                    }
                    for a in &args.named {
                        self.inline(&a.value, Mode::Uncounted);
                    }
                }
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression, mode),
        }
    }
}

/// HTML tags a pattern shows, counting the richest variant of each select.
fn tag_counts(pattern: &ast::Pattern<&str>) -> BTreeMap<String, u32> {
    let mut total = BTreeMap::new();
    let mut text = String::new();
    for e in &pattern.elements {
        match e {
            ast::PatternElement::TextElement { value } => text.push_str(value),
            ast::PatternElement::Placeable {
                expression: ast::Expression::Select { variants, .. },
            } => {
                add_tags(&text, &mut total);
                text.clear();
                let mut richest: BTreeMap<String, u32> = BTreeMap::new();
                for v in variants {
                    for (tag, n) in tag_counts(&v.value) {
                        let slot = richest.entry(tag).or_default();
                        *slot = (*slot).max(n);
                    }
                }
                for (tag, n) in richest {
                    *total.entry(tag).or_default() += n;
                }
            }
            // A placeable inside a tag (`<a href="{ $url }">`) must not break it.
            ast::PatternElement::Placeable { .. } => text.push('\u{1}'),
        }
    }
    add_tags(&text, &mut total);
    total
}

/// Counts `<name …>`, `</name>` and `<name/>` in `text`.
fn add_tags(text: &str, into: &mut BTreeMap<String, u32>) {
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let (closing, body) = match rest.strip_prefix('/') {
            Some(b) => (true, b),
            None => (false, rest),
        };
        let name_len = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(body.len());
        let name = &body[..name_len];
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let after = &body[name_len..];
        if !(after.starts_with(['>', ' ', '/', '\n', '\u{1}'])) {
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let inside = &after[..gt];
        if inside.contains('<') {
            continue;
        }
        let mut key = if closing {
            format!("/{}", name.to_ascii_lowercase())
        } else {
            name.to_ascii_lowercase()
        };
        if let Some(l10n_name) = attribute_value(inside, "data-l10n-name") {
            key.push_str(&format!("[data-l10n-name={l10n_name}]"));
        }
        *into.entry(key).or_default() += 1;
        rest = &after[gt + 1..];
    }
}

fn attribute_value<'a>(inside: &'a str, name: &str) -> Option<&'a str> {
    let at = inside.find(name)?;
    let rest = inside[at + name.len()..].trim_start().strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &rest[1..];
    rest.find(quote).map(|end| &rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str) -> Analysis {
        analyse(src, &LineIndex::new(src))
    }

    #[test]
    fn spans_cover_comments_and_stop_before_blank_lines() {
        let src = "# Licence\n\n## Group\n\n# About hello\nhello = Hello\n    .title = Hi\n\n\n-brand = Firefox\nbye = Bye";
        let a = run(src);
        let ids: Vec<_> = a.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["hello", "-brand", "bye"]);
        let hello = &a.entries[0];
        assert_eq!(
            &src[hello.start..hello.end],
            "# About hello\nhello = Hello\n    .title = Hi\n"
        );
        assert_eq!(
            &src[hello.id_start..hello.end],
            "hello = Hello\n    .title = Hi\n"
        );
        let brand = &a.entries[1];
        assert_eq!(&src[brand.start..brand.end], "-brand = Firefox\n");
        let bye = &a.entries[2];
        assert_eq!(
            &src[bye.start..bye.end],
            "bye = Bye",
            "the last line has no line ending"
        );
    }

    #[test]
    fn crlf_entries_end_after_their_line_ending() {
        let src = "a = A\r\n\r\nb = B\r\n";
        let a = run(src);
        assert_eq!(&src[a.entries[0].start..a.entries[0].end], "a = A\r\n");
        assert_eq!(&src[a.entries[1].start..a.entries[1].end], "b = B\r\n");
    }

    #[test]
    fn parts_collect_references_variables_and_tags() {
        let src = "m = { -brand } { other.title } <a href=\"{ $url }\">{ $n ->\n    [one] <b>one</b>\n   *[other] { $n } <b>x</b> <b>y</b>\n }</a>\n";
        let a = run(src);
        let v = a.entries[0].value.as_ref().unwrap();
        let refs: Vec<_> = v.refs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(refs, ["-brand", "other.title"]);
        let vars: Vec<_> = v.variables.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(vars, ["url", "n", "n"]);
        assert_eq!(&src[v.variables[0].1..v.variables[0].1 + 4], "$url");
        assert_eq!(v.tags.get("a"), Some(&1));
        assert_eq!(v.tags.get("b"), Some(&2), "the richest variant counts");
        assert_eq!(v.tags.get("/a"), Some(&1));
        assert_eq!(a.entries[0].selects[0].keys.len(), 2);
        assert_eq!(
            a.entries[0].selects[0].selector_variable.as_deref(),
            Some("n")
        );
    }

    #[test]
    fn junk_keeps_the_parser_message_and_the_id() {
        let src = "ok = fine\nbroken = { $x\nnext = fine\n";
        let a = run(src);
        assert_eq!(a.entries.len(), 2);
        assert_eq!(a.junk.len(), 1);
        assert_eq!(a.junk[0].id.as_deref(), Some("broken"));
        assert!(!a.junk[0].message.is_empty());
        let (line, _) = LineIndex::new(src).line_col(src, a.junk[0].error_offset);
        assert_eq!(
            line, 3,
            "the parser stops where the closing brace should be"
        );
    }

    #[test]
    fn empty_values_are_recognised() {
        let a = run("a = { \"\" }\nb = { \" \" }\nc = x\n");
        assert!(a.entries[0].value.as_ref().unwrap().empty);
        assert!(a.entries[1].value.as_ref().unwrap().empty);
        assert!(!a.entries[2].value.as_ref().unwrap().empty);
    }

    #[test]
    fn columns_count_characters() {
        let src = "é = x\nkey = ça { $v }\n";
        let idx = LineIndex::new(src);
        let off = src.find("$v").unwrap();
        assert_eq!(idx.line_col(src, off), (2, 12));
    }
}
