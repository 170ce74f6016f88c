//! Writing one message back into a file, leaving every other byte alone:
//! comments, order, blank lines, untouched messages, the BOM and the line
//! endings (CRLF stays CRLF) are exactly as they were on disk.

use crate::tree::{FileProblem, FtlFile};

/// Why a file cannot be written back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    /// The file was not read whole and as UTF-8: writing it would destroy
    /// what Copydesk could not read.
    #[error("{0}")]
    Unsafe(String),
}

impl FtlFile {
    /// The file's bytes as read (BOM included): what an untouched file writes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.source.len() + 3);
        if self.bom {
            out.extend_from_slice(b"\xEF\xBB\xBF");
        }
        out.extend_from_slice(self.source.as_bytes());
        out
    }
}

/// The file's bytes with message `id` set to `text` (its FTL, without a
/// comment; any line endings) or removed (`None`).
///
/// A message already there is replaced in place, its comment kept. A new one
/// goes after the closest message that precedes it in `reference_order` (the
/// reference file's ids), else before the closest that follows it, else at
/// the end, with the blank-line spacing the file already uses.
pub fn set_message(
    file: &FtlFile,
    id: &str,
    text: Option<&str>,
    reference_order: &[&str],
) -> Result<Vec<u8>, WriteError> {
    match &file.problem {
        None => {}
        Some(FileProblem::InvalidUtf8 { .. }) => {
            return Err(WriteError::Unsafe("the file is not valid UTF-8".into()));
        }
        Some(FileProblem::TooLarge { .. }) => {
            return Err(WriteError::Unsafe("the file is too large".into()));
        }
        Some(FileProblem::Unreadable { detail }) => return Err(WriteError::Unsafe(detail.clone())),
    }
    let src = file.source.as_str();
    let eol = if file.crlf { "\r\n" } else { "\n" };
    let text = text.map(|t| normalise(t, eol));
    let existing = file.analysis.entries.iter().find(|e| e.id == id);
    let edited = match (existing, text) {
        (Some(e), Some(t)) => {
            // The last line of a file may lack a line ending; keep it so.
            let t = if e.end == src.len() && !src.ends_with('\n') {
                t.trim_end_matches(['\r', '\n']).to_string()
            } else {
                t
            };
            splice(src, e.id_start, e.end, &t)
        }
        (Some(e), None) => {
            let mut end = e.end;
            // Drop one blank line after it too, unless that glues two blocks.
            let next_blank = blank_line_at(src, end);
            let prev_blank = e.start == 0 || blank_line_before(src, e.start);
            if let Some(len) = next_blank
                && prev_blank
            {
                end += len;
            }
            splice(src, e.start, end, "")
        }
        (None, None) => src.to_string(),
        (None, Some(t)) => insert(file, id, &t, reference_order, eol),
    };
    let mut out = Vec::with_capacity(edited.len() + 3);
    if file.bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    out.extend_from_slice(edited.as_bytes());
    Ok(out)
}

/// A new file holding just `text`.
pub fn new_file(text: &str) -> Vec<u8> {
    normalise(text, "\n").into_bytes()
}

/// `text` with `eol` line endings and one final line ending.
fn normalise(text: &str, eol: &str) -> String {
    let trimmed = text.trim_end_matches(['\r', '\n', ' ']);
    let mut out: String = trimmed
        .split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .collect::<Vec<_>>()
        .join(eol);
    out.push_str(eol);
    out
}

fn splice(src: &str, start: usize, end: usize, with: &str) -> String {
    let mut s = String::with_capacity(src.len() + with.len());
    s.push_str(&src[..start]);
    s.push_str(with);
    s.push_str(&src[end..]);
    s
}

/// Length of the blank line starting at `at`, line ending included.
fn blank_line_at(src: &str, at: usize) -> Option<usize> {
    let rest = &src[at..];
    let line_len = rest.find('\n').map(|i| i + 1)?;
    rest[..line_len]
        .trim_end_matches(['\r', '\n'])
        .trim_matches(' ')
        .is_empty()
        .then_some(line_len)
}

/// Whether the line before the one starting at `at` is blank.
fn blank_line_before(src: &str, at: usize) -> bool {
    let before = &src[..at];
    let Some(body) = before.strip_suffix('\n') else {
        return false;
    };
    let body = body.strip_suffix('\r').unwrap_or(body);
    let line = &body[body.rfind('\n').map_or(0, |i| i + 1)..];
    line.trim_matches(' ').is_empty()
}

