//! Tauri commands: each is one core call plus error mapping.

pub mod article;
pub mod preview;
pub mod publish;
pub mod session;
pub mod strings;
pub mod translation;
