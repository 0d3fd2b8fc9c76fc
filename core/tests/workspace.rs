//! The workspace machine, step by step: each case is a script and what the workspace says and
//! holds after each step, written by hand from what a user must be able to count on (their
//! work is never lost; a link never touches it; a corrupt autosave is moved aside; two tabs
//! never overwrite each other silently).
//!
//! Script steps: `boot` with `autosave=`, `saves=` (comma-separated) and `hash=` naming the
//! scenarios below, or `bad` for unreadable text; `edit` (adds a component); `undo`; `open
//! <preset id>`; `new`; `open-saved <name>`; `import <scenario>`; `keep`; `back`; `save`;
//! `rename <name>`; `other-tab <scenario>`; `resolve theirs|mine`; `clauses <text>`;
//! `clauses-of-bytes <n>`;
//! `compare <name>`.
//!
//! Scenarios: `mine` ("Mine": the status-quo preset, 5 components, plus one added: 6);
//! `theirs` ("Theirs": the natsec-aws preset, 5 components); `seed` is no autosave at all.

use dealscope_core::edit::Command;
use dealscope_core::io::link::{decode_stored, encode_verified, Scenario};
use dealscope_core::presets::Preset;
use dealscope_core::workspace::{Doc, Notice, Stored, Workspace};
use dealscope_core::KindTag;

fn scenario(name: &str) -> Scenario {
    match name {
        "mine" => {
            let mut d = Preset::find("status-quo").unwrap().diagram();
            let mut h = dealscope_core::edit::History::new(d.clone());
            h.apply(Command::Add {
                kind: KindTag::Customer,
                x: 40.0,
                y: 400.0,
            })
            .unwrap();
            d = (**h.diagram()).clone();
            Scenario {
                name: "Mine".into(),
                diagram: d,
                clauses: String::new(),
            }
        }
        "theirs" => Scenario {
            name: "Theirs".into(),
            diagram: Preset::find("natsec-aws").unwrap().diagram(),
            clauses: "clause mine \"x\" 2026-01-01\n".into(),
        },
        // A preset exactly as it opens, and the same under a name of the user's.
        "status-quo" | "renamed" => {
            let p = Preset::find("status-quo").unwrap();
            Scenario {
                name: if name == "renamed" {
                    "Our deal"
                } else {
                    p.title
                }
                .into(),
                diagram: p.diagram(),
                clauses: String::new(),
            }
        }
        other => panic!("no scenario `{other}` in the script"),
    }
}

fn stored_text(name: &str) -> String {
    if name == "bad" {
        "3.this-is-not-a-scenario".into()
    } else {
        encode_verified(&scenario(name)).unwrap()
    }
}

fn summary(ws: &Workspace) -> String {
    let doc = match ws.doc {
        Doc::Own => "own",
        Doc::Shared => "shared",
    };
    let mut out = format!(
        "shows {doc} \u{201c}{}\u{201d} ({})",
        ws.work.name,
        ws.diagram().components.len()
    );
    if let Some(own) = &ws.stash {
        out += &format!(
            "; aside \u{201c}{}\u{201d} ({})",
            own.name,
            own.diagram().components.len()
        );
    }
    let names: Vec<String> = ws
        .saves
        .entries
        .iter()
        .map(|(n, _)| format!("\u{201c}{n}\u{201d}"))
        .collect();
    if !names.is_empty() {
        out += &format!("; saves {}", names.join(", "));
    }
    if let Some(c) = &ws.conflict {
        out += &format!("; conflict \u{201c}{}\u{201d}", c.name);
    }
    if let Some((what, _)) = &ws.compare {
        out += &format!("; compares {what}");
    }
    if ws.autosave().is_none() {
        out += "; no autosave";
    }
    out
}

fn say(n: &Notice) -> String {
    let mark = if n.is_fault() { "fault" } else { "notice" };
    format!("{mark}: {n:?}")
}

