//! Sections with free-text boxes only: review type and rationale, background, areas of
//! learning, themes.
use crate::components::{FieldErrors, Radios, Textarea};
use crate::form::bind::{get, put, set, text};
use leptos::prelude::*;
use shared::referral::{ReferralForm, ReviewType};

#[component]
pub fn ReviewTypeFields(form: RwSignal<ReferralForm>, errors: FieldErrors) -> impl IntoView {
    view! {
        <Radios
            id="review_type"
            legend="What type of review are you asking the partnership to consider?"
            hint="A Child Safeguarding Practice Review is for serious child safeguarding cases: abuse or neglect of a child is known or suspected and the child has died or been seriously harmed. A Case Mapping Exercise is for cases that do not meet those criteria but where there is significant multi-agency learning."
            options={ReviewType::ALL.iter().map(|t| (t.as_str(), t.label())).collect::<Vec<_>>()}
            value=get(form, |f| f.review_type.map(|t| t.as_str().to_string()))
            on_change=set(form, |f, v: String| f.review_type = ReviewType::parse(&v))
            errors=errors
        />
        <Textarea
            id="rationale"
            label="Rationale for your request"
            hint="Explain how the case meets the criteria of the review type you chose. A CSPR should only be requested where the criteria are met."
            value=text(form, |f| &f.rationale)
            on_input=put(form, |f| &mut f.rationale)
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
            value=text(form, |f| &f.background)
            on_input=put(form, |f| &mut f.background)
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
            value=text(form, |f| &f.areas_of_learning)
            on_input=put(form, |f| &mut f.areas_of_learning)
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
            value=text(form, |f| &f.themes.actions_taken)
            on_input=put(form, |f| &mut f.themes.actions_taken)
            errors=errors
        />
        <Textarea
            id="themes.good_practice"
            label="Good practice"
            value=text(form, |f| &f.themes.good_practice)
            on_input=put(form, |f| &mut f.themes.good_practice)
            errors=errors
        />
    }
}
