//! Translation staleness through the workspace's use-cases, on a real file.

use copydesk_core::{BlockState, LocaleVersionInput, Status, TranslationView, Workspace};

use BlockState::{SourceChanged as C, Untranslated as N, UpToDate as U};

struct Desk {
    _dir: tempfile::TempDir,
    ws: Workspace,
    id: String,
}

impl Desk {
    /// A French article of `n` paragraphs with a fully confirmed English translation.
    fn new(n: usize) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        let id = ws.create_article("fr").unwrap().id;
        let desk = Desk { _dir: dir, ws, id };
        desk.save_source(&paragraphs(n), false);
        let view = desk.ws.start_translation(&desk.id, "en", false).unwrap();
        assert!(
            view.blocks.iter().all(|b| b.state == N),
            "a new translation is all untranslated"
        );
        for b in &view.blocks {
            desk.ws
                .save_translation_block(&desk.id, "en", &b.unit_id, &format!("EN {}", b.source))
                .unwrap();
        }
        let view = desk
            .ws
            .mark_blocks_up_to_date(&desk.id, "en", None)
            .unwrap();
        assert_eq!(view.up_to_date, n as u32);
        desk
    }

    fn save_source(&self, ps: &[String], minor: bool) {
        let a = self.ws.get_article(&self.id).unwrap();
        let v = &a.versions[0];
        let input = LocaleVersionInput {
            article_id: self.id.clone(),
            locale: "fr".into(),
            title: "Titre".into(),
            slug: v.slug.clone(),
            author: String::new(),
            date: None,
            tags: vec![],
            summary: String::new(),
            body: ps.join("\n\n"),
            status: v.status,
            minor,
            categories: vec![],
            featured_image: None,
        };
        self.ws.save_locale_version(&input).unwrap();
    }

    fn view(&self) -> TranslationView {
        self.ws.translation(&self.id, "en").unwrap()
    }

    fn states(&self) -> Vec<BlockState> {
        self.view().blocks.iter().map(|b| b.state).collect()
    }
}

fn paragraphs(n: usize) -> Vec<String> {
    (1..=n)
        .map(|i| format!("Paragraphe {i} : le sommet a réuni des équipes."))
        .collect()
}

#[test]
fn insert_and_edit_flag_exactly_two_blocks_with_the_source_diff() {
    let desk = Desk::new(10);
    let mut ps = paragraphs(10);
    ps.insert(2, "Un paragraphe tout neuf.".into());
    ps[7] = "Paragraphe 7 : le sommet a réuni cent équipes.".into();
    desk.save_source(&ps, false);
    let view = desk.view();
    let states: Vec<_> = view.blocks.iter().map(|b| b.state).collect();
    assert_eq!(states, [U, U, N, U, U, U, U, C, U, U, U]);
    let changed = &view.blocks[7];
    assert_eq!(
        changed.previous_source.as_deref(),
        Some("Paragraphe 7 : le sommet a réuni des équipes.")
    );
    assert_eq!(
        changed.source,
        "Paragraphe 7 : le sommet a réuni cent équipes."
    );
    let diff = changed.diff.as_ref().unwrap();
    assert!(
        diff.iter().any(|s| s.op == "delete" && s.text == "des"),
        "the diff shows the removed word: {diff:?}"
    );
    assert!(
        diff.iter().any(|s| s.op == "insert" && s.text == "cent"),
        "the diff shows the new word: {diff:?}"
    );
    assert_eq!(
        changed.target, "EN Paragraphe 7 : le sommet a réuni des équipes.",
        "the translation is kept"
    );
    assert_eq!((view.up_to_date, view.total), (9, 11));
}

