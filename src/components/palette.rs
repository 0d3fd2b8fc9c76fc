//! The palette of component kinds: press one to add it in a free spot, or drag it onto the
//! canvas; and the ghost that follows the pointer during that drag.

use crate::components::canvas::num;
use crate::icons::kind_icon;
use crate::same::Same;
use crate::state::Action;
use dealscope_core::edit::{NODE_H, NODE_W};
use dealscope_core::{Diagram, KindTag};
use yew::prelude::*;

fn blurb(k: KindTag) -> &'static str {
    match k {
        KindTag::Customer => "An enterprise or a government buyer",
        KindTag::Product => "An enterprise product such as Frontier",
        KindTag::Endpoint => "A stateless API or a stateful runtime",
        KindTag::Model => "An AI model, owned by a party",
        KindTag::Host => "Azure, AWS, Google Cloud, Oracle, on-premises",
        KindTag::Party => "Microsoft, OpenAI, Amazon, a partner",
    }
}

/// "an AI model", "a customer": the kind's name in running text (an acronym keeps its
/// capitals), with the article it is read with.
fn with_article(kind: KindTag) -> String {
    let title = kind.title();
    let first = title.split(' ').next().unwrap_or(title);
    let acronym = first.len() > 1 && first.chars().all(|c| c.is_ascii_uppercase());
    let noun = if acronym {
        title.to_string()
    } else {
        title.to_ascii_lowercase()
    };
    let article = if noun
        .to_ascii_lowercase()
        .starts_with(['a', 'e', 'i', 'o', 'u'])
    {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

/// What the palette needs.
pub struct PaletteProps {
    /// The diagram a search looks through.
    pub diagram: Same<Diagram>,
    /// A drag of a kind starts at this pointer position (client coordinates).
    pub on_grab: Callback<(KindTag, f64, f64)>,
    /// A pressed item adds a component of its kind.
    pub on_add: Callback<KindTag>,
    /// The component selected first: a search goes on from it.
    pub selected: Option<dealscope_core::ComponentId>,
    /// The id of the component a search found, to bring it into view.
    pub on_found: Callback<u32>,
    pub dispatch: Callback<Action>,
}

/// "Find a component": Enter selects the next component whose name contains the text and
/// brings it into view; the focus stays in the field, so Enter again goes on to the next.
fn search(p: &PaletteProps) -> Html {
    let find = {
        let (diagram, selected, on_found, dispatch) = (
            p.diagram.clone(),
            p.selected,
            p.on_found.clone(),
            p.dispatch.clone(),
        );
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Enter" {
                return;
            }
            e.prevent_default();
            let Some(text) = crate::browser::input_value(&e) else {
                return;
            };
            match dealscope_core::edit::find(&diagram, &text, selected) {
                Some(found) => {
                    on_found.emit(found.id.0);
                    dispatch.emit(Action::Select(vec![found.id]));
                    // Said as well as shown: what was found, and how far through the matches
                    // Enter has gone.
                    let name = diagram.component(found.id).map_or("", |c| c.label.as_str());
                    dispatch.emit(Action::Say(
                        false,
                        format!(
                            "\u{201c}{name}\u{201d}: match {} of {}.",
                            found.nth, found.of
                        ),
                    ));
                }
                None if text.trim().is_empty() => {}
                None => {
                    // Nothing found: nothing stays selected as if it had been.
                    dispatch.emit(Action::Select(Vec::new()));
                    dispatch.emit(Action::Say(
                        false,
                        format!(
                            "No component\u{2019}s name contains \u{201c}{}\u{201d}.",
                            text.trim()
                        ),
                    ));
                }
            }
        })
    };
    // What the last Enter found is said until the text changes.
    let typed = p.dispatch.reform(|_: InputEvent| Action::Quiet);
    html! {
        <input class="find" type="search" placeholder="Find a component" aria-label="Find a component by name (Enter goes to the next)"
            maxlength="80" onkeydown={find} oninput={typed} data-testid="find" />
    }
}

/// The palette: a plain function (see `topbar`).
#[inline(never)]
pub fn palette(p: PaletteProps) -> Html {
    let items = KindTag::ALL.into_iter().map(|kind| {
        let down = {
            let on_grab = p.on_grab.clone();
            Callback::from(move |e: PointerEvent| {
                if e.button() == 0 {
                    on_grab.emit((kind, e.client_x() as f64, e.client_y() as f64));
                }
            })
        };
        let click = p.on_add.reform(move |_: MouseEvent| kind);
        html! {
            <li>
                <button class={classes!("palette-item", format!("k-{}", kind.keyword()))} data-kind={kind.keyword()}
                    onpointerdown={down} onclick={click}
                    title={format!("Drag onto the canvas, or press Enter to add {}", with_article(kind))}>
                    <span class="kind-icon">{kind_icon(kind)}</span>
                    <span class="palette-text"><strong>{kind.title()}</strong><small>{blurb(kind)}</small></span>
                </button>
            </li>
        }
    });
    html! {
        <nav class="palette" aria-label="Components">
            <h2>{"Components"}</h2>
            <ul>{ for items }</ul>
            { search(&p) }
            <p class="small muted keys">{"Drag onto the canvas or press Enter. Select, then C to connect. Arrows move, Delete removes."}</p>
        </nav>
    }
}

/// The ghost of a palette item being dragged, at client coordinates (`x`, `y`): an SVG layer,
/// not a style attribute, since the page's CSP forbids inline styles.
pub fn ghost(kind: KindTag, x: f64, y: f64, zoom: f64) -> Html {
    // Drawn at the canvas's zoom, so that what is dropped is the size it lands at.
    let (w, h) = (f64::from(NODE_W) * zoom, f64::from(NODE_H) * zoom);
    html! {
        <svg class="ghost-layer" aria-hidden="true">
            <g class="ghost" transform={format!("translate({},{}) scale({})", num(x - w / 2.0), num(y - h / 2.0), num(zoom))}>
                <rect width="168" height="64" rx="10" />
                <g class="kind-icon" transform="translate(14,22)">{kind_icon(kind)}</g>
                <text x="44" y="37">{kind.title()}</text>
            </g>
        </svg>
    }
}
