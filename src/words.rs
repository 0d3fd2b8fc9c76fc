//! What the app says about the workspace: one sentence (or two) for each of the core's
//! [`Notice`]s. The core's reasons are lowercase clauses, quoted here as they are.

use dealscope_core::check::explain::for_reader;
use dealscope_core::workspace::Notice;

/// A curly-quoted name.
fn q(name: &str) -> String {
    format!("\u{201c}{name}\u{201d}")
}

/// The words for a notice.
pub fn notice(n: &Notice) -> String {
    match n {
        Notice::Opened {
            what,
            kept: Some(kept),
        } => format!(
            "Opened {}. Your previous work is in My scenarios as {}; Undo also brings it back.",
            q(what),
            q(kept)
        ),
        Notice::Opened { what, kept: None } => {
            format!("Opened {}. Undo brings back what was here.", q(what))
        }
        Notice::NotOpened { what, why } => format!("{} was not opened: your work could not be kept in My scenarios first ({why}). Export it to a file, then try again.", q(what)),
        Notice::Imported(name) => {
            format!("Imported {}. Undo brings back what was here.", q(name))
        }
        Notice::KeptShared {
            name,
            previous,
            unlisted,
        } => {
            let mut text = format!("Kept {} as your scenario.", q(name));
            if let Some(p) = previous {
                text += &format!(" Your previous work is in My scenarios as {}.", q(p));
            }
            if let Some(e) = unlisted {
                text += &format!(" It could not be added to My scenarios: {e}.");
            }
            text
        }
        Notice::SharedNotKept(e) => format!("The shared scenario was not kept: your own work could not be saved to My scenarios first ({e}). Go back to it and export it to a file."),
        Notice::BackToOwn => "Back to your own work.".into(),
        Notice::Saved(name) => format!("Saved {} in My scenarios.", q(name)),
        Notice::NotSaved(name, e) => format!(
            "{} could not be saved: {e}. Export it to a file instead.",
            q(name)
        ),
        Notice::Unreadable(name, e) => {
            format!("Saved scenario {} could not be read: {e}.", q(name))
        }
        Notice::TookOtherTab => {
            "Loaded the other tab's version. Undo brings back this tab's.".into()
        }
        Notice::KeptThisTab => "Kept this tab's version; it is autosaved again.".into(),
        Notice::NotChanged(e) => format!("Not changed: {}.", for_reader(e)),
        Notice::ClausesRefused(e) => format!("The clause text was not changed: {e}."),
        Notice::AutosaveUnreadable(e) => format!("Your autosaved scenario could not be read ({e}). It was kept aside in browser storage; you start from the seed scenario."),
        Notice::SavesLost(lost) => format!(
            "Some saved scenarios could not be read: {}.",
            lost.join("; ")
        ),
        Notice::LinkFailed(e) => format!(
            "This link could not be opened: {}. Your own work is untouched.",
            for_reader(e)
        ),
    }
}
