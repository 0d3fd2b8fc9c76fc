//! Exact comparison of two sides, each a clause under a reading: does one forbid everything the
//! other forbids, and more? Decided over every *settled* arrangement (every operator set, every
//! product launch dated to the day), not by sampling, with the smallest arrangement that tells
//! them apart in each direction.
//!
//! Why it is exact. A diagram breaches a side when some *unit* of it does: a route (customer →
//! products and endpoints → model) breaks a routing term, or a product that reaches the model
//! breaks a ships-first term. A unit's verdict depends only on its own components' attributes,
//! and adding components never removes a unit, so one side forbids everything the other does
//! exactly when it does so on every single unit. A route is a word over a finite alphabet of
//! hop types (kind, statefulness or API-ness, who runs it, where it is hosted, and for products
//! the launch facts), and each routing term reads it with the checker's own per-hop table and
//! two bits of state. The product of both sides' automata, searched breadth-first, finds the
//! shortest route on which the sides disagree, or proves there is none. Launch dates enter as
//! ordered symbols: the distinct effective dates of the ships-first terms cut time into
//! intervals, and a product's first launch falls in one of them.

use crate::check::{same_party, Class, Index, Mode, Resolve, Table, G, O};
use crate::clause::{Channel, Clause, Excuse, Exemption, Operated, Reading, Requirement};
use crate::model::{
    Component, ComponentId, Date, Diagram, Kind, Launch, Origin, Provider, Relation as Link,
    RelationKind, Segment, Statefulness,
};
use crate::verdict::Verdict;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

/// How two sides relate over every settled arrangement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// They forbid exactly the same arrangements.
    Equal,
    /// The left forbids everything the right forbids, and more.
    LeftStricter,
    /// The right forbids everything the left forbids, and more.
    RightStricter,
    /// Each forbids something the other allows.
    Incomparable,
}

impl Relation {
    /// Keyword used in fixtures: `equal`, `left-stricter`, `right-stricter`, `incomparable`.
    pub fn keyword(self) -> &'static str {
        match self {
            Relation::Equal => "equal",
            Relation::LeftStricter => "left-stricter",
            Relation::RightStricter => "right-stricter",
            Relation::Incomparable => "incomparable",
        }
    }
}

/// A smallest arrangement on which the two sides disagree, with their verdicts.
#[derive(Clone, Debug, PartialEq)]
pub struct Witness {
    /// The arrangement: one route (or one product and the model), its hosts and the owner.
    pub diagram: Diagram,
    /// The left side's verdict on it.
    pub left: Verdict,
    /// The right side's verdict on it.
    pub right: Verdict,
}

/// The relation and, for each direction that differs, its smallest witness.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// How the sides relate.
    pub relation: Relation,
    /// An arrangement the left forbids and the right allows.
    pub left_only: Option<Witness>,
    /// An arrangement the right forbids and the left allows.
    pub right_only: Option<Witness>,
}

/// Why two sides were not compared: deciding them exactly would take more than the budget.
/// Both sides are valid; they are only too large for a comparison that must finish in a
/// fraction of a second in a browser tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TooLarge {
    /// So many providers, model owners and launch dates are named that a route's hop could be
    /// of `kinds` kinds.
    Alphabet {
        /// Providers the sides name.
        providers: usize,
        /// Model owners the sides name.
        owners: usize,
        /// Kinds of hop (`usize::MAX` past counting).
        kinds: usize,
    },
    /// The terms combine in more states than the search may visit.
    States,
}

/// The most kinds of hop a comparison takes (the built-in versions need a few hundred).
pub const MAX_HOP_KINDS: usize = 100_000;

/// The most hop-by-term steps the search takes before it gives up: about 50 ms natively, and
/// about a thousand times what the slowest pair of built-in sides needs.
pub const MAX_STEPS: usize = 4_000_000;

