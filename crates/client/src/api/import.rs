//! `/orgs/{org}/import`: the file goes as the body, as read from disk.

use api::import::{CommitQuery, ExistingPolicy, ImportJob, ImportPreview};
use gloo_net::http::Request;

use super::{ApiError, ApiResult, Client, read, url};

fn policy(p: ExistingPolicy) -> &'static str {
    match p {
        ExistingPolicy::Skip => "skip",
        ExistingPolicy::UpdateRole => "update_role",
    }
}

/// Where the template downloads from.
pub fn import_template_url(org: i64) -> String {
    url(&format!("/orgs/{org}/import/template.csv"))
}

/// Where a finished import's report downloads from.
pub fn import_report_url(org: i64, job: i64) -> String {
    url(&format!("/orgs/{org}/import/jobs/{job}/report.csv"))
}

impl Client {
    async fn upload<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        file: &str,
        extra: Option<(&str, &str)>,
    ) -> ApiResult<T> {
        let mut b = self
            .with(Request::post(&url(path)))
            .header("Content-Type", "text/csv");
        if let Some((k, v)) = extra {
            b = b.header(k, v);
        }
        let req = b
            .body(file.to_string())
            .map_err(|e| ApiError::Network(e.to_string()))?;
        let res = req
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        read(res).await
    }

    /// `POST …/import/preview`: what the file would do; nothing written.
    pub async fn preview_import(
        &self,
        org: i64,
        existing: ExistingPolicy,
        file: &str,
    ) -> ApiResult<ImportPreview> {
        let path = format!("/orgs/{org}/import/preview?existing={}", policy(existing));
        self.upload(&path, file, None).await
    }

    /// `POST …/import/commit`: the job applying the previewed plan; the
    /// same `key` never imports twice.
    pub async fn commit_import(
        &self,
        org: i64,
        q: &CommitQuery,
        file: &str,
        key: &str,
    ) -> ApiResult<ImportJob> {
        let path = format!(
            "/orgs/{org}/import/commit?plan_id={}&existing={}&skip_invalid={}&send_mail={}",
            q.plan_id,
            policy(q.existing),
            q.skip_invalid,
            q.send_mail
        );
        self.upload(&path, file, Some(("Idempotency-Key", key)))
            .await
    }

    /// `GET …/import/jobs/{job}`.
    pub async fn import_job(&self, org: i64, job: i64) -> ApiResult<ImportJob> {
        read(
            Request::get(&url(&format!("/orgs/{org}/import/jobs/{job}")))
                .send()
                .await
                .map_err(|e| ApiError::Network(e.to_string()))?,
        )
        .await
    }
}
