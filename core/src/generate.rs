//! Generated diagrams of a given size, for benchmarks and the browser's load hook.
//!
//! The generator is deterministic (a fixed linear congruential sequence), so every run measures
//! the same graph.

use crate::model::{
    Component, ComponentId, Diagram, Kind, Origin, Provider, Relation, RelationKind, Segment,
    Statefulness,
};
use alloc::format;
use alloc::vec::Vec;

/// A diagram with about `components` components and three relations per component: customers
/// using products and endpoints, products calling endpoints, endpoints exposing models, spread
/// over five hosts.
pub fn diagram(components: usize) -> Diagram {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |m: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % m.max(1)
    };
    let n = components.max(12);
    let hosts = 5;
    let parties = 2;
    let rest = n - hosts - parties;
    let (customers, products, endpoints) = (rest * 3 / 10, rest * 3 / 10, rest * 3 / 10);
    let models = rest - customers - products - endpoints;
    let mut d = Diagram::default();
    let mut id = 0u32;
    let mut add =
        |d: &mut Diagram, label: alloc::string::String, kind: Kind, col: usize, row: usize| {
            id += 1;
            d.components.push(Component {
                id: ComponentId(id),
                label,
                kind,
                x: 40.0 + col as f32 * 220.0,
                y: 40.0 + row as f32 * 100.0,
            });
            ComponentId(id)
        };
    let providers = Provider::BUILT_IN;
    let host_ids: Vec<ComponentId> = (0..hosts)
        .map(|i| {
            add(
                &mut d,
                providers[i].name().into(),
                Kind::Host {
                    provider: providers[i].clone(),
                },
                5,
                i,
            )
        })
        .collect();
    let openai = add(&mut d, "OpenAI".into(), Kind::Party, 4, 0);
    let partner = add(&mut d, "Partner".into(), Kind::Party, 4, 1);
    let mut rels = Vec::new();
    let model_ids: Vec<ComponentId> = (0..models)
        .map(|i| {
            let m = add(&mut d, format!("Model {i}"), Kind::Model, 3, i);
            rels.push((openai, m, RelationKind::Owns));
            m
        })
        .collect();
    let mut endpoint_ids = Vec::new();
    for i in 0..endpoints {
        let state = [Statefulness::Stateful, Statefulness::Stateless][usize::from(next(4) != 0)];
        let e = add(
            &mut d,
            format!("Endpoint {i}"),
            Kind::Endpoint {
                state,
                origin: Origin::FirstParty,
                operator: operator(next(8)),
            },
            2,
            i,
        );
        rels.push((e, model_ids[next(models)], RelationKind::Exposes));
        endpoint_ids.push(e);
    }
    let mut product_ids = Vec::new();
    for i in 0..products {
        let origin = if next(5) == 0 {
            Origin::ThirdParty
        } else {
            Origin::FirstParty
        };
        let kind = Kind::Product {
            origin,
            api: next(3) != 0,
            launches: Vec::new(),
            operator: operator(next(8)),
            cannot_support: false,
            declines_support: false,
        };
        let p = add(&mut d, format!("Product {i}"), kind, 1, i);
        if origin == Origin::ThirdParty {
            rels.push((p, partner, RelationKind::BuiltWith));
        }
        product_ids.push(p);
    }
    for i in 0..customers {
        let segment = [Segment::NationalSecurity, Segment::Enterprise][usize::from(next(10) != 0)];
        let c = add(
            &mut d,
            format!("Customer {i}"),
            Kind::Customer { segment },
            0,
            i,
        );
        let target = if next(2) == 0 {
            product_ids[next(products)]
        } else {
            endpoint_ids[next(endpoints)]
        };
        rels.push((c, target, RelationKind::Uses));
    }
    for &x in model_ids.iter().chain(&endpoint_ids).chain(&product_ids) {
        // Mostly Azure, so that the checks have both compliant and breaching routes.
        let h = if next(3) == 0 {
            host_ids[1 + next(hosts - 1)]
        } else {
            host_ids[0]
        };
        rels.push((x, h, RelationKind::HostedOn));
    }
    // Fill up to three relations per component with calls, without duplicates.
    let mut seen: crate::fx::FxSet<(ComponentId, ComponentId)> = Default::default();
    let mut tries = 0;
    while rels.len() < 3 * n && tries < 100 * n {
        tries += 1;
        let from = if next(2) == 0 {
            product_ids[next(products)]
        } else {
            endpoint_ids[next(endpoints)]
        };
        let to = match next(3) {
            0 => product_ids[next(products)],
            1 => endpoint_ids[next(endpoints)],
            _ => model_ids[next(models)],
        };
        if from != to && seen.insert((from, to)) {
            rels.push((from, to, RelationKind::Calls));
        }
    }
    d.relations = rels
        .into_iter()
        .map(|(from, to, kind)| Relation { from, to, kind })
        .collect();
    d
}

