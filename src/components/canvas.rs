//! The SVG canvas: components, routed arrows, the highlighted route and drag feedback.
//!
//! Nodes are their own components with value props, so a drag re-renders only what moves.

use crate::icons::kind_icon_at;
use crate::state::gesture::{connect_target, Drag};
use crate::state::View;
use dealscope_core::edit::{NODE_H, NODE_W};
use dealscope_core::model::{Origin, Segment, Statefulness};
use dealscope_core::{Component, ComponentId, Diagram, Kind, Provider, RelationKind};
use yew::prelude::*;

/// What the canvas highlights for the chosen verdict.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Highlight {
    /// Hops of the route shown, in order, with whether each is off the required provider.
    pub route: Vec<(ComponentId, bool)>,
    /// Each shown hop's place in the whole route (long routes skip hops between their ends).
    pub at: Vec<usize>,
    /// Components a previewed repair would re-host, with the target provider's name.
    pub preview: Vec<(ComponentId, String)>,
    /// The route is an open question (undetermined), not a breach: drawn in its own colour.
    pub open: bool,
}

/// Properties of [`Canvas`].
#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub diagram: crate::same::Same<Diagram>,
    pub selection: Vec<ComponentId>,
    pub relation: Option<usize>,
    pub connect_from: Option<ComponentId>,
    pub highlight: Highlight,
    pub drag: Option<Drag>,
    pub view: View,
    pub problems: Vec<ComponentId>,
    pub svg_ref: NodeRef,
    pub on_node_down: Callback<(ComponentId, PointerEvent)>,
    pub on_handle_down: Callback<(ComponentId, PointerEvent)>,
    pub on_background_down: Callback<PointerEvent>,
    pub on_relation: Callback<usize>,
    pub on_node_key: Callback<(ComponentId, KeyboardEvent)>,
    pub on_wheel: Callback<WheelEvent>,
}

/// The short attribute line under a component's label.
pub fn describe(c: &Component) -> String {
    match &c.kind {
        Kind::Party => "Party".into(),
        Kind::Model => "AI model".into(),
        Kind::Endpoint {
            state,
            origin,
            operator,
        } => format!(
            "{} · {}",
            if *state == Statefulness::Stateless {
                "Stateless"
            } else {
                "Stateful"
            },
            run_by(operator.as_deref(), *origin == Origin::ThirdParty)
        ),
        Kind::Host { provider } => format!("Hosting · {}", provider.name()),
        Kind::Product {
            origin,
            api,
            operator,
            ..
        } => format!(
            "{} · {}",
            if *api { "API product" } else { "Non-API" },
            run_by(operator.as_deref(), *origin == Origin::ThirdParty)
        ),
        Kind::Customer { segment } => match segment {
            Segment::Enterprise => "Customer · enterprise".into(),
            Segment::NationalSecurity => "Customer · natl. security".into(),
        },
    }
}

/// Who runs it, short enough for the box: "OpenAI", "joint", "who runs?" (not set).
fn run_by(operator: Option<&str>, joint: bool) -> String {
    match operator {
        Some(name) if name.chars().count() > 10 => {
            let short: String = name.chars().take(9).collect();
            format!("{}\u{2026}", short.trim_end())
        }
        Some(name) => name.into(),
        None if joint => "joint".into(),
        None => "who runs?".into(),
    }
}

/// CSS class for a provider's badge colour.
pub fn provider_class(p: &Provider) -> &'static str {
    match p {
        Provider::Azure => "p-azure",
        Provider::Aws => "p-aws",
        Provider::GoogleCloud => "p-gcp",
        Provider::Oracle => "p-oracle",
        Provider::OnPremises => "p-onprem",
        Provider::Other(_) => "p-other",
    }
}

