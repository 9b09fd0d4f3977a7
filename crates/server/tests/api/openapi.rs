//! `/api/v1/openapi.json` is generated from the handlers; snapshotting it
//! makes every change to the API a deliberate one.

use axum::http::{Method, StatusCode};

use crate::support::TestApp;

#[tokio::test]
async fn openapi_document_is_served_and_stable() {
    let app = TestApp::new().await;
    let (status, doc) = app.send(Method::GET, "/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let paths = doc["paths"].as_object().expect("paths");
    // Every resource of the server core is described.
    for p in [
        "/auth/login",
        "/orgs/{org}/members",
        "/orgs/{org}/invitations",
        "/invitations/accept",
        "/orgs/{org}/transfer-ownership",
        "/orgs/{org}/api-keys",
    ] {
        assert!(paths.contains_key(p), "{p} missing");
    }
    let operations: usize = paths
        .values()
        .map(|v| v.as_object().map_or(0, |o| o.len()))
        .sum();
    assert_eq!(operations, 67, "one operation per handler");
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
    // A client generated from the document reaches the API, not the page,
    // and names every operation differently.
    assert_eq!(doc["servers"][0]["url"], "/api/v1");
    let mut ids = std::collections::HashSet::new();
    for (path, item) in paths {
        for (method, op) in item.as_object().expect("operations") {
            let id = op["operationId"].as_str().expect("an operationId");
            assert!(ids.insert(id.to_string()), "{method} {path}: {id} twice");
            let mut seen = std::collections::HashSet::new();
            for p in op["parameters"].as_array().into_iter().flatten() {
                let key = (p["name"].to_string(), p["in"].to_string());
                assert!(seen.insert(key), "{method} {path}: {} twice", p["name"]);
            }
        }
    }
    // Key order depends on serde_json's `preserve_order`, which workspace
    // feature unification may switch on: compare sorted.
    insta::with_settings!({ sort_maps => true }, {
        insta::assert_json_snapshot!("openapi", doc, { ".info.version" => "[version]" });
    });
}
