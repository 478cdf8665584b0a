//! The non-interactive command line on the real binary: `--version`, `--help`, `path`, `check`
//! and option validation, each in an isolated environment.

use std::path::Path;
use std::process::Output;

use crate::pty::Sandbox;
use crate::{run, stderr, stdout};

/// `fasett path`'s answer as one line, after checking it succeeded.
fn path_line(output: &Output) -> String {
    assert!(output.status.success(), "`fasett path` failed: {:?}\n{}", output.status, stderr(output));
    let out = stdout(output);
    assert!(
        out.ends_with('\n') && out.lines().count() == 1,
        "`fasett path` printed more than one line: {out:?}"
    );
    out.trim_end_matches('\n').to_owned()
}

#[test]
fn version_and_help_succeed_and_name_fasett() {
    let sandbox = Sandbox::new();
    for flag in ["--version", "--help"] {
        let output = run(&sandbox, &[flag]);
        assert!(output.status.success(), "`fasett {flag}` failed: {:?}\n{}", output.status, stderr(&output));
        assert!(
            stdout(&output).contains("fasett"),
            "`fasett {flag}` does not mention fasett:\n{}",
            stdout(&output)
        );
    }
    let version = stdout(&run(&sandbox, &["--version"]));
    assert!(version.contains(env!("CARGO_PKG_VERSION")), "`fasett --version` printed {version:?}");
}

#[test]
fn path_defaults_to_portfolio_json_in_the_xdg_data_dir() {
    let sandbox = Sandbox::new();
    let expected = sandbox.data_home().join("fasett").join("portfolio.json");
    assert_eq!(path_line(&run(&sandbox, &["path"])), expected.to_str().expect("a UTF-8 path"));
    assert!(!expected.exists(), "`fasett path` created {}", expected.display());
}

#[test]
fn path_honours_fasett_file() {
    let mut sandbox = Sandbox::new();
    let file = sandbox.root().join("from-env.json");
    sandbox.env("FASETT_FILE", &file);
    assert_eq!(path_line(&run(&sandbox, &["path"])), file.to_str().expect("a UTF-8 path"));
}

#[test]
fn path_honours_file_before_and_after_the_subcommand_over_fasett_file() {
    let mut sandbox = Sandbox::new();
    sandbox.env("FASETT_FILE", sandbox.root().join("from-env.json"));
    let file = sandbox.root().join("from-flag.json");
    let file = file.to_str().expect("a UTF-8 path");
    assert_eq!(path_line(&run(&sandbox, &["--file", file, "path"])), file);
    assert_eq!(path_line(&run(&sandbox, &["path", "--file", file])), file);
    assert_eq!(path_line(&run(&sandbox, &[&format!("--file={file}"), "path"])), file);
}

#[test]
fn check_accepts_a_valid_file() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("valid.json", "{\"schema_version\":1}");
    let file = file.to_str().expect("a UTF-8 path");
    for args in [["check", "--file", file], ["--file", file, "check"]] {
        let output = run(&sandbox, &args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "`fasett {}` on a valid file:\n{}",
            args.join(" "),
            stderr(&output)
        );
    }
}

#[test]
fn check_uses_fasett_file() {
    let mut sandbox = Sandbox::new();
    let file = sandbox.write("valid.json", "{\"schema_version\":1}");
    sandbox.env("FASETT_FILE", &file);
    let output = run(&sandbox, &["check"]);
    assert_eq!(output.status.code(), Some(0), "`fasett check` with FASETT_FILE:\n{}", stderr(&output));
}

#[test]
fn check_rejects_a_broken_file_with_exit_2_and_leaves_it_unchanged() {
    let sandbox = Sandbox::new();
    let contents = "{\"schema_version\": 1,";
    let file = sandbox.write("broken.json", contents);
    let output = run(&sandbox, &["check", "--file", file.to_str().expect("a UTF-8 path")]);
    assert_eq!(output.status.code(), Some(2), "`fasett check` on a broken file: {:?}", output.status);
    let message = stderr(&output);
    assert!(message.contains(&file.display().to_string()), "the message does not name the file:\n{message}");
    assert!(message.contains("line"), "the message does not give the line:\n{message}");
    assert!(
        !message.contains("panicked") && !message.contains("Backtrace"),
        "not a user-facing message:\n{message}"
    );
    assert_eq!(
        std::fs::read(&file).expect("reading the broken file"),
        contents.as_bytes(),
        "check changed the file"
    );
}

#[test]
fn an_unknown_language_is_rejected_by_the_parser() {
    let sandbox = Sandbox::new();
    for args in [&["--lang", "xx", "path"][..], &["path", "--lang", "xx"]] {
        let output = run(&sandbox, args);
        assert!(!output.status.success(), "`fasett {}` was accepted", args.join(" "));
        let message = stderr(&output);
        assert!(message.contains("xx") && message.contains("--lang"), "unexpected message:\n{message}");
        assert!(stdout(&output).is_empty(), "printed a path despite the bad option: {}", stdout(&output));
    }
}

#[test]
fn check_on_every_broken_fixture_exits_2_with_one_paragraph_naming_line_and_column() {
    let sandbox = Sandbox::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let mut seen = 0;
    for entry in std::fs::read_dir(&fixtures).expect("the fixture folder") {
        let original = entry.expect("an entry").path();
        // A copy, so a bug cannot damage the fixture itself.
        let copy = sandbox.root().join(original.file_name().expect("a name"));
        std::fs::copy(&original, &copy).expect("copies");
        let before = std::fs::read(&copy).expect("reads");
        let output = run(&sandbox, &["check", "--file", copy.to_str().expect("UTF-8")]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{}: {message}", original.display());
        assert!(
            message.contains("line ") && message.contains("column "),
            "{}: {message}",
            original.display()
        );
        assert!(!message.trim().contains("\n\n"), "one paragraph: {message}");
        assert!(!message.contains("panicked") && !message.contains("Backtrace"), "{message}");
        assert_eq!(std::fs::read(&copy).expect("reads"), before, "{} changed", original.display());
        seen += 1;
    }
    assert!(seen >= 10, "only {seen} fixtures");
    // The 200 MB case is made here rather than committed.
    let huge = sandbox.root().join("huge.json");
    std::fs::File::create(&huge).and_then(|f| f.set_len(200 * 1024 * 1024)).expect("a sparse file");
    let output = run(&sandbox, &["check", "--file", huge.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("200"), "{}", stderr(&output));
}

#[test]
fn the_readme_lists_every_subcommand() {
    let sandbox = Sandbox::new();
    let help = stdout(&run(&sandbox, &["--help"]));
    let commands: Vec<&str> = help
        .split("Commands:")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .expect("a list of commands")
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .collect();
    assert!(commands.contains(&"review"), "{help}");
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README");
    let list = readme.split("## Command line").nth(1).and_then(|s| s.split("```").nth(1)).expect("the list");
    for name in commands {
        assert!(list.contains(&format!("\nfasett {name} ")), "README's command list lacks `fasett {name}`");
    }
}
