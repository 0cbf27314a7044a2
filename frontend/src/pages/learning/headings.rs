//! The partnership's six headings for new learning briefings (the business office).
use crate::api::{self, ApiFailure};
use crate::components::{share, BackLink, ErrorSummary, Load, Loading, Shared, TextInput};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use gloo_net::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::learning::briefing::check_headings;
use shared::learning::BriefingHeadings;

#[component]
pub fn BriefingHeadingsPage() -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let headings: Vec<RwSignal<String>> = (0..6).map(|_| RwSignal::new(String::new())).collect();
    let loaded = RwSignal::new(Load::<Shared>::Loading);
    let done = RwSignal::new(false);
    let take = {
        let headings = headings.clone();
        move |h: BriefingHeadings| {
            for (signal, text) in headings.iter().zip(h.headings) {
                signal.set(text);
            }
        }
    };
    {
        let take = take.clone();
        spawn_local(async move {
            let answer: Result<BriefingHeadings, ApiFailure> = api::read(session, "briefing-headings").await;
            let _ = loaded.try_set(match answer {
                Ok(h) => {
                    take(h);
                    Load::Loaded(share(()))
                }
                Err(why) => Load::Failed(why),
            });
        });
    }
    let on_submit = {
        let headings = headings.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            done.set(false);
            let body = BriefingHeadings { headings: headings.iter().map(|h| h.get_untracked()).collect() };
            if !state.ready(check_headings(&body)) {
                return;
            }
            let take = take.clone();
            state.send(
                async move { api::write(session, Method::PUT, "briefing-headings", &body, None).await },
                move |h| {
                    take(h);
                    done.set(true);
                },
            );
        }
    };
    let render = move |_: ()| {
        let boxes = headings
            .iter()
            .copied()
            .enumerate()
            .map(|(i, h)| {
                view! {
                    <TextInput id=format!("headings[{i}]") label=format!("Step {}", i + 1) value=h
                        on_input=Callback::new(move |v| h.set(v)) errors=state.errors />
                }
            })
            .collect_view();
        view! {
            <form novalidate id="briefing-headings" on:submit=on_submit.clone()>
                {boxes}
                <button type="submit" class="govuk-button" id="save-briefing-headings" disabled=move || state.sending.get()>"Save the headings"</button>
            </form>
        }
    };
    view! {
        <BackLink href=Route::Settings.href() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                {move || done.get().then(|| crate::pages::partnership::success("briefing-headings-done", "The headings were saved.".to_string()))}
                <PageHeading text="Learning briefing headings" />
                <p class="govuk-body">"A new briefing's six steps take these headings. Briefings written already keep theirs."</p>
                <Loading state=loaded render=render />
            </div>
        </div>
    }
}