/// Who runs a generated product or endpoint: mostly OpenAI, sometimes the customer, sometimes
/// not set (an open question).
fn operator(roll: usize) -> Option<String> {
    match roll {
        0 => None,
        1 => Some("Acme Corp".into()),
        _ => Some("OpenAI".into()),
    }
}

/// Hostile but valid scenarios: each fits in a link the decoder accepts, and each once froze or
/// killed the tab. The budgets of `core/tests/hostile.rs` and `cargo xtask bench` (`hostile_*`)
/// hold for every one of them.
pub mod hostile {
    use crate::io::link::Scenario;
    use crate::model::{
        Component, ComponentId, Diagram, Kind, Origin, Provider, Relation, RelationKind, Segment,
        Statefulness,
    };
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;

    /// Builds a diagram one component and relation at a time.
    #[derive(Default)]
    struct Builder {
        d: Diagram,
    }

    impl Builder {
        fn add(&mut self, label: String, kind: Kind) -> ComponentId {
            let n = self.d.components.len();
            let id = ComponentId(n as u32 + 1);
            self.d.components.push(Component {
                id,
                label,
                kind,
                x: (n % 40) as f32 * 200.0,
                y: (n / 40) as f32 * 100.0,
            });
            id
        }
        fn rel(&mut self, from: ComponentId, to: ComponentId, kind: RelationKind) {
            self.d.relations.push(Relation { from, to, kind });
        }
        /// A first-party API product run by OpenAI.
        fn product(&mut self, label: String) -> ComponentId {
            self.add(
                label,
                Kind::Product {
                    origin: Origin::FirstParty,
                    api: true,
                    launches: Vec::new(),
                    operator: Some("OpenAI".into()),
                    cannot_support: false,
                    declines_support: false,
                },
            )
        }
        /// An access relation: a customer uses, anything else calls.
        fn reach(&mut self, from: ComponentId, to: ComponentId) {
            // Ids are positions plus one.
            let kind = match self.d.components[from.0 as usize - 1].kind {
                Kind::Customer { .. } => RelationKind::Uses,
                _ => RelationKind::Calls,
            };
            self.rel(from, to, kind);
        }
        fn hosts(&mut self) -> Vec<ComponentId> {
            Provider::BUILT_IN
                .iter()
                .map(|p| {
                    self.add(
                        p.name().into(),
                        Kind::Host {
                            provider: p.clone(),
                        },
                    )
                })
                .collect()
        }
        fn endpoint(&mut self, label: String, operator: Option<&str>) -> ComponentId {
            self.add(
                label,
                Kind::Endpoint {
                    state: Statefulness::Stateless,
                    origin: Origin::FirstParty,
                    operator: operator.map(String::from),
                },
            )
        }
        fn customer(&mut self) -> ComponentId {
            self.add(
                "Customer".into(),
                Kind::Customer {
                    segment: Segment::Enterprise,
                },
            )
        }
        fn owned_model(&mut self, owner: ComponentId, label: String) -> ComponentId {
            let m = self.add(label, Kind::Model);
            self.rel(owner, m, RelationKind::Owns);
            m
        }
        fn scenario(self, name: &str, clauses: String) -> Scenario {
            Scenario {
                name: name.into(),
                diagram: self.d,
                clauses,
            }
        }
    }

