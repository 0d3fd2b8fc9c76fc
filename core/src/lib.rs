//! dealscope-core: the deal model, the clauses as data, the checker, comparison, minimal repair
//! and the preset scenarios. Pure Rust: no browser crate anywhere in its dependency tree.
#![warn(missing_docs)]

extern crate alloc;

pub mod check;
pub mod clause;
pub mod compare;
pub mod edit;
mod fx;
pub mod generate;
pub mod io;
pub mod lang;
pub mod lex;
pub mod limits;
pub mod memo;
pub mod model;
pub mod presets;
pub mod relate;
pub mod repair;
pub mod textfit;
pub mod verdict;
pub mod workspace;

pub use check::{check, check_with, Cell, Finding, FindingKind, Hop, Report, Verdict};
pub use clause::{builtin_readings, Assumption, Clause, Reading};
pub use compare::{compare, Comparison};
pub use edit::{apply, Edit};
pub use lang::builtin_clauses;
pub use model::{Component, ComponentId, Diagram, Kind, KindTag, Provider, Relation, RelationKind};
pub use repair::{repair, Parts, Repair};
