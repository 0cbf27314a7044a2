//! The headings a first draft of an overview report starts from (the business office): the
//! framework's by default (introduction, the case, analysis by key lines of enquiry,
//! findings, recommendations). A report written already keeps its own.
use crate::api;
use crate::components::{share, BackLink, ErrorSummary, Load, Loading, Shared, TextInput};
use crate::form::bind::{put_row_text, row_text};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::overview::{check_save, SaveReport, Section};

#[component]
pub fn ReportSectionsPage() -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let form = RwSignal::new(Vec::<Section>::new());
    let loaded = RwSignal::new(Load::<Shared>::Loading);
    let done = RwSignal::new(false);
    spawn_local(async move {
        let answer = api::report_sections(session).await;
        let _ = loaded.try_set(match answer {
            Ok(s) => {
                form.set(s);
                Load::Loaded(share(()))
            }
            Err(why) => Load::Failed(why),
        });
    });
    let count = Memo::new(move |_| form.with(Vec::len));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let draft = crate::pages::overview::editor::Draft { base_version: 0, sections: form.get_untracked() };
        let body = crate::pages::overview::editor::save_of(&draft).sections;
        if !state.ready(check_save(&SaveReport { base_version: 0, sections: body.clone() })) {
            return;
        }
        state.send(async move { api::set_report_sections(session, &body).await }, move |saved| {
            form.set(saved);
            done.set(true);
        });
    };
    let rows = move || {
        (0..count.get())
            .map(|i| {
                view! {
                    <div class="app-row">
                        <TextInput id=format!("sections[{i}].heading") label=format!("Section {}", i + 1)
                            value=row_text(form, i, |f, i| f.get(i).map(|s| &s.heading))
                            on_input=put_row_text(form, i, |f, i| f.get_mut(i).map(|s| &mut s.heading)) errors=state.errors />
                        <button type="button" class="govuk-button govuk-button--secondary" id=format!("remove-heading-{}", i + 1)
                            on:click=move |_| form.update(|f| if f.len() > 1 { f.remove(i); })>{format!("Remove section {}", i + 1)}</button>
                    </div>
                }
            })
            .collect_view()
    };
    let render = move |_: ()| {
        view! {
            <form novalidate on:submit=on_submit id="report-sections">
                {rows}
                <button type="button" class="govuk-button govuk-button--secondary" id="add-heading"
                    on:click=move |_| form.update(|f| f.push(Section::default()))>"Add a section"</button>
                <div class="govuk-button-group">
                    <button type="submit" class="govuk-button" id="save-headings" disabled=move || state.sending.get()>"Save the headings"</button>
                </div>
            </form>
        }
    };
    view! {
        <BackLink href=Route::Settings.href() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                {move || done.get().then(|| super::success("headings-done", "The headings were saved.".to_string()))}
                <PageHeading text="Overview report sections" />
                <p class="govuk-body">"A first draft of an overview report starts with these sections. A report written already keeps its own."</p>
                <Loading state=loaded render=render />
            </div>
        </div>
    }
}
