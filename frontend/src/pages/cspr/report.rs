//! An agency's chronology (Appendix 4c) and key event analysis (Appendix 4b). The agency's
//! author edits and saves the draft and submits it once its senior manager has signed it off;
//! the manager reads the draft and signs it off; the lead reviewer may return a submitted
//! report with what needs revising; every reader of the review reads the submitted versions.
//! A save based on an older draft is refused by the server and the page keeps what was typed.
use super::{long, maybe};
use crate::api::{self, ReportStep};
use crate::clock::today;
use crate::components::{
    share, BackLink, ClockTag, DateInput, ErrorSummary, Load, Loading, Shared, TextInput, Textarea,
};
use crate::form::bind::{get, put, put_row_text, row_text, set, text};
use crate::form::rows::RemoveRow;
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use crate::session::Session;
use chrono::NaiveTime;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::cspr::*;
use shared::FieldError;
use uuid::Uuid;

/// What the page edits: the draft, the time boxes as typed, the reason to return.
#[derive(Debug, Clone, Default)]
pub struct ReportForm {
    pub body: AgencyReportBody,
    pub times: Vec<String>,
    pub reason: String,
    /// The office moves the deadline on.
    pub extension: shared::case::ReviewExtension,
}

fn load(id: Uuid, agency: Uuid) -> RwSignal<Load<Shared>> {
    let session = Session::expect();
    let state = RwSignal::new(Load::Loading);
    spawn_local(async move {
        state.set(match api::agency_report(session, id, agency).await {
            Ok(view) => Load::Loaded(share(view)),
            Err(why) => Load::Failed(why),
        });
    });
    state
}

/// The draft with its times read from the boxes, or the boxes whose time cannot be read.
fn body_of(f: &ReportForm) -> Result<AgencyReportBody, Vec<FieldError>> {
    let mut body = f.body.clone();
    let mut errors = Vec::new();
    for (i, e) in body.chronology.iter_mut().enumerate() {
        let typed = f.times.get(i).map(|t| t.trim()).unwrap_or("");
        e.time = if typed.is_empty() {
            None
        } else {
            match NaiveTime::parse_from_str(typed, "%H:%M") {
                Ok(t) => Some(t),
                Err(_) => {
                    errors.push(FieldError::new(format!("chronology[{i}].time"), "invalid", "Enter a time like 14:30"));
                    None
                }
            }
        };
    }
    if errors.is_empty() {
        Ok(body)
    } else {
        Err(errors)
    }
}

