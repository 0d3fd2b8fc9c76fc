//! Budgets for hostile but valid links: every scenario of `generate::hostile` fits in a link the
//! decoder accepts, and opening it (decode, parse its clauses, problems, check, compare) stays
//! within the budget of issue #11: 100 ms natively and 64 MB of heap; one repair within 100 ms;
//! one parse of a 64 KB clause line within 16 ms. Times are guarded at ten times the budget
//! (this is a test, not a benchmark: `cargo xtask bench` reports the figures, keys
//! `hostile_*`); the heap peak is guarded at the budget itself, since it does not vary by
//! machine.

use dealscope_core::generate::hostile;
use dealscope_core::io::link::{decode_stored, encode, MAX_LINK_CHARS};
use dealscope_core::{builtin_clauses, builtin_readings, check_with, compare, lang, repair};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

/// Counts live heap bytes and their peak.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const OPEN_BUDGET: Duration = Duration::from_millis(100);
const REPAIR_BUDGET: Duration = Duration::from_millis(100);
const PARSE_BUDGET: Duration = Duration::from_millis(16);
const HEAP_BUDGET: usize = 64 << 20;

/// Opens a link as the app does, returning the time and the heap peak above the start.
fn open(link: &str) -> (Duration, usize) {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let start = Instant::now();
    let scenario = decode_stored(link).expect("the link opens");
    let parsed = lang::parse(&scenario.clauses);
    let mut clauses = builtin_clauses();
    clauses.extend(parsed.clauses);
    let readings = builtin_readings();
    let t = Instant::now();
    let problems = scenario.diagram.problems().len();
    eprintln!("  problems {:?} ({problems})", t.elapsed());
    let t = Instant::now();
    let report = check_with(&scenario.diagram, &clauses, &readings);
    eprintln!("  check {:?}", t.elapsed());
    let comparison = compare(&scenario.diagram, &clauses, &readings, &report);
    let took = start.elapsed();
    drop((report, comparison));
    (took, PEAK.load(Relaxed) - base)
}

// One test, so that no other test's allocations count towards the heap peak.
#[test]
fn hostile_links_open_within_budget() {
    let mut failures = Vec::new();
    // `HOSTILE_ONLY=name` runs one scenario, for profiling.
    let only = std::env::var("HOSTILE_ONLY").ok();
    for (name, scenario) in hostile::all() {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let link = encode(&scenario);
        // Too long for a link, the text still opens as a save or a file.
        let what = if link.len() <= MAX_LINK_CHARS {
            "link"
        } else {
            "save"
        };
        let (took, heap) = open(&link);
        eprintln!(
            "{name}: {}-character {what}, open {took:?}, heap peak {} KB",
            link.len(),
            heap >> 10
        );
        if took > OPEN_BUDGET * 10 {
            failures.push(format!(
                "{name}: open took {took:?}, over ten times {OPEN_BUDGET:?}"
            ));
        }
        if heap > HEAP_BUDGET {
            failures.push(format!("{name}: open peaked at {} MB of heap", heap >> 20));
        }
        let clauses = builtin_clauses();
        for (c, clause) in clauses.iter().enumerate() {
            for (r, reading) in builtin_readings().iter().enumerate() {
                let start = Instant::now();
                let _ = repair(&scenario.diagram, clause, reading);
                let took = start.elapsed();
                if took > REPAIR_BUDGET * 10 {
                    failures.push(format!("{name}: repair of {c},{r} took {took:?}"));
                }
            }
        }
    }
    let line = hostile::clause_line(64 * 1024);
    let start = Instant::now();
    let parsed = lang::parse(&line);
    let took = start.elapsed();
    eprintln!(
        "clause_line: parse {took:?}, {} diagnostics",
        parsed.diagnostics.len()
    );
    // One diagnostic says the line is too long to be a statement; one says the clause lacks
    // its channels; nothing per word.
    assert!(parsed.diagnostics.len() <= 2, "{:?}", parsed.diagnostics);
    if took > PARSE_BUDGET * 10 {
        failures.push(format!("clause_line: parse took {took:?}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
