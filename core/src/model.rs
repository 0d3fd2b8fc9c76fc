//! The deal model: a typed graph of components and relations.
//!
//! A [`Diagram`] is plain data. It may be malformed (a dangling reference, a relation between
//! kinds that cannot have it); [`Diagram::problems`] reports such things as values, and the
//! checker tolerates them.

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;
use serde::{Deserialize, Serialize};

/// Identifies a component within one diagram.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ComponentId(pub u32);

impl fmt::Display for ComponentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A calendar date, compared chronologically. A day of 0 means "some day in that month".
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day, 1 to 31, or 0 when only the month is known.
    pub day: u8,
}

impl Date {
    /// The years a date may name.
    pub const YEARS: core::ops::RangeInclusive<u16> = 1900..=2200;

    /// Builds a date; the caller guarantees the ranges.
    pub const fn new(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// Whether `self` is certainly before `other` (`Some(true)`), certainly not (`Some(false)`),
    /// or may be either (`None`). A date with day 0 stands for any day of its month.
    pub fn before(self, other: Date) -> Option<bool> {
        if (self.year, self.month) != (other.year, other.month) {
            return Some((self.year, self.month) < (other.year, other.month));
        }
        // Within one month: each date is a range of days.
        let range = |d: Date| if d.day == 0 { (1, 31) } else { (d.day, d.day) };
        let ((a1, a2), (b1, b2)) = (range(self), range(other));
        if a2 < b1 {
            Some(true)
        } else if a1 >= b2 {
            Some(false)
        } else {
            None
        }
    }

    /// Parses `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, String> {
        let bad = || format!("invalid date `{text}`: expected YYYY-MM-DD");
        let mut parts = text.split('-');
        let year: u16 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let month: u8 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let day: u8 = match parts.next() {
            Some(p) => p.parse().map_err(|_| bad())?,
            None => 0,
        };
        if parts.next().is_some() || !(1..=12).contains(&month) || day > 31 {
            return Err(bad());
        }
        if !Date::YEARS.contains(&year) {
            return Err(format!(
                "the date `{text}` is not between {} and {}",
                Date::YEARS.start(),
                Date::YEARS.end()
            ));
        }
        Ok(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.day == 0 {
            write!(f, "{:04}-{:02}", self.year, self.month)
        } else {
            write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
        }
    }
}

/// A cloud or hosting provider.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Provider {
    /// Microsoft Azure.
    Azure,
    /// Amazon Web Services.
    Aws,
    /// Google Cloud.
    GoogleCloud,
    /// Oracle Cloud Infrastructure.
    Oracle,
    /// The party's own data centres.
    OnPremises,
    /// Any other provider, by name.
    Other(String),
}

impl Provider {
    /// The built-in providers, in menu order.
    pub const BUILT_IN: [Provider; 5] = [
        Provider::Azure,
        Provider::Aws,
        Provider::GoogleCloud,
        Provider::Oracle,
        Provider::OnPremises,
    ];

    /// Human name, e.g. "Google Cloud".
    pub fn name(&self) -> &str {
        match self {
            Provider::Azure => "Azure",
            Provider::Aws => "AWS",
            Provider::GoogleCloud => "Google Cloud",
            Provider::Oracle => "Oracle",
            Provider::OnPremises => "on-premises",
            Provider::Other(name) => name,
        }
    }

    /// Short keyword used in text forms, e.g. `gcp`.
    pub fn keyword(&self) -> String {
        match self {
            Provider::Other(name) => format!("other:{name}"),
            builtin => builtin.short().into(),
        }
    }

    /// A built-in provider's keyword; another provider's name.
    fn short(&self) -> &str {
        match self {
            Provider::Azure => "azure",
            Provider::Aws => "aws",
            Provider::GoogleCloud => "gcp",
            Provider::Oracle => "oracle",
            Provider::OnPremises => "on-prem",
            Provider::Other(name) => name,
        }
    }

