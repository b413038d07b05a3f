"""What a contributor reads for the mistakes people make: exact lines, hints that fit, broken registries alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cli, pipeline
from generator.input.load import parse_text
from generator.problems import Problem

from .conftest import FIXTURES, install_fixture

SUSAH = "events/2018/2018-09-20-sdf-takes-al-susah.yaml"
RETAKES = "events/2018/2018-10-01-isis-retakes-al-susah.yaml"
PLACES = "events/registry/places.yaml"


def run(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    """`timeline check` in-process: exit code, stdout lines, stderr."""
    code = cli.main(["--root", str(project), "check", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def lines_for(text: str, path: str = "events/2018/2018-09-20-x.yaml") -> list[str]:
    """The problem lines loading one file's text gives."""
    return [p.format_text() for p in parse_text(text, path)[1]]


def edit(project: Path, relative: str, old: str, new: str) -> None:
    """Replace text in one file of the project, insisting it was there."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD_INDENT = (
    f"{PLACES}:6:4: E002 bad indentation: 'coordinates:' is indented 3 spaces, more than 'admin_area:' on line 5 "
    "(2 spaces) — Start 'coordinates:' with 2 spaces, like 'admin_area:', if it belongs to the same entry; fields "
    "of one entry line up exactly, with spaces only."
)
NOT_CHECKED = (
    f"{PLACES} could not be read, so the place references in event files were not checked; fix the error above and "
    "check again"
)


@pytest.fixture
def broken_places(project: Path) -> Path:
    """The fixture project with one line of places.yaml indented one space too far."""
    edit(project, PLACES, "  coordinates: {lat", "   coordinates: {lat")
    return project


def test_broken_registry_is_reported_first_and_alone(broken_places: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One error at the registry's own line, a line saying what was not checked, and no follow-on E032."""
    code, out, err = run(broken_places, capsys)
    assert (code, err) == (1, "")
    assert out == [
        BAD_INDENT,
        NOT_CHECKED,
        "checked 5 files: 1 error, 0 warnings (and 2 advisory warnings, listed with --strict)",
    ]


