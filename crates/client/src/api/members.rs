//! Members, invitations and their actions.

use api::members::{
    ChangeRole, InvitationLink, InvitationView, Invite, InviteResult, MemberPage, MemberQuery,
    MemberView,
};
use api::orgs::{OrgView, TransferOwnership};
use gloo_net::http::Request;

use super::{ApiResult, Client, read, read_empty, send, send_json, url};

/// Where the browser downloads the members list as CSV, with the list's
/// filters and sort (a plain link: a GET needs no CSRF header).
pub fn export_url(org: i64, query: &MemberQuery) -> String {
    let params = web_sys::UrlSearchParams::new().ok();
    let pairs = MemberQuery::from(query.export()).pairs();
    let search = params
        .map(|p| {
            for (k, v) in &pairs {
                p.append(k, v);
            }
            String::from(p.to_string())
        })
        .unwrap_or_default();
    let path = url(&format!("/orgs/{org}/members/export.csv"));
    if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    }
}

impl Client {
    /// `GET /orgs/{org}/members?…`.
    pub async fn members(&self, org: i64, query: &MemberQuery) -> ApiResult<MemberPage> {
        let b = Request::get(&url(&format!("/orgs/{org}/members"))).query(query.pairs());
        read(send(b).await?).await
    }

    /// `GET /orgs/{org}/invitations`.
    pub async fn invitations(&self, org: i64) -> ApiResult<Vec<InvitationView>> {
        read(send(Request::get(&url(&format!("/orgs/{org}/invitations")))).await?).await
    }

    /// `POST /orgs/{org}/invitations`.
    pub async fn invite(&self, org: i64, body: &Invite) -> ApiResult<Vec<InviteResult>> {
        read(
            send_json(
                self.with(Request::post(&url(&format!("/orgs/{org}/invitations")))),
                body,
            )
            .await?,
        )
        .await
    }

    /// `POST /orgs/{org}/invitations/{id}/link`: a fresh link, not mailed.
    pub async fn invitation_link(&self, org: i64, id: i64) -> ApiResult<InvitationLink> {
        read(
            send(self.with(Request::post(&url(&format!(
                "/orgs/{org}/invitations/{id}/link"
            )))))
            .await?,
        )
        .await
    }

    /// `PUT /orgs/{org}/members/{user}/role`.
    pub async fn change_role(&self, org: i64, user: i64, role: &str) -> ApiResult<MemberView> {
        let b = self.with(Request::put(&url(&format!(
            "/orgs/{org}/members/{user}/role"
        ))));
        read(send_json(b, &ChangeRole { role: role.into() }).await?).await
    }

    /// `POST /orgs/{org}/members/{user}/suspend` or `…/reactivate`.
    pub async fn set_suspended(
        &self,
        org: i64,
        user: i64,
        suspended: bool,
    ) -> ApiResult<MemberView> {
        let verb = if suspended { "suspend" } else { "reactivate" };
        read(
            send(self.with(Request::post(&url(&format!(
                "/orgs/{org}/members/{user}/{verb}"
            )))))
            .await?,
        )
        .await
    }

    /// `DELETE /orgs/{org}/members/{user}`.
    pub async fn remove(&self, org: i64, user: i64) -> ApiResult<()> {
        read_empty(
            send(self.with(Request::delete(&url(&format!(
                "/orgs/{org}/members/{user}"
            )))))
            .await?,
        )
        .await
    }

    /// `POST /orgs/{org}/transfer-ownership`.
    pub async fn transfer_ownership(&self, org: i64, user_id: i64) -> ApiResult<OrgView> {
        let b = self.with(Request::post(&url(&format!(
            "/orgs/{org}/transfer-ownership"
        ))));
        read(send_json(b, &TransferOwnership { user_id }).await?).await
    }

    /// `POST /orgs/{org}/invitations/{id}/resend` or `…/revoke`.
    pub async fn invitation_action(&self, org: i64, id: i64, verb: &str) -> ApiResult<()> {
        read_empty(
            send(self.with(Request::post(&url(&format!(
                "/orgs/{org}/invitations/{id}/{verb}"
            )))))
            .await?,
        )
        .await
    }

    /// `PUT /orgs/{org}/invitations/{id}/role`.
    pub async fn edit_invitation_role(&self, org: i64, id: i64, role: &str) -> ApiResult<()> {
        let b = self.with(Request::put(&url(&format!(
            "/orgs/{org}/invitations/{id}/role"
        ))));
        read_empty(send_json(b, &ChangeRole { role: role.into() }).await?).await
    }

    /// `DELETE /orgs/{org}/members/{user}` or `POST …/suspend`, handing the
    /// member's projects to `heir` in the same step (R10).
    pub async fn remove_or_suspend(
        &self,
        org: i64,
        user: i64,
        suspend: bool,
        heir: Option<i64>,
    ) -> ApiResult<()> {
        let q = heir
            .map(|h| format!("?reassign_to={h}"))
            .unwrap_or_default();
        let b = if suspend {
            Request::post(&url(&format!("/orgs/{org}/members/{user}/suspend{q}")))
        } else {
            Request::delete(&url(&format!("/orgs/{org}/members/{user}{q}")))
        };
        read_empty(send(self.with(b)).await?).await
    }

    /// `PUT /orgs/{org}/members/{user}/access-expiry` (R16).
    pub async fn set_access_expiry(
        &self,
        org: i64,
        user: i64,
        expires_at: Option<i64>,
    ) -> ApiResult<MemberView> {
        let b = self.with(Request::put(&url(&format!(
            "/orgs/{org}/members/{user}/access-expiry"
        ))));
        read(send_json(b, &api::members::SetAccessExpiry { expires_at }).await?).await
    }

    /// `POST /orgs/{org}/members/{user}/transfer` (R14).
    pub async fn transfer_user(
        &self,
        org: i64,
        user: i64,
        to_org: i64,
        role: &str,
    ) -> ApiResult<()> {
        let b = self.with(Request::post(&url(&format!(
            "/orgs/{org}/members/{user}/transfer"
        ))));
        read_empty(
            send_json(
                b,
                &api::members::TransferUser {
                    to_org,
                    role: role.into(),
                    reassign_to: None,
                },
            )
            .await?,
        )
        .await
    }
}
