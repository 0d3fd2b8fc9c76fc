//! Sharing and files: the share panel (links), My scenarios (named saves), import and export.

use crate::browser;
use crate::same::Same;
use crate::state::{Action, Changed, Doc};
use dealscope_core::edit::bounds;
use dealscope_core::io::file::to_json_with;
use dealscope_core::io::link::{Scenario, Sides, MAX_LINK_CHARS};
use dealscope_core::io::saves::SaveList;
use dealscope_core::io::svg::{picture_size, svg_picture};
use dealscope_core::memo::{matrix_picture, picture_heading};
use dealscope_core::{Clause, Reading, Report};
use yew::prelude::*;

/// Properties of [`SharePanel`].
#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub scenario: Scenario,
    /// The comparison "What changed" shows, if it is open: offered to the link.
    pub compare: Option<Sides>,
    pub dispatch: Callback<Action>,
}

/// The share panel: the link, its length, and a copy button.
#[function_component]
pub fn SharePanel(p: &ShareProps) -> Html {
    // Hooks first, always in the same order, whatever the panel then shows.
    let copied = use_state(|| false);
    // Whether the link opens "What changed" on the comparison shown (when one is).
    let with_compare = use_state(|| true);
    let panel = use_node_ref();
    // The link is compressed by the browser, a moment after the panel opens.
    let link = use_state(|| None::<String>);
    {
        let link = link.clone();
        use_effect_with(p.scenario.clone(), move |sc| {
            let sc = sc.clone();
            wasm_bindgen_futures::spawn_local(async move {
                link.set(Some(browser::share_link(&sc).await));
            });
        });
    }
    {
        // Focus moves into the panel when it opens, and again when the link is ready: its
        // first button or field.
        let panel = panel.clone();
        use_effect_with(link.is_some(), move |_| browser::focus_first_in(&panel));
    }
    // A press outside lands on a clear backdrop under the panel, which closes it.
    let backdrop = html! {
        <div class="popover-backdrop" aria-hidden="true"
            onpointerdown={p.dispatch.reform(|_: PointerEvent| Action::Share(false))}></div>
    };
    let close = p.dispatch.reform(|_: MouseEvent| Action::Share(false));
    let Some(link) = (*link).clone() else {
        return html! {
            <>
            {backdrop}
            <div class="popover" role="dialog" aria-label="Share" aria-busy="true" ref={panel}>
                <p>{"Making the link\u{2026}"}</p>
                <div class="row"><button class="btn" onclick={close}>{"Close"}</button></div>
            </div>
            </>
        };
    };
    let compare = p.compare.as_ref().filter(|_| *with_compare);
    let url = match compare {
        Some(c) => format!("{}#{}&{}", browser::base_url(), link, c.fragment()),
        None => format!("{}#{}", browser::base_url(), link),
    };
    let toggle = p.compare.as_ref().map(|c| {
        let with = with_compare.clone();
        let onchange = Callback::from(move |_: Event| with.set(!*with));
        let names = |(c, r): &(String, String)| format!("{} ({r})", c.to_ascii_uppercase());
        html! {
            <label class="check-line small">
                <input type="checkbox" checked={*with_compare} onchange={onchange} data-testid="share-compare" />
                {format!(" Open \u{201c}What changed\u{201d} on {} against {}", names(&c.left), names(&c.right))}
            </label>
        }
    });
    if link.len() > MAX_LINK_CHARS {
        let sc = p.scenario.clone();
        let dispatch = p.dispatch.clone();
        let compare = p.compare.clone();
        let export =
            Callback::from(move |_: MouseEvent| export_json(&sc, compare.as_ref(), &dispatch));
        return html! {
            <>
            {backdrop}
            <div class="popover" role="dialog" aria-label="Share" ref={panel}>
                <p>{format!("This scenario is too large for a link ({} characters; the limit is {MAX_LINK_CHARS}). Share it as a file instead.", link.len())}</p>
                <div class="row"><button class="btn primary" onclick={export}>{"Export JSON file"}</button><button class="btn" onclick={close}>{"Close"}</button></div>
            </div>
            </>
        };
    }
    let copy = {
        let (url, copied) = (url.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            browser::copy_text(&url);
            copied.set(true);
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        // Selected backwards, so the field shows the link's start, not its end.
        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            let end = input.value().len() as u32;
            let _ = input.set_selection_range_with_direction(0, end, "backward");
            input.set_scroll_left(0);
        }
    });
    html! {
        <>
        {backdrop}
        <div class="popover" role="dialog" aria-label="Share" ref={panel}>
            <label class="field stacked">
                <span>{"Link to this scenario"}</span>
                <input type="text" readonly=true value={url.clone()} onfocus={select_all} data-testid="share-link" aria-label="Link to this scenario" />
            </label>
            // A slot even when absent, so that the link field before it is never made anew.
            { toggle.unwrap_or_default() }
            <p class="small muted">{format!("{} characters. The scenario travels in the part after #, which browsers never send to a server.", url.len())}</p>
            <div class="row">
                <button class="btn primary" onclick={copy}>{ if *copied { "Copied" } else { "Copy link" } }</button>
                <button class="btn" onclick={close}>{"Close"}</button>
            </div>
        </div>
        </>
    }
}

