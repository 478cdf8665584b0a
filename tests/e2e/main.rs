//! End to end: the real `fasett` binary in a pseudo-terminal, read through a vt100 screen,
//! one module per area. One test binary for all of them, because each binary links the
//! whole dependency tree again.

#[path = "../common/pty.rs"]
mod pty;

mod culture;
mod field;
mod languages;
mod portfolio;
mod profile;
mod register;
mod shell;
