//! What one term under one reading asks of each node of the graph: the bits it adds to a
//! route, whether it stops the route, and where routes start and end. Terms and readings that
//! ask the same share one [`Shape`], built once per check.

use super::graph::{Class, Graph, NONE};
use crate::clause::{Assumption, Channel, Exemption, Operated, Reading, Requirement, Term};
use crate::model::{Diagram, Provider, Segment};
use alloc::vec;
use alloc::vec::Vec;

/// The bit a route gains at a governed hop off the provider (or, every hop, a governed hop).
pub(crate) const G: u8 = 1;
/// The bit a route gains at a serving hop off the provider (every-hop terms).
pub(crate) const O: u8 = 2;
/// A reached state's parent when it is a start of routes.
pub(crate) const ROOT: u32 = u32::MAX - 1;

/// The graph of one diagram, with the shapes the terms checked so far ask of it.
pub(crate) struct Index<'d> {
    pub(crate) graph: Graph<'d>,
    /// The shapes built so far in this check, with their keys' fingerprints; a shape's `id` is
    /// its position here.
    pub(crate) shapes: core::cell::RefCell<Vec<(u64, ShapeKey, alloc::rc::Rc<Shape>)>>,
}

/// How a routing term decides a route.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Mode {
    /// Each governed hop must run on the provider: G marks a governed hop off it.
    PerHop,
    /// Once governed (G), every serving hop must run on the provider: O marks one off it.
    EveryHop,
    /// A governed route must meet a governed hop on the provider, which blocks the route.
    Waypoint,
}

/// Whether a spec resolves open questions (unknown operators) towards a breach or away from it.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Resolve {
    /// Only what holds whoever runs the unknown hops: a breach found is certain.
    Sure,
    /// Whatever any operator could give: no breach found means certain compliance.
    Maybe,
}

/// What one term under one reading asks of each node. Terms and readings that ask the same
/// share one [`Shape`]: a check of hundreds of terms builds, and walks, only the distinct ones.
pub(crate) struct Spec<'c> {
    pub(crate) term: &'c Term,
    pub(crate) mode: Mode,
    pub(crate) provider: &'c Provider,
    pub(crate) shape: alloc::rc::Rc<Shape>,
    /// What decides the shape: equal keys, equal shapes.
    pub(crate) key: ShapeKey,
}

impl core::ops::Deref for Spec<'_> {
    type Target = Shape;
    fn deref(&self) -> &Shape {
        &self.shape
    }
}

impl ShapeKey {
    /// A hash of the key, to find its twin quickly.
    fn fingerprint(&self) -> u64 {
        use core::hash::Hasher;
        let mut h = crate::fx::FxHasher::default();
        for row in self.table.iter().flatten().flatten().flatten() {
            h.write_u32(u32::from(row.0) | u32::from(row.1) << 8 | u32::from(row.2) << 16);
        }
        h.write_u64(
            self.mode as u64
                | u64::from(self.on) << 8
                | u64::from(self.sources) << 40
                | u64::from(self.unhosted_off) << 48,
        );
        h.write_usize(self.owner);
        h.finish()
    }
}

/// Per node, what a spec asks of it.
pub(crate) struct Shape {
    /// Its position among the shapes of this check.
    pub(crate) id: usize,
    /// Per node: the G and O bits it adds to a route, and whether it stops the route.
    pub(crate) bits: Vec<u8>,
    pub(crate) blocked: Vec<bool>,
    /// The same for the other answer to an open question of who runs the node (a second way
    /// through it); equal to the above for every settled node and in "sure" specs.
    pub(crate) alt_bits: Vec<u8>,
    pub(crate) alt_blocked: Vec<bool>,
    pub(crate) sources: Vec<u32>,
    pub(crate) sink: Vec<bool>,
    /// The nodes where `sink` holds, in order.
    pub(crate) sinks: Vec<u32>,
    pub(crate) governed: Vec<bool>,
    /// Per node: whether it is hosted nowhere and where it runs would change what it adds.
    pub(crate) unhosted: Vec<bool>,
    /// Whether any node's operator, or hosting, is an open question that this spec had to
    /// resolve.
    pub(crate) open: bool,
    /// Whether some node has a second way through it (`alt_*` differ from the first).
    pub(crate) alt: bool,
}

