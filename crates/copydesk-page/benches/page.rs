//! The page preview's cost on a ~15 KB article, beside render-only:
//! `cargo bench -p copydesk-page --bench page`. Std only; median and p99.

use std::hint::black_box;
use std::time::{Duration, Instant};

use copydesk_markdown::{PreviewLimits, RenderOptions, render_preview, render_unsanitised};
use copydesk_page::{PageArticle, PageInput, RelatedArticle, SiteStrings, Theme, render_page};

fn article() -> String {
    let mut md = String::from("# Le conseil municipal\n\n");
    let mut n = 0;
    while md.len() < 15_000 {
        n += 1;
        md.push_str(&format!(
            "## Partie {n} : ce que disent les archives\n\n\
             Les *archives municipales* contiennent **{n} cartons** de courrier. \"Nous n'avions pas le choix\", \
             dit-elle aujourd'hui ; la citation vient d'un entretien[^s{n}]. Pourquoi ? Voir \
             [l'historique](https://example.org/h/{n}) !\n\n\
             - Le budget a augmenté de {n} % entre les versions.\n- Trois membres se sont abstenus.\n\n\
             | Année | Budget | Pour |\n|---:|---:|:-:|\n| 1971 | 120 | 3 |\n| 1972 | 135 | 4 |\n\n\
             ```python\nprint(\"{n}: ok\")\n```\n\n![Salle](assets/salle-{n}.jpg)\n\n\
             [^s{n}]: Entretiens, carton {n}.\n\n"
        ));
    }
    md
}

fn time(name: &str, runs: usize, mut f: impl FnMut()) {
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    samples.sort();
    let median = samples[runs / 2];
    let p99 = samples[(runs * 99 / 100).min(runs - 1)];
    println!("{name:<48} median {median:>10.2?}   p99 {p99:>10.2?}");
}

fn main() {
    let md = article();
    println!("article: {} bytes of Markdown", md.len());
    let runs = 300;
    let opts = RenderOptions {
        asset_base: Some("copydesk-asset://localhost/".into()),
        locale: Some("fr".into()),
    };
    let plain = RenderOptions {
        asset_base: opts.asset_base.clone(),
        locale: None,
    };
    time("render (comrak only)", runs, || {
        black_box(render_unsanitised(&md));
    });
    time("live preview, no typography", runs, || {
        black_box(render_preview(&md, &plain, PreviewLimits::default()));
    });
    time("live preview + typography (fr)", runs, || {
        black_box(render_preview(&md, &opts, PreviewLimits::default()));
    });
    let theme = Theme::default();
    let site = SiteStrings::none();
    time(
        "whole page (render + sanitise + typography + template + page sanitise)",
        runs,
        || {
            let body = render_preview(&md, &opts, PreviewLimits::default()).html;
            let input = PageInput {
                article: PageArticle {
                    title: "Le conseil municipal".into(),
                    author: "Léa".into(),
                    date: Some("2025-03-18".into()),
                    summary: "Ce que disent les archives.".into(),
                    locale: "fr".into(),
                    reading_minutes: 5,
                    body_html: body,
                    ..Default::default()
                },
                related: vec![RelatedArticle {
                    title: "Autre".into(),
                    date: Some("2025-01-02".into()),
                    locale: "fr".into(),
                    ..Default::default()
                }],
            };
            black_box(render_page(&input, &theme, &site).unwrap());
        },
    );
}
