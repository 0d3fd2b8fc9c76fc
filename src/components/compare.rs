//! Compare the current scenario with a saved one or a link: the verdict cells that changed and
//! the breaching routes that appeared or disappeared, like a diff of what changed legally.

use crate::present::{verdict_class, verdict_word};
use crate::state::Action;
use dealscope_core::compare::ScenarioDiff;
use yew::prelude::*;

/// The comparison panel, with `other` the name of what the scenario is compared with. A plain
/// function, not a component: it has no state, shows only while comparing, and so costs the
/// bundle no component machinery.
pub fn compare_panel(other: &str, diff: &ScenarioDiff, dispatch: &Callback<Action>) -> Html {
    let close = dispatch.reform(|_: MouseEvent| Action::Compare(None));
    let cells = diff.cells.iter().map(|c| {
        html! {
            <li>
                <strong>{format!("{} \u{00b7} {}", c.clause.to_ascii_uppercase(), c.reading)}</strong>
                {": "}
                <span class={classes!("pill", verdict_class(c.before))}>{verdict_word(c.before)}</span>
                {" \u{2192} "}
                <span class={classes!("pill", verdict_class(c.after))}>{verdict_word(c.after)}</span>
            </li>
        }
    });
    let routes = diff.routes.iter().map(|r| {
        html! {
            <li class={if r.appeared { "appeared" } else { "gone" }}>
                <span class="sign">{ if r.appeared { "+ " } else { "\u{2212} " } }</span>
                <strong>{format!("{} \u{00b7} {}", r.clause.to_ascii_uppercase(), r.reading)}</strong>
                {format!(": {}", r.route.join(" \u{2192} "))}
            </li>
        }
    });
    html! {
        <section class="compare" aria-label="Comparison" data-testid="compare">
            <div class="panel-head">
                <h2>{format!("Compared with {}", other)}</h2>
                <button class="btn small-btn" onclick={close}>{"Close"}</button>
            </div>
            { if diff.cells.is_empty() && diff.routes.is_empty() {
                html! { <p class="muted">{"No verdict and no breaching route differs."}</p> }
            } else { html! {
                <>
                    <h4>{format!("Verdicts that changed ({})", diff.cells.len())}</h4>
                    <p class="small muted">{format!("From {} to this scenario.", other)}</p>
                    <ul class="changes">{ for cells }</ul>
                    <h4>{format!("Breaching routes that appeared (+) or disappeared (\u{2212}) ({})", diff.routes.len())}</h4>
                    <ul class="changes routes-diff">{ for routes }</ul>
                </>
            } } }
        </section>
    }
}
