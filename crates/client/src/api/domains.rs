//! `/orgs/{org}/domains`, `/orgs/{org}/join-requests`, `/me/joinable` (R13).

use api::domains::{ClaimDomain, DomainView, JoinOutcome, JoinRequestView, Joinable, UpdateDomain};
use gloo_net::http::Request;

use super::{ApiResult, Client, read, read_empty, send, send_json, url};

impl Client {
    /// `GET /orgs/{org}/domains`.
    pub async fn domains(&self, org: i64) -> ApiResult<Vec<DomainView>> {
        read(send(Request::get(&url(&format!("/orgs/{org}/domains")))).await?).await
    }

    /// `POST /orgs/{org}/domains`.
    pub async fn claim_domain(&self, org: i64, body: &ClaimDomain) -> ApiResult<DomainView> {
        let path = url(&format!("/orgs/{org}/domains"));
        read(send_json(self.with(Request::post(&path)), body).await?).await
    }

    /// `PATCH /orgs/{org}/domains/{id}`.
    pub async fn update_domain(
        &self,
        org: i64,
        id: i64,
        body: &UpdateDomain,
    ) -> ApiResult<DomainView> {
        let path = url(&format!("/orgs/{org}/domains/{id}"));
        read(send_json(self.with(Request::patch(&path)), body).await?).await
    }

    /// `POST /orgs/{org}/domains/{id}/verify`.
    pub async fn verify_domain(&self, org: i64, id: i64) -> ApiResult<DomainView> {
        let path = url(&format!("/orgs/{org}/domains/{id}/verify"));
        read(send(self.with(Request::post(&path))).await?).await
    }

    /// `DELETE /orgs/{org}/domains/{id}`.
    pub async fn delete_domain(&self, org: i64, id: i64) -> ApiResult<()> {
        let path = url(&format!("/orgs/{org}/domains/{id}"));
        read_empty(send(self.with(Request::delete(&path))).await?).await
    }

    /// `GET /orgs/{org}/join-requests`.
    pub async fn join_requests(&self, org: i64) -> ApiResult<Vec<JoinRequestView>> {
        read(send(Request::get(&url(&format!("/orgs/{org}/join-requests")))).await?).await
    }

    /// `POST …/join-requests/{user}/admit`, or `DELETE …/join-requests/{user}`.
    pub async fn settle_join_request(&self, org: i64, user: i64, admit: bool) -> ApiResult<()> {
        let path = url(&format!("/orgs/{org}/join-requests/{user}"));
        let req = if admit {
            Request::post(&format!("{path}/admit"))
        } else {
            Request::delete(&path)
        };
        read_empty(send(self.with(req)).await?).await
    }

    /// `GET /me/joinable`.
    pub async fn joinable(&self) -> ApiResult<Vec<Joinable>> {
        read(send(Request::get(&url("/me/joinable"))).await?).await
    }

    /// `POST /me/joinable/{org}`.
    pub async fn join_by_domain(&self, org: i64) -> ApiResult<JoinOutcome> {
        let path = url(&format!("/me/joinable/{org}"));
        read(send(self.with(Request::post(&path))).await?).await
    }
}
