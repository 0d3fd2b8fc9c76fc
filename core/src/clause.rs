//! Clauses and readings, as data.
//!
//! A [`Clause`] says which access routes it governs, what each governed route must satisfy, what
//! is exempt, when it took effect, where it was reported and the sentence it stands on. A
//! [`Reading`] is a set of named [`Assumption`]s about how the words are to be read. The checker
//! interprets both; nothing about a particular clause is written in code.

use crate::model::{Date, Provider, Segment};
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

/// The ways a route can reach a model, named by the hop that carries it.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Channel {
    /// A stateless API endpoint.
    StatelessApi,
    /// A stateful runtime endpoint.
    StatefulApi,
    /// An API product built by the model owner alone.
    FirstPartyApiProduct,
    /// An API product built with a third party.
    ThirdPartyApiProduct,
    /// A product that is not itself an API.
    NonApiProduct,
    /// The model itself, wherever it runs (a workload of its owner).
    Model,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 6] = [
        Channel::StatelessApi,
        Channel::StatefulApi,
        Channel::FirstPartyApiProduct,
        Channel::ThirdPartyApiProduct,
        Channel::NonApiProduct,
        Channel::Model,
    ];

    /// Keyword used in text forms.
    pub fn keyword(self) -> &'static str {
        match self {
            Channel::StatelessApi => "stateless-api",
            Channel::StatefulApi => "stateful-api",
            Channel::FirstPartyApiProduct => "first-party-api-product",
            Channel::ThirdPartyApiProduct => "third-party-api-product",
            Channel::NonApiProduct => "non-api-product",
            Channel::Model => "model",
        }
    }

    /// The channel a keyword names.
    pub fn from_keyword(word: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.keyword() == word)
    }

    /// Plain-English description, e.g. "a stateless API".
    pub fn describe(self) -> &'static str {
        match self {
            Channel::StatelessApi => "a stateless API",
            Channel::StatefulApi => "a stateful runtime",
            Channel::FirstPartyApiProduct => "an API product",
            Channel::ThirdPartyApiProduct => "an API product built with a third party",
            Channel::NonApiProduct => "a non-API product",
            Channel::Model => "the model",
        }
    }

    /// Whether the channel is an API in the plain sense of the word.
    pub fn is_api_endpoint(self) -> bool {
        matches!(self, Channel::StatelessApi | Channel::StatefulApi)
    }

    /// Whether the channel is a product.
    pub fn is_product(self) -> bool {
        matches!(
            self,
            Channel::FirstPartyApiProduct | Channel::ThirdPartyApiProduct | Channel::NonApiProduct
        )
    }
}

/// Whose hops a term governs: what the owner of the models runs alone, jointly with a third
/// party, or either.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Operated {
    /// Alone or jointly (the default).
    #[default]
    Any,
    /// By the owner alone ("first-party").
    Alone,
    /// By the owner with a third party ("developed with third parties").
    Jointly,
}

impl Operated {
    /// Every value, in menu order.
    pub const ALL: [Operated; 3] = [Operated::Any, Operated::Alone, Operated::Jointly];

    /// Keyword used in the clause language.
    pub fn keyword(self) -> &'static str {
        match self {
            Operated::Any => "any",
            Operated::Alone => "alone",
            Operated::Jointly => "jointly",
        }
    }
}

/// Which routes a term governs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    /// The label of the party whose models are protected, e.g. "OpenAI" (case-insensitive).
    pub model_owner: String,
    /// Which customers' routes are governed; empty means every customer.
    pub consumers: Vec<Segment>,
    /// A hop is governed when it carries one of these channels.
    pub channels: Vec<Channel>,
    /// Whose hops are governed.
    pub operated: Operated,
}

/// When the required provider's support excuses shipping elsewhere first.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Excuse {
    /// Never.
    Never,
    /// When the provider cannot *and* chooses not to support the capability.
    Both,
    /// When it cannot *or* chooses not to.
    Either,
    /// The record reports both connectives: the reading's `either-excuses` assumption decides.
    AsRead,
}

