//! Workspace and interface settings kept in the database.

use serde::{Deserialize, Serialize};

use crate::{CoreError, Workspace};

const UI_LOCALE: &str = "ui_locale";
const LAST_OPEN: &str = "last_open";
const LOCALES: &str = "locales";

/// The article (and caret position) that was open when the app last closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastOpen {
    pub article_id: String,
    pub locale: String,
    /// Caret offset in the body, in UTF-16 code units (what the editor counts).
    pub cursor: u32,
}

/// The workspace's languages: articles are written in `source` and
/// translated into `targets`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceLocales {
    pub source: String,
    pub targets: Vec<String>,
}

impl Workspace {
    /// The interface language the user chose, or `None` to follow the OS.
    pub fn ui_locale_override(&self) -> Result<Option<String>, CoreError> {
        Ok(self.store().setting(UI_LOCALE)?)
    }

    /// Sets (`Some`) or clears (`None`, follow the OS) the interface language.
    pub fn set_ui_locale_override(&self, locale: Option<&str>) -> Result<(), CoreError> {
        if let Some(l) = locale
            && !copydesk_l10n::UI_LOCALES.contains(&l)
        {
            return Err(CoreError::InvalidInput(format!("interface language {l:?}")));
        }
        self.store().set_setting(UI_LOCALE, locale)?;
        Ok(())
    }

    /// What was open when the app last closed, if it still exists.
    pub fn last_open(&self) -> Result<Option<LastOpen>, CoreError> {
        let Some(json) = self.store().setting(LAST_OPEN)? else {
            return Ok(None);
        };
        let Ok(last) = serde_json::from_str::<LastOpen>(&json) else {
            return Ok(None);
        };
        let store = self.store();
        let live = store
            .article(&last.article_id)?
            .is_some_and(|a| a.deleted_at.is_none());
        Ok(live.then_some(last))
    }

    /// Remembers what is open, so the next start reopens it.
    pub fn set_last_open(&self, last: Option<&LastOpen>) -> Result<(), CoreError> {
        let json = last.map(|l| serde_json::to_string(l).expect("LastOpen serialises"));
        self.store().set_setting(LAST_OPEN, json.as_deref())?;
        Ok(())
    }

    /// The workspace's languages (English only until configured).
    pub fn workspace_locales(&self) -> Result<WorkspaceLocales, CoreError> {
        let stored = self.store().setting(LOCALES)?;
        Ok(stored
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(WorkspaceLocales {
                source: "en".into(),
                targets: vec![],
            }))
    }

    /// The workspace's languages with their native names, source first.
    pub fn workspace_locale_infos(&self) -> Result<Vec<crate::LocaleInfo>, CoreError> {
        let locales = self.workspace_locales()?;
        std::iter::once(&locales.source)
            .chain(&locales.targets)
            .map(|l| crate::locale_info(l))
            .collect()
    }

    /// Replaces the workspace's languages. Every tag is validated (BCP 47,
    /// real ISO 639 language) and canonicalised; duplicates and a target
    /// equal to the source are dropped.
    pub fn set_workspace_locales(&self, locales: &WorkspaceLocales) -> Result<(), CoreError> {
        let source = crate::validate_locale(&locales.source)?;
        let mut targets: Vec<String> = Vec::new();
        for t in &locales.targets {
            let t = crate::validate_locale(t)?;
            if t != source && !targets.contains(&t) {
                targets.push(t);
            }
        }
        let locales = WorkspaceLocales { source, targets };
        let json = serde_json::to_string(&locales).expect("WorkspaceLocales serialises");
        self.store().set_setting(LOCALES, Some(&json))?;
        Ok(())
    }
}
