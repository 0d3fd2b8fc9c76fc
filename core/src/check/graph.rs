//! The diagram as a dense graph, built once per check in O(V + E): access edges in compressed
//! rows, each node's channel, segment and host, and who runs it relative to an owner of models.

use super::{Hop, Run};
use crate::clause::Channel;
use crate::model::{
    ComponentId, Diagram, Kind, KindTag, Origin, Provider, RelationKind, Segment, Statefulness,
};
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

/// No node, or a provider no node is hosted on.
pub(crate) const NONE: u32 = u32::MAX;

/// Who runs a node, relative to one owner of models.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Alone,
    Joint,
    Other,
    /// Not set: the owner alone, or someone else.
    Unknown,
    /// A name that mentions the owner without being it: jointly, or someone else.
    Unclear,
    Model,
    None,
}

impl Class {
    /// Every class, in declaration order (`class as usize` indexes this).
    pub(crate) const ALL: [Class; 7] = [
        Class::Alone,
        Class::Joint,
        Class::Other,
        Class::Unknown,
        Class::Unclear,
        Class::Model,
        Class::None,
    ];

    /// The two answers an open question allows; a settled class is its own answer twice.
    pub(crate) fn answers(self) -> (Class, Class) {
        match self {
            Class::Unknown => (Class::Alone, Class::Other),
            Class::Unclear => (Class::Joint, Class::Other),
            settled => (settled, settled),
        }
    }

    /// Whether who runs the node is an open question.
    pub(crate) fn is_open(self) -> bool {
        matches!(self, Class::Unknown | Class::Unclear)
    }
}

/// A dense, read-only view of a diagram.
pub(crate) struct Graph<'d> {
    diagram: &'d Diagram,
    /// Position in `diagram.components` of each dense node (first occurrence of an id).
    comp: Vec<usize>,
    tag: Vec<KindTag>,
    channel: Vec<Option<Channel>>,
    segment: Vec<Option<Segment>>,
    provider: Vec<Option<&'d Provider>>,
    /// The owning party's label, for models.
    owner: Vec<Option<&'d str>>,
    /// The operator's name, for products and endpoints.
    operator: Vec<Option<&'d str>>,
    /// The party it was built with, if any (makes a joint product).
    partner: Vec<Option<&'d str>>,
    /// Marked as built with a third party (its origin).
    third_party: Vec<bool>,
    /// Access edges in compressed rows: successors of `v` are `succ[start[v]..start[v + 1]]`.
    start: Vec<u32>,
    succ: Vec<u32>,
    /// Names reduced to what identifies a party (see [`party_key`]), computed once: the
    /// operator's, the partner's and, for models, the owner's.
    keys: Vec<[Option<String>; 3]>,
    /// Who runs each node, per owner of models asked about so far in this check.
    classes: core::cell::RefCell<Vec<(String, alloc::rc::Rc<[Class]>)>>,
    /// Each provider some node is hosted on, numbered in order of first appearance.
    /// (Sorted, so that a provider's slot is a binary search: no hash table in the bundle.)
    slots: Vec<&'d Provider>,
    /// Each node's provider's slot (`NONE` when not hosted).
    slot: Vec<u32>,
    /// Which channels some node carries, by [`Channel`] order.
    channels_present: [bool; Channel::ALL.len()],
}

/// A name reduced to what identifies it: ASCII letters and digits (full-width ones too),
/// lowercased, and any other visible letter as it is. (ASCII only, so the wasm carries no
/// Unicode case tables.)
pub(crate) fn party_key(s: &str) -> String {
    s.chars()
        // Full-width forms ("ＯｐｅｎＡＩ") are their ASCII letters.
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        })
        // Invisible characters (zero-width spaces and joiners, soft hyphens, marks) say nothing.
        .filter(|&c| !crate::limits::is_hidden(c) && !crate::limits::is_invisible_format(c))
        .filter(|c| c.is_ascii_alphanumeric() || !c.is_ascii())
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether a name mentions a party without being it: "OpenAI and Amazon" mentions OpenAI.
pub fn mentions_party(name: &str, party: &str) -> bool {
    let (n, p) = (party_key(name), party_key(party));
    !p.is_empty() && n != p && n.contains(&p)
}

