//! One component on the canvas: its box, icon, label, badges and handle, and the words that
//! describe it to a screen reader.

use super::*;
use dealscope_core::textfit::{fit, fit_two};

/// Where a box's text starts (right of its 20 px icon at x = 16) and how wide it may run (to
/// 6 px short of the box's right edge).
const TEXT_X: f64 = 42.0;
const TEXT_W: f32 = NODE_W - 42.0 - 6.0;

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
            // The palette's "enterprise product", with whether it is itself an API.
            if *api {
                "Product (API)"
            } else {
                "Product (non-API)"
            },
            run_by(operator.as_deref(), *origin == Origin::ThirdParty)
        ),
        Kind::Customer { segment } => match segment {
            Segment::Enterprise => "Customer · enterprise".into(),
            Segment::NationalSecurity => "Customer · natl. security".into(),
        },
    }
}

/// Who runs it, short enough for the box: "OpenAI", "joint", "who runs?" (not set).
pub(super) fn run_by(operator: Option<&str>, joint: bool) -> String {
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

pub(super) fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('\u{2026}');
        t
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct NodeProps {
    pub(super) component: Component,
    pub(super) provider: Option<Provider>,
    pub(super) dx: f64,
    pub(super) dy: f64,
    pub(super) selected: bool,
    pub(super) connecting: bool,
    pub(super) problem: bool,
    pub(super) hop: Option<(usize, bool)>,
    pub(super) preview: Option<String>,
    pub(super) on_down: Callback<(ComponentId, PointerEvent)>,
    pub(super) on_handle: Callback<(ComponentId, PointerEvent)>,
    pub(super) on_key: Callback<(ComponentId, KeyboardEvent)>,
}

#[function_component]
pub(super) fn Node(p: &NodeProps) -> Html {
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
    // Each line fits its box: set smaller if it must be, then cut with "…" (the tooltip and the
    // accessible name keep it whole).
    let label = fit_two(&c.label, TEXT_W, 14.0, 11.0, true);
    let sub_line = fit(&sub, TEXT_W, 11.5, 10.0, false);
    // Two label lines start higher and push the attribute line down.
    let (label_y, sub_y) = if label.lines.len() > 1 {
        (21.0, 54.0)
    } else {
        (27.0, 47.0)
    };
    let label_size = num(f64::from(label.size));
    let line_gap = num(f64::from(label.size) * 1.1);
    // Every part is drawn where it lands, not moved by a transform on the box: a transform on
    // each of hundreds of boxes made the browser's layerizing cost about 6 ms a dragging frame.
    let (ax, ay) = (|dx: f64| num(x + dx), |dy: f64| num(y + dy));
    let text_x = ax(TEXT_X);
    let badge = p.provider.as_ref().map(|pr| {
        let text = truncate(pr.name(), 12);
        let w = 10.0 + text.chars().count() as f64 * 6.6;
        let bx = NODE_W as f64 - w - 8.0;
        html! {
            <g class={classes!("badge", provider_class(pr))}>
                <rect x={ax(bx)} y={ay(-9.0)} width={num(w)} height="18" rx="9" />
                <text x={ax(bx + w / 2.0)} y={ay(3.5)} text-anchor="middle">{text}</text>
            </g>
        }
    });
    html! {
        <g class={class} tabindex="0" role="button"
            aria-label={aria.clone()} aria-pressed={p.selected.to_string()} data-id={id.0.to_string()}
            onpointerdown={down} onkeydown={key}>
            <title>{aria}</title>
            <rect class="body" x={ax(0.0)} y={ay(0.0)} width={num(NODE_W as f64)} height={num(NODE_H as f64)} rx="10" />
            <rect class="stripe" x={ax(0.0)} y={ay(0.0)} width="6" height={num(NODE_H as f64)} rx="3" />
            { kind_icon_at(tag, x + 16.0, y + 22.0, "kind-icon") }
            <text class="label" x={text_x.clone()} y={ay(label_y)} font-size={label_size}>
                // Lines keep the space between them (not one inside a word), so the label reads
                // whole when copied or spoken.
                { for label.lines.iter().enumerate().map(|(i, l)| {
                    let space = i + 1 == label.lines.len()
                        || c.label.get(l.len()..).is_some_and(|r| r.starts_with(' '));
                    html! {
                        <tspan x={text_x.clone()} dy={if i == 0 { "0".to_string() } else { line_gap.clone() }}>{if space { format!("{l} ") } else { l.clone() }}</tspan>
                    }
                }) }
            </text>
            <text class="sub" x={text_x} y={ay(sub_y)} font-size={num(f64::from(sub_line.size))}>{format!("{} ", sub_line.text)}</text>
            {for badge}
            { match &p.preview {
                Some(to) => html! {
                    <g class="preview-tag">
                        // Wide enough for its text (11 px semibold is about 6.6 px a character).
                        <rect x={ax(10.0)} y={ay(NODE_H as f64 + 6.0)} width={num(18.0 + 6.6 * (13 + to.chars().count()) as f64)} height="20" rx="6" />
                        <text x={ax(18.0)} y={ay(NODE_H as f64 + 20.0)}>{format!("\u{2192} re-host on {to}")}</text>
                    </g>
                },
                None => html! {},
            }}
            <circle class="handle" cx={ax(NODE_W as f64)} cy={ay(NODE_H as f64 / 2.0)} r="7"
                onpointerdown={handle}>
                <title>{"Drag to another component to connect"}</title>
            </circle>
        </g>
    }
}
