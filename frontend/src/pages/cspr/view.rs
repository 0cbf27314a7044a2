//! The review's page: what is recorded so far, the agencies' reports, the merged chronology,
//! the practitioner event, the family and the parallel processes, and the steps the person
//! may take now.
use super::{family::GenogramPicture, load_review, long, maybe};
use crate::components::{BackLink, ClockTag, Loading, SummaryList, SummaryRow};
use crate::pages::PageHeading;
use crate::router::{ReviewStep, Route};
use leptos::prelude::*;
use shared::cspr::*;
use uuid::Uuid;

#[component]
pub fn ReviewPage(id: Uuid) -> impl IntoView {
    let review = load_review(id);
    view! {
        <BackLink href=Route::Case(id).href() text="Back to the case" />
        <PageHeading text="Local child safeguarding practice review" />
        <Loading state=review render=move |r: CsprView| view! { <Review r=r /> } />
    }
}

#[component]
fn Review(r: CsprView) -> impl IntoView {
    let id = r.case_id;
    let hold = r.publication_hold.then(|| {
        view! {
            <div class="govuk-warning-text" id="publication-hold">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning"</span>
                    "Publication is on hold: a prosecution is active."
                </strong>
            </div>
        }
    });
    let reminders = (!r.reminders.is_empty()).then(|| {
        let items = r.reminders.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view();
        view! { <div class="govuk-inset-text" id="reminders"><ul class="govuk-list">{items}</ul></div> }
    });
    let actions: Vec<_> = r
        .allowed_actions
        .iter()
        .filter_map(|a| ReviewStep::of(*a).map(|s| (s, a.label())))
        .map(|(s, label)| view! { <li><a class="govuk-link" href=Route::ReviewStep(id, s).href() id=format!("do-{}", s.slug())>{label}</a></li> })
        .collect();
    let actions = (!actions.is_empty()).then(|| {
        view! {
            <h2 class="govuk-heading-m">"What you can do"</h2>
            <ul class="govuk-list govuk-list--bullet" id="review-actions">{actions}</ul>
        }
    });
    view! {
        <p class="govuk-body">{format!("Case {}", r.case_reference)}</p>
        {hold}
        {reminders}
        {actions}
        <Commissioning r=r.clone() />
        {(r.whole || crate::session::Session::expect().me().is_some_and(|m| m.roles.contains(&shared::Role::AgencyManager))).then(|| view! { <Group r=r.clone() /> })}
        <Terms r=r.clone() />
        <Reports r=r.clone() />
        {(r.whole || crate::session::Session::expect().me().is_some_and(|m| m.roles.contains(&shared::Role::AgencyManager))).then(|| view! {
            <Event r=r.clone() />
            <Family r=r.clone() />
            <Processes r=r.clone() />
        })}
    }
}

#[component]
fn Commissioning(r: CsprView) -> impl IntoView {
    let rows = match &r.commission {
        None => vec![SummaryRow::new("Lead reviewer", "Not yet appointed")],
        Some(c) => vec![
            SummaryRow::new("Lead reviewer", c.lead_reviewer_name.clone()),
            SummaryRow::new("Independent Scrutineer", c.scrutineer_name.clone()),
            SummaryRow::new("Commissioned", long(c.commissioned_on)),
            SummaryRow::new("National Panel, Ofsted and DfE told", maybe(c.notice_sent_on)),
        ],
    };
    view! {
        <h2 class="govuk-heading-m" id="commissioning">"Commissioning"</h2>
        <SummaryList rows=rows id="commission".to_string() />
    }
}

