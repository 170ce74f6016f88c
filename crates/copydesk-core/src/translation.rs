//! Translation of articles: starting a locale version from the source,
//! the side-by-side view with per-block staleness, editing and confirming
//! blocks, and keeping every translation aligned when the source is saved.
//! The alignment itself is in [`crate::align`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};

use copydesk_markdown::{SourceBlock, split_blocks};
use copydesk_store::{LocaleVersionRow, RevisionRow, Store, UnitRow, WriteOp};

use crate::align::{self, BlockState, ConfirmedBlock, Unit};
use crate::article::{Status, version_row};
use crate::{CoreError, LocaleVersionInput, SavedLocaleVersion, Workspace, new_id, now_ms};

/// Source edits closer together than this share one revision.
const REVISION_INTERVAL_MS: i64 = 10 * 60 * 1000;

/// A span of a word-level diff between two versions of a source block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffSpan {
    /// "equal", "insert" or "delete".
    pub op: &'static str,
    pub text: String,
}

/// One row of the side-by-side view: source block(s) and their translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TranslationBlock {
    pub unit_id: String,
    pub state: BlockState,
    /// Kind of the (first) source block; "removed" when its source is gone.
    pub kind: &'static str,
    /// The current source text this unit translates.
    pub source: String,
    pub target: String,
    /// For a changed block: the source text it was last confirmed against.
    pub previous_source: Option<String>,
    /// For a changed block: word-level diff from `previous_source` to `source`.
    pub diff: Option<Vec<DiffSpan>>,
}

/// The metadata of a locale version, saved without touching its body (the
/// translator edits the body block by block).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionMetadata {
    pub article_id: String,
    pub locale: String,
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub tags: Vec<String>,
    /// The site's categories in this language (translated names).
    #[serde(default)]
    pub categories: Vec<String>,
    pub status: Status,
}

/// A translation in the trash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrashedTranslation {
    pub version_id: String,
    pub article_id: String,
    pub locale: String,
    pub title: String,
    pub article_title: String,
    pub deleted_at: i64,
}

/// A target locale version seen side by side with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TranslationView {
    pub article_id: String,
    pub source_locale: String,
    pub locale: String,
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub source_title: String,
    pub source_summary: String,
    pub status: Status,
    pub blocks: Vec<TranslationBlock>,
    pub total: u32,
    pub up_to_date: u32,
}

impl Workspace {
    /// Starts the `locale` version of an article from its source: a copy of
    /// the source to overwrite (`copy`) or empty. Every block starts
    /// untranslated. Author, date, categories and featured image are the
    /// source's either way (the same post on the site, in another language).
    pub fn start_translation(
        &self,
        article_id: &str,
        locale: &str,
        copy: bool,
    ) -> Result<TranslationView, CoreError> {
        let locale = crate::locale::validate(locale)?;
        {
            let mut store = self.store();
            let (article, source) = source_of(&store, article_id)?;
            if locale == article.source_locale
                || store
                    .locale_versions(article_id)?
                    .iter()
                    .any(|v| v.locale == locale)
            {
                return Err(CoreError::InvalidInput(format!(
                    "{article_id} already has a {locale} version"
                )));
            }
            if store.trashed_version_id(article_id, &locale)?.is_some() {
                return Err(CoreError::InvalidInput(format!(
                    "the {locale} version of this article is in the trash: restore it, or delete it for good first"
                )));
            }
            let blocks = split_blocks(&source.body);
            let units = align::start_units(&blocks, copy, new_id);
            let now = now_ms();
            let pick = |s: &String| if copy { s.clone() } else { String::new() };
            let version = LocaleVersionRow {
                id: new_id(),
                article_id: article_id.to_string(),
                locale: locale.clone(),
                title: pick(&source.title),
                slug: pick(&source.slug),
                author: source.author.clone(),
                date: source.date.clone(),
                tags: if copy {
                    source.tags.clone()
                } else {
                    "[]".into()
                },
                summary: pick(&source.summary),
                body: align::join_targets(units.iter().map(|u| u.target.as_str())),
                status: Status::Draft.as_str().into(),
                created_at: now,
                updated_at: now,
                categories: source.categories.clone(),
                featured_image: source.featured_image.clone(),
            };
            let rows = unit_rows(&units, now);
            let revision = revision(&version, false, "translation_start", now);
            store.apply(&[
                WriteOp::InsertVersion(&version),
                WriteOp::ReplaceUnits {
                    version_id: &version.id,
                    units: &rows,
                },
                WriteOp::AddRevision(&revision),
            ])?;
        }
        self.translation(article_id, &locale)
    }

