//! The signed-in frame: org switcher, tabs (Members, Groups, Projects,
//! Roles, API keys, Audit log, Settings),
//! sign out.

use api::auth::Me;
use api::orgs::{CreateOrg, OrgView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::{Action, OrgPermission, decide, templates};

use crate::api::Client;
use crate::audit::AuditView;
use crate::facts::Facts;
use crate::groups::GroupsView;
use crate::join_offers::JoinOffers;
use crate::keys::KeysView;
use crate::members::MembersView;
use crate::members::actions::viewer;
use crate::projects::ProjectsView;
use crate::roles::RolesView;
use crate::settings::SettingsView;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Members,
    Groups,
    Projects,
    Roles,
    Keys,
    Audit,
    Settings,
}

/// The app for a signed-in user.
#[component]
pub fn Shell(me: Me, on_signed_out: Callback<()>) -> impl IntoView {
    let client = Client::new(me.csrf_token.clone());
    let me_id = me.user.id;
    let orgs = me.orgs.clone();
    let orgs_all = me.orgs.clone();
    let active = RwSignal::new(me.active_org);
    let facts = Facts::new();
    let org = facts.org;
    let tab = RwSignal::new(Tab::Members);
    {
        let client = client.clone();
        Effect::new(move |_| {
            if let Some(id) = active.get() {
                facts.load(client.clone(), id);
            }
        });
    }
    // The tabs are built again only when the org or its template changes;
    // every other fact they read from `facts` as it changes.
    let frame = Memo::new(move |_| {
        org.with(|o| match o {
            None => Frame::Loading,
            Some(Err(e)) => Frame::Error(e.clone()),
            Some(Ok(o)) => match org_template(o) {
                Ok(t) => Frame::Ready(o.id, t),
                Err(e) => Frame::Error(e),
            },
        })
    });
    let viewer = Memo::new(move |_| match frame.get() {
        Frame::Ready(_, t) => facts.current().map(|o| org_viewer(t, &o, me_id)),
        _ => None,
    });
    let switch = {
        let client = client.clone();
        move |ev| {
            let id: i64 = event_target_value(&ev).parse().unwrap_or_default();
            let client = client.clone();
            spawn_local(async move {
                let _ = client.set_active_org(id).await;
            });
            active.set(Some(id));
        }
    };
    let sign_out = {
        let client = client.clone();
        move |_| {
            let client = client.clone();
            spawn_local(async move {
                let _ = client.logout().await;
                on_signed_out.run(());
            });
        }
    };
    let tab_button = move |t: Tab, label: &'static str| {
        view! {
            <button type="button" role="tab" aria-selected=move || (tab.get() == t).to_string() on:click=move |_| tab.set(t)>{label}</button>
        }
    };
    let body_client = client.clone();
    view! {
        <header class="topbar">
            <span class="brand">"Roster"</span>
            {(orgs.len() > 1).then(|| view! {
                <label class="org-switcher">
                    <span class="sr-only">"Organization"</span>
                    <select name="org" on:change=switch.clone()>
                        {orgs.iter().map(|o| view! { <option value=o.id.to_string() selected=Some(o.id) == me.active_org>{o.name.clone()}</option> }).collect_view()}
                    </select>
                </label>
            })}
            {(orgs.len() == 1).then(|| view! { <span class="org-name">{move || facts.current().map(|o| o.name)}</span> })}
            <nav role="tablist" aria-label="Sections">
                {tab_button(Tab::Members, "Members")}
                {move || {
                    // Groups for those who may see members; Projects for all.
                    let groups = org.get().and_then(Result::ok).is_some_and(|o| {
                        org_template(&o).is_ok_and(|t| decide(crate::now(), &org_viewer(t, &o, me_id), &Action::Org(OrgPermission::ViewMembers)).is_allowed())
                    });
                    groups.then(|| tab_button(Tab::Groups, "Groups"))
                }}
                {tab_button(Tab::Projects, "Projects")}
                {tab_button(Tab::Roles, "Roles")}
                // Everyone: one's own keys; "manage API keys" sees all.
                {tab_button(Tab::Keys, "API keys")}
                {move || {
                    let audit = org.get().and_then(Result::ok).is_some_and(|o| {
                        org_template(&o).is_ok_and(|t| decide(crate::now(), &org_viewer(t, &o, me_id), &Action::Org(OrgPermission::ViewAuditLog)).is_allowed())
                    });
                    audit.then(|| tab_button(Tab::Audit, "Audit log"))
                }}
                // Everyone: leaving is there too (R5).
                {tab_button(Tab::Settings, "Settings")}
            </nav>
            <span class="me">{me.user.name.clone()}</span>
            <button type="button" on:click=sign_out>"Sign out"</button>
        </header>
        <main>
            <JoinOffers client=client.clone()/>
            {move || {
                let client = body_client.clone();
                if active.get().is_none() {
                    return view! { <CreateFirstOrg client=client/> }.into_any();
                }
                match frame.get() {
                    Frame::Loading => view! { <p class="loading">"Loading…"</p> }.into_any(),
                    Frame::Error(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                    Frame::Ready(id, template) => {
                        // A tab that judges with the viewer once is built
                        // again when the viewer's role or standing changes.
                        let viewer = move || viewer.get().unwrap_or_else(|| permissions::Actor::active(permissions::UserId(me_id), permissions::Grant::default()));
                        match tab.get() {
                            Tab::Members => {
                                let destinations = other_orgs(&orgs_all, id, me_id);
                                view! { <MembersView client=client facts=facts me=me_id template=template destinations=destinations/> }.into_any()
                            }
                            Tab::Groups => view! { <GroupsView client=client org=id facts=facts viewer=viewer()/> }.into_any(),
                            Tab::Projects => view! { <ProjectsView client=client org=id facts=facts viewer=viewer() template=template/> }.into_any(),
                            Tab::Roles => view! { <RolesView initial=template.key.to_string()/> }.into_any(),
                            Tab::Keys => view! { <KeysView client=client org=id facts=facts viewer=viewer() template=template/> }.into_any(),
                            Tab::Audit => view! { <AuditView client=client org=id facts=facts template=template/> }.into_any(),
                            Tab::Settings => view! { <SettingsView client=client facts=facts viewer=viewer() template=template/> }.into_any(),
                        }
                    }
                }
            }}
        </main>
    }
}

