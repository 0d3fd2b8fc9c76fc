//! Auto-layout: each file in `fixtures/layout/` holds a diagram in the text form, a line `---`,
//! and where each box must go (`"label" x,y`), worked out by hand from the layout's rules before
//! the code ran. Every layout, of the fixtures, the presets and generated diagrams up to the
//! editor's limit, puts each box on the grid and no two boxes over each other.

use dealscope_core::edit::{layout, Command, History, NODE_H, NODE_W};
use dealscope_core::io::text::parse_diagram;
use dealscope_core::Diagram;
use std::fmt::Write;

fn render(d: &Diagram) -> String {
    let places = layout(d);
    let mut out = String::new();
    for (c, (id, x, y)) in d.components.iter().zip(&places) {
        assert_eq!(c.id, *id, "the layout lists the components in order");
        writeln!(out, "\"{}\" {x},{y}", c.label).unwrap();
    }
    out
}

/// No two boxes overlap, and every box is on the grid.
fn assert_tidy(what: &str, d: &Diagram) {
    let places = layout(d);
    for &(_, x, y) in &places {
        assert!(
            x % 20.0 == 0.0 && y % 20.0 == 0.0 && x >= 0.0 && y >= 0.0,
            "{what}: ({x}, {y}) is off the grid"
        );
    }
    let mut sorted: Vec<(f32, f32)> = places.iter().map(|p| (p.1, p.2)).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    for (i, a) in sorted.iter().enumerate() {
        for b in sorted[i + 1..].iter().take_while(|b| b.0 < a.0 + NODE_W) {
            assert!(
                b.1 >= a.1 + NODE_H || a.1 >= b.1 + NODE_H,
                "{what}: the boxes at {a:?} and {b:?} overlap"
            );
        }
    }
}

#[test]
fn fixtures_lay_out_as_written() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/layout");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 4);
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let (input, expected) = text.split_once("\n---\n").expect("a line ---");
        let d = parse_diagram(input).unwrap();
        assert_eq!(render(&d), expected, "{}", path.display());
        assert_tidy(&path.display().to_string(), &d);
    }
}

#[test]
fn presets_and_generated_diagrams_lay_out_tidily() {
    for p in dealscope_core::presets::PRESETS {
        assert_tidy(p.id, &p.diagram());
    }
    for n in [0, 1, 7, 60, 200, 500, 1000] {
        assert_tidy(
            &format!("generated {n}"),
            &dealscope_core::generate::diagram(n),
        );
    }
}

#[test]
fn layout_is_one_undoable_step() {
    let d = dealscope_core::generate::diagram(40);
    let mut h = History::new(d.clone());
    h.apply(Command::Place(layout(&d))).unwrap();
    assert_ne!(**h.diagram(), d, "the layout moved something");
    assert_eq!(
        h.diagram().relations,
        d.relations,
        "and changed nothing else"
    );
    // Laying out a laid-out diagram changes nothing, and records nothing.
    let again = layout(h.diagram());
    h.apply(Command::Place(again)).unwrap();
    assert!(h.undo());
    assert_eq!(**h.diagram(), d);
    assert!(!h.can_undo());
}

/// Arrows that pass through a box (other than their own two), as the canvas draws them.
fn through_boxes(d: &Diagram) -> Vec<String> {
    use dealscope_core::edit::arrows::{along, route, Boxes};
    let at: Vec<(f64, f64)> = d
        .components
        .iter()
        .map(|c| (c.x as f64, c.y as f64))
        .collect();
    let boxes = Boxes::new(at.clone());
    let index = dealscope_core::model::IdIndex::new(&d.components);
    let mut out = Vec::new();
    for r in &d.relations {
        let (Some(a), Some(b)) = (index.get(r.from), index.get(r.to)) else {
            continue;
        };
        let vertical = matches!(
            r.kind,
            dealscope_core::RelationKind::HostedOn | dealscope_core::RelationKind::Owns
        );
        let arrow = route(at[a], at[b], vertical, &boxes, (a, b));
        // Checked against every box in turn, not through the buckets.
        let hit = along(&arrow.shape, |(x, y)| {
            at.iter().enumerate().find(|&(k, &(bx, by))| {
                k != a
                    && k != b
                    && x > bx
                    && x < bx + NODE_W as f64
                    && y > by
                    && y < by + NODE_H as f64
            })
        });
        if let Some((k, _)) = hit {
            out.push(format!(
                "{} -> {} through {}",
                d.components[a].label, d.components[b].label, d.components[k].label
            ));
        }
    }
    out
}