    /// Moves the `locale` translation of an article to the trash (the source
    /// version goes with its article, never alone).
    pub fn delete_translation(&self, article_id: &str, locale: &str) -> Result<(), CoreError> {
        let mut store = self.store();
        let (article, _) = source_of(&store, article_id)?;
        let target = target_of(&store, article_id, locale, &article.source_locale)?;
        store.set_version_deleted(&target.id, Some(now_ms()))?;
        Ok(())
    }

    /// Takes a translation out of the trash.
    pub fn restore_translation(&self, version_id: &str) -> Result<(), CoreError> {
        if !self.store().set_version_deleted(version_id, None)? {
            return Err(CoreError::NotFound(format!("translation {version_id}")));
        }
        Ok(())
    }

    /// Deletes a trashed translation for good.
    pub fn purge_translation(&self, version_id: &str) -> Result<(), CoreError> {
        if !self.store().purge_version(version_id)? {
            return Err(CoreError::NotFound(format!(
                "translation {version_id} in the trash"
            )));
        }
        Ok(())
    }

    /// Translations in the trash, most recently deleted first.
    pub fn list_trashed_translations(&self) -> Result<Vec<TrashedTranslation>, CoreError> {
        Ok(self
            .store()
            .trashed_versions()?
            .into_iter()
            .map(|r| TrashedTranslation {
                version_id: r.version_id,
                article_id: r.article_id,
                locale: r.locale,
                title: r.title,
                article_title: r.article_title,
                deleted_at: r.deleted_at,
            })
            .collect())
    }

    /// The side-by-side view of the `locale` version of an article.
    pub fn translation(
        &self,
        article_id: &str,
        locale: &str,
    ) -> Result<TranslationView, CoreError> {
        let mut store = self.store();
        let (article, source) = source_of(&store, article_id)?;
        let target = target_of(&store, article_id, locale, &article.source_locale)?;
        let blocks = split_blocks(&source.body);
        let stored = load_units(&store, &target.id)?;
        // Units are realigned whenever the source is saved; doing it again
        // here repairs a database written by other means and costs little.
        let units = align::realign(stored.clone(), &blocks, new_id);
        if units != stored {
            let rows = unit_rows(&units, now_ms());
            store.apply(&[WriteOp::ReplaceUnits {
                version_id: &target.id,
                units: &rows,
            }])?;
        }
        view(&article.source_locale, &source, &target, &units, &blocks)
    }

    /// Saves the translator's text for one block (the version's body follows).
    pub fn save_translation_block(
        &self,
        article_id: &str,
        locale: &str,
        unit_id: &str,
        target_text: &str,
    ) -> Result<SavedLocaleVersion, CoreError> {
        let mut store = self.store();
        let (article, _) = source_of(&store, article_id)?;
        let mut target = target_of(&store, article_id, locale, &article.source_locale)?;
        let mut units = load_units(&store, &target.id)?;
        let unit = units
            .iter_mut()
            .find(|u| u.id == unit_id)
            .ok_or_else(|| CoreError::NotFound(format!("block {unit_id}")))?;
        unit.target = target_text.to_string();
        let now = write_translation(&mut store, &mut target, &units)?;
        Ok(SavedLocaleVersion {
            updated_at: now,
            slug: target.slug,
        })
    }

