//! The overview report's page: the latest version's text with the comment threads beside it,
//! then the anonymisation check, the sign-off chain, the versions and the Word export.
use super::checks::{Chain, Export, Hits, Versions};
use super::text::ReportText;
use super::threads::{CommentForm, CommentOn, Threads};
use super::{long, Done, Steps};
use crate::components::{BackLink, ErrorSummary, Loading};
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::prelude::*;
use shared::overview::{OverviewAction, OverviewView};
use uuid::Uuid;

#[component]
pub fn OverviewPage(id: Uuid) -> impl IntoView {
    let steps = Steps::new(id);
    let comment = RwSignal::new(CommentForm::default());
    let me = steps.state.session.me().map(|m| m.user.id);
    view! {
        <BackLink href=Route::Review(id).href() text="Back to the review" />
        <ErrorSummary failure=steps.state.failure />
        <Done done=steps.done />
        <Loading state=steps.report render=move |v: OverviewView| {
            let can = |a: OverviewAction| v.allowed_actions.contains(&a);
            let heading = view! { <PageHeading text="Overview report" caption=format!("Case {}", v.reference) /> };
            let edit = can(OverviewAction::SaveDraft).then(|| {
                let text = if v.latest.is_some() { "Write a new version" } else { "Write the first draft" };
                view! { <p class="govuk-body"><a class="govuk-link" id="edit-report" href=Route::OverviewEdit(id).href()>{text}</a></p> }
            });
            let publication = (v.signed_off_version.is_some() || v.submission.is_some()).then(|| view! {
                <p class="govuk-body"><a class="govuk-link" id="publication-link" href=Route::Publication(id).href()>"Submission and publication"</a></p>
            });
            let Some(latest) = v.latest.clone() else {
                return view! {
                    {heading}
                    <p class="govuk-body" id="no-version">"The lead reviewer has not written a draft yet."</p>
                    {edit}
                }
                .into_any();
            };
            let voided = (v.voided > 0).then(|| view! {
                <div class="govuk-warning-text" id="voided">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text">
                        <span class="govuk-visually-hidden">"Warning"</span>
                        {format!(
                            "Version {} was saved after sign-off: {} sign-off(s) of an earlier version no longer stand. The chain starts again on this version.",
                            latest.version, v.voided
                        )}
                    </strong>
                </div>
            });
            let on_select = can(OverviewAction::Comment).then(|| Callback::new(move |s: super::text::Selected| {
                comment.update(|f| {
                    f.section = s.section;
                    f.start = Some(s.start);
                    f.quote = s.quote;
                });
            }));
            let comment_form = can(OverviewAction::Comment).then(|| view! { <CommentOn view=v.clone() steps=steps form=comment /> });
            view! {
                {heading}
                <p class="govuk-body" id="version-line">{format!("Version {}, saved by {} on {}.", latest.version, latest.saved_by, long(latest.saved_on))}</p>
                {edit}
                {publication}
                {voided}
                <div class="govuk-grid-row">
                    <div class="govuk-grid-column-two-thirds">
                        <ReportText sections=latest.sections.clone() threads=v.threads.clone() on_select=on_select />
                    </div>
                    <div class="govuk-grid-column-one-third">
                        {comment_form}
                        <Threads view=v.clone() steps=steps me=me />
                    </div>
                </div>
                <Hits view=v.clone() steps=steps />
                <Chain view=v.clone() steps=steps />
                <Versions view=v.clone() id=id />
                <Export view=v.clone() id=id state=steps.state />
            }
            .into_any()
        } />
    }
}
