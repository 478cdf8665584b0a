//! fasett — a municipality's innovation portfolio in the terminal.
//!
//! - [`model`]: the portfolio file's data model.
//! - [`store`]: where the file is, reading it strictly, saving it atomically with lock and
//!   backups.
pub mod model;
pub mod store;
