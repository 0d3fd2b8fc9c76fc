//! The routing terms, sixteen checks at a time: one bit-parallel pass over the graph per
//! sixteen distinct shapes, and the findings read back from the states it reached.

use super::graph::Class;
use super::spec::{Index, Mode, Resolve, Spec, G, O, ROOT};
use super::{
    shown_positions, spell_out, Cell, Finding, FindingKind, Missing, Verdict, MAX_FINDINGS,
};
use crate::clause::{Clause, Reading, Requirement, Term};
use alloc::vec;
use alloc::vec::Vec;

/// How many checks one bit-parallel pass carries: four states of each fit in a `u64`.
const LANES: usize = 16;

/// The states of up to [`LANES`] checks entering a component: block `s` (bits `16s..16s+16`)
/// holds the checks whose route is in state `s` (bit 0: met a G hop; bit 1: met an O hop).
/// Blocked lanes drop out; the component's bits move lanes up a block.
#[inline]
fn enter(m: u64, g: u16, o: u16, blocked: u16) -> u64 {
    let keep = !blocked;
    let mut b0 = (m as u16) & keep;
    let mut b1 = ((m >> 16) as u16) & keep;
    let mut b2 = ((m >> 32) as u16) & keep;
    let mut b3 = ((m >> 48) as u16) & keep;
    b1 |= b0 & g;
    b0 &= !g;
    b3 |= b2 & g;
    b2 &= !g;
    b2 |= b0 & o;
    b0 &= !o;
    b3 |= b1 & o;
    b1 &= !o;
    b0 as u64 | (b1 as u64) << 16 | (b2 as u64) << 32 | (b3 as u64) << 48
}

/// The result of one bit-parallel pass: the states reached at each component and, for each
/// reached (component, bit), the (component, bit) it was reached from.
struct Pass {
    reached: Vec<u64>,
    /// Reused from pass to pass: only entries for reached bits are ever read.
    parent: Vec<u32>,
}

