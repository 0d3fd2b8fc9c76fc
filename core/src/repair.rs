//! Minimal repair: the smallest set of edits that makes one clause comply under one reading.
//!
//! Under a waypoint requirement ("at least one governed hop on Azure"), re-hosting a governed
//! hop on the provider removes every breaching route through it, so the smallest repair is a
//! minimum vertex cut between the customers and the models in the (component, bits) state graph
//! of the checker, found with a max flow. Among several smallest cuts the one nearest the models
//! is taken; it is unique, so the result does not depend on the order of ids.
//!
//! Under an every-hop requirement, re-hosting never removes a route, so every off-provider hop
//! that lies on a breaching route must move: that set is forced, hence minimal and unique.

use crate::check::{Index, Mode, Resolve, Spec};
use crate::clause::{Clause, Reading, Requirement};
use crate::edit::{apply, Edit};
use crate::model::{Date, Diagram, Kind, Provider};
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

/// One sentence's fix, before it joins the others.
struct Fix {
    edits: Vec<Edit>,
    explanation: String,
}

/// A repair: the edits and why they are the smallest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    /// The edits, in id order.
    pub edits: Vec<Edit>,
    /// Plain-English explanation: the whole of it, as one paragraph.
    pub explanation: String,
    /// The same, in parts, for a view that lists them: an introduction, the changes (one for a
    /// simple fix, numbered when several are all needed) and what is left after them.
    pub parts: Parts,
}

/// A fix's explanation in parts (see [`Repair::explanation`] for the whole).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    /// "These changes are all needed…" when there are several changes; empty for one.
    pub intro: &'static str,
    /// Each change, in order.
    pub changes: Vec<String>,
    /// What the fix leaves open, if the verdict it leads to is undetermined.
    pub after: Option<String>,
}

/// The smallest set of edits that makes `clause` comply under `reading`, or `None` when it
/// already complies or when nothing the diagram says can be edited to decide it. Each breaching
/// term is repaired in turn (its own smallest fix), then the clause is checked again.
// Kept out of line: the cell detail and the printed memo both call it, and one copy is enough.
#[inline(never)]
pub fn repair(diagram: &Diagram, clause: &Clause, reading: &Reading) -> Option<Repair> {
    let mut current: Option<Diagram> = None;
    let mut edits: Vec<Edit> = Vec::new();
    let mut why: Vec<String> = Vec::new();
    // The term each part of the fix is for.
    let mut terms: Vec<usize> = Vec::new();
    for t in 0..clause.terms.len() {
        // A routing fix is whole at once; launch fixes come five products at a time.
        for _ in 0..64 {
            let d = current.as_ref().unwrap_or(diagram);
            let Some(fix) = repair_term(d, clause, t, reading) else {
                break;
            };
            current = Some(apply(d, &fix.edits));
            edits.extend(fix.edits);
            why.push(fix.explanation);
            terms.push(t);
        }
    }
    if edits.is_empty() {
        return None;
    }
    // Several parts are all needed, not alternatives: number them and say so.
    let mut parts = Parts {
        intro: match why.len() {
            1 => "",
            _ if terms.windows(2).all(|w| w[0] != w[1]) => {
                "These changes are all needed, one for each sentence broken:"
            }
            _ => "These changes are all needed:",
        },
        changes: why,
        after: None,
    };
    // A fix removes what is certain; say so when open questions then decide the verdict.
    if let Some(after) = current.as_ref() {
        let cell = crate::check::check_cell(after, clause, reading);
        if cell.verdict == crate::check::Verdict::Undetermined {
            let first = cell.findings.iter().flat_map(|f| &f.missing).next();
            let example = first.map_or(String::new(), |m| {
                let label = after.label(m.component());
                match m {
                    crate::check::Missing::Operator(_) => {
                        alloc::format!(", such as who runs {label}")
                    }
                    crate::check::Missing::LaunchDates(_) => {
                        alloc::format!(", such as when {label} first launched")
                    }
                    crate::check::Missing::LaunchDay(_) => {
                        alloc::format!(", such as the day {label} launched")
                    }
                    crate::check::Missing::Hosting(_) => {
                        alloc::format!(", such as where {label} is hosted")
                    }
                }
            });
            parts.after = Some(alloc::format!(
                "After this fix the verdict is undetermined, not compliant: it then turns on facts the diagram does not give{example}. Set them in the inspector."
            ));
        }
    }
    Some(Repair {
        edits,
        explanation: parts.whole(),
        parts,
    })
}

