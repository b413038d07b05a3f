"""One failing fixture per problem code, each asserting the exact list of (code, line) pairs it produces."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.problems import CODES, Problem

from .conftest import FIXTURES, install_fixture

PROBLEM_FIXTURES = FIXTURES / "problems"

# fixture file -> the exact (code, line) pairs `check` must report for it, in order.
EXPECTED: dict[str, list[tuple[str, int]]] = {
    "E001-not-utf8.yaml": [("E001", 3)],
    "E002-syntax.yaml": [("E002", 14)],
    "E003-alias.yaml": [("E003", 8)],
    "E004-duplicate-key.yaml": [("E004", 6)],
    "E005-list.yaml": [("E005", 1)],
    "E006-deep.yaml": [("E006", 8)],
    "E007-wrong-folder.yaml": [("E007", 1)],
    "E010-missing.yaml": [("E010", 2)],
    "E011-type.yaml": [("E011", 7)],
    "E012-unknown.yaml": [("E010", 2), ("E012", 3)],
    "E013-enum.yaml": [("E013", 5)],
    "E014-pattern.yaml": [("E014", 14)],
    "E015-empty.yaml": [("E015", 11)],
    "E016-range.yaml": [("E016", 13)],
    "E020-date.yaml": [("E020", 4)],
    "E021-reversed.yaml": [("E021", 4)],
    "E022-out-of-range.yaml": [("E022", 4)],
    "E030-id-mismatch.yaml": [("E030", 2)],
    "E031-duplicate-id.yaml": [("E007", 1), ("E031", 2)],
    "E032-unknown-ref.yaml": [("E032", 7)],
    "E033-min-max.yaml": [("E033", 13)],
    "E034-claim-source.yaml": [("E034", 15)],
    "E035-disputed.yaml": [("E035", 10)],
    "E036-id-date.yaml": [("E036", 2)],
    "E037-actor-loop.yaml": [("E037", 4), ("E037", 8)],
    "E038-unsafe.yaml": [("E038", 9)],
    "E039-reserved-id.yaml": [("E039", 11)],
    "E040-blocked-source.yaml": [("E040", 13), ("E040", 16)],
    "E050-placeholder.yaml": [("E050", 5)],
    "E060-symlink.yaml": [("E060", 1)],
    "E061-content-type.yaml": [("E061", 1)],
    "E062-url-invisible.yaml": [("E062", 13)],
    "E063-invisible-title.yaml": [("E063", 3)],
    "E064-long-number.yaml": [("E064", 16)],
    "E065-two-pages.yaml": [("E065", 1)],
    "E090-blamed-unknown-and-named.yaml": [("E090", 10)],
    "E120-not-arabic.yaml": [("E120", 16)],
    "E121-arabic-note-alone.yaml": [("E121", 18)],
    "W101-duplicate.yaml": [("W101", 4)],
    "W102-no-archive.yaml": [("W102", 13)],
    "W103-claim-range.yaml": [("W103", 13)],
    "W104-no-coordinates.yaml": [("W104", 7)],
}


def check_with(project: Path, fixture_name: str) -> tuple[str, list[Problem]]:
    """Install one fixture into the fixture project and check it."""
    relative = install_fixture(project, PROBLEM_FIXTURES / fixture_name)
    if CODES[fixture_name[:4]].advisory:
        # Advisory warnings are listed for the files a check names; the fixture project's own stay hidden.
        return relative, pipeline.check(project, only=[relative], advisory=True).problems
    return relative, pipeline.check(project).problems


def test_the_fixture_project_is_clean(project: Path) -> None:
    """Without a fixture the project has no problems, so every problem below comes from its fixture."""
    assert pipeline.check(project).problems == []


@pytest.mark.parametrize("fixture_name", sorted(EXPECTED))
def test_fixture_reports_exactly_its_problems(project: Path, fixture_name: str) -> None:
    """The fixture yields exactly the listed (code, line) pairs, all in the fixture's own file."""
    relative, problems = check_with(project, fixture_name)
    assert [(p.code, p.line) for p in problems] == EXPECTED[fixture_name]
    assert {p.path for p in problems} == {relative}


def test_every_code_has_a_fixture() -> None:
    """Each code in the table is produced by the fixture named after it, and every fixture is listed."""
    on_disk = sorted(p.name for p in PROBLEM_FIXTURES.glob("*.yaml"))
    assert on_disk == sorted(EXPECTED)
    assert sorted(CODES) == sorted({name[:4] for name in EXPECTED})
    for name, pairs in EXPECTED.items():
        assert name[:4] in {code for code, _ in pairs}, f"{name} does not produce its own code"


def test_problem_lines_are_exact(project: Path) -> None:
    """What a contributor reads: path, line, column, code, message and hint on one line."""
    _, problems = check_with(project, "E012-unknown.yaml")
    assert [p.format_text() for p in problems] == [
        "events/2018/2018-09-20-unknown.yaml:2:1: E010 missing required field 'title'"
        " — Add the field; CONTRIBUTING.md shows every field with an example.",
        "events/2018/2018-09-20-unknown.yaml:3:1: E012 unknown field 'titel' (did you mean 'title'?)"
        " — Rename it to 'title'.",
    ]


def test_all_problems_of_all_files_are_reported_at_once(project: Path) -> None:
    """Several broken files give every problem in one run, sorted by path and line."""
    for name in ("E013-enum.yaml", "E032-unknown-ref.yaml", "E004-duplicate-key.yaml"):
        install_fixture(project, PROBLEM_FIXTURES / name)
    problems = pipeline.check(project).problems
    assert [(p.path, p.code, p.line) for p in problems] == [
        ("events/2018/2018-09-20-duplicate-key.yaml", "E004", 6),
        ("events/2018/2018-09-20-enum.yaml", "E013", 5),
        ("events/2018/2018-09-20-unknown-ref.yaml", "E032", 7),
    ]


def test_unknown_code_is_refused() -> None:
    """A problem can only carry a code from the table, so the catalogue cannot miss one."""
    with pytest.raises(ValueError, match="unknown problem code"):
        Problem("x.yaml", 1, 1, "E999", "nope")
