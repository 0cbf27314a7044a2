//! Binds a form control to one box of a form held in a signal.
use chrono::NaiveDate;
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

/// A text box of the form, read through a plain function: every text box of a form type
/// shares one copy of the binding code (each closure passed to [`get`] makes its own).
pub fn text<F>(form: RwSignal<F>, read: fn(&F) -> &String) -> Signal<String>
where
    F: Send + Sync + 'static,
{
    Signal::derive(move || form.with(|f| read(f).clone()))
}

/// Writes a text box of the form, reached through a plain function (see [`text`]).
pub fn put<F>(form: RwSignal<F>, write: fn(&mut F) -> &mut String) -> Callback<String>
where
    F: Send + Sync + 'static,
{
    Callback::new(move |v: String| form.update(|f| *write(f) = v))
}

/// A date of the form, read through a plain function (see [`text`]).
pub fn day<F>(form: RwSignal<F>, read: fn(&F) -> Option<NaiveDate>) -> Signal<Option<NaiveDate>>
where
    F: Send + Sync + 'static,
{
    Signal::derive(move || form.with(read))
}

/// Writes a date of the form, reached through a plain function (see [`text`]).
pub fn put_day<F>(form: RwSignal<F>, write: fn(&mut F) -> &mut Option<NaiveDate>) -> Callback<Option<NaiveDate>>
where
    F: Send + Sync + 'static,
{
    Callback::new(move |v: Option<NaiveDate>| form.update(|f| *write(f) = v))
}

/// A text box of row `i` of a table of the form (see [`text`]); empty when the row is gone.
pub fn row_text<F>(form: RwSignal<F>, i: usize, read: fn(&F, usize) -> Option<&String>) -> Signal<String>
where
    F: Send + Sync + 'static,
{
    Signal::derive(move || form.with(|f| read(f, i).cloned().unwrap_or_default()))
}

/// Writes a text box of row `i` of a table of the form (see [`text`]).
pub fn put_row_text<F>(form: RwSignal<F>, i: usize, write: fn(&mut F, usize) -> Option<&mut String>) -> Callback<String>
where
    F: Send + Sync + 'static,
{
    Callback::new(move |v: String| {
        form.update(|f| {
            if let Some(field) = write(f, i) {
                *field = v;
            }
        })
    })
}

/// A text box of a part of the form (the referrer, the senior manager), both reached through
/// plain functions (see [`text`]).
pub fn part_text<F, P>(form: RwSignal<F>, part: fn(&F) -> &P, read: fn(&P) -> &String) -> Signal<String>
where
    F: Send + Sync + 'static,
    P: 'static,
{
    Signal::derive(move || form.with(|f| read(part(f)).clone()))
}

/// Writes a text box of a part of the form (see [`part_text`]).
pub fn put_part_text<F, P>(
    form: RwSignal<F>,
    part: fn(&mut F) -> &mut P,
    write: fn(&mut P) -> &mut String,
) -> Callback<String>
where
    F: Send + Sync + 'static,
    P: 'static,
{
    Callback::new(move |v: String| form.update(|f| *write(part(f)) = v))
}

/// A yes/no (or other) choice of the form, read through a plain function (see [`text`]).
pub fn choice<F>(form: RwSignal<F>, read: fn(&F) -> &Option<String>) -> Signal<Option<String>>
where
    F: Send + Sync + 'static,
{
    Signal::derive(move || form.with(|f| read(f).clone()))
}

/// Writes a choice of the form (see [`choice`]).
pub fn put_choice<F>(form: RwSignal<F>, write: fn(&mut F) -> &mut Option<String>) -> Callback<String>
where
    F: Send + Sync + 'static,
{
    Callback::new(move |v: String| form.update(|f| *write(f) = Some(v)))
}