impl Parts {
    /// The explanation as one paragraph: the changes numbered when there are several.
    pub fn whole(&self) -> String {
        let mut all = String::from(self.intro);
        match self.changes.as_slice() {
            [one] => all.push_str(one),
            many => {
                for (i, w) in many.iter().enumerate() {
                    all.push_str(&alloc::format!(" {}. {w}", i + 1));
                }
            }
        }
        if let Some(after) = &self.after {
            all.push(' ');
            all.push_str(after);
        }
        all
    }
}

/// The smallest fix of term `t`, if it breaches (a certain breach: nothing is repaired on
/// the strength of an open question).
fn repair_term(diagram: &Diagram, clause: &Clause, t: usize, reading: &Reading) -> Option<Fix> {
    let term = &clause.terms[t];
    let index = Index::new(diagram);
    if let Requirement::ShipsFirstOn { provider, .. } = &term.requirement {
        let (findings, ..) = crate::check::launch::findings(
            &index.graph,
            clause,
            t,
            reading,
            crate::check::MAX_FINDINGS,
        );
        return launch_repair(diagram, provider, &findings);
    }
    let spec = index.spec(term, reading, Resolve::Sure)?;
    let parent = index.search(&spec);
    let breach = (0..index.graph.n()).any(|v| {
        spec.sink[v]
            && (0..4u8)
                .any(|s| Index::violating(&spec, s) && parent[v * 4 + s as usize] != u32::MAX)
    });
    if !breach {
        return None;
    }
    match spec.mode {
        Mode::Waypoint => waypoint_repair(&index, &spec),
        Mode::EveryHop => forced_repair(
            &index,
            &spec,
            crate::check::O,
            "under this reading everything that serves the model on a breaching route must be hosted there; no fewer re-hostings will do.",
        ),
        Mode::PerHop => forced_repair(
            &index,
            &spec,
            crate::check::G,
            "the sentence requires what it covers to be hosted there; re-hosting anything else would not satisfy it.",
        ),
    }
}

fn rehost_repair(index: &Index, spec: &Spec, mut nodes: Vec<usize>, why: &str) -> Option<Fix> {
    if nodes.is_empty() {
        return None;
    }
    nodes.sort_by_key(|&v| index.graph.id(v));
    // Eight named at most; the edits list every one.
    let mut names: Vec<String> = nodes
        .iter()
        .take(8)
        .map(|&v| format!("\u{201c}{}\u{201d}", index.graph.label(v)))
        .collect();
    if nodes.len() > 8 {
        names.push(format!("{} more", nodes.len() - 8));
    }
    let last = names.pop().unwrap_or_default();
    let names = match names.is_empty() {
        true => last,
        false => format!("{} and {last}", names.join(", ")),
    };
    let provider = spec.provider.clone();
    Some(Fix {
        explanation: format!("Re-host {} on {}: {why}", names, provider.name(),),
        edits: nodes
            .into_iter()
            .map(|v| Edit::Rehost {
                component: index.graph.id(v),
                provider: provider.clone(),
            })
            .collect(),
    })
}

