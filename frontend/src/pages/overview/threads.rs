//! The comment threads beside the text, in a list a screen reader reads in order: each with
//! its quote, its comments, a reply box and, for the lead reviewer and the person who opened
//! it, resolve or reopen. Above them the form to comment on words of the text: filled by
//! selecting the words, or by typing them and choosing their section (keyboard users).
use super::text::Selected;
use super::{long, Steps};
use crate::api::OverviewStep;
use crate::components::{Select, TextInput, Textarea};
use crate::form::bind::{put, text};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::overview::document::occurrences;
use shared::overview::{check_comment, CommentThread, NewThread, OverviewView, ReplyForm, ResolveForm};
use shared::FieldError;

/// The comment form's boxes.
#[derive(Debug, Clone, Default)]
pub struct CommentForm {
    pub section: String,
    pub quote: String,
    /// Where the selected words start, when they were selected (not typed).
    pub start: Option<usize>,
    pub text: String,
}

/// The thread to open from the form on `view`'s latest version, or the boxes to fix.
pub fn new_thread(f: &CommentForm, view: &OverviewView) -> Result<NewThread, Vec<FieldError>> {
    let mut errors =
        check_comment(&f.text).into_iter().map(|e| FieldError { field: "comment".into(), ..e }).collect::<Vec<_>>();
    let latest = view.latest.as_ref();
    let section = latest.and_then(|v| v.sections.iter().find(|s| s.key == f.section));
    let quote = f.quote.trim();
    let start = match section {
        None => {
            errors.push(FieldError::new("comment-section", "required", "Choose the section the words are in"));
            None
        }
        Some(_) if quote.is_empty() => {
            errors.push(FieldError::new("quote", "required", "Select or type the words you comment on"));
            None
        }
        Some(s) => {
            let found = occurrences(&s.text, quote);
            match f.start.filter(|at| found.contains(at)) {
                Some(at) => Some(at),
                None if found.len() == 1 => Some(found[0]),
                None if found.is_empty() => {
                    errors.push(FieldError::new("quote", "not_found", "These words are not in that section"));
                    None
                }
                None => {
                    errors.push(FieldError::new(
                        "quote",
                        "ambiguous",
                        format!(
                            "These words appear {} times in the section: add words before or after them",
                            found.len()
                        ),
                    ));
                    None
                }
            }
        }
    };
    match (start, errors.is_empty()) {
        (Some(start), true) => Ok(NewThread {
            version: latest.map_or(0, |v| v.version),
            section: f.section.clone(),
            start,
            end: start + quote.chars().count(),
            text: f.text.trim().to_string(),
        }),
        _ => Err(errors),
    }
}

/// The form to comment on words of the text.
#[component]
pub fn CommentOn(view: OverviewView, steps: Steps, form: RwSignal<CommentForm>) -> impl IntoView {
    let state = steps.state;
    let options: Vec<(String, String)> = view
        .latest
        .as_ref()
        .map(|v| v.sections.iter().map(|s| (s.key.clone(), s.heading.clone())).collect())
        .unwrap_or_default();
    let current = view.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let f = form.get_untracked();
        match new_thread(&f, &current) {
            Ok(thread) => {
                if state.ready(Vec::new()) {
                    steps.take(OverviewStep::Open(thread), "Your comment is added.", move || {
                        form.set(CommentForm::default())
                    });
                }
            }
            Err(errors) => {
                state.ready(errors);
            }
        }
    };
    let from_selection = move |_| {
        if let Some(Selected { section, start, quote }) = super::text::selection() {
            form.update(|f| {
                f.section = section;
                f.start = Some(start);
                f.quote = quote;
            });
        }
        let _ = crate::router::focus_id("comment");
    };
    view! {
        <form novalidate on:submit=on_submit id="comment-form" class="app-comment-form">
            <h2 class="govuk-heading-m">"Add a comment"</h2>
            <p class="govuk-body-s">"Select words in the report, or type them and choose their section."</p>
            <button type="button" class="govuk-button govuk-button--secondary" id="comment-selection" on:click=from_selection>
                "Comment on the selected words"
            </button>
            <Select id="comment-section" label="Section" options=options
                value=text(form, |f| &f.section)
                on_change=Callback::new(move |v: String| form.update(|f| { f.section = v; f.start = None; }))
                errors=state.errors />
            <TextInput id="quote" label="The words you comment on" value=text(form, |f| &f.quote)
                on_input=Callback::new(move |v: String| form.update(|f| { f.quote = v; f.start = None; }))
                errors=state.errors />
            <Textarea id="comment" label="Your comment" rows=4 value=text(form, |f| &f.text) on_input=put(form, |f| &mut f.text) errors=state.errors />
            <button type="submit" class="govuk-button" id="add-comment" disabled=move || state.sending.get()>"Add comment"</button>
        </form>
    }
}