impl TooLarge {
    /// Why, in a sentence for the reader.
    pub fn message(&self) -> String {
        match self {
            TooLarge::Alphabet {
                providers,
                owners,
                kinds,
            } => alloc::format!(
                "the two sides name {providers} providers and {owners} model owners between them, so a hop on a route could be of {} kinds; an exact comparison takes up to {MAX_HOP_KINDS}",
                if *kinds == usize::MAX { String::from("too many") } else { alloc::format!("{kinds}") }
            ),
            TooLarge::States => String::from(
                "the two sides' sentences combine in more ways than an exact comparison can search here; compare clauses with fewer sentences",
            ),
        }
    }
}

/// A side's name for the reader: the version's id and the reading, as in "V4 (spirit)".
pub fn side_name(clause: &Clause, reading: &Reading) -> String {
    alloc::format!("{} ({})", clause.id.to_ascii_uppercase(), reading.id)
}

impl Comparison {
    /// The relation in a sentence, naming the sides.
    pub fn sentence(&self, left: &str, right: &str) -> String {
        let what = match self.relation {
            Relation::Equal => alloc::format!(
                "{left} and {right} forbid exactly the same arrangements."
            ),
            Relation::LeftStricter => alloc::format!(
                "{left} is stricter: it forbids everything {right} forbids, and more."
            ),
            Relation::RightStricter => alloc::format!(
                "{right} is stricter: it forbids everything {left} forbids, and more."
            ),
            Relation::Incomparable => alloc::format!(
                "Neither is stricter: {left} and {right} each forbid an arrangement the other allows."
            ),
        };
        what
    }
}

impl Witness {
    /// What the witness shows, in a sentence: which side forbids it and which allows it.
    pub fn sentence(&self, left: &str, right: &str) -> String {
        let (forbids, allows) = if self.left == Verdict::Breach {
            (left, right)
        } else {
            (right, left)
        };
        alloc::format!("{forbids} forbids this arrangement; {allows} allows it.")
    }
}

/// How `mine` relates to each of `others` under `reading`, in a sentence: the versions it is
/// stricter than, looser than, the same as, and neither, in that order, each group in the
/// order of `others`; and those too large to compare.
pub fn against(mine: &Clause, others: &[Clause], reading: &Reading) -> String {
    let mut groups: [Vec<String>; 5] = Default::default();
    for other in others {
        let group = match relate((mine, reading), (other, reading)) {
            Ok(c) => match c.relation {
                Relation::LeftStricter => 0,
                Relation::RightStricter => 1,
                Relation::Equal => 2,
                Relation::Incomparable => 3,
            },
            Err(_) => 4,
        };
        groups[group].push(other.id.to_ascii_uppercase());
    }
    let heads = [
        "stricter than ",
        "looser than ",
        "the same as ",
        "neither stricter nor looser than ",
        "too large to compare with ",
    ];
    let parts: Vec<String> = groups
        .iter()
        .zip(heads)
        .filter(|(g, _)| !g.is_empty())
        .map(|(g, head)| alloc::format!("{head}{}", and_list(g)))
        .collect();
    alloc::format!("Under the {} reading: {}.", reading.id, parts.join("; "))
}

/// "V1", "V1 and V2", "V1, V2 and V3".
fn and_list(items: &[String]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => alloc::format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// Who runs a hop, relative to the owners of the protected models.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Run {
    /// Owner `i`, alone or jointly with a third party.
    Owner(usize, bool),
    /// A company that is none of the owners, for itself.
    Other,
}

/// One hop of a route (a letter of the alphabet).
#[derive(Clone, Copy, Debug)]
enum Hop {
    Endpoint {
        stateful: bool,
        run: Run,
        host: usize,
    },
    Product {
        api: bool,
        run: Run,
        host: usize,
        launch: usize,
    },
}

/// When a product first launched (an interval between effective dates), where (the
/// [`Machine::launchers`] launching that day, as bits), and whether Microsoft's support is
/// lacking.
#[derive(Clone, Copy, Debug)]
struct Profile {
    interval: usize,
    first: u32,
    cannot: bool,
    declines: bool,
}

