//! The ✓ / – matrix of one template: org permissions by org role, then
//! project permissions by project role.

use enumset_iter::{org_permissions, project_permissions};
use leptos::prelude::*;
use permissions::Template;

/// Both tables of a template.
#[component]
pub fn PermissionTable(template: &'static Template) -> impl IntoView {
    let org_roles: Vec<String> = template
        .org_roles
        .iter()
        .map(|r| r.name.to_string())
        .collect();
    let org_rows = org_permissions()
        .map(|p| {
            let cells = template
                .org_roles
                .iter()
                .map(|r| (r.name.to_string(), r.org.contains(p)))
                .collect();
            (p.label(), cells)
        })
        .collect();
    let project_roles: Vec<String> = template
        .project_roles
        .iter()
        .map(|r| r.name.to_string())
        .collect();
    let project_rows = project_permissions()
        .map(|p| {
            let cells = template
                .project_roles
                .iter()
                .map(|r| (r.name.to_string(), r.permissions.contains(p)))
                .collect();
            (p.label(), cells)
        })
        .collect();
    view! {
        <Matrix id="org-permissions" caption="Organization permissions by role" roles=org_roles rows=org_rows/>
        <Matrix id="project-permissions" caption="Project permissions by project role" roles=project_roles rows=project_rows/>
        <p class="note">
            "Owner and org roles with project permissions hold them on every project; a project's owner is its Manager."
        </p>
    }
}

type Row = (&'static str, Vec<(String, bool)>);

#[component]
fn Matrix(
    id: &'static str,
    caption: &'static str,
    roles: Vec<String>,
    rows: Vec<Row>,
) -> impl IntoView {
    view! {
        // Focusable, so the keyboard can scroll it on a phone.
        <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
            <table id=id class="matrix">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Permission"</th>
                        {roles.into_iter().map(|r| view! { <th scope="col">{r}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(label, cells)| {
                            view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    {cells
                                        .into_iter()
                                        .map(|(role, allowed)| {
                                            let word = if allowed { "allowed" } else { "forbidden" };
                                            view! {
                                                <td
                                                    class=word
                                                    data-role=role.clone()
                                                    aria-label=format!("{role}: {label} {word}")
                                                >
                                                    {if allowed { "✓" } else { "–" }}
                                                </td>
                                            }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Iteration over every permission, in declaration order.
mod enumset_iter {
    use permissions::{OrgPermission, OrgPermissions, ProjectPermission, ProjectPermissions};

    pub fn org_permissions() -> impl Iterator<Item = OrgPermission> {
        OrgPermissions::all().iter()
    }

    pub fn project_permissions() -> impl Iterator<Item = ProjectPermission> {
        ProjectPermissions::all().iter()
    }
}
