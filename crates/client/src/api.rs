//! Every call the client makes, through one small typed layer over
//! gloo-net. Errors keep the server's `{code, message, rule?}` so a
//! refusal shows the rule's own sentence; nothing is swallowed.

use api::ErrorBody;
use api::auth::{Login, Me, SetActiveOrg, Setup, SignUp, TokenRequest};
use api::members::{
    Accept, Accepted, ChangeRole, InvitationLookup, InvitationView, Invite, InviteResult,
    MemberPage, MemberView,
};
use api::orgs::{CreateOrg, OrgView, TransferOwnership, UpdateOrg};
use api::projects::{
    AssignmentView, CreateTask, GroupMember, GroupView, Named, ProjectRoleBody, ProjectView,
    TaskView,
};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Why a call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The server refused, with its envelope.
    Refused {
        /// HTTP status.
        status: u16,
        /// `{code, message, rule?}`.
        body: ErrorBody,
    },
    /// The server could not be reached or answered something unreadable.
    Network(String),
}

impl ApiError {
    /// The sentence to show a person.
    pub fn message(&self) -> String {
        match self {
            Self::Refused { body, .. } => match body.rule {
                Some(rule) => format!("{} ({rule})", body.message),
                None => body.message.clone(),
            },
            Self::Network(e) => format!("could not reach Roster: {e}"),
        }
    }

    /// The error code, for a refusal (`owns_projects`).
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Refused { body, .. } => Some(&body.code),
            Self::Network(_) => None,
        }
    }

    /// The status, for a refusal.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Refused { status, .. } => Some(*status),
            Self::Network(_) => None,
        }
    }
}

/// Result of a call.
pub type ApiResult<T> = Result<T, ApiError>;

const BASE: &str = "/api/v1";

fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

async fn read<T: DeserializeOwned>(res: Response) -> ApiResult<T> {
    if res.ok() {
        res.json::<T>()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))
    } else {
        Err(refusal(res).await)
    }
}

async fn read_empty(res: Response) -> ApiResult<()> {
    if res.ok() {
        Ok(())
    } else {
        Err(refusal(res).await)
    }
}

async fn refusal(res: Response) -> ApiError {
    let status = res.status();
    match res.json::<ErrorBody>().await {
        Ok(body) => ApiError::Refused { status, body },
        Err(_) => ApiError::Refused {
            status,
            body: ErrorBody {
                code: "unknown".into(),
                message: format!("the server answered {status}"),
                rule: None,
            },
        },
    }
}

async fn send(b: RequestBuilder) -> ApiResult<Response> {
    b.send().await.map_err(|e| ApiError::Network(e.to_string()))
}

async fn send_json<B: Serialize>(b: RequestBuilder, body: &B) -> ApiResult<Response> {
    let req: Request = b.json(body).map_err(|e| ApiError::Network(e.to_string()))?;
    req.send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

/// A signed-in client: every state change carries the CSRF token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    csrf: String,
}

impl Client {
    /// A client for a session whose CSRF token is `csrf`.
    pub fn new(csrf: impl Into<String>) -> Self {
        Self { csrf: csrf.into() }
    }

    fn with(&self, b: RequestBuilder) -> RequestBuilder {
        b.header("X-CSRF-Token", &self.csrf)
    }

    /// `GET /me`.
    pub async fn me() -> ApiResult<Me> {
        read(send(Request::get(&url("/me"))).await?).await
    }

    /// `POST /auth/logout`.
    pub async fn logout(&self) -> ApiResult<()> {
        read_empty(send(self.with(Request::post(&url("/auth/logout")))).await?).await
    }

    /// `PUT /me/active-org`.
    pub async fn set_active_org(&self, org_id: i64) -> ApiResult<()> {
        read_empty(
            send_json(
                self.with(Request::put(&url("/me/active-org"))),
                &SetActiveOrg { org_id },
            )
            .await?,
        )
        .await
    }

    /// `POST /orgs`.
    pub async fn create_org(&self, body: &CreateOrg) -> ApiResult<OrgView> {
        read(send_json(self.with(Request::post(&url("/orgs"))), body).await?).await
    }

    /// `GET /orgs/{org}`.
    pub async fn org(&self, org: i64) -> ApiResult<OrgView> {
        read(send(Request::get(&url(&format!("/orgs/{org}")))).await?).await
    }

