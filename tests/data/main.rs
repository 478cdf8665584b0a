//! The data file and the data fasett ships and exchanges, below the interface: the store
//! (loading, saving, locking, backups), field-proofing against failing disks and hostile
//! files, CSV/JSON/Markdown exchange, the non-interactive command line, and the bundled
//! templates and sample. One test binary for all of them, because each binary links the
//! whole dependency tree again.

#[path = "../common/pty.rs"]
mod pty;
#[path = "../common/strategies.rs"]
mod strategies;

mod bundled_data;
mod cli;
mod exchange;
mod field;
mod store;