#[test]
fn the_translator_updates_and_confirms_a_block() {
    let desk = Desk::new(3);
    let mut ps = paragraphs(3);
    ps[1] = "Paragraphe 2 : corrigé.".into();
    desk.save_source(&ps, false);
    let changed = desk.view().blocks[1].clone();
    desk.ws
        .save_translation_block(&desk.id, "en", &changed.unit_id, "EN Paragraph 2: fixed.")
        .unwrap();
    assert_eq!(desk.states(), [U, C, U], "editing alone does not confirm");
    let view = desk
        .ws
        .mark_blocks_up_to_date(&desk.id, "en", Some(std::slice::from_ref(&changed.unit_id)))
        .unwrap();
    assert_eq!((view.up_to_date, view.total), (3, 3), "back to 100 %");
    let en = desk
        .ws
        .get_article(&desk.id)
        .unwrap()
        .versions
        .into_iter()
        .find(|v| v.locale == "en")
        .unwrap();
    assert!(
        en.body.contains("EN Paragraph 2: fixed."),
        "the version's body follows its blocks: {}",
        en.body
    );
}

#[test]
fn a_minor_edit_keeps_translations_current() {
    let desk = Desk::new(3);
    let mut ps = paragraphs(3);
    ps[0] = "Paragraphe 1 : le sommet a réuni des équipes !".into();
    desk.save_source(&ps, true);
    assert_eq!(desk.states(), [U, U, U], "a minor edit changes no state");
    ps[2] = "Paragraphe 3 : vraiment différent.".into();
    desk.save_source(&ps, false);
    assert_eq!(
        desk.states(),
        [U, U, C],
        "a normal edit still flags its block"
    );
}

#[test]
fn whitespace_moves_deletes_splits_and_merges() {
    let desk = Desk::new(5);
    let mut ps = paragraphs(5);
    desk.save_source(
        &ps.iter()
            .map(|p| p.replace(" : ", " :\n"))
            .collect::<Vec<_>>(),
        false,
    );
    assert_eq!(
        desk.states(),
        [U, U, U, U, U],
        "reflowing whitespace changes nothing"
    );
    let first = ps.remove(0);
    ps.push(first);
    desk.save_source(&ps, false);
    assert_eq!(
        desk.states(),
        [U, U, U, U, U],
        "a moved paragraph stays translated"
    );
    ps.remove(1);
    desk.save_source(&ps, false);
    assert_eq!(
        desk.states(),
        [U, C, U, U, U],
        "a deleted paragraph's translation waits for confirmation"
    );
    assert_eq!(desk.view().blocks[1].kind, "removed");
    let view = desk
        .ws
        .mark_blocks_up_to_date(&desk.id, "en", None)
        .unwrap();
    assert_eq!(
        view.total, 5,
        "'all' never drops the translation of a deleted block"
    );
    let removed = view.blocks[1].unit_id.clone();
    let view = desk
        .ws
        .mark_blocks_up_to_date(&desk.id, "en", Some(&[removed]))
        .unwrap();
    assert_eq!(
        view.total, 4,
        "confirming the removed block itself drops it"
    );
    let merged = format!("{} {}", ps[0], ps[1]);
    ps.splice(0..2, [merged]);
    desk.save_source(&ps, false);
    assert_eq!(
        desk.states(),
        [C, U, U],
        "two merged paragraphs become one changed block"
    );
}

#[test]
fn shipped_translations_become_outdated_and_return_to_review() {
    let desk = Desk::new(2);
    let a = desk.ws.get_article(&desk.id).unwrap();
    let en = a.versions.iter().find(|v| v.locale == "en").unwrap();
    let input = LocaleVersionInput {
        article_id: desk.id.clone(),
        locale: "en".into(),
        title: "Title".into(),
        slug: "title".into(),
        author: String::new(),
        date: None,
        tags: vec![],
        summary: String::new(),
        body: en.body.clone(),
        status: Status::Ready,
        minor: false,
        categories: vec![],
        featured_image: None,
    };
    desk.ws.save_locale_version(&input).unwrap();
    let mut ps = paragraphs(2);
    ps[0] = "Tout autre chose.".into();
    desk.save_source(&ps, false);
    assert_eq!(
        desk.view().status,
        Status::Outdated,
        "a ready translation whose source moved is outdated"
    );
    let library = desk.ws.list_articles(false).unwrap();
    let entry = library.iter().find(|e| e.id == desk.id).unwrap();
    let en = entry.versions.iter().find(|v| v.locale == "en").unwrap();
    assert_eq!(
        (en.up_to_date, en.blocks),
        (1, 2),
        "the library shows the progress"
    );
    let view = desk
        .ws
        .mark_blocks_up_to_date(&desk.id, "en", None)
        .unwrap();
    assert_eq!(
        view.status,
        Status::InReview,
        "brought up to date, it goes back to review"
    );
}

