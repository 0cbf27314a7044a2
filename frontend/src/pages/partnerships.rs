//! Switch partnership: for people who belong to several (an Independent Scrutineer, say).
//! Switching asks the server for tokens for the other partnership.
use super::PageHeading;
use crate::components::{BackLink, ErrorSummary};
use crate::form::FormState;
use crate::router::Route;
use crate::session::SignedIn;
use crate::transport;
use leptos::prelude::*;

#[component]
pub fn Partnerships() -> impl IntoView {
    let state = FormState::new();
    let (session, router, failure, pending) = (state.session, state.router, state.failure, state.sending);
    let me = session.me();
    let current = me.as_ref().map(|m| m.tenant.name.clone()).unwrap_or_default();
    let others = me.map(|m| m.other_tenants).unwrap_or_default();
    let switch = move |slug: String| {
        let (Some(token), Some(leaving)) = (session.access_token(), session.refresh_token()) else { return };
        if !state.ready(Vec::new()) {
            return;
        }
        let request = async move {
            let tokens = transport::switch(&token, &slug, &leaving).await?;
            let me = transport::me(&tokens.access_token).await?;
            Ok(SignedIn::new(tokens, me))
        };
        state.send(request, move |signed_in| {
            router.go(Route::Home);
            session.sign_in(signed_in);
        });
    };
    let items = if others.is_empty() {
        view! { <p class="govuk-body">"You belong to no other partnership."</p> }.into_any()
    } else {
        others
            .into_iter()
            .map(|tenant| {
                let slug = tenant.slug.clone();
                view! {
                    <div class="govuk-summary-card">
                        <div class="govuk-summary-card__title-wrapper">
                            <h2 class="govuk-summary-card__title">{tenant.name.clone()}</h2>
                        </div>
                        <div class="govuk-summary-card__content">
                            <button
                                type="button"
                                class="govuk-button govuk-button--secondary"
                                id=format!("switch-to-{}", tenant.slug)
                                disabled=move || pending.get()
                                on:click=move |_| switch(slug.clone())
                            >
                                "Switch to "{tenant.name.clone()}
                            </button>
                        </div>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <BackLink href=Route::Home.href() />
        <ErrorSummary failure=failure />
        <PageHeading text="Switch partnership" />
        <p class="govuk-body">"You are working in " <strong>{current}</strong> "."</p>
        {items}
    }
}