impl Excuse {
    /// Keyword after `unless` in the clause language.
    pub fn keyword(self) -> &'static str {
        match self {
            Excuse::Never => "never",
            Excuse::Both => "cannot-and-declines",
            Excuse::Either => "cannot-or-declines",
            Excuse::AsRead => "unsupported",
        }
    }
}

/// What a term requires of the hops it governs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Requirement {
    /// "Exclusive to", "hosted on": each governed hop must itself run on the provider. With
    /// `every_hop` (or under a reading that assumes so), every hop that serves the model on a
    /// governed route must.
    ServedOn {
        /// The required provider.
        provider: Provider,
        /// Whether every serving hop of a governed route must run on the provider.
        every_hop: bool,
    },
    /// "Routed through": a governed route must meet a governed hop on the provider; with
    /// `every_hop`, every serving hop must run on it.
    RoutedThrough {
        /// The required provider.
        provider: Provider,
        /// Whether every serving hop, not just one governed hop, must be hosted on the provider.
        every_hop: bool,
    },
    /// New products (first launched on or after the term's date) must launch on the provider no
    /// later than on any other, unless the provider's support excuses it.
    ShipsFirstOn {
        /// The provider that must come first.
        provider: Provider,
        /// When the provider's lack of support excuses it.
        unless: Excuse,
    },
    /// A sentence that restricts nothing a diagram shows (a permission, or a term about
    /// compute capacity); it always complies.
    Nothing,
}

impl Requirement {
    /// The provider the term names, if any.
    pub fn provider(&self) -> Option<&Provider> {
        match self {
            Requirement::ServedOn { provider, .. }
            | Requirement::RoutedThrough { provider, .. }
            | Requirement::ShipsFirstOn { provider, .. } => Some(provider),
            Requirement::Nothing => None,
        }
    }

    /// Whether the term is decided by walking routes.
    pub fn is_routing(&self) -> bool {
        matches!(
            self,
            Requirement::ServedOn { .. } | Requirement::RoutedThrough { .. }
        )
    }
}

/// What a term leaves alone even where it governs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Exemption {
    /// Routes of customers in this segment.
    Consumer(Segment),
    /// Hops carrying this channel (only the hop itself: what lies behind it stays governed).
    Channel(Channel),
}

/// One reported sentence of a clause and what it requires.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// The sentence, quoted in explanations.
    pub text: String,
    /// What it governs.
    pub scope: Scope,
    /// What governed hops or products must satisfy.
    pub requirement: Requirement,
    /// What it leaves alone.
    pub exemptions: Vec<Exemption>,
}

/// One dated version of a clause, as reported publicly: one or more terms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    /// Stable identifier, e.g. `v4`.
    pub id: String,
    /// Short name, e.g. "Stateless APIs".
    pub title: String,
    /// Effective from.
    pub effective: Date,
    /// Where it was reported.
    pub source: String,
    /// Its sentences, each with what it requires.
    pub terms: Vec<Term>,
}

impl Term {
    /// The sentence as the reading quotes it. Where the record prints the exception with two
    /// connectives ([`Excuse::AsRead`]), a reading that takes "or" quotes the "or" wording
    /// (Microsoft's 10-Q) and one that takes "and" the "and" wording (the posts), so the quote
    /// never says what the reading does not apply.
    pub fn text_as_read(&self, reading: &Reading) -> alloc::borrow::Cow<'_, str> {
        const AND: &str = "cannot and chooses not to ";
        const OR: &str = "cannot, or chooses not to, ";
        if !matches!(
            self.requirement,
            Requirement::ShipsFirstOn {
                unless: Excuse::AsRead,
                ..
            }
        ) {
            return self.text.as_str().into();
        }
        let (from, to) = if reading.assumes(Assumption::EitherExcuses) {
            (AND, OR)
        } else {
            (OR, AND)
        };
        match self.text.contains(from) {
            true => self.text.replacen(from, to, 1).into(),
            false => self.text.as_str().into(),
        }
    }
}

