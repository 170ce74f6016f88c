//! Copydesk's SQLite store.
//!
//! Opens the workspace database (WAL, foreign keys), refuses files that are
//! not Copydesk databases or were written by a newer Copydesk, applies the
//! forward-only migrations in one transaction, and offers typed rows and
//! queries. It knows SQL and nothing else: no Markdown, no UI types.

mod article;
mod error;
mod migration;
mod publishing;
mod setting;
mod translation;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use article::{ArticleRow, LibraryRow, LocaleVersionRow, TrashedVersionRow, VersionSummary};
pub use error::StoreError;
pub use migration::{LATEST_VERSION, migrations};
pub use publishing::{JobFinish, OutboxJobRow, PublicationRow, RemoteMediaRow, SiteRow};
pub use translation::{RevisionRow, UnitRow, WriteOp};

/// `PRAGMA application_id` of every Copydesk database ("CpDk"), so another
/// program's SQLite file is recognised and never migrated by mistake.
pub const APPLICATION_ID: i32 = 0x4370_446b;

/// An open workspace database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    created: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (or creates) the database at `path` and brings its schema to the
    /// latest version.
    ///
    /// Promises: a file that is not SQLite, a SQLite file of another program,
    /// or a database made by a newer Copydesk is left byte-for-byte untouched
    /// and reported as [`StoreError::NotADatabase`],
    /// [`StoreError::ForeignDatabase`] or [`StoreError::TooNew`].
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let existed = path.exists()
            && std::fs::metadata(path)
                .map(|m| m.len() > 0)
                .unwrap_or(false);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| StoreError::from_open(e, path))?;
        Self::check_identity(&conn, path)?;
        Self::configure(&conn).map_err(|e| StoreError::from_open(e, path))?;
        // SQLite silently falls back to read-only for a write-protected file;
        // say so now rather than fail on the first save.
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) {
            return Err(StoreError::CannotOpen {
                path: path.to_path_buf(),
                message: "the file is read-only".into(),
            });
        }
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            created: !existed,
        };
        store.migrate()?;
        Ok(store)
    }

    /// Opens a private in-memory database with the latest schema (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        let mut store = Store {
            conn,
            path: PathBuf::from(":memory:"),
            created: true,
        };
        store.migrate()?;
        Ok(store)
    }

    /// Whether this open created the database (so the caller can seed it).
    pub fn was_created(&self) -> bool {
        self.created
    }

    /// Path of the database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Schema version recorded in the file (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Runs `f` inside one transaction: everything it wrote is committed
    /// together, or nothing is when it fails.
    pub fn transaction<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self.conn.transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Caps the database size in pages; used by tests to provoke "disk full".
    #[doc(hidden)]
    pub fn set_max_page_count(&self, pages: u64) -> Result<(), StoreError> {
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))?;
        Ok(())
    }

    fn check_identity(conn: &Connection, path: &Path) -> Result<(), StoreError> {
        // Reading the header is the first real I/O: a non-SQLite file fails here.
        let app_id: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| StoreError::from_open(e, path))?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| StoreError::from_open(e, path))?;
        if app_id == 0 {
            let objects: i64 = conn
                .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
                .map_err(|e| StoreError::from_open(e, path))?;
            if objects > 0 || version != 0 {
                return Err(StoreError::ForeignDatabase {
                    path: path.to_path_buf(),
                });
            }
        } else if app_id != APPLICATION_ID {
            return Err(StoreError::ForeignDatabase {
                path: path.to_path_buf(),
            });
        }
        if version > LATEST_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                supported: LATEST_VERSION,
            });
        }
        Ok(())
    }

    fn configure(conn: &Connection) -> rusqlite::Result<()> {
        // WAL + synchronous=NORMAL: a commit survives the process being killed
        // (it is in the WAL file); only an OS crash may lose the last commits.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            // A read-only file or folder cannot switch to WAL.
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
                Some(format!("journal_mode stayed {mode}")),
            ));
        }
        conn.execute_batch(
            "PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 5000;",
        )
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        migrations()
            .to_latest(&mut self.conn)
            .map_err(StoreError::Migration)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_a_new_database_with_the_latest_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copydesk.sqlite3");
        let store = Store::open(&path).unwrap();
        assert!(
            store.was_created(),
            "a new file should be reported as created"
        );
        assert_eq!(
            store.schema_version().unwrap(),
            LATEST_VERSION,
            "schema should be at the latest version"
        );
        drop(store);
        let again = Store::open(&path).unwrap();
        assert!(
            !again.was_created(),
            "reopening must not report a new database"
        );
    }

    #[test]
    fn uses_wal_and_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let mode: String = store
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        let fk: i64 = store
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal", "the journal should be WAL");
        assert_eq!(fk, 1, "foreign keys should be enforced");
    }

    #[test]
    fn refuses_a_file_that_is_not_sqlite_and_leaves_it_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copydesk.sqlite3");
        let content = b"these are my notes, not a database\n".repeat(200);
        std::fs::write(&path, &content).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(
            matches!(err, StoreError::NotADatabase { .. }),
            "expected NotADatabase, got {err:?}"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            content,
            "the file must not be modified"
        );
    }

    #[test]
    fn refuses_another_programs_sqlite_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copydesk.sqlite3");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos(name) VALUES ('cat');")
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(
            matches!(err, StoreError::ForeignDatabase { .. }),
            "expected ForeignDatabase, got {err:?}"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "the other program's file must not be modified"
        );
    }

    #[test]
    fn refuses_a_database_from_a_newer_copydesk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copydesk.sqlite3");
        drop(Store::open(&path).unwrap());
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(&format!("PRAGMA user_version = {}", LATEST_VERSION + 5))
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).unwrap_err();
        match err {
            StoreError::TooNew {
                found, supported, ..
            } => {
                assert_eq!(
                    found,
                    LATEST_VERSION + 5,
                    "the found version should be reported"
                );
                assert_eq!(
                    supported, LATEST_VERSION,
                    "the supported version should be reported"
                );
            }
            other => panic!("expected TooNew, got {other:?}"),
        }
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "a newer database must not be modified"
        );
    }

    #[test]
    fn marks_the_file_as_copydesks() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let id: i32 = store
            .conn()
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            id, APPLICATION_ID,
            "the first migration sets Copydesk's application id"
        );
    }

    #[test]
    fn reports_an_unwritable_location() {
        let dir = tempfile::tempdir().unwrap();
        // A regular file where a folder is expected cannot hold a database,
        // whatever the user's privileges (tests may run as root).
        let blocker = dir.path().join("not-a-folder");
        std::fs::write(&blocker, b"x").unwrap();
        let err = Store::open(&blocker.join("copydesk.sqlite3")).unwrap_err();
        assert!(
            matches!(err, StoreError::CannotOpen { .. }),
            "expected CannotOpen, got {err:?}"
        );
    }
}
