//! Loading and checking a strings tree the size of mozilla.org's website
//! strings: 130 files × 110 locales (14,300 files), each locale a little
//! different (missing, obsolete, broken and drifted messages), as
//! `copydesk l10n check` and the Strings view do it.
//!
//! `cargo bench -p copydesk-l10n --bench check_tree` prints median, min and
//! max over a few runs (std-only harness). Files are read from the page
//! cache after the first run, as on a developer's machine or a CI runner
//! that just checked the repository out.

use std::path::Path;
use std::time::{Duration, Instant};

use copydesk_l10n::check::{CheckOptions, check_tree};
use copydesk_l10n::tree::{LoadOptions, StringsTree};

const FILES: usize = 130;
const LOCALES: usize = 110;
const MESSAGES: usize = 24;
const RUNS: usize = 7;

/// Real-world locale codes first, then made-up ones to reach the count.
const CODES: &[&str] = &[
    "fr", "de", "es-ES", "es-MX", "es-AR", "es-CL", "it", "pt-BR", "pt-PT", "nl", "pl", "ru", "uk",
    "be", "cs", "sk", "sl", "hr", "sr", "bs", "bg", "mk", "ro", "hu", "fi", "et", "lv", "lt",
    "sv-SE", "nb-NO", "nn-NO", "da", "is", "ga-IE", "gd", "cy", "br", "eu", "ca", "gl", "ast",
    "an", "oc", "fy-NL", "lb", "el", "tr", "az", "ka", "hy-AM", "he", "ar", "fa", "ur", "hi-IN",
    "bn", "pa-IN", "gu-IN", "mr", "ta", "te", "kn", "ml", "si", "th", "lo", "my", "km", "vi", "id",
    "ms", "tl", "ja", "ko", "zh-CN", "zh-TW", "kk", "uz", "ky", "tg", "mn", "sq", "af", "xh", "zu",
    "sw", "ha", "ig", "yo", "wo", "ff", "son", "ach", "lg", "kab", "am", "ne-NP", "dsb", "hsb",
    "rm", "sc", "szl", "trs", "gn", "cak", "tzm", "skr", "hye", "ia", "eo",
];

fn reference_file(f: usize) -> String {
    let mut s = String::from(
        "# This Source Code Form is subject to the terms of the Mozilla Public\n# License, v. 2.0. If a copy of the MPL was not distributed with this\n# file, You can obtain one at http://mozilla.org/MPL/2.0/.\n\n",
    );
    s.push_str(&format!("### Page {f}\n\n## Newsletter\n\n"));
    for m in 0..MESSAGES {
        let id = format!("page{f}-message-{m}");
        match m % 6 {
            0 => s.push_str(&format!("# Heading of block {m}\n{id} = Subscribe to our {{ -brand-name }} newsletter\n\n")),
            1 => s.push_str(&format!("{id} = Published on {{ $date }} by <a href=\"{{ $url }}\">{{ $author }}</a>\n\n")),
            2 => s.push_str(&format!("{id} = {{ $count ->\n    [one] {{ $count }} minute read\n   *[other] {{ $count }} minutes read\n}}\n\n")),
            3 => s.push_str(&format!("{id} = First name*\n    .placeholder = Jane\n    .title = Your first name\n\n")),
            4 => s.push_str(&format!("{id} = Thank you! Your subscription to {{ page{f}-message-0 }} has been recorded.\n\n")),
            _ => s.push_str(&format!("{id} = Oops! Something went wrong. <strong>Please try again</strong> later.\n\n")),
        }
    }
    s
}

/// A translation: mostly faithful, with a few of the usual mistakes.
fn translated_file(reference: &str, l: usize, f: usize) -> String {
    let mut out = String::with_capacity(reference.len());
    for (i, block) in reference.split("\n\n").enumerate() {
        if block.is_empty() {
            continue;
        }
        let seed = l * 31 + f * 7 + i;
        let mut b = block
            .replace("Subscribe to our", "Abonnez-vous à la lettre")
            .replace("minute read", "minute de lecture")
            .replace("minutes read", "minutes de lecture");
        match seed % 97 {
            0 => continue, // missing
            1 => b = b.replace("{ $date }", "{ $datum }"),
            2 => b = b.replace("<strong>", "<b>").replace("</strong>", "</b>"),
            3 => b.push_str("\nobsolete-extra = Old"),
            4 => b = b.replace(" = ", " = { "),
            _ => {}
        }
        out.push_str(&b);
        out.push_str("\n\n");
    }
    out
}

fn generate(root: &Path) -> usize {
    let mut count = 0;
    let brands = "-brand-name = Mozilla\n";
    for (l, code) in std::iter::once("en")
        .chain(CODES.iter().copied())
        .take(LOCALES + 1)
        .enumerate()
    {
        for f in 0..FILES {
            let dir = root.join(code).join(format!("section{}", f % 9));
            std::fs::create_dir_all(&dir).expect("create a locale folder");
            let reference = reference_file(f);
            let text = if l == 0 {
                reference
            } else {
                translated_file(&reference, l, f)
            };
            std::fs::write(dir.join(format!("page{f}.ftl")), text).expect("write a file");
            count += 1;
        }
        std::fs::write(root.join(code).join("brands.ftl"), brands).expect("write brands");
        count += 1;
    }
    count
}

fn summary(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label:<28} median {:>8.1} ms   min {:>8.1} ms   max {:>8.1} ms",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // COPYDESK_BENCH_TREE=DIR keeps the generated tree there, to run other
    // tools (compare-locales) on the very same files.
    let root = std::env::var_os("COPYDESK_BENCH_TREE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().to_path_buf());
    let started = Instant::now();
    let files = generate(&root);
    let bytes: u64 = walk_size(&root);
    println!(
        "generated {files} files, {:.1} MB, {} locales, in {:.1} s",
        bytes as f64 / 1e6,
        LOCALES + 1,
        started.elapsed().as_secs_f64()
    );
    println!("threads: {}", rayon::current_num_threads());
    let mut load = Vec::new();
    let mut check = Vec::new();
    let mut total = Vec::new();
    let mut findings = 0;
    for _ in 0..RUNS {
        let t0 = Instant::now();
        let tree = StringsTree::load(&root, None, &LoadOptions::default()).expect("load");
        let t1 = Instant::now();
        let report = check_tree(
            &tree,
            &CheckOptions {
                reference: "en".into(),
                locales: None,
            },
        )
        .expect("check");
        let t2 = Instant::now();
        findings = report.findings().len();
        load.push(t1 - t0);
        check.push(t2 - t1);
        total.push(t2 - t0);
    }
    println!("findings per run: {findings}");
    summary("load (read + parse)", load);
    summary("check", check);
    summary("load + check", total);
}

fn walk_size(root: &Path) -> u64 {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}
