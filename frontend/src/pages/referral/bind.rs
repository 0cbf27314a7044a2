//! Binds a form control to one box of a form held in a signal.
use leptos::prelude::*;

/// The box's value (tracked).
pub fn get<F, T>(form: RwSignal<F>, read: impl Fn(&F) -> T + Send + Sync + 'static) -> Signal<T>
where
    F: Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    Signal::derive(move || form.with(|f| read(f)))
}

/// Writes the box.
pub fn set<F, T>(form: RwSignal<F>, write: impl Fn(&mut F, T) + Send + Sync + 'static) -> Callback<T>
where
    F: Send + Sync + 'static,
    T: 'static,
{
    Callback::new(move |v: T| form.update(|f| write(f, v)))
}