    /// `PATCH /orgs/{org}`.
    pub async fn update_org(&self, org: i64, body: &UpdateOrg) -> ApiResult<OrgView> {
        read(
            send_json(
                self.with(Request::patch(&url(&format!("/orgs/{org}")))),
                body,
            )
            .await?,
        )
        .await
    }

    /// `GET /orgs/{org}/members?…` with an already-encoded query.
    pub async fn members(&self, org: i64, query: &str) -> ApiResult<MemberPage> {
        read(send(Request::get(&url(&format!("/orgs/{org}/members?{query}")))).await?).await
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
                },
            )
            .await?,
        )
        .await
    }

    /// `GET /orgs/{org}/projects`.
    pub async fn projects(&self, org: i64) -> ApiResult<Vec<ProjectView>> {
        read(send(Request::get(&url(&format!("/orgs/{org}/projects")))).await?).await
    }

    /// `GET /orgs/{org}/members/{user}/projects`.
    pub async fn member_projects(&self, org: i64, user: i64) -> ApiResult<Vec<ProjectView>> {
        read(
            send(Request::get(&url(&format!(
                "/orgs/{org}/members/{user}/projects"
            ))))
            .await?,
        )
        .await
    }

    /// `POST /orgs/{org}/projects`.
    pub async fn create_project(&self, org: i64, name: &str) -> ApiResult<ProjectView> {
        read(
            send_json(
                self.with(Request::post(&url(&format!("/orgs/{org}/projects")))),
                &Named { name: name.into() },
            )
            .await?,
        )
        .await
    }

    /// `POST /orgs/{org}/projects/{p}/claim`.
    pub async fn claim(&self, org: i64, project: i64) -> ApiResult<ProjectView> {
        read(
            send(self.with(Request::post(&url(&format!(
                "/orgs/{org}/projects/{project}/claim"
            )))))
            .await?,
        )
        .await
    }

    /// `PUT` (a role) or `DELETE` (none) `/orgs/{org}/projects/{p}/members/{user}`.
    pub async fn set_project_member(
        &self,
        org: i64,
        project: i64,
        user: i64,
        role: Option<&str>,
    ) -> ApiResult<()> {
        let path = url(&format!("/orgs/{org}/projects/{project}/members/{user}"));
        match role {
            Some(r) => {
                read_empty(
                    send_json(
                        self.with(Request::put(&path)),
                        &ProjectRoleBody { role: r.into() },
                    )
                    .await?,
                )
                .await
            }
            None => read_empty(send(self.with(Request::delete(&path))).await?).await,
        }
    }

    /// `PUT /orgs/{org}/projects/{p}/groups/{g}`.
    pub async fn set_project_group(
        &self,
        org: i64,
        project: i64,
        group: i64,
        role: &str,
    ) -> ApiResult<()> {
        let b = self.with(Request::put(&url(&format!(
            "/orgs/{org}/projects/{project}/groups/{group}"
        ))));
        read_empty(send_json(b, &ProjectRoleBody { role: role.into() }).await?).await
    }

    /// `GET /orgs/{org}/groups`.
    pub async fn groups(&self, org: i64) -> ApiResult<Vec<GroupView>> {
        read(send(Request::get(&url(&format!("/orgs/{org}/groups")))).await?).await
    }

    /// `POST /orgs/{org}/groups`.
    pub async fn create_group(&self, org: i64, name: &str) -> ApiResult<GroupView> {
        read(
            send_json(
                self.with(Request::post(&url(&format!("/orgs/{org}/groups")))),
                &Named { name: name.into() },
            )
            .await?,
        )
        .await
    }

    /// `GET /orgs/{org}/groups/{g}/members`.
    pub async fn members_of_group(&self, org: i64, group: i64) -> ApiResult<Vec<GroupMember>> {
        read(
            send(Request::get(&url(&format!(
                "/orgs/{org}/groups/{group}/members"
            ))))
            .await?,
        )
        .await
    }

    /// `GET /orgs/{org}/projects/{p}/tasks`.
    pub async fn tasks(&self, org: i64, project: i64) -> ApiResult<Vec<TaskView>> {
        read(
            send(Request::get(&url(&format!(
                "/orgs/{org}/projects/{project}/tasks"
            ))))
            .await?,
        )
        .await
    }

    /// `DELETE /orgs/{org}/groups/{g}`.
    pub async fn delete_group(&self, org: i64, group: i64) -> ApiResult<()> {
        read_empty(
            send(self.with(Request::delete(&url(&format!(
                "/orgs/{org}/groups/{group}"
            )))))
            .await?,
        )
        .await
    }

    /// `PUT` (join) or `DELETE` (leave) `/orgs/{org}/groups/{g}/members/{user}`.
    pub async fn group_member(&self, org: i64, group: i64, user: i64, join: bool) -> ApiResult<()> {
        let path = url(&format!("/orgs/{org}/groups/{group}/members/{user}"));
        let b = if join {
            Request::put(&path)
        } else {
            Request::delete(&path)
        };
        read_empty(send(self.with(b)).await?).await
    }

    /// `POST /orgs/{org}/projects/{p}/tasks`.
    pub async fn create_task(
        &self,
        org: i64,
        project: i64,
        name: &str,
        mode: &str,
    ) -> ApiResult<TaskView> {
        let b = self.with(Request::post(&url(&format!(
            "/orgs/{org}/projects/{project}/tasks"
        ))));
        read(
            send_json(
                b,
                &CreateTask {
                    name: name.into(),
                    mode: mode.into(),
                },
            )
            .await?,
        )
        .await
    }

    /// `PUT /orgs/{org}/projects/{p}/tasks/{t}/groups/{g}`.
    pub async fn assign_group(
        &self,
        org: i64,
        project: i64,
        task: i64,
        group: i64,
    ) -> ApiResult<()> {
        read_empty(
            send(self.with(Request::put(&url(&format!(
                "/orgs/{org}/projects/{project}/tasks/{task}/groups/{group}"
            )))))
            .await?,
        )
        .await
    }

    /// `GET /orgs/{org}/projects/{p}/tasks/{t}/assignments`.
    pub async fn assignments(
        &self,
        org: i64,
        project: i64,
        task: i64,
    ) -> ApiResult<Vec<AssignmentView>> {
        read(
            send(Request::get(&url(&format!(
                "/orgs/{org}/projects/{project}/tasks/{task}/assignments"
            ))))
            .await?,
        )
        .await
    }

    /// `POST /invitations/accept` as the signed-in account.
    pub async fn accept(&self, token: &str) -> ApiResult<Accepted> {
        let body = Accept {
            token: token.into(),
            name: None,
            password: None,
        };
        read(send_json(self.with(Request::post(&url("/invitations/accept"))), &body).await?).await
    }
}