/// What the tab area shows.
#[derive(Clone)]
enum Frame {
    Loading,
    Error(String),
    Ready(i64, &'static permissions::Template),
}

impl PartialEq for Frame {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Loading, Self::Loading) => true,
            (Self::Error(a), Self::Error(b)) => a == b,
            (Self::Ready(a, t), Self::Ready(b, u)) => a == b && t.key == u.key,
            _ => false,
        }
    }
}

/// A signed-in user in no org yet makes one.
#[component]
fn CreateFirstOrg(client: Client) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let client = client.clone();
        spawn_local(async move {
            match client
                .create_org(&CreateOrg {
                    name: name.get_untracked(),
                    template: None,
                    seat_limit: None,
                })
                .await
            {
                Ok(_) => {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                }
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    view! {
        <section class="card">
            <h1>"Create your organization"</h1>
            <form on:submit=submit>
                <label class="stack">"Name"<input name="org_name" required on:input=move |ev| name.set(event_target_value(&ev))/></label>
                <button type="submit" class="primary">"Create"</button>
            </form>
            <p class="error" role="alert">{move || error.get()}</p>
        </section>
    }
}

/// The viewer's other orgs as R14 destinations.
fn other_orgs(
    orgs: &[api::auth::OrgSummary],
    here: i64,
    me: i64,
) -> Vec<crate::members::actions::Destination> {
    orgs.iter()
        .filter(|o| o.id != here)
        // An org whose template this page does not know offers nothing.
        .filter_map(|o| Some((o, templates::by_key(&o.template)?)))
        .map(|(o, t)| {
            let owner = t.org_role(&o.role).is_some_and(|r| r.owner);
            crate::members::actions::Destination {
                org_id: o.id,
                name: o.name.clone(),
                template: t,
                viewer: viewer(
                    t,
                    me,
                    &o.role,
                    owner,
                    o.status == ::api::MemberStatus::Suspended,
                ),
            }
        })
        .collect()
}

/// The org's role template. One this build does not know is an error the
/// page shows, never a reason to judge with another template's powers.
fn org_template(o: &OrgView) -> Result<&'static permissions::Template, String> {
    templates::by_key(&o.template).ok_or_else(|| {
        format!(
            "This organization uses the role template \"{}\", which this page does not know: reload it.",
            o.template
        )
    })
}

/// The viewer in `o` as decision facts, with their own standing (R9).
fn org_viewer(t: &permissions::Template, o: &OrgView, me: i64) -> permissions::Actor {
    let suspended = o.my_status == ::api::MemberStatus::Suspended;
    viewer(t, me, &o.my_role, o.owner_id == me, suspended)
}
