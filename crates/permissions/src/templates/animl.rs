//! Seed 003 (Animl): the default org roles with Animl's three project
//! levels, Observer, Member and Manager.

use super::default::default_template;
use super::{project, project_role};
use crate::permission::{ProjectPermission as P, ProjectPermissions};
use crate::role::Template;

pub(super) fn template() -> Template {
    let mut t = default_template();
    t.key = "animl".into();
    t.name = "Animl".into();
    t.project_roles = vec![
        // Level 3: cameras, pipelines and alerts, all images, labels, views,
        // users and their roles, uploads.
        project_role(
            "manager",
            "Project Manager",
            "Registers cameras, configures pipelines and alerts, manages users and labels",
            ProjectPermissions::all(),
        ),
        // Level 2: "review and edit image Labels and can create Views";
        // not pipelines, deployments or cameras.
        project_role(
            "member",
            "Project Member",
            "Reviews and edits labels and creates views",
            project(&[P::ViewProject, P::Review, P::EditLabels, P::ManageViews]),
        ),
        // Level 1: read-only.
        project_role(
            "observer",
            "Project Observer",
            "Read-only: views reviewed, validated data",
            project(&[P::ViewProject]),
        ),
    ];
    t
}
