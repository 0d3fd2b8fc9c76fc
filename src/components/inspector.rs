//! The inspector: edit the selected component's label and attributes, or a relation's kind.

use crate::browser::{input_value, select_value};
use crate::state::Action;
use dealscope_core::check::{mentions_party, same_party};
use dealscope_core::edit::Command;
use dealscope_core::model::{Date, Launch, Origin, Segment, Statefulness};
use dealscope_core::{ComponentId, Diagram, Kind, Provider, RelationKind};
use yew::prelude::*;

/// Properties of [`Inspector`].
#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub diagram: crate::same::Same<Diagram>,
    pub selection: Vec<ComponentId>,
    pub relation: Option<usize>,
    pub dispatch: Callback<Action>,
}

/// A labelled menu of `options`, with `current` chosen. Only this thin layer is generic; the
/// markup is built once, by [`menu`], for every type of value.
fn choice<T: Clone + PartialEq + 'static>(
    label: &'static str,
    options: Vec<(T, String)>,
    current: T,
    on: Callback<T>,
) -> Html {
    let chosen = options.iter().position(|(v, _)| *v == current);
    let (values, names): (Vec<T>, Vec<String>) = options.into_iter().unzip();
    let on = Callback::from(move |i: usize| {
        if let Some(v) = values.get(i) {
            on.emit(v.clone());
        }
    });
    menu(label, names, chosen, on)
}

fn menu(
    label: &'static str,
    names: Vec<String>,
    chosen: Option<usize>,
    on: Callback<usize>,
) -> Html {
    let change = Callback::from(move |e: Event| {
        if let Some(i) = select_value(&e).and_then(|v| v.parse::<usize>().ok()) {
            on.emit(i);
        }
    });
    html! {
        <label class="field">
            <span>{label}</span>
            <select name={label} onchange={change}>
                { for names.into_iter().enumerate().map(|(i, name)| html! {
                    <option value={i.to_string()} selected={chosen == Some(i)}>{name}</option>
                }) }
            </select>
        </label>
    }
}

/// The inspector's heading, with a "Done" that ends the selection. On a phone the inspector is
/// a sheet over the bottom of the screen while something is selected (see `styles/`), and
/// "Done" is how it goes away; elsewhere the button is hidden and Escape does the same.
fn heading(title: String, dispatch: &Callback<Action>) -> Html {
    let done = dispatch.reform(|_: MouseEvent| Action::Select(Vec::new()));
    html! {
        <div class="inspector-head">
            <h2>{title}</h2>
            <button class="btn done" onclick={done}>{"Done"}</button>
        </div>
    }
}

/// Align and space out the selected boxes, each one undoable edit; spacing needs three.
fn align_buttons(
    d: &crate::same::Same<Diagram>,
    ids: &[ComponentId],
    dispatch: &Callback<Action>,
) -> Html {
    use dealscope_core::edit::{align, Align};
    let buttons = Align::ALL.into_iter().map(|how| {
        let spread = matches!(how, Align::Across | Align::Down);
        let disabled = ids.len() < if spread { 3 } else { 2 };
        let (d, ids) = (d.clone(), ids.to_vec());
        let click =
            dispatch.reform(move |_: MouseEvent| Action::Do(Command::Place(align(&d, &ids, how))));
        html! { <button class="btn small-btn" onclick={click} disabled={disabled}>{how.label()}</button> }
    });
    html! {
        <div class="align" role="group" aria-label="Align the selected components">
            <span class="small muted">{"Align"}</span>
            { for buttons }
        </div>
    }
}

