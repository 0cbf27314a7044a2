//! The business office's outbox: every message sent for the partnership, newest first, with
//! its state, tries and times (never its body).
use crate::api;
use crate::components::{share, BackLink, Load, Loading, Shared};
use crate::pages::PageHeading;
use crate::router::Route;
use crate::session::Session;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::mail::{OutboxEntry, OutboxState};

fn time(t: DateTime<Utc>) -> String {
    t.format("%-d %b %Y %H:%M UTC").to_string()
}

fn state_class(state: OutboxState) -> &'static str {
    match state {
        OutboxState::Queued => "govuk-tag govuk-tag--blue",
        OutboxState::Sending => "govuk-tag govuk-tag--purple",
        OutboxState::Sent => "govuk-tag govuk-tag--green",
        OutboxState::Failed => "govuk-tag govuk-tag--red",
    }
}

/// What the last column says: when it was sent, when it is tried next, or why it failed.
fn progress(m: &OutboxEntry) -> String {
    match (m.state, m.sent_at, m.next_attempt_at, m.last_error.as_deref()) {
        (OutboxState::Sent, Some(at), _, _) => format!("Sent {}", time(at)),
        (OutboxState::Failed, _, _, why) => format!("Given up ({})", why.unwrap_or("error")),
        (_, _, Some(next), Some(why)) => format!("Next try {} (last: {why})", time(next)),
        (_, _, Some(next), None) => format!("Due {}", time(next)),
        _ => String::new(),
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let session = Session::expect();
    let state = RwSignal::new(Load::<Shared>::Loading);
    spawn_local(async move {
        state.set(match api::outbox(session).await {
            Ok(list) => Load::Loaded(share(list)),
            Err(why) => Load::Failed(why),
        });
    });
    let render = |list: Vec<OutboxEntry>| {
        if list.is_empty() {
            return view! { <p class="govuk-body" id="no-mail">"No messages have been sent yet."</p> }.into_any();
        }
        let rows = list
            .into_iter()
            .map(|m| {
                let progress = progress(&m);
                view! {
                    <tr class="govuk-table__row" data-state=m.state.as_str()>
                        <td class="govuk-table__cell">{time(m.created_at)}</td>
                        <td class="govuk-table__cell app-wrap">{m.recipient}</td>
                        <td class="govuk-table__cell">{m.subject}</td>
                        <td class="govuk-table__cell"><strong class=state_class(m.state)>{m.state.label()}</strong></td>
                        <td class="govuk-table__cell govuk-table__cell--numeric">{m.attempts}</td>
                        <td class="govuk-table__cell">{progress}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="govuk-table" id="outbox">
                <caption class="govuk-table__caption govuk-table__caption--m">"Messages, newest first"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Queued"</th>
                        <th scope="col" class="govuk-table__header">"To"</th>
                        <th scope="col" class="govuk-table__header">"Subject"</th>
                        <th scope="col" class="govuk-table__header">"State"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Tries"</th>
                        <th scope="col" class="govuk-table__header">"Progress"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <BackLink href=Route::Home.href() />
        <PageHeading text="Outbox" />
        <p class="govuk-body">"Every message CSPR Hub sends for the partnership. Messages hold no names: only a link into CSPR Hub."</p>
        <Loading state=state render=render />
    }
}