/// While a connection is drawn from `from`: the box it would land on, outlined green when a
/// relation joins the two kinds, red (with why) when none does, so a wrong target shows before
/// the release rather than after.
fn drop_target(d: &Diagram, from: &Component, x: f64, y: f64) -> Html {
    let Some(to) = connect_target(d, from.id, x, y).and_then(|id| d.component(id)) else {
        return html! {};
    };
    let (a, b) = (from.kind.tag(), to.kind.tag());
    let ok = RelationKind::infer(a, b).is_some();
    let (x0, y0) = (f64::from(to.x) - 4.0, f64::from(to.y) - 4.0);
    // Short, centred over the box, so it stays on the canvas; the whole reason is its title.
    let why = (!ok).then(|| {
        let cx = f64::from(to.x) + f64::from(NODE_W) / 2.0;
        html! {
            <text class="drop-why" x={num(cx)} y={num(y0 - 6.0)} text-anchor="middle">
                <title>{format!("No relation joins a {} to a {}.", a.keyword(), b.keyword())}</title>
                {"No relation fits"}
            </text>
        }
    });
    html! {
        <g class={classes!("drop-target", if ok { "ok" } else { "bad" })}>
            <rect x={num(x0)} y={num(y0)} width={num(f64::from(NODE_W) + 8.0)} height={num(f64::from(NODE_H) + 8.0)} rx="12" />
            { for why }
        </g>
    }
}

/// A number for SVG attributes, to one decimal, without Rust's float formatting (its tables
/// cost tens of kilobytes of wasm).
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let tenths = (v * 10.0).round() as i64;
    let (sign, t) = if tenths < 0 {
        ("-", -tenths)
    } else {
        ("", tenths)
    };
    if t % 10 == 0 {
        format!("{sign}{}", t / 10)
    } else {
        format!("{sign}{}.{}", t / 10, t % 10)
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('\u{2026}');
        t
    }
}

#[derive(Properties, PartialEq)]
struct NodeProps {
    component: Component,
    provider: Option<Provider>,
    dx: f64,
    dy: f64,
    selected: bool,
    connecting: bool,
    problem: bool,
    hop: Option<(usize, bool)>,
    preview: Option<String>,
    on_down: Callback<(ComponentId, PointerEvent)>,
    on_handle: Callback<(ComponentId, PointerEvent)>,
    on_key: Callback<(ComponentId, KeyboardEvent)>,
}

#[function_component]
fn Node(p: &NodeProps) -> Html {
    let c = &p.component;
    let id = c.id;
    let tag = c.kind.tag();
    let x = c.x as f64 + p.dx;
    let y = c.y as f64 + p.dy;
    let mut class = classes!("node", format!("k-{}", tag.keyword()));
    if p.selected {
        class.push("selected");
    }
    if p.connecting {
        class.push("connecting");
    }
    if p.problem {
        class.push("problem");
    }
    if let Some((_, off)) = p.hop {
        class.push(if off { "hop-off" } else { "hop" });
    }
    if p.preview.is_some() {
        class.push("previewed");
    }
    let down = {
        let cb = p.on_down.clone();
        Callback::from(move |e: PointerEvent| cb.emit((id, e)))
    };
    let handle = {
        let cb = p.on_handle.clone();
        Callback::from(move |e: PointerEvent| {
            e.stop_propagation();
            cb.emit((id, e))
        })
    };
    let key = {
        let cb = p.on_key.clone();
        Callback::from(move |e: KeyboardEvent| cb.emit((id, e)))
    };
    let hosting = match &p.provider {
        Some(pr) => format!(", {}", pr.name()),
        None if tag.needs_hosting() => ", not hosted".into(),
        None => String::new(),
    };
    // The accessible name is what the box shows, in the order it shows it (route number, label,
    // attribute line, provider badge), so speech and sight agree.
    let sub = describe(c);
    let step = p
        .hop
        .map(|(n, _)| format!("{}. ", n + 1))
        .unwrap_or_default();
    let aria = format!("{step}{}, {}{}", c.label, sub, hosting);
    // Long labels are condensed to fit rather than cut, up to a point.
    let chars = c.label.chars().count();
    let (shown, squeeze) = match chars {
        0..=19 => (c.label.clone(), None),
        20..=28 => (c.label.clone(), Some("112")),
        _ => (truncate(&c.label, 28), Some("112")),
    };
    let badge = p.provider.as_ref().map(|pr| {
        let text = truncate(pr.name(), 12);
        let w = 10.0 + text.chars().count() as f64 * 6.6;
        let bx = NODE_W as f64 - w - 8.0;
        html! {
            <g class={classes!("badge", provider_class(pr))}>
                <rect x={num(bx)} y="-9" width={num(w)} height="18" rx="9" />
                <text x={num(bx + w / 2.0)} y="3.5" text-anchor="middle">{text}</text>
            </g>
        }
    });
    html! {
            <g class={class} transform={format!("translate({},{})", num(x), num(y))} tabindex="0" role="button"
                aria-label={aria.clone()} aria-pressed={p.selected.to_string()} data-id={id.0.to_string()}
                onpointerdown={down} onkeydown={key}>
                <title>{aria}</title>
    { match p.hop {
                    Some((n, _)) => html! {
                        <g class="hop-num">
                            <circle r="11" />
                            <text y="4.5" text-anchor="middle">{format!("{} ", n + 1)}</text>
                        </g>
                    },
                    None => html! {},
                }}
                            <rect class="body" width={num(NODE_W as f64)} height={num(NODE_H as f64)} rx="10" />
                <rect class="stripe" width="6" height={num(NODE_H as f64)} rx="3" />
                { kind_icon_at(tag, 16.0, 22.0, "kind-icon") }
                <text class="label" x="46" y="27" textLength={squeeze} lengthAdjust={squeeze.map(|_| "spacingAndGlyphs")}>{format!("{shown} ")}</text>
                <text class="sub" x="46" y="47">{format!("{sub} ")}</text>
                {for badge}

                { match &p.preview {
                    Some(to) => html! {
                        <g class="preview-tag">
                            // Wide enough for its text (11 px semibold is about 6.6 px a character).
                            <rect x="10" y={num(NODE_H as f64 + 6.0)} width={num(18.0 + 6.6 * (13 + to.chars().count()) as f64)} height="20" rx="6" />
                            <text x="18" y={num(NODE_H as f64 + 20.0)}>{format!("\u{2192} re-host on {to}")}</text>
                        </g>
                    },
                    None => html! {},
                }}
                <circle class="handle" cx={num(NODE_W as f64)} cy={num(NODE_H as f64 / 2.0)} r="7"
                    onpointerdown={handle}>
                    <title>{"Drag to another component to connect"}</title>
                </circle>
            </g>
        }
}

