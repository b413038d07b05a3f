"""Denial of service: every check is linear in its input, so no file within the size limit can stall CI.

Each case below is the worst input known for one check, as large as the 256 KiB file limit allows (a summary of
`{x` once took 524 s; `-+8<-+` patterns, the single-line pattern and jsonschema's pairwise `uniqueItems` behaved
the same way). The whole check of the file is timed against a plain parse of the same file (the project's loader:
YAML to data with positions, nothing checked), measured in the same run: the ratio, not an absolute time, is
asserted, with a generous bound, so a slow or busy machine passes and a quadratic check (thousands of times a
parse at this size) cannot. `pytest tests/test_dos.py -s` prints each case's figures.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from generator import pipeline
from generator.checks.validate import ProjectValidator
from generator.input.load import MAX_FILE_BYTES, parse_text

# A linear check costs a few parses (schema, cross-references, text checks, positions); quadratic is thousands.
BOUND = 100
TARGET = MAX_FILE_BYTES - 2_000  # room for the event's other fields
# The lists of the uniqueItems cases are a quarter of that: each check of them costs seconds even when linear, and
# jsonschema's pairwise comparison is still hundreds of parses at this size (measured: 670x and 1,000x a parse).
LIST_TARGET = TARGET // 4
HEAD = """id: 2018-09-20-worst
title: {title}
date: "{date}"
kind: territory-taken
phase: {phase}
places: {places}
actors: [sdf]
summary: {summary}
confidence: reported
sources:
  - publisher: Example News
    url: {url}
"""
PLAIN = {
    "title": "SDF takes al-Susah",
    "date": "2018-09-20",
    "phase": "hajin-offensive",
    "places": "[al-susah]",
    "summary": "The SDF took al-Susah.",
    "url": "https://example.org/report",
}


def _repeat(unit: str, size: int = TARGET) -> str:
    """`unit` repeated to about `size` characters."""
    return unit * (size // len(unit))


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar of `text` (backslashes and quotes escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _flow_list(item: Callable[[int], str], target: int = TARGET) -> str:
    """A YAML flow sequence of item(0), item(1) ... up to about `target` characters."""
    items, size, index = [], 0, 0
    while size < target - 100:
        items.append(item(index))
        size += len(items[-1]) + 2
        index += 1
    return "[" + ", ".join(items) + "]"


# Check -> the worst field value for it, at the size limit.
WORST: dict[str, dict[str, str]] = {
    "attribute-list handler `{x`": {"summary": _quoted(_repeat("{x"))},
    "attribute-list start `{ `": {"summary": _quoted("{" + _repeat(" ") + "x")},
    "snippet `-+8<-+`": {"summary": _quoted(_repeat("-") + "8")},
    "snippet runs `--8`": {"summary": _quoted(_repeat("--8<"))},
    "raw HTML `< `": {"summary": _quoted("<" + _repeat(" ") + "1")},
    "single-line title `x...\\r`": {"title": _quoted(_repeat("x") + "\r")},
    "single-line title spaces": {"title": _quoted(_repeat(" ") + "\r")},
    "inline links `](`": {"summary": _quoted(_repeat("](  "))},
    "reference definitions `[`": {"summary": _quoted(_repeat("\n[a"))},
    "handler word `onx...`": {"summary": _quoted("{" + "on" + _repeat("x") + " ")},
    "invisible text": {"title": _quoted(_repeat("\u200b", TARGET // 3))},
    "url pattern": {"url": _quoted("https://" + _repeat("a") + " ")},
    "date through the EDTF library": {"date": _repeat("2")},
    "id-like reference pattern": {"phase": _repeat("a-") + "-"},
    "uniqueItems on unsortable items": {"places": _flow_list(lambda i: f"{{a: {i}}}", LIST_TARGET)},
    "uniqueItems on mixed lists": {"places": _flow_list(lambda i: f"[{i}]" if i % 2 else f"p{i}", LIST_TARGET)},
    "unknown references with suggestions": {"places": _flow_list(lambda i: f"al-susa{i}")},
}


def _claims(note: str, count: int) -> str:
    """`count` claims, each with `note` as its note: many fields at their own size limit."""
    claim = "  - what: killed\n    about: isis\n    by: SDF\n    source: 1\n    max: 5\n    note: {note}\n"
    return "claims:\n" + claim.format(note=_quoted(note)) * count


# Check -> a worst note at the field's own limit (3,000 characters), in as many claims as the file holds: past
# the limit a text is refused unread, so this is where the text checks do the most work.
NOTE_LIMIT = 3000
WORST_NOTES: dict[str, str] = {
    "handler `{x` in notes": _repeat("{x", NOTE_LIMIT),
    "snippet dashes in notes": _repeat("-", NOTE_LIMIT - 1) + "8",
    "raw HTML spaces in notes": "<" + _repeat(" ", NOTE_LIMIT - 2) + "1",
    "inline links in notes": _repeat("](  ", NOTE_LIMIT),
    "reference definitions in notes": _repeat("\n[a", NOTE_LIMIT),
    "handler word in notes": "{on" + _repeat("x", NOTE_LIMIT - 4) + " ",
    "claim-range digits in notes (valid file: the warnings run)": _repeat("1", NOTE_LIMIT - 1) + "-",
    "claim-range commas in notes (valid file: the warnings run)": _repeat("1,111 ", NOTE_LIMIT),
}


def _text(case: str) -> str:
    """The whole event file of a case."""
    if case in WORST_NOTES:
        note = WORST_NOTES[case]
        # A valid file (at most 50 claims) for the warnings, which only read files without errors.
        count = 50 if "valid file" in case else (TARGET - 600) // (len(note.encode()) + 90)
        return HEAD.format(**PLAIN) + _claims(note, count)
    return HEAD.format(**{**PLAIN, **WORST[case]})


def _write(project: Path, case: str) -> Path:
    """The event file of a case, checked to be near the size limit."""
    text = _text(case)
    low = 0.55 if "valid file" in case else 0.9
    if case.startswith("uniqueItems"):
        low /= 4  # the list cases' LIST_TARGET
    assert MAX_FILE_BYTES * low < len(text.encode()) <= MAX_FILE_BYTES, len(text.encode())
    file = project / "events" / "2018" / "2018-09-20-worst.yaml"
    file.write_text(text, encoding="utf-8")
    return file


def _best_of(runs: int, action: Callable[[], object]) -> float:
    """The shortest of a few timings: the least disturbed by other work on the machine."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(WORST) + sorted(WORST_NOTES))