/// Whether two names denote the same party: ASCII letters and digits compared without case,
/// so "Open AI" and "openai" are OpenAI, but "OpenAI and Amazon" is not (it says "jointly").
pub fn same_party(a: &str, b: &str) -> bool {
    let (a, b) = (party_key(a), party_key(b));
    !a.is_empty() && a == b
}

impl<'d> Graph<'d> {
    pub(crate) fn new(diagram: &'d Diagram) -> Graph<'d> {
        let ids = crate::model::IdIndex::new(&diagram.components);
        // Dense node numbers: one per distinct id, in order of first appearance.
        let mut node_of = vec![u32::MAX; diagram.components.len()];
        let mut comp = Vec::with_capacity(diagram.components.len());
        for (i, c) in diagram.components.iter().enumerate() {
            if ids.get(c.id) == Some(i) {
                node_of[i] = comp.len() as u32;
                comp.push(i);
            }
        }
        let dense = |id: ComponentId| ids.get(id).map(|i| node_of[i]);
        let n = comp.len();
        let kinds: Vec<&Kind> = comp.iter().map(|&i| &diagram.components[i].kind).collect();
        let tag: Vec<KindTag> = kinds.iter().map(|k| k.tag()).collect();
        let mut partner: Vec<Option<&str>> = vec![None; n];
        let mut provider: Vec<Option<&Provider>> = vec![None; n];
        let mut owner: Vec<Option<&str>> = vec![None; n];
        let mut degree = vec![0u32; n + 1];
        let mut edges: Vec<(u32, u32)> = Vec::with_capacity(diagram.relations.len());
        let label = |v: u32| diagram.components[comp[v as usize]].label.as_str();
        for r in &diagram.relations {
            let (Some(a), Some(b)) = (dense(r.from), dense(r.to)) else {
                continue;
            };
            let (ai, bi) = (a as usize, b as usize);
            if a == b || !r.kind.allows(tag[ai], tag[bi]) {
                continue;
            }
            match r.kind {
                RelationKind::HostedOn => {
                    if provider[ai].is_none() {
                        if let Kind::Host { provider: p } = kinds[bi] {
                            provider[ai] = Some(p);
                        }
                    }
                }
                RelationKind::Owns => {
                    if owner[bi].is_none() {
                        owner[bi] = Some(label(a));
                    }
                }
                RelationKind::BuiltWith => {
                    if partner[ai].is_none() {
                        partner[ai] = Some(label(b));
                    }
                }
                RelationKind::Uses | RelationKind::Calls | RelationKind::Exposes => {
                    degree[ai] += 1;
                    edges.push((a, b));
                }
            }
        }
        let mut start = vec![0u32; n + 1];
        for v in 0..n {
            start[v + 1] = start[v] + degree[v];
        }
        let mut fill = start.clone();
        let mut succ = vec![0u32; edges.len()];
        for (a, b) in edges {
            succ[fill[a as usize] as usize] = b;
            fill[a as usize] += 1;
        }
        let third_party: Vec<bool> = kinds
            .iter()
            .map(|k| {
                matches!(
                    k,
                    Kind::Endpoint {
                        origin: Origin::ThirdParty,
                        ..
                    } | Kind::Product {
                        origin: Origin::ThirdParty,
                        ..
                    }
                )
            })
            .collect();
        // An API product's channel as drawn; `spec_with` corrects it by who runs it.
        let marked: Vec<bool> = third_party
            .iter()
            .zip(&partner)
            .map(|(&t, p)| t || p.is_some())
            .collect();
        let channel: Vec<Option<Channel>> = kinds
            .iter()
            .zip(&marked)
            .map(|(k, &j)| match k {
                Kind::Endpoint { state, .. } => Some(match state {
                    Statefulness::Stateless => Channel::StatelessApi,
                    Statefulness::Stateful => Channel::StatefulApi,
                }),
                Kind::Product { api, .. } => Some(if !api {
                    Channel::NonApiProduct
                } else if j {
                    Channel::ThirdPartyApiProduct
                } else {
                    Channel::FirstPartyApiProduct
                }),
                Kind::Model => Some(Channel::Model),
                _ => None,
            })
            .collect();
        let segment = kinds
            .iter()
            .map(|k| match k {
                Kind::Customer { segment } => Some(*segment),
                _ => None,
            })
            .collect();
        let operator: Vec<Option<&str>> = kinds.iter().map(|k| k.operator()).collect();
        let mut channels_present = [false; Channel::ALL.len()];
        for c in channel.iter().flatten() {
            channels_present[*c as usize] = true;
        }
        let mut slots: Vec<&Provider> = provider.iter().flatten().copied().collect();
        slots.sort_unstable();
        slots.dedup();
        let slot = provider
            .iter()
            .map(|p| p.map_or(NONE, |p| slots.binary_search(&p).map_or(NONE, |i| i as u32)))
            .collect();
        let keys = (0..n)
            .map(|v| [operator[v], partner[v], owner[v]].map(|name| name.map(party_key)))
            .collect();
        Graph {
            diagram,
            comp,
            tag,
            channel,
            segment,
            provider,
            owner,
            operator,
            partner,
            third_party,
            start,
            succ,
            keys,
            classes: Default::default(),
            slots,
            slot,
            channels_present,
        }
    }

    pub(crate) fn n(&self) -> usize {
        self.comp.len()
    }

    /// The access edges reversed, in compressed rows: predecessors of `v` are
    /// `pred[start[v]..start[v + 1]]`.
    pub(crate) fn reverse(&self) -> (Vec<u32>, Vec<u32>) {
        let n = self.n();
        let mut start = vec![0u32; n + 1];
        for &v in &self.succ {
            start[v as usize + 1] += 1;
        }
        for v in 0..n {
            start[v + 1] += start[v];
        }
        let mut fill = start.clone();
        let mut pred = vec![0u32; self.succ.len()];
        for u in 0..n {
            for &v in self.succ(u) {
                pred[fill[v as usize] as usize] = u as u32;
                fill[v as usize] += 1;
            }
        }
        (start, pred)
    }

    pub(crate) fn succ(&self, v: usize) -> &[u32] {
        &self.succ[self.start[v] as usize..self.start[v + 1] as usize]
    }

    pub(crate) fn id(&self, v: usize) -> ComponentId {
        self.diagram.components[self.comp[v]].id
    }

    pub(crate) fn label(&self, v: usize) -> &'d str {
        &self.diagram.components[self.comp[v]].label
    }

