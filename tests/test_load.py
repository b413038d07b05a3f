"""The strict loader: what the contributor wrote is what is validated, with positions, and nothing expands."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.input.load import MAX_FILE_BYTES, load_file, parse_text


def codes(text: str) -> list[tuple[str, int, int]]:
    """(code, line, col) of every problem parsing `text`."""
    return [(p.code, p.line, p.col) for p in parse_text(text, "f.yaml")[1]]


def test_yaml_1_1_coercions_do_not_happen() -> None:
    """`no` stays text, dates stay text, leading zeros stay text; 1.2 core ints, floats, booleans, nulls resolve."""
    doc, problems = parse_text("a: no\nb: 2018-09-20\nc: 012\nd: 12\ne: 2.5\nf: true\ng: ~\nh: '7'\ni: 0x1F\n", "f")
    assert problems == []
    assert doc is not None
    assert doc.data == {
        "a": "no",
        "b": "2018-09-20",
        "c": "012",
        "d": 12,
        "e": 2.5,
        "f": True,
        "g": None,
        "h": "7",
        "i": "0x1F",
    }


def test_every_value_and_key_has_its_position() -> None:
    """Lines and columns are 1-based, for keys and values, in nested lists and mappings."""
    doc, _ = parse_text("id: x\nsources:\n  - publisher: A\n    url: https://a\n", "f")
    assert doc is not None
    assert doc.position(("sources", 0, "url")) == (4, 10)
    assert doc.position(("sources", 0, "url"), key=True) == (4, 5)
    assert doc.position(("sources", 0, "missing")) == (3, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !!python/object/apply:os.system ['ls']", [("E003", 1, 4)]),
        ("a: &x [1]\nb: *x\n", [("E003", 1, 4)]),
        ("a: 1\nb: 2\na: 3\n", [("E004", 3, 1)]),
        ("a: 1\n---\nb: 2\n", [("E005", 2, 1)]),
        ("", [("E005", 1, 1)]),
        ("# just a comment\n", [("E005", 1, 1)]),
        ("just text", [("E005", 1, 1)]),
        ("- a\n- b\n", [("E005", 1, 1)]),
        ("a:\n\t- b\n", [("E002", 2, 1)]),
        ("? [a, b]\n: c\n", [("E011", 1, 3)]),
    ],
)
def test_refused_constructs(text: str, expected: list[tuple[str, int, int]]) -> None:
    """Tags, anchors, aliases, duplicate keys, extra documents, non-mappings, tabs and complex keys."""
    assert codes(text) == expected


def test_billion_laughs_is_refused_at_the_first_anchor() -> None:
    """A YAML bomb never expands: the first anchor is an error."""
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: &d [*c,*c]\n'
    assert codes(bomb) == [("E003", 1, 4)]


def test_crlf_and_byte_order_mark_are_accepted(tmp_path: Path) -> None:
    """Windows line ends and a UTF-8 BOM are harmless and load as usual."""
    file = tmp_path / "x.yaml"
    file.write_bytes("\ufeffa: 1\r\nb: السوسة\r\n".encode())
    doc, problems = load_file(file, tmp_path)
    assert problems == [] and doc is not None
    assert doc.data == {"a": 1, "b": "السوسة"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"a: 1\nb: \xff\n", ("E001", 2, 4)),
        (b"a: 1\x00\n", ("E001", 1, 5)),
        (b"a: " + b"x" * MAX_FILE_BYTES, ("E006", 1, 1)),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, expected: tuple[str, int, int]) -> None:
    """Non-UTF-8, binary and oversize files are refused before parsing."""
    file = tmp_path / "x.yaml"
    file.write_bytes(content)
    _, problems = load_file(file, tmp_path)
    assert [(p.code, p.line, p.col) for p in problems] == [expected]


def test_symbolic_links_are_refused(tmp_path: Path) -> None:
    """A link could pull any file of the builder's machine into the site."""
    (tmp_path / "x.yaml").symlink_to("/etc/hostname")
    _, problems = load_file(tmp_path / "x.yaml", tmp_path)
    assert [(p.code, p.message) for p in problems] == [
        ("E060", "a symbolic link: the build reads only regular files inside the project")
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_loader_never_raises_on_any_text(text: str) -> None:
    """Any text gives a document or problems, never an exception."""
    doc, problems = parse_text(text, "f.yaml")
    assert (doc is None) == bool(problems)