/// Anchor points and a cubic path between two boxes.
fn route_path(a: (f64, f64), b: (f64, f64), vertical: bool) -> (String, (f64, f64)) {
    let (w, h) = (NODE_W as f64, NODE_H as f64);
    let (acx, acy) = (a.0 + w / 2.0, a.1 + h / 2.0);
    let (bcx, bcy) = (b.0 + w / 2.0, b.1 + h / 2.0);
    let (dx, dy) = (bcx - acx, bcy - acy);
    let (p0, p3, n0, n3) = if !vertical && dx.abs() >= w * 0.75 {
        let s = dx.signum();
        (
            (acx + s * w / 2.0, acy),
            (bcx - s * w / 2.0, bcy),
            (s, 0.0),
            (-s, 0.0),
        )
    } else {
        let s = if dy == 0.0 { 1.0 } else { dy.signum() };
        (
            (acx, acy + s * h / 2.0),
            (bcx, bcy - s * h / 2.0),
            (0.0, s),
            (0.0, -s),
        )
    };
    let k = ((p3.0 - p0.0).abs() + (p3.1 - p0.1).abs()).clamp(40.0, 240.0) * 0.45;
    let c1 = (p0.0 + n0.0 * k, p0.1 + n0.1 * k);
    let c2 = (p3.0 + n3.0 * k, p3.1 + n3.1 * k);
    let mid = (
        0.125 * p0.0 + 0.375 * c1.0 + 0.375 * c2.0 + 0.125 * p3.0,
        0.125 * p0.1 + 0.375 * c1.1 + 0.375 * c2.1 + 0.125 * p3.1,
    );
    (
        format!(
            "M{} {}C{} {} {} {} {} {}",
            num(p0.0),
            num(p0.1),
            num(c1.0),
            num(c1.1),
            num(c2.0),
            num(c2.1),
            num(p3.0),
            num(p3.1)
        ),
        mid,
    )
}

/// A zoom factor to four decimals.
fn zoom_text(z: f64) -> String {
    let t = (z * 10_000.0).round() as i64;
    format!("{}.{:04}", t / 10_000, t % 10_000)
}

