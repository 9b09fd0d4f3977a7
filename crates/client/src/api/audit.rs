//! `/orgs/{org}/audit` and its exports.

use api::audit::{AuditEvent, AuditQuery};
use gloo_net::http::Request;

use super::{ApiResult, Client, read, send, url};

/// The query's parameters, in the order the server documents them.
fn search(q: &AuditQuery) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    let mut put = |k: &'static str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            pairs.push((k, v));
        }
    };
    put("actor", q.actor.map(|v| v.to_string()));
    put("actor_type", q.actor_type.map(|v| v.as_str().to_string()));
    put("action", q.action.clone());
    put("target_type", q.target_type.clone());
    put("target", q.target.map(|v| v.to_string()));
    put("source", q.source.map(|v| v.as_str().to_string()));
    put("from", q.from.map(|v| v.to_string()));
    put("to", q.to.map(|v| v.to_string()));
    put("before", q.before.map(|v| v.to_string()));
    put("limit", q.limit.map(|v| v.to_string()));
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return String::new();
    };
    for (k, v) in &pairs {
        params.append(k, v);
    }
    String::from(params.to_string())
}

fn with_search(path: String, q: &AuditQuery) -> String {
    match search(q) {
        s if s.is_empty() => path,
        s => format!("{path}?{s}"),
    }
}

/// Where the browser downloads exactly the filtered view (`csv` or `ndjson`).
pub fn audit_export_url(org: i64, format: &str, q: &AuditQuery) -> String {
    let q = AuditQuery {
        before: None,
        limit: None,
        ..q.clone()
    };
    with_search(url(&format!("/orgs/{org}/audit/export.{format}")), &q)
}

impl Client {
    /// `GET /orgs/{org}/audit?…`.
    pub async fn audit(&self, org: i64, q: &AuditQuery) -> ApiResult<Vec<AuditEvent>> {
        let path = with_search(url(&format!("/orgs/{org}/audit")), q);
        read(send(Request::get(&path)).await?).await
    }
}
