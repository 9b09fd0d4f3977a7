//! The OpenID AuthZEN Authorization API 1.0 paths, so any AuthZEN gateway
//! can ask Roster unchanged: `POST /access/v1/evaluation`,
//! `POST /access/v1/evaluations` (a batch of at most 100, answered in
//! order, with the three evaluation semantics), `POST
//! /access/v1/search/action` and the discovery document
//! `GET /.well-known/authzen-configuration`. As AuthZEN asks, a malformed
//! request is a 400, unknown fields are ignored and `X-Request-ID` comes
//! back as it was sent.

use api::authzen::{Decision, Evaluation, Evaluations, EvaluationsAnswer, PartialEvaluation};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;

use crate::authorize::{Asked, Stop, answer_batch};
use crate::caller::Reader;
use crate::error::ApiResult;
use crate::extract::json_object;
use crate::state::AppState;

/// The most questions one batch may ask.
pub const MAX_BATCH: usize = 100;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/access/v1/evaluation", post(evaluation))
        .route("/access/v1/evaluations", post(evaluations))
        .route("/access/v1/search/action", post(search_action))
        .route("/access/v1/search/resource", post(search_resource))
        .route("/access/v1/search/subject", post(search_subject))
        .route("/.well-known/authzen-configuration", get(configuration))
        .layer(axum::middleware::from_fn(echo_request_id))
}

/// `X-Request-ID` goes back on the answer, whatever the answer is.
async fn echo_request_id(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let id = req.headers().get("x-request-id").cloned();
    let mut res = next.run(req).await;
    if let Some(id) = id {
        res.headers_mut().insert("x-request-id", id);
    }
    res
}

/// AuthZEN's 400: the request itself is wrong.
fn bad(what: impl Into<String>) -> Response {
    let body = api::ErrorBody {
        code: "bad_request".into(),
        message: what.into(),
        rule: None,
    };
    (StatusCode::BAD_REQUEST, axum::Json(body)).into_response()
}

async fn evaluation(Asked { question, asker }: Asked<Evaluation>) -> ApiResult<Response> {
    let q = match question {
        Ok(q) => q,
        Err(why) => return Ok(bad(why)),
    };
    Ok(axum::Json(asker.decide(&q).await?).into_response())
}

fn semantic(options: Option<&api::authzen::Object>) -> Result<Stop, String> {
    match options
        .and_then(|o| o.get("evaluations_semantic"))
        .map(|v| v.as_str().unwrap_or_default())
    {
        None | Some("execute_all") => Ok(Stop::Never),
        Some("deny_on_first_deny") => Ok(Stop::AtFirstDeny),
        Some("permit_on_first_permit") => Ok(Stop::AtFirstPermit),
        Some(other) => Err(format!("unknown evaluations_semantic \"{other}\"")),
    }
}

async fn evaluations(
    State(state): State<AppState>,
    Asked { question, asker }: Asked<Evaluations>,
) -> ApiResult<Response> {
    let req = match question {
        Ok(q) => q,
        Err(why) => return Ok(bad(why)),
    };
    let how = match semantic(req.options.as_ref()) {
        Ok(s) => s,
        Err(why) => return Ok(bad(why)),
    };
    // No list, or an empty one: the top level is the one question, and the
    // answer is a single decision.
    let items = match req.evaluations.as_deref() {
        None | Some([]) => {
            let q = match req.defaults.complete(&PartialEvaluation::default()) {
                Ok(q) => q,
                Err(missing) => return Ok(bad(format!("{missing} is required"))),
            };
            return Ok(axum::Json(asker.decide(&q).await?).into_response());
        }
        Some(items) if items.len() > MAX_BATCH => {
            return Ok(bad(format!("at most {MAX_BATCH} evaluations per request")));
        }
        Some(items) => items,
    };
    // Every item complete before anything is decided: a 400 for one bad
    // item, never half an answer.
    let mut questions = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item.complete(&req.defaults) {
            Ok(q) => questions.push(q),
            Err(missing) => return Ok(bad(format!("evaluations[{i}]: {missing} is required"))),
        }
    }
    let evaluations = answer_batch(&state.db, asker, &questions, how).await?;
    Ok(axum::Json(EvaluationsAnswer { evaluations }).into_response())
}

