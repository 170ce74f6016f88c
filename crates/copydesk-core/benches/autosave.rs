//! Autosave latency: what one keystroke-triggered save costs, measured on a
//! real database file (WAL, synchronous=NORMAL) in a temporary folder, for a
//! source article alone and with two translations that every source save
//! realigns in the same transaction.
//!
//! Run: `cargo bench -p copydesk-core --bench autosave`

use std::time::Instant;

use copydesk_core::{LocaleVersionInput, Workspace};

fn main() {
    let dir = std::env::temp_dir().join(format!("copydesk-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let ws = Workspace::open(&dir).expect("open a workspace in a temp folder");
    // Grow the library so saves run against a non-trivial database.
    for _ in 0..2_000 {
        ws.create_article("fr").expect("create");
    }
    let sentence = "Le sommet a réuni des équipes venues de toute l'Europe pour parler de sobriété numérique. ";
    let paragraph = format!("{}\n\n", sentence.repeat(4));
    for (label, size) in [("article-15KB", 15_000usize), ("document-1MB", 1_000_000)] {
        for translations in [0, 2] {
            let article = ws.create_article("fr").expect("create");
            let mut body = paragraph.repeat(size / paragraph.len() + 1);
            let mut input = LocaleVersionInput {
                article_id: article.id.clone(),
                locale: "fr".into(),
                title: "Sommet pour l'action sur l'IA".into(),
                slug: "sommet".into(),
                author: "Claire".into(),
                date: Some("2026-02-14".into()),
                tags: vec!["ia".into()],
                summary: "Résumé".into(),
                body: body.clone(),
                status: copydesk_core::Status::Draft,
                minor: false,
                categories: vec!["Actualités".into()],
                featured_image: None,
            };
            ws.save_locale_version(&input).expect("first save");
            for locale in ["en", "de"].iter().take(translations) {
                ws.start_translation(&article.id, locale, true)
                    .expect("translate");
                ws.mark_blocks_up_to_date(&article.id, locale, None)
                    .expect("confirm");
            }
            let runs = if size > 100_000 { 100 } else { 1_000 };
            let mut times = Vec::with_capacity(runs);
            for i in 0..runs {
                // Typing at the end of the last paragraph: one block changes.
                body.push(char::from(b'a' + (i % 26) as u8));
                input.body.clone_from(&body);
                let t = Instant::now();
                ws.save_locale_version(&input).expect("save");
                times.push(t.elapsed().as_secs_f64() * 1e3);
            }
            times.sort_by(|a, b| a.total_cmp(b));
            let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
            println!(
                "autosave/{label:<13} {translations} translations  median {:.3} ms  p99 {:.3} ms  max {:.3} ms  ({runs} saves)",
                pct(0.5),
                pct(0.99),
                times[times.len() - 1]
            );
        }
    }
    drop(ws);
    let _ = std::fs::remove_dir_all(&dir);
}