/// What one term asks, compiled for the alphabet.
enum Rule {
    Route {
        mode: Mode,
        table: alloc::boxed::Box<Table>,
        owner: usize,
        provider: usize,
        /// Whether routes of enterprise and of national-security customers are governed.
        sources: [bool; 2],
    },
    Launch {
        owner: usize,
        channels: Vec<Channel>,
        operated: Operated,
        exempt: Vec<Channel>,
        provider: usize,
        /// The first interval whose launches are new.
        new_from: usize,
        excuse: (Excuse, bool),
    },
}

/// The alphabet and both sides' rules.
struct Machine {
    owners: Vec<String>,
    providers: Vec<Provider>,
    /// Representative first-launch dates, one per interval.
    dates: Vec<Date>,
    profiles: Vec<Profile>,
    /// The providers a profile's launch bits stand for, in bit order: those a ships-first
    /// term names, then "elsewhere".
    launchers: Vec<usize>,
    hops: Vec<Hop>,
    left: Vec<Rule>,
    right: Vec<Rule>,
}

/// A route rule's state: the checker's bits, or `DEAD` once the route can no longer break it.
const DEAD: u8 = 4;

impl Machine {
    fn new(left: (&Clause, &Reading), right: (&Clause, &Reading)) -> Result<Machine, TooLarge> {
        let mut owners: Vec<String> = Vec::new();
        let mut providers: Vec<Provider> = Vec::new();
        let mut effective: Vec<Date> = Vec::new();
        for (clause, _) in [left, right] {
            for term in &clause.terms {
                let owner = &term.scope.model_owner;
                if !owners.iter().any(|o| same_party(o, owner)) {
                    owners.push(owner.clone());
                }
                if let Some(p) = term.requirement.provider() {
                    if !providers.contains(p) {
                        providers.push(p.clone());
                    }
                }
                if matches!(term.requirement, Requirement::ShipsFirstOn { .. })
                    && !effective.contains(&clause.effective)
                {
                    effective.push(clause.effective);
                }
            }
        }
        // One provider no term names: "elsewhere".
        let elsewhere = [Provider::Aws, Provider::GoogleCloud, Provider::Oracle]
            .into_iter()
            .chain([Provider::OnPremises, Provider::Azure])
            .find(|p| !providers.contains(p))
            .unwrap_or(Provider::Other("Elsewhere".into()));
        providers.push(elsewhere);
        // Where a product first launched matters only for the providers a ships-first term
        // names; "elsewhere" stands for every other (a launch happens somewhere).
        let mut launchers: Vec<usize> = Vec::new();
        for (clause, _) in [left, right] {
            for term in &clause.terms {
                if let Requirement::ShipsFirstOn { provider, .. } = &term.requirement {
                    let i = providers.iter().position(|q| q == provider).unwrap_or(0);
                    if !launchers.contains(&i) {
                        launchers.push(i);
                    }
                }
            }
        }
        launchers.push(providers.len() - 1);
        effective.sort_unstable();
        let dates = intervals(&effective);
        let kinds = Self::kinds(
            owners.len(),
            providers.len(),
            launchers.len(),
            &effective,
            dates.len(),
        );
        if kinds > MAX_HOP_KINDS {
            return Err(TooLarge::Alphabet {
                providers: providers.len() - 1,
                owners: owners.len(),
                kinds,
            });
        }
        let mut profiles = Vec::new();
        if effective.is_empty() {
            // Launch facts decide nothing: one launch, on the first provider.
            profiles.push(Profile {
                interval: 0,
                first: 1,
                cannot: false,
                declines: false,
            });
        } else {
            for interval in 0..dates.len() {
                for first in 1..(1u32 << launchers.len()) {
                    for (cannot, declines) in
                        [(false, false), (true, false), (false, true), (true, true)]
                    {
                        profiles.push(Profile {
                            interval,
                            first,
                            cannot,
                            declines,
                        });
                    }
                }
            }
        }
        let mut runs: Vec<Run> = Vec::new();
        for o in 0..owners.len() {
            runs.push(Run::Owner(o, false));
            runs.push(Run::Owner(o, true));
        }
        runs.push(Run::Other);
        let mut hops = Vec::new();
        for &run in &runs {
            for host in 0..providers.len() {
                for stateful in [false, true] {
                    hops.push(Hop::Endpoint {
                        stateful,
                        run,
                        host,
                    });
                }
            }
        }
        for &run in &runs {
            for host in 0..providers.len() {
                for api in [true, false] {
                    for launch in 0..profiles.len() {
                        hops.push(Hop::Product {
                            api,
                            run,
                            host,
                            launch,
                        });
                    }
                }
            }
        }
        let mut m = Machine {
            owners,
            providers,
            dates,
            profiles,
            launchers,
            hops,
            left: Vec::new(),
            right: Vec::new(),
        };
        m.left = m.rules(left.0, left.1, &effective);
        m.right = m.rules(right.0, right.1, &effective);
        Ok(m)
    }

