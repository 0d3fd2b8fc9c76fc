//! What the app tells the user outside the panels: the banner over the canvas (a shared
//! scenario, or another tab's version), the toast for a message, and the list of diagram checks.
//! Plain functions, not components: each is a few elements, cheaper to diff than to wrap.

use crate::state::{Action, Doc, State};
use dealscope_core::model::Problem;
use dealscope_core::ComponentId;
use yew::prelude::*;

/// The banner over the canvas, when there is something to decide: another tab saved a
/// different version, or a shared scenario is open.
#[inline(never)]
pub fn banner(s: &State, dispatch: &Callback<Action>) -> Html {
    if let Some(other) = &s.ws.conflict {
        let take = dispatch.reform(|_: MouseEvent| Action::Resolve(true));
        let keep = dispatch.reform(|_: MouseEvent| Action::Resolve(false));
        html! {
            <div class="banner warn" role="alert">
                <span>{format!("Another tab saved a different version of this scenario (\u{201c}{}\u{201d}). Autosave is paused here until you choose.", other.name)}</span>
                <button class="btn" onclick={take}>{"Load the other tab's"}</button>
                <button class="btn primary" onclick={keep}>{"Keep this tab's"}</button>
            </div>
        }
    } else if s.ws.doc == Doc::Shared {
        let keep = dispatch.reform(|_: MouseEvent| Action::KeepShared);
        let back = dispatch.reform(|_: MouseEvent| Action::BackToOwn);
        html! {
            <div class="banner" role="region" aria-label="Shared scenario" data-testid="shared-banner">
                <span>{format!("Shared scenario \u{201c}{}\u{201d}: not saved on this device.{}", s.ws.work.name,
                    if s.ws.stash.is_some() { " Your own work is kept." } else { "" })}</span>
                <button class="btn primary" onclick={keep}>{"Keep a copy"}</button>
                { if s.ws.stash.is_some() { html! { <button class="btn" onclick={back}>{"Back to my work"}</button> } } else { html! {} } }
            </div>
        }
    } else {
        html! {}
    }
}

/// A message: an error stays until dismissed; other messages fade (see `use_persistence`).
pub fn toast(message: &Option<(bool, String)>, dispatch: &Callback<Action>) -> Html {
    let Some((err, text)) = message.clone() else {
        return html! {};
    };
    let close = dispatch.reform(|_: MouseEvent| Action::Escape);
    html! {
        <div class={classes!("toast", err.then_some("error"))} role={if err { "alert" } else { "status" }}>
            <span>{text}</span>
            <button class="icon-btn" onclick={close} aria-label="Dismiss">{"\u{00d7}"}</button>
        </div>
    }
}

/// The diagram checks: what makes the diagram incomplete or inconsistent.
pub fn problems(problems: &[Problem], on_show: &Callback<Vec<ComponentId>>) -> Html {
    if problems.is_empty() {
        return html! {};
    }
    // A check about boxes is a button that selects them and brings the first into view.
    let item = |p: &Problem| {
        let text = crate::present::sentence(&p.message);
        if p.components.is_empty() {
            return html! { <li>{text}</li> };
        }
        let ids = p.components.clone();
        let show = on_show.reform(move |_: MouseEvent| ids.clone());
        html! { <li><button class="check-btn" onclick={show} title="Select on the canvas">{text}</button></li> }
    };
    html! {
        <section class="problems" aria-label="Diagram checks">
            <h2>{format!("Diagram checks ({})", problems.len())}</h2>
            <ul>{ for problems.iter().map(item) }</ul>
        </section>
    }
}

/// The first-visit hint: what the screen is and how to start. Dismissed once, in this browser.
pub fn hint(dispatch: &Callback<Action>) -> Html {
    let dismiss = dispatch.reform(|_: MouseEvent| {
        let _ = crate::browser::store(dealscope_core::io::saves::HINT_KEY, "1");
        Action::HideHint
    });
    html! {
        <section class="hint" aria-label="Getting started" data-testid="hint">
            <p><strong>{"New here? "}</strong>{"The diagram is a deal; the matrix below checks it against each version of the clause, under its letter and its spirit. Choose a cell to see the route that breaches it and the smallest fix. Drag components from the palette and connect them from a box\u{2019}s edge. "}<kbd>{"?"}</kbd>{" lists the keys and the sources."}</p>
            <button class="btn small-btn" onclick={dismiss}>{"Got it"}</button>
        </section>
    }
}
