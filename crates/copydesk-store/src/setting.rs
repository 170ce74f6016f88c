//! Small key/value settings of a workspace.

use rusqlite::{OptionalExtension, params};

use crate::{Store, StoreError};

impl Store {
    /// The value of a setting, if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn()
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets (`Some`) or removes (`None`) a setting.
    pub fn set_setting(&mut self, key: &str, value: Option<&str>) -> Result<(), StoreError> {
        match value {
            Some(v) => self.conn().execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, v],
            )?,
            None => self.conn().execute("DELETE FROM setting WHERE key = ?1", [key])?,
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;

    #[test]
    fn settings_round_trip() {
        let mut s = Store::open_in_memory().unwrap();
        assert_eq!(
            s.setting("ui_locale").unwrap(),
            None,
            "unset settings are None"
        );
        s.set_setting("ui_locale", Some("fr")).unwrap();
        s.set_setting("ui_locale", Some("en")).unwrap();
        assert_eq!(
            s.setting("ui_locale").unwrap().as_deref(),
            Some("en"),
            "the last value wins"
        );
        s.set_setting("ui_locale", None).unwrap();
        assert_eq!(
            s.setting("ui_locale").unwrap(),
            None,
            "a removed setting is None"
        );
    }
}