    /// How many kinds of hop the alphabet has, counted before it is built (`usize::MAX` when
    /// the count overflows): each way of running a hop, times each host, times two endpoint
    /// kinds and two product kinds, each product with each launch profile.
    fn kinds(
        owners: usize,
        providers: usize,
        launchers: usize,
        effective: &[Date],
        intervals: usize,
    ) -> usize {
        let profiles = if effective.is_empty() {
            Some(1)
        } else {
            u32::try_from(launchers)
                .ok()
                .and_then(|p| 1usize.checked_shl(p))
                .and_then(|sets| (sets - 1).checked_mul(4 * intervals))
        };
        profiles
            .and_then(|p| p.checked_mul(2)?.checked_add(2))
            .and_then(|per| per.checked_mul(providers))
            .and_then(|n| n.checked_mul(2 * owners + 1))
            .unwrap_or(usize::MAX)
    }

    fn owner_of(&self, name: &str) -> usize {
        self.owners
            .iter()
            .position(|o| same_party(o, name))
            .unwrap_or(0)
    }

    fn provider_of(&self, p: &Provider) -> usize {
        self.providers.iter().position(|q| q == p).unwrap_or(0)
    }

    fn rules(&self, clause: &Clause, reading: &Reading, effective: &[Date]) -> Vec<Rule> {
        let mut out = Vec::new();
        for term in &clause.terms {
            let owner = self.owner_of(&term.scope.model_owner);
            let in_scope = |s: Segment| {
                (term.scope.consumers.is_empty() || term.scope.consumers.contains(&s))
                    && !term.exemptions.contains(&Exemption::Consumer(s))
            };
            match &term.requirement {
                Requirement::Nothing => {}
                Requirement::ShipsFirstOn { provider, unless } => out.push(Rule::Launch {
                    owner,
                    channels: term.scope.channels.clone(),
                    operated: term.scope.operated,
                    exempt: term
                        .exemptions
                        .iter()
                        .filter_map(|e| match e {
                            Exemption::Channel(c) => Some(*c),
                            Exemption::Consumer(_) => None,
                        })
                        .collect(),
                    provider: self.provider_of(provider),
                    new_from: effective
                        .iter()
                        .position(|d| *d == clause.effective)
                        .unwrap_or(0)
                        + 1,
                    excuse: (
                        *unless,
                        reading.assumes(crate::clause::Assumption::EitherExcuses),
                    ),
                }),
                _ => {
                    let Some((mode, provider)) = Index::mode(term, reading) else {
                        continue;
                    };
                    out.push(Rule::Route {
                        mode,
                        table: alloc::boxed::Box::new(Index::table(
                            term,
                            reading,
                            Resolve::Sure,
                            mode,
                        )),
                        owner,
                        provider: self.provider_of(provider),
                        sources: [
                            in_scope(Segment::Enterprise),
                            in_scope(Segment::NationalSecurity),
                        ],
                    });
                }
            }
        }
        out
    }

