//! The error shape that crosses IPC: `{code, message}`, message localised.

use copydesk_core::CoreError;
use copydesk_core::l10n::Localizer;
use serde::Serialize;

/// An error as the UI receives it.
#[derive(Debug, Clone, Serialize)]
pub struct IpcError {
    pub code: &'static str,
    pub message: String,
}

impl IpcError {
    pub fn from_core(e: &CoreError, l10n: &Localizer) -> IpcError {
        IpcError {
            code: e.code(),
            message: e.message(l10n),
        }
    }

    /// A background task died (a bug): still answer the UI with a message.
    pub fn internal(detail: impl std::fmt::Display, l10n: &Localizer) -> IpcError {
        IpcError {
            code: "internal",
            message: l10n.format("error-internal", &[("detail", &detail.to_string())]),
        }
    }
}