    /// A named provider whose name is a built-in provider's name or keyword, compared by ASCII
    /// letters and digits without case ("azure", "Google Cloud", "on-prem"), is that built-in
    /// provider; any other provider is itself.
    pub fn canonical(self) -> Provider {
        let Provider::Other(name) = &self else {
            return self;
        };
        // Compared a character at a time, with one key built: clause text names a provider in
        // every `requires` line, and the workbench reads it on every keystroke.
        let folded = |s: &str| {
            s.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect::<Vec<char>>()
        };
        let k = folded(name);
        let same = |s: &str| {
            s.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .eq(k.iter().copied())
        };
        Provider::BUILT_IN
            .into_iter()
            .find(|p| same(p.name()) || same(p.short()))
            .unwrap_or(self)
    }

    /// Inverse of [`Provider::keyword`].
    pub fn from_keyword(word: &str) -> Option<Provider> {
        Some(match word {
            "azure" => Provider::Azure,
            "aws" => Provider::Aws,
            "gcp" => Provider::GoogleCloud,
            "oracle" => Provider::Oracle,
            "on-prem" => Provider::OnPremises,
            _ => Provider::Other(
                word.strip_prefix("other:")
                    .filter(|n| !n.trim().is_empty())?
                    .into(),
            )
            .canonical(),
        })
    }
}

/// Whether an API endpoint keeps session state.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Statefulness {
    /// Each request stands alone (the classic model API).
    Stateless,
    /// A runtime that keeps state across calls (an agent runtime).
    Stateful,
}

/// Who built a product or endpoint.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Origin {
    /// Built by the model owner alone.
    FirstParty,
    /// Built with a third party.
    ThirdParty,
}

/// What kind of customer uses a product or endpoint.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Segment {
    /// An ordinary enterprise customer.
    Enterprise,
    /// A US-government national-security customer.
    NationalSecurity,
}

impl Segment {
    /// Every segment, in declaration order.
    pub const ALL: [Segment; 2] = [Segment::Enterprise, Segment::NationalSecurity];

    /// The customers of the segment, in a sentence: "US national-security customers".
    pub fn customers(self) -> &'static str {
        match self {
            Segment::Enterprise => "enterprise customers",
            Segment::NationalSecurity => "US national-security customers",
        }
    }

    /// Lowercase keyword: `enterprise`, `national-security`.
    pub fn keyword(self) -> &'static str {
        match self {
            Segment::Enterprise => "enterprise",
            Segment::NationalSecurity => "national-security",
        }
    }

    /// The segment a keyword names.
    pub fn from_keyword(word: &str) -> Option<Segment> {
        Segment::ALL.into_iter().find(|s| s.keyword() == word)
    }
}

/// Who runs a product or endpoint, as the user set it. `None` (in the `operator` fields) means
/// nobody said: an open question, unless the component was built with a third party, which makes
/// it a joint product of the models' owner and that party.
pub type Operator = Option<String>;

/// The most characters in an operator's name.
pub const MAX_OPERATOR: usize = 80;

/// A product's launch on one provider.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Launch {
    /// Where it launches.
    pub provider: Provider,
    /// When.
    pub date: Date,
}

/// What a component is, with the attributes of that kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// A company: Microsoft, OpenAI, Amazon.
    Party,
    /// An AI model; its owner is the party with an `owns` relation to it.
    Model,
    /// An API endpoint that serves a model.
    Endpoint {
        /// Stateless or stateful.
        state: Statefulness,
        /// First-party or built with a third party.
        origin: Origin,
        /// Who runs it (a party's name), if set.
        operator: Operator,
    },
    /// A hosting provider (a cloud region, a data centre).
    Host {
        /// Which provider.
        provider: Provider,
    },
    /// An enterprise product such as Frontier.
    Product {
        /// First-party or built with a third party.
        origin: Origin,
        /// Whether the product is itself an API product.
        api: bool,
        /// Launch dates per provider, where known; the earliest is its first launch.
        launches: Vec<Launch>,
        /// Who runs it (a party's name), if set.
        operator: Operator,
        /// Microsoft cannot support the capability on Azure (the 2026-04 exception).
        cannot_support: bool,
        /// Microsoft chose not to support the capability on Azure (the 2026-04 exception).
        declines_support: bool,
    },
    /// A customer.
    Customer {
        /// Enterprise or national security.
        segment: Segment,
    },
}