fn laid_out(d: &Diagram) -> Diagram {
    let mut h = History::new(d.clone());
    h.apply(Command::Place(layout(d))).unwrap();
    (**h.diagram()).clone()
}

#[test]
fn no_arrow_runs_through_a_box_after_layout() {
    for p in dealscope_core::presets::PRESETS {
        let d = p.diagram();
        assert_eq!(through_boxes(&d), Vec::<String>::new(), "{} as drawn", p.id);
        assert_eq!(
            through_boxes(&laid_out(&d)),
            Vec::<String>::new(),
            "{} laid out",
            p.id
        );
    }
    for n in [7, 60, 200, 500] {
        let d = laid_out(&dealscope_core::generate::diagram(n));
        let through = through_boxes(&d);
        assert!(
            through.is_empty(),
            "generated {n}: {} arrows, e.g. {:?}",
            through.len(),
            &through[..through.len().min(5)]
        );
    }
}

/// Whether the arrow passes through a box other than its ends, tested against every box.
fn crosses(d: &Diagram, arrow: &dealscope_core::edit::arrows::Arrow, ends: (usize, usize)) -> bool {
    dealscope_core::edit::arrows::along(&arrow.shape, |(x, y)| {
        d.components.iter().enumerate().find(|&(k, c)| {
            k != ends.0
                && k != ends.1
                && x > c.x as f64
                && x < (c.x + NODE_W) as f64
                && y > c.y as f64
                && y < (c.y + NODE_H) as f64
        })
    })
    .is_some()
}

#[test]
fn arrows_kept_between_edits_stay_clear_of_every_box() {
    use dealscope_core::edit::arrows::Routes;
    use dealscope_core::KindTag;
    use std::rc::Rc;
    let mut h = History::new(dealscope_core::generate::diagram(60));
    let mut kept = Routes::default();
    kept.update(h.diagram());
    // A fixed pseudo-random walk of moves, additions and deletions.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for step in 0..300 {
        let d = h.diagram().clone();
        let pick = d.components[next(d.components.len() as u64) as usize].id;
        let command = match next(10) {
            0 => Command::Add {
                kind: KindTag::Endpoint,
                x: next(3000) as f32,
                y: next(2000) as f32,
            },
            1 if d.components.len() > 10 => Command::Delete {
                components: vec![pick],
                relations: vec![],
            },
            _ => Command::Move {
                ids: vec![pick],
                dx: next(400) as f32 - 200.0,
                dy: next(400) as f32 - 200.0,
            },
        };
        h.apply(command).unwrap();
        let d: Rc<Diagram> = h.diagram().clone();
        kept.update(&d);
        let mut fresh = Routes::default();
        fresh.update(&d);
        let index = dealscope_core::model::IdIndex::new(&d.components);
        for (i, r) in d.relations.iter().enumerate() {
            let ends = (index.get(r.from).unwrap(), index.get(r.to).unwrap());
            let (k, f) = (kept.arrow(i).unwrap(), fresh.arrow(i).unwrap());
            assert!(
                !crosses(&d, k, ends) || crosses(&d, f, ends),
                "step {step}: the kept arrow of relation {i} crosses a box; routed afresh it does not"
            );
        }
    }
}
