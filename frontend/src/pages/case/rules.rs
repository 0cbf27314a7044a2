//! The partnership's clock rules: for each kind of clock, when it starts, how long it runs
//! and when it stops, with the source of the rule. Everyone reads them; the business office
//! sets the partnership's own, which apply to clocks started from then on.
use crate::api::{self, ApiFailure};
use crate::components::{ErrorSummary, Radios, TextInput, Textarea};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::session::Session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::calendar::{sets_clock_rules, ClockEvent, ClockKind, ClockRule, ClockRuleView, ClockUnit};
use shared::FieldError;

/// The rule being edited: its kind and boxes as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Editing {
    kind: ClockKind,
    start: Option<String>,
    length: String,
    unit: Option<String>,
    stop: Option<String>,
    source: String,
}

impl Editing {
    fn of(view: &ClockRuleView) -> Editing {
        Editing {
            kind: view.kind,
            start: Some(view.rule.start.as_str().into()),
            length: view.rule.length.to_string(),
            unit: Some(view.rule.unit.as_str().into()),
            stop: Some(view.rule.stop.as_str().into()),
            source: view.rule.source.clone(),
        }
    }

    /// The rule, or what is wrong with the boxes.
    fn rule(&self) -> Result<ClockRule, Vec<FieldError>> {
        let length = self.length.trim().parse::<u32>().map_err(|_| {
            vec![FieldError::new("length", "invalid", "Enter the length as a whole number, for example 15")]
        })?;
        let event = |v: &Option<String>| v.as_deref().and_then(ClockEvent::parse);
        let (Some(start), Some(stop), Some(unit)) =
            (event(&self.start), event(&self.stop), self.unit.as_deref().and_then(ClockUnit::parse))
        else {
            return Err(vec![FieldError::new("start", "required", "Choose when the clock starts")]);
        };
        let rule = ClockRule { start, length, unit, stop, source: self.source.clone() };
        let errors = rule.check(self.kind);
        if errors.is_empty() {
            Ok(rule)
        } else {
            Err(errors)
        }
    }
}