/// Offers the scenario as a JSON file, with the comparison "What changed" shows, if any.
pub fn export_json(sc: &Scenario, compare: Option<&Sides>, dispatch: &Callback<Action>) {
    let name = format!(
        "{}.dealscope.json",
        dealscope_core::io::file::file_stem(&sc.name)
    );
    if let Err(e) = browser::download(&name, "application/json", &to_json_with(sc, compare)) {
        dispatch.emit(Action::Say(true, format!("Could not export: {e}.")));
    }
}

/// Styles for exported pictures (the app's look, without CSS variables).
const PICTURE_STYLE: &str = "text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}.node .body{fill:#fff;stroke:#b7c0cc}.node .stripe{fill:#b7c0cc}.k-customer .stripe{fill:#7a4fc9}.k-product .stripe{fill:#2f5fd0}.k-endpoint .stripe{fill:#0f8a8a}.k-model .stripe{fill:#c2410c}.k-party .stripe{fill:#9a3f7a}.node .label{font-weight:600;fill:#1c2430}.node .sub{fill:#5d6878}.kind-icon{color:#5d6878}.handle,.hit{display:none}.badge rect{fill:#fff;stroke:#5d6878;stroke-width:1.5}.badge text{font-size:11px;font-weight:600;fill:#5d6878}.badge.p-azure rect{stroke:#0b6bcb}.badge.p-azure text{fill:#0b6bcb}.badge.p-aws rect{stroke:#b35c00}.badge.p-aws text{fill:#b35c00}.edge .line{fill:none;stroke:#b7c0cc;stroke-width:1.6}.r-hosted-on .line,.r-owns .line,.r-built-with .line{stroke-dasharray:5 4}.edge-label rect{fill:#f5f6f8}.edge-label text{font-size:11px;fill:#5d6878}.m-normal{fill:#b7c0cc}.m-route{fill:#1d7a46}.m-off{fill:#b4232c}.route .line{stroke:#1d7a46;stroke-width:3}.route-off .line{stroke:#b4232c;stroke-width:3.5}.hop-off .body{stroke:#b4232c;stroke-width:3;fill:#fbe7e8}.hop .body{stroke:#1d7a46;stroke-width:2.5}.hop-num circle{fill:#1c2430}.hop-num text{fill:#fff;font-size:12px;font-weight:700}";

/// The canvas as a standalone SVG picture carrying the scenario, with its size in pixels;
/// `above` and `below` are drawn over and under the diagram (the heading and the verdict
/// matrix, each with its width and height).
fn picture(
    sc: &Scenario,
    svg_ref: &NodeRef,
    (above, below): (Option<Block>, Option<Block>),
) -> Result<(String, (u32, u32)), String> {
    let b = bounds(&sc.diagram).ok_or("the diagram is empty")?;
    let Some((world, defs)) = browser::drawing(svg_ref) else {
        return Err("the canvas is not on screen".into());
    };
    let size = |t: &Option<Block>| t.as_ref().map(|t| (t.1, t.2));
    let px = picture_size(b, size(&above), size(&below));
    Ok((
        svg_picture(
            &world,
            &defs,
            PICTURE_STYLE,
            sc,
            b,
            (part(&above), part(&below)),
        ),
        px,
    ))
}

