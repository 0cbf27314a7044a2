//! The Rapid Review meeting (business office): the date, who attended (the three core
//! members are required; others may be added), what it found and what it recommends.
use super::{load_case, loaded_case, not_allowed, send_record, CaseForms};
use crate::api::CaseRecord;
use crate::clock::today;
use crate::components::{BackLink, DateInput, ErrorSummary, Loading, Radios, TextInput, Textarea};
use crate::form::bind::{day, get, put, put_day, put_row_text, row_text, set, text};
use crate::form::rows::RemoveRow;
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::case::journey::core_member_rows;
use shared::case::{check_meeting, CaseAction, CaseView, MeetingMember, MemberRole, RapidReviewOutcome};
use uuid::Uuid;

#[component]
fn MemberRow(i: usize, form: RwSignal<CaseForms>, state: FormState) -> impl IntoView {
    let p = move |field: &str| format!("members[{i}].{field}");
    let errors = state.errors;
    let role_id = p("role");
    let options = MemberRole::ALL
        .into_iter()
        .map(|r| {
            let value = r.as_str();
            view! {
                <option value=value selected=form.with_untracked(|f| f.meeting.members.get(i).map(|m| m.role) == Some(r))>
                    {r.label()}
                </option>
            }
        })
        .collect_view();
    view! {
        <fieldset class="govuk-fieldset app-row" id=format!("members[{i}]-row")>
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{format!("Member {}", i + 1)}</legend>
            <div class="govuk-form-group">
                <label class="govuk-label" for=role_id.clone()>"Seat at the meeting"</label>
                <select class="govuk-select" id=role_id.clone() name=role_id
                    on:change=move |ev| {
                        if let Some(role) = MemberRole::parse(&event_target_value(&ev)) {
                            form.update(|f| if let Some(m) = f.meeting.members.get_mut(i) { m.role = role });
                        }
                    }>
                    {options}
                </select>
            </div>
            <TextInput id=p("name") label="Name" value=row_text(form, i, |f, i| f.meeting.members.get(i).map(|m| &m.name))
                on_input=put_row_text(form, i, |f, i| f.meeting.members.get_mut(i).map(|m| &mut m.name)) errors=errors />
            <TextInput id=p("designation") label="Designation" value=row_text(form, i, |f, i| f.meeting.members.get(i).map(|m| &m.designation))
                on_input=put_row_text(form, i, |f, i| f.meeting.members.get_mut(i).map(|m| &mut m.designation)) errors=errors />
            <TextInput id=p("agency") label="Agency (optional)" value=row_text(form, i, |f, i| f.meeting.members.get(i).map(|m| &m.agency))
                on_input=put_row_text(form, i, |f, i| f.meeting.members.get_mut(i).map(|m| &mut m.agency)) errors=errors />
            <RemoveRow id=format!("remove-member-{}", i + 1) what=format!("member {}", i + 1)
                on_remove=Callback::new(move |_| form.update(|f| { f.meeting.members.remove(i); })) />
        </fieldset>
    }
}

#[component]
pub fn MeetingPage(id: Uuid) -> impl IntoView {
    let case = load_case(id);
    let state = FormState::new();
    let (errors, problems) = (state.errors, state.problems);
    let form = RwSignal::new(CaseForms::default());
    form.update(|f| f.meeting.members = core_member_rows());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let meeting = form.with_untracked(|f| f.meeting.clone());
        let Some(view) = loaded_case(case) else { return };
        if state.ready(check_meeting(&meeting, &view.dates(), view.outstanding(), today())) {
            send_record(state, id, CaseRecord::Meeting(meeting));
        }
    };
    let len = Memo::new(move |_| form.with(|f| f.meeting.members.len()));
    let rows = move || (0..len.get()).map(|i| view! { <MemberRow i=i form=form state=state /> }).collect_view();
    let outcomes = RapidReviewOutcome::ALL.into_iter().map(|o| (o.as_str(), o.label())).collect::<Vec<_>>();
    view! {
        <BackLink href=Route::Case(id).href() text="Back to the case" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text="Record the Rapid Review meeting" />
                <Loading state=case render=move |case: CaseView| {
                    if let Some(no) = not_allowed(&case, CaseAction::RecordMeeting) {
                        return no;
                    }
                    let outcomes = outcomes.clone();
                    let outstanding = case.outstanding();
                    let reason = (outstanding > 0).then(|| {
                        let waiting = if outstanding == 1 {
                            "1 agency has not answered yet.".to_string()
                        } else {
                            format!("{outstanding} agencies have not answered yet.")
                        };
                        view! {
                            <div class="govuk-inset-text">
                                {waiting}" The meeting follows the collated information: if it goes ahead now, say why."
                            </div>
                            <Textarea id="outstanding_reason" label="Why the meeting went ahead without their information"
                                value=text(form, |f| &f.meeting.outstanding_reason)
                                on_input=put(form, |f| &mut f.meeting.outstanding_reason) errors=errors />
                        }
                    });
                    view! {
                        <p class="govuk-body">{format!("Case {}", case.reference)}</p>
                        <form novalidate on:submit=on_submit>
                            <DateInput id="held_on" legend="Date of the meeting" name="The date of the meeting"
                                value=day(form, |f| f.meeting.held_on) on_change=put_day(form, |f| &mut f.meeting.held_on)
                                errors=errors problems=problems />
                            {reason}
                            <h2 class="govuk-heading-m">"Members"</h2>
                            <p class="govuk-body">"The Designated Doctor for Safeguarding Children, the head of the police Child Protection Team and the Service Manager of children's services are core members; add any other specialist professional who attended."</p>
                            {rows}
                            <button type="button" class="govuk-button govuk-button--secondary" id="members"
                                on:click=move |_| form.update(|f| f.meeting.members.push(MeetingMember {
                                    role: MemberRole::Other, name: String::new(), designation: String::new(), agency: String::new(),
                                }))>
                                "Add a member"
                            </button>
                            <h2 class="govuk-heading-m">"What the meeting found"</h2>
                            <Textarea id="facts" label="Facts of the case" value=text(form, |f| &f.meeting.facts)
                                on_input=put(form, |f| &mut f.meeting.facts) errors=errors />
                            <Textarea id="immediate_safety_actions" label="Immediate safety actions"
                                value=text(form, |f| &f.meeting.immediate_safety_actions)
                                on_input=put(form, |f| &mut f.meeting.immediate_safety_actions) errors=errors />
                            <Textarea id="immediate_learning" label="Immediate learning"
                                value=text(form, |f| &f.meeting.immediate_learning)
                                on_input=put(form, |f| &mut f.meeting.immediate_learning) errors=errors />
                            <Textarea id="possible_improvements" label="Possible improvements"
                                value=text(form, |f| &f.meeting.possible_improvements)
                                on_input=put(form, |f| &mut f.meeting.possible_improvements) errors=errors />
                            <Radios id="recommendation" legend="What does the meeting recommend?" options=outcomes
                                value=get(form, |f| f.meeting.recommendation.map(|o| o.as_str().to_string()))
                                on_change=set(form, |f, v: String| f.meeting.recommendation = RapidReviewOutcome::parse(&v)) errors=errors />
                            <Textarea id="rationale" label="Rationale for the recommendation"
                                value=text(form, |f| &f.meeting.rationale) on_input=put(form, |f| &mut f.meeting.rationale) errors=errors />
                            <button type="submit" class="govuk-button" id="save-meeting" disabled=move || state.sending.get()>
                                "Save the meeting"
                            </button>
                        </form>
                    }
                    .into_any()
                } />
            </div>
        </div>
    }
}
