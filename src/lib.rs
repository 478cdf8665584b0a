//! fasett — a municipality's innovation portfolio in the terminal.
pub mod model;
