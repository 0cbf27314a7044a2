//! Around the text: the anonymisation check (each hit with its section and place, the lead
//! reviewer's waivers), the sign-off chain for the latest version, the versions with the
//! words added and removed between two, and the signed-off version as a Word document.
use super::{long, Steps};
use crate::api::{self, OverviewStep};
use crate::components::Textarea;
use crate::form::FormState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::overview::diff::DiffKind;
use shared::overview::{ChainStep, OverviewAction, OverviewView, SignOffForm, VersionDiff, WaiveForm};
use shared::FieldError;
use uuid::Uuid;
use wasm_bindgen::JsCast;

/// The anonymisation check of the latest version.
#[component]
pub fn Hits(view: OverviewView, steps: Steps) -> impl IntoView {
    let waives = view.allowed_actions.contains(&OverviewAction::Waive);
    let summary = if view.hits.is_empty() {
        "No identifiers of the child or family were found.".to_string()
    } else {
        format!(
            "{} found, {} not yet fixed or waived. Sign-off waits until none is left.",
            view.hits.len(),
            view.hits_left
        )
    };
    let rows = view
        .hits
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let where_ = if h.hit.in_heading { format!("{} (heading)", h.heading) } else { h.heading.clone() };
            let state = match &h.waiver {
                Some(w) => format!("Waived by {} on {}: {}", w.by, long(w.on), w.reason),
                None => "Needs fixing or waiving".into(),
            };
            let waive = (waives && h.waiver.is_none()).then(|| {
                let reason = RwSignal::new(String::new());
                let field = format!("waive-{}", i + 1);
                let f = field.clone();
                let (section, found) = (h.hit.section.clone(), h.hit.found.clone());
                let go = move |_| {
                    let r = reason.get_untracked();
                    let errors = if r.trim().is_empty() {
                        vec![FieldError::new(f.clone(), "required", "Enter why this is not an identifier")]
                    } else {
                        Vec::new()
                    };
                    if steps.state.ready(errors) {
                        let form = WaiveForm { section: section.clone(), found: found.clone(), reason: r };
                        steps.take(OverviewStep::Waive(form), "The hit is waived.", || ());
                    }
                };
                view! {
                    <details class="govuk-details app-waive">
                        <summary class="govuk-details__summary"><span class="govuk-details__summary-text">{format!("Waive “{}”", h.hit.found)}</span></summary>
                        <div class="govuk-details__text">
                            <Textarea id=field.clone() label="Why this is not an identifier" rows=2
                                value=Signal::derive(move || reason.get()) on_input=Callback::new(move |v| reason.set(v)) errors=steps.state.errors />
                            <button type="button" class="govuk-button govuk-button--secondary" id=format!("{field}-send") on:click=go>"Waive"<span class="govuk-visually-hidden">{format!(" “{}”", h.hit.found)}</span></button>
                        </div>
                    </details>
                }
            });
            view! {
                <tr class="govuk-table__row" id=format!("hit-{}", i + 1)>
                    <td class="govuk-table__cell">{where_}</td>
                    <td class="govuk-table__cell"><strong>{h.hit.found.clone()}</strong><br />{h.hit.context.clone()}</td>
                    <td class="govuk-table__cell">{kind_label(h.hit.kind)}</td>
                    <td class="govuk-table__cell">{state}{waive}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="hits-heading" id="anonymisation">
            <h2 class="govuk-heading-m" id="hits-heading">"Anonymisation check"</h2>
            <p class="govuk-body" id="hits-summary">{summary}</p>
            {(!view.hits.is_empty()).then(|| view! {
                <table class="govuk-table" id="hits">
                    <caption class="govuk-table__caption govuk-visually-hidden">"Identifiers found in the report"</caption>
                    <thead class="govuk-table__head"><tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Section"</th>
                        <th scope="col" class="govuk-table__header">"Found"</th>
                        <th scope="col" class="govuk-table__header">"Kind"</th>
                        <th scope="col" class="govuk-table__header">"State"</th>
                    </tr></thead>
                    <tbody class="govuk-table__body">{rows}</tbody>
                </table>
            })}
        </section>
    }
}

