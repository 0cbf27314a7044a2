//! The lead reviewer's editor: every section's heading and text, sections added and
//! removed. A save is a new version based on the one read; when someone saved first the
//! server refuses it (409) and the page keeps what was typed.
use super::{load, Done};
use crate::api::{self, OverviewStep};
use crate::components::{BackLink, ErrorSummary, Loading, TextInput, Textarea};
use crate::form::bind::{put_row_text, row_text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::overview::document::key_for;
use shared::overview::{check_save, OverviewAction, OverviewView, SaveReport, Section};
use uuid::Uuid;

/// The editor's boxes: the version read, and the sections as typed.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub base_version: u32,
    pub sections: Vec<Section>,
}

/// The save: new sections get a key from their heading, unique in the report.
pub fn save_of(d: &Draft) -> SaveReport {
    let mut sections = d.sections.clone();
    for i in 0..sections.len() {
        if sections[i].key.is_empty() {
            let base = key_for(&sections[i].heading);
            let mut key = base.clone();
            let mut n = 2;
            while sections.iter().any(|s| s.key == key) {
                key = format!("{base}_{n}");
                n += 1;
            }
            sections[i].key = key;
        }
    }
    SaveReport { base_version: d.base_version, sections }
}

#[component]
pub fn EditPage(id: Uuid) -> impl IntoView {
    let report = load(id);
    let state = FormState::new();
    let draft = RwSignal::new(Draft::default());
    let done = RwSignal::new(None);
    let filled = RwSignal::new(false);
    let count = Memo::new(move |_| draft.with(|d| d.sections.len()));
    let on_save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let save = save_of(&draft.get_untracked());
        if state.ready(check_save(&save)) {
            let router = state.router;
            state.send(api::overview_step(state.session, id, OverviewStep::Save(save)), move |_: OverviewView| {
                router.go(Route::Overview(id));
            });
        }
    };
    let rows = move || {
        (0..count.get())
            .map(|i| {
                let remove = move |_| draft.update(|d| {
                    if d.sections.len() > 1 {
                        d.sections.remove(i);
                    }
                });
                view! {
                    <fieldset class="govuk-fieldset app-row" id=format!("sections[{i}]-row")>
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{format!("Section {}", i + 1)}</legend>
                        <TextInput id=format!("sections[{i}].heading") label="Heading"
                            value=row_text(draft, i, |d, i| d.sections.get(i).map(|s| &s.heading))
                            on_input=put_row_text(draft, i, |d, i| d.sections.get_mut(i).map(|s| &mut s.heading)) errors=state.errors />
                        <Textarea id=format!("sections[{i}].text") label="Text" hint="Leave a blank line between paragraphs." rows=12
                            value=row_text(draft, i, |d, i| d.sections.get(i).map(|s| &s.text))
                            on_input=put_row_text(draft, i, |d, i| d.sections.get_mut(i).map(|s| &mut s.text)) errors=state.errors />
                        <button type="button" class="govuk-button govuk-button--warning" id=format!("remove-section-{}", i + 1) on:click=remove>
                            {format!("Remove section {}", i + 1)}
                        </button>
                    </fieldset>
                }
            })
            .collect_view()
    };
    view! {
        <BackLink href=Route::Overview(id).href() text="Back to the report" />
        <ErrorSummary failure=state.failure />
        <Done done=done />
        <Loading state=report render=move |v: OverviewView| {
            if !filled.get_untracked() {
                filled.set(true);
                draft.set(Draft {
                    base_version: v.latest.as_ref().map_or(0, |l| l.version),
                    sections: v.latest.as_ref().map_or_else(|| v.template.clone(), |l| l.sections.clone()),
                });
            }
            if !v.allowed_actions.contains(&OverviewAction::SaveDraft) {
                return view! {
                    <PageHeading text="Write the overview report" caption=format!("Case {}", v.reference) />
                    <p class="govuk-body" id="not-allowed">"Only the review's lead reviewer writes the report, until it goes to the National Panel."</p>
                }
                .into_any();
            }
            let based = draft.with_untracked(|d| d.base_version);
            view! {
                <PageHeading text="Write the overview report" caption=format!("Case {}", v.reference) />
                <p class="govuk-body" id="based-on">{if based == 0 { "This will be version 1.".to_string() } else { format!("You are editing version {based}; saving makes version {}.", based + 1) }}</p>
                <div class="govuk-inset-text">"The report is published: write it with no name, date of birth, address or school of the child or family. The anonymisation check lists what it finds."</div>
                <form novalidate on:submit=on_save id="report-editor">
                    {rows}
                    <button type="button" class="govuk-button govuk-button--secondary" id="add-section"
                        on:click=move |_| draft.update(|d| d.sections.push(Section::default()))>"Add a section"</button>
                    <div class="govuk-button-group">
                        <button type="submit" class="govuk-button" id="save-report" disabled=move || state.sending.get()>"Save as a new version"</button>
                    </div>
                </form>
            }
            .into_any()
        } />
    }
}