#[component]
pub fn ReportPage(id: Uuid, agency: Uuid) -> impl IntoView {
    let report = load(id, agency);
    let state = FormState::new();
    let form = RwSignal::new(ReportForm::default());
    let saved = RwSignal::new(None::<&'static str>);
    let current = move || match report.get_untracked() {
        Load::Loaded(d) => crate::components::unshare::<AgencyReportView>(&d),
        _ => None,
    };
    // a step's answer replaces the report shown; the boxes keep what was typed
    let take = move |step: ReportStep, done: &'static str| {
        let session = state.session;
        saved.set(None);
        state.send(api::report_step(session, id, agency, step), move |view: AgencyReportView| {
            report.set(Load::Loaded(share(view)));
            saved.set(Some(done));
            let _ = crate::router::focus_id("saved");
        });
    };
    let on_save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(view) = current() else { return };
        let f = form.get_untracked();
        let body = match body_of(&f) {
            Ok(body) => body,
            Err(errors) => {
                state.ready(errors);
                return;
            }
        };
        if state.ready(check_report(&body, today(), false)) {
            take(ReportStep::Save(view.revision, body), "Your draft is saved.");
        }
    };
    let on_return = move |ev: SubmitEvent| {
        ev.prevent_default();
        let reason = ReturnForm { reason: form.with_untracked(|f| f.reason.clone()) };
        if state.ready(reason.problems()) {
            take(ReportStep::Return(reason), "The report is returned to the agency for revision.");
        }
    };
    let sign_off = move |_| {
        let Some(view) = current() else { return };
        if let Some(draft) = view.draft {
            if !state.ready(check_report(&draft, today(), true)) {
                return;
            }
        }
        take(ReportStep::SignOff, "You have signed the report off.");
    };
    let submit = move |_| take(ReportStep::Submit, "The report is submitted to the lead reviewer.");
    let on_extend = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(view) = current() else { return };
        let extension = form.with_untracked(|f| f.extension.clone());
        if state.ready(shared::case::check_extension(&extension, view.summary.due_on, today())) {
            take(ReportStep::Extend(extension), "The deadline is moved on.");
        }
    };
    let loaded_once = RwSignal::new(false);
    view! {
        <BackLink href=Route::Review(id).href() text="Back to the review" />
        <ErrorSummary failure=state.failure />
        {move || saved.get().map(|m| view! {
            <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" id="saved" tabindex="-1">
                <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">{m}</p></div>
            </div>
        })}
        <Loading state=report render=move |r: AgencyReportView| {
            // the boxes are filled once, from the first answer; later answers keep what was typed
            if !loaded_once.get_untracked() {
                loaded_once.set(true);
                if let Some(draft) = r.draft.clone() {
                    let times = draft.chronology.iter().map(|e| e.time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()).collect();
                    form.update(|f| {
                        f.body = draft;
                        f.times = times;
                    });
                }
            }
            let s = &r.summary;
            let title = format!("{}: chronology and key event analysis", s.agency_name);
            let can = |a: ReportAction| r.allowed_actions.contains(&a);
            let returned = r.returned_reason.clone().map(|why| view! {
                <div class="govuk-inset-text" id="returned-reason"><p class="govuk-body">{format!("Returned for revision: {why}")}</p></div>
            });
            let sign_off_line = r.manager_sign_off.as_ref().map(|m| format!("Signed off by {} on {}.", m.name, long(m.signed_on)));
            let editing = can(ReportAction::Save);
            view! {
                <PageHeading text=title caption=format!("Case {}", r.case_reference) />
                <dl class="govuk-summary-list" id="report-summary">
                    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Author"</dt><dd class="govuk-summary-list__value">{s.author_name.clone()}</dd></div>
                    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Due"</dt><dd class="govuk-summary-list__value">{long(s.due_on)}" "<ClockTag status=s.clock_status /></dd></div>
                    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Status"</dt><dd class="govuk-summary-list__value" id="report-status">{s.status.label()}</dd></div>
                    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Submitted"</dt><dd class="govuk-summary-list__value">{maybe(s.submitted_on)}</dd></div>
                    {(!s.extensions.is_empty()).then(|| {
                        let text = s.extensions.iter().map(|e| format!(
                            "On {}, from {} to {}: {}{}",
                            long(e.recorded_on),
                            long(e.previous_due_on),
                            long(e.due_on),
                            e.reason,
                            if e.panel_advised { " (National Panel advised)" } else { "" }
                        )).collect::<Vec<_>>().join("\n");
                        view! { <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Deadline extended"</dt><dd class="govuk-summary-list__value app-pre-line" id="report-extensions">{text}</dd></div> }
                    })}
                </dl>
                {returned}
                {if editing {
                    view! { <form novalidate on:submit=on_save id="report-form"><Editor form=form state=state /></form> }.into_any()
                } else {
                    r.draft.clone().map(|d| view! { <h2 class="govuk-heading-m">"The draft"</h2><Body body=d /> }.into_any()).unwrap_or_else(|| ().into_any())
                }}
                {sign_off_line.map(|l| view! { <p class="govuk-body" id="manager-sign-off">{l}</p> })}
                {can(ReportAction::SignOff).then(|| view! {
                    <p class="govuk-body">"As the agency's senior manager for safeguarding, you confirm the report is complete and accurate."</p>
                    <button type="button" class="govuk-button" id="sign-off" on:click=sign_off disabled=move || state.sending.get()>"Sign off the report"</button>
                })}
                {can(ReportAction::Submit).then(|| view! {
                    <button type="button" class="govuk-button" id="submit-report" on:click=submit disabled=move || state.sending.get()>"Submit the report"</button>
                })}
                {can(ReportAction::Extend).then(|| view! { <ExtendForm form=form state=state on_extend=on_extend /> })}
                {can(ReportAction::Return).then(|| view! {
                    <form novalidate on:submit=on_return id="return-form">
                        <Textarea id="reason" label="What needs revising" rows=4
                            value=text(form, |f| &f.reason) on_input=put(form, |f| &mut f.reason) errors=state.errors />
                        <button type="submit" class="govuk-button govuk-button--warning" id="return-report" disabled=move || state.sending.get()>"Return for revision"</button>
                    </form>
                })}
                <Versions versions=r.submitted.clone() />
            }
        } />
    }
}