/// Every action the subject may take on the resource (`results`, by name),
/// and each one denied with its rule, code and sentence (`context.denied`).
/// One answer holds them all: there is no next page.
async fn search_action(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let q: api::authzen::ActionSearch = match json_object(&headers, &body) {
        Ok(q) => q,
        Err(why) => return Ok(bad(why)),
    };
    let (allowed, denied) =
        crate::authorize::actions(&mut conn, &user, &q.subject, &q.resource, state.clock.now())
            .await?;
    let denied: Vec<serde_json::Value> = denied
        .into_iter()
        .map(|(name, why)| json!({"name": name, "rule": why.rule, "code": why.code, "reason": why.reason}))
        .collect();
    Ok(axum::Json(json!({
        "results": allowed.into_iter().map(|name| json!({"name": name})).collect::<Vec<_>>(),
        "page": {"next_token": ""},
        "context": {"denied": denied},
    }))
    .into_response())
}

/// A search request and its page (after this id, this long), or what is
/// wrong with it (a 400).
fn searched<Q: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: &[u8],
    page: impl Fn(&Q) -> Option<api::authzen::Page>,
) -> Result<(Q, (i64, usize)), String> {
    let q: Q = json_object(headers, body)?;
    let p = page_of(page(&q))?;
    Ok((q, p))
}

/// Where a page starts (after this id) and how long it is.
fn page_of(page: Option<api::authzen::Page>) -> Result<(i64, usize), String> {
    let page = page.unwrap_or_default();
    let after = match page.token.as_deref().filter(|t| !t.is_empty()) {
        None => 0,
        Some(t) => t
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or("page.token is not a token this search gave")?,
    };
    let limit = match page.limit.unwrap_or(100) {
        n @ 1..=1000 => usize::try_from(n).unwrap_or(100),
        _ => return Err("page.limit is 1 to 1000".into()),
    };
    Ok((after, limit))
}

/// A page of ids of `kind` with the token to go on and whether it is the
/// last, or, in place of a page, why nothing can be found.
type Found = Result<(Vec<i64>, Option<i64>), Decision>;

fn page_answer(kind: &str, found: Found) -> Response {
    match found {
        Err(why) => axum::Json(json!({"results": [], "page": {"next_token": ""}, "context": why.context})),
        Ok((ids, next)) => axum::Json(json!({
            "results": ids.iter().map(|id| json!({"type": kind, "id": id.to_string()})).collect::<Vec<_>>(),
            "page": {"next_token": next.map(|n| n.to_string()).unwrap_or_default()},
            "context": {"complete": next.is_none()},
        })),
    }
    .into_response()
}

/// The projects a subject may act on, a page at a time; `context.complete`
/// says whether this page is the last.
async fn search_resource(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let (q, page) = match searched(&headers, &body, |q: &api::authzen::ResourceSearch| {
        q.page.clone()
    }) {
        Ok(q) if q.0.resource.kind == "project" => q,
        Ok(_) => {
            return Ok(bad(
                "resource search finds projects: resource.type must be \"project\"",
            ));
        }
        Err(why) => return Ok(bad(why)),
    };
    let now = state.clock.now();
    let found =
        crate::authorize::projects_for(&mut conn, &user, &q.subject, &q.action, page, now).await?;
    Ok(page_answer("project", found))
}

/// The members who may take an action on an org or a project, a page at a
/// time (R18: only for those who may ask about others).
async fn search_subject(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let (q, page) = match searched(&headers, &body, |q: &api::authzen::SubjectSearch| {
        q.page.clone()
    }) {
        Ok(q) if q.0.subject.kind == "user" => q,
        Ok(_) => {
            return Ok(bad(
                "subject search finds users: subject.type must be \"user\"",
            ));
        }
        Err(why) => return Ok(bad(why)),
    };
    let now = state.clock.now();
    let found =
        crate::authorize::members_for(&mut conn, &user, &q.action, &q.resource, page, now).await?;
    Ok(page_answer("user", found))
}

/// The discovery document: where each endpoint is.
async fn configuration(State(state): State<AppState>) -> impl IntoResponse {
    let base = state.config.public_url.clone();
    let doc = json!({
        "policy_decision_point": base,
        "access_evaluation_endpoint": format!("{base}/access/v1/evaluation"),
        "access_evaluations_endpoint": format!("{base}/access/v1/evaluations"),
        "search_action_endpoint": format!("{base}/access/v1/search/action"),
        "search_resource_endpoint": format!("{base}/access/v1/search/resource"),
        "search_subject_endpoint": format!("{base}/access/v1/search/subject"),
    });
    (
        [(
            axum::http::header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        )],
        axum::Json(doc),
    )
}
