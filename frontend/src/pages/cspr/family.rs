//! The family's part: letters, consent, meetings with the lead reviewer, findings shared; and
//! the family members and relationships, drawn as a genogram (standard symbols: a square for
//! a male, a circle for a female, a diamond when not known; a double outline for the child the
//! review is about; a cross for a member who has died; a couple joined by a line, struck
//! through when separated; children hanging from their parents' line). The layout is
//! `shared::cspr::genogram`'s; the list after the picture says the same in words.
use super::{load_review, not_allowed, send_review, ReviewForms};
use crate::api::CsprRecord;
use crate::clock::today;
use crate::components::{BackLink, Checkbox, DateInput, ErrorSummary, Loading, Radios, Select, TextInput};
use crate::form::bind::{get, put, put_row_text, row_text, set, text};
use crate::form::rows::RemoveRow;
use crate::form::FormState;
use crate::pages::PageHeading;
use crate::router::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::cspr::family::FamilyMeeting;
use shared::cspr::*;
use uuid::Uuid;

const COLUMN: f64 = 150.0;
const ROW: f64 = 130.0;
const SIZE: f64 = 40.0;

/// The centre of a member's symbol.
fn centre(n: &family::GenogramNode) -> (f64, f64) {
    (COLUMN / 2.0 + COLUMN * n.column as f64, 40.0 + ROW * n.generation as f64)
}

/// A member's symbol.
fn symbol(n: &family::GenogramNode) -> AnyView {
    let (x, y) = centre(n);
    let h = SIZE / 2.0;
    let shape = |grow: f64, class: &'static str| {
        match n.sex {
        Sex::Male => view! { <rect x=x - h - grow y=y - h - grow width=SIZE + 2.0 * grow height=SIZE + 2.0 * grow class=class /> }.into_any(),
        Sex::Female => view! { <circle cx=x cy=y r=h + grow class=class /> }.into_any(),
        Sex::Unknown => {
            let r = h + grow + 4.0;
            let points = format!("{x},{} {},{y} {x},{} {},{y}", y - r, x + r, y + r, x - r);
            view! { <polygon points=points class=class /> }.into_any()
        }
    }
    };
    let subject = n.subject.then(|| shape(5.0, "app-genogram__subject"));
    let cross = n.deceased.then(|| {
        view! {
            <line x1=x - h y1=y - h x2=x + h y2=y + h class="app-genogram__line" />
            <line x1=x - h y1=y + h x2=x + h y2=y - h class="app-genogram__line" />
        }
    });
    let born = n.born_year.map(|b| format!("b. {b}")).unwrap_or_default();
    view! {
        <g class="app-genogram__member" data-key=n.key.clone()>
            {subject}
            {shape(0.0, "app-genogram__symbol")}
            {cross}
            <text x=x y=y + h + 18.0 text-anchor="middle" class="app-genogram__name">{n.name.clone()}</text>
            <text x=x y=y + h + 34.0 text-anchor="middle" class="app-genogram__born">{born}</text>
        </g>
    }
    .into_any()
}

/// The family in words: the picture's text alternative.
fn described(f: &FamilyEngagement) -> Vec<String> {
    let name = |key: &str| f.members.iter().find(|m| m.key == key).map(|m| m.name.clone()).unwrap_or_default();
    f.members
        .iter()
        .map(|m| {
            let mut s = format!("{}: {}", m.name, m.sex.as_str());
            if let Some(b) = m.born_year {
                s.push_str(&format!(", born {b}"));
            }
            if m.deceased {
                s.push_str(", died");
            }
            if m.subject {
                s.push_str(", the child the review is about");
            }
            let parents: Vec<String> = f
                .relationships
                .iter()
                .filter(|r| r.kind == RelationKind::Parent && r.to == m.key)
                .map(|r| name(&r.from))
                .collect();
            if !parents.is_empty() {
                s.push_str(&format!(". Parents: {}", parents.join(" and ")));
            }
            for r in
                f.relationships.iter().filter(|r| r.kind != RelationKind::Parent && (r.from == m.key || r.to == m.key))
            {
                let other = if r.from == m.key { &r.to } else { &r.from };
                let how = if r.kind == RelationKind::Separated { "separated from" } else { "partner of" };
                s.push_str(&format!(". {} {}", upper(how), name(other)));
            }
            s.push('.');
            s
        })
        .collect()
}

