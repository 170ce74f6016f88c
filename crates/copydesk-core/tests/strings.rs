//! The Strings use-cases on a copy of `tests/fixtures/strings-site`: link a
//! folder, list messages side by side, draft (checks + preview), save one
//! message and nothing else, notice changes made on disk.

use std::path::{Path, PathBuf};

use copydesk_core::l10n::Localizer;
use copydesk_core::{DraftInput, MessageStatus, SaveInput, StringsFilter, StringsQuery, Workspace};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/strings-site")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A workspace with a copy of the fixture site linked.
fn linked() -> (Workspace, PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture(), &site);
    let ws = Workspace::open(&dir.path().join("data")).unwrap();
    ws.link_strings_folder(site.to_str().unwrap(), None)
        .unwrap();
    (ws, site, dir)
}

fn query(locale: &str, path: Option<&str>) -> StringsQuery {
    StringsQuery {
        locale: locale.into(),
        path: path.map(str::to_string),
        filter: StringsFilter::All,
        search: String::new(),
    }
}

#[test]
fn linking_a_folder_gives_progress_per_locale() {
    let (ws, site, _keep) = linked();
    let overview = ws.strings_overview().unwrap().expect("linked");
    assert_eq!(overview.link.reference, "en", "en is the default reference");
    let fr = overview.locales.iter().find(|l| l.locale == "fr").unwrap();
    assert_eq!(
        (fr.stats.total, fr.stats.translated, fr.stats.missing),
        (10, 9, 1)
    );
    assert_eq!(fr.plural.categories, ["one", "many", "other"]);
    let en = overview.locales.iter().find(|l| l.locale == "en").unwrap();
    assert!(en.is_reference);
    assert_eq!(
        ws.strings_link().unwrap().unwrap().path,
        std::fs::canonicalize(site).unwrap().display().to_string()
    );
}

#[test]
fn a_bad_folder_is_refused_with_a_localised_message() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let err = ws.link_strings_folder("/no/such/folder", None).unwrap_err();
    assert_eq!(err.code(), "strings_folder_invalid");
    assert!(
        err.message(&Localizer::new("fr"))
            .contains("n’est pas un dossier"),
        "{}",
        err.message(&Localizer::new("fr"))
    );
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(empty.join("docs")).unwrap();
    let err = ws
        .link_strings_folder(empty.to_str().unwrap(), None)
        .unwrap_err();
    assert!(
        err.message(&Localizer::new("en"))
            .contains("no language folders")
    );
    assert!(
        ws.strings_link().unwrap().is_none(),
        "nothing linked after a failure"
    );
}

#[test]
fn messages_come_side_by_side_with_filters_and_search() {
    let (ws, _site, _keep) = linked();
    let list = ws
        .strings_messages(&query("fr", Some("newsletter/form.ftl")))
        .unwrap();
    assert_eq!(list.rows.len(), 6);
    let thanks = list
        .rows
        .iter()
        .find(|r| r.id == "newsletter-thanks")
        .unwrap();
    assert_eq!(thanks.status, MessageStatus::Missing);
    assert!(thanks.target.is_none());
    let title = list
        .rows
        .iter()
        .find(|r| r.id == "newsletter-title")
        .unwrap();
    assert_eq!(title.status, MessageStatus::Ok);
    assert_eq!(
        title.reference.as_ref().unwrap().comment.as_deref(),
        Some("Heading of the sign-up box.")
    );
    assert_eq!(
        title
            .target
            .as_ref()
            .unwrap()
            .model
            .as_ref()
            .unwrap()
            .value
            .as_ref()
            .unwrap()
            .text,
        "Abonnez-vous à notre lettre d’information"
    );

    let mut q = query("fr", None);
    q.filter = StringsFilter::Missing;
    let missing = ws.strings_messages(&q).unwrap();
    assert_eq!(
        missing
            .rows
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
        ["newsletter-thanks"]
    );

    let mut q = query("fr", None);
    q.search = "LECTURE".into();
    let found = ws.strings_messages(&q).unwrap();
    assert_eq!(
        found.rows.len(),
        1,
        "search looks at the translation, case-insensitively"
    );
    assert_eq!(found.rows[0].path, "articles.ftl");
    q.search = "subscription".into();
    assert_eq!(
        ws.strings_messages(&q).unwrap().rows[0].id,
        "newsletter-thanks",
        "and at the reference"
    );
}

#[test]
fn a_draft_is_checked_and_previewed_as_typed() {
    let (ws, _site, _keep) = linked();
    let mut input = DraftInput {
        locale: "fr".into(),
        path: "newsletter/form.ftl".into(),
        id: "newsletter-thanks".into(),
        source: None,
        model: None,
        args: Default::default(),
    };
    let start = ws.strings_draft(&input).unwrap();
    assert!(!start.exists);
    assert_eq!(
        start.source, "newsletter-thanks = { \"\" }\n",
        "an empty template of the reference"
    );
    assert!(
        start
            .findings
            .iter()
            .any(|f| f.kind.as_str() == "empty-value")
    );

    input.source = Some("newsletter-thanks = Merci { $nom } !".into());
    let typed = ws.strings_draft(&input).unwrap();
    assert!(typed.saveable);
    let kinds: Vec<_> = typed.findings.iter().map(|f| f.kind.as_str()).collect();
    assert_eq!(kinds, ["unknown-variable"]);
    assert_eq!(typed.findings[0].column, Some(29));
    assert_eq!(
        typed.preview[0].text, "Merci nom !",
        "the default sample is the variable's name"
    );

    input.source = Some("newsletter-thanks = Merci { -brand-name } !".into());
    input.args.insert("nom".into(), "Camille".into());
    let ok = ws.strings_draft(&input).unwrap();
    let kinds: Vec<_> = ok.findings.iter().map(|f| f.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["obsolete-term-ref"],
        "the reference does not name the brand"
    );
    assert_eq!(
        ok.preview[0].text, "Merci Copydesk !",
        "terms come from the locale's other files"
    );

    input.source = Some("newsletter-thanks = { $x".into());
    let broken = ws.strings_draft(&input).unwrap();
    assert!(!broken.saveable);
    assert_eq!(broken.findings[0].kind.as_str(), "syntax-error");

    input.source = Some("reading-time = Autre".into());
    assert!(
        !ws.strings_draft(&input).unwrap().saveable,
        "another id cannot be saved here"
    );
}

