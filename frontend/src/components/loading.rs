//! Loading and error states of a page's data.
use crate::api::ApiFailure;
use leptos::prelude::*;

/// Data a page loads from the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Load<T> {
    Loading,
    Loaded(T),
    Failed(ApiFailure),
}

/// "Loading…" while waiting, the problem when the request failed, otherwise
/// `render` with the data.
#[component]
pub fn Loading<T, F, V>(state: RwSignal<Load<T>>, render: F) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match state.get() {
        Load::Loading => view! { <p class="app-loading" role="status">"Loading…"</p> }.into_any(),
        Load::Failed(failure) => view! {
            <div class="govuk-inset-text" role="alert" id="load-failed">
                <p class="govuk-body">{failure.message()}</p>
            </div>
        }
        .into_any(),
        Load::Loaded(data) => render(data).into_any(),
    }
}
