//! The text outline of the diagram, for screen readers and for reading the diagram as a list.

use crate::same::Same;
use dealscope_core::Diagram;
use yew::prelude::*;

/// The diagram to outline.
#[derive(Properties, PartialEq)]
pub struct OutlineProps {
    pub diagram: Same<Diagram>,
}

/// The text outline for screen readers: a component, so a drag does not rebuild it. Its list is
/// written only while it is open: an edit of a large diagram would otherwise write a line per
/// component each time. (So the browser's find-in-page no longer finds a name in the closed
/// outline; it finds it on the canvas.)
#[function_component]
pub fn Outline(p: &OutlineProps) -> Html {
    let open = use_state(|| false);
    let d = &p.diagram;
    let toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                open.set(el.has_attribute("open"));
            }
        })
    };
    let items = d.components.iter().filter(|_| *open).map(|c| {
        let hosting = match d.provider_of(c.id) {
            Some(p) => format!(", hosted on {}", p.name()),
            None if c.kind.tag().needs_hosting() => ", not hosted".into(),
            None => String::new(),
        };
        let links: Vec<String> = d
            .relations
            .iter()
            .filter(|r| r.from == c.id && r.kind != dealscope_core::RelationKind::HostedOn)
            .map(|r| format!("{} {}", r.kind.label(), d.label(r.to)))
            .collect();
        html! {
            <li>
                {format!("{} \u{201c}{}\u{201d}{}", c.kind.tag().title(), c.label, hosting)}
                { if links.is_empty() { html! {} } else { html! { <span class="muted">{format!(": {}", links.join("; "))}</span> } } }
            </li>
        }
    });
    html! {
        <details class="outline" ontoggle={toggle}>
            <summary>{format!("Text outline ({} components, {} relations)", d.components.len(), d.relations.len())}</summary>
            <ul>{ for items }</ul>
        </details>
    }
}
