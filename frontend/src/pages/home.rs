//! The first view after sign-in: who is signed in, to which partnership, with which roles.
use crate::session::Session;
use leptos::html::H1;
use leptos::prelude::*;
use shared::auth::MeResponse;

#[component]
pub fn Home(me: MeResponse) -> impl IntoView {
    let session = Session::expect();
    let heading = NodeRef::<H1>::new();
    // The view replaced the sign-in form: tell assistive technology where the person is now.
    heading.on_load(|h1| {
        let _ = h1.focus();
    });

    let roles = if me.roles.is_empty() {
        view! { <p id="signed-in-roles">"You have no roles in this partnership."</p> }.into_any()
    } else {
        let items = me.roles.iter().map(|role| view! { <li>{role.label()}</li> }).collect_view();
        view! { <ul id="signed-in-roles" class="list">{items}</ul> }.into_any()
    };
    let agency = me.agency.as_ref().map(|agency| {
        view! {
            <p>"Agency: " <span id="signed-in-agency">{agency.name.clone()}</span></p>
        }
    });

    view! {
        <h1 tabindex="-1" node_ref=heading>"CSPR Hub"</h1>
        <p>
            "Signed in as "
            <strong id="signed-in-user">{me.user.name.clone()}</strong>
            " (" {me.user.email.clone()} ")"
        </p>
        <p>"Partnership: " <strong id="signed-in-tenant">{me.tenant.name.clone()}</strong></p>
        {agency}
        <h2>"Your roles"</h2>
        {roles}
        <button class="button button--secondary" id="sign-out" type="button" on:click=move |_| session.sign_out()>
            "Sign out"
        </button>
    }
}