    /// Saves a version's title, slug, summary, tags, categories and status; its body is
    /// left as it is.
    pub fn save_version_metadata(
        &self,
        m: &VersionMetadata,
    ) -> Result<SavedLocaleVersion, CoreError> {
        let mut store = self.store();
        let mut row = store
            .locale_versions(&m.article_id)?
            .into_iter()
            .find(|v| v.locale == m.locale)
            .ok_or_else(|| {
                CoreError::NotFound(format!("article {} in {}", m.article_id, m.locale))
            })?;
        let input = LocaleVersionInput {
            article_id: m.article_id.clone(),
            locale: m.locale.clone(),
            title: m.title.clone(),
            slug: m.slug.clone(),
            author: row.author.clone(),
            date: row.date.clone(),
            tags: m.tags.clone(),
            summary: m.summary.clone(),
            body: row.body.clone(),
            status: m.status,
            minor: false,
            categories: m.categories.clone(),
            // Not edited here: the row keeps its own.
            featured_image: None,
        };
        let cleaned = version_row(&input)?;
        let now = now_ms();
        row.title = cleaned.title;
        row.slug = cleaned.slug;
        row.summary = cleaned.summary;
        row.tags = cleaned.tags;
        row.categories = cleaned.categories;
        row.status = cleaned.status;
        row.updated_at = now;
        store.apply(&[WriteOp::UpdateVersion(&row)])?;
        Ok(SavedLocaleVersion {
            updated_at: now,
            slug: row.slug,
        })
    }

    /// Marks blocks up to date with the current source (`None` = all of
    /// them). A block whose source was deleted is removed from the
    /// translation. When nothing is left to do, an *outdated* version goes
    /// back to *in review*.
    pub fn mark_blocks_up_to_date(
        &self,
        article_id: &str,
        locale: &str,
        unit_ids: Option<&[String]>,
    ) -> Result<TranslationView, CoreError> {
        {
            let mut store = self.store();
            let (article, source) = source_of(&store, article_id)?;
            let mut target = target_of(&store, article_id, locale, &article.source_locale)?;
            let blocks = split_blocks(&source.body);
            let units = align::realign(load_units(&store, &target.id)?, &blocks, new_id);
            // "All" never removes the translation of a deleted source block:
            // that takes the translator's explicit confirmation of that block.
            let chosen = |u: &Unit| match unit_ids {
                None => !u.anchor.is_empty(),
                Some(ids) => ids.contains(&u.id),
            };
            let units: Vec<Unit> = units
                .into_iter()
                .filter_map(|u| {
                    if chosen(&u) {
                        align::confirm(u, &blocks)
                    } else {
                        Some(u)
                    }
                })
                .collect();
            if target.status == Status::Outdated.as_str()
                && units.iter().all(|u| u.state() == BlockState::UpToDate)
            {
                target.status = Status::InReview.as_str().into();
            }
            write_translation(&mut store, &mut target, &units)?;
        }
        self.translation(article_id, locale)
    }

