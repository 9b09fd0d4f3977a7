//! A question (or a batch) and who asks it, read together: the body is
//! parsed before the caller is read, so that with a key the membership of
//! the user asked about comes from the key's own query — one read for a
//! single check, R9 intact (it is this request's read).

use api::authzen::{Decision, Entity, Evaluation, Evaluations};
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::place::id_of;
use super::{Seen, evaluate};
use crate::caller::{Caller, KeyRead, read_with};
use crate::db::readers::{self, Lent};
use crate::error::ApiResult;
use crate::extract::json_object;
use crate::state::AppState;

/// A body that asks about users: the one user it asks about, if it is one.
pub trait AboutUser {
    /// The user every question of the body is about, if there is one.
    fn user(&self) -> Option<i64>;
}

fn user_of(subject: &Entity) -> Option<i64> {
    (subject.kind == "user")
        .then(|| id_of(&subject.id))
        .flatten()
}

impl AboutUser for Evaluation {
    fn user(&self) -> Option<i64> {
        user_of(&self.subject)
    }
}

impl AboutUser for Evaluations {
    fn user(&self) -> Option<i64> {
        let top = self.defaults.subject.as_ref();
        let mut users = match self.evaluations.as_deref() {
            None | Some([]) => return top.and_then(user_of),
            Some(items) => items
                .iter()
                .map(|item| item.subject.as_ref().or(top).and_then(user_of)),
        };
        let first = users.next().flatten()?;
        users.all(|u| u == Some(first)).then_some(first)
    }
}

/// A request's question, and who asks it.
pub struct Asked<Q> {
    /// The body, or what is wrong with it.
    pub question: Result<Q, String>,
    /// The caller and what was read with them.
    pub asker: Asker,
}

/// Who asks, with a connection of the decision point's pool (lent: back
/// to the pool only once the answer is whole) and the facts read with
/// them: the asker and, with a key, its owner and the user asked about.
pub struct Asker {
    /// Who asks.
    pub caller: Caller,
    /// The connection to read the rest on.
    pub conn: Lent,
    /// The facts read so far.
    pub seen: Seen,
    /// The moment every answer is decided at.
    pub now: i64,
}

impl Asker {
    /// One question, answered on what was read with the caller and, if it
    /// needs more, on reads made now.
    pub async fn decide(mut self, q: &Evaluation) -> ApiResult<Decision> {
        let d = evaluate(&mut self.conn, &mut self.seen, &self.caller, q, self.now).await?;
        self.conn.done();
        Ok(d)
    }
}

impl<Q: DeserializeOwned + AboutUser + Send> FromRequest<AppState> for Asked<Q> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let req = Request::from_parts(parts.clone(), body);
        let body = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let question: Result<Q, String> = json_object(&parts.headers, &body);
        let about = question.as_ref().ok().and_then(AboutUser::user);
        let take = || readers::get(&state.db.readers);
        let (caller, conn, beside) = read_with(&mut parts, state, about, KeyRead::Together, take)
            .await
            .map_err(IntoResponse::into_response)?;
        let now = state.clock.now();
        let asker = Asker {
            seen: Seen::for_one(&caller, now, beside),
            caller,
            conn,
            now,
        };
        Ok(Self { question, asker })
    }
}
