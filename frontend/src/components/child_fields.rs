//! The child-details boxes of Appendix 1 (section 1.1), used by the referral and by each child
//! of a Serious Incident Notification.
use crate::components::{DateInput, DateProblems, FieldErrors, Radios, TextInput, Textarea};
use crate::form::bind::{day, get, put, put_day, set, text};
use leptos::prelude::*;
use shared::referral::ChildDetails;

/// The child-details boxes; ids start with `prefix` (`child`, `children[0]`, ...).
#[component]
pub fn ChildFields(
    #[prop(into)] prefix: String,
    child: RwSignal<ChildDetails>,
    errors: FieldErrors,
    problems: DateProblems,
) -> impl IntoView {
    let id = move |field: &str| format!("{prefix}.{field}");
    let form = child;
    view! {
        <TextInput id=id("name") label="Name of the child" value=text(form, |f| &f.name)
            on_input=put(form, |f| &mut f.name) errors=errors />
        <DateInput id=id("date_of_birth") legend="Date of birth" name="The child's date of birth"
            value=day(form, |f| f.date_of_birth) on_change=put_day(form, |f| &mut f.date_of_birth)
            errors=errors problems=problems />
        <DateInput id=id("date_of_incident") legend="Date of death or serious incident"
            name="The date of death or serious incident"
            value=day(form, |f| f.date_of_incident) on_change=put_day(form, |f| &mut f.date_of_incident)
            errors=errors problems=problems />
        <Textarea id=id("home_address") label="Home address" value=text(form, |f| &f.home_address)
            on_input=put(form, |f| &mut f.home_address) errors=errors rows=3 />
        <TextInput id=id("ethnic_origin") label="Ethnic origin" value=text(form, |f| &f.ethnic_origin)
            on_input=put(form, |f| &mut f.ethnic_origin) errors=errors />
        <TextInput id=id("faith") label="Faith or religion" value=text(form, |f| &f.faith)
            on_input=put(form, |f| &mut f.faith) errors=errors />
        <Textarea id=id("disability") label="Disability" hint="Write ‘None known’ if the child has no known disability"
            value=text(form, |f| &f.disability) on_input=put(form, |f| &mut f.disability)
            errors=errors rows=3 />
        <Textarea id=id("child_protection_plan")
            label="Is the child or young person subject to a child protection plan, or have they been before?"
            hint="If so: when, for what and for how long"
            value=text(form, |f| &f.child_protection_plan)
            on_input=put(form, |f| &mut f.child_protection_plan) errors=errors rows=3 />
        <Textarea id=id("incident_location") label="Address or location of the incident or incidents"
            value=text(form, |f| &f.incident_location)
            on_input=put(form, |f| &mut f.incident_location) errors=errors rows=3 />
        <TextInput id=id("carer_at_incident") label="Carer at the time of the incident"
            value=text(form, |f| &f.carer_at_incident)
            on_input=put(form, |f| &mut f.carer_at_incident) errors=errors />
        <Radios id=id("criminal_investigation")
            legend="Is this case known to be the subject of a criminal investigation?"
            options=vec![("yes", "Yes"), ("no", "No")]
            inline=true
            value=get(form, |f| f.criminal_investigation.map(|b| if b { "yes".to_string() } else { "no".to_string() }))
            on_change=set(form, |f, v: String| f.criminal_investigation = Some(v == "yes"))
            errors=errors />
    }
}