/// What a node adds to a route (bits, blocks, governed), by channel, class and whether it is
/// off the provider, for each of the two answers to an open question.
pub(crate) type Table = [[[[(u8, bool, bool); 2]; 2]; Class::ALL.len()]; Channel::ALL.len()];

/// Everything a [`Shape`] depends on, computed without touching the graph.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct ShapeKey {
    table: Table,
    mode: Mode,
    /// Which nodes are on the provider: its slot among the diagram's hosts' providers, or
    /// `NONE` when no node is hosted there.
    on: u32,
    /// The classes of the term's owner (the address of the cached list).
    owner: usize,
    /// Which customer segments start governed routes, as bits.
    sources: u8,
    /// Whether a node hosted nowhere counts as off the provider (what could be) or on it
    /// (what holds wherever it runs): `Maybe` specs of a diagram with such nodes.
    unhosted_off: bool,
}

impl<'d> Index<'d> {
    pub(crate) fn new(diagram: &'d Diagram) -> Index<'d> {
        Index {
            graph: Graph::new(diagram),
            shapes: Default::default(),
        }
    }

    /// The channels a term governs once the reading's assumptions have widened them.
    pub(crate) fn governed_channels(term: &Term, reading: &Reading) -> Vec<Channel> {
        let mut set = term.scope.channels.clone();
        if reading.assumes(Assumption::StatefulIsApi) && set.contains(&Channel::StatelessApi) {
            set.push(Channel::StatefulApi);
        }
        if reading.assumes(Assumption::ProductIsApi) && set.iter().any(|c| c.is_api_endpoint()) {
            set.extend(Channel::ALL.into_iter().filter(|c| c.is_product()));
        }
        set
    }

    /// Whether the reading's "the effect counts" assumption applies to the term: it is about
    /// access to the models, so it widens only sentences about API access (a sentence about
    /// where products are hosted says nothing of the model behind them).
    pub(crate) fn whole(term: &Term, reading: &Reading) -> bool {
        reading.assumes(Assumption::WholeRoute)
            && term.scope.channels.iter().any(|c| c.is_api_endpoint())
    }

    /// The mode a routing term takes under a reading; `None` for the other kinds of term.
    pub(crate) fn mode<'t>(term: &'t Term, reading: &Reading) -> Option<(Mode, &'t Provider)> {
        let whole = Self::whole(term, reading);
        let (provider, every_hop, alone) = match &term.requirement {
            Requirement::ServedOn {
                provider,
                every_hop,
            } => (provider, every_hop, Mode::PerHop),
            Requirement::RoutedThrough {
                provider,
                every_hop,
            } => (provider, every_hop, Mode::Waypoint),
            _ => return None,
        };
        Some((
            if *every_hop || whole {
                Mode::EveryHop
            } else {
                alone
            },
            provider,
        ))
    }

