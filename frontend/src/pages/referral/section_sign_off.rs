//! The referrer's boxes (the senior manager signs off from their own account).
use crate::components::{DateInput, DateProblems, FieldErrors, TextInput, Textarea};
use crate::form::bind::{get, part_text, put_part_text, set};
use leptos::prelude::*;
use shared::referral::{ReferralForm, SignOff};

#[component]
pub fn SignOffFields(
    form: RwSignal<ReferralForm>,
    errors: FieldErrors,
    problems: DateProblems,
    /// `referrer`: the path prefix of the boxes.
    prefix: &'static str,
    /// "referrer", for messages.
    who: &'static str,
    person: fn(&ReferralForm) -> &SignOff,
    person_mut: fn(&mut ReferralForm) -> &mut SignOff,
) -> impl IntoView {
    let id = move |field: &str| format!("{prefix}.{field}");
    view! {
        <TextInput id=id("name") label="Full name" value=part_text(form, person, |p| &p.name)
            on_input=put_part_text(form, person_mut, |p| &mut p.name) errors=errors autocomplete="name" />
        <TextInput id=id("agency") label="Agency" value=part_text(form, person, |p| &p.agency)
            on_input=put_part_text(form, person_mut, |p| &mut p.agency) errors=errors autocomplete="organization" />
        <TextInput id=id("designation") label="Designation" hint="Job title or role"
            value=part_text(form, person, |p| &p.designation)
            on_input=put_part_text(form, person_mut, |p| &mut p.designation) errors=errors autocomplete="organization-title" />
        <Textarea id=id("contact_details") label="Contact details" hint="Address, telephone number and email address"
            value=part_text(form, person, |p| &p.contact_details)
            on_input=put_part_text(form, person_mut, |p| &mut p.contact_details) errors=errors rows=3 />
        <TextInput id=id("signature") label="Signature" hint=format!("Type the {who}'s full name to sign")
            value=part_text(form, person, |p| &p.signature)
            on_input=put_part_text(form, person_mut, |p| &mut p.signature) errors=errors />
        <DateInput id=id("signed_on") legend="Date signed" name=format!("The date the {who} signed")
            value=get(form, move |f| person(f).signed_on)
            on_change=set(form, move |f, v| person_mut(f).signed_on = v) errors=errors problems=problems />
    }
}