/// `POST /auth/login`.
pub async fn login(email: &str, password: &str) -> ApiResult<Me> {
    read(
        send_json(
            Request::post(&url("/auth/login")),
            &Login {
                email: email.into(),
                password: password.into(),
            },
        )
        .await?,
    )
    .await
}

/// `POST /auth/signup`.
pub async fn sign_up(body: &SignUp) -> ApiResult<Me> {
    read(send_json(Request::post(&url("/auth/signup")), body).await?).await
}

/// `POST /setup`.
pub async fn setup(body: &Setup) -> ApiResult<Me> {
    read(send_json(Request::post(&url("/setup")), body).await?).await
}

/// `GET /invitations/lookup`.
pub async fn lookup_invitation(token: &str) -> ApiResult<InvitationLookup> {
    let q = js_sys::encode_uri_component(token);
    read(
        send(Request::get(&url(&format!(
            "/invitations/lookup?token={q}"
        ))))
        .await?,
    )
    .await
}

/// `POST /invitations/accept` creating the account in the same step.
pub async fn accept_new(token: &str, name: &str, password: &str) -> ApiResult<Accepted> {
    let body = Accept {
        token: token.into(),
        name: Some(name.into()),
        password: Some(password.into()),
    };
    read(send_json(Request::post(&url("/invitations/accept")), &body).await?).await
}

/// `POST /invitations/decline`.
pub async fn decline(token: &str) -> ApiResult<()> {
    read_empty(
        send_json(
            Request::post(&url("/invitations/decline")),
            &TokenRequest {
                token: token.into(),
            },
        )
        .await?,
    )
    .await
}

/// `POST /auth/verify-email`.
pub async fn verify_email(token: &str) -> ApiResult<()> {
    read_empty(
        send_json(
            Request::post(&url("/auth/verify-email")),
            &TokenRequest {
                token: token.into(),
            },
        )
        .await?,
    )
    .await
}