    /// `products` products, each hosted on every built-in provider (so each is a "hosted on
    /// several providers" problem) and calling one endpoint.
    pub fn multi_hosted(products: usize) -> Scenario {
        let mut b = Builder::default();
        let hosts = b.hosts();
        let openai = b.add("OpenAI".into(), Kind::Party);
        let model = b.owned_model(openai, "GPT".into());
        let api = b.endpoint("API".into(), Some("OpenAI"));
        b.rel(api, model, RelationKind::Exposes);
        b.rel(model, hosts[0], RelationKind::HostedOn);
        b.rel(api, hosts[1], RelationKind::HostedOn);
        let customer = b.customer();
        for i in 0..products {
            let p = b.product(format!("P{i}"));
            for &h in &hosts {
                b.rel(p, h, RelationKind::HostedOn);
            }
            b.rel(p, api, RelationKind::Calls);
            b.rel(customer, p, RelationKind::Uses);
        }
        b.scenario("multi-hosted", String::new())
    }

    /// A customer calling through a chain of `hops` endpoints, alternately on AWS and Azure,
    /// the last exposing ten models owned by OpenAI, and `clauses` user clauses, so that every
    /// cell of a large matrix breaches along routes thousands of hops long.
    pub fn long_chain(hops: usize, clauses: usize) -> Scenario {
        let mut b = Builder::default();
        let hosts = b.hosts();
        let openai = b.add("OpenAI".into(), Kind::Party);
        let customer = b.customer();
        let mut prev = customer;
        for i in 0..hops {
            let e = b.endpoint(
                format!("E{i}"),
                if i % 3 == 0 { None } else { Some("OpenAI") },
            );
            b.rel(e, hosts[i % 2], RelationKind::HostedOn);
            b.reach(prev, e);
            prev = e;
        }
        for i in 0..10 {
            let m = b.owned_model(openai, format!("M{i}"));
            b.rel(m, hosts[1], RelationKind::HostedOn);
            b.rel(prev, m, RelationKind::Exposes);
        }
        b.scenario("long chain", user_clauses(clauses))
    }

    /// A customer reaching a model through `depth` layers of `width` endpoints, each layer
    /// calling every endpoint of the next: `width^depth` routes. The last layer is on Azure,
    /// the rest on AWS, so every route needs a fix.
    pub fn parallel_paths(width: usize, depth: usize) -> Scenario {
        let mut b = Builder::default();
        let hosts = b.hosts();
        let openai = b.add("OpenAI".into(), Kind::Party);
        let model = b.owned_model(openai, "GPT".into());
        b.rel(model, hosts[0], RelationKind::HostedOn);
        let customer = b.customer();
        let mut layer = alloc::vec![customer];
        for l in 0..depth {
            let next: Vec<ComponentId> = (0..width)
                .map(|i| {
                    let e = b.endpoint(format!("L{l}.{i}"), Some("OpenAI"));
                    b.rel(e, hosts[usize::from(l + 1 < depth)], RelationKind::HostedOn);
                    e
                })
                .collect();
            for &from in &layer {
                for &to in &next {
                    b.reach(from, to);
                }
            }
            layer = next;
        }
        for &e in &layer {
            b.rel(e, model, RelationKind::Exposes);
        }
        b.scenario("parallel paths", String::new())
    }

    /// `n` short user clauses, each under its own id, each requiring stateless API access to be
    /// routed through Azure and served there.
    pub fn user_clauses(n: usize) -> String {
        let mut out = String::new();
        for i in 0..n {
            out.push_str(&format!(
                "clause u{i} \"U\"\neffective 2026-01\ntext \"T\"\nowner \"OpenAI\"\nconsumers any\nchannels stateless-api\nrequires routed-through azure\ntext \"S\"\nrequires served-on azure every-hop\nend\n"
            ));
        }
        out
    }

    /// A clause whose `channels` line is `bytes` bytes long, every word of it an unknown
    /// channel (each once cost a diagnostic with a suggestion).
    pub fn clause_line(bytes: usize) -> String {
        let mut out = String::with_capacity(bytes + 64);
        out.push_str("clause x \"X\"\ntext \"T\"\nchannels ");
        while out.len() < bytes {
            out.push_str("zz,");
        }
        out.push_str("\nend\n");
        out
    }