/// Every hop with `bit` that lies on a breaching route: each must move, so the set is forced,
/// hence minimal and unique.
fn forced_repair(index: &Index, spec: &Spec, bit: u8, why: &str) -> Option<Fix> {
    let n = index.graph.n();
    let forward = index.search(spec);
    // Backward: which states can still end in a breach at a sink.
    let mut back = vec![false; n * 4];
    let mut queue: Vec<usize> = Vec::new();
    for t in 0..n {
        for s in 0..4u8 {
            let id = t * 4 + s as usize;
            if spec.sink[t] && Index::violating(spec, s) && forward[id] != u32::MAX {
                back[id] = true;
                queue.push(id);
            }
        }
    }
    let (pred_start, pred) = index.graph.reverse();
    while let Some(cur) = queue.pop() {
        let (v, state) = (cur / 4, (cur % 4) as u8);
        for &u in &pred[pred_start[v] as usize..pred_start[v + 1] as usize] {
            for s in 0..4u8 {
                let id = u as usize * 4 + s as usize;
                if s | spec.bits[v] == state && forward[id] != u32::MAX && !back[id] {
                    back[id] = true;
                    queue.push(id);
                }
            }
        }
    }
    let nodes: Vec<usize> = (0..n)
        .filter(|&v| {
            spec.bits[v] & bit != 0
                && (0..4).any(|s| back[v * 4 + s] && forward[v * 4 + s] != u32::MAX)
        })
        .collect();
    rehost_repair(index, spec, nodes, why)
}

const INF: u32 = u32::MAX / 4;

struct Flow {
    to: Vec<u32>,
    cap: Vec<u32>,
    head: Vec<u32>,
    next: Vec<u32>,
}

impl Flow {
    fn new(nodes: usize) -> Flow {
        Flow {
            to: Vec::new(),
            cap: Vec::new(),
            head: vec![u32::MAX; nodes],
            next: Vec::new(),
        }
    }

    fn add(&mut self, a: usize, b: usize, cap: u32) {
        for (from, to, c) in [(a, b, cap), (b, a, 0)] {
            self.to.push(to as u32);
            self.cap.push(c);
            self.next.push(self.head[from]);
            self.head[from] = (self.to.len() - 1) as u32;
        }
    }

    fn edges(&self, v: usize) -> impl Iterator<Item = usize> + '_ {
        let mut e = self.head[v];
        core::iter::from_fn(move || {
            if e == u32::MAX {
                return None;
            }
            let cur = e as usize;
            e = self.next[cur];
            Some(cur)
        })
    }

    /// Edmonds–Karp; stops once the flow reaches `limit` (the cut is then known to be finite).
    fn max_flow(&mut self, s: usize, t: usize) -> u32 {
        let mut total = 0;
        let mut via = vec![u32::MAX; self.head.len()];
        loop {
            via.iter_mut().for_each(|x| *x = u32::MAX);
            via[s] = u32::MAX - 1;
            let mut queue = vec![s];
            let mut head = 0;
            while head < queue.len() && via[t] == u32::MAX {
                let v = queue[head];
                head += 1;
                for e in self.edges(v) {
                    let w = self.to[e] as usize;
                    if self.cap[e] > 0 && via[w] == u32::MAX {
                        via[w] = e as u32;
                        queue.push(w);
                    }
                }
            }
            if via[t] == u32::MAX {
                return total;
            }
            let mut push = INF;
            let mut v = t;
            while v != s {
                let e = via[v] as usize;
                push = push.min(self.cap[e]);
                v = self.to[e ^ 1] as usize;
            }
            let mut v = t;
            while v != s {
                let e = via[v] as usize;
                self.cap[e] -= push;
                self.cap[e ^ 1] += push;
                v = self.to[e ^ 1] as usize;
            }
            total += push;
        }
    }

    /// Nodes that can still reach `t` in the residual graph.
    fn reaches(&self, t: usize) -> Vec<bool> {
        let mut seen = vec![false; self.head.len()];
        seen[t] = true;
        let mut stack = vec![t];
        while let Some(v) = stack.pop() {
            for e in self.edges(v) {
                // e goes v → w; the residual edge w → v is e ^ 1.
                let w = self.to[e] as usize;
                if !seen[w] && self.cap[e ^ 1] > 0 {
                    seen[w] = true;
                    stack.push(w);
                }
            }
        }
        seen
    }
}