/// The six kinds of component, without attributes: for palettes and validation.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KindTag {
    /// See [`Kind::Party`].
    Party,
    /// See [`Kind::Model`].
    Model,
    /// See [`Kind::Endpoint`].
    Endpoint,
    /// See [`Kind::Host`].
    Host,
    /// See [`Kind::Product`].
    Product,
    /// See [`Kind::Customer`].
    Customer,
}

impl KindTag {
    /// All kinds, in palette order.
    pub const ALL: [KindTag; 6] = [
        KindTag::Customer,
        KindTag::Product,
        KindTag::Endpoint,
        KindTag::Model,
        KindTag::Host,
        KindTag::Party,
    ];

    /// Lowercase name used in messages and text forms.
    pub fn keyword(self) -> &'static str {
        match self {
            KindTag::Party => "party",
            KindTag::Model => "model",
            KindTag::Endpoint => "endpoint",
            KindTag::Host => "host",
            KindTag::Product => "product",
            KindTag::Customer => "customer",
        }
    }

    /// Human name for the palette.
    pub fn title(self) -> &'static str {
        match self {
            KindTag::Party => "Party",
            KindTag::Model => "AI model",
            KindTag::Endpoint => "API endpoint",
            KindTag::Host => "Hosting provider",
            KindTag::Product => "Enterprise product",
            KindTag::Customer => "Customer",
        }
    }

    /// The attributes a new component of this kind starts with.
    pub fn default_kind(self) -> Kind {
        match self {
            KindTag::Party => Kind::Party,
            KindTag::Model => Kind::Model,
            KindTag::Endpoint => Kind::Endpoint {
                state: Statefulness::Stateless,
                origin: Origin::FirstParty,
                operator: None,
            },
            KindTag::Host => Kind::Host {
                provider: Provider::Azure,
            },
            // Not an API product until the user says so: whether a product is one is what the
            // clauses turn on, so a new product does not presume it.
            KindTag::Product => Kind::Product {
                origin: Origin::FirstParty,
                api: false,
                launches: Vec::new(),
                operator: None,
                cannot_support: false,
                declines_support: false,
            },
            KindTag::Customer => Kind::Customer {
                segment: Segment::Enterprise,
            },
        }
    }

    /// Whether components of this kind must be hosted somewhere.
    pub fn needs_hosting(self) -> bool {
        matches!(self, KindTag::Model | KindTag::Endpoint | KindTag::Product)
    }
}

impl Kind {
    /// Who runs the component, for products and endpoints.
    pub fn operator(&self) -> Option<&str> {
        match self {
            Kind::Endpoint { operator, .. } | Kind::Product { operator, .. } => operator.as_deref(),
            _ => None,
        }
    }

    /// Sets who runs a product or endpoint; other kinds have no operator.
    pub fn set_operator(&mut self, name: Operator) {
        if let Kind::Endpoint { operator, .. } | Kind::Product { operator, .. } = self {
            *operator = name;
        }
    }

    /// The kind without its attributes.
    pub fn tag(&self) -> KindTag {
        match self {
            Kind::Party => KindTag::Party,
            Kind::Model => KindTag::Model,
            Kind::Endpoint { .. } => KindTag::Endpoint,
            Kind::Host { .. } => KindTag::Host,
            Kind::Product { .. } => KindTag::Product,
            Kind::Customer { .. } => KindTag::Customer,
        }
    }
}

/// One box on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// Unique within the diagram.
    pub id: ComponentId,
    /// What the user calls it, e.g. "Frontier".
    pub label: String,
    /// Kind and attributes.
    pub kind: Kind,
    /// Canvas position of the top-left corner, in canvas units.
    pub x: f32,
    /// See `x`.
    pub y: f32,
}