/// The threads, open first.
#[component]
pub fn Threads(view: OverviewView, steps: Steps, me: Option<uuid::Uuid>) -> impl IntoView {
    let can_comment = view.allowed_actions.contains(&shared::overview::OverviewAction::Comment);
    let lead = view.is_lead;
    let items = view
        .threads
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let resolves = can_comment && (lead || me == Some(t.opened_by_id));
            view! { <Thread n=i + 1 thread=t.clone() steps=steps can_reply=can_comment resolves=resolves /> }
        })
        .collect_view();
    let open = view.threads.iter().filter(|t| t.resolved.is_none()).count();
    view! {
        <section class="app-threads" aria-labelledby="threads-heading" id="threads">
            <h2 class="govuk-heading-m" id="threads-heading">{format!("Comments ({open} open)")}</h2>
            {view.threads.is_empty().then(|| view! { <p class="govuk-body" id="no-threads">"No comments yet."</p> })}
            <ol class="app-thread-list">{items}</ol>
        </section>
    }
}

#[component]
fn Thread(n: usize, thread: CommentThread, steps: Steps, can_reply: bool, resolves: bool) -> impl IntoView {
    let reply = RwSignal::new(String::new());
    let state = steps.state;
    let id = thread.id;
    let status = if thread.orphaned {
        ("govuk-tag govuk-tag--grey", "Text removed")
    } else if thread.resolved.is_some() {
        ("govuk-tag govuk-tag--green", "Resolved")
    } else {
        ("govuk-tag govuk-tag--blue", "Open")
    };
    let label = format!("Comment {n} on “{}”", thread.anchor.exact);
    let comments = thread
        .comments
        .iter()
        .map(|c| {
            view! {
                <div class="app-comment">
                    <p class="govuk-body-s app-comment__by">{format!("{} ({}), {}", c.by, c.role.label(), long(c.on))}</p>
                    <p class="govuk-body app-pre-line">{c.text.clone()}</p>
                </div>
            }
        })
        .collect_view();
    let reply_field = format!("reply-{n}");
    let field = reply_field.clone();
    let on_reply = move |ev: SubmitEvent| {
        ev.prevent_default();
        let text = reply.get_untracked();
        let errors: Vec<FieldError> =
            check_comment(&text).into_iter().map(|e| FieldError { field: field.clone(), ..e }).collect();
        if state.ready(errors) {
            steps.take(OverviewStep::Reply(id, ReplyForm { text }), "Your reply is added.", move || {
                reply.set(String::new())
            });
        }
    };
    let resolved = thread.resolved.is_some();
    let toggle = move |_| {
        let (step, done) = if resolved {
            (ResolveForm { resolved: false }, "The thread is reopened.")
        } else {
            (ResolveForm { resolved: true }, "The thread is resolved.")
        };
        steps.take(OverviewStep::Resolve(id, step), done, || ());
    };
    let orphan_note = thread.orphaned.then(|| {
        view! { <p class="govuk-body-s" id=format!("thread-{n}-orphaned")>"The words commented on are no longer in the report; this was their last wording."</p> }
    });
    let resolution = thread
        .resolved
        .as_ref()
        .map(|r| view! { <p class="govuk-body-s">{format!("Resolved by {} on {}", r.by, long(r.on))}</p> });
    let to_text = (!thread.orphaned && !resolved)
        .then(|| view! { <a class="govuk-link govuk-body-s" href=format!("#hl-{n}")>"Go to the words"</a> });
    view! {
        <li class="app-thread" id=format!("thread-{n}") tabindex="-1" data-thread-id=id.to_string()>
            <p class="govuk-body-s govuk-!-font-weight-bold" id=format!("thread-{n}-label")>{label}</p>
            <strong class=status.0>{status.1}</strong>
            {orphan_note}
            {comments}
            {resolution}
            {to_text}
            {can_reply.then(|| view! {
                <form novalidate on:submit=on_reply class="app-reply">
                    <Textarea id=reply_field.clone() label=format!("Reply to comment {n}") rows=2
                        value=Signal::derive(move || reply.get()) on_input=Callback::new(move |v| reply.set(v)) errors=state.errors />
                    <button type="submit" class="govuk-button govuk-button--secondary" id=format!("reply-{n}-send") disabled=move || state.sending.get()>"Reply"<span class="govuk-visually-hidden">{format!(" to comment {n}")}</span></button>
                </form>
            })}
            {resolves.then(|| view! {
                <button type="button" class="govuk-button govuk-button--secondary" id=format!("thread-{n}-toggle") on:click=toggle disabled=move || state.sending.get()>
                    {if resolved { "Reopen" } else { "Resolve" }}
                    <span class="govuk-visually-hidden">{format!(" comment {n}")}</span>
                </button>
            })}
        </li>
    }
}
