//! R10: a member who owns projects is suspended or removed only with a new
//! owner for them, chosen here (searched on the server, so anyone in the
//! org can be found) and applied in the same step. Only people the crate
//! would accept as heir are offered.

use api::members::MemberView;
use leptos::prelude::*;
use permissions::facts::{Handover, Heir};
use permissions::{Template, rules};

use super::actions::target;
use super::dialog::Dialog;
use crate::now;
use crate::people_picker::{FindPeople, PeoplePicker};

/// Whether `heir` may take over `member`'s projects (R10).
pub fn may_inherit(t: &Template, member: &MemberView, heir: &MemberView) -> bool {
    let handover = Handover {
        owned: 1,
        heir: Heir::Member(target(t, heir)),
    };
    rules::r10_handover(&target(t, member), &handover, now()).is_ok()
}

/// Choose who takes over.
#[component]
pub fn ReassignDialog(
    member: MemberView,
    #[prop(into)] action: String,
    reason: String,
    template: &'static Template,
    /// Where to search for the heir.
    find: FindPeople,
    on_submit: Callback<i64>,
    on_close: Callback<()>,
) -> impl IntoView {
    let pick = RwSignal::new(None::<(i64, String)>);
    let leaving = member.clone();
    let eligible = Callback::new(move |heir: MemberView| may_inherit(template, &leaving, &heir));
    view! {
        <Dialog title=format!("{action} {}", member.name) on_close=on_close>
            <p>{reason}</p>
            <form on:submit=move |ev| {
                ev.prevent_default();
                if let Some((heir, _)) = pick.get_untracked() {
                    on_submit.run(heir);
                }
            }>
                <PeoplePicker find=find label="New owner of their projects" name="heir" chosen=pick
                    status=::api::MemberStatus::Active exclude=vec![member.user_id] eligible=eligible/>
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="danger" disabled=move || pick.with(Option::is_none)>{format!("Hand over and {}", action.to_lowercase())}</button>
                </div>
            </form>
        </Dialog>
    }
}
