//! Printing: "Print report", Ctrl+P or the browser's menu prints the memo (core's `memo`),
//! not the editor. The memo is built at `beforeprint`, from the scenario as it is then, into a
//! container that only the print stylesheet shows.

use crate::browser;
use crate::same::Same;
use crate::state::State;
use dealscope_core::io::link::{encode_stored, Scenario, MAX_LINK_CHARS};
use dealscope_core::memo::{markup, Memo};
use dealscope_core::{edit::bounds, Clause, Reading, Report};
use std::rc::Rc;
use yew::prelude::*;

/// What the memo is made of, as of the last render (handles, not copies: the app renders on
/// every drag frame).
pub struct Printable {
    pub state: UseReducerHandle<State>,
    pub clauses: Rc<Vec<Clause>>,
    pub builtin: usize,
    pub readings: Rc<Vec<Reading>>,
    pub report: Same<Report>,
}

/// The diagram as drawn, as a bare SVG for the memo: the canvas's own markup, fitted to the
/// diagram, without the view's pan and zoom. The app's stylesheet draws it, as on screen.
fn picture(svg_ref: &NodeRef, sc: &Scenario) -> String {
    let (Some((x, y, w, h)), Some((world, defs))) =
        (bounds(&sc.diagram), browser::drawing(svg_ref))
    else {
        return String::new();
    };
    let pad = 16.0;
    format!(
        "<svg viewBox=\"{} {} {} {}\" role=\"img\" aria-label=\"The deal diagram\">{defs}{world}</svg>",
        (x - pad) as i64,
        (y - pad) as i64,
        (w + 2.0 * pad) as i64,
        (h + 2.0 * pad) as i64
    )
}

/// Keeps the memo ready for whenever the page is printed.
#[hook]
pub fn use_print(latest: Printable, svg_ref: &NodeRef) {
    let slot = use_mut_ref(|| None::<Printable>);
    *slot.borrow_mut() = Some(latest);
    let svg_ref = svg_ref.clone();
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            gloo_events::EventListener::new(&w, "beforeprint", move |_| {
                let Some(p) = slot.borrow().as_ref().map(|p| {
                    let work = &p.state.ws.work;
                    let scenario = Scenario {
                        name: work.name.clone(),
                        diagram: (**p.state.diagram()).clone(),
                        clauses: work.clauses.clone(),
                    };
                    // Not compressed: printing cannot wait for the browser's compressor.
                    let link = encode_stored(&scenario);
                    let link = match link.len() <= MAX_LINK_CHARS {
                        true => format!("{}#{link}", browser::base_url()),
                        false => String::new(),
                    };
                    let date = browser::today();
                    markup(&Memo {
                        name: &scenario.name,
                        date: &date,
                        link: &link,
                        picture: &picture(&svg_ref, &scenario),
                        diagram: &scenario.diagram,
                        clauses: &p.clauses,
                        builtin: p.builtin,
                        readings: &p.readings,
                        report: &p.report,
                    })
                }) else {
                    return;
                };
                browser::fill_print(&p);
            })
        });
        move || drop(listener)
    });
}
