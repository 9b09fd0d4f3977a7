//! The built client as a browser gets it: precompressed when the build
//! made brotli and gzip copies and the browser takes them, hashed assets
//! cached as immutable for a year, the page itself revalidated.

use axum::body::Body;
use axum::http::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, VARY};
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use server::{AppState, app};
use tower::ServiceExt;

use crate::support::TestApp;

/// (status, content-encoding, cache-control, vary, body) of `GET path`.
async fn get(
    router: &axum::Router,
    path: &str,
    accept: &str,
) -> (StatusCode, String, String, String, Vec<u8>) {
    let req = Request::get(path)
        .header(ACCEPT_ENCODING, accept)
        .body(Body::empty())
        .unwrap();
    let res = router.clone().oneshot(req).await.unwrap();
    let h = |name| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let (status, enc, cache, vary) = (res.status(), h(CONTENT_ENCODING), h(CACHE_CONTROL), h(VARY));
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, enc, cache, vary, body)
}

#[tokio::test]
async fn assets_come_compressed_and_cached_the_page_revalidated() {
    let app_ = TestApp::new().await;
    let dist = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &[u8]| std::fs::write(dist.path().join(name), body).unwrap();
    write("index.html", b"<!doctype html><title>Roster</title>");
    write("index.html.br", b"page in brotli");
    write("index.html.gz", b"page in gzip");
    write("client-0123abcd_bg.wasm", b"\0asm raw");
    write("client-0123abcd_bg.wasm.br", b"wasm in brotli");
    write("client-0123abcd_bg.wasm.gz", b"wasm in gzip");
    let router = app(AppState {
        dist: dist.path().to_path_buf(),
        ..app_.state.clone()
    });
    let wasm = "/client-0123abcd_bg.wasm";
    let year = "public, max-age=31536000, immutable";
    let (status, enc, cache, vary, body) = get(&router, wasm, "gzip, deflate, br").await;
    assert_eq!(
        (status, enc.as_str(), cache.as_str(), body.as_slice()),
        (StatusCode::OK, "br", year, b"wasm in brotli".as_slice())
    );
    assert!(vary.to_lowercase().contains("accept-encoding"), "{vary}");
    let (_, enc, _, _, body) = get(&router, wasm, "gzip").await;
    assert_eq!(
        (enc.as_str(), body.as_slice()),
        ("gzip", b"wasm in gzip".as_slice())
    );
    let (_, enc, _, _, body) = get(&router, wasm, "identity").await;
    assert_eq!(
        (enc.as_str(), body.as_slice()),
        ("", b"\0asm raw".as_slice())
    );
    // The page, at / and at any client path, is asked for again each time.
    for path in ["/", "/invite?token=x", "/members"] {
        let (status, enc, cache, _, body) = get(&router, path, "br").await;
        assert_eq!(
            (status, enc.as_str(), cache.as_str(), body.as_slice()),
            (
                StatusCode::OK,
                "br",
                "no-cache",
                b"page in brotli".as_slice()
            ),
            "{path}"
        );
    }
}
