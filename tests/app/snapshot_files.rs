//! The snapshot files themselves: each must show something no other one shows, or a
//! reviewer reads the same screen twice and what one of them claims to show is invisible.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.snap` file under `dir`, leaving out build output and hidden folders.
fn snapshot_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap_or_else(|e| panic!("reading {}: {e}", dir.display())).path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if path.is_dir() {
                if name != "target" && !name.starts_with('.') {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "snap") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// What a snapshot shows: everything after its metadata header (between two `---` lines).
fn body(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let mut parts = text.splitn(3, "---\n");
    match (parts.next(), parts.next(), parts.next()) {
        (Some(""), Some(_header), Some(body)) => body.to_owned(),
        _ => panic!("{} is not an insta snapshot", path.display()),
    }
}

#[test]
fn no_two_snapshots_show_the_same_thing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = snapshot_files(root);
    assert!(files.len() > 40, "the snapshots were not found under {}", root.display());
    let mut by_body: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &files {
        let name = file.strip_prefix(root).unwrap_or(file).display().to_string();
        by_body.entry(body(file)).or_default().push(name);
    }
    let same: Vec<&Vec<String>> = by_body.values().filter(|names| names.len() > 1).collect();
    assert!(same.is_empty(), "snapshots with identical contents: {same:#?}");
}