fn part(t: &Option<Block>) -> dealscope_core::io::svg::Block<'_> {
    t.as_ref().map(|(m, w, h)| (m.as_str(), *w, *h))
}

/// Markup drawn beside the diagram in a picture, with its width and height.
type Block = (String, f32, f32);

/// What the verdict matrix is drawn from: the clauses checked, the readings, the report,
/// and the chosen cell.
type Verdicts = (
    Same<Vec<Clause>>,
    Same<Vec<Reading>>,
    Same<Report>,
    Option<(usize, usize)>,
);

/// What an export is made from: the scenario, the canvas, and (when asked for) the verdict
/// matrix with the chosen cell.
#[derive(Clone)]
struct Export {
    sc: Scenario,
    svg_ref: NodeRef,
    matrix: Option<Verdicts>,
    /// What the drawing shows and assumes (a preset's caption, as it opened), or "".
    note: &'static str,
    dispatch: Callback<Action>,
}

impl Export {
    /// The picture; with the verdicts, headed by the scenario's name and what the drawing
    /// assumes, so that it stands on its own.
    fn picture(&self) -> Result<(String, (u32, u32)), String> {
        let Some((c, r, report, cell)) = self.matrix.as_ref() else {
            return picture(&self.sc, &self.svg_ref, (None, None));
        };
        let below = matrix_picture(c, r, report, *cell);
        let width = bounds(&self.sc.diagram).map_or(0.0, |b| b.2).max(below.1);
        let above = picture_heading(&self.sc.name, self.note, &browser::today(), width);
        picture(&self.sc, &self.svg_ref, (above, Some(below)))
    }

    fn stem(&self) -> String {
        dealscope_core::io::file::file_stem(&self.sc.name)
    }

    fn failed(&self, e: String) {
        self.dispatch
            .emit(Action::Say(true, format!("Could not export: {e}.")));
    }

    /// Downloads the picture as SVG.
    fn svg(&self) {
        let result = self.picture().and_then(|(svg, _)| {
            browser::download(
                &format!("{}.dealscope.svg", self.stem()),
                "image/svg+xml",
                &svg,
            )
        });
        if let Err(e) = result {
            self.failed(e);
        }
    }

    /// Downloads the picture as PNG, at twice its size for sharp text on dense screens.
    async fn png(self) {
        let result = async {
            let (svg, (w, h)) = self.picture()?;
            let url = browser::svg_to_png(&svg, 2 * w, 2 * h).await?;
            let bytes = dealscope_core::io::png::png_from_data_url(&url)?;
            let with = dealscope_core::io::png::png_with_scenario(&bytes, &self.sc)?;
            browser::download_bytes(
                &format!("{}.dealscope.png", self.stem()),
                "image/png",
                &with,
            )
        }
        .await;
        if let Err(e) = result {
            self.failed(e);
        }
    }
}

/// The picture exports, and whether they carry the verdict matrix.
fn exports(p: &ScenariosProps, sc: Scenario, with_matrix: &UseStateHandle<bool>) -> Html {
    let export = Export {
        sc,
        svg_ref: p.svg_ref.clone(),
        matrix: with_matrix.then(|| {
            (
                p.checked.clone(),
                p.readings.clone(),
                p.report.clone(),
                p.cell,
            )
        }),
        note: p.note,
        dispatch: p.dispatch.clone(),
    };
    let svg = {
        let export = export.clone();
        Callback::from(move |_: MouseEvent| export.svg())
    };
    let png = Callback::from(move |_: MouseEvent| {
        wasm_bindgen_futures::spawn_local(export.clone().png())
    });
    let toggle = {
        let with_matrix = with_matrix.clone();
        Callback::from(move |_: Event| with_matrix.set(!*with_matrix))
    };
    html! {
        <>
            <button class="btn" onclick={svg}>{"Export SVG"}</button>
            <button class="btn" onclick={png}>{"Export PNG"}</button>
            <label class="export-check small" title="The exported picture shows the verdict matrix under the diagram, and outlines the one the diagram shows">
                <input type="checkbox" checked={**with_matrix} onchange={toggle} data-testid="with-matrix" />{"With the verdicts"}
            </label>
        </>
    }
}

