//! Home: what needs this person's attention in this partnership, by role (drafts to finish,
//! returned referrals, referrals awaiting a recommendation or a decision), and a way to start
//! a referral for those who may.
use super::PageHeading;
use crate::api::{self, ApiFailure};
use crate::components::{share, ErrorSummary, Load, Loading, Shared, StageTag};
use crate::pages::case::dashboard::DeadlinesSection;
use crate::router::{Route, Router};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::case::clock_kinds_acted_on;
use shared::cspr::{ReviewTask, TaskKind};
use shared::overview::DraftForComment;
use shared::referral::journey::{long_date, may_list_referrals, may_start_referral, queues, Queue};
use shared::referral::{ReferralForm, ReferralStage, ReferralSummary};

/// A short reference for people: the first eight characters of the id.
pub fn reference(id: uuid::Uuid) -> String {
    id.simple().to_string()[..8].to_ascii_uppercase()
}

#[component]
pub fn Home() -> impl IntoView {
    let session = Session::expect();
    let router = Router::get();
    let Some(me) = session.me() else { return ().into_any() };
    let roles = me.roles.clone();
    let state = RwSignal::new(Load::<Shared>::Loading);
    if may_list_referrals(&roles) {
        spawn_local(async move {
            state.set(match api::referrals(session).await {
                Ok(page) => Load::Loaded(share(page.items)),
                Err(why) => Load::Failed(why),
            });
        });
    } else {
        state.set(Load::Loaded(share(Vec::<ReferralSummary>::new())));
    }

    let start_failure = RwSignal::new(None::<ApiFailure>);
    let starting = RwSignal::new(false);
    let start = {
        let me = me.clone();
        move |_| {
            if starting.get_untracked() {
                return;
            }
            starting.set(true);
            start_failure.set(None);
            let mut form = ReferralForm::default();
            form.referrer.name = me.user.name.clone();
            form.referrer.agency = me.agency.as_ref().map(|a| a.name.clone()).unwrap_or_default();
            spawn_local(async move {
                let outcome = api::start_referral(session, &form).await;
                starting.set(false);
                match outcome {
                    Ok(view) => router.go(Route::Tasks(view.id)),
                    Err(why) => start_failure.set(Some(why)),
                }
            });
        }
    };
    let start_button = may_start_referral(&roles).then(|| {
        view! {
            <button type="button" class="govuk-button" id="start-referral" disabled=move || starting.get() on:click=start>
                "Start a new referral"
            </button>
        }
    });
    let user_id = me.user.id;
    let lists = queues(&roles);
    let tasks = RwSignal::new(Vec::<ReviewTask>::new());
    if roles.iter().any(|r| shared::cspr::CSPR_READERS.contains(r)) {
        spawn_local(async move {
            if let Ok(list) = api::review_tasks(session).await {
                tasks.set(list);
            }
        });
    }
    let drafts = RwSignal::new(Vec::<DraftForComment>::new());
    if roles.contains(&shared::Role::Scrutineer) || !me.other_tenants.is_empty() {
        spawn_local(async move {
            if let Ok(list) = api::drafts_for_comment(session).await {
                drafts.set(list);
            }
        });
    }
    let quiet = lists.is_empty() && clock_kinds_acted_on(&roles).is_empty();
    let nothing = move || {
        (quiet && tasks.with(Vec::is_empty) && drafts.with(Vec::is_empty)).then(|| {
            view! {
                <p class="govuk-body" id="nothing-to-do">
                    "Nothing needs your attention in this partnership at the moment."
                </p>
            }
        })
    };
    let render_lists = move |items: Vec<ReferralSummary>| {
        lists
            .iter()
            .cloned()
            .map(|queue| view! { <QueueTable queue=queue items=items.clone() user_id=user_id /> })
            .collect_view()
    };
    let role_names = me.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ");

    view! {
        <ErrorSummary failure=start_failure />
        <PageHeading text="Home" caption=me.tenant.name.clone() />
        <p class="govuk-body">
            "Signed in as " <strong id="signed-in-user">{me.user.name.clone()}</strong>
            " (" {me.user.email.clone()} ") in "
            <strong id="signed-in-tenant">{me.tenant.name.clone()}</strong> "."
        </p>
        <p class="govuk-body" id="signed-in-roles">
            {if role_names.is_empty() { "You have no roles in this partnership.".to_string() } else { format!("Your roles: {role_names}.") }}
        </p>
        {start_button}
        <DraftsForComment drafts=drafts current=me.tenant.slug.clone() />
        <ReviewTasks tasks=tasks />
        <DeadlinesSection />
        {nothing}
        <Loading state=state render=render_lists />
    }
    .into_any()
}

