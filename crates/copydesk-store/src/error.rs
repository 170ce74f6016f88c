use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

/// What can go wrong in the store, in terms the caller can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not an SQLite database.
    #[error("{path} is not a database file")]
    NotADatabase { path: PathBuf },
    /// The file is an SQLite database of another program.
    #[error("{path} is a database of another program")]
    ForeignDatabase { path: PathBuf },
    /// The database was written by a newer Copydesk.
    #[error("{path} has schema version {found}; this Copydesk supports up to {supported}")]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// The database file (or its folder) cannot be created or written.
    #[error("cannot open or write {path}: {message}")]
    CannotOpen { path: PathBuf, message: String },
    /// The disk (or the database's size limit) is full; nothing was written.
    #[error("the disk is full")]
    DiskFull,
    /// A write addressed a row that does not exist; nothing was written.
    #[error("no such row")]
    NotFound,
    /// A migration failed; the transaction was rolled back.
    #[error("database migration failed: {0}")]
    Migration(rusqlite_migration::Error),
    /// Any other SQLite failure.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl StoreError {
    pub(crate) fn from_open(e: rusqlite::Error, path: &Path) -> StoreError {
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
                path: path.to_path_buf(),
            },
            Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => {
                StoreError::CannotOpen {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                }
            }
            _ => StoreError::from(e),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            _ => StoreError::Sqlite(e),
        }
    }
}