/// One arrow, with its label and a wide invisible stroke to click.
#[allow(clippy::too_many_arguments)]
fn edge_html(
    i: usize,
    r: &dealscope_core::Relation,
    a: (f64, f64),
    b: (f64, f64),
    route: Option<bool>,
    selected: bool,
    on_relation: &Callback<usize>,
) -> Html {
    let (path, mid) = route_path(
        a,
        b,
        r.kind == RelationKind::HostedOn || r.kind == RelationKind::Owns,
    );
    let mut class = classes!("edge", format!("r-{}", r.kind.keyword()));
    let marker = match route {
        Some(true) => {
            class.push("route-off");
            "url(#arrow-off)"
        }
        Some(false) => {
            class.push("route");
            "url(#arrow-route)"
        }
        None => "url(#arrow)",
    };
    if selected {
        class.push("selected");
    }
    let label = r.kind.label();
    let lw = 10.0 + label.len() as f64 * 6.4;
    let click = {
        let cb = on_relation.clone();
        Callback::from(move |e: PointerEvent| {
            e.stop_propagation();
            cb.emit(i)
        })
    };
    html! {
        <g class={class} key={format!("e{i}-{}-{}", r.from.0, r.to.0)} onpointerdown={click}>
            <path class="hit" d={path.clone()} />
            <path class="line" d={path} marker-end={marker} />
            <g class="edge-label">
                <rect x={num(mid.0 - lw / 2.0)} y={num(mid.1 - 9.0)} width={num(lw)} height="18" rx="4" />
                <text x={num(mid.0)} y={num(mid.1 + 3.5)} text-anchor="middle">{label}</text>
            </g>
        </g>
    }
}

/// What the scene draws besides the diagram itself.
#[derive(Properties, PartialEq)]
struct SceneProps {
    diagram: crate::same::Same<Diagram>,
    selection: Vec<ComponentId>,
    relation: Option<usize>,
    connect_from: Option<ComponentId>,
    highlight: Highlight,
    problems: Vec<ComponentId>,
    /// Components being dragged: drawn by the drag layer instead, with their arrows.
    lifted: Vec<ComponentId>,
    /// Whether this is the drag layer (the lifted components) or the still scene (the rest).
    layer: bool,
    /// Offset of the lifted components (only the drag layer uses it).
    offset: (f64, f64),
    on_node_down: Callback<(ComponentId, PointerEvent)>,
    on_handle_down: Callback<(ComponentId, PointerEvent)>,
    on_relation: Callback<usize>,
    on_node_key: Callback<(ComponentId, KeyboardEvent)>,
}

/// Nodes and arrows. `lifted` picks which part: the still scene (everything else) or the
/// dragged components with their arrows. Props compare by value, so during a drag the still
/// scene is not rendered again: a drag frame costs only the dragged part.
#[function_component]
fn Scene(p: &SceneProps) -> Html {
    let d = &p.diagram;
    // Built once per diagram with the core's own index; a drag frame only reads it.
    let index = use_memo(p.diagram.clone(), |d| {
        let ids = dealscope_core::model::IdIndex::new(&d.components);
        let hosts: Vec<Option<Provider>> =
            d.providers(&ids).into_iter().map(|p| p.cloned()).collect();
        (ids, hosts)
    });
    let (ids, hosts) = (&index.0, &index.1);
    let get = |id: ComponentId| ids.get(id).map(|i| &d.components[i]);
    let moving = |id: ComponentId| p.lifted.contains(&id);
    // The still scene draws what does not move; the drag layer draws what does.
    let drag_layer = p.layer;
    let part = |id: ComponentId| moving(id) == drag_layer;
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
    let edges = d.relations.iter().enumerate().filter_map(|(i, r)| {
        let (a, b) = (get(r.from)?, get(r.to)?);
        let touches = moving(r.from) || moving(r.to);
        if touches != drag_layer {
            return None;
        }
        Some(edge_html(
            i,
            r,
            shift(a),
            shift(b),
            on_route(r.from, r.to),
            p.relation == Some(i),
            &p.on_relation,
        ))
    });
    let nodes = d.components.iter().filter(|c| part(c.id)).map(|c| {
        let (dx, dy) = if moving(c.id) { p.offset } else { (0.0, 0.0) };
        html! {
            <Node key={c.id.0} component={c.clone()} provider={ids.get(c.id).and_then(|i| hosts[i].clone())} dx={dx} dy={dy}
                selected={p.selection.contains(&c.id)} connecting={p.connect_from == Some(c.id)}
                problem={p.problems.contains(&c.id)} hop={hop_of(c.id)}
                preview={p.highlight.preview.iter().find(|x| x.0 == c.id).map(|x| x.1.clone())}
                on_down={p.on_node_down.clone()} on_handle={p.on_handle_down.clone()} on_key={p.on_node_key.clone()} />
        }
    });
    html! {
        <>
            <g class="edges">{ for edges }</g>
            <g class="nodes">{ for nodes }</g>
        </>
    }
}