fn waypoint_repair(index: &Index, spec: &Spec) -> Option<Fix> {
    let n = index.graph.n();
    // Nodes: (v, s) split into in = 2*(2v+s), out = in + 1; then source and sink.
    let in_node = |v: usize, s: usize| 2 * (2 * v + s);
    let source = 4 * n;
    let sink = source + 1;
    let mut flow = Flow::new(4 * n + 2);
    let cuttable = |v: usize| spec.governed[v] && !spec.blocked[v];
    for v in 0..n {
        for s in 0..2 {
            let cap = if cuttable(v) { 1 } else { INF };
            flow.add(in_node(v, s), in_node(v, s) + 1, cap);
            if spec.sink[v] && s == 1 {
                flow.add(in_node(v, s) + 1, sink, INF);
            }
        }
        for &w in index.graph.succ(v) {
            let w = w as usize;
            if spec.blocked[w] {
                continue;
            }
            for s in 0..2 {
                let ns = s | (spec.bits[w] as usize & 1);
                flow.add(in_node(v, s) + 1, in_node(w, ns), INF);
            }
        }
    }
    for &c in &spec.sources {
        flow.add(source, in_node(c as usize, 0), INF);
    }
    let value = flow.max_flow(source, sink);
    if value == 0 || value >= INF {
        return None;
    }
    let near_sink = flow.reaches(sink);
    let nodes: Vec<usize> = (0..n)
        .filter(|&v| {
            cuttable(v) && (0..2).any(|s| !near_sink[in_node(v, s)] && near_sink[in_node(v, s) + 1])
        })
        .collect();
    let count = nodes.len();
    rehost_repair(
        index,
        spec,
        nodes,
        &format!(
            "every breaching route passes through at least one of them, and {} route{} that share{} no governed hop show{} that fewer will not do. Among equally small fixes, the one nearest the models is chosen.",
            count,
            if count == 1 { "" } else { "s" },
            if count == 1 { "s" } else { "" },
            if count == 1 { "s" } else { "" },
        ),
    )
}

fn launch_repair(
    diagram: &Diagram,
    provider: &Provider,
    findings: &[crate::check::Finding],
) -> Option<Fix> {
    let mut edits = Vec::new();
    let mut names = Vec::new();
    for f in findings {
        if f.kind != crate::check::FindingKind::Breach {
            continue;
        }
        let Some(product) = f.route.first().map(|h| h.component) else {
            continue;
        };
        let Some(Kind::Product { launches, .. }) = diagram.component(product).map(|c| &c.kind)
        else {
            continue;
        };
        let Some(earliest) = launches
            .iter()
            .filter(|l| &l.provider != provider)
            .map(|l| l.date)
            .min()
        else {
            continue;
        };
        // A month-only date may be any day of its month: the first of the month is no later.
        let date = if earliest.day == 0 {
            Date::new(earliest.year, earliest.month, 1)
        } else {
            earliest
        };
        names.push(format!(
            "\u{201c}{}\u{201d} on {} by {}",
            diagram.label(product),
            provider.name(),
            date
        ));
        edits.push(Edit::SetLaunch {
            product,
            provider: provider.clone(),
            date,
        });
    }
    if edits.is_empty() {
        return None;
    }
    Some(Fix {
        explanation: format!(
            "Launch {}: no later than its earliest launch elsewhere, so {} is not behind any other cloud (a same-day launch counts as first) and no other launch is delayed.",
            names.join(", "),
            provider.name()
        ),
        edits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fix_in_several_parts_lists_them_and_says_all_are_needed() {
        // The seed's deal under V4's letter breaks two sentences; each has its own re-hosting
        // (core/fixtures/explain/frontier-aws.txt has the whole wording).
        let d = crate::presets::Preset::find("frontier-aws")
            .unwrap()
            .diagram();
        let clauses = crate::builtin_clauses();
        let v4 = clauses.iter().find(|c| c.id == "v4").unwrap();
        let letter = &crate::builtin_readings()[0];
        let fix = repair(&d, v4, letter).unwrap();
        let p = &fix.parts;
        assert_eq!(
            p.intro,
            "These changes are all needed, one for each sentence broken:"
        );
        assert_eq!(p.changes.len(), 2);
        assert!(p.changes[0].starts_with("Re-host \u{201c}OpenAI API (AWS)\u{201d} on Azure"));
        assert!(p.changes[1].starts_with("Re-host \u{201c}Frontier\u{201d} on Azure"));
        assert_eq!(p.after, None);
        assert_eq!(p.whole(), fix.explanation);
        assert!(fix.explanation.contains(": 1. Re-host"));
    }
}