/// The inspector panel.
#[function_component]
pub fn Inspector(p: &InspectorProps) -> Html {
    let d = &p.diagram;
    if let Some(i) = p.relation {
        let Some(r) = d.relations.get(i) else {
            return html! {};
        };
        let (Some(a), Some(b)) = (d.component(r.from), d.component(r.to)) else {
            return html! {};
        };
        let choices = RelationKind::choices(a.kind.tag(), b.kind.tag());
        let dispatch = p.dispatch.clone();
        let on = Callback::from(move |k: RelationKind| {
            dispatch.emit(Action::Do(Command::SetRelationKind { index: i, kind: k }))
        });
        let del = p.dispatch.reform(|_: MouseEvent| Action::DeleteSelection);
        return html! {
            <section class="inspector" aria-label="Inspector">
                { heading("Relation".into(), &p.dispatch) }
                <p class="muted">{format!("{} \u{2192} {}", a.label, b.label)}</p>
                { choice("Meaning", choices.iter().map(|k| (*k, k.label().to_string())).collect(), r.kind, on) }
                <button class="btn danger" onclick={del}>{"Delete relation"}</button>
            </section>
        };
    }
    match p.selection.as_slice() {
        [] => html! {
            <section class="inspector empty" aria-label="Inspector">
                <h2>{"Inspector"}</h2>
                <p class="muted fine">{"Select a component to edit its label, hosting and attributes. Shift-click or drag a box on the canvas to select several."}</p>
                <p class="muted coarse">{"Tap a component to edit its label, hosting and attributes. Drag the canvas with one finger to move around it; pinch to zoom."}</p>
            </section>
        },
        [id] => match d.component(*id) {
            Some(c) => component_fields(d, c.id, p.dispatch.clone()),
            None => html! {},
        },
        many => html! {
            <section class="inspector" aria-label="Inspector">
                { heading(format!("{} components selected", many.len()), &p.dispatch) }
                <p class="muted">{"Move them together with the arrow keys or a drag; Delete removes them; Ctrl+C and Ctrl+V copy them."}</p>
                { align_buttons(&p.diagram, many, &p.dispatch) }
            </section>
        },
    }
}

/// The product's launch dates, its first launch and Microsoft's support: the facts the
/// 2026-04-27 amendment turns on.
fn launch_fields(
    kind: &Kind,
    launches: &[Launch],
    cannot_support: bool,
    declines_support: bool,
    set_kind: impl Fn(Kind) + Clone + 'static,
    dispatch: Callback<Action>,
) -> Html {
    let c_kind = kind.clone();
    let rows = Provider::BUILT_IN.iter().map(|provider| {
        let current = launches.iter().find(|x| &x.provider == provider).map(|x| x.date.to_string()).unwrap_or_default();
        let k = set_kind.clone();
        let kind = c_kind.clone();
        let pr = provider.clone();
        let dispatch = dispatch.clone();
        let change = Callback::from(move |e: Event| {
            let Some(v) = input_value(&e) else { return };
            let mut next = kind.clone();
            if let Kind::Product { launches, .. } = &mut next {
                launches.retain(|x| x.provider != pr);
                if !v.is_empty() {
                    // A year below 1000 is one still being typed ("0002"): wait for the rest.
                    if v.split('-').next().and_then(|y| y.parse::<u16>().ok()).is_some_and(|y| y < 1000) {
                        return;
                    }
                    match Date::parse(&v) {
                        Ok(date) => launches.push(Launch { provider: pr.clone(), date }),
                        Err(e) => return dispatch.emit(Action::Say(true, format!("Not changed: {}.", dealscope_core::check::explain::for_reader(&e.to_string())))),
                    }
                }
            }
            k(next);
        });
        html! {
            <label class="field inline">
                <span>{provider.name()}</span>
                <input type="date" value={current} onchange={change} data-launch={provider.keyword()} aria-label={format!("Launch date on {}", provider.name())} />
            </label>
        }
    });
    let first = launches
        .iter()
        .min_by_key(|l| l.date)
        .map(|l| format!("First launch: {} on {}.", l.date, l.provider.name()));
    let toggle = |label: &'static str, on: bool, f: fn(&mut Kind, bool), key: &'static str| {
        let k = set_kind.clone();
        let kind = c_kind.clone();
        let change = Callback::from(move |_: Event| {
            let mut next = kind.clone();
            f(&mut next, !on);
            k(next);
        });
        html! {
            <label class="field check">
                <input type="checkbox" checked={on} onchange={change} data-support={key} />
                <span>{label}</span>
            </label>
        }
    };
    html! {
        <fieldset class="launches">
            <legend>{"Launch dates"}</legend>
            <p class="muted small">{"The 2026-04-27 amendment binds new products (first launched on or after that day): they must ship first on Azure. Leave a date empty where unknown."}</p>
            { for rows }
            <p class="small">{ first.unwrap_or_else(|| "No launch date yet: whether the product is new cannot be decided.".into()) }</p>
            { toggle("Microsoft cannot support the capability", cannot_support, |k, v| if let Kind::Product { cannot_support, .. } = k { *cannot_support = v }, "cannot") }
            { toggle("Microsoft chose not to support it", declines_support, |k, v| if let Kind::Product { declines_support, .. } = k { *declines_support = v }, "declines") }
            <p class="muted small">{"The exception is reported as \u{201c}cannot and chooses not to\u{201d} and as \u{201c}cannot, or chooses not to\u{201d}: the letter reading takes \u{201c}or\u{201d}, the spirit \u{201c}and\u{201d}."}</p>
        </fieldset>
    }
}