    /// One user clause of `terms` sentences, valid but as hard to compare as the language
    /// allows: the sentences rotate through `providers` providers of their own and `owners`
    /// model owners, alternate every-hop and waypoint requirements, and each `ships` sentence
    /// requires shipping first on a provider of its own.
    pub fn comparison_clause(
        terms: usize,
        providers: usize,
        owners: usize,
        ships: usize,
    ) -> String {
        let mut out =
            String::from("clause big \"Big\"\neffective 2026-05-01\nsource \"generated\"\n");
        for t in 0..terms {
            let how = if t % 3 == 0 {
                "routed-through"
            } else {
                "served-on"
            };
            out.push_str(&format!(
                "text \"T{t}\"\nowner \"Owner {}\"\nconsumers any\nchannels stateless-api, stateful-api, first-party-api-product\nrequires {how} other:P{}\n",
                t % owners.max(1),
                t % providers.max(1)
            ));
        }
        for t in 0..ships {
            out.push_str(&format!(
                "text \"S{t}\"\nchannels first-party-api-product\nrequires ships-first-on other:L{t} unless unsupported\n"
            ));
        }
        out.push_str("end\n");
        out
    }

    /// The largest generated diagram a link may hold, with `clauses` user clauses of `terms`
    /// terms each, every term naming a provider of its own, so that no two share a pass over
    /// the graph.
    pub fn wide(clauses: usize, terms: usize) -> Scenario {
        let mut out = String::new();
        for i in 0..clauses {
            out.push_str(&format!(
                "clause w{i} \"W\"\neffective 2026-01\nowner \"OpenAI\"\nconsumers any\n"
            ));
            for t in 0..terms {
                let (kind, every) = if t % 2 == 0 {
                    ("routed-through", "")
                } else {
                    ("served-on", " every-hop")
                };
                out.push_str(&format!(
                    "text \"T\"\nchannels stateless-api, first-party-api-product\nrequires {kind} other:p{i}.{t}{every}\n"
                ));
            }
            out.push_str("end\n");
        }
        Scenario {
            name: "wide".into(),
            diagram: super::diagram(4_990),
            clauses: out,
        }
    }

    /// `k` endpoints, each on a provider of its own and behind a chain of `depth` more, and one
    /// user clause with a term per provider: every term asks something different of the
    /// graph, so nothing is shared.
    pub fn many_providers(k: usize, depth: usize) -> Scenario {
        let mut b = Builder::default();
        let openai = b.add("OpenAI".into(), Kind::Party);
        let model = b.owned_model(openai, "GPT".into());
        let customer = b.customer();
        let mut text = String::from(
            "clause mp \"Many providers\"\neffective 2026-01\nowner \"OpenAI\"\nconsumers any\n",
        );
        for i in 0..k {
            let name = format!("h{i}");
            let host = b.add(
                name.clone(),
                Kind::Host {
                    provider: Provider::Other(name.clone()),
                },
            );
            let mut prev = customer;
            for d in 0..=depth {
                let e = b.endpoint(format!("E{i}.{d}"), Some("OpenAI"));
                b.rel(e, host, RelationKind::HostedOn);
                b.reach(prev, e);
                prev = e;
            }
            b.rel(prev, model, RelationKind::Exposes);
            // A stateful endpoint and a product in the first chain, so that switching an
            // assumption changes what every term asks (and comparing checks them all again).
            if i == 0 {
                let stateful = b.add(
                    "Runtime".into(),
                    Kind::Endpoint {
                        state: Statefulness::Stateful,
                        origin: Origin::FirstParty,
                        operator: Some("OpenAI".into()),
                    },
                );
                let product = b.product("App".into());
                for x in [stateful, product] {
                    b.rel(x, host, RelationKind::HostedOn);
                }
                b.rel(customer, product, RelationKind::Uses);
                b.rel(product, stateful, RelationKind::Calls);
                b.rel(stateful, model, RelationKind::Exposes);
            }
            text.push_str(&format!(
                "text \"T\"\nchannels stateless-api\nrequires served-on other:{name} every-hop\n"
            ));
        }
        text.push_str("end\n");
        let azure = b.add(
            "Azure".into(),
            Kind::Host {
                provider: Provider::Azure,
            },
        );
        b.rel(model, azure, RelationKind::HostedOn);
        b.scenario("many providers", text)
    }

    /// Every hostile scenario at the size that once froze the tab, by name.
    pub fn all() -> Vec<(&'static str, Scenario)> {
        alloc::vec![
            ("multi_hosted", multi_hosted(2_800)),
            ("long_chain", long_chain(2_000, 300)),
            ("parallel_paths", parallel_paths(90, 3)),
            ("wide", wide(50, 2)),
            ("wide_terms", wide(1, 100)),
            ("many_providers", many_providers(100, 46)),
        ]
    }
}
