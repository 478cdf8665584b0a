//! The app driven as a user drives it, without a terminal: built, pressed and drawn through
//! `fasett::testing::Harness`, one module per area, plus checks on the snapshots themselves.
//! One test binary for all of them, because each binary links the whole dependency tree
//! again.

mod benefits;
mod capture;
mod conflicts;
mod drafts;
mod external;
mod first_look;
mod first_week;
mod grid;
mod group;
mod ideas;
mod journeys;
mod keys;
mod languages;
mod mapping;
mod plan;
mod profile;
mod register;
mod regressions;
mod snapshot_files;
mod terminals;
mod text_fields;
mod words;
