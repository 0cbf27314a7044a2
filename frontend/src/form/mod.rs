//! Every form page works one way: its values in a signal of their own, and a [`FormState`]
//! for the rest: the errors shown next to the boxes, the dates that cannot be read, the
//! failure in the error summary, and whether it is being sent. On submit a page runs the
//! `shared` checks through [`FormState::ready`], then [`FormState::send`]s its request; a
//! refusal from the server is shown the same way as a failed check.
//!
//! [`bind`] ties a box to its place in the form's values; [`rows`] holds the parts of tables
//! of boxes.
pub mod bind;
pub mod rows;

use crate::api::ApiFailure;
use crate::components::{DateProblems, FieldErrors};
use crate::router::Router;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::FieldError;
use std::future::Future;
use std::pin::Pin;

/// The state of a form page besides its values. Cheap to copy; made when the page is.
#[derive(Debug, Clone, Copy)]
pub struct FormState {
    pub errors: FieldErrors,
    pub problems: DateProblems,
    pub failure: RwSignal<Option<ApiFailure>>,
    /// Being sent: the submit button is disabled and a second submit does nothing.
    pub sending: RwSignal<bool>,
    pub session: Session,
    pub router: Router,
}

/// A request as [`FormState::send`] runs it.
type Request<T> = Pin<Box<dyn Future<Output = Result<T, ApiFailure>>>>;

impl FormState {
    pub fn new() -> FormState {
        FormState {
            errors: FieldErrors::new(),
            problems: DateProblems::new(),
            failure: RwSignal::new(None),
            sending: RwSignal::new(false),
            session: Session::expect(),
            router: Router::get(),
        }
    }

    /// Shows `found` (the page's checks, from `shared`) after the dates that cannot be read.
    /// True when there is nothing wrong and nothing being sent: the page may send.
    pub fn ready(&self, found: Vec<FieldError>) -> bool {
        if self.sending.get_untracked() {
            return false;
        }
        let dates = self.problems.all();
        let mut all = dates.clone();
        all.extend(found.into_iter().filter(|e| !dates.iter().any(|d| d.field == e.field)));
        if all.is_empty() {
            self.errors.clear();
            self.failure.set(None);
            true
        } else {
            self.errors.set(all.clone());
            self.failure.set(Some(ApiFailure::Invalid(all)));
            false
        }
    }

    /// Shows a failure (nothing when the session ended: the sign-in form shows, and this page
    /// waits behind it with what was typed).
    pub fn fail(&self, why: ApiFailure) {
        if why != ApiFailure::SessionEnded {
            self.errors.set(why.fields().to_vec());
            self.failure.set(Some(why));
        }
    }

    /// Sends: while `request` runs the form is pending; then, on success, `then` does what
    /// follows (usually going to the next page), and a failure is shown.
    pub fn send<T: 'static>(
        self,
        request: impl Future<Output = Result<T, ApiFailure>> + 'static,
        then: impl FnOnce(T) + 'static,
    ) {
        self.sending.set(true);
        let request: Request<T> = Box::pin(request);
        spawn_local(async move {
            let outcome = request.await;
            // No longer pending; when the person has left the page meanwhile (its signals
            // are gone), there is nothing more to do.
            if self.sending.try_set(false).is_some() {
                return;
            }
            match outcome {
                Ok(value) => then(value),
                Err(why) => self.fail(why),
            }
        });
    }
}

impl Default for FormState {
    fn default() -> Self {
        FormState::new()
    }
}
