//! The person's calendar feed: an address their calendar program reads, with the deadlines,
//! meetings, events and actions they are part of (titles name the case's reference and the
//! step, never a child). Made anew or stopped here.
use crate::api::{self, ApiFailure};
use crate::components::{share, ErrorSummary, Load, Loading, Shared};
use crate::form::FormState;
use crate::pages::PageHeading;
use gloo_net::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::learning::feed::FeedStatus;

#[component]
pub fn CalendarFeedPage() -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let loaded = RwSignal::new(Load::<Shared>::Loading);
    spawn_local(async move {
        let answer: Result<FeedStatus, ApiFailure> = api::read(session, "calendar-feed").await;
        let _ = loaded.try_set(match answer {
            Ok(s) => Load::Loaded(share(s)),
            Err(why) => Load::Failed(why),
        });
    });
    let set = move |s: FeedStatus| loaded.set(Load::Loaded(share(s)));
    let make = move |_| {
        state.send(
            async move { api::write(session, Method::POST, "calendar-feed", &serde_json::json!({}), None).await },
            set,
        );
    };
    let stop = move |_| {
        state.send(
            async move { api::write(session, Method::DELETE, "calendar-feed", &serde_json::json!({}), None).await },
            set,
        );
    };
    let render = move |s: FeedStatus| {
        let address = s.url.clone().map(|url| {
            let absolute = format!("{}{}", window().location().origin().unwrap_or_default(), url.find("/api/").map(|i| &url[i..]).unwrap_or(&url));
            view! {
                <div class="govuk-form-group">
                    <label class="govuk-label govuk-label--s" for="feed-url">"Your calendar address (shown this once: copy it into your calendar program)"</label>
                    <input class="govuk-input" id="feed-url" type="text" readonly prop:value=absolute />
                </div>
            }
        });
        let words = if s.active { "Your calendar feed is on." } else { "You have no calendar feed." };
        view! {
            <p class="govuk-body" id="feed-status">{words}</p>
            {address}
            <div class="govuk-button-group">
                <button type="button" class="govuk-button" id="make-feed" on:click=make disabled=move || state.sending.get()>
                    {if s.active { "Make a new address (the old one stops working)" } else { "Make a calendar address" }}
                </button>
                {s.active.then(|| view! {
                    <button type="button" class="govuk-button govuk-button--warning" id="stop-feed" on:click=stop disabled=move || state.sending.get()>"Stop the feed"</button>
                })}
            </div>
        }
    };
    view! {
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text="Calendar feed" />
                <p class="govuk-body">"Your calendar program can show the deadlines, meetings, events and actions you are part of. Anyone with the address can read it: it names cases by their reference and the step, never a child or family. Stop it, or make a new one, if the address is shared by mistake."</p>
                <Loading state=loaded render=render />
            </div>
        </div>
    }
}
