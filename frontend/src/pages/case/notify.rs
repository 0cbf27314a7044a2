//! The Serious Incident Notification (business office): the incident, one to four children
//! with the referral's child-details boxes, and who notified. Sending it opens the case.
use super::CaseForms;
use crate::api;
use crate::clock::today;
use crate::components::ChildFields;
use crate::components::{BackLink, Checkbox, DateInput, ErrorSummary, TextInput, Textarea};
use crate::form::bind::{day, get, put, put_day, set, text};
use crate::form::rows::RemoveRow;
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::case::{check_notification, MAX_CHILDREN};
use shared::referral::ChildDetails;

#[component]
pub fn NotificationPage(
    /// Opened from this referral (its decision agreed a review) with its child carried over.
    #[prop(optional)]
    from_referral: Option<(uuid::Uuid, ChildDetails)>,
) -> impl IntoView {
    let form = RwSignal::new(CaseForms::default());
    // One slot per child the form may name, made with the page (a signal made in a click
    // handler would belong to the part of the page that is redrawn); `count` are in use.
    let slots: [RwSignal<ChildDetails>; MAX_CHILDREN] = std::array::from_fn(|_| RwSignal::new(ChildDetails::default()));
    let count = RwSignal::new(1usize);
    let state = FormState::new();
    let (errors, problems) = (state.errors, state.problems);
    if let Some((referral, child)) = &from_referral {
        form.update(|f| {
            f.notification.referral_id = Some(*referral);
            f.notification.incident_date = child.date_of_incident;
            f.notification.incident_place = child.incident_location.clone();
        });
        slots[0].set(child.clone());
    }
    let from_referral = from_referral.map(|(r, _)| r);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut notification = form.with_untracked(|f| f.notification.clone());
        notification.children = slots[..count.get_untracked()].iter().map(|c| c.get_untracked()).collect();
        // The referral it is opened from, if any, is named in the form.
        if !state.ready(check_notification(&notification, true, today())) {
            return;
        }
        let (session, router) = (state.session, state.router);
        let request = async move { api::report_incident(session, &notification).await };
        state.send(request, move |case| router.go(Route::Case(case.id)));
    };

    let remove_child = move |i: usize| {
        let n = count.get_untracked();
        for k in i..n.saturating_sub(1) {
            slots[k].set(slots[k + 1].get_untracked());
        }
        slots[n - 1].set(ChildDetails::default());
        count.set(n - 1);
    };
    let child_rows = move || {
        let n = count.get();
        slots[..n]
            .iter()
            .copied()
            .enumerate()
            .map(|(i, child)| {
                let remove = (n > 1).then(|| {
                    view! {
                        <RemoveRow id=format!("remove-child-{}", i + 1) what=format!("child {}", i + 1)
                            on_remove=Callback::new(move |_| remove_child(i)) />
                    }
                });
                view! {
                    <fieldset class="govuk-fieldset app-row" id=format!("children[{i}]-row")>
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{format!("Child {}", i + 1)}</legend>
                        <ChildFields prefix=format!("children[{i}]") child=child errors=errors problems=problems />
                        {remove}
                    </fieldset>
                }
            })
            .collect_view()
    };
    let add_child = move || {
        (count.get() < MAX_CHILDREN).then(|| {
            view! {
                <button type="button" class="govuk-button govuk-button--secondary" id="children"
                    on:click=move |_| count.update(|n| *n += 1)>
                    "Add another child"
                </button>
            }
        })
    };

    view! {
        <BackLink href=Route::Cases.href() text="Back to cases" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text="Report a serious incident" caption="Serious Incident Notification".to_string() />
                {from_referral.map(|r| view! {
                    <div class="govuk-inset-text" id="from-referral">
                        {format!("Opened from referral {}: the child's details are carried over. Complete the rest of the notification.", crate::pages::home::reference(r))}
                    </div>
                })}
                <form novalidate on:submit=on_submit>
                    <h2 class="govuk-heading-m">"The criteria"</h2>
                    <p class="govuk-body">"The local authority notifies the National Panel when both hold."</p>
                    <Checkbox id="criteria.abuse_or_neglect" legend="Abuse or neglect"
                        label="Abuse or neglect of the child is known or suspected"
                        checked=get(form, |f| f.notification.criteria.abuse_or_neglect)
                        on_change=set(form, |f, v| f.notification.criteria.abuse_or_neglect = v) errors=errors />
                    <Checkbox id="criteria.died_or_seriously_harmed" legend="Death or serious harm"
                        label="The child has died or been seriously harmed"
                        checked=get(form, |f| f.notification.criteria.died_or_seriously_harmed)
                        on_change=set(form, |f, v| f.notification.criteria.died_or_seriously_harmed = v) errors=errors />
                    <h2 class="govuk-heading-m">"Who decided to notify"</h2>
                    <p class="govuk-body">"The decision to notify is the local authority's."</p>
                    <TextInput id="decided_by.name" label="Full name"
                        value=text(form, |f| &f.notification.decided_by.name) on_input=put(form, |f| &mut f.notification.decided_by.name) errors=errors />
                    <TextInput id="decided_by.designation" label="Designation" hint="Job title or role"
                        value=text(form, |f| &f.notification.decided_by.designation) on_input=put(form, |f| &mut f.notification.decided_by.designation) errors=errors />
                    <h2 class="govuk-heading-m">"The incident"</h2>
                    <DateInput id="incident_date" legend="Date of the incident" name="The date of the incident"
                        value=day(form, |f| f.notification.incident_date) on_change=put_day(form, |f| &mut f.notification.incident_date)
                        errors=errors problems=problems />
                    <Textarea id="incident_place" label="Place of the incident" rows=3
                        value=text(form, |f| &f.notification.incident_place) on_input=put(form, |f| &mut f.notification.incident_place)
                        errors=errors />
                    <DateInput id="la_aware_on" legend="Date the local authority became aware"
                        name="The date the local authority became aware"
                        hint="By the partnership's clock rules, the notification and the Rapid Review are due counted from this date (or from the incident). For example, 27 3 2024"
                        value=day(form, |f| f.notification.la_aware_on) on_change=put_day(form, |f| &mut f.notification.la_aware_on)
                        errors=errors problems=problems />
                    <h2 class="govuk-heading-m">"The children"</h2>
                    <p class="govuk-body">"Add each child involved, up to four. A name and a date of birth are needed; give the other details you know."</p>
                    {child_rows}
                    {add_child}
                    <h2 class="govuk-heading-m">"Who is notifying"</h2>
                    <TextInput id="notifier.name" label="Full name" autocomplete="name"
                        value=text(form, |f| &f.notification.notifier.name) on_input=put(form, |f| &mut f.notification.notifier.name) errors=errors />
                    <TextInput id="notifier.agency" label="Agency" autocomplete="organization"
                        value=text(form, |f| &f.notification.notifier.agency) on_input=put(form, |f| &mut f.notification.notifier.agency) errors=errors />
                    <TextInput id="notifier.designation" label="Designation" hint="Job title or role" autocomplete="organization-title"
                        value=text(form, |f| &f.notification.notifier.designation) on_input=put(form, |f| &mut f.notification.notifier.designation) errors=errors />
                    <Textarea id="notifier.contact_details" label="Contact details" hint="Address, telephone number and email address" rows=3
                        value=text(form, |f| &f.notification.notifier.contact_details) on_input=put(form, |f| &mut f.notification.notifier.contact_details)
                        errors=errors />
                    <button type="submit" class="govuk-button" id="send-notification" disabled=move || state.sending.get()>
                        "Open the case"
                    </button>
                </form>
            </div>
        </div>
    }
}

/// The notification opened from a referral: the referral is read first, then the form is
/// shown with its child carried over.
#[component]
pub fn NotificationFromReferral(referral: uuid::Uuid) -> impl IntoView {
    let loaded = crate::pages::referral::load::load_referral(referral, |_| {});
    view! {
        <crate::components::Loading state=loaded render=move |view: shared::referral::ReferralView| {
            view! { <NotificationPage from_referral=(referral, view.form.child) /> }.into_any()
        } />
    }
}
