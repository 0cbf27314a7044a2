//! A referral's own page: its stage, the office's recommendation and the strategic partners'
//! decision when made, every answer, and only the actions the person may take now (from the
//! server's `allowed_actions`, computed by the `shared` stage machine).
use super::answers::Answers;
use super::load::{caption, load_referral};
use crate::components::{BackLink, Loading, StageTag, SummaryList, SummaryRow};
use crate::pages::PageHeading;
use crate::router::Route;
use crate::session::Session;
use leptos::prelude::*;
use shared::referral::journey::long_date;
use shared::referral::{ReferralAction, ReferralStage, ReferralView};
use uuid::Uuid;

fn yes_no(b: bool) -> &'static str {
    if b {
        "Yes"
    } else {
        "No"
    }
}

#[component]
pub fn ReferralPage(id: Uuid) -> impl IntoView {
    let state = load_referral(id, |_| {});
    // Read once (not tracked: signing out must not redraw the page being left).
    let roles = untrack(|| Session::expect().me()).map(|me| me.roles).unwrap_or_default();
    view! {
        <BackLink href=Route::Home.href() text="Back to home" />
        <PageHeading text="Referral for consideration of a review" caption=caption(id) />
        <Loading state=state render=move |view: ReferralView| details(id, view, &roles) />
    }
}

fn action_link(id: Uuid, action: ReferralAction) -> AnyView {
    let (route, label, secondary) = match action {
        ReferralAction::Edit => (Route::Tasks(id), "Continue the referral", true),
        ReferralAction::SendForSignOff => (Route::CheckAnswers(id), "Check answers and send for sign-off", false),
        ReferralAction::SignOff => (Route::SignOff(id), "Sign off or return the referral", false),
        // on the sign-off page too
        ReferralAction::ReturnByManager => return ().into_any(),
        ReferralAction::Recommend => (Route::Recommend(id), "Record the recommendation", false),
        ReferralAction::Return => (Route::Return(id), "Return for completion", true),
        ReferralAction::Decide => (Route::Decide(id), "Record the decision", false),
    };
    let class = if secondary { "govuk-button govuk-button--secondary" } else { "govuk-button" };
    view! {
        <a href=route.href() draggable="false" class=class id=format!("action-{}", action.as_str())>
            {label}
        </a>
    }
    .into_any()
}

fn details(id: Uuid, view: ReferralView, roles: &[shared::Role]) -> AnyView {
    let mut overview = vec![SummaryRow::new("Stage", view.stage.label())];
    overview.push(SummaryRow::new("Started", long_date(view.created_at.date_naive())));
    // The form's Senior Manager box: the manager's name and agency from their account.
    if let Some(m) = &view.manager {
        let signed = match view.signed_off_at {
            Some(at) => format!("{} ({}), signed off on {}", m.name, m.agency, long_date(at.date_naive())),
            None => format!("{} ({}), not yet signed off", m.name, m.agency),
        };
        overview.push(SummaryRow::new("Senior manager for safeguarding", signed));
    } else if !view.form.senior_manager.person.name.trim().is_empty() {
        // a referral from before the sign-off: the manager as the referrer typed them
        let typed = &view.form.senior_manager.person;
        overview.push(SummaryRow::new("Senior manager for safeguarding", format!("{} ({})", typed.name, typed.agency)));
    }
    if let Some(at) = view.submitted_at {
        overview.push(SummaryRow::new("Submitted to the business office", long_date(at.date_naive())));
    }
    if let Some(c) = &view.clock {
        let stands = match c.met_on {
            Some(met) => format!("decided {}", long_date(met)),
            None => shared::case::journey::days_left_text(c.status, c.working_days_left),
        };
        overview.push(SummaryRow::new(
            "Decision due",
            format!("{} ({stands}). Rule: {} ({})", long_date(c.due_on), c.rule_description, c.rule.source),
        ));
    }
    overview
        .push(SummaryRow::new("Review type asked for", view.form.review_type.map(|t| t.label()).unwrap_or_default()));
    let returned_by = if view.stage == ReferralStage::ReturnedByManager {
        "Returned by the manager: "
    } else {
        "Returned for completion: "
    };
    let returned = view.return_reason.clone().map(|reason| {
        view! {
            <div class="govuk-inset-text" id="return-reason">
                <strong>{returned_by}</strong>{reason}
            </div>
        }
    });
    let recommendation = view.recommendation.clone().map(|r| {
        let rows = vec![
            SummaryRow::new("Is a review recommended?", yes_no(r.review_recommended)),
            SummaryRow::new("Type of review", r.review_type.map(|t| t.label()).unwrap_or_default()),
            SummaryRow::new("Reason for the recommendation", r.reason),
            SummaryRow::new("Comments", r.comments),
            SummaryRow::new("Date of recommendation", long_date(r.recommended_on)),
            SummaryRow::new("Has legal advice been sought?", yes_no(r.legal_advice_sought)),
        ];
        view! {
            <h2 class="govuk-heading-m" id="recommendation-heading">"Business office recommendation"</h2>
            <SummaryList rows=rows id="recommendation".to_string() />
        }
    });
    let decision = view.decision.clone().map(|d| {
        let mut rows = vec![
            SummaryRow::new("Is a review agreed?", yes_no(d.review_agreed)),
            SummaryRow::new("Comments", d.comments),
            SummaryRow::new("Date agreed", long_date(d.decided_on)),
        ];
        if !d.review_agreed {
            rows.push(SummaryRow::new("Learning identified", d.learning_identified));
            for (i, a) in d.actions.iter().enumerate() {
                let due = a.due_on.map(long_date).unwrap_or_default();
                rows.push(SummaryRow::new(
                    format!("Action {}", i + 1),
                    format!("{} (owned by {}, due by {due})", a.action, a.owner),
                ));
            }
        }
        view! {
            <h2 class="govuk-heading-m" id="decision-heading">"Strategic partners' decision"</h2>
            <SummaryList rows=rows id="decision".to_string() />
        }
    });
    // From a decision that agreed a review, the office opens the Rapid Review in one step.
    let open_review = view.offers_rapid_review(roles).then(|| {
        view! {
            <a href=Route::NewCaseFrom(id).href() draggable="false" class="govuk-button" id="action-open-rapid-review">
                "Open the Rapid Review"
            </a>
        }
    });
    let case_link = view.case_id.map(|case| {
        view! {
            <p class="govuk-body" id="rapid-review-link">
                "A Rapid Review was opened from this referral: "
                <a class="govuk-link" href=Route::Case(case).href()>"view the case"</a>
            </p>
        }
    });
    let actions = (!view.allowed_actions.is_empty() || open_review.is_some()).then(|| {
        let links = view.allowed_actions.iter().map(|a| action_link(id, *a)).collect_view();
        view! { <div class="govuk-button-group" id="actions">{links}{open_review}</div> }
    });
    view! {
        <p class="govuk-body" id="referral-stage"><StageTag stage=view.stage /></p>
        {returned}
        {actions}
        {case_link}
        <SummaryList rows=overview id="overview".to_string() />
        {decision}
        {recommendation}
        <h2 class="govuk-heading-l">"The referral"</h2>
        <Answers form=view.form />
    }
    .into_any()
}
