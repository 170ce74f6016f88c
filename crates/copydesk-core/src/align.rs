//! Paragraph-level translation staleness: keeping a translation's units
//! aligned with the source blocks as the source changes.
//!
//! A target version is a list of units. Each unit is anchored to the source
//! block(s) it translates (by content hash) and remembers the source blocks it
//! was last confirmed against. When the source changes, the old anchor
//! sequence is diffed against the new block hashes (Myers, from `similar`):
//!
//! - equal blocks keep their unit, wherever they moved to;
//! - a deleted block that reappears elsewhere is a move: its unit follows it;
//! - an inserted block gets a new, untranslated unit;
//! - a replaced run is matched by content (word similarity against the text
//!   each unit was confirmed against): edits, merges (several old blocks on
//!   one new), splits (a new block next to a match and alike to its old one),
//!   and inserts or deletes next to an edit are told apart;
//! - a unit whose blocks all disappeared stays, anchored to nothing, until the
//!   translator confirms it (which removes it): their text is never dropped.
//!
//! A unit is *up to date* when the hashes it was confirmed against equal its
//! anchor, *untranslated* when never confirmed, and *source changed* otherwise.
//! Hashes ignore whitespace, so reflowing a paragraph changes nothing.
//!
//! The translator may give a unit any number of Markdown blocks (merge two
//! sentences' paragraphs, split one): alignment is by source block, and the
//! unit's target text is free.

use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, capture_diff_slices};

use copydesk_markdown::SourceBlock;

/// A source block as a unit was confirmed against it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmedBlock {
    pub hash: String,
    pub text: String,
}

/// Where a unit stands against the current source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockState {
    UpToDate,
    Untranslated,
    SourceChanged,
}

impl BlockState {
    /// The name stored in the database and sent over IPC.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockState::UpToDate => "up_to_date",
            BlockState::Untranslated => "untranslated",
            BlockState::SourceChanged => "source_changed",
        }
    }
}

/// One translation unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: String,
    pub target: String,
    /// Hashes of the current source blocks this unit translates, in order.
    pub anchor: Vec<String>,
    /// The source blocks it was last confirmed against; `None` = untranslated.
    pub confirmed: Option<Vec<ConfirmedBlock>>,
}

impl Unit {
    /// The unit's state against its anchor.
    pub fn state(&self) -> BlockState {
        match &self.confirmed {
            None => BlockState::Untranslated,
            Some(c)
                if !self.anchor.is_empty() && c.iter().map(|b| &b.hash).eq(self.anchor.iter()) =>
            {
                BlockState::UpToDate
            }
            Some(_) => BlockState::SourceChanged,
        }
    }
}

/// Units for a translation that starts now: one per source block,
/// untranslated, with `target` an empty text or a copy of the source.
pub fn start_units(
    source: &[SourceBlock],
    copy: bool,
    mut new_id: impl FnMut() -> String,
) -> Vec<Unit> {
    source
        .iter()
        .map(|b| Unit {
            id: new_id(),
            target: if copy { b.text.clone() } else { String::new() },
            anchor: vec![b.hash.clone()],
            confirmed: None,
        })
        .collect()
}