    /// Who runs node `v`, relative to the owner of the protected models.
    pub(crate) fn class(&self, v: usize, owner: &str) -> Class {
        self.classes(owner)[v]
    }

    /// Who runs node `v`, given the owner's [`party_key`].
    fn class_of(&self, v: usize, owner: &str) -> Class {
        let [operator, partner, model_owner] = &self.keys[v];
        let is = |k: &Option<String>| k.as_deref() == Some(owner) && !owner.is_empty();
        match self.tag[v] {
            KindTag::Model if is(model_owner) => Class::Model,
            KindTag::Product | KindTag::Endpoint => {
                // Built with a third party: the owner is not a third party to itself.
                let joint = self.third_party[v] || (partner.is_some() && !is(partner));
                match operator {
                    Some(_) if is(operator) => {
                        if joint {
                            Class::Joint
                        } else {
                            Class::Alone
                        }
                    }
                    // It mentions the owner without being it ("OpenAI and Amazon"): jointly or
                    // someone else's, an open question; never silently "someone else".
                    Some(name) if !owner.is_empty() && name.contains(owner) => Class::Unclear,
                    Some(_) => Class::Other,
                    None if joint => Class::Joint,
                    None => Class::Unknown,
                }
            }
            _ => Class::None,
        }
    }

    /// Who runs node `v`, for display.
    pub(crate) fn run(&self, v: usize, owner: &str) -> Run {
        match self.class(v, owner) {
            Class::Alone => Run::Owner(self.operator[v].unwrap_or(owner).into()),
            Class::Joint => Run::Joint(
                self.operator[v].unwrap_or(owner).into(),
                self.partner[v].map(String::from),
            ),
            Class::Other => Run::Other(self.operator[v].unwrap_or_default().into()),
            Class::Unknown => Run::Unknown,
            Class::Unclear => Run::Unclear(self.operator[v].unwrap_or_default().into()),
            Class::Model => Run::Model,
            Class::None if self.tag[v] == KindTag::Customer => Run::Customer,
            Class::None => Run::Other(self.owner[v].unwrap_or_default().into()),
        }
    }

