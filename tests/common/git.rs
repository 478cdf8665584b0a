//! Real git in a sandbox: a bare repository standing in for the municipality's server and
//! clones for the facilitators, with fasett's merge driver installed the way the README
//! says. Nothing reaches the network: the "server" is a folder.
//!
//! Shared by the integration tests with `#[path = "../common/git.rs"] mod git;`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::pty::Sandbox;

/// The two lines of the README that install the driver.
pub const ATTRIBUTES: &str = "portfolio.json merge=fasett\n";
pub const DRIVER: &str = "fasett merge %O %A %B";

/// A bare "server" repository and clones of it in one sandbox.
pub struct Repos<'a> {
    sandbox: &'a Sandbox,
    origin: PathBuf,
}

impl<'a> Repos<'a> {
    /// An empty bare repository, and a git set up for the sandbox's user: a name and e-mail,
    /// `main` as the first branch, merges on pull, and the fasett driver.
    pub fn new(sandbox: &'a Sandbox) -> Self {
        let repos = Repos { sandbox, origin: sandbox.root().join("origin.git") };
        for (key, value) in [
            ("user.name", "Facilitator"),
            ("user.email", "facilitator@example.invalid"),
            ("init.defaultBranch", "main"),
            ("pull.rebase", "false"),
            ("merge.fasett.name", "fasett: merge portfolios by identity"),
            ("merge.fasett.driver", DRIVER),
        ] {
            repos.ok(sandbox.root(), &["config", "--global", key, value]);
        }
        repos.ok(sandbox.root(), &["init", "--quiet", "--bare", "origin.git"]);
        repos
    }

    /// Clones the server into `name` (named as its user too).
    pub fn clone(&self, name: &str) -> PathBuf {
        let origin = self.origin.display().to_string();
        self.ok(self.sandbox.root(), &["clone", "--quiet", &origin, name]);
        let dir = self.sandbox.root().join(name);
        self.ok(&dir, &["config", "user.name", name]);
        dir
    }

    /// git with the sandbox's environment, `fasett` on the PATH (as an installed one would
    /// be), no system or user configuration from the machine.
    pub fn git(&self, dir: &Path, args: &[&str]) -> Output {
        let bin =
            Path::new(env!("CARGO_BIN_EXE_fasett")).parent().expect("the binary's folder").to_path_buf();
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut paths = vec![bin];
        paths.extend(std::env::split_paths(&path));
        Command::new("git")
            .args(args)
            .env_clear()
            .envs(self.sandbox.environment())
            .env("PATH", std::env::join_paths(paths).expect("a PATH"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("FASETT_TODAY", "2026-11-25")
            .current_dir(dir)
            .output()
            .expect("running git")
    }

    /// git that must succeed.
    pub fn ok(&self, dir: &Path, args: &[&str]) -> Output {
        let out = self.git(dir, args);
        assert!(
            out.status.success(),
            "git {args:?} in {} failed:\n{}{}",
            dir.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Commits everything in `dir` with `message`.
    pub fn commit(&self, dir: &Path, message: &str) {
        self.ok(dir, &["add", "--all"]);
        self.ok(dir, &["commit", "--quiet", "-m", message]);
    }
}

/// The combined output of a git run, for messages and checks.
pub fn said(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}
