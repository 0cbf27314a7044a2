//! The report's text as people read it: each section's heading and paragraphs, with the
//! words of each open comment thread marked. A mark is reached by keyboard (Tab), describes
//! itself by its thread's label, and Enter moves to the thread. Selecting words with the
//! mouse or keyboard fills the comment form with the words, their section and place.
use leptos::prelude::*;
use shared::overview::document::{char_slice, paragraphs};
use shared::overview::{CommentThread, Section};
use wasm_bindgen::JsCast;

/// Words selected in the text: the section, the first character and the words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selected {
    pub section: String,
    pub start: usize,
    pub quote: String,
}

/// A run of a paragraph: its characters and the threads (numbers, from 1) that mark it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub threads: Vec<usize>,
}

/// The runs of the paragraph `[start, start + len)` of section `key`, cut where an open,
/// attached thread's words begin or end.
pub fn runs(text: &str, start: usize, key: &str, threads: &[CommentThread]) -> Vec<Run> {
    let len = text.chars().count();
    let end = start + len;
    let marks: Vec<(usize, usize, usize)> = threads
        .iter()
        .enumerate()
        .filter(|(_, t)| t.anchor.section == key && !t.orphaned && t.resolved.is_none())
        .filter(|(_, t)| t.anchor.start < end && t.anchor.end > start)
        .map(|(i, t)| (i + 1, t.anchor.start.max(start) - start, t.anchor.end.min(end) - start))
        .collect();
    let mut cuts: Vec<usize> = vec![0, len];
    for (_, a, b) in &marks {
        cuts.push(*a);
        cuts.push(*b);
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| Run {
            text: char_slice(text, w[0], w[1]).to_string(),
            threads: marks.iter().filter(|(_, a, b)| *a <= w[0] && *b >= w[1]).map(|(n, ..)| *n).collect(),
        })
        .collect()
}

/// The text of the latest version.
#[component]
pub fn ReportText(
    sections: Vec<Section>,
    threads: Vec<CommentThread>,
    /// Where a selection goes (the comment form), when the person may comment.
    on_select: Option<Callback<Selected>>,
) -> impl IntoView {
    let mut first_mark = std::collections::BTreeSet::new();
    let body = sections
        .iter()
        .map(|s| {
            let paragraphs = paragraphs(&s.text)
                .into_iter()
                .map(|p| {
                    let runs = runs(p.text, p.start, &s.key, &threads)
                        .into_iter()
                        .map(|r| {
                            if r.threads.is_empty() {
                                return r.text.into_any();
                            }
                            let n = r.threads[0];
                            let id = first_mark.insert(n).then(|| format!("hl-{n}"));
                            let described = r.threads.iter().map(|n| format!("thread-{n}-label")).collect::<Vec<_>>().join(" ");
                            let go = move |ev: leptos::ev::KeyboardEvent| {
                                if ev.key() == "Enter" {
                                    ev.prevent_default();
                                    let _ = crate::router::focus_id(&format!("thread-{n}"));
                                }
                            };
                            view! {
                                <mark class="app-highlight" id=id tabindex="0" data-thread=n.to_string()
                                    aria-describedby=described on:keydown=go>{r.text}</mark>
                            }
                            .into_any()
                        })
                        .collect_view();
                    view! { <p class="govuk-body app-report-paragraph" data-section=s.key.clone() data-start=p.start.to_string()>{runs}</p> }
                })
                .collect_view();
            view! {
                <h2 class="govuk-heading-m" id=format!("section-{}", s.key)>{s.heading.clone()}</h2>
                {paragraphs}
            }
        })
        .collect_view();
    let take = move || {
        if let Some(cb) = on_select {
            if let Some(sel) = selection() {
                cb.run(sel);
            }
        }
    };
    view! {
        <div class="app-report-text" id="report-text" on:mouseup=move |_| take() on:keyup=move |_| take()>
            {body}
        </div>
    }
}

/// The words selected in the report's text, when the selection lies within one paragraph.
pub fn selection() -> Option<Selected> {
    let selection = window().get_selection().ok()??;
    if selection.range_count() == 0 || selection.is_collapsed() {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let paragraph = |node: web_sys::Node| -> Option<web_sys::Element> {
        let element = match node.dyn_into::<web_sys::Element>() {
            Ok(e) => e,
            Err(node) => node.parent_element()?,
        };
        element.closest("[data-start]").ok()?
    };
    let p = paragraph(range.start_container().ok()?)?;
    let end = paragraph(range.end_container().ok()?)?;
    if !p.is_same_node(Some(&end)) {
        return None;
    }
    let base: usize = p.get_attribute("data-start")?.parse().ok()?;
    let section = p.get_attribute("data-section")?;
    let before = document().create_range().ok()?;
    before.set_start(&p, 0).ok()?;
    before.set_end(&range.start_container().ok()?, range.start_offset().ok()?).ok()?;
    let lead = String::from(before.to_string()).chars().count();
    let words = String::from(range.to_string());
    let trimmed_start = words.chars().take_while(|c| c.is_whitespace()).count();
    let quote = words.trim().to_string();
    if quote.is_empty() {
        return None;
    }
    Some(Selected { section, start: base + lead + trimmed_start, quote })
}
