//! carta: a localization pipeline for patient-education handouts, built on Fluent.
//!
//! ```text
//! content/<doc>.md ──content──▶ Document ──extract──▶ locales/<source>/<doc>.ftl
//!                                                          │
//!          locales/<tag>/<doc>.ftl (+ .ftl.sync state) ◀──sync── (translators fill these)
//!                                                          │
//!                    all locales ──check──▶ Coverage + Diagnostics ──report──▶ text|json|github|sarif
//!                    all locales ──bundle──▶ dist/<tag>/{<doc>.html,.md,.json, messages.json, messages.ftl}
//! ```
//!
//! Stages (`content`, `extract`, `sync`, `check`, `bundle`) are functions from typed
//! input to typed output and do no I/O; `project` and `fs` are the edges, and
//! `commands` glues one subcommand each. The library never prints.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod config;
pub mod error;
pub mod fs;
pub mod locale;
pub mod project;

pub mod content;
pub mod extract;
pub mod front_matter;
pub mod ftl;

pub mod catalog;
pub mod memory;
pub mod readability;
pub mod review;
pub mod state;
pub mod sync;

pub mod exchange;

pub mod bundle;
pub mod check;
pub mod dist;
pub mod fallback;
pub mod report;
pub mod safe_markdown;

pub mod commands;
pub mod invariants;