def test_worst_input_is_checked_in_linear_time(project: Path, case: str) -> None:
    """The whole check of the file costs at most BOUND plain parses of it (plus the rest of the project)."""
    file = _write(project, case)
    text = file.read_text(encoding="utf-8")
    # The plain parse: the project's loader turning the YAML into data with positions, nothing checked.
    parse = _best_of(5, lambda: parse_text(text, "events/2018/2018-09-20-worst.yaml"))
    file.unlink()
    rest = _best_of(3, lambda: pipeline.check(project))
    file.write_text(text, encoding="utf-8")
    results: list[pipeline.CheckResult] = []
    whole = _best_of(3, lambda: results.append(pipeline.check(project)))
    assert len(results) == 3 and all(r.problems == results[0].problems for r in results)
    assert results[0].problems or "valid file" in case, "the worst input must be refused"
    ratio = (whole - rest) / parse
    size = len(text.encode())
    print(f"{case}: {size:,} bytes, parse {parse * 1000:.1f} ms, check {(whole - rest) * 1000:.0f} ms ({ratio:.1f}x)")
    assert ratio < BOUND, f"{case}: check {whole - rest:.3f} s is {ratio:.0f}x a parse ({parse:.4f} s)"


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from([0.0, 1.0, 2.5, -1.0]) | st.text("ab", max_size=2),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text("ab", max_size=2), children, max_size=3),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_json_values, max_size=6))
def test_linear_unique_items_agrees_with_jsonschema(items: list[object]) -> None:
    """The project's uniqueItems (canonical keys in a set) decides exactly as jsonschema's pairwise comparison:
    1 and 1.0 are equal, true and 1 are not, mappings are equal in any key order."""
    ours = not list(ProjectValidator({"uniqueItems": True}).iter_errors(items))
    theirs = not list(Draft202012Validator({"uniqueItems": True}).iter_errors(items))
    assert ours == theirs