    /// The class of a hop run as `run`, for a rule protecting owner `owner`.
    fn class(run: Run, owner: usize) -> Class {
        match run {
            Run::Owner(o, joint) if o == owner => {
                if joint {
                    Class::Joint
                } else {
                    Class::Alone
                }
            }
            _ => Class::Other,
        }
    }

    /// The channel a hop carries as drawn (a product built with a third party is one).
    fn channel(hop: Hop) -> Channel {
        match hop {
            Hop::Endpoint {
                stateful: false, ..
            } => Channel::StatelessApi,
            Hop::Endpoint { stateful: true, .. } => Channel::StatefulApi,
            Hop::Product { api: false, .. } => Channel::NonApiProduct,
            Hop::Product {
                api: true,
                run: Run::Owner(_, true),
                ..
            } => Channel::ThirdPartyApiProduct,
            Hop::Product { api: true, .. } => Channel::FirstPartyApiProduct,
        }
    }

    /// The states of a side's rules at the start of a route from a customer of `segment`.
    fn start(rules: &[Rule], segment: usize) -> Vec<u8> {
        rules
            .iter()
            .map(|r| match r {
                Rule::Route { sources, .. } if sources[segment] => 0,
                Rule::Route { .. } => DEAD,
                Rule::Launch { .. } => 0,
            })
            .collect()
    }

    /// The states after one more hop.
    fn step(&self, rules: &[Rule], state: &mut [u8], hop: Hop) {
        let (run, host) = match hop {
            Hop::Endpoint { run, host, .. } | Hop::Product { run, host, .. } => (run, host),
        };
        let channel = Self::channel(hop);
        for (s, rule) in state.iter_mut().zip(rules) {
            match rule {
                Rule::Route {
                    table,
                    owner,
                    provider,
                    ..
                } => {
                    if *s == DEAD {
                        continue;
                    }
                    let class = Self::class(run, *owner);
                    let (bits, blocked, _) =
                        table[channel as usize][class as usize][usize::from(host != *provider)][0];
                    *s = if blocked { DEAD } else { *s | bits };
                }
                Rule::Launch { .. } => {
                    if let Hop::Product { launch, .. } = hop {
                        if self.launch_breaks(rule, run, channel, launch) {
                            *s = 1;
                        }
                    }
                }
            }
        }
    }

    /// Whether a product breaks a ships-first rule (when it reaches the rule's owner's model).
    fn launch_breaks(&self, rule: &Rule, run: Run, channel: Channel, launch: usize) -> bool {
        let Rule::Launch {
            owner,
            channels,
            operated,
            exempt,
            provider,
            new_from,
            excuse,
        } = rule
        else {
            return false;
        };
        let in_scope = match Self::class(run, *owner) {
            Class::Alone => *operated != Operated::Jointly,
            Class::Joint => *operated != Operated::Alone,
            _ => false,
        };
        let p = self.profiles[launch];
        // As `check::launch::excused`, with the reading's connective already read.
        let excused = match excuse.0 {
            Excuse::Never => false,
            Excuse::Both => p.cannot && p.declines,
            Excuse::Either => p.cannot || p.declines,
            Excuse::AsRead if excuse.1 => p.cannot || p.declines,
            Excuse::AsRead => p.cannot && p.declines,
        };
        in_scope
            && channels.contains(&channel)
            && !exempt.contains(&channel)
            && p.interval >= *new_from
            && self
                .launchers
                .iter()
                .position(|l| l == provider)
                .is_none_or(|bit| p.first & (1 << bit) == 0)
            && !excused
    }

