//! The top bar: the scenario's name, the preset menu, undo and redo, zoom, fit and share. A
//! plain function, not a component: a component's own machinery costs more bytes than
//! diffing these few elements on each render of the app.

use crate::browser;
use crate::components::files::SharePanel;
use crate::icons::kind_icon;
use crate::state::{Action, View};
use dealscope_core::io::link::Scenario;
use dealscope_core::presets::PRESETS;
use dealscope_core::KindTag;
use yew::prelude::*;

/// What the top bar shows.
pub struct TopbarProps {
    pub name: String,
    /// The preset open, or empty.
    pub preset: String,
    pub can_undo: bool,
    pub can_redo: bool,
    pub view: View,
    /// The scenario to share while the share panel is open.
    pub sharing: Option<Scenario>,
    /// The comparison "What changed" shows, when it is open: the link can carry it.
    pub compare: Option<dealscope_core::io::link::Sides>,
    pub on_fit: Callback<()>,
    /// Zooms by a factor about the middle of the view.
    pub on_zoom: Callback<f64>,
    pub dispatch: Callback<Action>,
}

/// The top bar.
#[inline(never)]
pub fn topbar(p: TopbarProps) -> Html {
    let dispatch = &p.dispatch;
    let on_change = |read: fn(&Event) -> Option<Action>| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(action) = read(&e) {
                dispatch.emit(action);
            }
        })
    };
    let rename = on_change(|e| browser::input_value(e).map(Action::Rename));
    let preset_change = on_change(|e| browser::select_value(e).map(Action::OpenPreset));
    let new = dispatch.reform(|_: MouseEvent| Action::NewScenario);
    let undo = dispatch.reform(|_: MouseEvent| Action::Undo);
    let redo = dispatch.reform(|_: MouseEvent| Action::Redo);
    let fit = p.on_fit.reform(|_: MouseEvent| ());
    let lay_out = {
        let (dispatch, fit) = (dispatch.clone(), p.on_fit.clone());
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::LayOut);
            fit.emit(());
        })
    };
    let zoom_by = |f: f64| p.on_zoom.reform(move |_: MouseEvent| f);
    let open = p.sharing.is_some();
    let share = dispatch.reform(move |_: MouseEvent| Action::Share(!open));
    html! {
        <header class="topbar">
            <div class="brand"><span class="logo" aria-hidden="true">{kind_icon(KindTag::Host)}</span><h1>{"dealscope"}</h1></div>
            <label class="name">
                <span class="visually-hidden">{"Scenario name"}</span>
                <input type="text" value={p.name.clone()} title={p.name.clone()} maxlength="80" aria-label="Scenario name" onchange={rename} />
            </label>
            <label class="preset">
                <span class="visually-hidden">{"Scenario"}</span>
                <select onchange={preset_change} aria-label="Open a preset scenario">
                    <option value="" selected={p.preset.is_empty()} disabled=true>{"Open a preset scenario\u{2026}"}</option>
                    { for PRESETS.iter().map(|s| html! { <option value={s.id} selected={s.id == p.preset}>{s.title}</option> }) }
                </select>
            </label>
            <div class="tools" role="toolbar" aria-label="Edit">
                <button class="btn" onclick={new} title="A new, empty scenario; your work is kept in My scenarios" data-testid="new">{"New"}</button>
                <button class="btn" onclick={undo} disabled={!p.can_undo} title="Undo (Ctrl+Z)">{"Undo"}</button>
                <button class="btn" onclick={redo} disabled={!p.can_redo} title="Redo (Ctrl+Shift+Z or Ctrl+Y)">{"Redo"}</button>
                <span class="sep" />
                <button class="btn zoom-btn" onclick={zoom_by(1.0 / 1.2)} title="Zoom out" aria-label="Zoom out">{"\u{2212}"}</button>
                <span class="zoom" aria-label="Zoom level">{format!("{}%", (p.view.zoom * 100.0).round() as i64)}</span>
                <button class="btn zoom-btn" onclick={zoom_by(1.2)} title="Zoom in" aria-label="Zoom in">{"+"}</button>
                <button class="btn" onclick={fit} title="Fit to view (F)">{"Fit"}</button>
                <button class="btn" onclick={lay_out} title="Lay out left to right by role: customers, products, endpoints, models; hosts below, parties above (L). Undo puts it back." data-testid="lay-out">{"Lay out"}</button>
                <button class="btn help-btn" onclick={dispatch.reform(|_: MouseEvent| crate::components::help::open())} title="Help: the readings, the versions and their sources, the keys (?)" aria-label="Help">{"?"}</button>
                <span class="sep" />
                <button class="btn primary" onclick={share} aria-expanded={open.to_string()} data-testid="share">{"Share"}</button>
            </div>
            // A slot even when closed: Yew matches unkeyed siblings from the end, so a panel that
            // came and went after them would make every other child of the bar anew.
            { p.sharing.map(|scenario| html! { <SharePanel scenario={scenario} compare={p.compare.clone()} dispatch={dispatch.clone()} /> }).unwrap_or_default() }
        </header>
    }
}
