#!/usr/bin/env python3
"""Check the UI catalogs in data/i18n against the English one.

Usage: scripts/check_catalogs.py [LANG ...]     (default: every data/i18n/*.json but en)

For each catalog it verifies:
  * the file is valid UTF-8 JSON: one flat object of string values, no duplicate keys;
  * exactly the keys of en.json (none missing, none extra), in the same order;
  * the same {placeholders} per key as in English (same names, same count);
  * key symbols and example inputs of the English text (Enter, Esc, Tab, Ctrl-s, F1, :w, :q,
    2026-03-15, +14d, ...) are kept, or written with the language's own letter where the
    parser reads it (+2v in Swedish);
  * short labels stay short: for column.*, facet_short.*, stage_short.*, sort.*, track.*,
    priority.*, status.active|paused|stopped|completed and the Overview pane's
    follow-up labels (overview.overdue_days|today|in_days|action_prefix|first_run) the display
    width may exceed the English by at most 2; facet_abbr.* is exactly 2 wide; headers of fixed-width
    columns (FIXED_WIDTH: the Culture pane's run list, rating and results tables) fit their column;
  * the file is written as pretty JSON (2-space indent, not ASCII-escaped, newline at end).

Exits 0 when everything passes, 1 with a list of problems otherwise. Python 3, no dependencies.
"""

import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "data" / "i18n"

# log_kind.* is not here: the detail view pads the kinds to the longest, and Swedish writes
# "anteckning" for a note.
SHORT_PREFIXES = ("column.", "facet_short.", "stage_short.", "sort.", "track.", "priority.")
SHORT_KEYS = {
    "status.active",
    "status.paused",
    "status.stopped",
    "status.completed",
    # The Overview pane's follow-up rows ({when:>8} and the id) and checklist change column.
    "overview.overdue_days",
    "overview.today",
    "overview.in_days",
    "overview.action_prefix",
    "overview.first_run",
}
SHORT_SLACK = 2
ABBR_PREFIX = "facet_abbr."
ABBR_WIDTH = 2
# Column headers whose width is fixed by the layout, not by the English text: key -> most columns.
FIXED_WIDTH = {
    "culture.column_total": 5,  # src/ui/culture.rs: Constraint::Length(5)
    "rating.score": 7,  # src/ui/culture/rating.rs: centred in an 8-wide column
    "results.score": 6,  # src/ui/culture/results.rs: {:>7} after the dimension name
    "results.all": 6,  # idem
    "results.before": 6,  # comparison header: {:>7}
    "results.now": 5,  # comparison header: {:>6}
    "results.change": 8,  # comparison header: {:<8}
    "plan.field_follow_up": 11,  # src/ui/culture/plan.rs: Constraint::Length(11)
}

PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Keys and example inputs that must survive translation when the English text has them.
PROTECTED = ["Ctrl-s", "Enter", "Esc", "Tab", "F1", ":w", ":q", "2026-03-15", "15.3.2026", "+14d", "+2w", "+3m"]
# Example inputs a language writes with its own letter, which the date parser reads too:
# weeks are "v" (vecka) in Swedish and "u" (uge, uke) in Danish and Norwegian.
LOCAL_TOKENS = {"+2w": {"sv": "+2v", "da": "+2u", "nb": "+2u"}}


def width(text):
    """Terminal columns: wide and full-width characters take two, combining marks none."""
    cols = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        cols += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return cols


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def has_token(text, token):
    # A token counts only as a whole word, so "Tab" is not found inside "Table".
    return re.search(r"(?<![\w])" + re.escape(token) + r"(?![\w])", text) is not None


