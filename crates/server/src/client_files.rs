//! The built client (`dist/`), as a browser should get it: brotli or gzip
//! when the build made them (`Trunk.toml`'s post-build hook does) and the
//! browser takes them, hashed assets cached for a year as immutable, and
//! `index.html` (the page every client path falls back to) revalidated on
//! every load, so a new build reaches everyone at once.

use std::path::Path;

use axum::body::Body;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, VARY};
use axum::http::{HeaderValue, Request, Response};
use axum::response::IntoResponse;
use tower::{Service, ServiceBuilder};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// A year, for files whose name changes with their content.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// The page itself: always ask whether it changed.
const REVALIDATE: &str = "no-cache";

/// How long a response may be cached: HTML (the page) revalidates; every
/// other file Trunk names by its content's hash.
fn cache_policy<B>(res: &Response<B>) -> Option<HeaderValue> {
    if !res.status().is_success() {
        return None;
    }
    let html = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    Some(HeaderValue::from_static(if html {
        REVALIDATE
    } else {
        IMMUTABLE
    }))
}

/// The service for every path outside `/api`.
pub fn service(
    dist: &Path,
) -> impl Service<
    Request<Body>,
    Response = impl IntoResponse + use<>,
    Error = std::convert::Infallible,
    Future = impl Send + use<>,
> + Clone
+ Send
+ Sync
+ 'static {
    let index = ServeFile::new(dist.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            cache_policy,
        ))
        // The same path answers in several encodings.
        .layer(SetResponseHeaderLayer::overriding(
            VARY,
            HeaderValue::from_static("accept-encoding"),
        ))
        .service(files)
}