    /// What `term` under `reading` asks of each node; `None` for a term that walks no routes.
    /// The shape is built once per distinct [`ShapeKey`] in this check.
    pub(crate) fn spec<'c>(
        &self,
        term: &'c Term,
        reading: &Reading,
        resolve: Resolve,
    ) -> Option<Spec<'c>> {
        let (mode, provider) = Self::mode(term, reading)?;
        let classes = self.graph.classes(&term.scope.model_owner);
        let key = self.key(term, reading, resolve, &classes)?;
        let in_scope = |s: Segment| {
            (term.scope.consumers.is_empty() || term.scope.consumers.contains(&s))
                && !term.exemptions.contains(&Exemption::Consumer(s))
        };
        let print = key.fingerprint();
        let cached = self
            .shapes
            .borrow()
            .iter()
            .find(|(p, k, _)| *p == print && *k == key)
            .map(|(.., shape)| shape.clone());
        let shape = match cached {
            Some(shape) => shape,
            None => {
                let id = self.shapes.borrow().len();
                let shape = alloc::rc::Rc::new(self.shape(&key, &classes, in_scope, id));
                self.shapes
                    .borrow_mut()
                    .push((print, key.clone(), shape.clone()));
                shape
            }
        };
        Some(Spec {
            term,
            mode,
            provider,
            shape,
            key,
        })
    }

    /// Everything the shape of `term` under `reading` depends on, without building it. Rows
    /// of the table for channels no node carries are left out: what they say changes nothing.
    fn key(
        &self,
        term: &Term,
        reading: &Reading,
        resolve: Resolve,
        classes: &alloc::rc::Rc<[Class]>,
    ) -> Option<ShapeKey> {
        let (mode, provider) = Self::mode(term, reading)?;
        let in_scope = |s: Segment| {
            (term.scope.consumers.is_empty() || term.scope.consumers.contains(&s))
                && !term.exemptions.contains(&Exemption::Consumer(s))
        };
        let mut table = Self::table(term, reading, resolve, mode);
        for (row, &present) in table.iter_mut().zip(self.graph.channels_present()) {
            if !present {
                *row = Default::default();
            }
        }
        Some(ShapeKey {
            table,
            mode,
            on: self.graph.slot_of(provider),
            owner: alloc::rc::Rc::as_ptr(classes) as *const Class as usize,
            sources: u8::from(in_scope(Segment::Enterprise))
                | u8::from(in_scope(Segment::NationalSecurity)) << 1,
            unhosted_off: resolve == Resolve::Maybe && self.graph.any_unhosted(),
        })
    }

    /// Whether switching from reading `a` to `b` could change what `term` finds here.
    pub(crate) fn differs(&self, term: &Term, a: &Reading, b: &Reading) -> bool {
        if let Requirement::ShipsFirstOn { unless, .. } = term.requirement {
            return unless == crate::clause::Excuse::AsRead
                && a.assumes(Assumption::EitherExcuses) != b.assumes(Assumption::EitherExcuses);
        }
        let classes = self.graph.classes(&term.scope.model_owner);
        [Resolve::Sure, Resolve::Maybe]
            .into_iter()
            .any(|r| self.key(term, a, r, &classes) != self.key(term, b, r, &classes))
    }

    /// What a node adds, by channel, class and whether it is off the provider.
    pub(crate) fn table(term: &Term, reading: &Reading, resolve: Resolve, mode: Mode) -> Table {
        let channels = Self::governed_channels(term, reading);
        let whole = Self::whole(term, reading);
        let mut table: Table =
            [[[[(0u8, false, false); 2]; 2]; Class::ALL.len()]; Channel::ALL.len()];
        for (c, &channel) in Channel::ALL.iter().enumerate() {
            for (k, &class) in Class::ALL.iter().enumerate() {
                for off in [false, true] {
                    let one = |k: Class| {
                        // An API product is "developed with third parties" exactly when it is a
                        // joint product of the owner.
                        let channel =
                            match (channel.is_product() && channel != Channel::NonApiProduct, k) {
                                (true, Class::Joint) => Channel::ThirdPartyApiProduct,
                                (true, Class::Alone) => Channel::FirstPartyApiProduct,
                                _ => channel,
                            };
                        contribution(channel, k, off, term, &channels, mode, whole)
                    };
                    let (a, b) = class.answers();
                    let (a, b) = (one(a), one(b));
                    table[c][k][off as usize] = match resolve {
                        // What holds whichever answer is true: a breach found is certain.
                        Resolve::Sure => {
                            let both = (a.0 & b.0, a.1 || b.1, a.2 && b.2);
                            [both, both]
                        }
                        // Either answer, as two alternative ways through the node.
                        Resolve::Maybe => [a, b],
                    };
                }
            }
        }
        table
    }

    /// The shape a key describes: one table lookup per node.
    fn shape(
        &self,
        key: &ShapeKey,
        classes: &[Class],
        in_scope: impl Fn(Segment) -> bool,
        id: usize,
    ) -> Shape {
        let n = self.graph.n();
        let mut shape = Shape {
            id,
            bits: vec![0u8; n],
            blocked: vec![false; n],
            alt_bits: vec![0u8; n],
            alt_blocked: vec![false; n],
            sources: Vec::new(),
            sink: vec![false; n],
            sinks: Vec::new(),
            governed: vec![false; n],
            unhosted: vec![false; n],
            open: false,
            alt: false,
        };
        // `v` indexes the shape's parallel arrays, the classes and the graph alike.
        #[allow(clippy::needless_range_loop)]
        for v in 0..n {
            if let Some(seg) = self.graph.segment(v) {
                shape.blocked[v] = true;
                if in_scope(seg) {
                    shape.sources.push(v as u32);
                }
                continue;
            }
            let class = classes[v];
            if class == Class::Model {
                shape.sink[v] = true;
                shape.sinks.push(v as u32);
            }
            shape.open |= class.is_open();
            let Some(channel) = self.graph.channel(v) else {
                continue;
            };
            let row = &key.table[channel as usize][class as usize];
            // Where a node hosted nowhere runs is an open question, resolved like who runs it:
            // on the provider for what is certain, off it for what could be.
            let unhosted = self.graph.unhosted(v) && row[0] != row[1];
            let off = match unhosted {
                true => key.unhosted_off,
                false => self.graph.off_slot(v, key.on),
            };
            let [a, b] = row[off as usize];
            shape.unhosted[v] = unhosted;
            shape.open |= unhosted;
            shape.bits[v] = a.0;
            shape.blocked[v] = a.1;
            shape.alt_bits[v] = b.0;
            shape.alt_blocked[v] = b.1;
            shape.governed[v] = a.2 || b.2;
            shape.alt |= a.0 != b.0 || a.1 != b.1;
        }
        shape
    }

    /// Whether a route arriving at a sink in this state breaks the term.
    pub(crate) fn violating(spec: &Spec, state: u8) -> bool {
        match spec.mode {
            Mode::EveryHop => state == G | O,
            Mode::PerHop | Mode::Waypoint => state & G != 0,
        }
    }

    /// Breadth-first search over (node, state); returns the parent of each reached state.
    pub(crate) fn search(&self, spec: &Spec) -> Vec<u32> {
        let mut parent = vec![NONE; self.graph.n() * 4];
        let mut queue: Vec<u32> = Vec::with_capacity(self.graph.n());
        for &s in &spec.sources {
            let id = s * 4;
            if parent[id as usize] == NONE {
                parent[id as usize] = ROOT;
                queue.push(id);
            }
        }
        let mut head = 0;
        while head < queue.len() {
            let cur = queue[head];
            head += 1;
            let (u, state) = ((cur / 4) as usize, (cur % 4) as u8);
            for &v in self.graph.succ(u) {
                let w = v as usize;
                for (bits, blocked) in [
                    (spec.bits[w], spec.blocked[w]),
                    (spec.alt_bits[w], spec.alt_blocked[w]),
                ] {
                    if blocked {
                        continue;
                    }
                    let next = v * 4 + (state | bits) as u32;
                    if parent[next as usize] == NONE {
                        parent[next as usize] = cur;
                        queue.push(next);
                    }
                }
            }
        }
        parent
    }
}