fn upper(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// The genogram and its description.
#[component]
pub fn GenogramPicture(family: FamilyEngagement) -> impl IntoView {
    let Some(g) = genogram(&family).filter(|g| !g.nodes.is_empty()) else {
        return view! { <p class="govuk-body" id="genogram">"No family members recorded."</p> }.into_any();
    };
    let at = |key: &str| g.nodes.iter().find(|n| n.key == key).map(centre);
    let h = SIZE / 2.0;
    let couples = g
        .couples
        .iter()
        .filter_map(|c| {
            let ((x1, y1), (x2, _)) = (at(&c.a)?, at(&c.b)?);
            let y = y1 + h + 8.0;
            let mid = (x1 + x2) / 2.0;
            let strike = c.separated.then(|| {
                view! {
                    <line x1=mid - 6.0 y1=y + 8.0 x2=mid y2=y - 8.0 class="app-genogram__line" />
                    <line x1=mid y1=y + 8.0 x2=mid + 6.0 y2=y - 8.0 class="app-genogram__line" />
                }
            });
            Some(view! {
                <polyline points=format!("{x1},{} {x1},{y} {x2},{y} {x2},{}", y1 + h, y1 + h) class="app-genogram__line" fill="none" />
                {strike}
            })
        })
        .collect_view();
    let descents = g
        .descents
        .iter()
        .filter_map(|d| {
            let (cx, cy) = at(&d.child)?;
            let parents: Vec<(f64, f64)> = d.parents.iter().filter_map(|p| at(p)).collect();
            let (px, py) = match parents.as_slice() {
                [(x1, y1), (x2, _)] => ((x1 + x2) / 2.0, y1 + h + 8.0),
                [(x, y)] => (*x, y + h),
                _ => return None,
            };
            let mid = cy - h - 20.0;
            Some(view! {
                <polyline points=format!("{px},{py} {px},{mid} {cx},{mid} {cx},{}", cy - h) class="app-genogram__line" fill="none" />
            })
        })
        .collect_view();
    let members = g.nodes.iter().map(symbol).collect_view();
    let width = COLUMN * g.columns.max(1) as f64;
    let height = ROW * g.generations as f64 + 20.0;
    let words = described(&family).into_iter().map(|s| view! { <li>{s}</li> }).collect_view();
    view! {
        <figure class="app-genogram" id="genogram">
            <svg viewBox=format!("0 0 {width} {height}") role="img" aria-labelledby="genogram-title genogram-desc" class="app-genogram__svg"
                width=width>
                <title id="genogram-title">"Genogram of the family"</title>
                <desc id="genogram-desc">"The family members and their relationships; the list below says the same in words."</desc>
                {couples}
                {descents}
                {members}
            </svg>
            <figcaption class="govuk-body-s">"Genogram: a square is a male, a circle a female, a diamond not known; a double outline marks the child the review is about; a cross, a member who has died."</figcaption>
        </figure>
        <ul class="govuk-list govuk-list--bullet" id="genogram-words">{words}</ul>
    }
    .into_any()
}

#[component]
pub fn FamilyPage(id: Uuid) -> impl IntoView {
    let review = load_review(id);
    let state = FormState::new();
    let (errors, problems) = (state.errors, state.problems);
    let form = RwSignal::new(ReviewForms::default());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let family = form.with_untracked(|f| f.family.clone());
        if state.ready(check_family(&family, today())) {
            send_review(state, id, review, CsprRecord::Family(family));
        }
    };
    view! {
        <BackLink href=Route::Review(id).href() text="Back to the review" />
        <ErrorSummary failure=state.failure />
        <PageHeading text="The family's part" />
        <Loading state=review render=move |r: CsprView| {
            if let Some(no) = not_allowed(&r, CsprAction::RecordFamily) {
                return no;
            }
            form.update(|f| f.family = r.family.clone().unwrap_or_default());
            let consent = Signal::derive(move || form.with(|f| f.family.consent_given.map(|c| if c { "yes" } else { "no" }.to_string())));
            view! {
                <form novalidate on:submit=on_submit>
                    <h2 class="govuk-heading-m">"Letters and meetings"</h2>
                    <DateInput id="initial_letter_on" legend="Initial letter delivered" name="The date of the initial letter"
                        value=get(form, |f| f.family.initial_letter_on) on_change=set(form, |f, v| f.family.initial_letter_on = v)
                        errors=errors problems=problems />
                    <TextInput id="initial_letter_by" label="Practitioner who delivered it"
                        value=text(form, |f| &f.family.initial_letter_by) on_input=put(form, |f| &mut f.family.initial_letter_by) errors=errors />
                    <Radios id="consent_given" legend="Did the family consent to their records being accessed?" inline=true
                        options=vec![("yes", "Yes"), ("no", "No")] value=consent
                        on_change=set(form, |f, v: String| f.family.consent_given = Some(v == "yes")) errors=errors />
                    <DateInput id="consent_on" legend="Date they answered" name="The date of the answer"
                        value=get(form, |f| f.family.consent_on) on_change=set(form, |f, v| f.family.consent_on = v)
                        errors=errors problems=problems />
                    <Meetings form=form state=state />
                    <DateInput id="mid_letter_on" legend="Mid-process letter" name="The date of the mid-process letter"
                        value=get(form, |f| f.family.mid_letter_on) on_change=set(form, |f, v| f.family.mid_letter_on = v)
                        errors=errors problems=problems />
                    <DateInput id="findings_shared_on" legend="Findings shared with the family before publication" name="The date the findings were shared"
                        value=get(form, |f| f.family.findings_shared_on) on_change=set(form, |f, v| f.family.findings_shared_on = v)
                        errors=errors problems=problems />
                    <Members form=form state=state />
                    <button type="submit" class="govuk-button" id="save-family" disabled=move || state.sending.get()>"Save the family's part"</button>
                </form>
                <h2 class="govuk-heading-m">"Genogram"</h2>
                {move || view! { <GenogramPicture family=form.with(|f| f.family.clone()) /> }}
            }
            .into_any()
        } />
    }
}