fn run(script: &str) -> String {
    let mut ws = Workspace::initial();
    let mut out = String::new();
    for step in script.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (verb, arg) = step.split_once(' ').unwrap_or((step, ""));
        let mut notices: Vec<Notice> = Vec::new();
        match verb {
            "boot" => {
                let mut stored = Stored::default();
                for pair in arg.split_whitespace() {
                    let (key, value) = pair.split_once('=').unwrap();
                    match key {
                        "autosave" => stored.autosave = Some(stored_text(value)),
                        // `hash=theirs&compare=…`, or `hash=&compare=…` for a comparison alone.
                        "hash" => {
                            stored.hash = Some(match value.split_once('&') {
                                Some(("", compare)) => compare.into(),
                                Some((name, compare)) => format!("{}&{compare}", stored_text(name)),
                                None => stored_text(value),
                            })
                        }
                        "saves" => {
                            let mut list = dealscope_core::io::saves::SaveList::default();
                            for name in value.split(',').rev() {
                                list.put(&scenario(name)).unwrap();
                            }
                            stored.saves = Some(list.to_text());
                        }
                        other => panic!("unknown boot key `{other}`"),
                    }
                }
                let boot = Workspace::boot(stored);
                ws = boot.workspace;
                if boot.corrupt {
                    out += "  (autosave moved aside)\n";
                }
                notices = boot.notices;
                if let Some(c) = boot.compare {
                    out += &format!("  (opens What changed: {})\n", c.fragment());
                }
            }
            "edit" => {
                ws.work
                    .history
                    .apply(Command::Add {
                        kind: KindTag::Model,
                        x: 600.0,
                        y: 600.0,
                    })
                    .unwrap();
            }
            "undo" => {
                ws.work.history.undo();
            }
            "open" => notices.extend(ws.open_preset(arg)),
            "new" => notices.push(ws.new_scenario()),
            "open-saved" => notices.extend(ws.open_saved(arg)),
            "import" => notices.push(ws.import(scenario(arg))),
            "keep" => notices.extend(ws.keep_shared()),
            "back" => notices.extend(ws.back_to_own()),
            "save" => notices.push(ws.save_current()),
            "save-as" => notices.push(ws.save_as(arg)),
            "rename" => ws.rename(arg),
            // What the other tab stored, read back as the storage event gives it.
            "other-tab" => ws.other_tab(decode_stored(&stored_text(arg)).unwrap()),
            "resolve" => notices.extend(ws.resolve(arg == "theirs")),
            "clauses" => notices.extend(ws.set_clauses(arg.into()).err()),
            "clauses-of-bytes" => {
                notices.extend(ws.set_clauses("x".repeat(arg.parse().unwrap())).err())
            }
            "compare" => notices.extend(ws.compare_saved(arg)),
            other => panic!("unknown step `{other}`"),
        }
        out += &format!("> {step}\n");
        for n in &notices {
            out += &format!("  {}\n", say(n));
        }
        out += &format!("  {}\n", summary(&ws));
    }
    out
}

#[track_caller]
fn check(script: &str, expected: &str) {
    let actual = run(script);
    let expected: String = expected
        .lines()
        .map(|l| l.trim_start_matches("    "))
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    assert_eq!(actual, expected, "\n--- actual ---\n{actual}");
}

#[test]
fn a_first_visit_shows_the_seed_and_autosaves_it() {
    check(
        "boot",
        "
        > boot
          shows own \u{201c}Frontier on AWS, calling an AWS-hosted API\u{201d} (6)
        ",
    );
}

#[test]
fn a_link_never_touches_own_work() {
    // The shared scenario is shown, the own work waits aside, nothing is autosaved; going
    // back finds the work exactly as it was, and editing the shared one changes nothing aside.
    check(
        "boot autosave=mine hash=theirs
         edit
         back",
        "
        > boot autosave=mine hash=theirs
          shows shared \u{201c}Theirs\u{201d} (5); aside \u{201c}Mine\u{201d} (6); no autosave
        > edit
          shows shared \u{201c}Theirs\u{201d} (6); aside \u{201c}Mine\u{201d} (6); no autosave
        > back
          notice: BackToOwn
          shows own \u{201c}Mine\u{201d} (6)
        ",
    );
}