    /// Whether a side breaks on a route in `state` that ends at owner `owner`'s model on `host`.
    fn ends_in_breach(rules: &[Rule], state: &[u8], owner: usize, host: usize) -> bool {
        rules.iter().zip(state).any(|(rule, &s)| match rule {
            Rule::Route {
                mode,
                table,
                owner: o,
                provider,
                ..
            } => {
                if s == DEAD || *o != owner {
                    return false;
                }
                let (bits, blocked, _) = table[Channel::Model as usize][Class::Model as usize]
                    [usize::from(host != *provider)][0];
                let s = s | bits;
                !blocked
                    && match mode {
                        Mode::EveryHop => s == G | O,
                        Mode::PerHop | Mode::Waypoint => s & G != 0,
                    }
            }
            Rule::Launch { owner: o, .. } => s == 1 && *o == owner,
        })
    }
}

/// One representative first-launch date per interval that the effective dates cut: before the
/// first, then each effective date itself (a launch on the day counts as new). A month-only
/// date stands for its first day of the next month, so no comparison with it is left open.
fn intervals(effective: &[Date]) -> Vec<Date> {
    let Some(first) = effective.first() else {
        return vec![Date {
            year: 2020,
            month: 1,
            day: 15,
        }];
    };
    let mut out = vec![Date {
        year: first.year.saturating_sub(1),
        month: 1,
        day: 15,
    }];
    for d in effective {
        out.push(if d.day == 0 {
            let (year, month) = if d.month == 12 {
                (d.year + 1, 1)
            } else {
                (d.year, d.month + 1)
            };
            Date {
                year,
                month,
                day: 1,
            }
        } else {
            *d
        });
    }
    out
}

/// One unit on which the sides disagree: the route's customer segment (none for a product
/// alone), its hops, and the model's owner and host.
struct Unit {
    segment: Option<usize>,
    hops: Vec<Hop>,
    owner: usize,
    host: usize,
    left: bool,
}

