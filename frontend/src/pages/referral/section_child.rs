//! Section 1.1: the child's details.
use super::bind::{get, set};
use crate::components::{DateInput, DateProblems, FieldErrors, Radios, TextInput, Textarea};
use leptos::prelude::*;
use shared::referral::ReferralForm;

#[component]
pub fn ChildFields(form: RwSignal<ReferralForm>, errors: FieldErrors, problems: DateProblems) -> impl IntoView {
    view! {
        <TextInput id="child.name" label="Name of the child" value=get(form, |f| f.child.name.clone())
            on_input=set(form, |f, v| f.child.name = v) errors=errors />
        <DateInput id="child.date_of_birth" legend="Date of birth" name="The child's date of birth"
            value=get(form, |f| f.child.date_of_birth) on_change=set(form, |f, v| f.child.date_of_birth = v)
            errors=errors problems=problems />
        <DateInput id="child.date_of_incident" legend="Date of death or serious incident"
            name="The date of death or serious incident"
            value=get(form, |f| f.child.date_of_incident) on_change=set(form, |f, v| f.child.date_of_incident = v)
            errors=errors problems=problems />
        <Textarea id="child.home_address" label="Home address" value=get(form, |f| f.child.home_address.clone())
            on_input=set(form, |f, v| f.child.home_address = v) errors=errors rows=3 />
        <TextInput id="child.ethnic_origin" label="Ethnic origin" value=get(form, |f| f.child.ethnic_origin.clone())
            on_input=set(form, |f, v| f.child.ethnic_origin = v) errors=errors />
        <TextInput id="child.faith" label="Faith or religion" value=get(form, |f| f.child.faith.clone())
            on_input=set(form, |f, v| f.child.faith = v) errors=errors />
        <Textarea id="child.disability" label="Disability" hint="Write ‘None known’ if the child has no known disability"
            value=get(form, |f| f.child.disability.clone()) on_input=set(form, |f, v| f.child.disability = v)
            errors=errors rows=3 />
        <Textarea id="child.child_protection_plan"
            label="Is the child or young person subject to a child protection plan, or have they been before?"
            hint="If so: when, for what and for how long"
            value=get(form, |f| f.child.child_protection_plan.clone())
            on_input=set(form, |f, v| f.child.child_protection_plan = v) errors=errors rows=3 />
        <Textarea id="child.incident_location" label="Address or location of the incident or incidents"
            value=get(form, |f| f.child.incident_location.clone())
            on_input=set(form, |f, v| f.child.incident_location = v) errors=errors rows=3 />
        <TextInput id="child.carer_at_incident" label="Carer at the time of the incident"
            value=get(form, |f| f.child.carer_at_incident.clone())
            on_input=set(form, |f, v| f.child.carer_at_incident = v) errors=errors />
        <Radios id="child.criminal_investigation"
            legend="Is this case known to be the subject of a criminal investigation?"
            options=vec![("yes", "Yes"), ("no", "No")]
            inline=true
            value=get(form, |f| f.child.criminal_investigation.map(|b| if b { "yes".to_string() } else { "no".to_string() }))
            on_change=set(form, |f, v: String| f.child.criminal_investigation = Some(v == "yes"))
            errors=errors />
    }
}
