//! Every call the client makes, through one small typed layer over
//! gloo-net. Errors keep the server's `{code, message, rule?}` so a
//! refusal shows the rule's own sentence; nothing is swallowed.

use api::ErrorBody;
use api::auth::{Login, Me, SetActiveOrg, Setup, SignUp, TokenRequest};
use api::members::{Accept, Accepted, InvitationLookup};
use api::orgs::{CreateOrg, OrgView, UpdateOrg};
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

mod members;
pub use members::export_url;
mod audit;
mod domains;
mod import;
pub use import::{import_report_url, import_template_url};
mod keys;
mod projects;
pub use audit::audit_export_url;

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

    /// `POST /orgs/{org}/leave` (R5).
    pub async fn leave_org(&self, org: i64) -> ApiResult<()> {
        read_empty(send(self.with(Request::post(&url(&format!("/orgs/{org}/leave"))))).await?).await
    }

    /// `DELETE /orgs/{org}`.
    pub async fn delete_org(&self, org: i64) -> ApiResult<()> {
        read_empty(send(self.with(Request::delete(&url(&format!("/orgs/{org}"))))).await?).await
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
