//! CSPR Hub browser app (Leptos, client-side rendering).
//!
//! `index.html` marks its `<body>` with `data-app="cspr-hub"`; [`start`] mounts the app only
//! there, so test pages can load this module and mount single components themselves.
pub mod api;
pub mod app;
pub mod clock;
pub mod components;
pub mod form;
pub mod pages;
pub mod router;
pub mod session;
pub mod transport;

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

/// The attribute on `<body>` that asks for the app.
pub const MOUNT_ATTRIBUTE: &str = "data-app";
pub const MOUNT_VALUE: &str = "cspr-hub";

/// Runs when the module loads.
#[wasm_bindgen(start)]
pub fn start() {
    let wanted = document()
        .body()
        .and_then(|body| body.get_attribute(MOUNT_ATTRIBUTE))
        .is_some_and(|value| value == MOUNT_VALUE);
    if wanted {
        // Debug builds say why they stopped (a release build aborts quietly). Panic messages
        // name code, not the answers people typed.
        #[cfg(debug_assertions)]
        std::panic::set_hook(Box::new(|info| web_sys::console::error_1(&info.to_string().into())));
        mount_to_body(app::App);
    }
}