/// Compares two sides exactly: see the module documentation.
///
/// # Errors
/// [`TooLarge`] when the sides name so much, or their sentences combine in so many ways, that
/// deciding them exactly would pass the budget ([`MAX_HOP_KINDS`], [`MAX_STEPS`]).
pub fn relate(
    left: (&Clause, &Reading),
    right: (&Clause, &Reading),
) -> Result<Comparison, TooLarge> {
    let m = Machine::new(left, right)?;
    // Each hop from each state steps every rule of both sides.
    let per_state = m.hops.len() * (m.left.len() + m.right.len()).max(1);
    let mut steps = 0usize;
    let mut found: [Option<Unit>; 2] = [None, None];
    // A product alone with the model: the smallest unit a ships-first term can break.
    for &hop in &m.hops {
        if !matches!(hop, Hop::Product { .. }) {
            continue;
        }
        for owner in 0..m.owners.len() {
            steps += m.left.len() + m.right.len() + 1;
            if steps > MAX_STEPS {
                return Err(TooLarge::States);
            }
            let mut l = vec![DEAD; m.left.len()];
            let mut r = vec![DEAD; m.right.len()];
            for (s, rule) in l.iter_mut().zip(&m.left).chain(r.iter_mut().zip(&m.right)) {
                if matches!(rule, Rule::Launch { .. }) {
                    *s = 0;
                }
            }
            m.step(&m.left, &mut l, hop);
            m.step(&m.right, &mut r, hop);
            let (bl, br) = (
                Machine::ends_in_breach(&m.left, &l, owner, 0),
                Machine::ends_in_breach(&m.right, &r, owner, 0),
            );
            if bl != br && found[usize::from(br)].is_none() {
                found[usize::from(br)] = Some(Unit {
                    segment: None,
                    hops: vec![hop],
                    owner,
                    host: 0,
                    left: bl,
                });
            }
        }
    }
    // Routes, breadth first over the product of both sides' states: the first disagreement
    // found in each direction is on a shortest route.
    // Exact keys, not hashes: a collision would skip a state and lose exactness.
    let mut seen: alloc::collections::BTreeSet<(usize, Vec<u8>)> = Default::default();
    // (segment, left and right states, parent, hop that led here).
    let mut nodes: Vec<(usize, Vec<u8>, usize, usize)> = Vec::new();
    for segment in 0..2 {
        let mut state = Machine::start(&m.left, segment);
        state.extend(Machine::start(&m.right, segment));
        if seen.insert((segment, state.clone())) {
            nodes.push((segment, state, usize::MAX, usize::MAX));
        }
    }
    let split = m.left.len();
    let mut head = 0;
    while head < nodes.len() && found.iter().any(Option::is_none) {
        steps += per_state;
        if steps > MAX_STEPS {
            return Err(TooLarge::States);
        }
        let (segment, state) = (nodes[head].0, nodes[head].1.clone());
        let parent = head;
        head += 1;
        for (h, &hop) in m.hops.iter().enumerate() {
            let mut next = state.clone();
            let (l, r) = next.split_at_mut(split);
            m.step(&m.left, l, hop);
            m.step(&m.right, r, hop);
            for owner in 0..m.owners.len() {
                for host in 0..m.providers.len() {
                    let bl = Machine::ends_in_breach(&m.left, l, owner, host);
                    let br = Machine::ends_in_breach(&m.right, r, owner, host);
                    if bl != br && found[usize::from(br)].is_none() {
                        let mut hops = vec![hop];
                        let mut at = parent;
                        while nodes[at].2 != usize::MAX {
                            hops.push(m.hops[nodes[at].3]);
                            at = nodes[at].2;
                        }
                        hops.reverse();
                        found[usize::from(br)] = Some(Unit {
                            segment: Some(segment),
                            hops,
                            owner,
                            host,
                            left: bl,
                        });
                    }
                }
            }
            if seen.insert((segment, next.clone())) {
                nodes.push((segment, next, parent, h));
            }
        }
    }
    let [left_only, right_only] = found.map(|u| u.map(|u| m.witness(&u)));
    let relation = match (&left_only, &right_only) {
        (None, None) => Relation::Equal,
        (Some(_), None) => Relation::LeftStricter,
        (None, Some(_)) => Relation::RightStricter,
        (Some(_), Some(_)) => Relation::Incomparable,
    };
    Ok(Comparison {
        relation,
        left_only,
        right_only,
    })
}

impl Machine {
    /// A hop's label, kind and host, as drawn in a witness.
    fn component(&self, hop: Hop) -> (&'static str, Kind, usize) {
        let operator = |run: Run| match run {
            Run::Owner(o, _) => Some(self.owners[o].clone()),
            Run::Other => Some(String::from("Another company")),
        };
        let origin = |run: Run| match run {
            Run::Owner(_, true) => Origin::ThirdParty,
            _ => Origin::FirstParty,
        };
        match hop {
            Hop::Endpoint {
                stateful,
                run,
                host,
            } => (
                if stateful {
                    "Stateful runtime"
                } else {
                    "Stateless API"
                },
                Kind::Endpoint {
                    state: if stateful {
                        Statefulness::Stateful
                    } else {
                        Statefulness::Stateless
                    },
                    origin: origin(run),
                    operator: operator(run),
                },
                host,
            ),
            Hop::Product {
                api,
                run,
                host,
                launch,
            } => {
                let p = self.profiles[launch];
                let date = self.dates[p.interval];
                (
                    if api {
                        "API product"
                    } else {
                        "Non-API product"
                    },
                    Kind::Product {
                        origin: origin(run),
                        api,
                        launches: self.launches(p, date, host),
                        operator: operator(run),
                        cannot_support: p.cannot,
                        declines_support: p.declines,
                    },
                    host,
                )
            }
        }
    }

