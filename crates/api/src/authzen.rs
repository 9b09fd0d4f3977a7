//! Asking Roster "may this subject do this action on this resource?", in
//! the shapes of the OpenID AuthZEN Authorization API 1.0: the same body
//! at `POST /api/v1/authorize` and `POST /access/v1/evaluation`, a batch at
//! `POST /access/v1/evaluations`.

use serde::{Deserialize, Serialize};

/// A JSON object (AuthZEN's `properties`, `context`, `options`): anything
/// else in their place is a malformed request.
pub type Object = serde_json::Map<String, serde_json::Value>;

/// A subject (`user`) or resource (`org`, `project`) by type and id.
/// Caller-supplied `properties` are read and ignored: Roster's own data
/// decides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entity {
    /// `user` for a subject; `org` or `project` for a resource.
    #[serde(rename = "type")]
    pub kind: String,
    /// The id, as a string (AuthZEN's convention): `"42"`.
    pub id: String,
    /// Ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub properties: Option<Object>,
}

/// The action by its dotted name (`members.invite`, `project.label`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionName {
    /// The dotted name.
    pub name: String,
    /// Ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub properties: Option<Object>,
}

/// One question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evaluation {
    /// Who would act.
    pub subject: Entity,
    /// What they would do.
    pub action: ActionName,
    /// On what.
    pub resource: Entity,
    /// Ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub context: Option<Object>,
}

/// A batch item: what it leaves out comes from the request's top level.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartialEvaluation {
    /// Who would act.
    #[serde(default)]
    pub subject: Option<Entity>,
    /// What they would do.
    #[serde(default)]
    pub action: Option<ActionName>,
    /// On what.
    #[serde(default)]
    pub resource: Option<Entity>,
    /// Ignored.
    #[serde(default)]
    pub context: Option<Object>,
}

impl PartialEvaluation {
    /// This item with the request's defaults filled in, or which part is
    /// missing.
    pub fn complete(&self, defaults: &Self) -> Result<Evaluation, &'static str> {
        Ok(Evaluation {
            subject: self
                .subject
                .clone()
                .or_else(|| defaults.subject.clone())
                .ok_or("subject")?,
            action: self
                .action
                .clone()
                .or_else(|| defaults.action.clone())
                .ok_or("action")?,
            resource: self
                .resource
                .clone()
                .or_else(|| defaults.resource.clone())
                .ok_or("resource")?,
            context: None,
        })
    }
}

/// `POST /access/v1/evaluations`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluations {
    /// Defaults for every item.
    #[serde(flatten)]
    pub defaults: PartialEvaluation,
    /// The questions, answered in this order; none means the top level is
    /// the one question.
    #[serde(default)]
    pub evaluations: Option<Vec<PartialEvaluation>>,
    /// `{"evaluations_semantic": "execute_all" | "deny_on_first_deny" |
    /// "permit_on_first_permit"}`.
    #[serde(default)]
    pub options: Option<Object>,
}

/// Why, beside a decision: for a denial the rule, a stable code and the
/// very sentence the server's 403 and the page's disabled button say; for
/// an allowed action the rules that decided.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Why {
    /// The rule that denied (`R18`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// A stable code (`forbidden`, `not_found`, `unknown_action`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The rules that allowed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<Vec<String>>,
}

/// The answer to one question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    /// Allowed or not.
    pub decision: bool,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Why>,
}

/// The answers to a batch, in its order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationsAnswer {
    /// One per question asked (fewer when a short-circuit semantic
    /// stopped early).
    pub evaluations: Vec<Decision>,
}

/// `POST /access/v1/search/action`: what may `subject` do on `resource`?
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionSearch {
    /// Who.
    pub subject: Entity,
    /// On what.
    pub resource: Entity,
    /// Ignored.
    #[serde(default)]
    pub context: Option<Object>,
}

/// `POST /access/v1/search/resource`: which projects may `subject` do
/// `action` on? Paged by `page.token` (the last page's `next_token`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceSearch {
    /// Who.
    pub subject: Entity,
    /// What (a project action).
    pub action: ActionName,
    /// `{"type": "project"}`; an id, if given, is ignored.
    pub resource: ResourceKind,
    /// `{"token": "...", "limit": n}`.
    #[serde(default)]
    pub page: Option<Page>,
}

/// A resource named by type alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceKind {
    /// `project`.
    #[serde(rename = "type")]
    pub kind: String,
}

/// Where a page starts and how long it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// The previous page's `next_token`.
    #[serde(default)]
    pub token: Option<String>,
    /// At most this many results (1–1000, default 100).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// `POST /access/v1/search/subject`: who may do `action` on `resource`?
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectSearch {
    /// `{"type": "user"}`.
    pub subject: ResourceKind,
    /// What.
    pub action: ActionName,
    /// On what (an org or a project).
    pub resource: Entity,
    /// `{"token": "...", "limit": n}`.
    #[serde(default)]
    pub page: Option<Page>,
}