def load(path, problems):
    """Returns (ordered pairs, raw text) or None after recording why it could not be read."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        problems.append(f"cannot read as UTF-8: {err}")
        return None
    try:
        pairs = json.loads(raw, object_pairs_hook=lambda p: p)
    except json.JSONDecodeError as err:
        problems.append(f"invalid JSON: {err.msg} at line {err.lineno} column {err.colno}")
        return None
    if not isinstance(pairs, list):
        problems.append("the top level must be a JSON object")
        return None
    return pairs, raw


def check_shape(pairs, problems):
    seen = set()
    for key, value in pairs:
        if key in seen:
            problems.append(f"{key}: duplicate key")
        seen.add(key)
        if not isinstance(value, str):
            problems.append(f"{key}: value must be a string, not {type(value).__name__}")
        elif not value.strip():
            problems.append(f"{key}: empty text")


def check_catalog(lang, en_pairs, problems):
    path = I18N / f"{lang}.json"
    if not path.exists():
        problems.append(f"missing file {path.relative_to(ROOT)}")
        return
    loaded = load(path, problems)
    if loaded is None:
        return
    pairs, raw = loaded
    check_shape(pairs, problems)
    en = dict(en_pairs)
    tr = {k: v for k, v in pairs if isinstance(v, str)}

    missing = [k for k, _ in en_pairs if k not in tr]
    extra = [k for k, _ in pairs if k not in en]
    for key in missing:
        problems.append(f"{key}: missing")
    for key in extra:
        problems.append(f"{key}: not in en.json")
    if not missing and not extra:
        en_order = [k for k, _ in en_pairs]
        order = [k for k, _ in pairs]
        if order != en_order:
            first = next(i for i, (a, b) in enumerate(zip(order, en_order)) if a != b)
            problems.append(f"keys are not in the order of en.json (first difference at {order[first]})")

    for key, en_text in en_pairs:
        text = tr.get(key)
        if text is None:
            continue
        want, got = placeholders(en_text), placeholders(text)
        if want != got:
            problems.append(f"{key}: placeholders {got or 'none'} differ from English {want or 'none'}")
        for token in PROTECTED:
            local = LOCAL_TOKENS.get(token, {}).get(lang)
            kept = has_token(text, token) or (local is not None and has_token(text, local))
            if has_token(en_text, token) and not kept:
                problems.append(f"{key}: lost “{token}” (keep key names and example inputs as in English)")
        if key.startswith(ABBR_PREFIX):
            if width(text) != ABBR_WIDTH:
                problems.append(f"{key}: “{text}” must be exactly {ABBR_WIDTH} wide, is {width(text)}")
        elif key in FIXED_WIDTH:
            if width(text) > FIXED_WIDTH[key]:
                problems.append(f"{key}: “{text}” is {width(text)} wide; its column holds {FIXED_WIDTH[key]}")
        elif key.startswith(SHORT_PREFIXES) or key in SHORT_KEYS:
            limit = width(en_text) + SHORT_SLACK
            if width(text) > limit:
                problems.append(f"{key}: “{text}” is {width(text)} wide; at most {limit} (English “{en_text}” + {SHORT_SLACK})")

    if not missing and not extra and not problems:
        pretty = json.dumps(dict(pairs), ensure_ascii=False, indent=2) + "\n"
        if raw != pretty:
            problems.append("not in the canonical layout (2-space indent, UTF-8 not escaped, newline at end)")


def main(argv):
    en_problems = []
    loaded = load(I18N / "en.json", en_problems)
    if loaded is not None:
        check_shape(loaded[0], en_problems)
    if en_problems:
        print("en.json:", *en_problems, sep="\n  ")
        return 1
    en_pairs = loaded[0]

    langs = argv or sorted(p.stem for p in I18N.glob("*.json") if p.stem != "en")
    if not langs:
        print("no catalogs to check besides en.json")
        return 1
    failed = False
    for lang in langs:
        problems = []
        check_catalog(lang, en_pairs, problems)
        if problems:
            failed = True
            print(f"{lang}.json: {len(problems)} problem(s)")
            for problem in problems:
                print(f"  - {problem}")
        else:
            print(f"{lang}.json: ok ({len(en_pairs)} keys)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