/// Position of each component id in `Diagram::components` (the first, if an id repeats). Ids are
/// usually small numbers, so a plain vector indexed by id does the job in O(1) per lookup;
/// sparse ids fall back to a sorted list, searched by halving (no hash table in the wasm).
pub struct IdIndex {
    direct: Vec<u32>,
    /// (id, position), sorted by id, the first position of each id only.
    sparse: Vec<(u32, u32)>,
}

impl IdIndex {
    /// Indexes the components' ids.
    pub fn new(components: &[Component]) -> IdIndex {
        let max = components
            .iter()
            .map(|c| c.id.0 as usize)
            .max()
            .unwrap_or(0);
        let mut index = IdIndex {
            direct: Vec::new(),
            sparse: Default::default(),
        };
        if max <= 4 * components.len() + 64 {
            index.direct = vec![u32::MAX; max + 1];
            for (i, c) in components.iter().enumerate() {
                let slot = &mut index.direct[c.id.0 as usize];
                if *slot == u32::MAX {
                    *slot = i as u32;
                }
            }
        } else {
            index.sparse = components
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.0, i as u32))
                .collect();
            // By id, then position: the first position of a repeated id comes first.
            index.sparse.sort_unstable();
            index.sparse.dedup_by_key(|&mut (id, _)| id);
        }
        index
    }

    #[inline]
    /// The position of the component with this id, if any.
    pub fn get(&self, id: ComponentId) -> Option<usize> {
        if self.direct.is_empty() {
            self.sparse
                .binary_search_by_key(&id.0, |&(k, _)| k)
                .ok()
                .map(|i| self.sparse[i].1 as usize)
        } else {
            self.direct
                .get(id.0 as usize)
                .filter(|&&i| i != u32::MAX)
                .map(|&i| i as usize)
        }
    }
}

/// One number per (tail, head, kind) of relation, for duplicate detection.
fn relation_key(from: Option<usize>, to: Option<usize>, kind: RelationKind) -> u64 {
    ((from.unwrap_or(0) as u64) << 34) | ((to.unwrap_or(0) as u64) << 4) | kind as u64
}

/// The kinds of relation between components.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RelationKind {
    /// Model, endpoint or product → host.
    HostedOn,
    /// Product or endpoint → product, endpoint or model: traffic flows this way.
    Calls,
    /// Endpoint → model it serves.
    Exposes,
    /// Customer → product or endpoint.
    Uses,
    /// Party → model.
    Owns,
    /// Product or endpoint → the third party it was built with.
    BuiltWith,
}

impl RelationKind {
    /// All relation kinds.
    pub const ALL: [RelationKind; 6] = [
        RelationKind::Uses,
        RelationKind::Calls,
        RelationKind::Exposes,
        RelationKind::HostedOn,
        RelationKind::Owns,
        RelationKind::BuiltWith,
    ];

