//! The canonical text of clauses: parsing it gives the same clauses back.

use crate::clause::{Clause, Excuse, Exemption, Operated, Requirement, Term};
use crate::model::Provider;
use alloc::format;
use alloc::string::String;

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The canonical text of clauses: every term spelled out in full.
pub fn print(clauses: &[Clause]) -> String {
    let mut out = String::new();
    for (i, c) in clauses.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("clause {} {}\n", c.id, quote(&c.title)));
        out.push_str(&format!("  effective {}\n", c.effective));
        if !c.source.is_empty() {
            out.push_str(&format!("  source {}\n", quote(&c.source)));
        }
        for t in &c.terms {
            print_term(t, &mut out);
        }
        out.push_str("end\n");
    }
    out
}

/// A provider as the language writes it: quoted when its name needs it.
fn provider_word(p: &Provider) -> String {
    let word = p.keyword();
    if word
        .chars()
        .any(|c| c.is_whitespace() || c == ',' || c == '"' || c == '#')
    {
        quote(&word)
    } else {
        word
    }
}

fn print_term(t: &Term, out: &mut String) {
    out.push_str(&format!("  text {}\n", quote(&t.text)));
    out.push_str(&format!("  owner {}\n", quote(&t.scope.model_owner)));
    if t.scope.consumers.is_empty() {
        out.push_str("  consumers any\n");
    } else {
        let words: Vec<&str> = t.scope.consumers.iter().map(|s| s.keyword()).collect();
        out.push_str(&format!("  consumers {}\n", words.join(", ")));
    }
    let channels: Vec<&str> = t.scope.channels.iter().map(|c| c.keyword()).collect();
    out.push_str(&format!("  channels {}\n", channels.join(", ")));
    if t.scope.operated != Operated::Any {
        out.push_str(&format!("  operated {}\n", t.scope.operated.keyword()));
    }
    match &t.requirement {
        Requirement::ServedOn {
            provider,
            every_hop,
        }
        | Requirement::RoutedThrough {
            provider,
            every_hop,
        } => {
            let kind = if matches!(t.requirement, Requirement::ServedOn { .. }) {
                "served-on"
            } else {
                "routed-through"
            };
            let every = if *every_hop { " every-hop" } else { "" };
            out.push_str(&format!(
                "  requires {kind} {}{every}\n",
                provider_word(provider)
            ));
        }
        Requirement::ShipsFirstOn { provider, unless } => {
            out.push_str(&format!(
                "  requires ships-first-on {}",
                provider_word(provider)
            ));
            if *unless != Excuse::Never {
                out.push_str(&format!(" unless {}", unless.keyword()));
            }
            out.push('\n');
        }
        Requirement::Nothing => out.push_str("  requires nothing\n"),
    }
    for e in &t.exemptions {
        match e {
            Exemption::Consumer(s) => out.push_str(&format!("  exempt consumer {}\n", s.keyword())),
            Exemption::Channel(ch) => out.push_str(&format!("  exempt channel {}\n", ch.keyword())),
        }
    }
}