#[test]
fn a_link_can_open_what_changed_with_or_without_a_scenario() {
    check(
        "boot autosave=mine hash=&compare=v4:letter,v5:letter",
        "
          (opens What changed: compare=v4:letter,v5:letter)
        > boot autosave=mine hash=&compare=v4:letter,v5:letter
          shows own \u{201c}Mine\u{201d} (6)
        ",
    );
    check(
        "boot autosave=mine hash=theirs&compare=v4:letter,v4:spirit",
        "
          (opens What changed: compare=v4:letter,v4:spirit)
        > boot autosave=mine hash=theirs&compare=v4:letter,v4:spirit
          shows shared \u{201c}Theirs\u{201d} (5); aside \u{201c}Mine\u{201d} (6); no autosave
        ",
    );
    // A damaged comparison is said; the scenario still opens.
    check(
        "boot autosave=mine hash=theirs&compare=v4",
        "
        > boot autosave=mine hash=theirs&compare=v4
          fault: LinkFailed(\"the comparison `compare=v4` is not two sides such as `compare=v4:letter,v5:letter`\")
          shows shared \u{201c}Theirs\u{201d} (5); aside \u{201c}Mine\u{201d} (6); no autosave
        ",
    );
}

#[test]
fn a_broken_link_says_why_and_leaves_own_work_shown() {
    check(
        "boot autosave=mine hash=bad",
        "
        > boot autosave=mine hash=bad
          fault: LinkFailed(\"the link is damaged: `scenario` is not valid link text\")
          shows own \u{201c}Mine\u{201d} (6)
        ",
    );
}

#[test]
fn a_corrupt_autosave_is_moved_aside_and_the_seed_shown() {
    check(
        "boot autosave=bad",
        "
          (autosave moved aside)
        > boot autosave=bad
          fault: AutosaveUnreadable(\"the link is damaged: `scenario` is not valid link text\")
          shows own \u{201c}Frontier on AWS, calling an AWS-hosted API\u{201d} (6)
        ",
    );
}

#[test]
fn keeping_a_shared_scenario_saves_the_own_work_first() {
    check(
        "boot autosave=mine hash=theirs
         keep",
        "
        > boot autosave=mine hash=theirs
          shows shared \u{201c}Theirs\u{201d} (5); aside \u{201c}Mine\u{201d} (6); no autosave
        > keep
          notice: KeptShared { name: \"Theirs\", previous: Some(\"Mine\"), unlisted: None }
          shows own \u{201c}Theirs\u{201d} (5); saves \u{201c}Theirs\u{201d}, \u{201c}Mine\u{201d}
        ",
    );
}

#[test]
fn opening_a_preset_keeps_edited_work_in_my_scenarios_and_undo_brings_it_back() {
    // The seed as it was is a preset: nothing to keep. Edited, it is kept before it goes.
    check(
        "boot
         open status-quo
         edit
         open natsec-aws
         undo",
        "
        > boot
          shows own \u{201c}Frontier on AWS, calling an AWS-hosted API\u{201d} (6)
        > open status-quo
          notice: Opened { what: \"Status quo: Azure OpenAI Service\", kept: None }
          shows own \u{201c}Status quo: Azure OpenAI Service\u{201d} (5)
        > edit
          shows own \u{201c}Status quo: Azure OpenAI Service\u{201d} (6)
        > open natsec-aws
          notice: Opened { what: \"National-security customer on AWS\", kept: Some(\"Status quo: Azure OpenAI Service\") }
          shows own \u{201c}National-security customer on AWS\u{201d} (5); saves \u{201c}Status quo: Azure OpenAI Service\u{201d}
        > undo
          shows own \u{201c}National-security customer on AWS\u{201d} (6); saves \u{201c}Status quo: Azure OpenAI Service\u{201d}
        ",
    );
}

#[test]
fn opening_over_a_shared_scenario_returns_to_own_work_and_keeps_it() {
    // The shared scenario was never the user's; their own work is kept before it is replaced.
    check(
        "boot autosave=mine hash=theirs
         new",
        "
        > boot autosave=mine hash=theirs
          shows shared \u{201c}Theirs\u{201d} (5); aside \u{201c}Mine\u{201d} (6); no autosave
        > new
          notice: Opened { what: \"New scenario\", kept: Some(\"Mine\") }
          shows own \u{201c}New scenario\u{201d} (0); saves \u{201c}Mine\u{201d}
        ",
    );
}

#[test]
fn an_empty_new_scenario_is_not_kept_when_replaced() {
    // Nothing was drawn and no clause written: there is nothing to lose.
    check(
        "boot
         new
         open status-quo",
        "
        > boot
          shows own \u{201c}Frontier on AWS, calling an AWS-hosted API\u{201d} (6)
        > new
          notice: Opened { what: \"New scenario\", kept: None }
          shows own \u{201c}New scenario\u{201d} (0)
        > open status-quo
          notice: Opened { what: \"Status quo: Azure OpenAI Service\", kept: None }
          shows own \u{201c}Status quo: Azure OpenAI Service\u{201d} (5)
        ",
    );
}

#[test]
fn a_reloaded_preset_is_still_that_preset_until_it_is_changed() {
    // After a reload the menu names the preset on screen, not its placeholder; an edit or a
    // new name makes it the user's work, which no preset names.
    for (autosave, preset) in [("status-quo", "status-quo"), ("renamed", ""), ("mine", "")] {
        let boot = Workspace::boot(Stored {
            autosave: Some(stored_text(autosave)),
            ..Stored::default()
        });
        assert_eq!(boot.workspace.preset, preset, "autosave {autosave}");
    }
}

#[test]
fn a_renamed_preset_or_new_scenario_is_kept_when_replaced() {
    // The name is the user's work too: renaming alone is something to lose.
    check(
        "boot
         rename Our deal
         open status-quo
         new
         rename Blank draft
         new",
        "
        > boot
          shows own \u{201c}Frontier on AWS, calling an AWS-hosted API\u{201d} (6)
        > rename Our deal
          shows own \u{201c}Our deal\u{201d} (6)
        > open status-quo
          notice: Opened { what: \"Status quo: Azure OpenAI Service\", kept: Some(\"Our deal\") }
          shows own \u{201c}Status quo: Azure OpenAI Service\u{201d} (5); saves \u{201c}Our deal\u{201d}
        > new
          notice: Opened { what: \"New scenario\", kept: None }
          shows own \u{201c}New scenario\u{201d} (0); saves \u{201c}Our deal\u{201d}
        > rename Blank draft
          shows own \u{201c}Blank draft\u{201d} (0); saves \u{201c}Our deal\u{201d}
        > new
          notice: Opened { what: \"New scenario\", kept: Some(\"Blank draft\") }
          shows own \u{201c}New scenario\u{201d} (0); saves \u{201c}Blank draft\u{201d}, \u{201c}Our deal\u{201d}
        ",
    );
}

#[test]
fn saved_scenarios_open_import_and_compare() {
    check(
        "boot autosave=mine saves=theirs
         compare Theirs
         compare Nobody
         open-saved Theirs
         import mine",
        "
        > boot autosave=mine saves=theirs
          shows own \u{201c}Mine\u{201d} (6); saves \u{201c}Theirs\u{201d}
        > compare Theirs
          shows own \u{201c}Mine\u{201d} (6); saves \u{201c}Theirs\u{201d}; compares \u{201c}Theirs\u{201d}
        > compare Nobody
          shows own \u{201c}Mine\u{201d} (6); saves \u{201c}Theirs\u{201d}; compares \u{201c}Theirs\u{201d}
        > open-saved Theirs
          notice: Opened { what: \"Theirs\", kept: Some(\"Mine\") }
          shows own \u{201c}Theirs\u{201d} (5); saves \u{201c}Mine\u{201d}, \u{201c}Theirs\u{201d}; compares \u{201c}Theirs\u{201d}
        > import mine
          notice: Imported(\"Mine\")
          shows own \u{201c}Mine\u{201d} (6); saves \u{201c}Mine\u{201d}, \u{201c}Theirs\u{201d}; compares \u{201c}Theirs\u{201d}
        ",
    );
}

#[test]
fn two_tabs_never_overwrite_each_other_silently() {
    // Another tab's different version pauses autosave until the user chooses; the same
    // version is no conflict; taking theirs is undoable.
    check(
        "boot autosave=mine
         other-tab mine
         other-tab theirs
         resolve mine
         other-tab theirs
         resolve theirs
         undo",
        "
        > boot autosave=mine
          shows own \u{201c}Mine\u{201d} (6)
        > other-tab mine
          shows own \u{201c}Mine\u{201d} (6)
        > other-tab theirs
          shows own \u{201c}Mine\u{201d} (6); conflict \u{201c}Theirs\u{201d}; no autosave
        > resolve mine
          notice: KeptThisTab
          shows own \u{201c}Mine\u{201d} (6)
        > other-tab theirs
          shows own \u{201c}Mine\u{201d} (6); conflict \u{201c}Theirs\u{201d}; no autosave
        > resolve theirs
          notice: TookOtherTab
          shows own \u{201c}Theirs\u{201d} (5)
        > undo
          shows own \u{201c}Theirs\u{201d} (6)
        ",
    );
}

#[test]
fn another_tab_does_not_interrupt_a_shared_scenario() {
    check(
        "boot autosave=mine hash=theirs
         other-tab theirs",
        "
        > boot autosave=mine hash=theirs
          shows shared \u{201c}Theirs\u{201d} (5); aside \u{201c}Mine\u{201d} (6); no autosave
        > other-tab theirs
          shows shared \u{201c}Theirs\u{201d} (5); aside \u{201c}Mine\u{201d} (6); no autosave
        ",
    );
}

#[test]
fn saving_renaming_and_refused_clause_text() {
    check(
        "boot autosave=mine
         rename   Deal one \u{200f}
         save
         clauses-of-bytes 65536
         clauses-of-bytes 65537",
        "
        > boot autosave=mine
          shows own \u{201c}Mine\u{201d} (6)
        > rename   Deal one \u{200f}
          shows own \u{201c}Deal one\u{201d} (6)
        > save
          notice: Saved(\"Deal one\")
          shows own \u{201c}Deal one\u{201d} (6); saves \u{201c}Deal one\u{201d}
        > clauses-of-bytes 65536
          shows own \u{201c}Deal one\u{201d} (6); saves \u{201c}Deal one\u{201d}
        > clauses-of-bytes 65537
          fault: ClausesRefused(\"clause text can have at most 64 KB (65536 bytes); this has 65537 bytes\")
          shows own \u{201c}Deal one\u{201d} (6); saves \u{201c}Deal one\u{201d}
        ",
    );
}

/// "Save as…" names the work and saves it under that name; the work goes on under it, and a
/// second save under the same name updates that entry, not a new one.
#[test]
fn save_as_names_the_work_and_saves_it() {
    check(
        "boot autosave=mine
         save-as  Deal two\u{200f}
         edit
         save-as Deal two",
        "
        > boot autosave=mine
          shows own \u{201c}Mine\u{201d} (6)
        > save-as  Deal two\u{200f}
          notice: Saved(\"Deal two\")
          shows own \u{201c}Deal two\u{201d} (6); saves \u{201c}Deal two\u{201d}
        > edit
          shows own \u{201c}Deal two\u{201d} (7); saves \u{201c}Deal two\u{201d}
        > save-as Deal two
          notice: Saved(\"Deal two\")
          shows own \u{201c}Deal two\u{201d} (7); saves \u{201c}Deal two\u{201d}
        ",
    );
}

/// Leaving a shared scenario (a link, or a witness from "What changed") gives back the own
/// work's preset too, so its caption and its first view come back with it.
#[test]
fn back_to_own_work_brings_back_its_preset() {
    let mut ws = Workspace::initial();
    let seed = ws.preset.clone();
    assert!(!seed.is_empty());
    ws.open_shared(scenario("theirs"));
    assert_eq!(ws.preset, "", "a shared scenario is no preset");
    ws.back_to_own();
    assert_eq!(ws.preset, seed);
}