/// The canvas.
#[function_component]
pub fn Canvas(p: &CanvasProps) -> Html {
    let d = &p.diagram;
    let (lifted, offset) = match &p.drag {
        Some(Drag::Move { ids, dx, dy, .. }) => (ids.clone(), (*dx, *dy)),
        _ => (Vec::new(), (0.0, 0.0)),
    };
    let scene = |lifted: Vec<ComponentId>, layer: bool, offset: (f64, f64)| {
        html! {
            <Scene diagram={p.diagram.clone()} selection={p.selection.clone()} relation={p.relation}
                connect_from={p.connect_from} highlight={p.highlight.clone()} problems={p.problems.clone()}
                lifted={lifted} layer={layer} offset={offset} on_node_down={p.on_node_down.clone()}
                on_handle_down={p.on_handle_down.clone()} on_relation={p.on_relation.clone()}
                on_node_key={p.on_node_key.clone()} />
        }
    };
    // The still part keeps the same props for the whole drag; the moving part gets the offset.
    let still = scene(lifted.clone(), false, (0.0, 0.0));
    let moving = (!lifted.is_empty()).then(|| scene(lifted, true, offset));
    let overlay = match &p.drag {
        Some(Drag::Connect { from, x, y }) => d.component(*from).map(|c| {
            let (sx, sy) = (c.x as f64 + NODE_W as f64, c.y as f64 + NODE_H as f64 / 2.0);
            html! {
                <>
                    <path class="connecting-line" d={format!("M{} {}L{} {}", num(sx), num(sy), num(*x), num(*y))} marker-end="url(#arrow-route)" />
                    { drop_target(d, c, *x, *y) }
                </>
            }
        }),
        Some(Drag::Band { x0, y0, x, y }) => Some(html! {
            <rect class="band" x={num(x0.min(*x))} y={num(y0.min(*y))}
                width={num((x - x0).abs())} height={num((y - y0).abs())} />
        }),
        _ => None,
    };
    let v = p.view;
    let bg = {
        let cb = p.on_background_down.clone();
        Callback::from(move |e: PointerEvent| cb.emit(e))
    };
    let wheel = {
        let cb = p.on_wheel.clone();
        Callback::from(move |e: WheelEvent| cb.emit(e))
    };
    let world = format!(
        "scale({}) translate({},{})",
        zoom_text(v.zoom),
        num(-v.x),
        num(-v.y)
    );
    let route_open = p.highlight.open.then_some("route-open");
    // What moves during a gesture is drawn in a second SVG, its own compositor layer, above the
    // canvas. A frame then repaints only that layer: the still scene's SVG is neither painted
    // nor rasterised again until the gesture ends (measured with peer-bench's trace, #14).
    let layer = (moving.is_some() || overlay.is_some()).then(|| {
        html! {
            <svg class={classes!("canvas", "layer", route_open)} aria-hidden="true">
                <g class="world" transform={world.clone()}>{ for moving }{ for overlay }</g>
            </svg>
        }
    });
    html! {
        <>
        <svg class={classes!("canvas", route_open)} ref={p.svg_ref.clone()} onpointerdown={bg} onwheel={wheel}
            role="group" aria-label="Deal diagram">
            <defs>
                <pattern id="grid" width="20" height="20" patternUnits="userSpaceOnUse"
                    patternTransform={format!("translate({},{}) scale({})", num(-v.x * v.zoom), num(-v.y * v.zoom), zoom_text(v.zoom))}>
                    <circle cx="1" cy="1" r="1" class="grid-dot" />
                </pattern>
                { for [("arrow", "m-normal"), ("arrow-route", "m-route"), ("arrow-off", "m-off")].into_iter().map(|(id, class)| html! {
                    <marker id={id} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path class={class} d="M0 0L10 5L0 10z" />
                    </marker>
                }) }
            </defs>
            <rect class="grid-bg" width="100%" height="100%" fill="url(#grid)" />
            <g class="world" transform={world}>{ still }</g>
        </svg>
        { for layer }
        </>
    }
}