fn insert(file: &FtlFile, id: &str, text: &str, order: &[&str], eol: &str) -> String {
    let src = file.source.as_str();
    let entry = |name: &str| file.analysis.entries.iter().find(|e| e.id == name);
    let pos = order.iter().position(|x| *x == id);
    let before: Vec<&str> = pos.map_or(order.to_vec(), |p| order[..p].to_vec());
    let after: Vec<&str> = pos.map_or(Vec::new(), |p| order[p + 1..].to_vec());
    // Messages separated by blank lines get one around the new one too.
    let spaced = file
        .analysis
        .entries
        .iter()
        .skip(1)
        .any(|e| blank_line_before(src, e.start));
    if let Some(prev) = before.iter().rev().find_map(|n| entry(n)) {
        let mut add = String::new();
        if !src[..prev.end].ends_with('\n') {
            add.push_str(eol);
        }
        if blank_line_at(src, prev.end).is_some() {
            add.push_str(eol);
        }
        add.push_str(text);
        return splice(src, prev.end, prev.end, &add);
    }
    if let Some(next) = after.iter().find_map(|n| entry(n)) {
        let mut add = text.to_string();
        if next.start > 0 && blank_line_before(src, next.start) {
            add.push_str(eol);
        }
        return splice(src, next.start, next.start, &add);
    }
    let mut s = src.to_string();
    if !s.is_empty() && !s.ends_with('\n') {
        s.push_str(eol);
    }
    if spaced && !s.is_empty() && !blank_line_before(&s, s.len()) {
        s.push_str(eol);
    }
    s.push_str(text);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn file(bytes: &[u8]) -> FtlFile {
        FtlFile::from_bytes(Path::new("x.ftl"), "x.ftl", bytes)
    }

    fn set(bytes: &[u8], id: &str, text: Option<&str>, order: &[&str]) -> String {
        String::from_utf8(set_message(&file(bytes), id, text, order).unwrap()).unwrap()
    }

    #[test]
    fn replaces_in_place_keeping_comments_and_spacing() {
        let src = "# Licence\n\n## Newsletter\n\n# Shown on the button\nsubscribe = Subscribe\n    .title = Join\n\n\nthanks = Thanks\n";
        let out = set(
            src.as_bytes(),
            "subscribe",
            Some("subscribe = S’abonner\n    .title = Rejoindre"),
            &[],
        );
        assert_eq!(
            out,
            "# Licence\n\n## Newsletter\n\n# Shown on the button\nsubscribe = S’abonner\n    .title = Rejoindre\n\n\nthanks = Thanks\n"
        );
    }

    #[test]
    fn keeps_crlf_bom_and_a_missing_final_line_ending() {
        let src = b"\xEF\xBB\xBFa = A\r\n\r\nb = B";
        let out = set_message(&file(src), "b", Some("b = Bé\n"), &[]).unwrap();
        assert_eq!(out, "\u{feff}a = A\r\n\r\nb = Bé".as_bytes());
        let out = set_message(&file(src), "a", Some("a = Multi\n    line"), &[]).unwrap();
        assert_eq!(out, "\u{feff}a = Multi\r\n    line\r\n\r\nb = B".as_bytes());
    }

    #[test]
    fn inserts_where_the_reference_puts_it() {
        let order = ["first", "second", "third"];
        assert_eq!(
            set(
                b"first = 1\n\nthird = 3\n",
                "second",
                Some("second = 2"),
                &order
            ),
            "first = 1\n\nsecond = 2\n\nthird = 3\n"
        );
        assert_eq!(
            set(
                b"first = 1\nthird = 3\n",
                "second",
                Some("second = 2"),
                &order
            ),
            "first = 1\nsecond = 2\nthird = 3\n"
        );
        assert_eq!(
            set(b"# c\nthird = 3\n", "first", Some("first = 1"), &order),
            "first = 1\n# c\nthird = 3\n"
        );
        assert_eq!(
            set(b"x = 1", "third", Some("third = 3"), &order),
            "x = 1\nthird = 3\n"
        );
    }

    #[test]
    fn removes_a_message_and_its_comment() {
        assert_eq!(
            set(b"a = 1\n\n# about b\nb = 2\n\nc = 3\n", "b", None, &[]),
            "a = 1\n\nc = 3\n"
        );
    }

    #[test]
    fn refuses_files_it_could_not_read_whole() {
        let f = file(b"a = caf\xE9\n");
        assert!(set_message(&f, "a", Some("a = x"), &[]).is_err());
    }
}