impl Clause {
    /// The sentences of the clause, joined, for display.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, t) in self.terms.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&t.text);
        }
        out
    }
}

/// One named assumption a reading may make.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Assumption {
    /// A stateful runtime counts as API access wherever a clause names stateless APIs.
    StatefulIsApi,
    /// A product that calls the model counts as API access wherever a clause names APIs.
    ProductIsApi,
    /// Once a route uses a governed channel, whoever runs its hops, every hop that serves the
    /// model (each hop the owner runs, and the model itself) must run on the required provider.
    /// It widens sentences about API access only: one about where products are hosted says
    /// nothing of the model behind them.
    WholeRoute,
    /// "Cannot or chooses not to": either condition alone excuses shipping elsewhere first.
    EitherExcuses,
}

impl Assumption {
    /// Every assumption.
    pub const ALL: [Assumption; 4] = [
        Assumption::StatefulIsApi,
        Assumption::ProductIsApi,
        Assumption::WholeRoute,
        Assumption::EitherExcuses,
    ];

    /// The assumption as a sentence.
    pub fn statement(self) -> &'static str {
        match self {
            Assumption::StatefulIsApi => "a stateful runtime counts as API access",
            Assumption::ProductIsApi => "a product that calls the model counts as API access",
            Assumption::WholeRoute => {
                "what counts is the effect: on a route that gives API access through what a sentence covers, everything that serves the model, the model included, must be hosted on the required provider, whoever runs it"
            }
            Assumption::EitherExcuses => {
                "either condition alone (Microsoft cannot support it, or chooses not to) excuses shipping elsewhere first"
            }
        }
    }

    /// Keyword used in text forms.
    pub fn keyword(self) -> &'static str {
        match self {
            Assumption::StatefulIsApi => "stateful-is-api",
            Assumption::ProductIsApi => "product-is-api",
            Assumption::WholeRoute => "whole-route",
            Assumption::EitherExcuses => "either-excuses",
        }
    }
}

/// A way of reading every clause: a named set of assumptions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    /// Stable identifier, e.g. `letter`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Whose position this is.
    pub summary: String,
    /// The assumptions made.
    pub assumptions: Vec<Assumption>,
}

impl Reading {
    /// Whether this reading makes the assumption.
    pub fn assumes(&self, a: Assumption) -> bool {
        self.assumptions.contains(&a)
    }

    /// The same reading with one assumption switched.
    pub fn toggled(&self, a: Assumption) -> Reading {
        let mut r = self.clone();
        if r.assumes(a) {
            r.assumptions.retain(|&x| x != a);
        } else {
            r.assumptions.push(a);
            r.assumptions.sort();
        }
        r
    }
}

/// A note shown wherever a built-in clause is: these are readings of public reports.
pub const PROVENANCE: &str = "Each built-in version is a reading of public reporting, not the contract text, which is private.";

/// The letter and spirit readings the dispute turns on.
pub fn builtin_readings() -> Vec<Reading> {
    vec![
        Reading {
            id: "letter".into(),
            name: "Letter".into(),
            summary: "The position attributed to Amazon's and OpenAI's lawyers. Only what the words name is restricted, and only hops OpenAI runs, alone or jointly. Where the exception is reported as both \"and\" and \"or\", it takes \"or\", the wording of Microsoft's 10-Q.".into(),
            assumptions: vec![Assumption::EitherExcuses],
        },
        Reading {
            id: "spirit".into(),
            name: "Spirit".into(),
            summary: "Microsoft's stated position. Any arrangement whose effect is that customers get programmatic access to the models served from outside Azure breaches, whatever it is called and whoever runs it. It takes the stricter \"and\" for the 2026-04 exception.".into(),
            assumptions: vec![
                Assumption::StatefulIsApi,
                Assumption::ProductIsApi,
                Assumption::WholeRoute,
            ],
        },
    ]
}
