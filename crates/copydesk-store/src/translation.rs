//! Rows and queries for translation units and revisions, and the batch write
//! that keeps a source edit and every translation it affects in one
//! transaction.

use rusqlite::{OptionalExtension, params};

use crate::{LocaleVersionRow, Store, StoreError};

/// One `translation_unit` row. `anchor` and `confirmed` are JSON written and
/// read by the core; `state` is one of up_to_date, untranslated, source_changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    pub id: String,
    pub target: String,
    pub anchor: String,
    pub confirmed: Option<String>,
    pub state: String,
    pub updated_at: i64,
}

/// One `revision` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionRow {
    pub id: String,
    pub locale_version_id: String,
    pub created_at: i64,
    pub title: String,
    pub body: String,
    pub minor: bool,
    pub origin: String,
}

/// One write of a batch (see [`Store::apply`]).
#[derive(Debug)]
pub enum WriteOp<'a> {
    /// Replace a version's content (matched by article id and locale); fails
    /// with [`StoreError::NotFound`] when there is no such version.
    UpdateVersion(&'a LocaleVersionRow),
    /// Add a locale version to an existing article.
    InsertVersion(&'a LocaleVersionRow),
    /// Set a version's status only.
    SetStatus {
        version_id: &'a str,
        status: &'a str,
    },
    /// Replace all units of a version, in this order.
    ReplaceUnits {
        version_id: &'a str,
        units: &'a [UnitRow],
    },
    /// Record a revision.
    AddRevision(&'a RevisionRow),
}

impl Store {
    /// Applies every write in one transaction: all or nothing.
    pub fn apply(&mut self, ops: &[WriteOp<'_>]) -> Result<(), StoreError> {
        self.transaction(|tx| {
            for op in ops {
                match op {
                    WriteOp::UpdateVersion(v) => {
                        if !crate::article::update_version(tx, v)? {
                            return Err(StoreError::NotFound);
                        }
                    }
                    WriteOp::InsertVersion(v) => crate::article::insert_version(tx, v)?,
                    WriteOp::SetStatus { version_id, status } => {
                        tx.execute("UPDATE locale_version SET status = ?2 WHERE id = ?1", params![version_id, status])?;
                    }
                    WriteOp::ReplaceUnits { version_id, units } => {
                        tx.execute("DELETE FROM translation_unit WHERE locale_version_id = ?1", [version_id])?;
                        let mut stmt = tx.prepare_cached(
                            "INSERT INTO translation_unit (id, locale_version_id, position, target, anchor, confirmed, state, updated_at)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        )?;
                        for (i, u) in units.iter().enumerate() {
                            stmt.execute(params![u.id, version_id, i as i64, u.target, u.anchor, u.confirmed, u.state, u.updated_at])?;
                        }
                    }
                    WriteOp::AddRevision(r) => {
                        tx.execute(
                            "INSERT INTO revision (id, locale_version_id, created_at, title, body, minor, origin)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            params![r.id, r.locale_version_id, r.created_at, r.title, r.body, r.minor, r.origin],
                        )?;
                    }
                }
            }
            Ok(())
        })
    }

    /// The units of a version, in order.
    pub fn translation_units(&self, version_id: &str) -> Result<Vec<UnitRow>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, target, anchor, confirmed, state, updated_at FROM translation_unit
             WHERE locale_version_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([version_id], |r| {
            Ok(UnitRow {
                id: r.get(0)?,
                target: r.get(1)?,
                anchor: r.get(2)?,
                confirmed: r.get(3)?,
                state: r.get(4)?,
                updated_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Time of a version's newest revision, if any.
    pub fn last_revision_at(&self, version_id: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT max(created_at) FROM revision WHERE locale_version_id = ?1",
                [version_id],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }

    /// A version's revisions, newest first.
    pub fn revisions(&self, version_id: &str) -> Result<Vec<RevisionRow>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, locale_version_id, created_at, title, body, minor, origin FROM revision
             WHERE locale_version_id = ?1 ORDER BY created_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([version_id], |r| {
            Ok(RevisionRow {
                id: r.get(0)?,
                locale_version_id: r.get(1)?,
                created_at: r.get(2)?,
                title: r.get(3)?,
                body: r.get(4)?,
                minor: r.get(5)?,
                origin: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ArticleRow;

    fn seed(s: &mut Store) -> LocaleVersionRow {
        let a = ArticleRow {
            id: "a".into(),
            source_locale: "fr".into(),
            created_at: 1,
            updated_at: 1,
            deleted_at: None,
        };
        let v = LocaleVersionRow {
            id: "a-fr".into(),
            article_id: "a".into(),
            locale: "fr".into(),
            title: "T".into(),
            slug: "t".into(),
            author: String::new(),
            date: None,
            tags: "[]".into(),
            summary: String::new(),
            body: "Un.\n\nDeux.".into(),
            status: "draft".into(),
            created_at: 1,
            updated_at: 1,
            categories: "[]".into(),
            featured_image: None,
        };
        s.insert_article(&a, &v).unwrap();
        v
    }

    fn unit(id: &str, state: &str) -> UnitRow {
        UnitRow {
            id: id.into(),
            target: format!("t-{id}"),
            anchor: "[]".into(),
            confirmed: None,
            state: state.into(),
            updated_at: 5,
        }
    }

    #[test]
    fn a_batch_is_all_or_nothing() {
        let mut s = Store::open_in_memory().unwrap();
        let src = seed(&mut s);
        let mut en = src.clone();
        en.id = "a-en".into();
        en.locale = "en".into();
        let units = [unit("u1", "up_to_date"), unit("u2", "untranslated")];
        s.apply(&[
            WriteOp::InsertVersion(&en),
            WriteOp::ReplaceUnits {
                version_id: "a-en",
                units: &units,
            },
        ])
        .unwrap();
        assert_eq!(
            s.translation_units("a-en").unwrap(),
            units.to_vec(),
            "units come back in order"
        );

        let mut missing = src.clone();
        missing.locale = "de".into();
        let other = [unit("u3", "untranslated")];
        let err = s
            .apply(&[
                WriteOp::ReplaceUnits {
                    version_id: "a-en",
                    units: &other,
                },
                WriteOp::UpdateVersion(&missing),
            ])
            .unwrap_err();
        assert!(
            matches!(err, StoreError::NotFound),
            "updating a missing version fails: {err:?}"
        );
        assert_eq!(
            s.translation_units("a-en").unwrap(),
            units.to_vec(),
            "the failed batch wrote nothing"
        );
    }

    #[test]
    fn revisions_are_listed_newest_first() {
        let mut s = Store::open_in_memory().unwrap();
        seed(&mut s);
        assert_eq!(s.last_revision_at("a-fr").unwrap(), None);
        for (id, t) in [("r1", 10), ("r2", 20)] {
            let r = RevisionRow {
                id: id.into(),
                locale_version_id: "a-fr".into(),
                created_at: t,
                title: "T".into(),
                body: format!("body {t}"),
                minor: t == 20,
                origin: "edit".into(),
            };
            s.apply(&[WriteOp::AddRevision(&r)]).unwrap();
        }
        assert_eq!(s.last_revision_at("a-fr").unwrap(), Some(20));
        let revs = s.revisions("a-fr").unwrap();
        assert_eq!(
            revs.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["r2", "r1"]
        );
        assert!(
            revs[0].minor && !revs[1].minor,
            "the minor flag round-trips"
        );
    }
}
