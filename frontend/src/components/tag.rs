//! Stages and clock statuses as GOV.UK tags, one colour each.
use leptos::prelude::*;
use shared::calendar::ClockStatus;
use shared::case::journey::{status_class, status_label};
use shared::case::CaseStage;
use shared::referral::ReferralStage;

pub fn stage_class(stage: ReferralStage) -> &'static str {
    match stage {
        ReferralStage::Draft => "govuk-tag govuk-tag--grey",
        ReferralStage::AwaitingSignOff => "govuk-tag govuk-tag--yellow",
        ReferralStage::ReturnedByManager => "govuk-tag govuk-tag--orange",
        ReferralStage::Submitted => "govuk-tag govuk-tag--blue",
        ReferralStage::Returned => "govuk-tag govuk-tag--orange",
        ReferralStage::Recommended => "govuk-tag govuk-tag--purple",
        ReferralStage::Decided => "govuk-tag govuk-tag--green",
    }
}

#[component]
pub fn StageTag(stage: ReferralStage) -> impl IntoView {
    view! { <strong class=stage_class(stage) data-stage=stage.as_str()>{stage.label()}</strong> }
}

/// A case's stage as a GOV.UK tag.
#[component]
pub fn CaseStageTag(stage: CaseStage) -> impl IntoView {
    let class = match stage {
        CaseStage::RapidReview => "govuk-tag govuk-tag--blue",
        CaseStage::AwaitingDecision => "govuk-tag govuk-tag--purple",
        CaseStage::LearningOnly => "govuk-tag govuk-tag--grey",
        CaseStage::LocalCspr => "govuk-tag govuk-tag--green",
        CaseStage::NationalReview => "govuk-tag govuk-tag--pink",
    };
    view! { <strong class=class data-stage=stage.as_str()>{stage.label()}</strong> }
}

/// A clock's status as a GOV.UK tag.
#[component]
pub fn ClockTag(status: ClockStatus) -> impl IntoView {
    view! { <strong class=status_class(status) data-status=status.as_str()>{status_label(status)}</strong> }
}