#[component]
fn Meetings(form: RwSignal<ReviewForms>, state: FormState) -> impl IntoView {
    let (errors, problems) = (state.errors, state.problems);
    let len = Memo::new(move |_| form.with(|f| f.family.meetings.len()));
    let rows = move || {
        (0..len.get())
            .map(|i| {
                view! {
                    <fieldset class="govuk-fieldset app-row" id=format!("meetings[{i}]-row")>
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{format!("Meeting {}", i + 1)}</legend>
                        <DateInput id=format!("meetings[{i}].on") legend="Date" name="The date of the meeting"
                            value=get(form, move |f| f.family.meetings.get(i).and_then(|m| m.on))
                            on_change=set(form, move |f, v| if let Some(m) = f.family.meetings.get_mut(i) { m.on = v })
                            errors=errors problems=problems />
                        <TextInput id=format!("meetings[{i}].with") label="With"
                            value=row_text(form, i, |f, i| f.family.meetings.get(i).map(|m| &m.with))
                            on_input=put_row_text(form, i, |f, i| f.family.meetings.get_mut(i).map(|m| &mut m.with)) errors=errors />
                        <RemoveRow id=format!("remove-meeting-{}", i + 1) what=format!("meeting {}", i + 1)
                            on_remove=Callback::new(move |_| form.update(|f| { f.family.meetings.remove(i); })) />
                    </fieldset>
                }
            })
            .collect_view()
    };
    view! {
        <h3 class="govuk-heading-s">"Meetings with the lead reviewer"</h3>
        {rows}
        <button type="button" class="govuk-button govuk-button--secondary" id="add-meeting"
            on:click=move |_| form.update(|f| f.family.meetings.push(FamilyMeeting::default()))>"Add a meeting"</button>
    }
}

