//! The app's keyboard shortcuts as a pure table: a key press (with its modifiers) and the
//! selection give what to do. The hook (`hooks::shortcuts`) listens; this module decides, and
//! is tested natively.

use super::Action;
use dealscope_core::edit::{Command, GRID};
use dealscope_core::ComponentId;

/// What a shortcut does.
#[derive(Clone, Debug)]
pub enum Shortcut {
    /// Dispatch this action.
    Act(Action),
    /// Fit the diagram to the canvas.
    Fit,
    /// Lay the diagram out, then fit it.
    LayOut,
    /// Rename the selected component: its label field takes the focus.
    Rename,
}

/// The inspector's label field, where a rename (double-click, F2) puts the focus.
pub const LABEL_FIELD: &str = "input[aria-label=\"Label\"]";

/// The shortcut for `key` (the DOM key name) with Ctrl (or Cmd) and Shift as given, when focus
/// is not in a text field; `None` when the key means nothing here.
pub fn shortcut(key: &str, ctrl: bool, shift: bool, selection: &[ComponentId]) -> Option<Shortcut> {
    let act = |a: Action| Some(Shortcut::Act(a));
    match (ctrl, key) {
        (true, "z" | "Z") if shift => act(Action::Redo),
        (true, "z" | "Z") => act(Action::Undo),
        (true, "y" | "Y") => act(Action::Redo),
        (true, "a" | "A") => act(Action::SelectAll),
        (true, "c") => act(Action::Copy),
        (true, "v") => act(Action::Paste),
        (false, "Delete" | "Backspace") => act(Action::DeleteSelection),
        (false, "Escape") => act(Action::Escape),
        (false, "c" | "C") => act(Action::StartConnect),
        (false, "f" | "F") => Some(Shortcut::Fit),
        (false, "l" | "L") => Some(Shortcut::LayOut),
        (false, "F2") if !selection.is_empty() => Some(Shortcut::Rename),
        (_, "?") => act(Action::Help(true)),
        (false, "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight") if !selection.is_empty() => {
            let step = if shift { GRID * 5.0 } else { GRID };
            let (dx, dy) = match key {
                "ArrowUp" => (0.0, -step),
                "ArrowDown" => (0.0, step),
                "ArrowLeft" => (-step, 0.0),
                _ => (step, 0.0),
            };
            act(Action::Do(Command::Move {
                ids: selection.to_vec(),
                dx,
                dy,
            }))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut as a word, for a table.
    fn word(key: &str, ctrl: bool, shift: bool, selected: bool) -> String {
        let selection = if selected {
            vec![ComponentId(7)]
        } else {
            vec![]
        };
        match shortcut(key, ctrl, shift, &selection) {
            None => "-".into(),
            Some(Shortcut::Fit) => "fit".into(),
            Some(Shortcut::LayOut) => "lay out".into(),
            Some(Shortcut::Rename) => "rename".into(),
            Some(Shortcut::Act(Action::Do(Command::Move { ids, dx, dy }))) => {
                format!("move {ids:?} by {dx},{dy}")
            }
            Some(Shortcut::Act(a)) => format!("{a:?}"),
        }
    }

    #[test]
    fn the_shortcut_table() {
        // (key, ctrl, shift, something selected) -> what it does; from the help text.
        let table = [
            ("z", true, false, false, "Undo"),
            ("Z", true, true, false, "Redo"),
            ("y", true, false, false, "Redo"),
            ("a", true, false, false, "SelectAll"),
            ("c", true, false, true, "Copy"),
            ("v", true, false, false, "Paste"),
            ("Delete", false, false, true, "DeleteSelection"),
            ("Backspace", false, false, true, "DeleteSelection"),
            ("Escape", false, false, false, "Escape"),
            ("c", false, false, true, "StartConnect"),
            ("F", false, true, false, "fit"),
            ("l", false, false, false, "lay out"),
            ("L", false, true, true, "lay out"),
            ("F2", false, false, true, "rename"),
            ("F2", false, false, false, "-"),
            (
                "ArrowLeft",
                false,
                false,
                true,
                "move [ComponentId(7)] by -20,0",
            ),
            (
                "ArrowDown",
                false,
                true,
                true,
                "move [ComponentId(7)] by 0,100",
            ),
            // Arrows with nothing selected, and unknown keys, do nothing (the page scrolls).
            ("ArrowUp", false, false, false, "-"),
            ("q", false, false, true, "-"),
            ("x", true, false, true, "-"),
        ];
        for (key, ctrl, shift, selected, want) in table {
            assert_eq!(
                word(key, ctrl, shift, selected),
                want,
                "{key} ctrl={ctrl} shift={shift}"
            );
        }
    }
}