#[test]
fn plural_drafts_preview_each_category() {
    let (ws, _site, _keep) = linked();
    let d = ws
        .strings_draft(&DraftInput {
            locale: "fr".into(),
            path: "articles.ftl".into(),
            id: "reading-time".into(),
            source: None,
            model: None,
            args: Default::default(),
        })
        .unwrap();
    assert!(d.exists);
    let shown: Vec<_> = d
        .preview
        .iter()
        .map(|l| (l.category.clone().unwrap(), l.text.clone()))
        .collect();
    assert_eq!(
        shown,
        [
            ("one".to_string(), "0 minute de lecture".to_string()),
            ("many".to_string(), "1000000 minutes de lecture".to_string()),
            ("other".to_string(), "2 minutes de lecture".to_string())
        ]
    );
    assert_eq!(d.args["count"], "3", "a plural selector gets a number");
}

#[test]
fn saving_writes_only_that_message_and_then_the_check_passes() {
    let (ws, site, _keep) = linked();
    let file = site.join("fr/newsletter/form.ftl");
    let before = std::fs::read_to_string(&file).unwrap();
    let draft = ws
        .strings_draft(&DraftInput {
            locale: "fr".into(),
            path: "newsletter/form.ftl".into(),
            id: "newsletter-thanks".into(),
            source: Some("newsletter-thanks = Merci ! Votre inscription est enregistrée.".into()),
            model: None,
            args: Default::default(),
        })
        .unwrap();
    let saved = ws
        .strings_save(&SaveInput {
            locale: "fr".into(),
            path: "newsletter/form.ftl".into(),
            id: "newsletter-thanks".into(),
            source: draft.source,
            version: draft.version.clone(),
        })
        .unwrap();
    assert_eq!(saved.row.status, MessageStatus::Ok);
    let after = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        after,
        before.replace(
            "newsletter-email = Votre adresse électronique\n",
            "newsletter-email = Votre adresse électronique\nnewsletter-thanks = Merci ! Votre inscription est enregistrée.\n"
        ),
        "inserted after the message that precedes it in English, nothing else changed"
    );
    let fr = ws
        .strings_overview()
        .unwrap()
        .unwrap()
        .locales
        .into_iter()
        .find(|l| l.locale == "fr")
        .unwrap();
    assert_eq!(fr.stats.missing, 0);
    assert_eq!(fr.stats.translated, 10);

    // Edited elsewhere since the draft's version: refused, file untouched.
    std::fs::write(&file, format!("{after}\n# edited in another editor\n")).unwrap();
    let err = ws
        .strings_save(&SaveInput {
            locale: "fr".into(),
            path: "newsletter/form.ftl".into(),
            id: "newsletter-error".into(),
            source: "newsletter-error = Zut".into(),
            version: Some(saved.version),
        })
        .unwrap_err();
    assert_eq!(err.code(), "strings_changed_on_disk");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .ends_with("# edited in another editor\n")
    );
}

#[test]
fn a_file_that_is_not_utf8_is_never_written() {
    let (ws, site, _keep) = linked();
    let file = site.join("fr/articles.ftl");
    let bytes = b"published-on = Publi\xe9 le { $date }\n".to_vec();
    std::fs::write(&file, &bytes).unwrap();
    let d = ws
        .strings_draft(&DraftInput {
            locale: "fr".into(),
            path: "articles.ftl".into(),
            id: "related-articles".into(),
            source: Some("related-articles = Articles liés".into()),
            model: None,
            args: Default::default(),
        })
        .unwrap();
    let err = ws
        .strings_save(&SaveInput {
            locale: "fr".into(),
            path: "articles.ftl".into(),
            id: "related-articles".into(),
            source: d.source,
            version: d.version,
        })
        .unwrap_err();
    assert_eq!(err.code(), "strings_file_not_writable");
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

#[test]
fn a_new_file_is_created_for_a_locale_that_lacks_it() {
    let (ws, site, _keep) = linked();
    std::fs::remove_file(site.join("de/articles.ftl")).unwrap();
    ws.strings_save(&SaveInput {
        locale: "de".into(),
        path: "articles.ftl".into(),
        id: "related-articles".into(),
        source: "related-articles = Ähnliche Artikel\n".into(),
        version: None,
    })
    .unwrap();
    assert_eq!(
        std::fs::read_to_string(site.join("de/articles.ftl")).unwrap(),
        "related-articles = Ähnliche Artikel\n"
    );
    let err = ws
        .strings_save(&SaveInput {
            locale: "de".into(),
            path: "../escape.ftl".into(),
            id: "x".into(),
            source: "x = y".into(),
            version: None,
        })
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input", "paths stay inside the folder");
}
