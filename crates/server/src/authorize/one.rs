//! One question and who asks it, read together: the body is parsed before
//! the caller is read, so that with a key the subject's membership comes
//! from the key's own query (one read per single check, R9 intact: it is
//! this request's read).

use api::authzen::Evaluation;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use sqlx::Any;
use sqlx::pool::PoolConnection;

use super::Seen;
use super::place::id_of;
use crate::caller::{Caller, Reader};
use crate::extract::json_object;
use crate::state::AppState;

/// A single question, the caller and what was read with them.
pub struct One {
    /// Who asks.
    pub caller: Caller,
    /// The connection they were read on.
    pub conn: PoolConnection<Any>,
    /// The facts read with the caller.
    pub seen: Seen,
    /// The question, or what is wrong with the body.
    pub question: Result<Evaluation, String>,
    /// The moment it is decided at.
    pub now: i64,
}

impl FromRequest<AppState> for One {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let req = Request::from_parts(parts.clone(), body);
        let body = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let question: Result<Evaluation, String> = json_object(&parts.headers, &body);
        let about = question
            .as_ref()
            .ok()
            .filter(|q| q.subject.kind == "user")
            .and_then(|q| id_of(&q.subject.id));
        let (Reader { caller, conn }, beside) = Reader::about(&mut parts, state, about)
            .await
            .map_err(IntoResponse::into_response)?;
        let now = state.clock.now();
        Ok(Self {
            seen: Seen::for_one(&caller, now, beside),
            caller,
            conn,
            question,
            now,
        })
    }
}
