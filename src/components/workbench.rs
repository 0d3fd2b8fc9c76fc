//! The clause workbench: write clauses in the clause language, with live diagnostics underlined
//! in place and listed; valid clauses join the verdict matrix at once.

use crate::same::Same;
use crate::state::{Action, Changed};
use dealscope_core::check::Outcome;
use dealscope_core::io::link::Sides;
use dealscope_core::lang::{marks, print, Diagnostic, Parsed};
use dealscope_core::relate::against;
use dealscope_core::verdict::Expectation;
use dealscope_core::{builtin_clauses, builtin_readings, Clause};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`Workbench`].
#[derive(Properties, PartialEq)]
pub struct WorkbenchProps {
    pub text: String,
    pub parsed: Same<Parsed>,
    pub outcomes: Same<Vec<(Expectation, Outcome)>>,
    pub dispatch: Callback<Action>,
}

/// The text behind the editor, with each diagnostic's span marked: same font and wrapping as the
/// textarea on top, so the marks sit under the faulty words.
fn underlay(text: &str, diagnostics: &[Diagnostic]) -> Html {
    // A few long runs of text, not a node per line: every keystroke builds this again.
    let mut parts: Vec<Html> = Vec::new();
    let mut at = 0;
    for (s, e) in marks(text, diagnostics) {
        parts.push(html! { {&text[at..s]} });
        parts.push(html! { <mark>{&text[s..e]}</mark> });
        at = e;
    }
    parts.push(html! { {&text[at..]} });
    html! { <pre class="underlay" aria-hidden="true">{ for parts }{"\u{200b}"}</pre> }
}

fn expectations(outcomes: &[(Expectation, Outcome)]) -> Html {
    if outcomes.is_empty() {
        return html! {
            <p class="small muted">{"State what this scenario should get with lines like "}<code>{"expect v4 letter complies"}</code>{"; every edit re-checks them."}</p>
        };
    }
    let failing = outcomes.iter().filter(|(_, o)| *o != Outcome::Met).count();
    let items = outcomes.iter().map(|(e, o)| {
        let cell = format!("{} \u{00b7} {}", e.clause.to_ascii_uppercase(), e.reading);
        match o {
            Outcome::Met => html! { <li class="met">{format!("\u{2713} {cell}: {}, as expected", e.verdict.keyword())}</li> },
            Outcome::Failed { actual, finding } => {
                let why = finding.as_ref().map(|f| {
                    format!(" Route: {}. {}", dealscope_core::check::explain::route_text(&f.route), f.explanation)
                });
                html! {
                    <li class="failed">
                        <strong>{format!("\u{2717} {cell}: expected {}, but it is {}.", e.verdict.keyword(), actual.keyword())}</strong>
                        {why.unwrap_or_default()}
                    </li>
                }
            }
            Outcome::Unknown(why) => html! { <li class="failed">{format!("? line {}: {why}", e.line)}</li> },
        }
    });
    html! {
        <div class="expectations" data-testid="expectations">
            <h4>{ if failing == 0 { format!("Expectations: all {} met", outcomes.len()) } else { format!("Expectations: {failing} of {} failing", outcomes.len()) } }</h4>
            <ul>{ for items }</ul>
        </div>
    }
}

/// A built-in clause renamed, to start a clause of one's own from it.
fn copy_of(c: &Clause, taken: &str) -> String {
    let mut copy = c.clone();
    let mut n = 1;
    loop {
        let id = format!(
            "{}-copy{}",
            c.id,
            if n == 1 { String::new() } else { n.to_string() }
        );
        if !taken.contains(&format!("clause {id} ")) {
            copy.id = id;
            break;
        }
        n += 1;
    }
    copy.title = format!("{} (my version)", c.title);
    print(&[copy])
}

/// How each of the user's first clauses relates to the built-in versions, under each reading.
type Related = Vec<(String, [String; 2])>;

/// The most of the user's clauses related to the built-ins after each pause in typing.
const RELATED_CLAUSES: usize = 3;

/// Relates the user's first clauses to the built-in versions once typing pauses: up to 30
/// exact comparisons, each within `relate`'s budget, never on a keystroke.
#[hook]
fn use_related(parsed: &Same<Parsed>) -> Related {
    let related = use_state(Related::new);
    let generation = use_mut_ref(|| 0u64);
    {
        let related = related.clone();
        use_effect_with(parsed.clone(), move |parsed| {
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            let clauses: Vec<Clause> = parsed
                .clauses
                .iter()
                .take(RELATED_CLAUSES)
                .cloned()
                .collect();
            if clauses.is_empty() {
                // A keystroke with no valid clause of the user's draws nothing more.
                if !related.is_empty() {
                    related.set(Vec::new());
                }
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                yew::platform::time::sleep(std::time::Duration::from_millis(400)).await;
                if *generation.borrow() != mine {
                    return;
                }
                let (builtins, readings) = (builtin_clauses(), builtin_readings());
                let under = |c: &Clause, r: usize| against(c, &builtins, &readings[r]);
                related.set(
                    clauses
                        .iter()
                        .map(|c| (c.id.clone(), [under(c, 0), under(c, 1)]))
                        .collect(),
                );
            });
        });
    }
    (*related).clone()
}

