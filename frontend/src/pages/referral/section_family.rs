//! Section 1.2: the family, as a genogram described or a table of members.
use crate::components::{DateInput, DateProblems, FieldErrors, TextInput, Textarea};
use crate::form::bind::{get, put, put_row_text, row_text, set, text};
use crate::form::rows::RemoveRow;
use leptos::prelude::*;
use shared::referral::{FamilyMember, ReferralForm};

#[component]
pub fn FamilyFields(form: RwSignal<ReferralForm>, errors: FieldErrors, problems: DateProblems) -> impl IntoView {
    let len = Memo::new(move |_| form.with(|f| f.family_members.len()));
    let rows = move || {
        (0..len.get())
            .map(|i| {
                let p = move |field: &str| format!("family_members[{i}].{field}");
                view! {
                    <fieldset class="govuk-fieldset app-row" id=format!("family_members[{i}]-row")>
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{format!("Family member {}", i + 1)}</legend>
                        <TextInput id=p("name") label="Name"
                            value=row_text(form, i, |f, i| f.family_members.get(i).map(|m| &m.name))
                            on_input=put_row_text(form, i, |f, i| f.family_members.get_mut(i).map(|m| &mut m.name)) errors=errors />
                        <DateInput id=p("date_of_birth") legend="Date of birth" name="The family member's date of birth"
                            value=get(form, move |f| f.family_members.get(i).and_then(|m| m.date_of_birth))
                            on_change=set(form, move |f, v| if let Some(m) = f.family_members.get_mut(i) { m.date_of_birth = v })
                            errors=errors problems=problems />
                        <Textarea id=p("address") label="Address" rows=2
                            value=row_text(form, i, |f, i| f.family_members.get(i).map(|m| &m.address))
                            on_input=put_row_text(form, i, |f, i| f.family_members.get_mut(i).map(|m| &mut m.address)) errors=errors />
                        <TextInput id=p("relationship") label="Relationship to the child"
                            value=row_text(form, i, |f, i| f.family_members.get(i).map(|m| &m.relationship))
                            on_input=put_row_text(form, i, |f, i| f.family_members.get_mut(i).map(|m| &mut m.relationship)) errors=errors />
                        <RemoveRow id=format!("remove-family-member-{}", i + 1) what=format!("family member {}", i + 1)
                            on_remove=Callback::new(move |_| form.update(|f| { f.family_members.remove(i); })) />
                    </fieldset>
                }
            })
            .collect_view()
    };
    view! {
        <Textarea id="genogram" label="Genogram (optional)"
            hint="Describe the family’s genogram here, or add each family member below"
            value=text(form, |f| &f.genogram) on_input=put(form, |f| &mut f.genogram) errors=errors rows=4 />
        <h2 class="govuk-heading-m">"Family members"</h2>
        {rows}
        <button type="button" class="govuk-button govuk-button--secondary" id="family_members"
            on:click=move |_| form.update(|f| f.family_members.push(FamilyMember::default()))>
            "Add a family member"
        </button>
    }
}
