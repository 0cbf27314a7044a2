//! The national email addresses later stages send to: the National Panel, Ofsted and the
//! DfE. Every member reads them; the business office changes them.
use crate::api;
use crate::components::{share, BackLink, ErrorSummary, Load, Loading, Shared, SummaryList, SummaryRow, TextInput};
use crate::form::bind::{put, text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::settings::FrameworkAddresses;

#[component]
pub fn AddressesPage() -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let office = super::is_office(session);
    let form = RwSignal::new(FrameworkAddresses::default());
    let loaded = RwSignal::new(Load::<Shared>::Loading);
    let done = RwSignal::new(false);
    spawn_local(async move {
        let answer = api::addresses(session).await;
        let _ = loaded.try_set(match answer {
            Ok(a) => {
                form.set(a);
                Load::Loaded(share(()))
            }
            Err(why) => Load::Failed(why),
        });
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let body = form.get_untracked();
        if !state.ready(body.problems()) {
            return;
        }
        state.send(async move { api::set_addresses(session, &body).await }, move |saved| {
            form.set(saved);
            done.set(true);
        });
    };
    let render = move |_: ()| {
        if !office {
            let a = form.get_untracked();
            return view! {
                <SummaryList id="addresses".to_string() rows=vec![
                    SummaryRow::new("National Panel", a.national_panel),
                    SummaryRow::new("Ofsted", a.ofsted),
                    SummaryRow::new("Department for Education", a.dfe),
                ] />
            }
            .into_any();
        }
        view! {
            <form novalidate on:submit=on_submit>
                <TextInput id="national_panel" label="The Child Safeguarding Practice Review Panel" input_type="email"
                    hint="Rapid Review reports and final reports go here"
                    value=text(form, |f| &f.national_panel) on_input=put(form, |f| &mut f.national_panel) errors=state.errors />
                <TextInput id="ofsted" label="Ofsted" input_type="email"
                    hint="Serious Incident Notifications go here"
                    value=text(form, |f| &f.ofsted) on_input=put(form, |f| &mut f.ofsted) errors=state.errors />
                <TextInput id="dfe" label="Department for Education (DfE)" input_type="email"
                    hint="Final reports are copied here"
                    value=text(form, |f| &f.dfe) on_input=put(form, |f| &mut f.dfe) errors=state.errors />
                <button type="submit" class="govuk-button" id="save-addresses" disabled=move || state.sending.get()>
                    "Save the addresses"
                </button>
            </form>
        }
        .into_any()
    };
    view! {
        <BackLink href=Route::Settings.href() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                {move || done.get().then(|| super::success("addresses-done", "The addresses were saved.".to_string()))}
                <PageHeading text="National email addresses" />
                <Loading state=loaded render=render />
            </div>
        </div>
    }
}
