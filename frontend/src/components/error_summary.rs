//! The error summary shown at the top of a page after a failed submission. It is announced
//! (`role="alert"`) and takes the keyboard focus when it appears, so that screen-reader and
//! keyboard users learn of the problem straight away. Each field error links to its field:
//! on the same page (`#field`, focusing it) or, through `href_for`, on another page.
use crate::api::ApiFailure;
use crate::router::{focus_id, Router};
use leptos::html::Div;
use leptos::prelude::*;

pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// Shows `failure` when there is one; renders nothing otherwise.
#[component]
pub fn ErrorSummary(
    #[prop(into)] failure: Signal<Option<ApiFailure>>,
    /// Where the link for a field goes; `#field` on this page when not given.
    #[prop(optional, into)]
    href_for: Option<Callback<String, String>>,
) -> impl IntoView {
    let summary = NodeRef::<Div>::new();
    let router = Router::get();

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
            let fields = failure.fields().to_vec();
            let show_message = fields.is_empty() || !matches!(failure, ApiFailure::Invalid(_));
            let message = show_message.then(|| view! { <li>{failure.message()}</li> });
            let links = fields
                .into_iter()
                .map(|field| {
                    let href = match href_for {
                        Some(f) => f.run(field.field.clone()),
                        None => format!("#{}", field.field),
                    };
                    let target = href.clone();
                    let on_click = move |ev: leptos::ev::MouseEvent| {
                        ev.prevent_default();
                        match target.strip_prefix('#') {
                            Some(id) => {
                                focus_id(id);
                            }
                            None => router.go_href(&target),
                        }
                    };
                    view! { <li><a href=href on:click=on_click>{field.message.clone()}</a></li> }
                })
                .collect_view();
            view! {
                <div
                    id=ERROR_SUMMARY_ID
                    class="govuk-error-summary"
                    role="alert"
                    tabindex="-1"
                    node_ref=summary
                >
                    <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                    <div class="govuk-error-summary__body">
                        <ul class="govuk-list govuk-error-summary__list">
                            {message}
                            {links}
                        </ul>
                    </div>
                </div>
            }
        })
    }
}