/// Re-anchors `units` on the new source blocks (see the module docs).
pub fn realign(
    units: Vec<Unit>,
    source: &[SourceBlock],
    mut new_id: impl FnMut() -> String,
) -> Vec<Unit> {
    let old: Vec<(usize, &str)> = units
        .iter()
        .enumerate()
        .flat_map(|(i, u)| u.anchor.iter().map(move |h| (i, h.as_str())))
        .collect();
    let old_hashes: Vec<&str> = old.iter().map(|(_, h)| *h).collect();
    let new_hashes: Vec<&str> = source.iter().map(|b| b.hash.as_str()).collect();
    let ops = capture_diff_slices(Algorithm::Myers, &old_hashes, &new_hashes);

    // Blocks deleted here and inserted there are moves: their unit follows.
    let mut deleted: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for op in &ops {
        if let DiffOp::Delete {
            old_index, old_len, ..
        } = *op
        {
            for (unit, hash) in &old[old_index..old_index + old_len] {
                deleted.entry(hash).or_default().push_back(*unit);
            }
        }
    }

    let mut anchors: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
    let mut merged_into: Vec<usize> = (0..units.len()).collect();
    let mut fresh: Vec<usize> = Vec::new();
    for op in &ops {
        match *op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    anchors[old[old_index + k].0].push(new_index + k);
                }
            }
            DiffOp::Delete { .. } => {}
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for (j, hash) in new_hashes.iter().enumerate().skip(new_index).take(new_len) {
                    match deleted.get_mut(hash).and_then(VecDeque::pop_front) {
                        Some(unit) => anchors[unit].push(j),
                        None => fresh.push(j),
                    }
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let run = &old[old_index..old_index + old_len];
                let new_run: Vec<&SourceBlock> =
                    source[new_index..new_index + new_len].iter().collect();
                let old_texts: Vec<Option<&str>> = run
                    .iter()
                    .map(|(u, h)| confirmed_text(&units[*u], h))
                    .collect();
                let mut taken = vec![false; new_len];
                // Moves into the run first: a block deleted elsewhere.
                for (k, b) in new_run.iter().enumerate() {
                    if let Some(unit) = deleted
                        .get_mut(b.hash.as_str())
                        .and_then(VecDeque::pop_front)
                    {
                        anchors[unit].push(new_index + k);
                        taken[k] = true;
                    }
                }
                if old_texts.iter().all(Option::is_some) {
                    let mut state = RunState {
                        taken: &mut taken,
                        anchors: &mut anchors,
                        merged_into: &mut merged_into,
                        fresh: &mut fresh,
                    };
                    match_run(run, &old_texts, &new_run, new_index, &mut state);
                } else if old_len == new_len {
                    // Never confirmed: nothing to compare with, keep the order.
                    for (k, (unit, _)) in run.iter().enumerate() {
                        if !taken[k] {
                            anchors[*unit].push(new_index + k);
                        }
                    }
                } else {
                    let first = run[0].0;
                    anchors[first]
                        .extend((0..new_len).filter(|k| !taken[*k]).map(|k| new_index + k));
                    for (unit, _) in run {
                        if *unit != first {
                            merged_into[*unit] = first;
                        }
                    }
                }
            }
        }
    }

    // Fold merged units into their survivor (targets and confirmations joined).
    let root = |mut u: usize| {
        while merged_into[u] != u {
            u = merged_into[u];
        }
        u
    };
    let mut kept: Vec<Option<Unit>> = units.into_iter().map(Some).collect();
    for u in 0..kept.len() {
        let r = root(u);
        if r != u {
            let absorbed = kept[u].take().expect("each unit is folded once");
            let moved = std::mem::take(&mut anchors[u]);
            anchors[r].extend(moved);
            let survivor = kept[r].as_mut().expect("a root is never folded");
            survivor.target = join_targets([survivor.target.as_str(), absorbed.target.as_str()]);
            survivor.confirmed = match (survivor.confirmed.take(), absorbed.confirmed) {
                (None, None) => None,
                (a, b) => Some(a.into_iter().chain(b).flatten().collect()),
            };
        }
    }

    // Order: by first new position; an anchorless unit stays right after the
    // unit that preceded it (before everything when it was first).
    let mut placed: Vec<(i64, Unit)> = Vec::new();
    let mut last: i64 = -2;
    for (i, unit) in kept.into_iter().enumerate() {
        let Some(mut unit) = unit else { continue };
        let mut positions = std::mem::take(&mut anchors[i]);
        positions.sort_unstable();
        positions.dedup();
        if positions.is_empty() && unit.confirmed.is_none() && unit.target.trim().is_empty() {
            // Never translated and its source is gone: nothing to keep.
            continue;
        }
        let key = match positions.first() {
            Some(&p) => 2 * p as i64,
            None => last + 1,
        };
        last = key;
        unit.anchor = positions
            .iter()
            .map(|&p| new_hashes[p].to_string())
            .collect();
        placed.push((key, unit));
    }
    for j in fresh {
        let unit = Unit {
            id: new_id(),
            target: String::new(),
            anchor: vec![new_hashes[j].to_string()],
            confirmed: None,
        };
        placed.push((2 * j as i64, unit));
    }
    placed.sort_by_key(|(key, _)| *key);
    placed.into_iter().map(|(_, u)| u).collect()
}

