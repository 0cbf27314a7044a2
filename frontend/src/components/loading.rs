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

/// Where a load stands, without its data.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Status {
    Waiting,
    Ready,
    Failed(ApiFailure),
}

/// "Loading…" while waiting, the problem when the request failed, otherwise
/// `render` with the data (drawn again whenever the data changes).
///
/// The state is a `Load<Shared>` holding a `T` (see [`share`]), and only the data's part is
/// generic: every page shares one signal type and one frame (each generic copy costs space in
/// the wasm).
#[component]
pub fn Loading<T, F, V>(
    state: RwSignal<Load<Shared>>,
    render: F,
    /// The type of the data (taken from `render`).
    #[prop(optional)]
    _data: std::marker::PhantomData<T>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let status = Signal::derive(move || {
        state.with(|s| match s {
            Load::Loading => Status::Waiting,
            Load::Loaded(_) => Status::Ready,
            Load::Failed(f) => Status::Failed(f.clone()),
        })
    });
    let body = ViewFn::from(move || {
        let data = state.with(|s| match s {
            Load::Loaded(d) => unshare::<T>(d),
            _ => None,
        });
        data.map(|d| render(d).into_any())
    });
    view! { <LoadingFrame status=status body=body /> }
}

#[component]
fn LoadingFrame(status: Signal<Status>, body: ViewFn) -> impl IntoView {
    move || match status.get() {
        Status::Waiting => view! { <p class="app-loading" role="status">"Loading…"</p> }.into_any(),
        Status::Failed(failure) => view! {
            <div class="govuk-inset-text" role="alert" id="load-failed">
                <p class="govuk-body">{failure.message()}</p>
            </div>
        }
        .into_any(),
        Status::Ready => body.run(),
    }
}

/// Loaded data of any type. Pages that keep what they load as `Load<Shared>` share one
/// signal type: each signal type costs the wasm its own copy of the reactive code.
pub type Shared = std::sync::Arc<dyn std::any::Any + Send + Sync>;

/// Wraps loaded data for a `Load<Shared>`.
pub fn share<T: std::any::Any + Send + Sync>(data: T) -> Shared {
    std::sync::Arc::new(data)
}

/// The data of a `Load<Shared>` as the type it was stored with.
pub fn unshare<T: Clone + 'static>(data: &Shared) -> Option<T> {
    data.downcast_ref::<T>().cloned()
}