/// The relations, each clause with a way into "What changed" against the disputed version.
fn relations(related: &Related, dispatch: &Callback<Action>) -> Html {
    if related.is_empty() {
        return html! {};
    }
    let items = related.iter().map(|(id, lines)| {
        let sides = Sides {
            left: (id.clone(), "letter".into()),
            right: ("v4".into(), "letter".into()),
        };
        let open = dispatch.reform(move |_: MouseEvent| Action::WhatChanged(Changed { open: true, sides: sides.clone() }));
        html! {
            <p class="small">
                {format!("\u{201c}{id}\u{201d} against the built-in versions. {} {} ", lines[0], lines[1])}
                <button class="btn small" onclick={open}>{"Compare with V4 in What changed"}</button>
            </p>
        }
    });
    html! {
        <div class="relations" data-testid="relations">
            { for items }
            <p class="small muted">{"Stricter: it forbids everything the version forbids, and more, in every arrangement whose facts are all set."}</p>
        </div>
    }
}

/// The workbench panel.
#[function_component]
pub fn Workbench(p: &WorkbenchProps) -> Html {
    let related = use_related(&p.parsed);
    let oninput = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                dispatch.emit(Action::SetClauses(area.value()));
            }
        })
    };
    // Choosing a version only chooses it: arrowing through the menu fires a change per item,
    // so adding a copy takes the button.
    let chosen = use_state(String::new);
    let choose = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            if let Some(id) = crate::browser::select_value(&e) {
                chosen.set(id);
            }
        })
    };
    let add_copy = {
        let (dispatch, text, chosen) = (p.dispatch.clone(), p.text.clone(), chosen.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(c) = builtin_clauses().into_iter().find(|c| c.id == *chosen) {
                let sep = if text.trim().is_empty() {
                    ""
                } else if text.ends_with('\n') {
                    "\n"
                } else {
                    "\n\n"
                };
                dispatch.emit(Action::SetClauses(format!(
                    "{text}{sep}{}",
                    copy_of(&c, &text)
                )));
            }
        })
    };
    let rows = p.text.split('\n').count().max(6) + 1;
    let yours = p.parsed.clauses.len();
    let problems = p.parsed.diagnostics.len();
    let summary = match (yours, problems) {
        (0, 0) => "Clause workbench".to_string(),
        (y, 0) => format!(
            "Clause workbench: {y} clause{} of yours",
            if y == 1 { "" } else { "s" }
        ),
        (y, n) => format!(
            "Clause workbench: {y} valid, {n} problem{}",
            if n == 1 { "" } else { "s" }
        ),
    };
    let items = p.parsed.diagnostics.iter().map(|d| {
        let hint = d
            .suggestion
            .as_ref()
            .map(|s| format!(" Did you mean `{s}`?"))
            .unwrap_or_default();
        let expected = d
            .expected
            .as_ref()
            .map(|e| format!(" Expected: {e}."))
            .unwrap_or_default();
        html! {
            <li>
                <span class="where">{format!("line {}, column {}", d.line, d.start)}</span>
                {format!(" {}.{hint}{expected}", d.message)}
            </li>
        }
    });
    html! {
        <details class="workbench" open={!p.text.is_empty()}>
            <summary data-testid="workbench">{summary}</summary>
            <p class="small muted">{"Write clauses in words close to the contract; valid ones join the verdict matrix as you type. To start from a built-in version, choose it and add a copy."}</p>
            <div class="start-from">
                <label class="field">
                    <span>{"Start from"}</span>
                    <select onchange={choose} aria-label="A built-in version to copy">
                        <option value="" selected={chosen.is_empty()} disabled=true>{"A built-in version\u{2026}"}</option>
                        { for builtin_clauses().iter().map(|c| html! { <option value={c.id.clone()}>{format!("{} \u{00b7} {}", c.id.to_ascii_uppercase(), c.title)}</option> }) }
                    </select>
                </label>
                <button class="btn" onclick={add_copy} disabled={chosen.is_empty()} data-testid="add-copy">{"Add a copy"}</button>
            </div>
            <div class="editor">
                { underlay(&p.text, &p.parsed.diagnostics) }
                <textarea value={p.text.clone()} oninput={oninput} rows={rows.to_string()} spellcheck="false"
                    aria-label="Your clauses, in the clause language" aria-describedby="clause-problems"
                    aria-invalid={(problems > 0).to_string()} data-testid="clause-text" />
            </div>
            <ul id="clause-problems" class="diagnostics" aria-live="polite">{ for items }</ul>
            { relations(&related, &p.dispatch) }
            { expectations(&p.outcomes) }
        </details>
    }
}