    /// Who runs every node, relative to one owner of models: worked out once per owner and
    /// check.
    pub(crate) fn classes(&self, owner: &str) -> alloc::rc::Rc<[Class]> {
        let mut cache = self.classes.borrow_mut();
        if let Some((_, c)) = cache.iter().find(|(o, _)| o == owner) {
            return c.clone();
        }
        let key = party_key(owner);
        let c: alloc::rc::Rc<[Class]> = (0..self.n()).map(|v| self.class_of(v, &key)).collect();
        cache.push((owner.into(), c.clone()));
        c
    }

    /// Whether node `v` needs hosting and is not hosted on `provider`.
    pub(crate) fn off(&self, v: usize, provider: &Provider) -> bool {
        self.off_slot(v, self.slot_of(provider))
    }

    /// The slot of a provider (`NONE` when no node is hosted on it).
    pub(crate) fn slot_of(&self, provider: &Provider) -> u32 {
        self.slots
            .binary_search(&provider)
            .map_or(NONE, |i| i as u32)
    }

    /// [`Index::off`] for the provider in slot `on` (`NONE`: a provider no node is on).
    pub(crate) fn off_slot(&self, v: usize, on: u32) -> bool {
        self.tag[v].needs_hosting() && (on == NONE || self.slot[v] != on)
    }

    /// Whether node `v` needs hosting and is hosted nowhere: where it runs is an open question.
    pub(crate) fn unhosted(&self, v: usize) -> bool {
        self.tag[v].needs_hosting() && self.slot[v] == NONE
    }

    /// Whether some node that carries a channel is hosted nowhere.
    pub(crate) fn any_unhosted(&self) -> bool {
        (0..self.n()).any(|v| self.channel[v].is_some() && self.unhosted(v))
    }

    pub(crate) fn hop(
        &self,
        v: usize,
        owner: &str,
        provider: Option<&Provider>,
        governed: bool,
        offending: bool,
    ) -> Hop {
        Hop {
            component: self.id(v),
            label: self.label(v).into(),
            provider: self.provider[v].cloned(),
            run: self.run(v, owner),
            channel: self.channel[v],
            off_provider: provider.is_some_and(|p| self.off(v, p)),
            governed,
            offending,
            skipped: 0,
        }
    }

    /// The kind of node `v`, as drawn.
    pub(crate) fn kind(&self, v: usize) -> &'d Kind {
        &self.diagram.components[self.comp[v]].kind
    }

    /// The channel node `v` carries, if it is a product, an endpoint or a model.
    pub(crate) fn channel(&self, v: usize) -> Option<Channel> {
        self.channel[v]
    }

    /// The diagram the graph views.
    pub(crate) fn diagram(&self) -> &'d Diagram {
        self.diagram
    }

    /// The position in the diagram's components of node `v`.
    pub(crate) fn comp(&self, v: usize) -> usize {
        self.comp[v]
    }

    /// The provider node `v` is hosted on, if any.
    pub(crate) fn provider(&self, v: usize) -> Option<&'d Provider> {
        self.provider[v]
    }

    /// The segment of node `v`, if it is a customer.
    pub(crate) fn segment(&self, v: usize) -> Option<Segment> {
        self.segment[v]
    }

    /// Which channels some node carries, by [`Channel`] order.
    pub(crate) fn channels_present(&self) -> &[bool; Channel::ALL.len()] {
        &self.channels_present
    }
}
