"""`timeline check` as contributors and tools read it: the three formats, named files, the warnings tier."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from generator import cli, pipeline
from generator.checks import lint, report
from generator.input.load import parse_text
from generator.problems import CODES, Problem

from .conftest import FIXTURES, ROOT, install_fixture

PROBLEMS = FIXTURES / "problems"
ENUM = "events/2018/2018-09-20-enum.yaml"
DUPLICATE = "events/2018/2018-10-02-isis-recaptures-al-susah.yaml"
ENUM_MESSAGE = (
    "kind 'battle' is not allowed; allowed: offensive-launched, territory-taken, territory-lost, clash, "
    "counter-attack, strike, civilian-harm, displacement, operational-pause, statement, estimate"
)
DUPLICATE_MESSAGE = (
    "may describe the same event as events/2018/2018-10-01-isis-retakes-al-susah.yaml: both territory-lost at "
    "'al-susah', dates 2018-10-02 and 2018-10~ overlap"
)
DUPLICATE_HINT = "Merge the two files if they are one event; if they are distinct, list each in the other's `related:`."


def run(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `timeline check` in-process; return exit code, stdout and stderr."""
    code = cli.main(["--root", str(project), "check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def broken(project: Path) -> Path:
    """The fixture project with one error (E013) and one warning (W101) in two new files."""
    install_fixture(project, PROBLEMS / "E013-enum.yaml")
    install_fixture(project, PROBLEMS / "W101-duplicate.yaml")
    return project


def test_text_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Problems as `path:line:col: CODE message — hint`, then the summary, all on stdout (`> log` keeps them)."""
    assert run(broken, capsys) == (
        1,
        f"{ENUM}:5:7: E013 {ENUM_MESSAGE} — Use one of the values the message lists.\n"
        f"{DUPLICATE}:4:7: W101 {DUPLICATE_MESSAGE} — {DUPLICATE_HINT}\n"
        "checked 7 files: 1 error, 1 warning (and 4 advisory warnings, listed with --strict)\n",
        "",
    )


def test_github_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One workflow command per problem (warnings as ::warning), then the summary, all on stdout."""
    assert run(broken, capsys, "--format", "github") == (
        1,
        f"::error file={ENUM},line=5,col=7,title=E013::{ENUM_MESSAGE} — Use one of the values the message lists.\n"
        f"::warning file={DUPLICATE},line=4,col=7,title=W101::{DUPLICATE_MESSAGE} — {DUPLICATE_HINT}\n"
        "checked 7 files: 1 error, 1 warning (and 4 advisory warnings, listed with --strict)\n",
        "",
    )


def test_github_escaping() -> None:
    """%, CR and LF are escaped in the message; ':' and ',' too in properties (GitHub's workflow-command rules)."""
    problem = Problem("events/2018/a,b:c.yaml", 3, 1, "E002", "50% sure\r\nnext", "fix: this, now")
    assert report.github_line(problem) == (
        "::error file=events/2018/a%2Cb%3Ac.yaml,line=3,col=1,title=E002::50%25 sure%0D%0Anext — fix: this, now"
    )


def test_json_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A document with the problems (fixed key order) and the counts; nothing on stderr."""
    code, out, err = run(broken, capsys, "--format", "json")
    assert (code, err) == (1, "")
    document = json.loads(out)
    assert document == {
        "problems": [
            {
                "path": ENUM,
                "line": 5,
                "col": 7,
                "code": "E013",
                "severity": "error",
                "message": ENUM_MESSAGE,
                "hint": "Use one of the values the message lists.",
            },
            {
                "path": DUPLICATE,
                "line": 4,
                "col": 7,
                "code": "W101",
                "severity": "warning",
                "message": DUPLICATE_MESSAGE,
                "hint": DUPLICATE_HINT,
            },
        ],
        "summary": {"files_checked": 7, "errors": 1, "warnings": 1, "advisory_hidden": 4},
    }
    assert list(document) == ["problems", "summary"]
    assert [list(p) for p in document["problems"]] == [
        ["path", "line", "col", "code", "severity", "message", "hint"]
    ] * 2
    assert out.startswith('{\n  "problems": [\n    {\n      "path": ')


def test_warnings_alone_pass_unless_strict(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A warning is listed and counted but exits 0; --strict lists the advisory ones too and exits 1."""
    install_fixture(project, PROBLEMS / "W101-duplicate.yaml")
    code, out, err = run(project, capsys)
    assert (code, err) == (0, "")
    assert out == (
        f"{DUPLICATE}:4:7: W101 {DUPLICATE_MESSAGE} — {DUPLICATE_HINT}\n"
        "checked 6 files: 0 errors, 1 warning (and 4 advisory warnings, listed with --strict)\n"
    )
    code, out, err = run(project, capsys, "--strict")
    assert (code, out.splitlines()[-1], err) == (1, "checked 6 files: 0 errors, 5 warnings", "")
    assert [line.split(": ", 1)[1][:4] for line in out.splitlines()[:-1]] == ["W102", "W104", "W102", "W101", "W102"]


def test_named_files_only_but_resolved_against_everything(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Naming a file reports its problems (advisory ones included) and no other file's; references still resolve."""
    code, out, err = run(broken, capsys, str(broken / DUPLICATE))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{DUPLICATE}:4:7: W101 {DUPLICATE_MESSAGE} — {DUPLICATE_HINT}",
        f"{DUPLICATE}:13:10: W102 sources[1] has a url but no archive_url — Save the page at "
        "https://web.archive.org/save and add the copy's address as `archive_url:`.",
        "checked 1 file: 0 errors, 2 warnings",
    ]
    # The same file named relative to the current folder (as pre-commit does), and a folder naming all its files.
    code, out, _ = run(broken, capsys, os.path.relpath(broken / DUPLICATE))
    assert (code, out.splitlines()[-1]) == (0, "checked 1 file: 0 errors, 2 warnings")
    code, out, _ = run(broken, capsys, str(broken / "events" / "2018"))
    assert (code, out.splitlines()[-1]) == (1, "checked 4 files: 1 error, 5 warnings")


def test_named_file_that_is_not_usable(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file or one outside the project is a usage error (exit 2)."""
    assert run(project, capsys, str(project / "events/2018/nope.yaml")) == (
        2,
        "",
        f"timeline check: {project / 'events/2018/nope.yaml'}: no such file\n",
    )
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("id: x\n", encoding="utf-8")
    assert run(project, capsys, str(outside)) == (
        2,
        "",
        f"timeline check: {outside} is not inside the project folder {project}\n",
    )


def test_the_real_project_passes_and_only_counts_its_advisory_backlog(capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline check` on the real data: exit 0 and one summary line; advisory warnings (however many there are
    today) are counted there, not listed, and --strict lists exactly that many, all advisory."""
    code, out, err = run(ROOT, capsys)
    assert (code, err) == (0, "")
    match = re.fullmatch(
        r"checked \d+ files: 0 errors, 0 warnings(?: \(and (\d+) advisory warnings?, listed with --strict\))?\n", out
    )
    assert match is not None, out
    hidden = int(match[1] or 0)
    code, out, err = run(ROOT, capsys, "--strict")
    listed = out.splitlines()[:-1]
    print(f"the real project has {hidden} advisory warnings")  # a report of today's backlog, not a pin
    assert (code, len(listed), err) == (1 if hidden else 0, hidden, "")
    assert all(CODES[line.split(": ", 1)[1][:4]].advisory for line in listed)


def claim_warnings(claim_yaml: str) -> list[str]:
    """The W103 messages for one event with the given claim."""
    text = "id: 2018-09-20-x\nclaims:\n  - what: killed\n    about: isis\n    by: SDF\n    source: 1\n" + claim_yaml
    doc, problems = parse_text(text, "x.yaml")
    assert doc is not None, problems
    return [f"{p.line} {p.message} / {p.hint}" for p in lint.claim_range_problems(doc)]


def test_claim_range_warnings() -> None:
    """W103 compares the note's wording with min and max, at the line of the bound that is written."""
    assert claim_warnings("    min: 100\n    max: 100\n    note: Up to 100 killed.\n") == [
        "7 claims[1] gives min: 100 and max: 100, but its note says 'Up to 100' / Write only max: 100, as the source"
        " words it."
    ]
    assert claim_warnings("    max: 160\n    note: At least 160, on 18–19 March.\n") == [
        "7 claims[1] gives max: 160, but its note says 'At least 160' / Write only min: 160, as the source words it."
    ]
    assert claim_warnings("    min: 2500\n    max: 2500\n    note: 2,500 to 3,000 fighters.\n") == [
        "7 claims[1] gives min: 2500 and max: 2500, but its note says '2,500 to 3,000' / Write min: 2500 and max: "
        "3000, as the source words it."
    ]
    assert claim_warnings("    max: 130\n    note: Between 100 and 130 families.\n") == [
        "7 claims[1] gives max: 130, but its note says 'Between 100 and 130' / Write min: 100 and max: 130, as the "
        "source words it."
    ]


@pytest.mark.parametrize(
    "claim_yaml",
    [
        "    max: 100\n    note: '\"Up to 100\"; the article does not say who counted them.'\n",
        "    min: 250\n    note: More than 250 km².\n",
        "    min: 2500\n    max: 3000\n    note: 2,500 to 3,000, most of them foreigners.\n",
        "    min: 7\n    max: 7\n    note: Territory taken in the past 10-12 days.\n",
        "    min: 400\n    max: 400\n    note: About 400 caught trying to flee, 5–6 March 2019.\n",
        "    min: 500\n    max: 500\n    note: About 500, counted among the 5,100 who fled.\n",
    ],
)
def test_claims_that_match_their_wording_pass(claim_yaml: str) -> None:
    """Ranges about other numbers (days, dates) and wording that matches the bounds give no warning."""
    assert claim_warnings(claim_yaml) == []


def test_related_events_are_not_duplicates(project: Path) -> None:
    """Listing the other event under related says they are distinct on purpose: no W101."""
    relative = install_fixture(project, PROBLEMS / "W101-duplicate.yaml")
    path = project / relative
    path.write_text(
        path.read_text(encoding="utf-8") + "related: [2018-10-01-isis-retakes-al-susah]\n", encoding="utf-8"
    )
    assert pipeline.check(project).problems == []


def test_warnings_wait_for_errors_to_be_fixed(project: Path) -> None:
    """A file with an error gets no warnings yet: W-checks read the data as valid."""
    relative = install_fixture(project, PROBLEMS / "W101-duplicate.yaml")
    path = project / relative
    path.write_text(path.read_text(encoding="utf-8").replace("kind: territory-lost", "kind: lost"), encoding="utf-8")
    assert [p.code for p in pipeline.check(project).problems] == ["E013"]