    /// Text keyword, e.g. `hosted-on`.
    pub fn keyword(self) -> &'static str {
        match self {
            RelationKind::HostedOn => "hosted-on",
            RelationKind::Calls => "calls",
            RelationKind::Exposes => "exposes",
            RelationKind::Uses => "uses",
            RelationKind::Owns => "owns",
            RelationKind::BuiltWith => "built-with",
        }
    }

    /// Label drawn on the arrow, e.g. "hosted on".
    pub fn label(self) -> &'static str {
        match self {
            RelationKind::HostedOn => "hosted on",
            RelationKind::Calls => "calls",
            RelationKind::Exposes => "exposes",
            RelationKind::Uses => "uses",
            RelationKind::Owns => "owns",
            RelationKind::BuiltWith => "built with",
        }
    }

    /// Inverse of [`RelationKind::keyword`].
    pub fn from_keyword(word: &str) -> Option<RelationKind> {
        RelationKind::ALL.into_iter().find(|k| k.keyword() == word)
    }

    /// Whether traffic to a model travels along this relation.
    pub fn is_access(self) -> bool {
        matches!(
            self,
            RelationKind::Uses | RelationKind::Calls | RelationKind::Exposes
        )
    }

    /// Whether a relation of this kind may go from `from` to `to`.
    pub fn allows(self, from: KindTag, to: KindTag) -> bool {
        use KindTag as K;
        match self {
            RelationKind::HostedOn => from.needs_hosting() && to == K::Host,
            RelationKind::Calls => {
                matches!(from, K::Product | K::Endpoint)
                    && matches!(to, K::Product | K::Endpoint | K::Model)
            }
            RelationKind::Exposes => from == K::Endpoint && to == K::Model,
            RelationKind::Uses => from == K::Customer && matches!(to, K::Product | K::Endpoint),
            RelationKind::Owns => from == K::Party && to == K::Model,
            RelationKind::BuiltWith => matches!(from, K::Product | K::Endpoint) && to == K::Party,
        }
    }

    /// The relation a connection from `from` to `to` most likely means, if any is allowed.
    pub fn infer(from: KindTag, to: KindTag) -> Option<RelationKind> {
        use KindTag as K;
        let preferred = match (from, to) {
            (K::Endpoint, K::Model) => RelationKind::Exposes,
            (_, K::Host) => RelationKind::HostedOn,
            (K::Customer, _) => RelationKind::Uses,
            (K::Party, _) => RelationKind::Owns,
            (_, K::Party) => RelationKind::BuiltWith,
            _ => RelationKind::Calls,
        };
        if preferred.allows(from, to) {
            Some(preferred)
        } else {
            RelationKind::ALL.into_iter().find(|k| k.allows(from, to))
        }
    }

    /// Every relation kind allowed between the two kinds, for the "change relation" menu.
    pub fn choices(from: KindTag, to: KindTag) -> Vec<RelationKind> {
        RelationKind::ALL
            .into_iter()
            .filter(|k| k.allows(from, to))
            .collect()
    }
}

/// One arrow on the canvas.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Relation {
    /// Tail of the arrow.
    pub from: ComponentId,
    /// Head of the arrow.
    pub to: ComponentId,
    /// What the arrow means.
    pub kind: RelationKind,
}

/// A deal structure: the thing the user draws and the checker reads.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Diagram {
    /// The boxes.
    pub components: Vec<Component>,
    /// The arrows.
    pub relations: Vec<Relation>,
}

/// What is wrong with a diagram's structure.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProblemCode {
    /// Two components share an id.
    DuplicateId,
    /// A relation names a component that does not exist.
    DanglingReference,
    /// A relation joins kinds that cannot have it.
    InvalidRelation,
    /// The same relation appears twice.
    DuplicateRelation,
    /// A relation from a component to itself.
    SelfRelation,
    /// A model, endpoint or product with no `hosted on` relation.
    MissingHosting,
    /// A component hosted on more than one provider.
    MultipleHosting,
    /// A model that no party owns.
    MissingOwner,
    /// A position that is NaN or infinite.
    NonFinitePosition,
}

/// One structural problem, naming the components involved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Machine-readable kind of problem.
    pub code: ProblemCode,
    /// Lowercase message that quotes the labels involved.
    pub message: String,
    /// The components involved, for highlighting.
    pub components: Vec<ComponentId>,
}

