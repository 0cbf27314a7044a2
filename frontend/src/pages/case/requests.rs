//! An agency author's information requests: those sent to their agency, with the due date and
//! where each stands.
use crate::api;
use crate::components::{share, ClockTag, Load, Loading, Shared};
use crate::pages::PageHeading;
use crate::router::Route;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::case::journey::{days_left_text, request_status_label};
use shared::case::InformationRequestView;
use shared::referral::journey::long_date;

#[component]
pub fn RequestsPage() -> impl IntoView {
    let session = Session::expect();
    let agency = session.me().and_then(|m| m.agency).map(|a| a.name).unwrap_or_default();
    let state = RwSignal::new(Load::<Shared>::Loading);
    spawn_local(async move {
        state.set(match api::information_requests(session).await {
            Ok(list) => Load::Loaded(share(list)),
            Err(why) => Load::Failed(why),
        });
    });
    let render = |list: Vec<InformationRequestView>| {
        if list.is_empty() {
            return view! { <p class="govuk-body" id="no-requests">"Your agency has not been asked for information."</p> }
                .into_any();
        }
        let rows = list
            .into_iter()
            .map(|r| {
                view! {
                    <tr class="govuk-table__row">
                        <td class="govuk-table__cell">
                            <a class="govuk-link" href=Route::Request(r.id).href() data-case=r.case_reference.clone()>
                                {format!("Case {}", r.case_reference)}
                            </a>
                        </td>
                        <td class="govuk-table__cell">{long_date(r.sent_on)}</td>
                        <td class="govuk-table__cell">{long_date(r.due_on)}</td>
                        <td class="govuk-table__cell">{request_status_label(r.status)}</td>
                        <td class="govuk-table__cell">{days_left_text(r.clock_status, r.working_days_left)}</td>
                        <td class="govuk-table__cell"><ClockTag status=r.clock_status /></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="govuk-table" id="requests">
                <caption class="govuk-table__caption govuk-visually-hidden">"Information requests"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Case"</th>
                        <th scope="col" class="govuk-table__header">"Sent"</th>
                        <th scope="col" class="govuk-table__header">"Due"</th>
                        <th scope="col" class="govuk-table__header">"Answer"</th>
                        <th scope="col" class="govuk-table__header">"Working days"</th>
                        <th scope="col" class="govuk-table__header">"Status"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <PageHeading text="Information requests" caption=agency />
        <p class="govuk-body">"Each request asks your agency for Additional Information for a Rapid Review. Answer within 7 working days of the date it was sent."</p>
        <Loading state=state render=render />
    }
}
