//! A route, hop by hop, as a row of numbered chips: who runs each hop, where it is hosted, and
//! which hop breaks the sentence. Shown under a finding and under a witness of "What changed".

use crate::components::canvas::provider_class;
use dealscope_core::check::{Finding, Missing, Run};
use dealscope_core::clause::Requirement;
use yew::prelude::*;

/// Who runs a hop, as a short tag in the route list.
fn run_tag(run: &Run) -> Option<String> {
    let mut out = String::new();
    match run {
        Run::Customer | Run::Model => return None,
        other => dealscope_core::check::explain::push_run(&mut out, other),
    }
    Some(out)
}

/// What marks the hop that breaks a sentence: "off Azure", or, for a ships-first sentence,
/// "not first on Azure".
fn flag(requirement: &Requirement) -> String {
    match requirement {
        Requirement::ShipsFirstOn { provider, .. } => format!("not first on {}", provider.name()),
        r => r
            .provider()
            .map(|p| format!("off {}", p.name()))
            .unwrap_or_default(),
    }
}

/// The finding's route, hop by hop, the hop that breaks `requirement` flagged. A hop whose
/// launch the finding lacks is flagged as such: whether it shipped first on the provider is
/// what is unknown.
pub fn route_list(finding: &Finding, requirement: &Requirement) -> Html {
    let off_word = flag(requirement);
    let launch = matches!(requirement, Requirement::ShipsFirstOn { .. });
    let unknown_launch = |id| {
        finding
            .missing
            .iter()
            .any(|m| matches!(m, Missing::LaunchDates(c) | Missing::LaunchDay(c) if *c == id))
    };
    let mut next = 1;
    let hops = finding.route.iter().map(|h| {
        let provider = h.provider.as_ref().map(|pr| html! { <span class={classes!("badge-inline", provider_class(pr))}>{pr.name()}</span> });
        let run = run_tag(&h.run).map(|r| html! { <span class={classes!("run", matches!(h.run, Run::Unknown | Run::Unclear(_)).then_some("open"))}>{r}</span> });
        // Long routes show their ends and what breaks the sentence; the rest are counted.
        let gap = (h.skipped > 0).then(|| {
            let n = h.skipped;
            html! { <li class="skipped">{format!("\u{2026} {n} more hop{}", if n == 1 { "" } else { "s" })}</li> }
        });
        let number = next + h.skipped;
        next = number + 1;
        html! {
            <>
            {for gap}
            <li data-n={number.to_string()} class={classes!(h.offending.then_some("off"), h.governed.then_some("governed"))}>
                <span class="hop-label">{h.label.clone()}</span>
                {for run}
                {for provider}
                { match (h.offending && (h.off_provider || launch), &h.provider) {
                    (true, _) if launch && unknown_launch(h.component) => html! { <span class="flag">{"launch not set"}</span> },
                    (true, Some(_)) => html! { <span class="flag">{off_word.clone()}</span> },
                    (true, None) if launch => html! { <span class="flag">{off_word.clone()}</span> },
                    // Hosted nowhere: not known to be off the provider, but not shown on it.
                    (true, None) => html! { <span class="flag">{"hosting not set"}</span> },
                    _ => html! {},
                } }
            </li>
            </>
        }
    });
    html! { <ol class="route" aria-label="Route, hop by hop">{ for hops }</ol> }
}
