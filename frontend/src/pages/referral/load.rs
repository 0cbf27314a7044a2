//! Loads one referral for a page.
use crate::api;
use crate::components::{share, Load, Shared};
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::referral::ReferralView;
use uuid::Uuid;

/// Starts loading referral `id` into a new signal; `then` runs once it is loaded.
pub fn load_referral(id: Uuid, then: impl FnOnce(&ReferralView) + 'static) -> RwSignal<Load<Shared>> {
    load(id, Box::new(then))
}

/// Not generic: one copy in the wasm for every page.
fn load(id: Uuid, then: Box<dyn FnOnce(&ReferralView)>) -> RwSignal<Load<Shared>> {
    let session = Session::expect();
    let state = RwSignal::new(Load::Loading);
    spawn_local(async move {
        match api::referral(session, id).await {
            Ok(view) => {
                then(&view);
                state.set(Load::Loaded(share(view)));
            }
            Err(why) => state.set(Load::Failed(why)),
        }
    });
    state
}

/// "Referral ABCD1234", the caption of the referral's pages.
pub fn caption(id: Uuid) -> String {
    format!("Referral {}", crate::pages::home::reference(id))
}
