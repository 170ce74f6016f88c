//! Files of the workspace (images) served to the preview.

use std::path::{Component, Path};

use crate::{CoreError, Workspace};

/// Folder of the workspace that holds images referenced by articles.
pub const ASSETS_DIR: &str = "assets";

/// A file read from the workspace's assets folder.
#[derive(Debug, Clone)]
pub struct Asset {
    pub bytes: Vec<u8>,
    pub mime: &'static str,
}

impl Workspace {
    /// Reads `assets/…` relative to the data folder. Paths that leave the
    /// assets folder (`..`, absolute paths, symlinks pointing outside) are
    /// refused, so a crafted article cannot read other files.
    pub fn read_asset(&self, relative: &str) -> Result<Asset, CoreError> {
        let relative = relative.trim_start_matches('/');
        let path = Path::new(relative);
        let mut components = path.components();
        let inside = components.next() == Some(Component::Normal(ASSETS_DIR.as_ref()))
            && components.all(|c| matches!(c, Component::Normal(_)));
        if !inside {
            return Err(CoreError::NotFound(relative.to_string()));
        }
        let root = self
            .root()
            .join(ASSETS_DIR)
            .canonicalize()
            .map_err(|_| CoreError::NotFound(relative.into()))?;
        let full = self
            .root()
            .join(path)
            .canonicalize()
            .map_err(|_| CoreError::NotFound(relative.into()))?;
        if !full.starts_with(&root) {
            return Err(CoreError::NotFound(relative.to_string()));
        }
        let bytes = std::fs::read(&full).map_err(|_| CoreError::NotFound(relative.to_string()))?;
        Ok(Asset {
            bytes,
            mime: mime_of(&full),
        })
    }
}

fn mime_of(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}
