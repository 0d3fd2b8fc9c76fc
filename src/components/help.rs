//! The help panel: what dealscope does and does not claim, what the letter and the spirit
//! assume, what the record leaves open, each built-in version with its date and source, and the shortcuts. Opened with "?"
//! in the top bar or the ? key; Escape, "Close" or a click outside closes it.

use crate::state::Action;
use dealscope_core::io::svg::escape;
use dealscope_core::{builtin_clauses, builtin_readings};
use yew::prelude::*;

/// What does not change: what the app claims, and the keys (see `state::keys` for what they
/// do). One piece of markup: the panel costs the bundle its words, not an element builder each.
const STATIC: &str = concat!(
    "<p>Draw who uses what, who runs each part and where it is hosted. Every arrangement is checked, as you draw, against each reported version of the Microsoft\u{2013}OpenAI Azure clause, under two readings. A breach shows its route hop by hop, the sentence it breaks and the smallest fix. Nothing you draw leaves this browser.</p>",
    "<p class=\"small muted\">Each built-in version is a reading of public reporting, not the contract text, which is private. Where the record is open, the verdict says so and names the assumption that decides it.</p>",
);

/// Facts the diagram has to choose that the public record leaves open, after the readings.
const OPEN: &str = concat!(
    "<h3>What the record leaves open</h3><ul class=\"open-facts\">",
    "<li><strong>Whether Frontier is an API product.</strong> The presets draw it as one. Where that decides a verdict, for Frontier or any other product, the cell's \u{201c}What would flip it\u{201d} says so.</li>",
    "<li><strong>Whether calls to an API that OpenAI runs alone on another company's cloud \u{201c}result from a collaboration\u{201d} with that company</strong>, through the deal that hosts it there. Both readings here count only what OpenAI builds or runs jointly with a third party. Where counting the deal would break a sentence, that sentence says so, and whether the version's verdict would change.</li>",
    "</ul>",
);

/// The keys, after the versions.
const KEYS: &str = concat!(
    "<h3>Keys</h3><table class=\"keys-table\"><tbody>",
    "<tr><th scope=\"row\"><kbd>Enter</kbd> on a palette item</th><td>Add that component in view</td></tr>",
    "<tr><th scope=\"row\"><kbd>C</kbd>, then another component</th><td>Connect the selected component to it</td></tr>",
    "<tr><th scope=\"row\">Arrow keys (<kbd>Shift</kbd>: \u{d7}5)</th><td>Move the selection</td></tr>",
    "<tr><th scope=\"row\"><kbd>Delete</kbd></th><td>Remove the selection</td></tr>",
    "<tr><th scope=\"row\"><kbd>Ctrl+A</kbd></th><td>Select every component</td></tr>",
    "<tr><th scope=\"row\"><kbd>Ctrl+C</kbd>, <kbd>Ctrl+V</kbd></th><td>Copy and paste the selection</td></tr>",
    "<tr><th scope=\"row\"><kbd>Ctrl+Z</kbd>, <kbd>Ctrl+Shift+Z</kbd></th><td>Undo and redo</td></tr>",
    "<tr><th scope=\"row\"><kbd>F</kbd></th><td>Fit the diagram to the canvas</td></tr>",
    "<tr><th scope=\"row\">Double-click, <kbd>F2</kbd></th><td>Rename the component: its label field takes the focus</td></tr>",
    "<tr><th scope=\"row\">Find a component</th><td>Type part of a name in the field beside the palette; <kbd>Enter</kbd> selects the next match and brings it into view</td></tr>",
    "<tr><th scope=\"row\"><kbd>L</kbd></th><td>Lay the diagram out left to right by role (undo puts it back)</td></tr>",
    "<tr><th scope=\"row\"><kbd>Ctrl+P</kbd></th><td>Print a report for a memo: the diagram, the verdicts, each breach with its fix, and the sources</td></tr>",
    "<tr><th scope=\"row\">Wheel, pinch</th><td>Zoom; drag the background with the middle button, <kbd>Alt</kbd> or a finger to pan</td></tr>",
    "<tr><th scope=\"row\"><kbd>Escape</kbd></th><td>Clear the selection; close this panel</td></tr>",
    "<tr><th scope=\"row\"><kbd>?</kbd></th><td>Open this panel</td></tr>",
    "</tbody></table>",
);

/// The panel's text as markup: what does not change, then each reading with its assumptions
/// and each built-in version with its date and source, from the core, escaped.
pub fn markup() -> String {
    let mut out = String::from(STATIC);
    out.push_str("<h3>The letter and the spirit</h3><dl class=\"readings\">");
    for r in builtin_readings() {
        out += &format!(
            "<dt>{}</dt><dd>{} Its assumptions:<ul>",
            escape(&r.name),
            escape(&r.summary)
        );
        for a in &r.assumptions {
            out += &format!("<li>{}</li>", escape(a.statement()));
        }
        out.push_str("</ul></dd>");
    }
    out.push_str("</dl>");
    out.push_str(OPEN);
    out.push_str("<h3>The versions</h3><ol class=\"versions\">");
    for c in builtin_clauses() {
        out += &format!(
            "<li><strong>{} \u{b7} {} \u{b7} {}</strong>. Source: {}</li>",
            c.id.to_ascii_uppercase(),
            c.effective,
            escape(&c.title),
            escape(&c.source)
        );
    }
    out.push_str("</ol>");
    out.push_str(KEYS);
    out
}

/// The help panel, as a modal dialog over the app: a plain function, not a component (it has
/// no state of its own). Whoever opens it moves the focus into it ([`open`]); closing it moves
/// the focus back to the top bar's "?".
#[inline(never)]
pub fn help(dispatch: &Callback<Action>) -> Html {
    let close = dispatch.reform(|_: MouseEvent| {
        crate::browser::focus_later("button.help-btn");
        Action::Help(false)
    });
    let keep = Callback::from(|e: MouseEvent| e.stop_propagation());
    html! {
        <div class="help-backdrop" onclick={close.clone()}>
            <section class="help" role="dialog" aria-modal="true" aria-labelledby="help-title" onclick={keep}>
                <div class="help-head">
                    <h2 id="help-title">{"How dealscope reads a deal"}</h2>
                    <button class="btn" onclick={close}>{"Close"}</button>
                </div>
                { Html::from_html_unchecked(markup().into()) }
            </section>
        </div>
    }
}

/// Opens the help panel and moves the focus into it.
pub fn open() -> Action {
    crate::browser::focus_later(".help .btn");
    Action::Help(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_markup_names_every_reading_and_version_with_its_source() {
        let m = markup();
        for want in [
            "<dt>Letter</dt>",
            "<dt>Spirit</dt>",
            "<strong>V1 \u{b7} 2019-07",
            "<strong>V5 \u{b7} 2026-04-27",
            "Source: ",
            "<kbd>Ctrl+Z</kbd>",
        ] {
            assert!(m.contains(want), "{want} in {m}");
        }
        assert_eq!(
            m.matches("<li><strong>V").count(),
            5,
            "five built-in versions"
        );
        assert_eq!(m.matches("<dt>").count(), 2, "two readings");
        // The core's text is escaped: no markup comes from it.
        assert!(!m.contains("<script"));
    }
}
