//! Adding an action to a case (a report's recommendation, say) and changing one: what is to
//! be done, its owner agency and person, its due date (the business office, which reads the
//! partnership's people).
use crate::api::{self, ApiFailure};
use crate::components::{share, BackLink, DateInput, ErrorSummary, Load, Loading, Select, Shared, Textarea};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use gloo_net::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::agency::AgencyView;
use shared::learning::actions::check_action;
use shared::learning::{ActionForm, ActionSource, ActionView, ThemeView};
use shared::people::PersonView;
use uuid::Uuid;

/// What the page is for: a new action of a case, or a change to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    New(Uuid),
    Change(Uuid),
}

#[component]
pub fn ActionFormPage(target: Target) -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let form = RwSignal::new(ActionForm { source: Some(ActionSource::Recommendation), ..Default::default() });
    let version = RwSignal::new(None::<i32>);
    let loaded = RwSignal::new(Load::<Shared>::Loading);
    spawn_local(async move {
        let agencies = api::agencies(session).await;
        let people = api::people(session).await;
        let themes: Vec<ThemeView> = api::read(session, "themes").await.unwrap_or_default();
        let existing: Option<Result<ActionView, ApiFailure>> = match target {
            Target::Change(id) => Some(api::read(session, &format!("actions/{id}")).await),
            Target::New(_) => None,
        };
        let outcome = match (agencies, people, existing) {
            (Ok(a), Ok(p), None) => Ok((a, p, themes)),
            (Ok(a), Ok(p), Some(Ok(v))) => {
                version.set(Some(v.version));
                form.set(ActionForm {
                    description: v.description,
                    owner_agency_id: v.owner_agency_id,
                    owner_person_id: v.owner_person_id,
                    due_on: Some(v.due_on),
                    source: Some(v.source),
                    theme_ids: v.theme_ids,
                });
                Ok((a, p, themes))
            }
            (Err(why), _, _) | (_, Err(why), _) | (_, _, Some(Err(why))) => Err(why),
        };
        let _ = loaded.try_set(match outcome {
            Ok(data) => Load::Loaded(share(data)),
            Err(why) => Load::Failed(why),
        });
    });
    let back = match target {
        Target::New(case) => Route::Case(case),
        Target::Change(id) => Route::Action(id),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = form.get_untracked();
        if !state.ready(check_action(&body)) {
            return;
        }
        let (method, path) = match target {
            Target::New(case) => (Method::POST, format!("cases/{case}/actions")),
            Target::Change(id) => (Method::PUT, format!("actions/{id}")),
        };
        let v = version.get_untracked();
        state.send(async move { api::write::<ActionView, _>(session, method, &path, &body, v).await }, move |saved| {
            state.router.go(Route::Action(saved.id))
        });
    };
    let render = move |(agencies, people, themes): (Vec<AgencyView>, Vec<PersonView>, Vec<ThemeView>)| {
        let already = form.with_untracked(|f| f.theme_ids.clone());
        let theme_boxes = themes
            .into_iter()
            .filter(|t| t.offered(&already))
            .enumerate()
            .map(|(i, t)| {
                let theme = t.id;
                view! {
                    <div class="govuk-checkboxes__item">
                        <input class="govuk-checkboxes__input" type="checkbox" id=format!("action-theme-{i}")
                            prop:checked=move || form.with(|f| f.theme_ids.contains(&theme))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                form.update(|f| { f.theme_ids.retain(|x| *x != theme); if on { f.theme_ids.push(theme); } });
                            } />
                        <label class="govuk-label govuk-checkboxes__label" for=format!("action-theme-{i}")>{t.label}</label>
                    </div>
                }
            })
            .collect_view();
        let agency_options: Vec<(String, String)> =
            agencies.into_iter().filter(|a| a.active).map(|a| (a.id.to_string(), a.name)).collect();
        let person_options: Vec<(String, String)> = people
            .into_iter()
            .filter(|p| !p.disabled)
            .map(|p| (p.id.to_string(), format!("{} ({})", p.name, p.agency.unwrap_or_else(|| "no agency".into()))))
            .collect();
        let text = Signal::derive(move || form.with(|f| f.description.clone()));
        let agency =
            Signal::derive(move || form.with(|f| f.owner_agency_id.map(|a| a.to_string()).unwrap_or_default()));
        let person =
            Signal::derive(move || form.with(|f| f.owner_person_id.map(|a| a.to_string()).unwrap_or_default()));
        let due = Signal::derive(move || form.with(|f| f.due_on));
        view! {
            <form novalidate id="action-form" on:submit=on_submit>
                <Textarea id="description" label="What is to be done" value=text
                    on_input=Callback::new(move |v| form.update(|f| f.description = v)) errors=state.errors rows=3 />
                <Select id="owner_agency_id" label="The agency that owns it" options=agency_options value=agency
                    on_change=Callback::new(move |v: String| form.update(|f| f.owner_agency_id = v.parse().ok())) errors=state.errors />
                <Select id="owner_person_id" label="The person who owns it" options=person_options value=person
                    on_change=Callback::new(move |v: String| form.update(|f| f.owner_person_id = v.parse().ok())) errors=state.errors />
                <DateInput id="due_on" legend="When it is due" name="The date the action is due" value=due
                    on_change=Callback::new(move |d| form.update(|f| f.due_on = d)) errors=state.errors problems=state.problems />
                <div class="govuk-form-group">
                    <fieldset class="govuk-fieldset">
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Themes (optional)"</legend>
                        <div class="govuk-checkboxes govuk-checkboxes--small">{theme_boxes}</div>
                    </fieldset>
                </div>
                <button type="submit" class="govuk-button" id="save-action" disabled=move || state.sending.get()>"Save the action"</button>
            </form>
        }
    };
    let heading = match target {
        Target::New(_) => "Add an action",
        Target::Change(_) => "Change the action",
    };
    view! {
        <BackLink href=back.href() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <PageHeading text=heading />
                <Loading state=loaded render=render />
            </div>
        </div>
    }
}
