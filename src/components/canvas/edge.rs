//! One relation on the canvas: its routed path, arrowhead and label.

use super::*;

/// Anchor points and a cubic path between two boxes.
pub(super) fn route_path(a: (f64, f64), b: (f64, f64), vertical: bool) -> (String, (f64, f64)) {
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

/// One arrow, with its label and a wide invisible stroke to click.
#[allow(clippy::too_many_arguments)]
pub(super) fn edge_html(
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
