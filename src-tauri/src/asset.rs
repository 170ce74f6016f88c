//! The `copydesk-asset:` scheme: serves the workspace's images to the preview.

use std::borrow::Cow;

use tauri::http::{Request, Response, StatusCode, header};
use tauri::{Manager, Runtime, UriSchemeContext};

use crate::state::AppState;

pub const SCHEME: &str = "copydesk-asset";

/// The URL relative image paths are resolved against (WebKitGTK and macOS
/// use `scheme://localhost/`, Windows and Android `http://scheme.localhost/`).
#[cfg(any(windows, target_os = "android"))]
pub const BASE_URL: &str = "http://copydesk-asset.localhost/";
#[cfg(not(any(windows, target_os = "android")))]
pub const BASE_URL: &str = "copydesk-asset://localhost/";

pub fn serve<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
) -> Response<Cow<'static, [u8]>> {
    let path = percent_encoding::percent_decode_str(request.uri().path())
        .decode_utf8_lossy()
        .into_owned();
    let state = ctx.app_handle().state::<AppState>();
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
            .body(Cow::Owned(a.bytes)),
        None => builder
            .status(StatusCode::NOT_FOUND)
            .body(Cow::Borrowed(&b""[..])),
    };
    response.unwrap_or_else(|_| Response::new(Cow::Borrowed(&b""[..])))
}
