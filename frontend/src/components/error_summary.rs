//! The error summary shown at the top of a page after a failed submission. It is announced
//! (`role="alert"`) and takes the keyboard focus when it appears, so that screen-reader and
//! keyboard users learn of the problem straight away.
use crate::api::ApiFailure;
use leptos::html::Div;
use leptos::prelude::*;

pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// Shows `failure` when there is one; renders nothing otherwise.
#[component]
pub fn ErrorSummary(#[prop(into)] failure: Signal<Option<ApiFailure>>) -> impl IntoView {
    let summary = NodeRef::<Div>::new();

    // Runs after the summary is (re)built: move the focus to it.
    Effect::new(move || {
        if failure.with(Option::is_some) {
            if let Some(element) = summary.get() {
                let _ = element.focus();
            }
        }
    });

    move || {
        failure.get().map(|failure| {
            let fields = failure
                .fields()
                .iter()
                .map(|field| {
                    let href = format!("#{}", field.field);
                    view! { <li><a href=href>{field.message.clone()}</a></li> }
                })
                .collect_view();
            view! {
                <div
                    id=ERROR_SUMMARY_ID
                    class="error-summary"
                    role="alert"
                    tabindex="-1"
                    aria-labelledby="error-summary-title"
                    node_ref=summary
                >
                    <h2 id="error-summary-title" class="error-summary__title">
                        "There is a problem"
                    </h2>
                    <ul class="error-summary__list">
                        <li>{failure.message()}</li>
                        {fields}
                    </ul>
                </div>
            }
        })
    }
}