/// "Compare with a link": the pasted link's scenario, compared with the one shown.
fn compare_with_link(dispatch: &Callback<Action>) -> Callback<Event> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: Event| {
        let Some(text) = browser::input_value(&e) else {
            return;
        };
        if text.trim().is_empty() {
            return;
        }
        let dispatch = dispatch.clone();
        let pending = dealscope_core::io::inflate::pending(&text);
        browser::after_inflating(pending, move || {
            match dealscope_core::io::file::import(&text) {
                Ok(sc) => {
                    let name = if sc.name.is_empty() {
                        "the linked scenario".to_string()
                    } else {
                        format!("\u{201c}{}\u{201d}", sc.name)
                    };
                    dispatch.emit(Action::Compare(Some((name, sc))))
                }
                Err(err) => dispatch.emit(Action::Say(
                    true,
                    format!("That link could not be compared: {err}."),
                )),
            }
        });
    })
}

/// The "Save as…" form: the name to save under, and whether that replaces a saved scenario.
fn save_as_form(
    naming: &UseStateHandle<Option<String>>,
    form: &NodeRef,
    saves: &SaveList,
    dispatch: &Callback<Action>,
) -> Html {
    let Some(name) = (**naming).clone() else {
        return html! {};
    };
    let clean = dealscope_core::io::saves::clean_name(&name);
    let taken = saves.entries.iter().any(|(n, _)| *n == clean);
    let submit = {
        let (naming, dispatch, name) = (naming.clone(), dispatch.clone(), name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatch.emit(Action::SaveAs(name.clone()));
            naming.set(None);
        })
    };
    let edit = {
        let naming = naming.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = browser::input_value(&e) {
                naming.set(Some(v));
            }
        })
    };
    let cancel = {
        let naming = naming.clone();
        Callback::from(move |_: MouseEvent| naming.set(None))
    };
    let escape = {
        let naming = naming.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                naming.set(None);
            }
        })
    };
    html! {
        <form class="save-as" ref={form.clone()} onsubmit={submit} data-testid="save-as-form">
            <label class="small" for="save-as-name">{"Save in My scenarios as"}</label>
            <div class="row">
                <input id="save-as-name" type="text" value={name} maxlength="80" oninput={edit} onkeydown={escape} />
                <button type="submit" class="btn primary">{ if taken { "Replace" } else { "Save" } }</button>
                <button type="button" class="btn" onclick={cancel}>{"Cancel"}</button>
            </div>
            { if taken { html! {
                <p class="small warn" role="status">{format!("\u{201c}{clean}\u{201d} is in My scenarios already: saving replaces it.")}</p>
            } } else { html! {} } }
        </form>
    }
}

/// Properties of [`Scenarios`].
#[derive(Properties, PartialEq)]
pub struct ScenariosProps {
    pub name: String,
    pub diagram: crate::same::Same<dealscope_core::Diagram>,
    pub clauses: String,
    pub saves: SaveList,
    pub doc: Doc,
    pub svg_ref: NodeRef,
    /// What the verdict matrix of an export is made of: the clauses checked, the readings,
    /// the report, and the chosen cell.
    pub checked: Same<Vec<Clause>>,
    pub readings: Same<Vec<Reading>>,
    pub report: Same<Report>,
    pub cell: Option<(usize, usize)>,
    /// What the drawing shows and assumes (a preset's caption, as it opened), or "".
    pub note: &'static str,
    /// The comparison "What changed" shows, when it is open: a JSON export carries it.
    pub compare: Option<Sides>,
    pub dispatch: Callback<Action>,
}