def test_checking_an_event_whose_registry_is_broken_says_so(
    broken_places: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`timeline check FILE` names the broken registry instead of '0 errors' or a misleading 'unknown place'."""
    code, out, _ = run(broken_places, capsys, str(broken_places / RETAKES))
    assert code == 1
    assert out[:2] == [BAD_INDENT, NOT_CHECKED]
    assert out[-1] == "checked 2 files: 1 error, 1 warning"
    assert not any("E032" in line for line in out)


def test_broken_registry_in_json_names_what_was_not_checked(
    broken_places: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tools get the same: the error, and the registry whose references were not checked."""
    import json

    code = cli.main(["--root", str(broken_places), "check", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [p["code"] for p in document["problems"]] == ["E002"]
    assert document["not_checked"] == [{"path": PLACES, "message": NOT_CHECKED}]


def test_duplicate_key_in_a_registry_is_one_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A duplicated id in places.yaml: one E004 at the second one, nothing about the events."""
    path = project / PLACES
    path.write_text(path.read_text(encoding="utf-8") + "al-susah:\n  name: Again\n", encoding="utf-8")
    code, out, _ = run(project, capsys)
    assert code == 1
    assert out[:2] == [
        f"{PLACES}:10:1: E004 duplicate key 'al-susah' (first given on line 1) — Keep one of the two; YAML would "
        "silently use only the last.",
        NOT_CHECKED,
    ]
    assert len(out) == 3


def test_checking_an_event_names_an_error_in_a_registry(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A registry entry of the wrong type stops every build: checking one event file reports it too."""
    path = project / PLACES
    path.write_text(path.read_text(encoding="utf-8") + "al-shafa:\n  - name: al-Shafa\n", encoding="utf-8")
    code, out, _ = run(project, capsys, str(project / RETAKES))
    assert code == 1
    assert out[0].startswith(f"{PLACES}:11:3: E011 al-shafa must be a mapping of fields, not a list — ")
    assert out[-1] == "checked 2 files: 1 error, 2 warnings"


def test_strict_shows_warnings_beside_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """By default a file with an error gets no warnings yet; --strict lists them beside its errors, on stdout."""
    edit(project, RETAKES, "kind: territory-lost", "kind: lost")
    code, out, err = run(project, capsys)
    assert (code, err, [line.split(": ")[1][:4] for line in out[:-1]]) == (1, "", ["E013"])
    code, out, err = run(project, capsys, "--strict")
    assert (code, err) == (1, "")
    assert [line.split(": ")[1][:4] for line in out[:-1]] == ["W102", "E013", "W104", "W102"]
    assert out[-1] == "checked 5 files: 1 error, 3 warnings"


def test_text_format_keeps_problems_and_summary_in_one_stream(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`timeline check > log` keeps every line: problems and summary both go to stdout."""
    install_fixture(project, FIXTURES / "problems" / "E013-enum.yaml")
    code, out, err = run(project, capsys)
    assert (code, err) == (1, "")
    assert out[0].startswith("events/2018/2018-09-20-enum.yaml:5:7: E013 ")
    assert out[-1].startswith("checked 6 files: 1 error, 0 warnings")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "id: 2018-09-20-x\ntitle: 2018\n",
            "x:2:8: E011 title must be text, not a number — Put it in quotes so that it is read as text: "
            'title: "2018".',
        ),
        (
            "id: 2018-09-20-x\nplaces: al-susah\n",
            "x:2:9: E011 places must be a list, not text — Write it as a list in square brackets: places: [al-susah].",
        ),
    ],
)
def test_type_hints_fit_the_value(project: Path, text: str, line: str) -> None:
    """A bare number where text is expected is to be quoted; text where a list is expected goes in brackets."""
    doc, problems = parse_text(text, "x")
    assert doc is not None and problems == []
    from generator.checks.validate import schema_problems

    assert [p.format_text() for p in schema_problems(doc) if p.code == "E011"] == [line]


def test_list_where_a_mapping_is_expected(project: Path) -> None:
    """A place written as a list of fields: the hint says to drop the '- ', at the entry's line."""
    path = project / PLACES
    path.write_text(path.read_text(encoding="utf-8") + "al-shafa:\n  - name: al-Shafa\n", encoding="utf-8")
    problems = [p.format_text() for p in pipeline.check(project).problems]
    assert problems == [
        f"{PLACES}:11:3: E011 al-shafa must be a mapping of fields, not a list — Write the fields of al-shafa as "
        "'name: value' lines indented under it, without the leading '- ': a list is only for several entries of the "
        "same kind."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "",
            "x.yaml:1:1: E005 file is empty — Write the event's fields (`timeline new` starts a file for you; "
            "CONTRIBUTING.md shows every field), or delete it.",
        ),
        (
            "- id: 2018-09-20-x\n  title: y\n",
            "x.yaml:1:1: E005 the file's top level is a list, not a mapping of fields — Remove the '- ' before the "
            "first field and the indentation of the fields after it: the file is one mapping of 'field: value' lines, "
            "not a list.",
        ),
        (
            "id: 2018-09-20-x\ntitle: SDF: takes Hajin\n",
            "x.yaml:2:11: E002 the value of 'title' contains ': ', which YAML reads as the start of another field — "
            'Put the value in double quotes: title: "SDF: takes Hajin"',
        ),
        (
            "id: 2018-09-20-x\n\ttitle: y\n",
            "x.yaml:2:1: E002 line 2 is indented with a tab — YAML indents with spaces only: replace the tab with "
            "spaces (your editor can show and convert tabs).",
        ),
        (
            "id: 2018-09-20-x\ntitle: 'SDF takes Hajin\nkind: clash\n",
            "x.yaml:4:1: E002 the quote ' opened on line 2 is never closed — Add the closing ' at the end of the text "
            "on line 2.",
        ),
    ],
)
def test_file_level_hints(text: str, expected: str) -> None:
    """Empty files, lists, unquoted colons, tabs and open quotes each get their own plain-words hint."""
    assert lines_for(text, "x.yaml") == [expected]


def test_utf16_is_named_as_utf16(project: Path) -> None:
    """A file saved as UTF-16 is detected as UTF-16 (with or without a byte-order mark), not as binary."""
    target = project / "events/2018/2018-09-20-utf16.yaml"
    for encoding, name in (("utf-16", "UTF-16 LE"), ("utf-16-be", "UTF-16 BE")):
        target.write_bytes("id: 2018-09-20-utf16\ntitle: x\n".encode(encoding))
        assert [p.format_text() for p in pipeline.check(project).problems] == [
            f"events/2018/2018-09-20-utf16.yaml:1:1: E001 the file is saved as {name}, not UTF-8 — Save it again as "
            f"UTF-8 (in VS Code: click '{name}' in the status bar, then 'Save with Encoding' and 'UTF-8')."
        ]


@pytest.mark.parametrize(
    ("written", "line"),
    [
        ("18/03/2019", "'18/03/2019' is not an EDTF date — Write \"2019-03-18\" (18 March 2019): year, month, day."),
        (
            "05/03/2019",
            '\'05/03/2019\' is not an EDTF date — Write "2019-03-05" (5 March 2019, day first), or "2019-05-03" if the '
            "month comes first.",
        ),
        ("autumn 2018", "'autumn 2018' is not an EDTF date — Write \"2018-23\" (Autumn 2018)."),
        ("March 2019", "'March 2019' is not an EDTF date — Write \"2019-03\" (March 2019)."),
        (
            "2018-24",
            "'2018-24' (winter) runs from December into the next year, so its months are unclear — Write the months "
            "the source means, e.g. 2018-12/2019-02 for December 2018 to February 2019.",
        ),
    ],
)
def test_dates_written_another_way_get_the_exact_form(project: Path, written: str, line: str) -> None:
    """A date in another common form is refused with the EDTF form to write instead."""
    edit(project, RETAKES, "date: 2018-10~", f'date: "{written}"')
    edit(project, RETAKES, "id: 2018-10-01-", "id: 2018-10-01-")
    problems = [p.format_text() for p in pipeline.check(project).problems if p.code == "E020"]
    assert problems == [f"{RETAKES}:3:7: E020 date: {line}"]


@pytest.mark.parametrize(
    ("field", "written", "expected"),
    [
        ("places", "[souseh]", "unknown place 'souseh' (did you mean 'al-susah'?; 'Souseh' is one of its names)"),
        ("actors", "[daesh]", "unknown actor 'daesh' (did you mean 'isis'?; 'Daesh' is one of its names)"),
        ("phase", "hajin", "unknown phase 'hajin' (did you mean 'hajin-offensive'?)"),
    ],
)
def test_suggestions_look_at_names_and_aliases(project: Path, field: str, written: str, expected: str) -> None:
    """An alias or a short name typed as an id leads to the id, and the hint names it."""
    old = {"places": "places: [al-susah]", "actors": "actors: [sdf, ypj, isis]", "phase": "phase: hajin-offensive"}
    edit(project, SUSAH, old[field], f"{field}: {written}")
    problems = [p for p in pipeline.check(project).problems if p.code == "E032"]
    target = expected.split("'")[3]
    registry = {"places": "places", "actors": "actors", "phase": "phases"}[field]
    assert [(p.message, p.hint) for p in problems] == [
        (expected, f"Write '{target}', the id events/registry/{registry}.yaml gives it.")
    ]


def test_coalition_finds_the_coalition(tmp_path: Path) -> None:
    """The real registry: 'coalition' is the short name of cjtf-oir."""
    from generator.checks.validate import _registry_match
    from generator.input.load import Document

    actors = Document("a", {"cjtf-oir": {"name": "CJTF-OIR", "short_name": "Coalition"}, "sdf": {"name": "SDF"}})
    assert _registry_match("coalition", actors) == ("cjtf-oir", "'Coalition' is one of its names")


def test_no_hint_refers_to_a_suggestion_that_is_not_there(project: Path) -> None:
    """Without a close match the message suggests nothing and the hint says where the ids are."""
    edit(project, SUSAH, "places: [al-susah]", "places: [zzzz]")
    edit(project, SUSAH, "tags: [test]", "tags: [test]\nqqqq: 1")
    problems = sorted((p.code, p.message, p.hint) for p in pipeline.check(project).problems)
    assert problems == [
        (
            "E012",
            "unknown field 'qqqq'",
            "Remove it, or use one of the fields: actors, ar, civilian_harm, claims, confidence, confidence_note, "
            "date, id, kind, phase, places, related, schema, sources, summary, tags, title.",
        ),
        (
            "E032",
            "unknown place 'zzzz'",
            "Use an id from events/registry/places.yaml, or add the place to events/registry/places.yaml first "
            "(CONTRIBUTING.md, section 8).",
        ),
    ]
    assert not any("suggest" in hint for _, _, hint in problems)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("\x1b[2J", "\\x1b[2J"), ("a\rb", "a\\rb"), ("\u202eevil", "\\u202eevil"), ("x\ny", "x\\ny")],
)
def test_terminal_output_escapes_control_characters(raw: str, shown: str) -> None:
    """ANSI escapes, carriage returns, newlines and bidi overrides from a file are shown escaped, never raw."""
    line = Problem(f"events/2018/{raw}.yaml", 1, 1, "E012", f"unknown field '{raw}'", "hint").format_text()
    assert line == f"events/2018/{shown}.yaml:1:1: E012 unknown field '{shown}' — hint"


def test_terminal_output_of_a_hostile_key(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A field name carrying an escape sequence reaches the terminal escaped."""
    edit(project, SUSAH, "tags: [test]", 'tags: [test]\n"\\e[31mred\\r": 1')
    _, out, _ = run(project, capsys)
    assert "\x1b" not in "".join(out) and "\r" not in "".join(out)
    assert any("unknown field '\\x1b[31mred\\r'" in line for line in out)


def test_broken_registry_in_github_format_is_an_error_and_a_notice(
    broken_places: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a pull request: the error as an annotation on the registry's line, the unchecked references as a notice."""
    code, out, _ = run(broken_places, capsys, "--format", "github")
    assert code == 1
    assert out[0].startswith(f"::error file={PLACES},line=6,col=4,title=E002::bad indentation: ")
    assert out[1] == (
        f"::notice file={PLACES}::{PLACES} could not be read, so the place references in event files were not "
        "checked; fix the error above and check again"
    )
    assert len(out) == 3
