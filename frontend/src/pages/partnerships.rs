//! Switch partnership: for people who belong to several (an Independent Scrutineer, say).
//! Switching asks the server for tokens for the other partnership.
use super::PageHeading;
use crate::api::{self, ApiFailure};
use crate::components::{BackLink, ErrorSummary};
use crate::router::{Route, Router};
use crate::session::{Session, SignedIn};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Partnerships() -> impl IntoView {
    let session = Session::expect();
    let router = Router::get();
    let failure = RwSignal::new(None::<ApiFailure>);
    let pending = RwSignal::new(false);
    let me = session.me();
    let current = me.as_ref().map(|m| m.tenant.name.clone()).unwrap_or_default();
    let others = me.map(|m| m.other_tenants).unwrap_or_default();
    let switch = move |slug: String| {
        if pending.get_untracked() {
            return;
        }
        let Some(token) = session.access_token() else { return };
        pending.set(true);
        failure.set(None);
        spawn_local(async move {
            let outcome = async {
                let tokens = api::switch(&token, &slug).await?;
                let me = api::me(&tokens.access_token).await?;
                Ok::<_, ApiFailure>(SignedIn::new(tokens, me))
            }
            .await;
            pending.set(false);
            match outcome {
                Ok(signed_in) => {
                    router.go(Route::Home);
                    session.sign_in(signed_in);
                }
                Err(why) => failure.set(Some(why)),
            }
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