    /// Saves one locale version (autosave, import). Saving the source
    /// realigns every translation in the same transaction; with `minor`, the
    /// blocks that were up to date stay up to date. Saving a translation's
    /// whole body redistributes it over its blocks in order.
    pub(crate) fn save_version(
        &self,
        input: &LocaleVersionInput,
        origin: &str,
    ) -> Result<SavedLocaleVersion, CoreError> {
        let mut row = version_row(input)?;
        let now = now_ms();
        row.updated_at = now;
        let mut store = self.store();
        let article = store
            .article(&input.article_id)?
            .ok_or_else(|| CoreError::NotFound(format!("article {}", input.article_id)))?;
        let versions = store.locale_versions(&article.id)?;
        let current = versions
            .iter()
            .find(|v| v.locale == row.locale)
            .ok_or_else(|| {
                CoreError::NotFound(format!("article {} in {}", input.article_id, input.locale))
            })?;
        row.id = current.id.clone();

        let mut unit_writes: Vec<(String, Vec<UnitRow>)> = Vec::new();
        let mut statuses: Vec<(String, &'static str)> = Vec::new();
        if row.locale == article.source_locale {
            let blocks = split_blocks(&row.body);
            for target in versions
                .iter()
                .filter(|v| v.locale != article.source_locale)
            {
                let before = load_units(&store, &target.id)?;
                let was_current: HashMap<String, bool> = before
                    .iter()
                    .map(|u| (u.id.clone(), u.state() == BlockState::UpToDate))
                    .collect();
                let mut units = align::realign(before, &blocks, new_id);
                if input.minor {
                    units = units
                        .into_iter()
                        .map(|u| {
                            let keep = was_current.get(&u.id).copied().unwrap_or(false)
                                && u.state() == BlockState::SourceChanged;
                            if keep {
                                align::confirm(u.clone(), &blocks).unwrap_or(u)
                            } else {
                                u
                            }
                        })
                        .collect();
                }
                let stale = units.iter().any(|u| u.state() != BlockState::UpToDate);
                let shipped =
                    [Status::InReview, Status::Ready, Status::Published].map(Status::as_str);
                if stale && shipped.contains(&target.status.as_str()) {
                    statuses.push((target.id.clone(), Status::Outdated.as_str()));
                }
                unit_writes.push((target.id.clone(), unit_rows(&units, now)));
            }
        } else if align::join_targets([current.body.as_str()])
            != align::join_targets([row.body.as_str()])
        {
            let units = redistribute(load_units(&store, &current.id)?, &row.body);
            row.body = align::join_targets(units.iter().map(|u| u.target.as_str()));
            unit_writes.push((current.id.clone(), unit_rows(&units, now)));
        }

        let last = store.last_revision_at(&row.id)?;
        let snapshot = (input.minor
            || origin != "edit"
            || last.is_none_or(|t| now - t >= REVISION_INTERVAL_MS))
        .then(|| revision(&row, input.minor, origin, now));
        let mut ops = vec![WriteOp::UpdateVersion(&row)];
        for (version_id, units) in &unit_writes {
            ops.push(WriteOp::ReplaceUnits { version_id, units });
        }
        for (version_id, status) in &statuses {
            ops.push(WriteOp::SetStatus { version_id, status });
        }
        if let Some(r) = &snapshot {
            ops.push(WriteOp::AddRevision(r));
        }
        store.apply(&ops)?;
        Ok(SavedLocaleVersion {
            updated_at: now,
            slug: row.slug,
        })
    }
}

/// Spreads a translation's new body over its units when it is edited as a
/// whole (import, the plain editor). A block whose text a unit already had
/// goes back to that unit, so an unchanged paragraph never moves to another
/// source block; new or edited blocks between two such anchors fill the units
/// between them in order (the surplus joins the last of them, or the unit
/// before when there is none). Units that get nothing are emptied: the user
/// deleted their text.
fn redistribute(units: Vec<Unit>, body: &str) -> Vec<Unit> {
    let blocks = split_blocks(body);
    if units.is_empty() {
        let text = body.trim();
        if text.is_empty() {
            return units;
        }
        return vec![Unit {
            id: new_id(),
            target: text.to_string(),
            anchor: Vec::new(),
            confirmed: None,
        }];
    }
    // Which unit held each block text before (in order, for duplicates).
    let mut owners: HashMap<String, std::collections::VecDeque<usize>> = HashMap::new();
    for (u, unit) in units.iter().enumerate() {
        for b in split_blocks(&unit.target) {
            owners.entry(b.hash).or_default().push_back(u);
        }
    }
    // Anchor blocks to their old unit, keeping the order monotonic.
    let mut owner: Vec<Option<usize>> = vec![None; blocks.len()];
    let mut floor = 0;
    for (k, b) in blocks.iter().enumerate() {
        if let Some(queue) = owners.get_mut(&b.hash) {
            while let Some(&u) = queue.front() {
                queue.pop_front();
                if u >= floor {
                    owner[k] = Some(u);
                    floor = u;
                    break;
                }
            }
        }
    }
    // Fill the gaps between anchored blocks over the units between them.
    let mut k = 0;
    while k < blocks.len() {
        if owner[k].is_some() {
            k += 1;
            continue;
        }
        let start = k;
        while k < blocks.len() && owner[k].is_none() {
            k += 1;
        }
        let prev = owner[..start].iter().rev().flatten().next().copied();
        let next = owner[k..].iter().flatten().next().copied();
        let lo = prev.map_or(0, |p| p + 1);
        let hi = next.unwrap_or(units.len());
        let free: Vec<usize> = (lo..hi).collect();
        for (n, slot) in (start..k).enumerate() {
            owner[slot] = Some(match free.get(n) {
                Some(&u) => u,
                None => free.last().copied().or(prev).or(next).unwrap_or(0),
            });
        }
    }
    let mut texts: Vec<Vec<&str>> = vec![Vec::new(); units.len()];
    for (b, u) in blocks.iter().zip(owner) {
        texts[u.unwrap_or(0)].push(b.text.as_str());
    }
    units
        .into_iter()
        .zip(texts)
        .map(|(mut unit, parts)| {
            unit.target = parts.join("\n\n");
            unit
        })
        .collect()
}

/// Writes a translation's units and the body they make, in one transaction;
/// returns the time recorded as its last edit.
fn write_translation(
    store: &mut Store,
    target: &mut LocaleVersionRow,
    units: &[Unit],
) -> Result<i64, CoreError> {
    let now = now_ms();
    target.body = align::join_targets(units.iter().map(|u| u.target.as_str()));
    target.updated_at = now;
    let rows = unit_rows(units, now);
    store.apply(&[
        WriteOp::UpdateVersion(target),
        WriteOp::ReplaceUnits {
            version_id: &target.id,
            units: &rows,
        },
    ])?;
    Ok(now)
}

fn source_of(
    store: &Store,
    article_id: &str,
) -> Result<(copydesk_store::ArticleRow, LocaleVersionRow), CoreError> {
    let article = store
        .article(article_id)?
        .ok_or_else(|| CoreError::NotFound(format!("article {article_id}")))?;
    let source = store
        .locale_versions(article_id)?
        .into_iter()
        .find(|v| v.locale == article.source_locale)
        .ok_or_else(|| CoreError::NotFound(format!("source of {article_id}")))?;
    Ok((article, source))
}

fn target_of(
    store: &Store,
    article_id: &str,
    locale: &str,
    source_locale: &str,
) -> Result<LocaleVersionRow, CoreError> {
    let locale = crate::locale::validate(locale)?;
    let locale = locale.as_str();
    if locale == source_locale {
        return Err(CoreError::InvalidInput(format!(
            "{locale} is the source language of this article"
        )));
    }
    store
        .locale_versions(article_id)?
        .into_iter()
        .find(|v| v.locale == locale)
        .ok_or_else(|| CoreError::NotFound(format!("article {article_id} in {locale}")))
}

fn load_units(store: &Store, version_id: &str) -> Result<Vec<Unit>, CoreError> {
    store
        .translation_units(version_id)?
        .into_iter()
        .map(|r| {
            let bad = |e: serde_json::Error| {
                CoreError::InvalidInput(format!("stored block {}: {e}", r.id))
            };
            Ok(Unit {
                anchor: serde_json::from_str(&r.anchor).map_err(bad)?,
                confirmed: r
                    .confirmed
                    .as_deref()
                    .map(serde_json::from_str::<Vec<ConfirmedBlock>>)
                    .transpose()
                    .map_err(bad)?,
                id: r.id,
                target: r.target,
            })
        })
        .collect()
}

fn unit_rows(units: &[Unit], now: i64) -> Vec<UnitRow> {
    units
        .iter()
        .map(|u| UnitRow {
            id: u.id.clone(),
            target: u.target.clone(),
            anchor: serde_json::to_string(&u.anchor).expect("hashes serialise"),
            confirmed: u
                .confirmed
                .as_ref()
                .map(|c| serde_json::to_string(c).expect("blocks serialise")),
            state: u.state().as_str().to_string(),
            updated_at: now,
        })
        .collect()
}

fn revision(v: &LocaleVersionRow, minor: bool, origin: &str, now: i64) -> RevisionRow {
    RevisionRow {
        id: new_id(),
        locale_version_id: v.id.clone(),
        created_at: now,
        title: v.title.clone(),
        body: v.body.clone(),
        minor,
        origin: origin.to_string(),
    }
}

fn view(
    source_locale: &str,
    source: &LocaleVersionRow,
    target: &LocaleVersionRow,
    units: &[Unit],
    blocks: &[SourceBlock],
) -> Result<TranslationView, CoreError> {
    let by_hash: HashMap<&str, &SourceBlock> =
        blocks.iter().map(|b| (b.hash.as_str(), b)).collect();
    let rows: Vec<TranslationBlock> = units
        .iter()
        .map(|u| {
            let anchored: Vec<&SourceBlock> = u
                .anchor
                .iter()
                .filter_map(|h| by_hash.get(h.as_str()).copied())
                .collect();
            let source_text = anchored
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n");
            let state = u.state();
            let previous = (state == BlockState::SourceChanged).then(|| {
                u.confirmed
                    .iter()
                    .flatten()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n\n")
            });
            TranslationBlock {
                unit_id: u.id.clone(),
                state,
                kind: anchored.first().map(|b| b.kind).unwrap_or("removed"),
                diff: previous.as_deref().map(|old| word_diff(old, &source_text)),
                previous_source: previous,
                source: source_text,
                target: u.target.clone(),
            }
        })
        .collect();
    let up_to_date = rows
        .iter()
        .filter(|r| r.state == BlockState::UpToDate)
        .count() as u32;
    Ok(TranslationView {
        article_id: source.article_id.clone(),
        source_locale: source_locale.to_string(),
        locale: target.locale.clone(),
        title: target.title.clone(),
        slug: target.slug.clone(),
        summary: target.summary.clone(),
        tags: serde_json::from_str(&target.tags).unwrap_or_default(),
        categories: serde_json::from_str(&target.categories).unwrap_or_default(),
        source_title: source.title.clone(),
        source_summary: source.summary.clone(),
        status: Status::parse(&target.status)?,
        total: rows.len() as u32,
        up_to_date,
        blocks: rows,
    })
}

/// Word-level diff (whitespace kept with the words), for showing what changed
/// in a source block since the translation was confirmed.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffSpan> {
    let diff = TextDiff::from_words(old, new);
    let mut spans: Vec<DiffSpan> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => "equal",
            ChangeTag::Insert => "insert",
            ChangeTag::Delete => "delete",
        };
        match spans.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => spans.push(DiffSpan {
                op,
                text: change.value().to_string(),
            }),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_changed_words() {
        let d = word_diff(
            "Le sommet a réuni des équipes.",
            "Le sommet a réuni cent équipes.",
        );
        let ops: Vec<(&str, &str)> = d.iter().map(|s| (s.op, s.text.as_str())).collect();
        assert_eq!(
            ops,
            [
                ("equal", "Le sommet a réuni "),
                ("delete", "des"),
                ("insert", "cent"),
                ("equal", " équipes.")
            ]
        );
    }

    #[test]
    fn redistributing_keeps_unchanged_blocks_with_their_unit() {
        let unit = |id: &str, t: &str| Unit {
            id: id.into(),
            target: t.into(),
            anchor: vec![],
            confirmed: None,
        };
        let units = vec![unit("a", "One."), unit("b", "Two."), unit("c", "Three.")];
        // The first block was emptied and the third edited: "Two." must stay in b.
        let out = redistribute(units.clone(), "Two.\n\nThree, revised.");
        let targets: Vec<&str> = out.iter().map(|u| u.target.as_str()).collect();
        assert_eq!(targets, ["", "Two.", "Three, revised."]);
        // A paragraph added in the middle joins the unit before it.
        let out = redistribute(units, "One.\n\nTwo.\n\nAn extra paragraph.\n\nThree.");
        let targets: Vec<&str> = out.iter().map(|u| u.target.as_str()).collect();
        assert_eq!(targets, ["One.", "Two.\n\nAn extra paragraph.", "Three."]);
    }

    #[test]
    fn redistributing_into_no_units_keeps_the_text() {
        let out = redistribute(vec![], "Some text.");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].target, "Some text.");
    }

    #[test]
    fn redistributing_a_body_fills_units_in_order() {
        let unit = |id: &str| Unit {
            id: id.into(),
            target: String::new(),
            anchor: vec![],
            confirmed: None,
        };
        let units = redistribute(vec![unit("a"), unit("b")], "One.\n\nTwo.\n\nThree.");
        assert_eq!(units[0].target, "One.");
        assert_eq!(
            units[1].target, "Two.\n\nThree.",
            "the surplus goes to the last unit"
        );
        let units = redistribute(vec![unit("a"), unit("b"), unit("c")], "Only.");
        assert_eq!(
            units.iter().map(|u| u.target.as_str()).collect::<Vec<_>>(),
            ["Only.", "", ""]
        );
    }
}