/// "Built by": first party, or with a third party (which makes a joint product).
fn built_by(origin: Origin, on: Callback<usize>) -> Html {
    choice(
        "Built by",
        vec![(0, "First party".into()), (1, "With a third party".into())],
        (origin == Origin::ThirdParty) as usize,
        on,
    )
}

/// Sets a product's or endpoint's origin from the "Built by" menu's position.
fn set_origin(k: &mut Kind, i: usize) {
    let to = if i == 1 {
        Origin::ThirdParty
    } else {
        Origin::FirstParty
    };
    if let Kind::Endpoint { origin, .. } | Kind::Product { origin, .. } = k {
        *origin = to;
    }
}

/// The party whose models the diagram protects (the first owner drawn), "OpenAI" by default.
fn model_owner(d: &Diagram) -> String {
    d.relations
        .iter()
        .find(|r| r.kind == RelationKind::Owns)
        .map(|r| d.label(r.from))
        .unwrap_or_else(|| "OpenAI".into())
}

/// Who runs a product or endpoint: free text with the diagram's parties and customers offered,
/// empty meaning "not set" (an open question).
fn operator_field(
    d: &Diagram,
    id: ComponentId,
    kind: &Kind,
    set_kind: impl Fn(Kind) + 'static,
) -> Html {
    let current = kind.operator().unwrap_or_default().to_string();
    let mut names: Vec<String> = d
        .components
        .iter()
        .filter(|c| matches!(c.kind, Kind::Party | Kind::Customer { .. }))
        .map(|c| c.label.clone())
        .collect();
    for common in ["OpenAI", "Microsoft", "Amazon"] {
        names.push(common.into());
    }
    names.sort_unstable();
    names.dedup();
    let partner = d
        .relations
        .iter()
        .find(|r| r.from == id && r.kind == RelationKind::BuiltWith)
        .map(|r| d.label(r.to));
    let joint = partner.is_some()
        || matches!(
            kind,
            Kind::Endpoint {
                origin: Origin::ThirdParty,
                ..
            } | Kind::Product {
                origin: Origin::ThirdParty,
                ..
            }
        );
    let owner = model_owner(d);
    let kind = kind.clone();
    let change = Callback::from(move |e: Event| {
        let Some(v) = input_value(&e) else { return };
        let mut next = kind.clone();
        let v = v.trim();
        next.set_operator((!v.is_empty()).then(|| v.to_string()));
        set_kind(next);
    });
    let hint = match (current.is_empty(), joint) {
        (true, true) => format!(
            "Not set, but built with {}: treated as a joint {owner} product. Name another operator if {owner} does not run it.",
            partner.unwrap_or_else(|| "a third party".into())
        ),
        (true, false) => format!(
            "Not set: an open question. Verdicts that turn on it say so. Name {owner} if {owner} runs it (alone, or jointly when built with a partner), or the company that runs it for itself."
        ),
        (false, _) if same_party(&current, &owner) => format!(
            "{owner}'s own{}: the clauses bind it.",
            if joint { ", built with a partner" } else { "" }
        ),
        (false, _) if mentions_party(&current, &owner) => format!(
            "\u{201c}{current}\u{201d} mentions {owner} without saying {owner} runs it, so verdicts that turn on it stay open. Write just {owner} (and set Built by to \u{201c}With a third party\u{201d} for a joint product), or name the company that runs it for itself."
        ),
        (false, _) => format!("Not {owner}'s: the clauses do not bind it, but the {owner} endpoints it calls stay governed."),
    };
    html! {
        <label class="field">
            <span>{"Run by"}</span>
            <input id="operator" type="text" list="operator-names" value={current} maxlength="80"
                placeholder="Not set: who runs it?" onchange={change} aria-describedby="operator-hint" />
            <datalist id="operator-names">{ for names.iter().map(|n| html! { <option value={n.clone()} /> }) }</datalist>
            <small id="operator-hint" class="muted small">{hint}</small>
        </label>
    }
}

