//! The partnership's 6-step learning briefings and one briefing: written by the office or a
//! reviewer, checked for anything that identifies the child or family, approved (and so
//! published) by a strategic lead, then read, printed or downloaded by every member.
use crate::api::{self, ApiFailure};
use crate::components::{share, BackLink, ErrorSummary, Load, Loading, Shared, Textarea};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use crate::session::Session;
use gloo_net::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::learning::briefing::{approve, check_texts, submit, BriefingRefused, BRIEFING_APPROVERS, BRIEFING_WRITERS};
use shared::learning::{BriefingApproval, BriefingForm, BriefingStatus, BriefingSummary, BriefingView};
use shared::overview::document::paragraphs;
use shared::referral::journey::long_date;
use uuid::Uuid;

#[component]
pub fn BriefingsPage() -> impl IntoView {
    let session = Session::expect();
    let loaded = RwSignal::new(Load::<Shared>::Loading);
    spawn_local(async move {
        let answer: Result<Vec<BriefingSummary>, ApiFailure> = api::read(session, "briefings").await;
        let _ = loaded.try_set(match answer {
            Ok(list) => Load::Loaded(share(list)),
            Err(why) => Load::Failed(why),
        });
    });
    let render = |list: Vec<BriefingSummary>| {
        if list.is_empty() {
            return view! { <p class="govuk-body" id="briefings">"No briefings yet."</p> }.into_any();
        }
        let rows = list
            .into_iter()
            .map(|b| {
                view! {
                    <tr class="govuk-table__row">
                        <td class="govuk-table__cell"><a class="govuk-link" href=Route::Briefing(b.id).href()>{format!("Case {}", b.reference)}</a></td>
                        <td class="govuk-table__cell">{b.occasion.label()}</td>
                        <td class="govuk-table__cell">{b.status.label()}</td>
                        <td class="govuk-table__cell">{b.published_on.map(long_date).unwrap_or_default()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="govuk-table" id="briefings">
                <caption class="govuk-table__caption govuk-table__caption--m">"Briefings, newest first"</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Case"</th>
                    <th scope="col" class="govuk-table__header">"Learning from"</th>
                    <th scope="col" class="govuk-table__header">"Status"</th>
                    <th scope="col" class="govuk-table__header">"Published"</th>
                </tr></thead>
                <tbody class="govuk-table__body">{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <PageHeading text="Learning briefings" />
        <p class="govuk-body">"Each briefing takes 7 minutes to read: the case in brief, what happened, what we learned, what practitioners should do, what agencies changed, and questions for team meetings."</p>
        <Loading state=loaded render=render />
    }
}

#[component]
pub fn BriefingPage(id: Uuid) -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let loaded = RwSignal::new(Load::<Shared>::Loading);
    spawn_local(async move {
        let answer: Result<BriefingView, ApiFailure> = api::read(session, &format!("briefings/{id}")).await;
        let _ = loaded.try_set(match answer {
            Ok(b) => Load::Loaded(share(b)),
            Err(why) => Load::Failed(why),
        });
    });
    view! {
        <div class="app-no-print"><BackLink href=Route::Briefings.href() /></div>
        <ErrorSummary failure=state.failure />
        <Loading state=loaded render={move |b: BriefingView| briefing(b, state, loaded)} />
    }
}

fn refused(r: BriefingRefused) -> Vec<shared::FieldError> {
    match r {
        BriefingRefused::Invalid(e) => e,
        BriefingRefused::Stage(m) => vec![shared::FieldError::new("steps", "invalid_stage", m)],
    }
}

fn briefing(b: BriefingView, state: FormState, loaded: RwSignal<Load<Shared>>) -> AnyView {
    let session = state.session;
    // Read once: the page is drawn for the person who opened it (not again when the session
    // changes, which disposes the page).
    let roles = untrack(|| session.me()).map(|m| m.roles).unwrap_or_default();
    let writer = roles.iter().any(|r| BRIEFING_WRITERS.contains(r));
    let lead = roles.iter().any(|r| BRIEFING_APPROVERS.contains(r));
    let (id, version) = (b.id, b.version);
    let done = move |saved: BriefingView| loaded.set(Load::Loaded(share(saved)));
    let heading = format!("Learning briefing: case {}", b.reference);
    let caption = format!("{} · {}", b.occasion.label(), b.status.label());
    let returned = b.returned_note.clone().map(|n| {
        view! {
            <div class="govuk-inset-text" id="returned-note"><p class="govuk-body">{format!("A lead sent it back: {n}")}</p></div>
        }
    });
    let hits = (!b.hits.is_empty()).then(|| {
        let items = b
            .hits
            .iter()
            .map(|h| view! { <li>{format!("“{}” ({}): …{}…", h.found, h.kind.as_str().replace('_', " "), h.context)}</li> })
            .collect_view();
        view! {
            <div class="govuk-warning-text" id="hits">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <div class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning"</span>
                    {format!("{} thing(s) would identify the child or family. Take them out before it goes to a lead:", b.hits.len())}
                    <ul class="govuk-list govuk-list--bullet">{items}</ul>
                </div>
            </div>
        }
    });
    let body = if b.status == BriefingStatus::Draft && writer {
        let texts: Vec<RwSignal<String>> = b.steps.iter().map(|s| RwSignal::new(s.text.clone())).collect();
        let boxes = b
            .steps
            .iter()
            .zip(texts.iter().copied())
            .enumerate()
            .map(|(i, (s, text))| {
                view! {
                    <Textarea id=format!("texts[{i}]") label=format!("{}. {}", i + 1, s.heading)
                        value=text on_input=Callback::new(move |v| text.set(v)) errors=state.errors rows=4 />
                }
            })
            .collect_view();
        let steps = b.steps.clone();
        let hit_count = b.hits.len();
        let form_of = {
            let texts = texts.clone();
            move || BriefingForm { texts: texts.iter().map(|t| t.get_untracked()).collect() }
        };
        let save = {
            let form_of = form_of.clone();
            move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let form = form_of();
                if !state.ready(check_texts(&form)) {
                    return;
                }
                state.send(async move { api::write(session, Method::PUT, &format!("briefings/{id}"), &form, Some(version)).await }, done);
            }
        };
        let send = move |_| {
            let checked = submit(BriefingStatus::Draft, &steps, hit_count).err().map(refused).unwrap_or_default();
            if !state.ready(checked) {
                return;
            }
            state.send(
                async move {
                    api::write(
                        session,
                        Method::POST,
                        &format!("briefings/{id}/submit"),
                        &serde_json::json!({}),
                        Some(version),
                    )
                    .await
                },
                done,
            );
        };
        view! {
            <form novalidate id="briefing-form" on:submit=save>
                {boxes}
                <div class="govuk-button-group">
                    <button type="submit" class="govuk-button" id="save-briefing" disabled=move || state.sending.get()>"Save and check"</button>
                    <button type="button" class="govuk-button govuk-button--secondary" id="send-briefing" on:click=send disabled=move || state.sending.get()>"Send the saved briefing to a strategic lead"</button>
                </div>
            </form>
        }
        .into_any()
    } else {
        let steps = b
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let paras = paragraphs(&s.text)
                    .into_iter()
                    .map(|p| view! { <p class="govuk-body">{p.text.trim().to_string()}</p> })
                    .collect_view();
                view! {
                    <section class="app-briefing__step" aria-labelledby=format!("step-{i}")>
                        <h2 class="govuk-heading-m" id=format!("step-{i}")>{format!("{}. {}", i + 1, s.heading)}</h2>
                        {paras}
                    </section>
                }
            })
            .collect_view();
        let note = RwSignal::new(String::new());
        let approval = (b.status == BriefingStatus::AwaitingApproval && lead).then(|| {
            let answer = move |yes: bool| {
                let body = BriefingApproval { approve: yes, note: note.get_untracked() };
                let checked = approve(BriefingStatus::AwaitingApproval, &body).err().map(refused).unwrap_or_default();
                if !state.ready(checked.into_iter().map(|mut e| { e.field = "note".into(); e }).collect()) {
                    return;
                }
                state.send(async move { api::write(session, Method::POST, &format!("briefings/{id}/approval"), &body, Some(version)).await }, done);
            };
            view! {
                <div class="app-no-print" id="approval">
                    <h2 class="govuk-heading-m">"Approve the briefing"</h2>
                    <p class="govuk-body">"Approving publishes it to the partnership's members: each is sent a message."</p>
                    <button type="button" class="govuk-button" id="approve" disabled=move || state.sending.get() on:click=move |_| answer(true)>"Approve and publish"</button>
                    <Textarea id="note" label="Or: what to change" value=note on_input=Callback::new(move |v| note.set(v)) errors=state.errors rows=3 />
                    <button type="button" class="govuk-button govuk-button--secondary" id="send-back" disabled=move || state.sending.get() on:click=move |_| answer(false)>"Send it back"</button>
                </div>
            }
        });
        let download = move |_| {
            state.send(api::docx_at(session, format!("briefings/{id}/docx")), move |bytes: Vec<u8>| {
                crate::pages::overview::checks::save_as(&bytes, &format!("briefing-{id}.docx"))
            });
        };
        let published = b.published_on.map(|on| {
            view! { <p class="govuk-body" id="published">{format!("Published {}, approved by {}.", long_date(on), b.approved_by.clone().unwrap_or_default())}</p> }
        });
        view! {
            {published}
            <article class="app-briefing" id="briefing">{steps}</article>
            {approval}
            <div class="govuk-button-group app-no-print">
                <button type="button" class="govuk-button govuk-button--secondary" id="print"
                    on:click=move |_| { let _ = window().print(); }>"Print"</button>
                <button type="button" class="govuk-button govuk-button--secondary" id="download-docx"
                    on:click=download disabled=move || state.sending.get()>"Download (Word)"</button>
            </div>
        }
        .into_any()
    };
    view! {
        <PageHeading text=heading caption=caption />
        {returned}
        {hits}
        {body}
    }
    .into_any()
}
