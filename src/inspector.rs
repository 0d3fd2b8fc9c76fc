//! The inspector: edit the selected component's label and attributes, or a relation's kind.

use crate::browser::{input_value, select_value};
use crate::state::Action;
use dealscope_core::edit::Command;
use dealscope_core::model::{Date, Launch, Origin, Segment, Statefulness};
use dealscope_core::{ComponentId, Diagram, Kind, Provider, RelationKind};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`Inspector`].
#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub diagram: Rc<Diagram>,
    pub selection: Vec<ComponentId>,
    pub relation: Option<usize>,
    pub dispatch: Callback<Action>,
}

fn choice<T: Clone + PartialEq + 'static>(
    label: &'static str,
    options: Vec<(T, String)>,
    current: T,
    on: Callback<T>,
) -> Html {
    let values = options.clone();
    let change = Callback::from(move |e: Event| {
        if let Some(i) = select_value(&e).and_then(|v| v.parse::<usize>().ok()) {
            if let Some((v, _)) = values.get(i) {
                on.emit(v.clone());
            }
        }
    });
    html! {
        <label class="field">
            <span>{label}</span>
            <select onchange={change}>
                { for options.iter().enumerate().map(|(i, (v, name))| html! {
                    <option value={i.to_string()} selected={*v == current}>{name.clone()}</option>
                }) }
            </select>
        </label>
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
                <h2>{"Relation"}</h2>
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
                <p class="muted">{"Select a component to edit its label, hosting and attributes. Shift-click or drag a box on the canvas to select several."}</p>
            </section>
        },
        [id] => match d.component(*id) {
            Some(c) => component_fields(d, c.id, p.dispatch.clone()),
            None => html! {},
        },
        many => html! {
            <section class="inspector" aria-label="Inspector">
                <h2>{format!("{} components selected", many.len())}</h2>
                <p class="muted">{"Move them together with the arrow keys or a drag; Delete removes them; Ctrl+C and Ctrl+V copy them."}</p>
            </section>
        },
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
    match c.kind.clone() {
        Kind::Endpoint { state, origin } => {
            let k = set_kind.clone();
            fields.push(choice(
                "State",
                vec![(Statefulness::Stateless, "Stateless".into()), (Statefulness::Stateful, "Stateful runtime".into())],
                state,
                Callback::from(move |state| k(Kind::Endpoint { state, origin })),
            ));
            let k = set_kind.clone();
            fields.push(choice(
                "Built by",
                vec![(Origin::FirstParty, "First party".into()), (Origin::ThirdParty, "With a third party".into())],
                origin,
                Callback::from(move |origin| k(Kind::Endpoint { state, origin })),
            ));
        }
        Kind::Product { origin, api, launches } => {
            let k = set_kind.clone();
            let l = launches.clone();
            fields.push(choice(
                "Type",
                vec![(true, "API product".into()), (false, "Non-API product".into())],
                api,
                Callback::from(move |api| k(Kind::Product { origin, api, launches: l.clone() })),
            ));
            let k = set_kind.clone();
            let l = launches.clone();
            fields.push(choice(
                "Built by",
                vec![(Origin::FirstParty, "First party".into()), (Origin::ThirdParty, "With a third party".into())],
                origin,
                Callback::from(move |origin| k(Kind::Product { origin, api, launches: l.clone() })),
            ));
            let rows = Provider::BUILT_IN.iter().map(|provider| {
                let current = launches.iter().find(|x| &x.provider == provider).map(|x| x.date.to_string()).unwrap_or_default();
                let k = set_kind.clone();
                let l = launches.clone();
                let pr = provider.clone();
                let dispatch = dispatch.clone();
                let change = Callback::from(move |e: Event| {
                    let Some(v) = input_value(&e) else { return };
                    let mut next: Vec<Launch> = l.iter().filter(|x| x.provider != pr).cloned().collect();
                    if !v.is_empty() {
                        match Date::parse(&v) {
                            Ok(date) => next.push(Launch { provider: pr.clone(), date }),
                            Err(e) => return dispatch.emit(Action::Say(true, e)),
                        }
                    }
                    k(Kind::Product { origin, api, launches: next });
                });
                html! {
                    <label class="field inline">
                        <span>{provider.name()}</span>
                        <input type="date" value={current} onchange={change} aria-label={format!("Launch date on {}", provider.name())} />
                    </label>
                }
            });
            fields.push(html! {
                <fieldset class="launches">
                    <legend>{"Launch dates"}</legend>
                    <p class="muted small">{"Used by the 2026-04-27 amendment (\u{201c}ship first on Azure\u{201d}). Leave empty where unknown."}</p>
                    { for rows }
                </fieldset>
            });
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
            <h2>{tag.title()}</h2>
            <label class="field">
                <span>{"Label"}</span>
                <input type="text" value={c.label.clone()} maxlength="80" onchange={label_change} aria-label="Label" />
            </label>
            { for fields }
            <button class="btn danger" onclick={del}>{"Delete component"}</button>
        </section>
    }
}
