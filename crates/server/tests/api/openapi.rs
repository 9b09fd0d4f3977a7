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
    assert_eq!(operations, 82, "one operation per handler");
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

/// Each operation's `security` says what the server does with a Bearer
/// key: where the document lists `bearer` the key is read and judged (a
/// revoked one is a 401, a live one gets past authentication); where it
/// lists only the session, any key is refused unread (403
/// `key_forbidden`); where it lists nothing, the header is ignored.
#[tokio::test]
async fn every_operation_treats_a_bearer_key_as_its_security_says() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = crate::support::role(&s, "owner");
    let keys = format!("/orgs/{org}/api-keys");
    let make = |name: &str| {
        app.post(
            &keys,
            serde_json::json!({"name": name, "role": "admin"}),
            owner,
        )
    };
    let live = make("live").await.1["secret"].as_str().unwrap().to_string();
    let spent = make("spent").await.1;
    let (spent_id, spent) = (
        spent["key"]["id"].as_i64().unwrap(),
        spent["secret"].clone(),
    );
    let gone = app
        .delete(&format!("/orgs/{org}/api-keys/{spent_id}"), owner)
        .await;
    assert_eq!(gone.0, StatusCode::NO_CONTENT);
    let doc = app.send(Method::GET, "/openapi.json", None, None).await.1;
    let mut checked = [0; 3];
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let concrete = path.replace("{org}", &org.to_string());
        let concrete = other_ids_as_one(&concrete);
        for (method, op) in item.as_object().expect("operations") {
            let schemes: Vec<&str> = op["security"]
                .as_array()
                .expect("every operation states its security")
                .iter()
                .flat_map(|r| r.as_object().expect("requirement").keys())
                .map(String::as_str)
                .collect();
            let method: Method = method.to_uppercase().parse().expect("method");
            let call = |key: &str| {
                let key = key.to_string();
                let (method, concrete) = (method.clone(), concrete.clone());
                let app = &app;
                async move {
                    crate::api_keys::with_key(
                        app,
                        method,
                        &concrete,
                        Some(serde_json::json!({})),
                        &key,
                    )
                    .await
                }
            };
            let (status, body, _) = call(spent.as_str().unwrap()).await;
            let what = format!("{method} {path} ({schemes:?}): {status} {body}");
            if schemes.contains(&"bearer") {
                checked[0] += 1;
                assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}");
                assert_eq!(body["code"], "key_revoked", "{what}");
                let (status, body, _) = call(&live).await;
                assert_ne!(status, StatusCode::UNAUTHORIZED, "{method} {path}: {body}");
            } else if schemes.contains(&"session") {
                checked[1] += 1;
                assert_eq!(status, StatusCode::FORBIDDEN, "{what}");
                assert_eq!(body["code"], "key_forbidden", "{what}");
            } else {
                checked[2] += 1;
                assert!(
                    !matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN),
                    "{what}"
                );
            }
        }
    }
    assert_eq!(checked.iter().sum::<usize>(), 82, "{checked:?}");
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["session"]["in"], "cookie");
}

/// Any other id in a path is 1: enough to reach authentication.
fn other_ids_as_one(path: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').expect("closed") + open;
        out.push_str(&rest[..open]);
        out.push('1');
        rest = &rest[close + 1..];
    }
    out + rest
}