#[component]
fn Members(form: RwSignal<ReviewForms>, state: FormState) -> impl IntoView {
    let errors = state.errors;
    let len = Memo::new(move |_| form.with(|f| f.family.members.len()));
    let relations = Memo::new(move |_| form.with(|f| f.family.relationships.len()));
    let sexes = || Sex::ALL.iter().map(|s| (s.as_str().to_string(), upper(s.as_str()))).collect::<Vec<_>>();
    // the members to relate, drawn again only when a member's key or name changes
    let member_choices = Memo::new(move |_| {
        form.with(|f| f.family.members.iter().map(|m| (m.key.clone(), m.name.clone())).collect::<Vec<_>>())
    });
    let rows = move || {
        (0..len.get())
            .map(|i| {
                let p = move |field: &str| format!("members[{i}].{field}");
                view! {
                    <fieldset class="govuk-fieldset app-row" id=format!("members[{i}]-row")>
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{format!("Family member {}", i + 1)}</legend>
                        <TextInput id=p("name") label="Name or description"
                            value=row_text(form, i, |f, i| f.family.members.get(i).map(|m| &m.name))
                            on_input=put_row_text(form, i, |f, i| f.family.members.get_mut(i).map(|m| &mut m.name)) errors=errors />
                        <Select id=p("sex") label="Sex" options=sexes()
                            value=get(form, move |f| f.family.members.get(i).map(|m| m.sex.as_str().to_string()).unwrap_or_default())
                            on_change=set(form, move |f, v: String| if let (Some(m), Some(s)) = (f.family.members.get_mut(i), Sex::parse(&v)) { m.sex = s })
                            errors=errors />
                        <TextInput id=p("born_year") label="Year of birth (optional)" width="govuk-input--width-4"
                            value=get(form, move |f| f.family.members.get(i).and_then(|m| m.born_year).map(|y| y.to_string()).unwrap_or_default())
                            on_input=set(form, move |f, v: String| if let Some(m) = f.family.members.get_mut(i) { m.born_year = v.trim().parse().ok() })
                            errors=errors />
                        <Checkbox id=p("subject") legend="The review" label="The child the review is about"
                            checked=get(form, move |f| f.family.members.get(i).is_some_and(|m| m.subject))
                            on_change=set(form, move |f, v| if let Some(m) = f.family.members.get_mut(i) { m.subject = v }) errors=errors />
                        <Checkbox id=p("deceased") legend="Died" label="This member has died"
                            checked=get(form, move |f| f.family.members.get(i).is_some_and(|m| m.deceased))
                            on_change=set(form, move |f, v| if let Some(m) = f.family.members.get_mut(i) { m.deceased = v }) errors=errors />
                        <RemoveRow id=format!("remove-family-member-{}", i + 1) what=format!("family member {}", i + 1)
                            on_remove=Callback::new(move |_| form.update(|f| {
                                let key = f.family.members.remove(i).key;
                                f.family.relationships.retain(|r| r.from != key && r.to != key);
                            })) />
                    </fieldset>
                }
            })
            .collect_view()
    };
    let relation_rows = move || {
        let choices = member_choices.get();
        (0..relations.get())
            .map(|i| {
                let p = move |field: &str| format!("relationships[{i}].{field}");
                let kinds = vec![
                    ("parent".to_string(), "is a parent of".to_string()),
                    ("partner".to_string(), "is the partner of".to_string()),
                    ("separated".to_string(), "is separated from".to_string()),
                ];
                view! {
                    <fieldset class="govuk-fieldset app-row" id=format!("relationships[{i}]")>
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{format!("Relationship {}", i + 1)}</legend>
                        <Select id=p("from") label="Member" options=choices.clone()
                            value=get(form, move |f| f.family.relationships.get(i).map(|r| r.from.clone()).unwrap_or_default())
                            on_change=set(form, move |f, v: String| if let Some(r) = f.family.relationships.get_mut(i) { r.from = v }) errors=errors />
                        <Select id=p("kind") label="Relationship" options=kinds
                            value=get(form, move |f| f.family.relationships.get(i).map(|r| r.kind.as_str().to_string()).unwrap_or_default())
                            on_change=set(form, move |f, v: String| if let (Some(r), Some(k)) = (f.family.relationships.get_mut(i), RelationKind::parse(&v)) { r.kind = k })
                            errors=errors />
                        <Select id=p("to") label="Other member" options=choices.clone()
                            value=get(form, move |f| f.family.relationships.get(i).map(|r| r.to.clone()).unwrap_or_default())
                            on_change=set(form, move |f, v: String| if let Some(r) = f.family.relationships.get_mut(i) { r.to = v }) errors=errors />
                        <RemoveRow id=format!("remove-relationship-{}", i + 1) what=format!("relationship {}", i + 1)
                            on_remove=Callback::new(move |_| form.update(|f| { f.family.relationships.remove(i); })) />
                    </fieldset>
                }
            })
            .collect_view()
    };
    view! {
        <h2 class="govuk-heading-m">"Family members"</h2>
        {rows}
        <button type="button" class="govuk-button govuk-button--secondary" id="add-family-member"
            on:click=move |_| form.update(|f| {
                let n = (1..).find(|n| !f.family.members.iter().any(|m| m.key == format!("m{n}"))).unwrap_or(1);
                f.family.members.push(FamilyMember { key: format!("m{n}"), ..FamilyMember::default() });
            })>"Add a family member"</button>
        <h2 class="govuk-heading-m">"Relationships"</h2>
        {relation_rows}
        <button type="button" class="govuk-button govuk-button--secondary" id="add-relationship"
            on:click=move |_| form.update(|f| f.family.relationships.push(Relationship { from: String::new(), to: String::new(), kind: RelationKind::Parent }))>
            "Add a relationship"
        </button>
    }
}