/// How alike two texts are, word by word (0 = nothing shared, 1 = equal).
fn likeness(a: &str, b: &str) -> f32 {
    let a: Vec<&str> = a.split_whitespace().collect();
    let b: Vec<&str> = b.split_whitespace().collect();
    similar::TextDiff::configure().diff_slices(&a, &b).ratio()
}

/// Below this, an edited block is no longer "the same paragraph".
const SAME_BLOCK: f32 = 0.4;
/// A new block this close to an old one it sits next to is a piece of it (split).
const SPLIT_PIECE: f32 = 0.3;

/// The text a unit was confirmed against for one of its anchor hashes.
fn confirmed_text<'a>(unit: &'a Unit, hash: &str) -> Option<&'a str> {
    unit.confirmed
        .as_ref()?
        .iter()
        .find(|c| c.hash == hash)
        .map(|c| c.text.as_str())
}

/// What aligning a replaced run writes to.
struct RunState<'a> {
    taken: &'a mut [bool],
    anchors: &'a mut [Vec<usize>],
    merged_into: &'a mut [usize],
    fresh: &'a mut Vec<usize>,
}

/// Aligns a replaced run by content: each old block goes to the most alike
/// new block at or after the previous match (several old blocks on one new
/// block = a merge); unmatched blocks between two matches pair up in order
/// (heavy rewrites); a leftover new block next to a match and alike to it is
/// a split piece; anything else is new (untranslated) or gone.
fn match_run(
    run: &[(usize, &str)],
    old_texts: &[Option<&str>],
    new_run: &[&SourceBlock],
    new_index: usize,
    st: &mut RunState<'_>,
) {
    let old_len = run.len();
    let new_len = new_run.len();
    let mut matched: Vec<Option<usize>> = vec![None; old_len];
    let mut from = 0;
    for (i, text) in old_texts.iter().enumerate() {
        let text = text.unwrap_or("");
        let best = (from..new_len)
            .filter(|k| !st.taken[*k] || matched.contains(&Some(*k)))
            .map(|k| (k, likeness(text, &new_run[k].text)))
            .filter(|(_, r)| *r >= SAME_BLOCK)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((k, _)) = best {
            matched[i] = Some(k);
            from = k;
        }
    }
    for k in matched.iter().flatten() {
        st.taken[*k] = true;
    }
    // Pair what is left between the same neighbouring matches, in order.
    let mut i = 0;
    while i < old_len {
        if matched[i].is_some() {
            i += 1;
            continue;
        }
        let start = i;
        while i < old_len && matched[i].is_none() {
            i += 1;
        }
        let lo = matched[..start]
            .iter()
            .rev()
            .flatten()
            .next()
            .map_or(0, |k| k + 1);
        let hi = matched[i..]
            .iter()
            .flatten()
            .next()
            .copied()
            .unwrap_or(new_len);
        let free: Vec<usize> = (lo..hi).filter(|k| !st.taken[*k]).collect();
        for (slot, k) in (start..i).zip(free) {
            matched[slot] = Some(k);
            st.taken[k] = true;
        }
    }
    // Assign; several old blocks on one new block merge into the first unit.
    let mut owner_of: HashMap<usize, usize> = HashMap::new();
    for (i, m) in matched.iter().enumerate() {
        let Some(k) = *m else { continue };
        let unit = run[i].0;
        match owner_of.get(&k) {
            Some(&first) if first != unit => st.merged_into[unit] = first,
            Some(_) => {}
            None => {
                owner_of.insert(k, unit);
                st.anchors[unit].push(new_index + k);
            }
        }
    }
    for (k, block) in new_run.iter().enumerate() {
        if st.taken[k] {
            continue;
        }
        let piece_of = [k.checked_sub(1), Some(k + 1)]
            .into_iter()
            .flatten()
            .find_map(|n| {
                let unit = *owner_of.get(&n)?;
                let old = matched
                    .iter()
                    .position(|m| *m == Some(n))
                    .and_then(|i| old_texts[i])
                    .unwrap_or("");
                (likeness(old, &block.text) >= SPLIT_PIECE).then_some(unit)
            });
        match piece_of {
            Some(unit) => st.anchors[unit].push(new_index + k),
            None => st.fresh.push(new_index + k),
        }
    }
}

