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

/// A request as [`FormState::send`] runs it (one copy of the running code for every page).
type Request = Pin<Box<dyn Future<Output = Result<(), ApiFailure>>>>;

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

    /// Sends: `request` makes the call and does what follows success (usually going to the
    /// next page); while it runs the form is pending; a failure is shown.
    pub fn send(self, request: impl Future<Output = Result<(), ApiFailure>> + 'static) {
        self.run(Box::pin(request));
    }

    fn run(self, request: Request) {
        self.sending.set(true);
        spawn_local(async move {
            let outcome = request.await;
            // On success the request has usually gone to the next page, and this page (with
            // its signals) is gone: nothing more to show.
            if self.sending.try_set(false).is_some() {
                return;
            }
            if let Err(why) = outcome {
                self.fail(why);
            }
        });
    }
}

impl Default for FormState {
    fn default() -> Self {
        FormState::new()
    }
}
