//! The partnership's themes (the office keeps the list: rename, retire, add) and the themes a
//! case is tagged with.
use crate::api::{self, ApiFailure};
use crate::components::{share, BackLink, ErrorSummary, Load, Loading, Shared};
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use gloo_net::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::learning::{check_tags, check_themes, CaseThemes, ThemeForm, ThemeList, ThemeView};
use uuid::Uuid;

#[component]
pub fn ThemesPage() -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let form = RwSignal::new(Vec::<ThemeForm>::new());
    let loaded = RwSignal::new(Load::<Shared>::Loading);
    let done = RwSignal::new(false);
    let take = move |list: Vec<ThemeView>| {
        form.set(list.into_iter().map(|t| ThemeForm { id: Some(t.id), label: t.label, retired: t.retired }).collect())
    };
    spawn_local(async move {
        let answer: Result<Vec<ThemeView>, ApiFailure> = api::read(session, "themes").await;
        let _ = loaded.try_set(match answer {
            Ok(list) => {
                take(list);
                Load::Loaded(share(()))
            }
            Err(why) => Load::Failed(why),
        });
    });
    let count = Memo::new(move |_| form.with(Vec::len));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let list = ThemeList { themes: form.get_untracked() };
        if !state.ready(check_themes(&list.themes)) {
            return;
        }
        state.send(async move { api::write(session, Method::PUT, "themes", &list, None).await }, move |saved| {
            take(saved);
            done.set(true);
        });
    };
    let rows = move || {
        (0..count.get())
            .map(|i| {
                let label = Signal::derive(move || form.with(|f| f.get(i).map(|t| t.label.clone()).unwrap_or_default()));
                let retired = Signal::derive(move || form.with(|f| f.get(i).is_some_and(|t| t.retired)));
                let id = format!("themes[{i}].label");
                let error = {
                    let id = id.clone();
                    Memo::new(move |_| state.errors.message(&id))
                };
                view! {
                    <div class="app-row govuk-form-group">
                        <label class="govuk-label" for=id.clone()>{format!("Theme {}", i + 1)}</label>
                        {move || error.get().map(|m| view! { <p class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{m}</p> })}
                        <input class="govuk-input govuk-!-width-two-thirds" id=id.clone() type="text" prop:value=label
                            on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| if let Some(t) = f.get_mut(i) { t.label = v; }); } />
                        <div class="govuk-checkboxes govuk-checkboxes--small">
                            <div class="govuk-checkboxes__item">
                                <input class="govuk-checkboxes__input" type="checkbox" id=format!("retired-{i}") prop:checked=retired
                                    on:change=move |ev| { let v = event_target_checked(&ev); form.update(|f| if let Some(t) = f.get_mut(i) { t.retired = v; }); } />
                                <label class="govuk-label govuk-checkboxes__label" for=format!("retired-{i}")>"No longer in use"</label>
                            </div>
                        </div>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <BackLink href=Route::Settings.href() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary failure=state.failure />
                {move || done.get().then(|| crate::pages::partnership::success("themes-done", "The themes were saved.".to_string()))}
                <PageHeading text="Themes" />
                <p class="govuk-body">"Cases, actions and recommendations are tagged with these themes, so that a theme that keeps coming back stands out. A theme no longer in use stays on what was tagged with it."</p>
                <Loading state=loaded render={move |_: ()| view! {
                    <form novalidate id="themes-form" on:submit=on_submit>
                        {rows}
                        <button type="button" class="govuk-button govuk-button--secondary" id="add-theme"
                            on:click=move |_| form.update(|f| f.push(ThemeForm::default()))>"Add a theme"</button>
                        <div class="govuk-button-group">
                            <button type="submit" class="govuk-button" id="save-themes" disabled=move || state.sending.get()>"Save the themes"</button>
                        </div>
                    </form>
                }} />
            </div>
        </div>
    }
}

#[component]
pub fn CaseThemesPage(id: Uuid) -> impl IntoView {
    let state = FormState::new();
    let session = state.session;
    let loaded = RwSignal::new(Load::<Shared>::Loading);
    let chosen = RwSignal::new(Vec::<Uuid>::new());
    spawn_local(async move {
        let list: Result<Vec<ThemeView>, ApiFailure> = api::read(session, "themes").await;
        let tagged: Result<Vec<ThemeView>, ApiFailure> = api::read(session, &format!("cases/{id}/themes")).await;
        let _ = loaded.try_set(match (list, tagged) {
            (Ok(list), Ok(tagged)) => {
                let ids: Vec<Uuid> = tagged.iter().map(|t| t.id).collect();
                chosen.set(ids.clone());
                Load::Loaded(share((list, ids)))
            }
            (Err(why), _) | (_, Err(why)) => Load::Failed(why),
        });
    });
    let render = move |(list, already): (Vec<ThemeView>, Vec<Uuid>)| {
        let known = list.clone();
        let items = list
            .into_iter()
            .filter(|t| t.offered(&already))
            .enumerate()
            .map(|(i, t)| {
                let theme = t.id;
                view! {
                    <div class="govuk-checkboxes__item">
                        <input class="govuk-checkboxes__input" type="checkbox" id=format!("theme-{i}") value=theme.to_string()
                            prop:checked=move || chosen.with(|c| c.contains(&theme))
                            on:change=move |ev| { let on = event_target_checked(&ev); chosen.update(|c| { c.retain(|x| *x != theme); if on { c.push(theme); } }); } />
                        <label class="govuk-label govuk-checkboxes__label" for=format!("theme-{i}")>{t.label}</label>
                    </div>
                }
            })
            .collect_view();
        let on_submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let tags = CaseThemes { theme_ids: chosen.get_untracked() };
            if !state.ready(check_tags(&tags, &known, &already)) {
                return;
            }
            state.send(
                async move {
                    api::write::<Vec<ThemeView>, _>(session, Method::PUT, &format!("cases/{id}/themes"), &tags, None)
                        .await
                },
                move |_| state.router.go(Route::Case(id)),
            );
        };
        view! {
            <form novalidate id="case-themes" on:submit=on_submit>
                <div class="govuk-form-group">
                    <fieldset class="govuk-fieldset">
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">"Which themes does the case raise?"</legend>
                        <div class="govuk-checkboxes govuk-checkboxes--small">{items}</div>
                    </fieldset>
                </div>
                <button type="submit" class="govuk-button" id="save-case-themes" disabled=move || state.sending.get()>"Save the themes"</button>
            </form>
        }
    };
    view! {
        <BackLink href=Route::Case(id).href() />
        <ErrorSummary failure=state.failure />
        <PageHeading text="Themes of the case" />
        <Loading state=loaded render=render />
    }
}