#[component]
fn QueueTable(queue: Queue, items: Vec<ReferralSummary>, user_id: uuid::Uuid) -> impl IntoView {
    let held: Vec<ReferralSummary> = items.into_iter().filter(|r| queue.holds(r, user_id)).collect();
    let body = if held.is_empty() {
        view! { <p class="govuk-body">{queue.empty}</p> }.into_any()
    } else {
        let rows = held
            .into_iter()
            .map(|r| {
                let editable = r.stage.editable() && r.referrer_id == user_id;
                let href = if editable { Route::Tasks(r.id).href() } else { Route::Referral(r.id).href() };
                let when = match (r.stage, r.submitted_at) {
                    (ReferralStage::Draft, _) | (_, None) => {
                        format!("Started {}", long_date(r.created_at.date_naive()))
                    }
                    (_, Some(at)) => format!("Submitted {}", long_date(at.date_naive())),
                };
                let review = r.review_type.map(|t| t.label()).unwrap_or("Not chosen yet");
                let child = if r.child_name.is_empty() { "Not given yet".to_string() } else { r.child_name.clone() };
                view! {
                    <tr class="govuk-table__row">
                        <td class="govuk-table__cell">
                            <a class="govuk-link" href=href data-referral=r.id.to_string()>
                                "Referral " {reference(r.id)}
                            </a>
                        </td>
                        <td class="govuk-table__cell">{child}</td>
                        <td class="govuk-table__cell">{when}</td>
                        <td class="govuk-table__cell">{review}</td>
                        <td class="govuk-table__cell"><StageTag stage=r.stage /></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-visually-hidden">{queue.heading}</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Referral"</th>
                        <th scope="col" class="govuk-table__header">"Child"</th>
                        <th scope="col" class="govuk-table__header">"Date"</th>
                        <th scope="col" class="govuk-table__header">"Review type asked for"</th>
                        <th scope="col" class="govuk-table__header">"Stage"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section id=format!("queue-{}", queue.key) aria-labelledby=format!("queue-{}-heading", queue.key)>
            <h2 class="govuk-heading-m" id=format!("queue-{}-heading", queue.key)>{queue.heading}</h2>
            {body}
        </section>
    }
}

/// The overview reports waiting for the Independent Scrutineer's comments, in every
/// partnership they belong to: each row names the partnership, and one click opens the
/// report (switching partnership first when it is another).
#[component]
fn DraftsForComment(drafts: RwSignal<Vec<DraftForComment>>, current: String) -> impl IntoView {
    let failure = RwSignal::new(None::<ApiFailure>);
    let open = move |slug: String, case: uuid::Uuid| {
        let session = Session::expect();
        let router = Router::get();
        let (Some(token), Some(leaving)) = (session.access_token(), session.refresh_token()) else { return };
        spawn_local(async move {
            let switched = async {
                let tokens = crate::transport::switch(&token, &slug, &leaving).await?;
                let me = crate::transport::me(&tokens.access_token).await?;
                Ok::<_, ApiFailure>(crate::session::SignedIn::new(tokens, me))
            };
            match switched.await {
                Ok(signed_in) => {
                    router.go(Route::Overview(case));
                    session.sign_in(signed_in);
                }
                Err(why) => failure.set(Some(why)),
            }
        });
    };
    move || {
        let list = drafts.get();
        (!list.is_empty()).then(|| {
            let rows = list
                .into_iter()
                .map(|d| {
                    let what = format!(
                        "{}: case {}, version {} of {}, {} open comment(s)",
                        d.tenant_name,
                        d.reference,
                        d.version,
                        long_date(d.saved_on),
                        d.open_threads
                    );
                    let action = if d.tenant_slug == current {
                        view! { <a class="govuk-link" href=Route::Overview(d.case_id).href() data-draft=d.case_id.to_string()>"Comment on the draft"<span class="govuk-visually-hidden">{format!(" of case {}", d.reference)}</span></a> }.into_any()
                    } else {
                        let (slug, case) = (d.tenant_slug.clone(), d.case_id);
                        view! {
                            <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-draft=d.case_id.to_string()
                                on:click=move |_| open(slug.clone(), case)>{format!("Switch to {} and comment", d.tenant_name)}</button>
                        }
                        .into_any()
                    };
                    view! {
                        <tr class="govuk-table__row">
                            <td class="govuk-table__cell">{what}</td>
                            <td class="govuk-table__cell">{action}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section id="drafts-for-comment" aria-labelledby="drafts-heading">
                    <h2 class="govuk-heading-m" id="drafts-heading">"Overview reports waiting for your comments"</h2>
                    <ErrorSummary failure=failure />
                    <table class="govuk-table">
                        <caption class="govuk-table__caption govuk-visually-hidden">"Drafts waiting for your comments, in every partnership"</caption>
                        <thead class="govuk-table__head"><tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Draft"</th>
                            <th scope="col" class="govuk-table__header">"Open"</th>
                        </tr></thead>
                        <tbody class="govuk-table__body">{rows}</tbody>
                    </table>
                </section>
            }
        })
    }
}

/// The person's part in the partnership's local CSPRs: each task links to its page.
#[component]
fn ReviewTasks(tasks: RwSignal<Vec<ReviewTask>>) -> impl IntoView {
    move || {
        let list = tasks.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|t| {
                    let href = match (t.kind, t.agency_id) {
                        (TaskKind::ReadReport | TaskKind::WriteReport | TaskKind::SignOffReport, Some(a)) => {
                            Route::AgencyReport(t.case_id, a).href()
                        }
                        _ => Route::Review(t.case_id).href(),
                    };
                    let agency = t.agency_name.map(|a| format!(" ({a})")).unwrap_or_default();
                    let due = t.due_on.map(|d| format!(", due {}", long_date(d))).unwrap_or_default();
                    view! {
                        <li data-task=t.kind.as_str()>
                            <a class="govuk-link" href=href>{format!("{}{agency}", t.kind.label())}</a>
                            {format!(": case {}{due}", t.case_reference)}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section id="review-tasks" aria-labelledby="review-tasks-heading">
                    <h2 class="govuk-heading-m" id="review-tasks-heading">"Your part in local reviews"</h2>
                    <ul class="govuk-list govuk-list--bullet">{items}</ul>
                </section>
            }
        })
    }
}
