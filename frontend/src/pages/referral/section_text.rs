//! Sections with free-text boxes only: review type and rationale, background, areas of
//! learning, themes.
use super::bind::{get, set};
use crate::components::{FieldErrors, Radios, Textarea};
use leptos::prelude::*;
use shared::referral::{ReferralForm, ReviewType};

#[component]
pub fn ReviewTypeFields(form: RwSignal<ReferralForm>, errors: FieldErrors) -> impl IntoView {
    view! {
        <Radios
            id="review_type"
            legend="What type of review are you asking the partnership to consider?"
            hint="A Child Safeguarding Practice Review is for serious child safeguarding cases: abuse or neglect of a child is known or suspected and the child has died or been seriously harmed. A Case Mapping Exercise is for cases that do not meet those criteria but where there is significant multi-agency learning."
            options=vec![("cspr", ReviewType::Cspr.label()), ("case_mapping_exercise", ReviewType::CaseMappingExercise.label())]
            value=get(form, |f| f.review_type.map(|t| match t {
                ReviewType::Cspr => "cspr".to_string(),
                ReviewType::CaseMappingExercise => "case_mapping_exercise".to_string(),
            }))
            on_change=set(form, |f, v: String| f.review_type = Some(if v == "cspr" { ReviewType::Cspr } else { ReviewType::CaseMappingExercise }))
            errors=errors
        />
        <Textarea
            id="rationale"
            label="Rationale for your request"
            hint="Explain how the case meets the criteria of the review type you chose. A CSPR should only be requested where the criteria are met."
            value=get(form, |f| f.rationale.clone())
            on_input=set(form, |f, v| f.rationale = v)
            errors=errors
            rows=8
        />
    }
}

#[component]
pub fn BackgroundFields(form: RwSignal<ReferralForm>, errors: FieldErrors) -> impl IntoView {
    view! {
        <Textarea
            id="background"
            label="Background to the incident"
            hint="A brief summary of the history of concerns and of the incident that has led to this request."
            value=get(form, |f| f.background.clone())
            on_input=set(form, |f, v| f.background = v)
            errors=errors
            rows=10
        />
    }
}

#[component]
pub fn AreasOfLearningFields(form: RwSignal<ReferralForm>, errors: FieldErrors) -> impl IntoView {
    view! {
        <Textarea
            id="areas_of_learning"
            label="Areas of learning"
            hint="What the partnership could learn from this case."
            value=get(form, |f| f.areas_of_learning.clone())
            on_input=set(form, |f, v| f.areas_of_learning = v)
            errors=errors
            rows=8
        />
    }
}

#[component]
pub fn ThemesFields(form: RwSignal<ReferralForm>, errors: FieldErrors) -> impl IntoView {
    view! {
        <Textarea
            id="themes.actions_taken"
            label="Actions taken as a result of learning"
            value=get(form, |f| f.themes.actions_taken.clone())
            on_input=set(form, |f, v| f.themes.actions_taken = v)
            errors=errors
        />
        <Textarea
            id="themes.good_practice"
            label="Good practice"
            value=get(form, |f| f.themes.good_practice.clone())
            on_input=set(form, |f, v| f.themes.good_practice = v)
            errors=errors
        />
    }
}
