//! The referral's task list: every section with its status, then "check and submit".
use super::load::{caption, load_referral};
use crate::clock::today;
use crate::components::{BackLink, Loading, StageTag};
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::prelude::*;
use shared::referral::journey::{sections_completed, Section, SectionStatus};
use shared::referral::{validate_for_submission, ReferralAction, ReferralView};
use uuid::Uuid;

/// The sections under their group headings.
const GROUPS: [(&str, &[Section]); 3] = [
    ("About the request", &[Section::Referrer, Section::ReviewType]),
    (
        "About the child and the incident",
        &[Section::Child, Section::Family, Section::Background, Section::OtherAgencies, Section::Chronology],
    ),
    ("Learning", &[Section::AreasOfLearning, Section::Themes]),
];

#[component]
pub fn TaskList(id: Uuid) -> impl IntoView {
    let state = load_referral(id, |_| {});
    view! {
        <BackLink href=Route::Home.href() text="Back to home" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <PageHeading text="Request a review" caption=caption(id) />
                <Loading state=state render=move |view: ReferralView| tasks(id, view) />
            </div>
        </div>
    }
}

fn tasks(id: Uuid, view: ReferralView) -> AnyView {
    if !view.allowed_actions.contains(&ReferralAction::Edit) {
        return view! {
            <p class="govuk-body" id="not-editable">"This referral has been sent and can no longer be changed."</p>
            <p class="govuk-body"><a class="govuk-link" href=Route::Referral(id).href()>"View the referral"</a></p>
        }
        .into_any();
    }
    let today = today();
    let errors = validate_for_submission(&view.form, today);
    let (done, total) = sections_completed(&view.form, today);
    let returned_by = if view.stage == shared::referral::ReferralStage::ReturnedByManager {
        "Returned by your manager: "
    } else {
        "Returned by the business office: "
    };
    let returned = view.return_reason.clone().map(|reason| {
        view! {
            <div class="govuk-inset-text" id="return-reason">
                <p class="govuk-body"><strong>{returned_by}</strong>{reason}</p>
            </div>
        }
    });
    let groups = GROUPS
        .iter()
        .map(|(heading, sections)| {
            let items = sections
                .iter()
                .map(|section| {
                    let status = section.status(&view.form, &errors);
                    let status_id = format!("{}-status", section.as_str());
                    let status_view = match status {
                        SectionStatus::Completed => view! { {status.label()} }.into_any(),
                        SectionStatus::InProgress => {
                            view! { <strong class="govuk-tag govuk-tag--light-blue">{status.label()}</strong> }
                                .into_any()
                        }
                        SectionStatus::NotStarted => {
                            view! { <strong class="govuk-tag govuk-tag--blue">{status.label()}</strong> }.into_any()
                        }
                    };
                    view! {
                        <li class="govuk-task-list__item govuk-task-list__item--with-link">
                            <div class="govuk-task-list__name-and-hint">
                                <a class="govuk-link govuk-task-list__link" id=format!("task-{}", section.as_str())
                                    href=Route::Section(id, *section).href() aria-describedby=status_id.clone()>
                                    {section.title()}
                                </a>
                            </div>
                            <div class="govuk-task-list__status" id=status_id>{status_view}</div>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h2 class="govuk-heading-m">{*heading}</h2>
                <ul class="govuk-task-list">{items}</ul>
            }
        })
        .collect_view();
    view! {
        <p class="govuk-body"><StageTag stage=view.stage /></p>
        {returned}
        <p class="govuk-body" id="sections-completed">{format!("You have completed {done} of {total} sections.")}</p>
        <p class="govuk-body">"Your answers are saved as a draft each time you save a section, so you can come back later."</p>
        {groups}
        <h2 class="govuk-heading-m">"Check and send for sign-off"</h2>
        <ul class="govuk-task-list">
            <li class="govuk-task-list__item govuk-task-list__item--with-link">
                <div class="govuk-task-list__name-and-hint">
                    <a class="govuk-link govuk-task-list__link" id="task-check" href=Route::CheckAnswers(id).href()>
                        "Check your answers and send for sign-off"
                    </a>
                </div>
            </li>
        </ul>
    }
    .into_any()
}