fn component_fields(d: &Diagram, id: ComponentId, dispatch: Callback<Action>) -> Html {
    let Some(c) = d.component(id) else {
        return html! {};
    };
    let tag = c.kind.tag();
    let set_kind = {
        let dispatch = dispatch.clone();
        move |kind: Kind| dispatch.emit(Action::Do(Command::SetKind { id, kind }))
    };
    let label_change = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = input_value(&e) {
                dispatch.emit(Action::Do(Command::SetLabel { id, label: v }));
            }
        })
    };
    let mut fields: Vec<Html> = Vec::new();
    if tag.needs_hosting() {
        let mut options: Vec<(Option<Provider>, String)> = Provider::BUILT_IN
            .iter()
            .map(|p| (Some(p.clone()), p.name().to_string()))
            .collect();
        let current = d.provider_of(id).cloned();
        if let Some(Provider::Other(name)) = &current {
            options.push((current.clone(), name.clone()));
        }
        options.push((None, "Not hosted".into()));
        let dispatch = dispatch.clone();
        fields.push(choice(
            "Hosted on",
            options,
            current,
            Callback::from(move |provider| {
                dispatch.emit(Action::Do(Command::SetHosting { id, provider }))
            }),
        ));
    }
    // Edits one attribute: the closure changes a copy of the current kind.
    let edit = {
        let set_kind = set_kind.clone();
        let kind = c.kind.clone();
        move |f: fn(&mut Kind, usize)| {
            let set_kind = set_kind.clone();
            let kind = kind.clone();
            Callback::from(move |i: usize| {
                let mut next = kind.clone();
                f(&mut next, i);
                set_kind(next);
            })
        }
    };
    if matches!(c.kind, Kind::Endpoint { .. } | Kind::Product { .. }) {
        fields.push(operator_field(d, id, &c.kind, set_kind.clone()));
    }
    let owner = model_owner(d);
    let run_by_other = c
        .kind
        .operator()
        .is_some_and(|o| !same_party(o, &owner) && !mentions_party(o, &owner));
    match c.kind.clone() {
        Kind::Endpoint { state, origin, .. } => {
            fields.push(choice(
                "State",
                vec![(0, "Stateless".into()), (1, "Stateful runtime".into())],
                (state == Statefulness::Stateful) as usize,
                edit(|k, i| {
                    if let Kind::Endpoint { state, .. } = k {
                        *state = if i == 1 { Statefulness::Stateful } else { Statefulness::Stateless };
                    }
                }),
            ));
            // Who built it with whom matters only for what the models' owner runs.
            if !run_by_other {
                fields.push(built_by(origin, edit(set_origin)));
            }
        }
        Kind::Product { origin, api, launches, cannot_support, declines_support, .. } => {
            fields.push(choice(
                "Type",
                vec![(1, "API product".into()), (0, "Non-API product".into())],
                api as usize,
                edit(|k, i| {
                    if let Kind::Product { api, .. } = k {
                        *api = i == 1;
                    }
                }),
            ));
            // Who built it with whom matters only for what the models' owner runs.
            if !run_by_other {
                fields.push(built_by(origin, edit(set_origin)));
            }
            fields.push(launch_fields(&c.kind, &launches, cannot_support, declines_support, set_kind.clone(), dispatch.clone()));
        }
        Kind::Customer { segment } => {
            let k = set_kind.clone();
            fields.push(choice(
                "Customer type",
                vec![(Segment::Enterprise, "Enterprise".into()), (Segment::NationalSecurity, "US-government national security".into())],
                segment,
                Callback::from(move |segment| k(Kind::Customer { segment })),
            ));
        }
        Kind::Host { provider } => {
            let k = set_kind.clone();
            let mut options: Vec<(Provider, String)> = Provider::BUILT_IN.iter().map(|p| (p.clone(), p.name().to_string())).collect();
            if let Provider::Other(name) = &provider {
                options.push((provider.clone(), name.clone()));
            }
            fields.push(choice("Provider", options, provider, Callback::from(move |provider| k(Kind::Host { provider }))));
        }
        Kind::Model => {
            let owner = d
                .relations
                .iter()
                .find(|r| r.to == id && r.kind == RelationKind::Owns)
                .map(|r| d.label(r.from));
            fields.push(html! {
                <p class="muted">{ match owner {
                    Some(o) => format!("Owned by {o}. Clauses protect models by their owner's name."),
                    None => "No owner yet: connect a party to this model (it becomes \u{201c}owns\u{201d}).".into(),
                }}</p>
            });
        }
        Kind::Party => fields.push(html! { <p class="muted">{"Connect a party to a model to make it the owner, or a product to a party it was built with."}</p> }),
    }
    let del = dispatch.reform(|_: MouseEvent| Action::DeleteSelection);
    html! {
        <section class="inspector" aria-label="Inspector">
            { heading(tag.title().into(), &dispatch) }
            <label class="field">
                <span>{"Label"}</span>
                <input type="text" value={c.label.clone()} maxlength="80" onchange={label_change} aria-label="Label" />
            </label>
            { for fields }
            <button class="btn danger" onclick={del}>{"Delete component"}</button>
        </section>
    }
}
