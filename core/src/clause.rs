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
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 5] = [
        Channel::StatelessApi,
        Channel::StatefulApi,
        Channel::FirstPartyApiProduct,
        Channel::ThirdPartyApiProduct,
        Channel::NonApiProduct,
    ];

    /// Keyword used in text forms.
    pub fn keyword(self) -> &'static str {
        match self {
            Channel::StatelessApi => "stateless-api",
            Channel::StatefulApi => "stateful-api",
            Channel::FirstPartyApiProduct => "first-party-api-product",
            Channel::ThirdPartyApiProduct => "third-party-api-product",
            Channel::NonApiProduct => "non-api-product",
        }
    }

    /// Plain-English description, e.g. "a stateless API".
    pub fn describe(self) -> &'static str {
        match self {
            Channel::StatelessApi => "a stateless API",
            Channel::StatefulApi => "a stateful runtime",
            Channel::FirstPartyApiProduct => "a first-party API product",
            Channel::ThirdPartyApiProduct => "an API product built with a third party",
            Channel::NonApiProduct => "a non-API product",
        }
    }

    /// Whether the channel is an API in the plain sense of the word.
    pub fn is_api_endpoint(self) -> bool {
        matches!(self, Channel::StatelessApi | Channel::StatefulApi)
    }

    /// Whether the channel is a product.
    pub fn is_product(self) -> bool {
        !self.is_api_endpoint()
    }
}

/// Which routes a clause governs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    /// The label of the party whose models are protected, e.g. "OpenAI" (case-insensitive).
    pub model_owner: String,
    /// Which customers' routes are governed; empty means every customer.
    pub consumers: Vec<Segment>,
    /// A route is governed when one of its hops carries one of these channels.
    pub channels: Vec<Channel>,
}

/// What a governed route must satisfy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Requirement {
    /// The route must pass through the provider: at least one governed hop hosted on it, or,
    /// with `every_hop` (or under a reading that assumes so), every hop of the route.
    RoutedThrough {
        /// The required provider.
        provider: Provider,
        /// Whether every hop, not just one governed hop, must be hosted on the provider.
        every_hop: bool,
    },
    /// Every first-party product that reaches a protected model must launch on the provider no
    /// later than on any other.
    ShipsFirstOn {
        /// The provider that must come first.
        provider: Provider,
    },
}

/// Routes a clause leaves alone even when they are governed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Exemption {
    /// Routes of customers in this segment.
    Consumer(Segment),
    /// Routes that pass through a hop carrying this channel.
    Channel(Channel),
}

/// One dated version of a clause, as reported publicly.
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
    /// The sentence the clause stands on, quoted in explanations.
    pub text: String,
    /// Routes governed.
    pub scope: Scope,
    /// What governed routes must satisfy.
    pub requirement: Requirement,
    /// Exemptions.
    pub exemptions: Vec<Exemption>,
}

/// One named assumption a reading may make.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Assumption {
    /// A stateful runtime counts as API access wherever a clause names stateless APIs.
    StatefulIsApi,
    /// A product that calls the model counts as API access wherever a clause names APIs.
    ProductIsApi,
    /// "Routed through" the provider means every hop of the route runs on it.
    WholeRoute,
}

impl Assumption {
    /// Every assumption.
    pub const ALL: [Assumption; 3] = [
        Assumption::StatefulIsApi,
        Assumption::ProductIsApi,
        Assumption::WholeRoute,
    ];

    /// The assumption as a sentence.
    pub fn statement(self) -> &'static str {
        match self {
            Assumption::StatefulIsApi => "a stateful runtime counts as API access",
            Assumption::ProductIsApi => "a product that calls the model counts as API access",
            Assumption::WholeRoute => {
                "\"routed through\" means every hop of the route runs on the required provider"
            }
        }
    }

    /// Keyword used in text forms.
    pub fn keyword(self) -> &'static str {
        match self {
            Assumption::StatefulIsApi => "stateful-is-api",
            Assumption::ProductIsApi => "product-is-api",
            Assumption::WholeRoute => "whole-route",
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
            summary: "Only what the words name is restricted (the position attributed to Amazon's and OpenAI's lawyers).".into(),
            assumptions: vec![],
        },
        Reading {
            id: "spirit".into(),
            name: "Spirit".into(),
            summary: "Any arrangement that gives customers programmatic access to the models from outside Azure breaches (Microsoft's stated position).".into(),
            assumptions: vec![
                Assumption::StatefulIsApi,
                Assumption::ProductIsApi,
                Assumption::WholeRoute,
            ],
        },
    ]
}

