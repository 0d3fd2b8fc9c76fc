//! The diagram drawn once: every edge, then every node. The still scene is two scenes, its
//! arrows and its boxes, each in its own SVG (see `Canvas`); the dragged layer is one.

use super::*;
use dealscope_core::edit::arrows::{curve, Routes};

/// Which part of the diagram a scene draws.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Part {
    /// The arrows, except the chosen one.
    Arrows,
    /// The boxes, the hops' numbers and the chosen arrow, drawn over the boxes.
    Boxes,
    /// Both (the drag layer).
    Both,
}

/// What the scene draws besides the diagram itself.
#[derive(Properties, PartialEq)]
pub(super) struct SceneProps {
    pub(super) diagram: crate::same::Same<Diagram>,
    pub(super) selection: Vec<ComponentId>,
    pub(super) relation: Option<usize>,
    pub(super) connect_from: Option<ComponentId>,
    pub(super) highlight: Highlight,
    pub(super) problems: Vec<ComponentId>,
    /// Components being dragged: drawn by the drag layer instead, with their arrows.
    pub(super) lifted: Vec<ComponentId>,
    /// Whether this is the drag layer (the lifted components) or the still scene (the rest).
    pub(super) layer: bool,
    /// Offset of the lifted components (only the drag layer uses it).
    pub(super) offset: (f64, f64),
    pub(super) part: Part,
    pub(super) on_node_down: Callback<(ComponentId, PointerEvent)>,
    pub(super) on_handle_down: Callback<(ComponentId, PointerEvent)>,
    pub(super) on_relation: Callback<usize>,
    pub(super) on_node_key: Callback<(ComponentId, KeyboardEvent)>,
}

/// Nodes and arrows. `lifted` picks which part: the still scene (everything else) or the
/// dragged components with their arrows. Props compare by value, so during a drag the still
/// scene is not rendered again: a drag frame costs only the dragged part.
#[function_component]
pub(super) fn Scene(p: &SceneProps) -> Html {
    let d = &p.diagram;
    // Built once per diagram with the core's own index; a drag frame only reads it.
    let index = use_memo(p.diagram.clone(), |d| {
        let ids = dealscope_core::model::IdIndex::new(&d.components);
        let hosts: Vec<Option<Provider>> =
            d.providers(&ids).into_iter().map(|p| p.cloned()).collect();
        (ids, hosts)
    });
    let (ids, hosts) = (&index.0, &index.1);
    // The still scene's arrows, routed around the boxes, kept from one diagram to the next so
    // an edit re-routes only what it can change (`Routes`). The drag layer routes nothing.
    let routes = use_mut_ref(Routes::default);
    {
        let (routes, still) = (routes.clone(), !p.layer && p.part != Part::Boxes);
        use_memo(p.diagram.clone(), move |d| {
            if still {
                routes.borrow_mut().update(&d.0);
            }
        });
    }
    let routes = routes.borrow();
    let moving = |id: ComponentId| p.lifted.contains(&id);
    // The still scene draws what does not move; the drag layer draws what does.
    let drag_layer = p.layer;
    let here = |id: ComponentId| moving(id) == drag_layer;
    let shift = |c: &Component| {
        let (dx, dy) = if moving(c.id) { p.offset } else { (0.0, 0.0) };
        (c.x as f64 + dx, c.y as f64 + dy)
    };
    let hop_of = |id: ComponentId| {
        p.highlight.route.iter().position(|h| h.0 == id).map(|i| {
            (
                p.highlight.at.get(i).copied().unwrap_or(i),
                p.highlight.route[i].1,
            )
        })
    };
    let on_route = |from: ComponentId, to: ComponentId| {
        p.highlight
            .route
            .windows(2)
            .zip(p.highlight.at.windows(2))
            // Only hops next to each other on the route: never across skipped ones.
            .find(|(w, at)| w[0].0 == from && w[1].0 == to && at[1] == at[0] + 1)
            .map(|(w, _)| w[1].1)
    };
    // The chosen relation is drawn above the boxes, so an arrow that runs behind a box, a new
    // one above all, is still seen.
    let edge = |i: usize, r: &dealscope_core::Relation| {
        let (ia, ib) = (ids.get(r.from)?, ids.get(r.to)?);
        let (a, b) = (&d.components[ia], &d.components[ib]);
        let touches = moving(r.from) || moving(r.to);
        if touches != drag_layer {
            return None;
        }
        let vertical = r.kind == RelationKind::HostedOn || r.kind == RelationKind::Owns;
        // Still arrows go around the boxes in their way; a dragged one is drawn straight
        // until it is dropped (the boxes it would avoid are where they were).
        // Each arrow is handed to its `Edge`, which draws again only when it changed.
        let curved;
        let arrow = match routes.arrow(i) {
            Some(arrow) if !drag_layer => arrow,
            _ => {
                curved = curve(shift(a), shift(b), vertical);
                &curved
            }
        };
        Some(html! {
            <Edge key={format!("e{i}-{}-{}", r.from.0, r.to.0)} i={i} kind={r.kind} arrow={arrow.clone()}
                route={on_route(r.from, r.to)} selected={p.relation == Some(i)} on_relation={p.on_relation.clone()} />
        })
    };
    let (arrows, boxes) = (p.part != Part::Boxes, p.part != Part::Arrows);
    let edges = d
        .relations
        .iter()
        .enumerate()
        .filter(|&(i, _)| arrows && p.relation != Some(i))
        .filter_map(|(i, r)| edge(i, r));
    let over = p
        .relation
        .filter(|_| boxes)
        .and_then(|i| d.relations.get(i).and_then(|r| edge(i, r)));
    let nodes = d.components.iter().filter(|c| boxes && here(c.id)).map(|c| {
        let (dx, dy) = if moving(c.id) { p.offset } else { (0.0, 0.0) };
        html! {
            <Node key={c.id.0} component={c.clone()} provider={ids.get(c.id).and_then(|i| hosts[i].clone())} dx={dx} dy={dy}
                selected={p.selection.contains(&c.id)} connecting={p.connect_from == Some(c.id)}
                problem={p.problems.contains(&c.id)} hop={hop_of(c.id)}
                preview={p.highlight.preview.iter().find(|x| x.0 == c.id).map(|x| x.1.clone())}
                on_down={p.on_node_down.clone()} on_handle={p.on_handle_down.clone()} on_key={p.on_node_key.clone()} />
        }
    });
    // Each hop's number over its box's corner, drawn after every box so that none covers it.
    // The box's accessible name says it (see `Node`), so the numbers are hidden from speech.
    let numbers = p.highlight.route.iter().enumerate().filter_map(|(i, &(id, off))| {
        let c = &d.components[ids.get(id)?];
        if !boxes || !here(id) {
            return None;
        }
        let (x, y) = shift(c);
        let n = p.highlight.at.get(i).copied().unwrap_or(i) + 1;
        Some(html! {
            <g class={classes!("hop-num", off.then_some("off"))} transform={format!("translate({},{})", num(x), num(y))}>
                <circle r="11" />
                <text y="4.5" text-anchor="middle">{n.to_string()}</text>
            </g>
        })
    });
    // A part's groups that are not its own stay empty.
    html! {
        <>
            <g class="edges">{ for edges }</g>
            <g class="nodes">{ for nodes }</g>
            <g class="hop-nums" aria-hidden="true">{ for numbers }</g>
            <g class="edge-top">{ for over }</g>
        </>
    }
}