/// My scenarios: save, open, delete, import and export.
#[function_component]
pub fn Scenarios(p: &ScenariosProps) -> Html {
    let dispatch = p.dispatch.clone();
    let scenario = Scenario {
        name: p.name.clone(),
        diagram: (*p.diagram).clone(),
        clauses: p.clauses.clone(),
    };
    // "Save as…" opens a small form with the name to save under (None: closed).
    let naming = use_state_eq(|| None::<String>);
    let form = use_node_ref();
    let with_matrix = use_state(|| false);
    {
        // Other work shown (New, a preset, a save opened) closes the form: it saves the work
        // that was shown when it opened, never what came after. (`use_state_eq`: closing a
        // closed form, after every edit, draws nothing.)
        let naming = naming.clone();
        use_effect_with((p.doc, p.name.clone(), p.diagram.clone()), move |_| {
            naming.set(None)
        });
    }
    {
        // The name is selected, so typing replaces it.
        let open = naming.is_some();
        use_effect_with(open, move |open| {
            if *open {
                browser::edit_later("#save-as-name");
            }
        });
    }
    let save = {
        let (naming, name) = (naming.clone(), p.name.clone());
        Callback::from(move |_: MouseEvent| naming.set(Some(name.clone())))
    };
    let json = {
        let (sc, compare, dispatch) = (scenario.clone(), p.compare.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| export_json(&sc, compare.as_ref(), &dispatch))
    };
    let on_file = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Some((name, bytes)) = browser::read_chosen_file(&e).await else {
                    return dispatch.emit(Action::Say(true, "The file could not be read.".into()));
                };
                browser::inflate_pending(dealscope_core::io::file::pending(&bytes)).await;
                match dealscope_core::io::file::import_bytes(&bytes) {
                    Ok(mut sc) => {
                        if sc.name.is_empty() {
                            sc.name = dealscope_core::io::saves::clean_name(&name);
                        }
                        dispatch.emit(Action::Import(sc));
                        match dealscope_core::io::file::comparison(&bytes) {
                            Some(Ok(sides)) => dispatch.emit(Action::WhatChanged(Changed { open: true, sides })),
                            Some(Err(e)) => dispatch.emit(Action::Say(true, format!("The file's scenario was imported, but not its comparison: {e}."))),
                            None => {}
                        }
                    }
                    Err(err) => dispatch.emit(Action::Say(true, format!("\u{201c}{name}\u{201d} could not be imported: {err}. Nothing was changed."))),
                }
            });
        })
    };
    let compare_link = compare_with_link(&dispatch);
    let items = p.saves.entries.iter().map(|(name, _)| {
        let (open_name, del_name) = (name.clone(), name.clone());
        let open = dispatch.reform(move |_: MouseEvent| Action::OpenSaved(open_name.clone()));
        let del = dispatch.reform(move |_: MouseEvent| Action::DeleteSaved(del_name.clone()));
        let cmp_name = name.clone();
        let cmp = dispatch.reform(move |_: MouseEvent| Action::CompareSaved(cmp_name.clone()));
        html! {
            <li>
                <span class="save-name">{name.clone()}</span>
                <button class="btn small-btn" onclick={open} aria-label={format!("Open {name}")}>{"Open"}</button>
                <button class="btn small-btn" onclick={cmp} aria-label={format!("Compare with {name}")}>{"Compare"}</button>
                <button class="btn small-btn" onclick={del} aria-label={format!("Delete {name}")}>{"Delete"}</button>
            </li>
        }
    });
    html! {
        <details class="scenarios" open={!p.saves.entries.is_empty()}>
            <summary>{format!("My scenarios ({})", p.saves.entries.len())}</summary>
            <p class="small muted">{ if p.doc == Doc::Own { "Your work is autosaved in this browser on every edit." } else { "You are viewing a shared scenario: it is not autosaved until you keep a copy." } }</p>
            <div class="row wrap">
                <button class="btn" onclick={save} aria-expanded={naming.is_some().to_string()} data-testid="save-as">{"Save as\u{2026}"}</button>
                <label class="btn file-btn">{"Import file\u{2026}"}<input type="file" accept=".json,.svg,.png,.txt,application/json,image/svg+xml,image/png" onchange={on_file} class="visually-hidden" aria-label="Import a scenario file" /></label>
                <button class="btn" onclick={json}>{"Export JSON"}</button>
                { exports(p, scenario, &with_matrix) }
                <button class="btn" onclick={Callback::from(|_: MouseEvent| browser::print())} title="A report for a memo: the diagram, the verdicts, each breach with its fix, and the sources (Ctrl+P)">{"Print report"}</button>
            </div>
            { save_as_form(&naming, &form, &p.saves, &dispatch) }
            <ul class="saves">{ for items }</ul>
            <label class="compare-link">
                <span class="visually-hidden">{"Compare with a link"}</span>
                <input type="text" placeholder="Paste a link to compare with" aria-label="Compare with a link" onchange={compare_link} data-testid="compare-link" />
            </label>
        </details>
    }
}
