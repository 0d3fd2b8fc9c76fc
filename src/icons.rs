//! Inline SVG icons, one per component kind (no fonts, no external files).

use crate::components::canvas::num;
use dealscope_core::KindTag;
use yew::{html, Html};

/// A kind's 20×20 icon as a path: where it starts, then the rest in relative commands only, so
/// that moving the start moves the whole icon (the canvas draws it without a transform).
fn kind_path(tag: KindTag) -> (f64, f64, &'static str) {
    match tag {
        KindTag::Customer => (
            10.0,
            10.0,
            "a3.5 3.5 0 1 0 0-7a3.5 3.5 0 0 0 0 7zm-6.5 7c0-3.3 2.9-5.5 6.5-5.5s6.5 2.2 6.5 5.5",
        ),
        KindTag::Product => (
            3.0,
            6.5,
            "l7-3.5l7 3.5v7l-7 3.5l-7-3.5zm0 0l7 3.5l7-3.5m-7 3.5v7",
        ),
        KindTag::Endpoint => (7.0, 5.0, "l-4 5l4 5m6-10l4 5l-4 5m-1.5-11l-3 12"),
        KindTag::Model => (
            6.0,
            6.0,
            "h8v8h-8zm2-3v3m4-3v3m-4 8v3m4-3v3m-9-9h3m-3 4h3m8-4h3m-3 4h3",
        ),
        KindTag::Host => (
            6.0,
            15.5,
            "h8.5a3.5 3.5 0 0 0 0.4-7a5 5 0 0 0-9.6-0.5a3.8 3.8 0 0 0 0.7 7.5z",
        ),
        KindTag::Party => (
            4.0,
            17.0,
            "v-11l6-3l6 3v11m-12 0h12m-8-9h1m2 0h1m-4 3h1m2 0h1m-3 6v-3h2v3",
        ),
    }
}

/// A kind's icon as one `path` whose box starts at (x, y) in the enclosing SVG.
pub fn kind_icon_at(tag: KindTag, x: f64, y: f64, class: &'static str) -> Html {
    let (x0, y0, rest) = kind_path(tag);
    html! {
        <path class={class} d={format!("M{} {}{rest}", num(x0 + x), num(y0 + y))} fill="none" stroke="currentColor"
            stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
    }
}

/// A 20×20 icon for a kind, drawn with the current colour.
pub fn kind_icon(tag: KindTag) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
            { kind_icon_at(tag, 0.0, 0.0, "") }
        </svg>
    }
}

/// A small glyph for a verdict.
pub fn verdict_icon(v: dealscope_core::Verdict) -> Html {
    use dealscope_core::Verdict;
    let path = match v {
        Verdict::Complies => "M4 10.5 8 14.5 16 6",
        Verdict::Breach => "M5 5l10 10M15 5 5 15",
        Verdict::Undetermined => "M7.5 7.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .8-1 1.5v.7M10 15h.01",
    };
    html! {
        <svg class="icon" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
            <path d={path} fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}
