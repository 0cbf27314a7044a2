//! A referral's stage as a GOV.UK tag, one colour per stage.
use leptos::prelude::*;
use shared::referral::ReferralStage;

pub fn stage_class(stage: ReferralStage) -> &'static str {
    match stage {
        ReferralStage::Draft => "govuk-tag govuk-tag--grey",
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
