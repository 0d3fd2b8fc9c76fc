//! The changes a repair proposes, and how they apply to a diagram.

use crate::model::{
    Component, ComponentId, Date, Diagram, Kind, Launch, Provider, Relation, RelationKind,
};
use alloc::vec;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

/// One change to a diagram that a repair proposes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edit {
    /// Host the component on the provider instead of where it is now.
    Rehost {
        /// The component to move.
        component: ComponentId,
        /// The provider to move it to.
        provider: Provider,
    },
    /// Set the launch date of a product on a provider.
    SetLaunch {
        /// The product.
        product: ComponentId,
        /// The provider.
        provider: Provider,
        /// The new launch date there.
        date: Date,
    },
}

/// Applies edits to a copy of the diagram. Edits naming missing components are skipped.
/// Linear in the size of the diagram plus the edits: a fix may rehost thousands of components.
pub fn apply(diagram: &Diagram, edits: &[Edit]) -> Diagram {
    let mut d = diagram.clone();
    let index = crate::model::IdIndex::new(&d.components);
    // The last host each rehosted component gets (by position), in the order of those edits.
    let mut rehosted: Vec<Option<(usize, ComponentId)>> = vec![None; d.components.len()];
    let mut hosts: Vec<(Provider, ComponentId)> = Vec::new();
    for (n, edit) in edits.iter().enumerate() {
        match edit {
            Edit::Rehost {
                component,
                provider,
            } => {
                let Some(i) = index.get(*component) else {
                    continue;
                };
                let at = (d.components[i].x, d.components[i].y);
                let host = match hosts.iter().find(|(p, _)| p == provider) {
                    Some(&(_, h)) => h,
                    None => {
                        let h = host_for(&mut d, provider, at);
                        hosts.push((provider.clone(), h));
                        h
                    }
                };
                rehosted[i] = Some((n, host));
            }
            Edit::SetLaunch {
                product,
                provider,
                date,
            } => {
                let Some(i) = index.get(*product) else {
                    continue;
                };
                if let Kind::Product { launches, .. } = &mut d.components[i].kind {
                    launches.retain(|l| &l.provider != provider);
                    launches.push(Launch {
                        provider: provider.clone(),
                        date: *date,
                    });
                }
            }
        }
    }
    if rehosted.iter().any(Option::is_some) {
        let moved = |id: ComponentId| index.get(id).is_some_and(|i| rehosted[i].is_some());
        d.relations
            .retain(|r| !(r.kind == RelationKind::HostedOn && moved(r.from)));
        let mut last: Vec<(usize, ComponentId, ComponentId)> = rehosted
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.map(|(n, h)| (n, d.components[i].id, h)))
            .collect();
        last.sort_unstable();
        d.relations
            .extend(last.into_iter().map(|(_, from, to)| Relation {
                from,
                to,
                kind: RelationKind::HostedOn,
            }));
    }
    d
}

/// The host component for a provider, created below `near` when the diagram has none: moved
/// right, a grid step at a time, past any box it would cover, so that it never hides one.
pub fn host_for(d: &mut Diagram, provider: &Provider, near: (f32, f32)) -> ComponentId {
    let existing = d
        .components
        .iter()
        .filter(|c| matches!(&c.kind, Kind::Host { provider: p } if p == provider))
        .map(|c| c.id)
        .min();
    if let Some(id) = existing {
        return id;
    }
    let (w, h) = (super::NODE_W, super::NODE_H);
    let covers = |x: f32, y: f32| {
        d.components
            .iter()
            .any(|c| (c.x - x).abs() < w + 20.0 && (c.y - y).abs() < h + 20.0)
    };
    let (mut x, y) = (near.0, near.1 + 140.0);
    // A box can stand in the way of two steps at most, so this many always find a free place.
    for _ in 0..=2 * d.components.len() {
        if !covers(x, y) {
            break;
        }
        x += 220.0;
    }
    let id = d.next_id();
    d.components.push(Component {
        id,
        label: provider.name().into(),
        kind: Kind::Host {
            provider: provider.clone(),
        },
        x,
        y,
    });
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::Preset;

    #[test]
    fn a_new_host_never_covers_a_box() {
        // The seed: everything on AWS, whose box sits below the API. Re-hosting the API on Azure
        // creates an Azure box below it, which must move clear of the AWS box.
        let d = Preset::find("frontier-aws").unwrap().diagram();
        let api = d
            .components
            .iter()
            .find(|c| c.label == "OpenAI API (AWS)")
            .unwrap()
            .id;
        let after = apply(
            &d,
            &[Edit::Rehost {
                component: api,
                provider: Provider::Azure,
            }],
        );
        let azure = after
            .components
            .iter()
            .find(|c| {
                matches!(
                    c.kind,
                    Kind::Host {
                        provider: Provider::Azure
                    }
                )
            })
            .unwrap();
        for c in after.components.iter().filter(|c| c.id != azure.id) {
            let apart = (c.x - azure.x).abs() >= crate::edit::NODE_W
                || (c.y - azure.y).abs() >= crate::edit::NODE_H;
            assert!(
                apart,
                "Azure at ({}, {}) covers `{}` at ({}, {})",
                azure.x, azure.y, c.label, c.x, c.y
            );
        }
    }
}