/// Confirms a unit against its current source blocks (the translator's
/// "up to date"). `None` when the unit's source is gone: confirming removes it.
pub fn confirm(mut unit: Unit, source: &[SourceBlock]) -> Option<Unit> {
    if unit.anchor.is_empty() {
        return None;
    }
    let texts: HashMap<&str, &str> = source
        .iter()
        .map(|b| (b.hash.as_str(), b.text.as_str()))
        .collect();
    unit.confirmed = Some(
        unit.anchor
            .iter()
            .map(|h| ConfirmedBlock {
                hash: h.clone(),
                text: texts.get(h.as_str()).copied().unwrap_or("").to_string(),
            })
            .collect(),
    );
    Some(unit)
}

/// A translation's body: its units' texts, one blank line apart.
pub fn join_targets<'a>(targets: impl IntoIterator<Item = &'a str>) -> String {
    targets
        .into_iter()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_markdown::split_blocks;

    /// Replays a history: start a translation of `v0`, confirm every block
    /// (translated as "T:<source>"), then apply each later version of the
    /// source, and return the states in order.
    struct History {
        units: Vec<Unit>,
        next: usize,
    }

    impl History {
        fn start(source: &str) -> History {
            let blocks = split_blocks(source);
            let mut h = History {
                units: Vec::new(),
                next: 0,
            };
            let units = start_units(&blocks, false, || h.id());
            h.units = units
                .into_iter()
                .map(|mut u| {
                    let text = blocks
                        .iter()
                        .find(|b| b.hash == u.anchor[0])
                        .unwrap()
                        .text
                        .clone();
                    u.target = format!("T:{text}");
                    confirm(u, &blocks).unwrap()
                })
                .collect();
            h
        }

        fn id(&mut self) -> String {
            self.next += 1;
            format!("u{}", self.next)
        }

        fn edit(&mut self, source: &str) -> Vec<BlockState> {
            let blocks = split_blocks(source);
            let mut next = self.next;
            let units = realign(std::mem::take(&mut self.units), &blocks, || {
                next += 1;
                format!("u{next}")
            });
            self.next = next;
            self.units = units;
            self.units.iter().map(Unit::state).collect()
        }

        fn targets(&self) -> Vec<&str> {
            self.units.iter().map(|u| u.target.as_str()).collect()
        }
    }

    use BlockState::{SourceChanged as C, Untranslated as N, UpToDate as U};

    fn paragraphs(n: usize) -> Vec<String> {
        (1..=n)
            .map(|i| format!("Paragraphe numéro {i}, avec du texte."))
            .collect()
    }

    /// Paragraphs that read like different paragraphs (no shared template).
    fn distinct(n: usize) -> Vec<String> {
        let all = [
            "Le sommet a réuni des équipes venues de toute l'Europe.",
            "Nous avons d'abord assisté à une table ronde sur les données.",
            "L'après-midi était consacré aux bâtiments publics et à l'éclairage.",
            "Trois collectivités ont présenté leurs chantiers de rénovation.",
            "Le soir, nous avons repris le train en comparant nos notes.",
            "Un tableau récapitule les chiffres clés de la journée.",
        ];
        all.iter().take(n).map(|s| s.to_string()).collect()
    }

    fn doc(ps: &[String]) -> String {
        ps.join("\n\n")
    }

    #[test]
    fn a_new_translation_is_all_untranslated() {
        let blocks = split_blocks("# A\n\nB\n\nC");
        let mut n = 0;
        let units = start_units(&blocks, true, || {
            n += 1;
            n.to_string()
        });
        assert_eq!(units.iter().map(Unit::state).collect::<Vec<_>>(), [N, N, N]);
        assert_eq!(
            units[1].target, "B",
            "copy mode starts from the source text"
        );
    }

    #[test]
    fn insert_at_3_and_edit_7_gives_one_untranslated_and_one_changed() {
        let mut ps = paragraphs(10);
        let mut h = History::start(&doc(&ps));
        ps.insert(2, "Un tout nouveau paragraphe.".into());
        ps[7] = "Paragraphe numéro 7, avec du texte corrigé.".into();
        let states = h.edit(&doc(&ps));
        assert_eq!(
            states,
            [U, U, N, U, U, U, U, C, U, U, U],
            "exactly one untranslated and one changed"
        );
        assert_eq!(
            h.targets()[7],
            "T:Paragraphe numéro 7, avec du texte.",
            "the changed unit keeps its translation"
        );
    }

    #[test]
    fn whitespace_only_edits_change_nothing() {
        let ps = paragraphs(4);
        let mut h = History::start(&doc(&ps));
        let reflowed = doc(&ps)
            .replace(", avec", ",\navec")
            .replace("\n\n", "\n\n\n");
        assert_eq!(h.edit(&reflowed), [U, U, U, U]);
    }

    #[test]
    fn deleting_a_block_keeps_its_translation_until_confirmed() {
        let mut ps = paragraphs(4);
        let mut h = History::start(&doc(&ps));
        ps.remove(1);
        assert_eq!(
            h.edit(&doc(&ps)),
            [U, C, U, U],
            "the deleted block's unit is flagged, in place"
        );
        assert!(h.units[1].anchor.is_empty(), "it is anchored to nothing");
        assert_eq!(h.targets()[1], "T:Paragraphe numéro 2, avec du texte.");
        let blocks = split_blocks(&doc(&ps));
        assert!(
            confirm(h.units[1].clone(), &blocks).is_none(),
            "confirming a removed block drops it"
        );
    }

    #[test]
    fn moving_a_block_keeps_it_up_to_date() {
        let mut ps = paragraphs(5);
        let mut h = History::start(&doc(&ps));
        let moved = ps.remove(0);
        ps.push(moved);
        assert_eq!(
            h.edit(&doc(&ps)),
            [U, U, U, U, U],
            "a moved block is still translated"
        );
        assert_eq!(
            h.targets()[4],
            "T:Paragraphe numéro 1, avec du texte.",
            "its unit moved with it"
        );
    }

    #[test]
    fn splitting_a_block_flags_one_unit_covering_both_halves() {
        let mut ps = paragraphs(3);
        let mut h = History::start(&doc(&ps));
        ps[1] = "Paragraphe numéro 2,\n\navec du texte.".into();
        assert_eq!(h.edit(&doc(&ps)), [U, C, U]);
        assert_eq!(
            h.units[1].anchor.len(),
            2,
            "the unit now translates both halves"
        );
    }

    #[test]
    fn merging_blocks_merges_their_units() {
        let mut ps = paragraphs(4);
        let mut h = History::start(&doc(&ps));
        let merged = format!("{} {}", ps[1], ps[2]);
        ps.splice(1..3, [merged]);
        assert_eq!(h.edit(&doc(&ps)), [U, C, U]);
        assert_eq!(
            h.targets()[1],
            "T:Paragraphe numéro 2, avec du texte.\n\nT:Paragraphe numéro 3, avec du texte.",
            "both translations are kept in the merged unit"
        );
    }

    #[test]
    fn editing_then_reverting_is_up_to_date_again() {
        let mut ps = paragraphs(3);
        let original = doc(&ps);
        let mut h = History::start(&original);
        ps[0] = "Autre chose.".into();
        assert_eq!(h.edit(&doc(&ps)), [C, U, U]);
        assert_eq!(
            h.edit(&original),
            [U, U, U],
            "content, not history, decides"
        );
    }

    #[test]
    fn a_change_then_an_insert_before_it_keeps_the_change() {
        let mut ps = paragraphs(5);
        let mut h = History::start(&doc(&ps));
        ps[3] = "Le quatrième a changé.".into();
        assert_eq!(h.edit(&doc(&ps)), [U, U, U, C, U]);
        ps.insert(0, "Nouvelle introduction.".into());
        assert_eq!(
            h.edit(&doc(&ps)),
            [N, U, U, U, C, U],
            "states survive further edits"
        );
    }

    #[test]
    fn confirming_brings_a_changed_unit_up_to_date() {
        let mut ps = paragraphs(2);
        let mut h = History::start(&doc(&ps));
        ps[1] = "Changé.".into();
        h.edit(&doc(&ps));
        let blocks = split_blocks(&doc(&ps));
        let unit = confirm(h.units[1].clone(), &blocks).unwrap();
        assert_eq!(unit.state(), U);
        assert_eq!(
            unit.confirmed.unwrap()[0].text,
            "Changé.",
            "the confirmed text is kept for later diffs"
        );
    }

    #[test]
    fn an_edit_next_to_an_insert_is_told_apart() {
        let mut ps = distinct(5);
        let mut h = History::start(&doc(&ps));
        ps[2] = "L'après-midi était consacré aux bâtiments publics, et surtout à leur éclairage."
            .into();
        ps.insert(3, "Tout autre chose, sans rapport.".into());
        assert_eq!(
            h.edit(&doc(&ps)),
            [U, U, C, N, U, U],
            "edited then inserted"
        );
        let mut ps = distinct(5);
        let mut h = History::start(&doc(&ps));
        ps[2] = "L'après-midi était consacré aux bâtiments publics, et surtout à leur éclairage."
            .into();
        ps.insert(2, "Tout autre chose, sans rapport.".into());
        assert_eq!(
            h.edit(&doc(&ps)),
            [U, U, N, C, U, U],
            "inserted then edited"
        );
    }

    #[test]
    fn an_edit_next_to_a_delete_does_not_merge_translations() {
        let mut ps = distinct(5);
        let mut h = History::start(&doc(&ps));
        ps[1] =
            "Nous avons d'abord assisté à une longue table ronde sur les données ouvertes.".into();
        ps.remove(2);
        assert_eq!(h.edit(&doc(&ps)), [U, C, C, U, U]);
        assert_eq!(
            h.targets()[1],
            "T:Nous avons d'abord assisté à une table ronde sur les données.",
            "the edited block keeps only its own translation"
        );
        assert!(
            h.units[2].anchor.is_empty(),
            "the deleted block's unit is kept, anchored to nothing"
        );
    }

    #[test]
    fn a_deleted_first_block_stays_first() {
        let mut ps = distinct(3);
        let mut h = History::start(&doc(&ps));
        ps.remove(0);
        assert_eq!(h.edit(&doc(&ps)), [C, U, U]);
        assert!(
            h.units[0].anchor.is_empty(),
            "the removed block is listed where it was"
        );
    }

    #[test]
    fn a_block_moved_next_to_an_edit_keeps_its_translation() {
        let mut ps = distinct(5);
        let mut h = History::start(&doc(&ps));
        let moved = ps.remove(4);
        ps[1] =
            "Nous avons d'abord assisté à une longue table ronde sur les données ouvertes.".into();
        ps.insert(2, moved);
        assert_eq!(h.edit(&doc(&ps)), [U, C, U, U, U]);
        assert_eq!(
            h.targets()[2],
            "T:Le soir, nous avons repris le train en comparant nos notes."
        );
    }

    #[test]
    fn duplicate_paragraphs_stay_aligned() {
        let ps: Vec<String> = ["A.", "Même texte.", "B.", "Même texte.", "C."]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut h = History::start(&doc(&ps));
        let mut edited = ps.clone();
        edited[3] = "Même texte, modifié.".into();
        assert_eq!(
            h.edit(&doc(&edited)),
            [U, U, U, C, U],
            "the right duplicate is flagged"
        );
    }
}