/// The boxes of the draft: chronology entries, then key events.
#[component]
fn Editor(form: RwSignal<ReportForm>, state: FormState) -> impl IntoView {
    let (errors, problems) = (state.errors, state.problems);
    let entries = Memo::new(move |_| form.with(|f| f.body.chronology.len()));
    let events = Memo::new(move |_| form.with(|f| f.body.key_events.len()));
    let entry_rows = move || {
        (0..entries.get())
            .map(|i| {
                let p = move |field: &str| format!("chronology[{i}].{field}");
                view! {
                    <fieldset class="govuk-fieldset app-row" id=format!("chronology[{i}]-row")>
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{format!("Entry {}", i + 1)}</legend>
                        <DateInput id=p("date") legend="Date" name="The date"
                            value=get(form, move |f| f.body.chronology.get(i).and_then(|e| e.date))
                            on_change=set(form, move |f, v| if let Some(e) = f.body.chronology.get_mut(i) { e.date = v })
                            errors=errors problems=problems />
                        <TextInput id=p("time") label="Time (optional)" hint="24-hour clock, for example 14:30" width="govuk-input--width-5"
                            value=row_text(form, i, |f, i| f.times.get(i))
                            on_input=put_row_text(form, i, |f, i| f.times.get_mut(i)) errors=errors />
                        <Textarea id=p("event") label="Event" rows=3
                            value=row_text(form, i, |f, i| f.body.chronology.get(i).map(|e| &e.event))
                            on_input=put_row_text(form, i, |f, i| f.body.chronology.get_mut(i).map(|e| &mut e.event)) errors=errors />
                        <TextInput id=p("source") label="Source"
                            value=row_text(form, i, |f, i| f.body.chronology.get(i).map(|e| &e.source))
                            on_input=put_row_text(form, i, |f, i| f.body.chronology.get_mut(i).map(|e| &mut e.source)) errors=errors />
                        <TextInput id=p("practitioner_role") label="Practitioner's role"
                            value=row_text(form, i, |f, i| f.body.chronology.get(i).map(|e| &e.practitioner_role))
                            on_input=put_row_text(form, i, |f, i| f.body.chronology.get_mut(i).map(|e| &mut e.practitioner_role)) errors=errors />
                        <Textarea id=p("outcome") label="Action or outcome" rows=2
                            value=row_text(form, i, |f, i| f.body.chronology.get(i).map(|e| &e.outcome))
                            on_input=put_row_text(form, i, |f, i| f.body.chronology.get_mut(i).map(|e| &mut e.outcome)) errors=errors />
                        <RemoveRow id=format!("remove-entry-{}", i + 1) what=format!("entry {}", i + 1)
                            on_remove=Callback::new(move |_| form.update(|f| {
                                f.body.chronology.remove(i);
                                if i < f.times.len() { f.times.remove(i); }
                            })) />
                    </fieldset>
                }
            })
            .collect_view()
    };
    let event_rows = move || {
        (0..events.get())
            .map(|i| {
                let p = move |field: &str| format!("key_events[{i}].{field}");
                macro_rules! area {
                    ($field:ident, $label:expr) => {
                        view! {
                            <Textarea id=p(stringify!($field)) label=$label rows=4
                                value=row_text(form, i, |f, i| f.body.key_events.get(i).map(|k| &k.$field))
                                on_input=put_row_text(form, i, |f, i| f.body.key_events.get_mut(i).map(|k| &mut k.$field)) errors=errors />
                        }
                    };
                }
                view! {
                    <fieldset class="govuk-fieldset app-row" id=format!("key_events[{i}]-row")>
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{format!("Key event {}", i + 1)}</legend>
                        <DateInput id=p("date") legend="Date of the key event" name="The date of the key event"
                            value=get(form, move |f| f.body.key_events.get(i).and_then(|k| k.date))
                            on_change=set(form, move |f, v| if let Some(k) = f.body.key_events.get_mut(i) { k.date = v })
                            errors=errors problems=problems />
                        <TextInput id=p("title") label="Title"
                            value=row_text(form, i, |f, i| f.body.key_events.get(i).map(|k| &k.title))
                            on_input=put_row_text(form, i, |f, i| f.body.key_events.get_mut(i).map(|k| &mut k.title)) errors=errors />
                        {area!(analysis, "In-depth analysis of the key event")}
                        {area!(learning, "Learning")}
                        {area!(addressed, "How the learning has been addressed to date")}
                        {area!(outstanding_action, "Outstanding action")}
                        {area!(evidence, "Evidence: what difference has it made (so what)?")}
                        <RemoveRow id=format!("remove-key-event-{}", i + 1) what=format!("key event {}", i + 1)
                            on_remove=Callback::new(move |_| form.update(|f| { f.body.key_events.remove(i); })) />
                    </fieldset>
                }
            })
            .collect_view()
    };
    view! {
        <h2 class="govuk-heading-m">"Chronology"</h2>
        <div id="chronology">{entry_rows}</div>
        <button type="button" class="govuk-button govuk-button--secondary" id="add-entry"
            on:click=move |_| form.update(|f| {
                f.body.chronology.push(ChronologyEntry::default());
                f.times.resize(f.body.chronology.len(), String::new());
            })>
            "Add an entry"
        </button>
        <h2 class="govuk-heading-m">"Key event analysis"</h2>
        <div id="key_events">{event_rows}</div>
        <button type="button" class="govuk-button govuk-button--secondary" id="add-key-event"
            on:click=move |_| form.update(|f| f.body.key_events.push(KeyEvent::default()))>
            "Add a key event"
        </button>
        <div class="govuk-button-group">
            <button type="submit" class="govuk-button" id="save-report" disabled=move || state.sending.get()>"Save the draft"</button>
        </div>
    }
}