fn kind_label(kind: shared::overview::anonymise::IdentifierKind) -> &'static str {
    use shared::overview::anonymise::IdentifierKind as K;
    match kind {
        K::Name => "Name",
        K::DateOfBirth => "Date of birth",
        K::Address => "Address",
        K::Postcode => "Postcode",
        K::Place => "School or place",
    }
}

/// The sign-off chain of the latest version, and the links this person may record.
#[component]
pub fn Chain(view: OverviewView, steps: Steps) -> impl IntoView {
    let version = view.latest.as_ref().map_or(0, |v| v.version);
    let rows = view
        .chain
        .iter()
        .map(|l| {
            let name = match &l.agency_name {
                Some(a) => format!("{}: {a}", l.step.label()),
                None => l.step.label().to_string(),
            };
            let state = match &l.signed {
                Some(s) => format!("Signed by {} on {} (version {})", s.by, long(s.on), s.version),
                None if l.ready => "Waiting".into(),
                None => "Waiting for the links before it".into(),
            };
            view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{name}</dt>
                    <dd class="govuk-summary-list__value">{state}</dd>
                </div>
            }
        })
        .collect_view();
    let buttons = view
        .can_sign
        .iter()
        .map(|step| {
            let step = *step;
            let text = match step {
                ChainStep::ReviewGroup => format!("Record the review group's agreement of version {version}"),
                ChainStep::SubGroup => format!("Record the sub group's agreement of version {version}"),
                ChainStep::StrategicLead => format!("Sign off version {version} for your agency"),
            };
            let go = move |_| steps.take(OverviewStep::SignOff(SignOffForm { version, step }), "The sign-off is recorded.", || ());
            view! {
                <button type="button" class="govuk-button" id=format!("sign-{}", step.as_str()) on:click=go disabled=move || steps.state.sending.get()>{text}</button>
            }
        })
        .collect_view();
    let history = view
        .signoffs
        .iter()
        .filter(|s| s.voided_by.is_some())
        .map(|s| {
            view! { <li>{format!("{} (version {}, {}): voided by version {}", s.step.label(), s.version, s.by, s.voided_by.unwrap_or_default())}</li> }
        })
        .collect_view();
    let blocked = (view.hits_left > 0 && view.allowed_actions.contains(&OverviewAction::SignOff)).then(|| view! {
        <p class="govuk-body" id="sign-off-blocked">{format!("Sign-off waits for the anonymisation check: {} identifier(s) to fix or waive.", view.hits_left)}</p>
    });
    view! {
        <section aria-labelledby="chain-heading" id="chain">
            <h2 class="govuk-heading-m" id="chain-heading">{format!("Sign-off of version {version}")}</h2>
            <dl class="govuk-summary-list" id="chain-links">{rows}</dl>
            {blocked}
            {buttons}
            {view.signed_off_version.map(|n| view! { <p class="govuk-body" id="signed-off">{format!("Version {n} is signed off in full.")}</p> })}
            <ul class="govuk-list govuk-list--bullet" id="voided-sign-offs">{history}</ul>
        </section>
    }
}

