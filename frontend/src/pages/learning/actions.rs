//! The actions board across cases (overdue first, filtered by agency, status and case) and an
//! action's page: its history, its owner's progress and evidence of impact, and a strategic
//! lead's agreement that closes it.
use crate::api::{self, ApiFailure};
use crate::components::{
    share, BackLink, Checkbox, ErrorSummary, Load, Loading, Select, Shared, SummaryList, SummaryRow, Textarea,
};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use crate::session::Session;
use gloo_net::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::agency::AgencyView;
use shared::learning::actions::{agree, may_update, update, MoveRefused, ACTION_AGREERS};
use shared::learning::{ActionAgreement, ActionStatus, ActionUpdateForm, ActionUpdateKind, ActionView};
use shared::referral::journey::long_date;
use uuid::Uuid;

/// A status as a GOV.UK tag (overdue in red).
pub fn status_tag(status: ActionStatus, overdue: bool) -> impl IntoView {
    let (class, text) = match (status, overdue) {
        (_, true) => ("govuk-tag govuk-tag--red", "Overdue".to_string()),
        (ActionStatus::Closed, _) => ("govuk-tag govuk-tag--green", status.label().to_string()),
        (ActionStatus::AwaitingAgreement, _) => ("govuk-tag govuk-tag--yellow", status.label().to_string()),
        (ActionStatus::Open, _) => ("govuk-tag govuk-tag--blue", status.label().to_string()),
    };
    view! { <strong class=class>{text}</strong> }
}