#[test]
fn translations_are_refused_for_the_source_or_twice() {
    let desk = Desk::new(1);
    assert_eq!(
        desk.ws
            .start_translation(&desk.id, "fr", true)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(
        desk.ws
            .start_translation(&desk.id, "en", true)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(
        desk.ws
            .start_translation(&desk.id, "french", true)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    let de = desk.ws.start_translation(&desk.id, "de", true).unwrap();
    assert_eq!(
        de.blocks[0].target, de.blocks[0].source,
        "copy mode starts from the source"
    );
    assert_eq!(de.blocks[0].state, N);
}

#[test]
fn metadata_saves_leave_the_blocks_alone() {
    let desk = Desk::new(2);
    let before = desk.view();
    let meta = copydesk_core::VersionMetadata {
        article_id: desk.id.clone(),
        locale: "en".into(),
        title: "The summit".into(),
        slug: "The Summit!".into(),
        summary: "What we learnt.".into(),
        tags: vec!["events".into()],
        categories: vec![" News ".into(), "News".into(), "Events".into()],
        status: Status::Ready,
    };
    let saved = desk.ws.save_version_metadata(&meta).unwrap();
    assert_eq!(saved.slug, "the-summit", "the slug is normalised");
    let after = desk.view();
    assert_eq!(after.title, "The summit");
    assert_eq!(after.summary, "What we learnt.");
    assert_eq!(after.status, Status::Ready);
    assert_eq!(after.tags, ["events"]);
    assert_eq!(
        after.categories,
        ["News", "Events"],
        "the translation's own categories, trimmed, once each"
    );
    assert_eq!(
        after.blocks, before.blocks,
        "blocks and their targets are untouched"
    );
}

#[test]
fn a_translation_goes_to_the_trash_and_comes_back_with_its_blocks() {
    let desk = Desk::new(3);
    assert_eq!(
        desk.ws
            .delete_translation(&desk.id, "fr")
            .unwrap_err()
            .code(),
        "invalid_input",
        "not the source"
    );
    desk.ws.delete_translation(&desk.id, "en").unwrap();
    assert_eq!(
        desk.ws.translation(&desk.id, "en").unwrap_err().code(),
        "not_found"
    );
    let article = desk.ws.get_article(&desk.id).unwrap();
    assert_eq!(
        article.versions.len(),
        1,
        "the trashed translation is not part of the article"
    );
    assert_eq!(
        desk.ws
            .start_translation(&desk.id, "en", true)
            .unwrap_err()
            .code(),
        "invalid_input",
        "one en version at a time"
    );
    let trashed = desk.ws.list_trashed_translations().unwrap();
    assert_eq!(trashed.len(), 1);
    desk.ws.restore_translation(&trashed[0].version_id).unwrap();
    assert_eq!(
        desk.view().up_to_date,
        3,
        "its confirmed blocks come back with it"
    );
    desk.ws.delete_translation(&desk.id, "en").unwrap();
    desk.ws.purge_translation(&trashed[0].version_id).unwrap();
    assert!(desk.ws.list_trashed_translations().unwrap().is_empty());
    desk.ws.start_translation(&desk.id, "en", false).unwrap();
}