#[component]
fn Group(r: CsprView) -> impl IntoView {
    if r.review_group.is_empty() {
        return view! {
            <h2 class="govuk-heading-m">"Review group"</h2>
            <p class="govuk-body" id="group">"Not set yet."</p>
        }
        .into_any();
    }
    let rows = r
        .review_group
        .iter()
        .map(|m| {
            let seat = if m.strategic_lead { "Strategic lead agency" } else { "Partner agency" };
            let involved = if m.member.involved { "Yes" } else { "No" };
            view! {
                <tr class="govuk-table__row">
                    <td class="govuk-table__cell">{m.member.name.clone()}</td>
                    <td class="govuk-table__cell">{m.agency_name.clone()}</td>
                    <td class="govuk-table__cell">{seat}</td>
                    <td class="govuk-table__cell">{m.member.designation.clone()}</td>
                    <td class="govuk-table__cell">{involved}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="govuk-table" id="group">
            <caption class="govuk-table__caption govuk-table__caption--m">"Review group"</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">"Member"</th>
                <th scope="col" class="govuk-table__header">"Agency"</th>
                <th scope="col" class="govuk-table__header">"Seat"</th>
                <th scope="col" class="govuk-table__header">"Designation"</th>
                <th scope="col" class="govuk-table__header">"Involved with the family"</th>
            </tr></thead>
            <tbody class="govuk-table__body">{rows}</tbody>
        </table>
    }
    .into_any()
}

#[component]
fn Terms(r: CsprView) -> impl IntoView {
    let agreed = r.agreement.as_ref().map(|a| a.version);
    let versions = r
        .terms
        .iter()
        .rev()
        .map(|t| {
            let lines = t.key_lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view();
            let observations = t
                .observations
                .iter()
                .map(|o| view! { <li>{format!("{} ({}), {}: {}", o.by, o.role.label(), long(o.on), o.text)}</li> })
                .collect_view();
            let tag = (Some(t.version) == agreed).then(|| view! { <strong class="govuk-tag govuk-tag--green">"Agreed"</strong> });
            view! {
                <div class="app-version" id=format!("terms-{}", t.version)>
                    <h3 class="govuk-heading-s">{format!("Version {}, by {} on {} ", t.version, t.written_by, long(t.written_on))}{tag}</h3>
                    <p class="govuk-body app-pre-line">{t.text.clone()}</p>
                    <p class="govuk-body govuk-!-font-weight-bold">"Key lines of enquiry"</p>
                    <ul class="govuk-list govuk-list--number">{lines}</ul>
                    {(!t.observations.is_empty()).then(|| view! {
                        <p class="govuk-body govuk-!-font-weight-bold">"Observations"</p>
                        <ul class="govuk-list">{observations}</ul>
                    })}
                </div>
            }
        })
        .collect_view();
    let agreement = r.agreement.as_ref().map(|a| {
        view! {
            <p class="govuk-body" id="agreement">
                {format!("Version {} agreed by the review group on {}. Attended: {}.", a.version, long(a.agreed_on), a.attendees.join(", "))}
            </p>
        }
    });
    let briefing = r.briefing.as_ref().and_then(|b| b.held_on.map(|on| (on, b.attendees.join(", ")))).map(|(on, who)| {
        view! { <p class="govuk-body" id="briefing">{format!("Author briefing on {}. Attended: {who}.", long(on))}</p> }
    });
    view! {
        <h2 class="govuk-heading-m" id="terms">"Terms of reference and key lines of enquiry"</h2>
        {agreement}
        {briefing}
        {if r.terms.is_empty() { Some(view! { <p class="govuk-body">"No version yet."</p> }) } else { None }}
        {versions}
    }
}

#[component]
fn Reports(r: CsprView) -> impl IntoView {
    let id = r.case_id;
    let rows = r
        .reports
        .iter()
        .map(|a| {
            view! {
                <tr class="govuk-table__row">
                    <td class="govuk-table__cell">
                        <a class="govuk-link" href=Route::AgencyReport(id, a.agency_id).href()>{a.agency_name.clone()}</a>
                    </td>
                    <td class="govuk-table__cell">{a.author_name.clone()}</td>
                    <td class="govuk-table__cell">{long(a.due_on)}</td>
                    <td class="govuk-table__cell"><ClockTag status=a.clock_status /></td>
                    <td class="govuk-table__cell" data-report-status=a.status.as_str()>
                        {format!("{}{}", a.status.label(), if a.versions > 1 { format!(" (version {})", a.versions) } else { String::new() })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 class="govuk-heading-m" id="reports">"Agency chronologies and key event analyses"</h2>
        {if r.reports.is_empty() {
            view! { <p class="govuk-body">"No agency has been asked yet."</p> }.into_any()
        } else {
            view! {
                <table class="govuk-table" id="report-list">
                    <caption class="govuk-visually-hidden">"Agency reports"</caption>
                    <thead class="govuk-table__head"><tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Agency"</th>
                        <th scope="col" class="govuk-table__header">"Author"</th>
                        <th scope="col" class="govuk-table__header">"Due"</th>
                        <th scope="col" class="govuk-table__header">"Deadline"</th>
                        <th scope="col" class="govuk-table__header">"Report"</th>
                    </tr></thead>
                    <tbody class="govuk-table__body">{rows}</tbody>
                </table>
            }.into_any()
        }}
        <p class="govuk-body">
            <a class="govuk-link" href=Route::Chronology(id).href() id="open-chronology">"The merged chronology"</a>
            {if r.chronology_shared { " (shared with the review group)" } else { " (not yet shared with the review group)" }}
        </p>
        {(r.whole || crate::session::Session::expect().me().is_some_and(|m| m.roles.contains(&shared::Role::AgencyManager))).then(|| view! {
            <p class="govuk-body"><a class="govuk-link" href=Route::Overview(id).href() id="open-overview">"The overview report"</a></p>
        })}
    }
}

#[component]
fn Event(r: CsprView) -> impl IntoView {
    let Some(e) = r.event else {
        return view! {
            <h2 class="govuk-heading-m">"Practitioner event"</h2>
            <p class="govuk-body" id="event">"Not recorded yet."</p>
        }
        .into_any();
    };
    let invitees = e
        .invitees
        .iter()
        .map(|i| {
            let attended = match (i.attended, i.one_to_one_on) {
                (Some(true), _) => "Attended".to_string(),
                (Some(false), Some(d)) => format!("One-to-one on {}", long(d)),
                (Some(false), None) => "Did not attend".to_string(),
                (None, _) => "Not known".to_string(),
            };
            let role = if i.reason.is_empty() {
                i.role.label().to_string()
            } else {
                format!("{}: {}", i.role.label(), i.reason)
            };
            view! {
                <tr class="govuk-table__row">
                    <td class="govuk-table__cell">{i.name.clone()}</td>
                    <td class="govuk-table__cell">{i.team.clone()}</td>
                    <td class="govuk-table__cell">{role}</td>
                    <td class="govuk-table__cell">{attended}</td>
                </tr>
            }
        })
        .collect_view();
    let rows = vec![
        SummaryRow::new("Date", maybe(e.held_on)),
        SummaryRow::new("Format", e.format.map(|f| f.label()).unwrap_or("Not given")),
        SummaryRow::new("Questions circulated", maybe(e.questions_sent_on)),
        SummaryRow::new("Support before", e.support_before.clone()),
        SummaryRow::new("Support after", e.support_after.clone()),
    ];
    view! {
        <h2 class="govuk-heading-m">"Practitioner event"</h2>
        <SummaryList rows=rows id="event".to_string() />
        <table class="govuk-table" id="invitees">
            <caption class="govuk-table__caption govuk-table__caption--s">"Invitees"</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">"Name"</th>
                <th scope="col" class="govuk-table__header">"Team"</th>
                <th scope="col" class="govuk-table__header">"Invited as"</th>
                <th scope="col" class="govuk-table__header">"Attendance"</th>
            </tr></thead>
            <tbody class="govuk-table__body">{invitees}</tbody>
        </table>
    }
    .into_any()
}

#[component]
fn Family(r: CsprView) -> impl IntoView {
    let Some(f) = r.family else {
        return view! {
            <h2 class="govuk-heading-m">"The family"</h2>
            <p class="govuk-body" id="family">"Not recorded yet."</p>
        }
        .into_any();
    };
    let consent = match f.consent_given {
        Some(true) => format!("Given on {}", maybe(f.consent_on)),
        Some(false) => format!("Refused on {}", maybe(f.consent_on)),
        None => "Not asked yet".into(),
    };
    let meetings = f.meetings.iter().map(|m| format!("{} with {}", maybe(m.on), m.with)).collect::<Vec<_>>().join("\n");
    let rows = vec![
        SummaryRow::new(
            "Initial letter",
            f.initial_letter_on
                .map(|d| format!("{}, delivered by {}", long(d), f.initial_letter_by))
                .unwrap_or_default(),
        ),
        SummaryRow::new("Consent to access records", consent),
        SummaryRow::new("Meetings with the lead reviewer", meetings),
        SummaryRow::new("Mid-process letter", maybe(f.mid_letter_on)),
        SummaryRow::new("Findings shared", maybe(f.findings_shared_on)),
    ];
    view! {
        <h2 class="govuk-heading-m">"The family"</h2>
        <SummaryList rows=rows id="family".to_string() />
        <GenogramPicture family=f />
    }
    .into_any()
}

#[component]
fn Processes(r: CsprView) -> impl IntoView {
    let id = r.case_id;
    let office = r.allowed_actions.contains(&CsprAction::RecordProcess);
    let rows = r
        .processes
        .iter()
        .map(|p| {
            let officer = p.officer.as_ref().map(|o| format!("{} {} {}", o.name, o.phone, o.email)).unwrap_or_default();
            let last = p.updates.last().map(|u| format!("{}: {}", long(u.on), u.note)).unwrap_or_default();
            let update = office.then(|| {
                view! { <a class="govuk-link" href=Route::Process(id, p.id).href()>"Update"<span class="govuk-visually-hidden">{format!(" the {}", p.kind.label().to_lowercase())}</span></a> }
            });
            let tag = if p.holds() { "govuk-tag govuk-tag--red" } else { "govuk-tag govuk-tag--grey" };
            view! {
                <tr class="govuk-table__row">
                    <td class="govuk-table__cell">{p.kind.label()}</td>
                    <td class="govuk-table__cell"><strong class=tag>{p.status.label()}</strong></td>
                    <td class="govuk-table__cell">{officer}</td>
                    <td class="govuk-table__cell">{last}</td>
                    <td class="govuk-table__cell">{update}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 class="govuk-heading-m">"Parallel processes"</h2>
        {if r.processes.is_empty() {
            view! { <p class="govuk-body" id="processes">"None recorded."</p> }.into_any()
        } else {
            view! {
                <table class="govuk-table" id="processes">
                    <caption class="govuk-visually-hidden">"Parallel processes"</caption>
                    <thead class="govuk-table__head"><tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Process"</th>
                        <th scope="col" class="govuk-table__header">"Status"</th>
                        <th scope="col" class="govuk-table__header">"Officer in charge"</th>
                        <th scope="col" class="govuk-table__header">"Latest update"</th>
                        <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Actions"</span></th>
                    </tr></thead>
                    <tbody class="govuk-table__body">{rows}</tbody>
                </table>
            }.into_any()
        }}
    }
}