/// The actions as a table: case, action, owner, due date and status.
pub fn actions_table(id: &'static str, actions: Vec<ActionView>) -> AnyView {
    if actions.is_empty() {
        return view! { <p class="govuk-body" id=id>"No actions."</p> }.into_any();
    }
    let rows = actions
        .into_iter()
        .map(|a| {
            let owner = match &a.owner_person {
                Some(p) => format!("{} ({})", a.owner_agency, p),
                None => format!("{} (no owner yet)", a.owner_agency),
            };
            view! {
                <tr class="govuk-table__row" data-overdue=a.overdue.to_string()>
                    <td class="govuk-table__cell">{a.reference.clone()}</td>
                    <td class="govuk-table__cell">
                        <a class="govuk-link" href=Route::Action(a.id).href()>{a.description.clone()}</a>
                    </td>
                    <td class="govuk-table__cell">{owner}</td>
                    <td class="govuk-table__cell">{long_date(a.due_on)}</td>
                    <td class="govuk-table__cell">{status_tag(a.status, a.overdue)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="govuk-table" id=id>
            <caption class="govuk-table__caption govuk-table__caption--m">"Actions, overdue first"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Case"</th>
                    <th scope="col" class="govuk-table__header">"Action"</th>
                    <th scope="col" class="govuk-table__header">"Owner"</th>
                    <th scope="col" class="govuk-table__header">"Due"</th>
                    <th scope="col" class="govuk-table__header">"Status"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">{rows}</tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn ActionsPage() -> impl IntoView {
    let session = Session::expect();
    let state = FormState::new();
    let agencies = RwSignal::new(Vec::<AgencyView>::new());
    let agency = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let loaded = RwSignal::new(Load::<Shared>::Loading);
    let fetch = move || {
        let mut query = Vec::new();
        if !agency.get_untracked().is_empty() {
            query.push(format!("agency_id={}", agency.get_untracked()));
        }
        if !status.get_untracked().is_empty() {
            query.push(format!("status={}", status.get_untracked()));
        }
        let path = format!("actions?{}", query.join("&"));
        spawn_local(async move {
            let answer: Result<Vec<ActionView>, ApiFailure> = api::read(session, &path).await;
            let _ = loaded.try_set(match answer {
                Ok(list) => Load::Loaded(share(list)),
                Err(why) => Load::Failed(why),
            });
        });
    };
    spawn_local(async move {
        if let Ok(list) = api::agencies(session).await {
            let _ = agencies.try_set(list);
        }
    });
    fetch();
    let statuses: Vec<(String, String)> =
        ActionStatus::ALL.iter().map(|s| (s.as_str().to_string(), s.label().to_string())).collect();
    let filters = move || {
        let options: Vec<(String, String)> = agencies.get().into_iter().map(|a| (a.id.to_string(), a.name)).collect();
        let statuses = statuses.clone();
        view! {
            <form novalidate id="action-filters" class="app-filters" on:submit=move |ev| {
                ev.prevent_default();
                loaded.set(Load::Loading);
                fetch();
            }>
                <Select id="agency" label="Agency" options=options value=agency on_change=Callback::new(move |v| agency.set(v)) errors=state.errors />
                <Select id="status" label="Status" options=statuses value=status on_change=Callback::new(move |v| status.set(v)) errors=state.errors />
                <button type="submit" class="govuk-button govuk-button--secondary" id="filter">"Show these actions"</button>
            </form>
        }
    };
    view! {
        <PageHeading text="Actions" caption="Learning into practice".to_string() />
        <p class="govuk-body">"Every action from Rapid Reviews, referrals' learning and reviews' recommendations, followed until there is evidence that practice changed."</p>
        {filters}
        <Loading state=loaded render={move |list: Vec<ActionView>| actions_table("actions-table", list)} />
    }
}

#[component]
pub fn ActionPage(id: Uuid) -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let loaded = RwSignal::new(Load::<Shared>::Loading);
    let load = move || {
        spawn_local(async move {
            let answer: Result<ActionView, ApiFailure> = api::read(session, &format!("actions/{id}")).await;
            let _ = loaded.try_set(match answer {
                Ok(a) => Load::Loaded(share(a)),
                Err(why) => Load::Failed(why),
            });
        });
    };
    load();
    let render = move |a: ActionView| details(a, state, loaded);
    view! {
        <BackLink href=Route::Actions.href() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                <Loading state=loaded render=render />
            </div>
        </div>
    }
}

fn refused(r: MoveRefused) -> Vec<shared::FieldError> {
    match r {
        MoveRefused::Invalid(errors) => errors,
        MoveRefused::Stage(m) => vec![shared::FieldError::new("text", "invalid_stage", m)],
    }
}

fn kind_label(kind: ActionUpdateKind) -> &'static str {
    match kind {
        ActionUpdateKind::Progress => "Progress",
        ActionUpdateKind::ClosureRequested => "Evidence of impact, asking to close",
        ActionUpdateKind::Agreed => "A lead agreed: closed",
        ActionUpdateKind::NotAgreed => "A lead did not agree",
    }
}

fn details(a: ActionView, state: FormState, loaded: RwSignal<Load<Shared>>) -> AnyView {
    let session = state.session;
    let me = untrack(|| session.me());
    let roles = me.as_ref().map(|m| m.roles.clone()).unwrap_or_default();
    let owns = me.as_ref().is_some_and(|m| {
        shared::learning::actions::owns(
            a.owner_person_id,
            a.owner_agency_id,
            m.user.id,
            m.agency.as_ref().map(|x| x.id),
        )
    });
    let id = a.id;
    let version = a.version;
    let mut rows = vec![
        SummaryRow::new("Case", a.reference.clone()),
        SummaryRow::new("Owner agency", a.owner_agency.clone()),
        SummaryRow::new("Owner", a.owner_person.clone().unwrap_or_else(|| "Not given yet".into())),
        SummaryRow::new("Due", long_date(a.due_on)),
        SummaryRow::new(
            "Status",
            if a.overdue { format!("{} (overdue)", a.status.label()) } else { a.status.label().to_string() },
        ),
    ];
    if let Some(e) = &a.evidence {
        rows.push(SummaryRow::new("Evidence of impact", e.clone()));
    }
    if let (Some(on), Some(by)) = (a.closed_on, &a.agreed_by) {
        rows.push(SummaryRow::new("Closed", format!("{}, agreed by {by}", long_date(on))));
    }
    let history = a
        .updates
        .iter()
        .map(|u| {
            view! {
                <li>
                    <p class="govuk-body govuk-!-margin-bottom-1"><strong>{kind_label(u.kind)}</strong>{format!(" — {}, {}", u.author, long_date(u.written_on))}</p>
                    <p class="govuk-body">{u.text.clone()}</p>
                </li>
            }
        })
        .collect_view();
    let done = move |saved: ActionView| loaded.set(Load::Loaded(share(saved)));
    let text = RwSignal::new(String::new());
    let close = RwSignal::new(false);
    let update_form = (a.status != ActionStatus::Closed && may_update(&roles, owns)).then(|| {
        let status = a.status;
        let on_submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let form = ActionUpdateForm { text: text.get_untracked(), close: close.get_untracked() };
            let checked = update(status, &form).err().map(refused).unwrap_or_default();
            if !state.ready(checked) {
                return;
            }
            state.send(
                async move { api::write(session, Method::POST, &format!("actions/{id}/updates"), &form, Some(version)).await },
                done,
            );
        };
        view! {
            <form novalidate id="update-action" on:submit=on_submit>
                <h2 class="govuk-heading-m">"Record progress"</h2>
                <Textarea id="text" label="Progress, or the evidence that practice changed"
                    hint="Evidence of impact says what is different for children: an audit, a re-audit, what practitioners now do.".to_string()
                    value=text on_input=Callback::new(move |v| text.set(v)) errors=state.errors />
                <Checkbox id="close" legend="Done?" label="This is the evidence of impact: ask a strategic lead to agree the action is done"
                    checked=close on_change=Callback::new(move |v| close.set(v)) errors=state.errors />
                <button type="submit" class="govuk-button" id="save-update" disabled=move || state.sending.get()>"Save"</button>
            </form>
        }
    });
    let note = RwSignal::new(String::new());
    let lead = roles.iter().any(|r| ACTION_AGREERS.contains(r));
    let agreement = (a.status == ActionStatus::AwaitingAgreement && lead).then(|| {
        let answer = move |yes: bool| {
            let body = ActionAgreement { agree: yes, note: note.get_untracked() };
            let checked = agree(ActionStatus::AwaitingAgreement, &body)
                .err()
                .map(|r| match r {
                    MoveRefused::Invalid(e) => e,
                    MoveRefused::Stage(m) => vec![shared::FieldError::new("note", "invalid_stage", m)],
                })
                .unwrap_or_default();
            if !state.ready(checked) {
                return;
            }
            state.send(
                async move { api::write(session, Method::POST, &format!("actions/{id}/agreement"), &body, Some(version)).await },
                done,
            );
        };
        view! {
            <div id="agreement">
                <h2 class="govuk-heading-m">"Is the action done?"</h2>
                <p class="govuk-body">"The owner has given the evidence of impact above and asks you to agree the action is done."</p>
                <button type="button" class="govuk-button" id="agree" disabled=move || state.sending.get() on:click=move |_| answer(true)>"Agree: close the action"</button>
                <Textarea id="note" label="If not yet: what is still missing" value=note on_input=Callback::new(move |v| note.set(v)) errors=state.errors rows=3 />
                <button type="button" class="govuk-button govuk-button--secondary" id="not-agree" disabled=move || state.sending.get() on:click=move |_| answer(false)>"Not yet: send it back"</button>
            </div>
        }
    });
    let change = (a.status != ActionStatus::Closed && roles.contains(&shared::Role::BusinessOffice)).then(|| {
        view! { <p class="govuk-body"><a class="govuk-link" id="change-action" href=Route::EditAction(id).href()>"Change the owner, due date or words"</a></p> }
    });
    view! {
        <PageHeading text=a.description.clone() caption=format!("Action, {}", a.source.as_str().replace('_', " ")) />
        <p class="govuk-body" id="action-status">{status_tag(a.status, a.overdue)}</p>
        <SummaryList rows=rows id="action".to_string() />
        {change}
        {agreement}
        {update_form}
        <h2 class="govuk-heading-m" id="history-heading">"History"</h2>
        <ol class="govuk-list" id="history" aria-labelledby="history-heading">{history}</ol>
    }
    .into_any()
}