/// A report's chronology and key events, to read.
#[component]
fn Body(body: AgencyReportBody) -> impl IntoView {
    let entries = body
        .chronology
        .iter()
        .map(|e| {
            let time = e.time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
            view! {
                <tr class="govuk-table__row">
                    <td class="govuk-table__cell">{maybe(e.date)}" "{time}</td>
                    <td class="govuk-table__cell">{e.event.clone()}</td>
                    <td class="govuk-table__cell">{e.source.clone()}</td>
                    <td class="govuk-table__cell">{e.practitioner_role.clone()}</td>
                    <td class="govuk-table__cell">{e.outcome.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let events = body
        .key_events
        .iter()
        .map(|k| {
            let rows = [
                ("In-depth analysis", &k.analysis),
                ("Learning", &k.learning),
                ("How addressed to date", &k.addressed),
                ("Outstanding action", &k.outstanding_action),
                ("Evidence (so what)", &k.evidence),
            ]
            .into_iter()
            .map(|(key, v)| view! {
                <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{key}</dt><dd class="govuk-summary-list__value app-pre-line">{v.clone()}</dd></div>
            })
            .collect_view();
            view! {
                <h4 class="govuk-heading-s">{format!("{}: {}", maybe(k.date), k.title)}</h4>
                <dl class="govuk-summary-list">{rows}</dl>
            }
        })
        .collect_view();
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--s">"Chronology"</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">"Date and time"</th>
                <th scope="col" class="govuk-table__header">"Event"</th>
                <th scope="col" class="govuk-table__header">"Source"</th>
                <th scope="col" class="govuk-table__header">"Practitioner's role"</th>
                <th scope="col" class="govuk-table__header">"Action or outcome"</th>
            </tr></thead>
            <tbody class="govuk-table__body">{entries}</tbody>
        </table>
        <h3 class="govuk-heading-s">"Key events"</h3>
        {events}
    }
}

/// Every submitted version, the latest open.
#[component]
fn Versions(versions: Vec<ReportVersion>) -> impl IntoView {
    if versions.is_empty() {
        return ().into_any();
    }
    let last = versions.len();
    let items = versions
        .into_iter()
        .rev()
        .map(|v| {
            let kind = if v.revision { "report revision" } else { "first submission" };
            let summary = format!("Version {} ({kind}), submitted on {}", v.version, long(v.submitted_on));
            let open = v.version as usize == last;
            let signed = format!(
                "Signed by the author, {}, on {}, and by the agency's senior manager, {}, on {}.",
                v.author.name,
                long(v.author.signed_on),
                v.manager.name,
                long(v.manager.signed_on)
            );
            view! {
                <details class="govuk-details" open=open id=format!("version-{}", v.version)>
                    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">{summary}</span></summary>
                    <div class="govuk-details__text">
                        <p class="govuk-body">{signed}</p>
                        <Body body=v.body />
                    </div>
                </details>
            }
        })
        .collect_view();
    view! {
        <h2 class="govuk-heading-m" id="versions">"Submitted versions"</h2>
        {items}
    }
    .into_any()
}

/// The office moves a first draft's deadline on: the new date, the reason, whether the
/// National Panel was advised.
#[component]
fn ExtendForm(
    form: RwSignal<ReportForm>,
    state: FormState,
    on_extend: impl Fn(SubmitEvent) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let (errors, problems) = (state.errors, state.problems);
    let advised = Memo::new(move |_| form.with(|f| f.extension.panel_advised));
    view! {
        <form novalidate on:submit=on_extend id="extend-form">
            <h2 class="govuk-heading-m">"Extend the deadline"</h2>
            <DateInput id="due_on" legend="New due date" name="The new due date"
                value=get(form, |f| f.extension.due_on) on_change=set(form, |f, v| f.extension.due_on = v)
                errors=errors problems=problems />
            <Textarea id="reason" label="Reason for the delay" rows=3
                value=text(form, |f| &f.extension.reason) on_input=put(form, |f| &mut f.extension.reason) errors=errors />
            <crate::components::Checkbox id="panel_advised" legend="The National Panel" label="The National Panel was advised of the delay"
                checked=get(form, |f| f.extension.panel_advised)
                on_change=set(form, |f, v| {
                    f.extension.panel_advised = v;
                    if !v {
                        f.extension.panel_advised_on = None;
                    }
                }) errors=errors />
            {move || advised.get().then(|| view! {
                <DateInput id="panel_advised_on" legend="Date the National Panel was advised" name="The date the National Panel was advised"
                    value=get(form, |f| f.extension.panel_advised_on) on_change=set(form, |f, v| f.extension.panel_advised_on = v)
                    errors=errors problems=problems />
            })}
            <button type="submit" class="govuk-button govuk-button--secondary" id="extend-report" disabled=move || state.sending.get()>"Extend the deadline"</button>
        </form>
    }
}
