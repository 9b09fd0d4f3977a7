//! One router per resource, merged once here.

mod accept;
mod api_keys;
mod audit;
mod audit_export;
pub mod auth;
mod authorize;
mod authzen;
mod doc;
mod domains;
mod groups;
mod health;
mod import;
mod import_commit;
mod invitation;
mod invitations;
mod join_requests;
mod joinable;
pub mod me;
mod member_export;
mod member_list;
mod members;
pub mod orgs;
mod project_members;
mod projects;
pub mod setup;
mod tasks;
mod template_switch;
mod templates;
mod transfer;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::error::{ApiError, log_internal_errors};
use crate::state::AppState;
use doc::SecuritySchemes;

/// The document's header; the paths come from the handlers themselves.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Roster",
        description = "Members and roles of a machine-learning data platform. \
            Every refusal is `{code, message, rule?}`."
    ),
    servers((url = "/api/v1", description = "this server")),
    components(schemas(api::ErrorBody, api::MemberStatus, api::SortKey, api::SortDir)),
    modifiers(&SecuritySchemes)
)]
struct ApiDoc;

/// utoipa adds each `{name}` of a path as a parameter beside the ones the
/// annotation names; the document keeps the first of each (name, place).
fn without_repeated_params(mut doc: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    for item in doc.paths.paths.values_mut() {
        let ops = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for op in ops.into_iter().flatten() {
            if let Some(params) = op.parameters.as_mut() {
                let mut seen = std::collections::HashSet::new();
                params.retain(|p| {
                    seen.insert((p.name.clone(), serde_json::to_string(&p.parameter_in).ok()))
                });
            }
        }
    }
    doc
}

/// Runs the request on its own task, so a client that hangs up does not
/// cancel it halfway: a future dropped between a transaction's BEGIN and
/// its first answer would hand the pool a connection still inside that
/// transaction (PostgreSQL), and the next request on it would read a stale
/// snapshot or fail. The answer to nobody is dropped; the work is whole.
async fn run_to_completion(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if CANCEL_SAFE.contains(&req.uri().path()) {
        return next.run(req).await;
    }
    match tokio::spawn(next.run(req)).await {
        Ok(res) => res,
        Err(e) => {
            tracing::error!("request task failed: {e}");
            axum::response::IntoResponse::into_response(ApiError::Internal(anyhow::anyhow!(
                "request task failed"
            )))
        }
    }
}

/// The decision routes, not run on a task of their own: they change
/// nothing, what they hold is guarded where it is held (a batch's
/// snapshot by `readers::Lent`, a key's use written on its own task), and
/// a task per check cost a twentieth of their throughput
/// (docs/benchmarks.md).
const CANCEL_SAFE: [&str; 3] = [
    "/api/v1/authorize",
    "/access/v1/evaluation",
    "/access/v1/evaluations",
];

/// Request bodies above this are refused (the largest legitimate one is an
/// invite of 100 addresses).
const MAX_BODY: usize = 64 * 1024;

/// The whole application: the API under `/api/v1`, the client everywhere
/// else (unknown paths get `index.html`, so client routes answer 200).
pub fn app(state: AppState) -> Router {
    let (api, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(health::router())
        .merge(templates::router())
        .merge(auth::router())
        .merge(me::router())
        .merge(setup::router())
        .merge(orgs::router())
        .merge(members::router())
        .merge(member_list::router())
        .merge(member_export::router())
        .merge(invitations::router())
        .merge(invitation::router())
        .merge(accept::router())
        .merge(audit::router())
        .merge(audit_export::router())
        .merge(import::router())
        .merge(import_commit::router())
        .merge(api_keys::router())
        .merge(projects::router())
        .merge(project_members::router())
        .merge(groups::router())
        .merge(tasks::router())
        .merge(transfer::router())
        .merge(authorize::router())
        .merge(domains::router())
        .merge(join_requests::router())
        .merge(joinable::router())
        .split_for_parts();
    let openapi = Arc::new(without_repeated_params(openapi));
    let api = api
        .route(
            "/openapi.json",
            get(move || async move { axum::Json(openapi.as_ref().clone()) }),
        )
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(MAX_BODY));
    let client = crate::client_files::service(&state.dist);
    Router::new()
        .nest(api::API_PREFIX, api)
        // AuthZEN's own paths, at the root where gateways look for them.
        .merge(authzen::router())
        // Every internal error is logged with its cause, AuthZEN's too.
        .layer(axum::middleware::from_fn(log_internal_errors))
        .layer(axum::middleware::from_fn(run_to_completion))
        .fallback_service(client)
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(crate::headers::SecurityHeaders::new(
                std::fs::read_to_string(state.dist.join("index.html")).ok().as_deref(),
                state.config.secure_cookies,
            )),
            crate::headers::SecurityHeaders::apply,
        ))
        // Spans name the path only: invitation and reset tokens ride in
        // query strings and must never reach a log.
        .layer(TraceLayer::new_for_http().make_span_with(
            |req: &axum::http::Request<axum::body::Body>| {
                tracing::debug_span!("request", method = %req.method(), path = %req.uri().path())
            },
        ))
        .with_state(state)
}