/// What a hop of `channel`, run as `class`, on or `off` the provider, adds to a route under a
/// term in a mode: (bits, blocks the route, governed).
fn contribution(
    channel: Channel,
    class: Class,
    off: bool,
    term: &Term,
    channels: &[Channel],
    mode: Mode,
    whole: bool,
) -> (u8, bool, bool) {
    let exempt = term.exemptions.contains(&Exemption::Channel(channel));
    let operated = term.scope.operated;
    let in_scope = match class {
        Class::Alone => operated != Operated::Jointly,
        Class::Joint => operated != Operated::Alone,
        // Under the spirit, what someone else runs counts as access, for terms about any access
        // (not for terms about what the owner runs alone or jointly).
        Class::Other => whole && operated == Operated::Any,
        Class::Model => true,
        Class::Unknown | Class::Unclear | Class::None => false,
    };
    let named = in_scope && channels.contains(&channel);
    let governed = named && !exempt;
    let serves = matches!(class, Class::Alone | Class::Joint | Class::Model) && !exempt;
    match mode {
        Mode::PerHop => ((governed && off) as u8 * G, false, governed),
        Mode::EveryHop => (
            (governed as u8 * G) | ((serves && off) as u8 * O),
            false,
            governed,
        ),
        // A route still meets the provider at an exempt hop of a named channel: an exemption
        // only ever removes a restriction.
        Mode::Waypoint => (governed as u8 * G, named && !off, governed),
    }
}
