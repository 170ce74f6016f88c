//! How long the live preview takes on realistic and hostile documents.
//!
//! `cargo bench -p copydesk-markdown --bench preview`. Std only: each case is
//! timed N times per stage and the median and 99th percentile printed, N
//! shrinking with document size so the whole run stays around a minute on a
//! two-core machine.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use copydesk_markdown::{
    PreviewLimits, RenderOptions, render_html, render_preview, render_unsanitised,
};

/// One section of a magazine-style article; `n` varies headings, footnote
/// names and figures so repeated sections are not identical.
fn section(out: &mut String, n: usize) {
    let _ = write!(
        out,
        "## Part {n}: what the archive tells us\n\n\
         The *municipal archive* holds **{n} boxes** of correspondence, most of it \
         unread since the 1970s. Reading it took the desk three weeks[^src{n}], and \
         the picture that emerges is more nuanced than the [official history]\
         (https://example.org/history/{n}) suggests. Sources disagree on dates — \
         sometimes by a decade — and on who signed the final agreement.\n\n\
         > « Nous n'avions pas le choix », dit-elle aujourd'hui. The quote, \
         translated for this edition, is from an interview recorded in {year}.\n\n\
         Key findings:\n\n\
         - The budget grew by {pct}% between the first and last drafts.\n\
         - Three of the five council members abstained.\n\
         - The minutes for March are missing; see [the appendix](appendix.md#march).\n\
           - A copy survives in the regional library.\n\n\
         1. Check the ledger against the minutes.\n\
         2. Ask the family for the private letters.\n\
         3. Publish the timeline with ~~all~~ most gaps marked.\n\n\
         | Year | Budget (k€) | Votes for | Votes against |\n\
         |-----:|------------:|:---------:|:--------------|\n\
         | 1971 | 120 | 3 | 2 |\n\
         | 1972 | 135 | 4 | 1 |\n\
         | 1973 | {budget} | 2 | 3 |\n\n\
         ```python\n\
         def growth(first, last):\n    \
         return (last - first) / first * 100\n\n\
         print(growth(120, {budget}))\n\
         ```\n\n\
         - [x] Fact-checked by the desk\n\
         - [ ] Legal review\n\n\
         ![Council chamber, {year}](assets/chamber-{n}.jpg \"Photo: archive\")\n\n\
         Further reading at www.example.com/archive and <kbd>Ctrl</kbd>+<kbd>F</kbd> \
         through the scans for the word *Abkommen*.\n\n\
         [^src{n}]: Interviews with the archivist, box {n}, folders 3–7.\n\n",
        year = 1960 + n % 60,
        pct = 10 + n % 40,
        budget = 140 + n % 90,
    );
}

fn document(target_bytes: usize) -> String {
    let mut md = String::from("# The council papers\n\n");
    let mut n = 1;
    while md.len() < target_bytes {
        section(&mut md, n);
        n += 1;
    }
    md
}

/// Header of 400 columns, a delimiter row, 200 pipe-less one-word rows:
/// ~6 KB that comrak expands to ~2 MB.
fn pathological_table() -> String {
    let mut md = String::new();
    for c in 0..400 {
        let _ = write!(md, "|c{c}");
    }
    md.push_str("|\n");
    md.push_str(&"|:-:".repeat(400));
    md.push_str("|\n");
    for r in 0..200 {
        let _ = writeln!(md, "w{r}");
    }
    md
}

/// (median, p99) of `iterations` runs, after a couple of warm-up runs.
fn time(iterations: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    for _ in 0..2 {
        f();
    }
    let mut samples: Vec<Duration> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    samples.sort();
    let median = samples[samples.len() / 2];
    let p99 = samples[(samples.len() * 99).div_ceil(100) - 1];
    (median, p99)
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.1} ms")
    }
}

fn main() {
    let opts = RenderOptions {
        asset_base: Some("copydesk-asset://localhost/".into()),
        ..Default::default()
    };
    let limits = PreviewLimits::default();
    let cases = [
        ("article-15KB", document(15_000), 200),
        ("document-1MB", document(1_000_000), 20),
        ("pathological-table", pathological_table(), 10),
    ];
    for (name, md, iterations) in &cases {
        let (render, render_p99) = time(*iterations, || {
            black_box(render_unsanitised(black_box(md)));
        });
        let (full, full_p99) = time(*iterations, || {
            black_box(render_html(black_box(md), &opts));
        });
        let (preview, preview_p99) = time(*iterations, || {
            black_box(render_preview(black_box(md), &opts, limits));
        });
        let out = render_preview(md, &opts, limits);
        println!(
            "preview/{name}  render {}  render+sanitise {}  preview {} (median; p99 {} / {} / {}; \
             N={iterations}, md {} KB, html {} KB, preview {} KB, oversized {})",
            ms(render),
            ms(full),
            ms(preview),
            ms(render_p99),
            ms(full_p99),
            ms(preview_p99),
            md.len() / 1000,
            render_unsanitised(md).len() / 1000,
            out.html.len() / 1000,
            out.oversized_blocks,
        );
    }
}
