//! Inline SVG icons, one per component kind (no fonts, no external files).

use dealscope_core::KindTag;
use yew::{html, Html};

/// A 20×20 icon for a kind, drawn with the current colour.
pub fn kind_icon(tag: KindTag) -> Html {
    let path = match tag {
        KindTag::Customer => "M10 10a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zm-6.5 7c0-3.3 2.9-5.5 6.5-5.5s6.5 2.2 6.5 5.5",
        KindTag::Product => "M3 6.5 10 3l7 3.5v7L10 17l-7-3.5zM3 6.5 10 10l7-3.5M10 10v7",
        KindTag::Endpoint => "M7 5 3 10l4 5M13 5l4 5-4 5M11.5 4 8.5 16",
        KindTag::Model => "M6 6h8v8H6zM8 3v3M12 3v3M8 14v3M12 14v3M3 8h3M3 12h3M14 8h3M14 12h3",
        KindTag::Host => "M6 15.5h8.5a3.5 3.5 0 0 0 .4-7A5 5 0 0 0 5.3 8 3.8 3.8 0 0 0 6 15.5z",
        KindTag::Party => "M4 17V6l6-3 6 3v11M4 17h12M8 8h1M11 8h1M8 11h1M11 11h1M9 17v-3h2v3",
    };
    html! {
        <svg class="icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
            <path d={path} fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
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