/// The versions, and the words added and removed between two of them.
#[component]
pub fn Versions(view: OverviewView, id: Uuid) -> impl IntoView {
    let latest = view.latest.as_ref().map_or(0, |v| v.version);
    let from = RwSignal::new(latest.saturating_sub(1).max(1));
    let to = RwSignal::new(latest);
    let diff = RwSignal::new(None::<VersionDiff>);
    let state = FormState::new();
    let show = move |_| {
        let (f, t) = (from.get_untracked(), to.get_untracked());
        let session = state.session;
        spawn_local(async move {
            match api::overview_diff(session, id, f, t).await {
                Ok(d) => {
                    diff.set(Some(d));
                    let _ = crate::router::focus_id("diff");
                }
                Err(why) => state.fail(why),
            }
        });
    };
    let list = view
        .versions
        .iter()
        .map(|v| view! { <li>{format!("Version {}: {} on {}", v.version, v.saved_by, long(v.saved_on))}</li> })
        .collect_view();
    let options = move |sel: RwSignal<u32>| {
        (1..=latest)
            .map(|n| view! { <option value=n.to_string() selected=move || sel.get() == n>{format!("Version {n}")}</option> })
            .collect_view()
    };
    let pick = |sel: RwSignal<u32>| move |ev: leptos::ev::Event| sel.set(event_target_value(&ev).parse().unwrap_or(1));
    view! {
        <section aria-labelledby="versions-heading" id="versions">
            <h2 class="govuk-heading-m" id="versions-heading">"Versions"</h2>
            {move || state.failure.get().map(|f| view! { <p class="govuk-error-message" role="alert" id="diff-failed">{f.message()}</p> })}
            <ol class="govuk-list govuk-list--number">{list}</ol>
            {(latest > 1).then(|| view! {
                <div class="app-compare">
                    <div class="govuk-form-group">
                        <label class="govuk-label" for="diff-from">"Compare"</label>
                        <select class="govuk-select" id="diff-from" on:change=pick(from)>{options(from)}</select>
                    </div>
                    <div class="govuk-form-group">
                        <label class="govuk-label" for="diff-to">"with"</label>
                        <select class="govuk-select" id="diff-to" on:change=pick(to)>{options(to)}</select>
                    </div>
                    <button type="button" class="govuk-button govuk-button--secondary" id="show-diff" on:click=show>"Show the changes"</button>
                </div>
            })}
            {move || diff.get().map(|d| view! { <Diff diff=d /> })}
        </section>
    }
}

#[component]
fn Diff(diff: VersionDiff) -> impl IntoView {
    let sections = diff
        .sections
        .iter()
        .map(|s| {
            let parts = s
                .parts
                .iter()
                .map(|p| match p.kind {
                    DiffKind::Same => p.text.clone().into_any(),
                    DiffKind::Added => view! { <ins class="app-ins"><span class="govuk-visually-hidden">"added: "</span>{p.text.clone()}</ins> }.into_any(),
                    DiffKind::Removed => view! { <del class="app-del"><span class="govuk-visually-hidden">"removed: "</span>{p.text.clone()}</del> }.into_any(),
                })
                .collect_view();
            let note = match s.status {
                DiffKind::Added => " (new section)",
                DiffKind::Removed => " (section removed)",
                DiffKind::Same if s.heading_changed => " (heading changed)",
                DiffKind::Same => "",
            };
            view! {
                <h3 class="govuk-heading-s">{format!("{}{note}", s.heading)}</h3>
                <p class="govuk-body app-pre-line">{parts}</p>
            }
        })
        .collect_view();
    view! {
        <div class="app-diff" id="diff" tabindex="-1">
            <p class="govuk-body" id="diff-summary">{format!(
                "From version {} to version {}: {} word(s) added, {} removed.",
                diff.from, diff.to, diff.words_added, diff.words_removed
            )}</p>
            {sections}
        </div>
    }
}

/// The signed-off version as a Word document, downloaded.
#[component]
pub fn Export(view: OverviewView, id: Uuid, state: FormState) -> impl IntoView {
    let download = move |_| {
        let session = state.session;
        state.send(api::overview_docx(session, id), move |bytes: Vec<u8>| {
            save_as(&bytes, &format!("overview-report-{id}.docx"))
        });
    };
    view.signed_off_version.map(|n| {
        view! {
            <section aria-labelledby="export-heading" id="export">
                <h2 class="govuk-heading-m" id="export-heading">"Export"</h2>
                <button type="button" class="govuk-button govuk-button--secondary" id="export-docx" on:click=download disabled=move || state.sending.get()>
                    {format!("Download version {n} as a Word document")}
                </button>
            </section>
        }
    })
}

/// Saves `bytes` as a file named `name` (the browser's download).
pub(crate) fn save_as(bytes: &[u8], name: &str) {
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(crate::api::DOCX_TYPE);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document().create_element("a") {
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", name);
        if let Ok(a) = a.dyn_into::<web_sys::HtmlElement>() {
            a.click();
        }
    }
}
