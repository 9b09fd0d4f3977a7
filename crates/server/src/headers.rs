//! Security headers on every answer. The served client gets a strict
//! Content-Security-Policy whose only inline script — Trunk's loader in
//! `index.html` — is allowed by its hash, read once at start.

use std::sync::Arc;

use axum::http::{HeaderValue, header};
use base64::Engine;
use sha2::{Digest, Sha256};

/// The headers, built once per process.
#[derive(Clone, Debug)]
pub struct SecurityHeaders {
    csp: HeaderValue,
    hsts: bool,
}

impl SecurityHeaders {
    /// From the client's `index.html` (its inline scripts' hashes) and
    /// whether the public URL is https (HSTS).
    pub fn new(index_html: Option<&str>, https: bool) -> Self {
        let hashes: String = index_html
            .map(inline_scripts)
            .unwrap_or_default()
            .iter()
            .map(|s| {
                let digest = Sha256::digest(s.as_bytes());
                format!(
                    " 'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                )
            })
            .collect();
        let csp = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
             img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
             base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        );
        Self {
            csp: HeaderValue::from_str(&csp).unwrap_or(HeaderValue::from_static(
                "default-src 'self'; frame-ancestors 'none'",
            )),
            hsts: https,
        }
    }

    /// The middleware that sets them.
    pub async fn apply(
        headers: axum::extract::State<Arc<Self>>,
        req: axum::extract::Request,
        next: axum::middleware::Next,
    ) -> axum::response::Response {
        let mut res = next.run(req).await;
        let h = res.headers_mut();
        h.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        // Tokens ride in invitation and reset URLs.
        h.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        h.insert(header::CONTENT_SECURITY_POLICY, headers.csp.clone());
        if headers.hsts {
            h.insert(
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static("max-age=31536000; includeSubDomains"),
            );
        }
        res
    }
}

/// The contents of every `<script>` without a `src`, as the browser hashes
/// them (between the tags, byte for byte).
fn inline_scripts(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !tag.contains("src=") {
            out.push(body[..close].to_string());
        }
        rest = &body[close..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_each_inline_script_and_skips_external_ones() {
        let html = "<script type=\"module\">run()</script><script src=\"/x.js\"></script>";
        assert_eq!(inline_scripts(html), vec!["run()".to_string()]);
        let h = SecurityHeaders::new(Some(html), false);
        let csp = h.csp.to_str().unwrap_or_default();
        // sha256("run()"), computed independently.
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"run()"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
    }
}
