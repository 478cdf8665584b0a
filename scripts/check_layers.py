#!/usr/bin/env python3
"""Check that the modules in src/ depend on each other in one direction only.

Usage: scripts/check_layers.py [--self-test]

Every file in src/ belongs to a top-level module (src/app.rs and src/app/** are `app`). A
module may use modules in its own layer or in lower ones, never in a higher one:

    L0 text dates i18n cycle        L4 action     L8 cli terminal testing
       layout threads               L5 app           (lib.rs and main.rs may use anything)
    L1 model                        L6 keymap
    L2 balance benefits scoring     L7 ui input
       placement filter coverage
       analysis history templates
       ideas
    L3 store config recovery demo report export import generate signals
       merge region

Two more rules from the architecture issue: `action` and `keymap` use nothing from `app`, and
no file under src/app/ (nor src/app.rs) names `crossterm`, so the app's state never depends on
the terminal library.

A reference is any `crate::<module>` in code, including `use crate::{a, b::c}` groups, unit
tests included; comments and string literals are ignored. The one exception is the test
harness, `testing`: the `#[cfg(test)] mod` of any module may use it. A module that is in no
layer fails the check: place a new module deliberately.

Exits 0 when everything passes, 1 with one line per problem (file:line) otherwise.
Python 3, no dependencies.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LAYERS = [
    ["text", "dates", "i18n", "cycle", "layout", "threads"],
    ["model"],
    ["balance", "benefits", "scoring", "placement", "filter", "coverage", "analysis", "history", "templates", "ideas"],
    ["store", "config", "recovery", "demo", "report", "export", "import", "generate", "signals", "merge", "region"],
    ["action"],
    ["app"],
    ["keymap"],
    ["ui", "input"],
    ["cli", "terminal", "testing"],
]
LAYER_OF = {module: n for n, modules in enumerate(LAYERS) for module in modules}
# The crate roots wire everything together.
ROOTS = {"lib", "main"}
# (importer, imported) pairs that are forbidden even where the layers would allow them.
FORBIDDEN = {("keymap", "app"), ("action", "app")}
NO_CROSSTERM = "app"
# The test harness builds and drives the whole app; every module's unit tests may use it.
TEST_HARNESS = "testing"
PLACE_IT = "add it to a layer in scripts/check_layers.py"

CRATE_PATH = re.compile(r"\bcrate\s*::\s*([A-Za-z_]\w*)")
CRATE_GROUP = re.compile(r"\bcrate\s*::\s*\{")
CROSSTERM = re.compile(r"\bcrossterm\b")
CFG_TEST_MOD = re.compile(r"#\[cfg\(test\)\]\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*\{")
RAW_STRING = re.compile(r'b?r(#*)"')
CHAR_LITERAL = re.compile(r"b?'(\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|.)|[^\\'\n])'")


def code_only(text):
    """The text with comments and the insides of string and char literals blanked out.

    Newlines are kept, so an offset into the result has the same line as in the file.
    """
    out = []
    i, n = 0, len(text)

    def blank(s):
        return re.sub(r"[^\n]", " ", s)

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end == -1 else end
            out.append(blank(text[i:end]))
            i = end
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(blank(text[i:j]))
            i = j
        elif (m := RAW_STRING.match(text, i)) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            close = '"' + m.group(1)
            end = text.find(close, m.end())
            end = n if end == -1 else end + len(close)
            out.append(blank(text[i:end]))
            i = end
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(blank(text[i : j + 1]))
            i = j + 1
        elif c in "'b" and (m := CHAR_LITERAL.match(text, i)) and (c == "'" or i == 0 or not text[i - 1].isalnum()):
            out.append(blank(m.group(0)))
            i = m.end()
        else:
            out.append(c)
            i += 1
    return "".join(out)


def references(code):
    """(offset, module) for every `crate::module` in the code, groups included."""
    refs = [(m.start(1), m.group(1)) for m in CRATE_PATH.finditer(code)]
    for m in CRATE_GROUP.finditer(code):
        depth, j, expect_name = 1, m.end(), True
        while j < len(code) and depth:
            ch = code[j]
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == "," and depth == 1:
                expect_name = True
            elif expect_name and depth == 1 and (ident := re.match(r"[A-Za-z_]\w*", code[j:])):
                if ident.group(0) != "self":
                    refs.append((j, ident.group(0)))
                expect_name = False
                j += len(ident.group(0))
                continue
            j += 1
    return refs


def test_modules(code):
    """(start, end) offsets of the `#[cfg(test)] mod … { … }` blocks in the code."""
    blocks = []
    for m in CFG_TEST_MOD.finditer(code):
        depth, j = 1, m.end()
        while j < len(code) and depth:
            depth += {"{": 1, "}": -1}.get(code[j], 0)
            j += 1
        blocks.append((m.start(), j))
    return blocks


def module_of(relative):
    """The top-level module of a file given relative to src/: `app/culture.rs` → `app`."""
    first = relative.split("/", 1)[0]
    return first[:-3] if first.endswith(".rs") else first


def layer_name(module):
    return f"{module} (L{LAYER_OF[module]})"


def check(files):
    """Problems in `files` ({path relative to src/: text}), as "src/FILE:LINE: what" lines."""
    problems = []
    for relative in sorted(files):
        module = module_of(relative)
        if module not in ROOTS and module not in LAYER_OF:
            problems.append(f"src/{relative}:1: module `{module}` is in no layer; {PLACE_IT}")
            continue
        code = code_only(files[relative])
        tests = test_modules(code)
        found = []
        for offset, used in set(references(code)):
            line = code.count("\n", 0, offset) + 1
            if used == TEST_HARNESS and any(start <= offset < end for start, end in tests):
                continue
            if used not in LAYER_OF:
                found.append((line, f"uses `crate::{used}`, which is in no layer; {PLACE_IT}"))
            elif (module, used) in FORBIDDEN:
                found.append((line, f"{module} must not use {used}"))
            elif module not in ROOTS and LAYER_OF[used] > LAYER_OF[module]:
                found.append((line, f"{layer_name(module)} uses {layer_name(used)}, a higher layer"))
        if module == NO_CROSSTERM:
            for m in CROSSTERM.finditer(code):
                line = code.count("\n", 0, m.start()) + 1
                found.append((line, "names crossterm; the app's state must not depend on the terminal library"))
        problems += [f"src/{relative}:{line}: {what}" for line, what in sorted(found)]
    return problems


def self_test():
    files = {
        "lib.rs": "pub mod ui;\nuse crate::cli;\n",
        "model.rs": "// crate::ui in a comment\nconst S: &str = \"crate::ui\";\nuse crate::text::fold;\n",
        "action.rs": "use crate::{\n    model::Id,\n    app::{Pane, self},\n};\n",
        "keymap.rs": "use crate::action::Action;\nfn f() { let _ = crate::app::App::new(); }\n",
        "app.rs": "use ratatui::crossterm::event::KeyEvent;\nuse crate::keymap;\n",
        "app/grid.rs": "use crate::app::Pane;\nlet c = '{';\n#[cfg(test)]\nmod tests {\n    use crate::ui;\n    use crate::testing::Harness;\n    fn f() { let s = \"}\"; }\n}\nuse crate::cli::X;\nuse crate::testing::sample;\n",
        "store.rs": "#[cfg(test)]\nuse crate::ui::draw;\nuse crate::model::{self, Id};\nfn f<'a>(x: &'a str) -> &'a str { crate::dates::today(); x }\n",
        "widgets.rs": "use crate::model::Id;\n",
        "ui.rs": "use crate::nowhere::X;\nlet r = r#\"crate::cli \"# ;\n",
    }
    got = check(files)
    want = [
        "src/action.rs:3: action must not use app",
        "src/app.rs:1: names crossterm; the app's state must not depend on the terminal library",
        "src/app.rs:2: app (L5) uses keymap (L6), a higher layer",
        "src/app/grid.rs:5: app (L5) uses ui (L7), a higher layer",
        "src/app/grid.rs:9: app (L5) uses cli (L8), a higher layer",
        "src/app/grid.rs:10: app (L5) uses testing (L8), a higher layer",
        "src/keymap.rs:2: keymap must not use app",
        "src/store.rs:2: store (L3) uses ui (L7), a higher layer",
        "src/ui.rs:1: uses `crate::nowhere`, which is in no layer; add it to a layer in scripts/check_layers.py",
        "src/widgets.rs:1: module `widgets` is in no layer; add it to a layer in scripts/check_layers.py",
    ]
    if got != want:
        print("self-test failed.\nexpected:", *want, "got:", *got, sep="\n  ")
        return 1
    long = "x\n" * (MAX_LINES + 1)
    sized = {"long.rs": long, "tested.rs": "x\n" * MAX_LINES + "#[cfg(test)]\n" + long}
    if too_long(sized) != [f"src/long.rs: {MAX_LINES + 1} lines before its tests; at most {MAX_LINES}, so split it by what it is about"]:
        print("self-test failed: the file size check", too_long(sized))
        return 1
    print(f"self-test: ok ({len(want)} expected problems found, nothing else)")
    return 0


MAX_LINES = 700


def too_long(files):
    """Files whose code before their `#[cfg(test)]` module runs over MAX_LINES lines."""
    problems = []
    for name, text in files.items():
        lines = text.splitlines()
        end = next((i for i, line in enumerate(lines) if line.strip() == "#[cfg(test)]"), len(lines))
        if end > MAX_LINES:
            problems.append(f"src/{name}: {end} lines before its tests; at most {MAX_LINES}, so split it by what it is about")
    return problems


def main(argv):
    if argv == ["--self-test"]:
        return self_test()
    if argv:
        print(__doc__.strip().splitlines()[2])
        return 2
    src = ROOT / "src"
    files = {p.relative_to(src).as_posix(): p.read_text(encoding="utf-8") for p in sorted(src.rglob("*.rs"))}
    problems = check(files) + too_long(files)
    if problems:
        print(f"layering: {len(problems)} problem(s) (layers, lowest first, in scripts/check_layers.py):")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print(f"layering: ok ({len(files)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
