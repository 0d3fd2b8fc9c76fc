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
        let state = if next(4) == 0 {
            Statefulness::Stateful
        } else {
            Statefulness::Stateless
        };
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
        let segment = if next(10) == 0 {
            Segment::NationalSecurity
        } else {
            Segment::Enterprise
        };
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