fn rules_table(rules: &[ClockRuleView]) -> impl IntoView {
    let rows = rules
        .iter()
        .map(|r| {
            let tag = if r.own {
                view! { <strong class="govuk-tag govuk-tag--blue">"The partnership's own"</strong> }
            } else {
                view! { <strong class="govuk-tag govuk-tag--grey">"Statutory default"</strong> }
            };
            view! {
                <tr class="govuk-table__row" data-kind=r.kind.as_str()>
                    <th scope="row" class="govuk-table__header">{r.label.clone()}</th>
                    <td class="govuk-table__cell">{r.description.clone()}</td>
                    <td class="govuk-table__cell">{r.rule.source.clone()}</td>
                    <td class="govuk-table__cell">{tag}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="govuk-table" id="clock-rules">
            <caption class="govuk-table__caption govuk-table__caption--m">"Clock rules"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Clock"</th>
                    <th scope="col" class="govuk-table__header">"Rule"</th>
                    <th scope="col" class="govuk-table__header">"Source"</th>
                    <th scope="col" class="govuk-table__header">"Set by"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">{rows}</tbody>
        </table>
    }
}

fn choices(events: &[ClockEvent]) -> Vec<(&'static str, &'static str)> {
    events.iter().map(|e| (e.as_str(), e.words())).collect()
}

#[component]
pub fn ClockRulesPage() -> impl IntoView {
    let session = Session::expect();
    let rules: RwSignal<Option<Result<Vec<ClockRuleView>, ApiFailure>>> = RwSignal::new(None);
    let load = move || {
        spawn_local(async move { rules.set(Some(api::clock_rules(session).await)) });
    };
    load();
    let may_set = Memo::new(move |_| session.me().is_some_and(|me| sets_clock_rules(&me.roles)));
    let editing: RwSignal<Option<Editing>> = RwSignal::new(None);
    let state = FormState::new();
    let saved: RwSignal<Option<String>> = RwSignal::new(None);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(e) = editing.get_untracked() else { return };
        if !state.ready(e.rule().err().unwrap_or_default()) {
            return;
        }
        let Ok(rule) = e.rule() else { return };
        let kind = e.kind;
        state.send(async move { api::set_clock_rule(session, kind, &rule).await }, move |view: ClockRuleView| {
            saved.set(Some(format!("{} now: {}.", view.label, view.description)));
            editing.set(None);
            load();
        });
    };
    let set_text = move |write: fn(&mut Editing, String)| {
        Callback::new(move |v: String| {
            editing.update(|e| {
                if let Some(e) = e.as_mut() {
                    write(e, v)
                }
            })
        })
    };
    let get_text = move |read: fn(&Editing) -> String| {
        Signal::derive(move || editing.with(|e| e.as_ref().map(read).unwrap_or_default()))
    };
    let get_choice =
        move |read: fn(&Editing) -> Option<String>| Signal::derive(move || editing.with(|e| e.as_ref().and_then(read)));
    let form = move || {
        let e = editing.get()?;
        let units = ClockUnit::ALL.into_iter().map(|u| (u.as_str(), u.words(false))).collect::<Vec<_>>();
        Some(view! {
            <form novalidate on:submit=on_submit id="clock-rule-form">
                <h2 class="govuk-heading-m">{format!("Change the rule: {}", e.kind.label())}</h2>
                <p class="govuk-body">"The new rule applies to clocks started from now; each clock keeps the rule it was started under."</p>
                <Radios id="start" legend="The clock starts at" options=choices(e.kind.start_events())
                    value=get_choice(|e| e.start.clone()) on_change=set_text(|e, v| e.start = Some(v)) errors=state.errors />
                <TextInput id="length" label="Length" hint="A whole number from 1 to 366" width="govuk-input--width-3"
                    value=get_text(|e| e.length.clone()) on_input=set_text(|e, v| e.length = v) errors=state.errors />
                <Radios id="unit" legend="Counted in" options=units inline=true
                    value=get_choice(|e| e.unit.clone()) on_change=set_text(|e, v| e.unit = Some(v)) errors=state.errors />
                <Radios id="stop" legend="The clock stops at" options=choices(e.kind.stop_events())
                    value=get_choice(|e| e.stop.clone()) on_change=set_text(|e, v| e.stop = Some(v)) errors=state.errors />
                <Textarea id="source" label="Where the rule comes from" rows=3
                    hint="Shown beside every clock started under it, for example: The partnership's framework, section 4"
                    value=get_text(|e| e.source.clone()) on_input=set_text(|e, v| e.source = v) errors=state.errors />
                <div class="govuk-button-group">
                    <button type="submit" class="govuk-button" id="save-clock-rule" disabled=move || state.sending.get()>
                        "Save the rule"
                    </button>
                    <button type="button" class="govuk-button govuk-button--secondary" id="cancel-clock-rule"
                        on:click=move |_| editing.set(None)>"Cancel"</button>
                </div>
            </form>
        })
    };
    let body = move || match rules.get() {
        None => view! { <p class="govuk-body" role="status">"Loading…"</p> }.into_any(),
        Some(Err(why)) => view! { <p class="govuk-body" id="load-failed">{why.to_string()}</p> }.into_any(),
        Some(Ok(list)) => {
            let change = may_set.get().then(|| {
                let buttons = list
                    .iter()
                    .cloned()
                    .map(|r| {
                        let label = format!("Change the rule: {}", r.label);
                        view! {
                            <li>
                                <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
                                    id=format!("change-{}", r.kind.as_str())
                                    on:click=move |_| { saved.set(None); editing.set(Some(Editing::of(&r))) }>
                                    {label}
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="govuk-list" id="change-rules">{buttons}</ul> }
            });
            view! { {rules_table(&list)} {change} }.into_any()
        }
    };
    view! {
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-full">
                <ErrorSummary failure=state.failure />
                <PageHeading text="Clock rules" />
                <p class="govuk-body">"Each deadline runs by a rule: the event that starts it, its length, and the event that stops it. The defaults are the statutory guidance; the partnership may set its own."</p>
                <div role="status" id="saved">{move || saved.get().map(|s| view! { <p class="govuk-body govuk-!-font-weight-bold">{s}</p> })}</div>
                {body}
                {form}
            </div>
        </div>
    }
}