/// The five publicly reported versions of the Azure-routing clause, oldest first.
pub fn builtin_clauses() -> Vec<Clause> {
    use Channel as C;
    let openai = |consumers: Vec<Segment>, channels: Vec<Channel>| Scope {
        model_owner: "OpenAI".into(),
        consumers,
        channels,
    };
    let through_azure = |every_hop| Requirement::RoutedThrough {
        provider: Provider::Azure,
        every_hop,
    };
    let v3_exemptions = || {
        vec![
            Exemption::Consumer(Segment::NationalSecurity),
            Exemption::Channel(C::NonApiProduct),
        ]
    };
    vec![
        Clause {
            id: "v1".into(),
            title: "Exclusive cloud".into(),
            effective: Date::new(2019, 7, 0),
            source: "Microsoft and OpenAI announcements, July 2019 and January 2023; seed article (\"access to OpenAI's models through APIs must be routed through Azure\")".into(),
            text: "Azure is OpenAI's exclusive cloud provider for research, products and API services.".into(),
            scope: openai(vec![], C::ALL.to_vec()),
            requirement: through_azure(true),
            exemptions: vec![],
        },
        Clause {
            id: "v2".into(),
            title: "API exclusivity, right of first refusal".into(),
            effective: Date::new(2025, 1, 21),
            source: "Microsoft blog, January 2025 (reported with the Stargate announcement)".into(),
            text: "The OpenAI API remains exclusive to Azure; new compute capacity is subject to Microsoft's right of first refusal.".into(),
            scope: openai(vec![], vec![C::StatelessApi, C::StatefulApi]),
            requirement: through_azure(false),
            exemptions: vec![],
        },
        Clause {
            id: "v3".into(),
            title: "API products with third parties".into(),
            effective: Date::new(2025, 10, 28),
            source: "Microsoft blog \"The next chapter of the Microsoft–OpenAI partnership\", 2025-10-28; windowsforum.com thread 389226".into(),
            text: "API products developed with third parties will be exclusive to Azure; non-API products may be served on any cloud provider, and API access for US government national-security customers may be provided on any cloud.".into(),
            scope: openai(vec![], vec![C::StatelessApi, C::StatefulApi, C::ThirdPartyApiProduct]),
            requirement: through_azure(false),
            exemptions: v3_exemptions(),
        },
        Clause {
            id: "v4".into(),
            title: "Stateless APIs (the dispute)".into(),
            effective: Date::new(2026, 2, 27),
            source: "tomorrowexplained.com (2026-03) on Microsoft's contract statement; openai.com \"Introducing the Stateful Runtime Environment for Agents in Amazon Bedrock\" (2026-02-27); seed article".into(),
            text: "Azure remains the exclusive cloud provider for stateless OpenAI APIs.".into(),
            scope: openai(vec![], vec![C::StatelessApi, C::ThirdPartyApiProduct]),
            requirement: through_azure(false),
            exemptions: v3_exemptions(),
        },
        Clause {
            id: "v5".into(),
            title: "Amendment: any cloud, Azure first".into(),
            effective: Date::new(2026, 4, 27),
            source: "Microsoft blog, 2026-04-27; vectrel.ai, mentat.fyi and thenewtimes.tech reports".into(),
            text: "OpenAI may serve all products on any cloud provider; new OpenAI products ship first on Azure unless Microsoft cannot or chooses not to support the capability.".into(),
            scope: openai(vec![], vec![C::FirstPartyApiProduct, C::NonApiProduct]),
            requirement: Requirement::ShipsFirstOn { provider: Provider::Azure },
            exemptions: vec![],
        },
    ]
}
