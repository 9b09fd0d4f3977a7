//! Which project controls a viewer gets, asked of the permissions crate
//! with the facts the server sent for each project (`ProjectView::access`):
//! the same question, the same answer, as the server's check.

use permissions::{
    Action, Actor, ProjectAccess, ProjectPermission, ProjectRole, TaskMode, Template, decide,
};

use crate::members::actions::Availability;
use crate::now;

/// A control that needs one project permission (R1, R12).
pub fn project_control(
    viewer: &Actor,
    access: ProjectAccess,
    permission: ProjectPermission,
) -> Availability {
    Availability::of(decide(
        now(),
        viewer,
        &Action::Project { permission, access },
    ))
}

/// The project roles the viewer may give in this project (R2 over project
/// permissions); empty when they may not manage its members at all.
pub fn grantable_project_roles<'t>(
    t: &'t Template,
    viewer: &Actor,
    access: ProjectAccess,
) -> Vec<&'t ProjectRole> {
    t.project_roles
        .iter()
        .filter(|r| {
            decide(
                now(),
                viewer,
                &Action::GrantProjectRole {
                    role: r.permissions,
                    access,
                },
            )
            .is_allowed()
        })
        .collect()
}

/// Assigning a group to a task: needs "manage tasks", and a pull task
/// (R12: groups cannot be assigned to distribution tasks).
pub fn assign_group(viewer: &Actor, access: ProjectAccess, mode: TaskMode) -> Availability {
    Availability::of(decide(
        now(),
        viewer,
        &Action::AssignGroupToTask { mode, access },
    ))
}