    /// A product's launches in a witness: the first launch's providers on `date`, and, where
    /// the product is hosted somewhere it did not first launch, a launch there a month later.
    /// The later launch decides nothing (only the first launch day counts), but without it a
    /// product hosted on Azure would read as never launched there.
    fn launches(&self, p: Profile, date: Date, host: usize) -> Vec<Launch> {
        let here = &self.providers[host];
        // No ships-first term: launch facts decide nothing, and it launched where it runs.
        if self.dates.len() < 2 {
            return vec![Launch {
                provider: here.clone(),
                date,
            }];
        }
        let mut out: Vec<Launch> = (0..self.launchers.len())
            .filter(|i| p.first & (1 << i) != 0)
            .map(|i| Launch {
                provider: self.providers[self.launchers[i]].clone(),
                date,
            })
            .collect();
        if !out.iter().any(|l| l.provider == *here) {
            let (year, month) = if date.month >= 12 {
                (date.year + 1, 1)
            } else {
                (date.year, date.month + 1)
            };
            out.push(Launch {
                provider: here.clone(),
                date: Date {
                    year,
                    month,
                    ..date
                },
            });
        }
        out
    }

    /// The unit as a diagram: the route in a row, the owner above the model, one host per
    /// provider used below.
    fn witness(&self, unit: &Unit) -> Witness {
        let mut d = Diagram::default();
        let add = |d: &mut Diagram, label: &str, kind: Kind, x: usize, y: f32| {
            let id = ComponentId(d.components.len() as u32 + 1);
            d.components.push(Component {
                id,
                label: label.into(),
                kind,
                x: 40.0 + 240.0 * x as f32,
                y,
            });
            id
        };
        let mut chain: Vec<(ComponentId, Option<usize>)> = Vec::new();
        let mut col = 0;
        if let Some(segment) = unit.segment {
            let segment = [Segment::Enterprise, Segment::NationalSecurity][segment];
            let label = match segment {
                Segment::Enterprise => "Enterprise customer",
                Segment::NationalSecurity => "National-security customer",
            };
            chain.push((
                add(&mut d, label, Kind::Customer { segment }, col, 160.0),
                None,
            ));
            col += 1;
        }
        for &hop in &unit.hops {
            let (label, kind, host) = self.component(hop);
            chain.push((add(&mut d, label, kind, col, 160.0), Some(host)));
            col += 1;
        }
        let model = add(&mut d, "Model", Kind::Model, col, 160.0);
        chain.push((model, Some(unit.host)));
        let owner = add(&mut d, &self.owners[unit.owner], Kind::Party, col, 20.0);
        d.relations.push(Link {
            from: owner,
            to: model,
            kind: RelationKind::Owns,
        });
        for w in chain.windows(2) {
            let tag = |id: ComponentId| d.components[id.0 as usize - 1].kind.tag();
            if let Some(kind) = RelationKind::infer(tag(w[0].0), tag(w[1].0)) {
                d.relations.push(Link {
                    from: w[0].0,
                    to: w[1].0,
                    kind,
                });
            }
        }
        let mut hosts: Vec<(usize, ComponentId)> = Vec::new();
        for (i, &(id, host)) in chain.iter().enumerate() {
            let Some(p) = host else { continue };
            let host_id = match hosts.iter().find(|(q, _)| *q == p) {
                Some(&(_, h)) => h,
                None => {
                    let provider = self.providers[p].clone();
                    let name = String::from(provider.name());
                    let h = add(&mut d, &name, Kind::Host { provider }, i, 340.0);
                    hosts.push((p, h));
                    h
                }
            };
            d.relations.push(Link {
                from: id,
                to: host_id,
                kind: RelationKind::HostedOn,
            });
        }
        let verdict = |b: bool| {
            if b {
                Verdict::Breach
            } else {
                Verdict::Complies
            }
        };
        Witness {
            diagram: d,
            left: verdict(unit.left),
            right: verdict(!unit.left),
        }
    }
}