impl Diagram {
    /// The component with this id, if any.
    pub fn component(&self, id: ComponentId) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }

    /// Mutable access to the component with this id.
    pub fn component_mut(&mut self, id: ComponentId) -> Option<&mut Component> {
        self.components.iter_mut().find(|c| c.id == id)
    }

    /// A fresh id, one above the largest in use.
    pub fn next_id(&self) -> ComponentId {
        ComponentId(
            self.components
                .iter()
                .map(|c| c.id.0.saturating_add(1))
                .max()
                .unwrap_or(1),
        )
    }

    /// The label of a component, or its id when it does not exist.
    pub fn label(&self, id: ComponentId) -> String {
        match self.component(id) {
            Some(c) => c.label.clone(),
            None => format!("{id}"),
        }
    }

    /// The provider each component is hosted on (the first, if several), by position in
    /// `components`, in one pass; [`Diagram::provider_of`] answers for one component.
    pub fn providers(&self, index: &IdIndex) -> Vec<Option<&Provider>> {
        let mut out = vec![None; self.components.len()];
        for r in self
            .relations
            .iter()
            .filter(|r| r.kind == RelationKind::HostedOn)
        {
            let (Some(a), Some(b)) = (index.get(r.from), index.get(r.to)) else {
                continue;
            };
            if let (None, Kind::Host { provider }) = (out[a], &self.components[b].kind) {
                out[a] = Some(provider);
            }
        }
        out
    }

    /// The provider a component is hosted on (the first, if several).
    pub fn provider_of(&self, id: ComponentId) -> Option<&Provider> {
        self.relations
            .iter()
            .filter(|r| r.from == id && r.kind == RelationKind::HostedOn)
            .find_map(|r| match self.component(r.to).map(|c| &c.kind) {
                Some(Kind::Host { provider }) => Some(provider),
                _ => None,
            })
    }

    /// Every structural problem, in a stable order. An empty list means well-formed.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Problems(Vec::new());
        self.id_and_position_problems(&mut out);
        // Dense positions instead of hashing ids: linear in the size of the diagram.
        let dense = IdIndex::new(&self.components);
        let (host_names, owned) = self.relation_problems(&dense, &mut out);
        self.hosting_and_owner_problems(&dense, &host_names, &owned, &mut out);
        out.0
    }

    /// Two components with one id, and positions that are not numbers.
    fn id_and_position_problems(&self, out: &mut Problems) {
        let mut ids: Vec<(ComponentId, usize)> = self
            .components
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        ids.sort_unstable();
        for pair in ids.windows(2) {
            if pair[0].0 == pair[1].0 {
                let (a, b) = (&self.components[pair[0].1], &self.components[pair[1].1]);
                out.push(
                    ProblemCode::DuplicateId,
                    format!("`{}` and `{}` share the id {}", a.label, b.label, a.id),
                    alloc::vec![a.id],
                );
            }
        }
        for c in &self.components {
            if !c.x.is_finite() || !c.y.is_finite() {
                out.push(
                    ProblemCode::NonFinitePosition,
                    format!("`{}` has an invalid position", c.label),
                    alloc::vec![c.id],
                );
            }
        }
    }

    /// Relations that name a missing component, relate one to itself, are not allowed between
    /// their kinds, or appear twice. Returns, by position, each component's hosts and whether
    /// it is owned (one pass over the relations).
    fn relation_problems(
        &self,
        dense: &IdIndex,
        out: &mut Problems,
    ) -> (Vec<Vec<usize>>, Vec<bool>) {
        let pos_of = |id: ComponentId| -> Option<usize> { dense.get(id) };
        let label_of = |id: ComponentId| -> String {
            match pos_of(id) {
                Some(i) => self.components[i].label.clone(),
                None => format!("{id}"),
            }
        };
        let tag_of = |id: ComponentId| -> Option<KindTag> {
            pos_of(id).map(|i| self.components[i].kind.tag())
        };
        let mut push = |code, message: String, components: Vec<ComponentId>| {
            out.push(code, message, components)
        };
        // One pass over the relations fills these; twins are found by sorting the keys after it
        // (a sort costs less wasm than a hash set, and is as fast at these sizes).
        let mut keys: Vec<(u64, usize)> = Vec::with_capacity(self.relations.len());
        // The hosts of each component, by position (named only when there are several).
        let mut host_names: Vec<Vec<usize>> = vec![Vec::new(); self.components.len()];
        let mut owned = vec![false; self.components.len()];
        for (i, r) in self.relations.iter().enumerate() {
            let (from, to) = (tag_of(r.from), tag_of(r.to));
            let (Some(from), Some(to)) = (from, to) else {
                let missing = if from.is_none() { r.from } else { r.to };
                push(
                    ProblemCode::DanglingReference,
                    format!(
                        "the `{}` relation from `{}` to `{}` names {}, which does not exist",
                        r.kind.keyword(),
                        label_of(r.from),
                        label_of(r.to),
                        missing
                    ),
                    [r.from, r.to]
                        .into_iter()
                        .filter(|&i| tag_of(i).is_some())
                        .collect(),
                );
                continue;
            };
            if r.from == r.to {
                push(
                    ProblemCode::SelfRelation,
                    format!(
                        "`{}` has a `{}` relation to itself",
                        label_of(r.from),
                        r.kind.keyword()
                    ),
                    alloc::vec![r.from],
                );
            } else if !r.kind.allows(from, to) {
                push(
                    ProblemCode::InvalidRelation,
                    format!(
                        "a {} (`{}`) cannot have a `{}` relation to a {} (`{}`)",
                        from.keyword(),
                        label_of(r.from),
                        r.kind.keyword(),
                        to.keyword(),
                        label_of(r.to)
                    ),
                    alloc::vec![r.from, r.to],
                );
            } else {
                keys.push((relation_key(pos_of(r.from), pos_of(r.to), r.kind), i));
            }
            if r.kind == RelationKind::HostedOn && to == KindTag::Host {
                if let (Some(i), Some(h)) = (pos_of(r.from), pos_of(r.to)) {
                    host_names[i].push(h);
                }
            }
            if r.kind == RelationKind::Owns {
                if let Some(i) = pos_of(r.to) {
                    owned[i] = true;
                }
            }
        }
        // Each relation after the first with the same ends and kind appears twice.
        keys.sort_unstable();
        let mut twins: Vec<usize> = keys
            .windows(2)
            .filter(|w| w[0].0 == w[1].0)
            .map(|w| w[1].1)
            .collect();
        twins.sort_unstable();
        for r in twins.into_iter().map(|i| &self.relations[i]) {
            push(
                ProblemCode::DuplicateRelation,
                format!(
                    "`{}` {} `{}` appears twice",
                    label_of(r.from),
                    r.kind.label(),
                    label_of(r.to)
                ),
                alloc::vec![r.from, r.to],
            );
        }
        (host_names, owned)
    }

    /// Products, endpoints and models hosted nowhere or on several providers, and models
    /// without an owner.
    fn hosting_and_owner_problems(
        &self,
        dense: &IdIndex,
        host_names: &[Vec<usize>],
        owned: &[bool],
        out: &mut Problems,
    ) {
        let pos_of = |id: ComponentId| -> Option<usize> { dense.get(id) };
        let mut push = |code, message: String, components: Vec<ComponentId>| {
            out.push(code, message, components)
        };
        for (i, c) in self.components.iter().enumerate() {
            let tag = c.kind.tag();
            let at = pos_of(c.id).unwrap_or(i);
            if tag.needs_hosting() {
                let count = host_names[at].len();
                if count == 0 {
                    push(
                        ProblemCode::MissingHosting,
                        format!(
                            "{} `{}` is not hosted anywhere, so a verdict that turns on where it runs is undetermined; connect it to its hosting provider",
                            tag.keyword(),
                            c.label
                        ),
                        alloc::vec![c.id],
                    );
                } else if count > 1 {
                    let names: Vec<String> = host_names[at]
                        .iter()
                        .map(|&h| format!("`{}`", self.components[h].label))
                        .collect();
                    push(
                        ProblemCode::MultipleHosting,
                        format!(
                            "{} `{}` is hosted on {} providers ({}); the checker uses the first",
                            tag.keyword(),
                            c.label,
                            count,
                            names.join(", ")
                        ),
                        alloc::vec![c.id],
                    );
                }
            }
            if tag == KindTag::Model && !owned[at] {
                push(
                    ProblemCode::MissingOwner,
                    format!(
                        "model `{}` has no owner; connect a party to it with `owns`",
                        c.label
                    ),
                    alloc::vec![c.id],
                );
            }
        }
    }
}

/// The problems found so far.
struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, code: ProblemCode, message: String, components: Vec<ComponentId>) {
        self.0.push(Problem {
            code,
            message,
            components,
        });
    }
}
