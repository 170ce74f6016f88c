//! The `copydesk-asset:` scheme: serves the workspace's images to the preview.

use tauri::http::{Request, Response, StatusCode, header};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::state::AppState;

pub const SCHEME: &str = "copydesk-asset";

/// The URL relative image paths are resolved against (WebKitGTK and macOS
/// use `scheme://localhost/`, Windows and Android `http://scheme.localhost/`).
#[cfg(any(windows, target_os = "android"))]
pub const BASE_URL: &str = "http://copydesk-asset.localhost/";
#[cfg(not(any(windows, target_os = "android")))]
pub const BASE_URL: &str = "copydesk-asset://localhost/";

/// Answers on a worker thread: reading a large image must not stall the UI.
pub fn serve<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = ctx.app_handle().clone();
    tauri::async_runtime::spawn_blocking(move || {
        let path = percent_encoding::percent_decode_str(request.uri().path())
            .decode_utf8_lossy()
            .into_owned();
        let state = app.state::<AppState>();
        let asset = match &state.workspace {
            Ok(ws) => ws.read_asset(&path).ok(),
            Err(_) => None,
        };
        let builder = Response::builder().header(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
        let response = match asset {
            Some(a) => builder
                .header(header::CONTENT_TYPE, a.mime)
                // SVGs are served as images only; a script inside one never runs.
                .header(
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'",
                )
                .body(a.bytes),
            None => builder.status(StatusCode::NOT_FOUND).body(Vec::new()),
        };
        responder.respond(response.unwrap_or_else(|_| Response::new(Vec::new())));
    });
}