impl Index<'_> {
    /// Every clause × reading, clause-major. Routing terms run [`LANES`] at a time in one
    /// bit-parallel pass over the graph; a second, "maybe" spec joins only where an operator is
    /// an open question.
    /// Each cell spells out at most `shown` findings (at most [`MAX_FINDINGS`]).
    pub(crate) fn cells(
        &self,
        clauses: &[Clause],
        readings: &[Reading],
        shown: usize,
    ) -> Vec<Cell> {
        let pairs: Vec<(&Clause, &Reading)> = clauses
            .iter()
            .flat_map(|c| readings.iter().map(move |r| (c, r)))
            .collect();
        self.cells_for(&pairs, shown)
    }

    /// The cells of these clause and reading pairs, in order, checked together: pairs that ask
    /// the same of the graph share one pass.
    pub(crate) fn cells_for(&self, pairs: &[(&Clause, &Reading)], shown: usize) -> Vec<Cell> {
        struct Job<'c> {
            cell: usize,
            term: usize,
            reading: &'c Reading,
            term_ref: &'c Term,
            sure: Spec<'c>,
        }
        let mut jobs: Vec<Job> = Vec::new();
        let mut per_cell: Vec<Vec<(Verdict, Vec<Finding>, usize)>> = Vec::new();
        for &(clause, reading) in pairs {
            {
                let cell = per_cell.len();
                let mut terms = Vec::with_capacity(clause.terms.len());
                for (t, term) in clause.terms.iter().enumerate() {
                    match &term.requirement {
                        Requirement::ShipsFirstOn { .. } => {
                            let (findings, more, verdict) =
                                super::launch::findings(&self.graph, clause, t, reading, shown);
                            terms.push((verdict, findings, more));
                            continue;
                        }
                        Requirement::Nothing => {
                            terms.push((Verdict::Complies, Vec::new(), 0));
                            continue;
                        }
                        _ => terms.push((Verdict::Complies, Vec::new(), 0)),
                    }
                    if let Some(sure) = self.spec(term, reading, Resolve::Sure) {
                        jobs.push(Job {
                            cell,
                            term: t,
                            reading,
                            term_ref: term,
                            sure,
                        });
                    }
                }
                per_cell.push(terms);
            }
        }
        // Findings are spelled out only as far as a cell shows them: launch breaches first.
        let mut budget: Vec<usize> = per_cell
            .iter()
            .map(|terms| {
                let breaches = terms
                    .iter()
                    .flat_map(|t| &t.1)
                    .filter(|f| f.kind == FindingKind::Breach)
                    .count();
                shown.min(MAX_FINDINGS).saturating_sub(breaches)
            })
            .collect();
        let places: Vec<(usize, &Reading, usize)> =
            jobs.iter().map(|j| (j.term, j.reading, j.cell)).collect();
        // First what is certain whoever runs the open hops; then, only for terms with no
        // certain breach and an open operator, what an answer could add.
        let sure: Vec<(usize, &Spec)> = jobs
            .iter()
            .enumerate()
            .map(|(j, job)| (j, &job.sure))
            .collect();
        let mut found = self.run_lanes(&sure, &places, FindingKind::Breach, &mut budget);
        let maybe_specs: Vec<(usize, Spec)> = jobs
            .iter()
            .enumerate()
            .filter(|(j, job)| job.sure.open && found[*j].0.is_empty() && found[*j].1 == 0)
            .filter_map(|(j, job)| {
                self.spec(job.term_ref, job.reading, Resolve::Maybe)
                    .map(|s| (j, s))
            })
            // Where no open question changes what a node adds, the answer is already known.
            .filter(|(j, maybe)| maybe.key != jobs[*j].sure.key)
            .collect();
        let maybe: Vec<(usize, &Spec)> = maybe_specs.iter().map(|(j, s)| (*j, s)).collect();
        let open = self.run_lanes(&maybe, &places, FindingKind::Undetermined, &mut budget);
        let mut kinds = vec![FindingKind::Breach; jobs.len()];
        for (j, result) in open.into_iter().enumerate() {
            if !result.0.is_empty() || result.1 > 0 {
                found[j] = result;
                kinds[j] = FindingKind::Undetermined;
            }
        }
        for ((job, (findings, more)), kind) in jobs.iter().zip(found).zip(kinds) {
            let verdict = match (findings.len() + more, kind) {
                (0, _) => Verdict::Complies,
                (_, FindingKind::Breach) => Verdict::Breach,
                (_, FindingKind::Undetermined) => Verdict::Undetermined,
            };
            per_cell[job.cell][job.term] = (verdict, findings, more);
        }
        pairs
            .iter()
            .zip(per_cell)
            .map(|(&(clause, reading), terms)| combine(clause, reading, terms))
            .collect()
    }

    /// Each pair's verdict alone, equal to its cell's from [`Index::cells_for`]: the sentences
    /// of each clause are checked [`LANES`] at a time, and a clause is dropped once one of them
    /// breaches (its verdict is its worst sentence's). Building what a sentence asks of every
    /// node is most of a check's cost, so a clause of a hundred sentences whose first breaches
    /// costs a sixth of one.
    pub(crate) fn verdicts_for(&self, pairs: &[(&Clause, &Reading)]) -> Vec<Verdict> {
        let mut verdicts = vec![Verdict::Complies; pairs.len()];
        let mut start = 0;
        loop {
            let open: Vec<usize> = (0..pairs.len())
                .filter(|&i| verdicts[i] != Verdict::Breach && pairs[i].0.terms.len() > start)
                .collect();
            if open.is_empty() {
                return verdicts;
            }
            let parts: Vec<Clause> = open
                .iter()
                .map(|&i| {
                    let whole = pairs[i].0;
                    let end = whole.terms.len().min(start + LANES);
                    Clause {
                        id: whole.id.clone(),
                        title: alloc::string::String::new(),
                        effective: whole.effective,
                        source: alloc::string::String::new(),
                        terms: whole.terms[start..end].to_vec(),
                    }
                })
                .collect();
            let part_pairs: Vec<(&Clause, &Reading)> = parts
                .iter()
                .zip(&open)
                .map(|(part, &i)| (part, pairs[i].1))
                .collect();
            for (cell, &i) in self.cells_for(&part_pairs, 0).iter().zip(&open) {
                verdicts[i] = match (verdicts[i], cell.verdict) {
                    (_, Verdict::Breach) => Verdict::Breach,
                    (Verdict::Complies, v) => v,
                    (v, _) => v,
                };
            }
            start += LANES;
        }
    }

    /// Runs specs [`LANES`] at a time; returns each job's findings (indexed like `jobs`), empty
    /// for jobs without a spec here.
    fn run_lanes(
        &self,
        specs: &[(usize, &Spec)],
        jobs: &[(usize, &Reading, usize)],
        kind: FindingKind,
        budget: &mut [usize],
    ) -> Vec<(Vec<Finding>, usize)> {
        // Specs that ask the same of every node share one lane: terms and readings often do.
        // Each spec is hashed once, so finding its twin costs no more than a lookup.
        let mut lanes: Vec<&Spec> = Vec::new();
        let mut lane_by_shape: Vec<Option<usize>> = vec![None; self.shapes.borrow().len()];
        let mut lane_of: Vec<usize> = Vec::with_capacity(specs.len());
        for (_, spec) in specs {
            let l = *lane_by_shape[spec.shape.id].get_or_insert_with(|| {
                lanes.push(spec);
                lanes.len() - 1
            });
            lane_of.push(l);
        }
        let mut out: Vec<(Vec<Finding>, usize)> =
            (0..jobs.len()).map(|_| (Vec::new(), 0)).collect();
        let mut counted: Vec<Option<usize>> = vec![None; lanes.len()];
        let mut parent = Vec::new();
        for (c, chunk) in lanes.chunks(LANES).enumerate() {
            let pass = self.propagate(chunk, core::mem::take(&mut parent));
            for (&(j, spec), &l) in specs.iter().zip(&lane_of) {
                if l / LANES == c {
                    let (term, reading, cell) = jobs[j];
                    let limit = budget[cell];
                    // Without findings to spell out, jobs of one lane get one count.
                    if limit == 0 {
                        if let Some(more) = counted[l] {
                            out[j] = (Vec::new(), more);
                            continue;
                        }
                    }
                    out[j] =
                        self.routing_findings(&pass, l % LANES, spec, (term, reading), kind, limit);
                    if limit == 0 {
                        counted[l] = Some(out[j].1);
                    }
                    budget[cell] -= out[j].0.len();
                }
            }
            parent = pass.parent;
        }
        out
    }

    /// One worklist pass for up to [`LANES`] routing checks at once. Each component is
    /// revisited only when it gains states, at most 64 times, so the pass is linear.
    fn propagate(&self, specs: &[&Spec], mut parent: Vec<u32>) -> Pass {
        let n = self.graph.n();
        // Two ways through each node: the answers to an open question of who runs it.
        let mut ways = [
            (vec![0u16; n], vec![0u16; n], vec![0u16; n]),
            (vec![0u16; n], vec![0u16; n], vec![0u16; n]),
        ];
        let mut two = false;
        for (lane, spec) in specs.iter().enumerate() {
            let ways_here = if spec.alt { 2 } else { 1 };
            two |= spec.alt;
            for (w, (g, o, b)) in ways.iter_mut().enumerate().take(ways_here) {
                let (bits, blocked) = if w == 0 {
                    (&spec.bits, &spec.blocked)
                } else {
                    (&spec.alt_bits, &spec.alt_blocked)
                };
                // Without branches, so that it vectorises: this runs for every lane and node.
                let lane = lane as u32;
                for (v, (&x, &stop)) in bits.iter().zip(blocked.iter()).enumerate() {
                    g[v] |= u16::from(x & G) << lane;
                    o[v] |= u16::from((x & O) >> 1) << lane;
                    b[v] |= u16::from(stop) << lane;
                }
            }
        }
        if two {
            // A lane without a second way goes through each node the one way, twice.
            for (lane, spec) in specs.iter().enumerate() {
                if !spec.alt {
                    let bit = 1u16 << lane;
                    let [(g, o, b), (g2, o2, b2)] = &mut ways;
                    for v in 0..n {
                        g2[v] |= g[v] & bit;
                        o2[v] |= o[v] & bit;
                        b2[v] |= b[v] & bit;
                    }
                }
            }
        }
        let [(g, o, blocked), (g2, o2, blocked2)] = ways;
        let mut reached = vec![0u64; n];
        let mut pending = vec![0u64; n];
        // Only entries for reached bits are ever read, so whatever a buffer holds is fine.
        parent.resize(n * 64, 0);
        // Breadth first, a round at a time, each round in node order: which route a lane finds
        // then depends on its own check alone, never on the checks that share its pass.
        let mut queued = vec![false; n];
        let mut frontier: Vec<u32> = Vec::new();
        for (lane, spec) in specs.iter().enumerate() {
            for &s in &spec.sources {
                let s = s as usize;
                if reached[s] & (1 << lane) == 0 {
                    reached[s] |= 1 << lane;
                    pending[s] |= 1 << lane;
                    parent[s * 64 + lane] = ROOT;
                    if !queued[s] {
                        queued[s] = true;
                        frontier.push(s as u32);
                    }
                }
            }
        }
        let mut next = Vec::new();
        let mut deltas = Vec::new();
        while !frontier.is_empty() {
            frontier.sort_unstable();
            // This round's states are set aside, so that states reached in it wait for the next.
            deltas.clear();
            deltas.extend(frontier.iter().map(|&u| {
                queued[u as usize] = false;
                core::mem::take(&mut pending[u as usize])
            }));
            for (&u, &delta) in frontier.iter().zip(&deltas) {
                let u = u as usize;
                for &v in self.graph.succ(u) {
                    let v = v as usize;
                    let mut entered = enter(delta, g[v], o[v], blocked[v]);
                    if two {
                        entered |= enter(delta, g2[v], o2[v], blocked2[v]);
                    }
                    let fresh = entered & !reached[v];
                    if fresh == 0 {
                        continue;
                    }
                    reached[v] |= fresh;
                    pending[v] |= fresh;
                    let mut bits = fresh;
                    while bits != 0 {
                        let b = bits.trailing_zeros();
                        bits &= bits - 1;
                        let (lane, state) = (b % 16, b / 16);
                        let way = |g: &[u16], o: &[u16], blocked: &[u16]| {
                            let adds = ((g[v] >> lane) & 1) | (((o[v] >> lane) & 1) << 1);
                            ((blocked[v] >> lane) & 1 == 0).then_some(adds as u32)
                        };
                        let first = way(&g, &o, &blocked);
                        let second = if two { way(&g2, &o2, &blocked2) } else { first };
                        let from = (0..4u32)
                            .find(|&sp| {
                                (delta >> (sp * 16 + lane)) & 1 == 1
                                    && (first.is_some_and(|a| (sp | a) == state)
                                        || second.is_some_and(|a| (sp | a) == state))
                            })
                            .unwrap_or(0);
                        parent[v * 64 + b as usize] = (u as u32) * 64 + from * 16 + lane;
                    }
                    if !queued[v] {
                        queued[v] = true;
                        next.push(v as u32);
                    }
                }
            }
            core::mem::swap(&mut frontier, &mut next);
            next.clear();
        }
        Pass { reached, parent }
    }

    fn routing_findings(
        &self,
        pass: &Pass,
        lane: usize,
        spec: &Spec,
        (term, reading): (usize, &Reading),
        kind: FindingKind,
        limit: usize,
    ) -> (Vec<Finding>, usize) {
        let mut out = Vec::new();
        let mut more = 0;
        let owner = spec.term.scope.model_owner.as_str();
        for &t in &spec.sinks {
            let t = t as usize;
            let Some(state) = (0..4u8).find(|&s| {
                Self::violating(spec, s) && pass.reached[t] >> (s as usize * 16 + lane) & 1 == 1
            }) else {
                continue;
            };
            if out.len() >= limit {
                more += 1;
                continue;
            }
            // The walk back costs a step per hop; hops are spelled out only where shown.
            let mut nodes = Vec::new();
            let (mut v, mut b) = (t as u32, state as u32 * 16 + lane as u32);
            loop {
                nodes.push(v as usize);
                let p = pass.parent[v as usize * 64 + b as usize];
                if p == ROOT || nodes.len() > 4 * self.graph.n() {
                    break;
                }
                (v, b) = (p / 64, p % 64);
            }
            nodes.reverse();
            let offending = |v: usize| {
                let bits = spec.bits[v] | spec.alt_bits[v];
                match spec.mode {
                    Mode::PerHop => bits & G != 0,
                    Mode::EveryHop => bits & O != 0,
                    Mode::Waypoint => spec.governed[v],
                }
            };
            let classes = self.graph.classes(owner);
            // An open operator counts where its answers differ in what the node adds.
            let run_open = |v: usize| {
                matches!(classes[v], Class::Unknown | Class::Unclear)
                    && (spec.bits[v] != spec.alt_bits[v] || spec.blocked[v] != spec.alt_blocked[v])
            };
            let open = |v: usize| run_open(v) || spec.unhosted[v];
            let mut missing = Vec::new();
            if kind == FindingKind::Undetermined {
                // Each open node once, in route order (a route may pass a node twice).
                let found: Vec<usize> = nodes.iter().copied().filter(|&v| open(v)).collect();
                let mut first: Vec<usize> = (0..found.len()).collect();
                first.sort_unstable_by_key(|&i| (found[i], i));
                first.dedup_by_key(|i| found[*i]);
                first.sort_unstable();
                for v in first.into_iter().map(|i| found[i]) {
                    let id = self.graph.id(v);
                    if run_open(v) {
                        missing.push(Missing::Operator(id));
                    }
                    if spec.unhosted[v] {
                        missing.push(Missing::Hosting(id));
                    }
                }
            }
            let counts = super::explain::Counts::of(&nodes, |v| super::explain::Sort {
                offending: offending(v),
                governed: spec.governed[v],
                run_open: run_open(v),
                unhosted: spec.unhosted[v],
                off: self.graph.off(v, spec.provider),
            });
            let positions = shown_positions(nodes.len(), |i| offending(nodes[i]) || open(nodes[i]));
            let route = spell_out(&positions, |i| {
                let v = nodes[i];
                self.graph.hop(
                    v,
                    owner,
                    Some(spec.provider),
                    spec.governed[v],
                    offending(v),
                )
            });
            let explanation =
                super::explain::route(spec, reading, &route, &counts, (kind, &missing));
            out.push(Finding {
                kind,
                term,
                route,
                explanation,
                missing,
            });
        }
        (out, more)
    }
}

/// A clause's cell from its terms' verdicts and findings: breaches first, then open questions.
fn combine(clause: &Clause, reading: &Reading, terms: Vec<(Verdict, Vec<Finding>, usize)>) -> Cell {
    let verdicts: Vec<Verdict> = terms.iter().map(|t| t.0).collect();
    let verdict = if verdicts.contains(&Verdict::Breach) {
        Verdict::Breach
    } else if verdicts.contains(&Verdict::Undetermined) {
        Verdict::Undetermined
    } else {
        Verdict::Complies
    };
    // Breaches first; open questions after them.
    let (mut findings, mut open) = (Vec::new(), Vec::new());
    let mut more = 0;
    for (_, f, m) in terms {
        for finding in f {
            if finding.kind == FindingKind::Breach {
                findings.push(finding);
            } else {
                open.push(finding);
            }
        }
        more += m;
    }
    findings.append(&mut open);
    if findings.len() > MAX_FINDINGS {
        more += findings.len() - MAX_FINDINGS;
        findings.truncate(MAX_FINDINGS);
    }
    Cell {
        clause: clause.id.clone(),
        reading: reading.id.clone(),
        verdict,
        terms: verdicts,
        findings: findings.into(),
        more,
    }
}
