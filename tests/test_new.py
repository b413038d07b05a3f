"""`timeline new`: the scaffolded file, its placeholders, and the refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cli, pipeline
from generator.input.dates import parse
from generator.output import scaffold

SCAFFOLD = "events/2018/2018-11-20-sdf-takes-al-susah.yaml"


def new(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `timeline new` in-process; return exit code, stdout and stderr."""
    code = cli.main(["--root", str(project), "new", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_new_writes_the_template_and_prints_its_path(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 0, the path on stdout, the next step on stderr, and the file with its modeline on line 1."""
    code, out, err = new(project, capsys, "--date", "2018-11-20", "--title", "SDF takes al-Susah")
    assert (code, out, err) == (
        0,
        f"{project / SCAFFOLD}\n",
        f"Replace every TODO in it, then run: .venv/bin/timeline check {project / SCAFFOLD}\n",
    )
    lines = (project / SCAFFOLD).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../generator/data/timeline.schema.json"
    assert [line for line in lines if not line.lstrip().startswith("#")] == [
        "id: 2018-11-20-sdf-takes-al-susah",
        "title: SDF takes al-Susah",
        'date: "2018-11-20"',
        "kind: TODO",
        "phase: TODO",
        "places: [TODO]",
        "actors: [TODO]",
        "summary: TODO What happened and what is known, in a few plain sentences.",
        "confidence: TODO",
        "sources:",
        "  - publisher: TODO",
        "    title: TODO",
        "    url: TODO",
        "    published: TODO",
        "    language: en",
    ]
    # The fixture project's only phase that includes the date is named as a hint.
    assert "# An id from events/registry/phases.yaml; the date falls in: hajin-offensive." in lines


def test_every_placeholder_is_an_error_until_replaced(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each TODO is one E050 at its own line; nothing else is reported for the same value."""
    new(project, capsys, "--date", "2018-11-20", "--title", "SDF takes al-Susah")
    problems = pipeline.check(project, only=[SCAFFOLD]).problems
    assert [(p.code, p.line, p.message) for p in problems] == [
        ("E050", 10, "kind still holds the placeholder TODO"),
        ("E050", 12, "phase still holds the placeholder TODO"),
        ("E050", 14, "places[1] still holds the placeholder TODO"),
        ("E050", 15, "actors[1] still holds the placeholder TODO"),
        ("E050", 16, "summary still holds the placeholder TODO"),
        ("E050", 19, "confidence still holds the placeholder TODO"),
        ("E050", 22, "sources[1].publisher still holds the placeholder TODO"),
        ("E050", 23, "sources[1].title still holds the placeholder TODO"),
        ("E050", 25, "sources[1].url still holds the placeholder TODO"),
        ("E050", 26, "sources[1].published still holds the placeholder TODO"),
    ]
    assert problems[0].format_text() == (
        f"{SCAFFOLD}:10:7: E050 kind still holds the placeholder TODO — Replace it with one of: offensive-launched, "
        "territory-taken, territory-lost, clash, counter-attack, strike, civilian-harm, displacement, "
        "operational-pause, statement, estimate."
    )


def test_filled_in_scaffold_checks_clean(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Replacing every TODO the way a contributor would leaves a valid event."""
    new(project, capsys, "--date", "2018-11-20", "--title", "SDF takes al-Susah")
    path = project / SCAFFOLD
    text = path.read_text(encoding="utf-8")
    for placeholder, value in (
        ("kind: TODO", "kind: territory-taken"),
        ("phase: TODO", "phase: hajin-offensive"),
        ("places: [TODO]", "places: [al-susah]"),
        ("actors: [TODO]", "actors: [sdf]"),
        ("summary: TODO What happened and what is known, in a few plain sentences.", "summary: The SDF took it."),
        ("confidence: TODO", "confidence: reported"),
        ("publisher: TODO", "publisher: Example News"),
        ("title: TODO", "title: A report"),
        ("url: TODO", "url: https://example.org/r"),
        ("published: TODO", 'published: "2018-11-21"'),
    ):
        text = text.replace(placeholder, value, 1)
    path.write_text(text, encoding="utf-8")
    assert pipeline.check(project).problems == []


def test_new_refuses_to_overwrite(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A second run exits 1, says the file exists, and leaves the file as it was."""
    new(project, capsys, "--date", "2018-11-20", "--title", "SDF takes al-Susah")
    (project / SCAFFOLD).write_text("edited\n", encoding="utf-8")
    assert new(project, capsys, "--date", "2018-11-20", "--title", "SDF takes al-Susah") == (
        1,
        "",
        f"timeline new: {project / SCAFFOLD} already exists; edit it, or choose another --slug\n",
    )
    assert (project / SCAFFOLD).read_text(encoding="utf-8") == "edited\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2018-02-30", "--title", "x"], "--date '2018-02-30': February 2018 has no day 30"),
        (
            ["--date", "20 Sept 2018", "--title", "x"],
            "--date '20 Sept 2018': '20 Sept 2018' is not an EDTF date. Write \"2018-09-20\" (20 September 2018): "
            "year, month, day.",
        ),
        (
            ["--date", "autumn 2018", "--title", "x"],
            "--date 'autumn 2018': 'autumn 2018' is not an EDTF date. Write \"2018-23\" (Autumn 2018).",
        ),
        (["--date", "2021-11-13", "--title", "x"], "--date '2021-11-13' lies outside the campaign (2017-2019)"),
        (["--date", "2018-11-20", "--title", " "], "--title must be one line of text"),
        (
            ["--date", "2018-11-20", "--title", "«٭»"],  # noqa: RUF001
            "the title has no Latin or Arabic letters or digits to make an id from; give the id's words with --slug, "
            "e.g. --slug families-flee-al-susah",
        ),
        (
            ["--date", "2018-11-20", "--title", "x", "--slug", "Bad_Slug"],
            "--slug 'Bad_Slug' may use only a-z, 0-9 and single '-'",
        ),
    ],
)
def test_bad_arguments_exit_2(project: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    """Each unusable argument: exit 2, one line saying why, no file written."""
    before = sorted(p for p in (project / "events").rglob("*"))
    assert new(project, capsys, *args) == (2, "", f"timeline new: {message}\n")
    assert sorted(p for p in (project / "events").rglob("*")) == before


def test_missing_arguments_are_usage_errors(project: Path) -> None:
    """--date and --title are required (argparse exits 2)."""
    with pytest.raises(SystemExit) as raised:
        cli.main(["--root", str(project), "new", "--title", "x"])
    assert raised.value.code == 2


def test_slug_override_and_uncertain_dates(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An approximate month starts on its first day; --slug replaces the title's words; quoting is kept safe."""
    code, out, _ = new(project, capsys, "--date", "2018-11~", "--title", "Raid: 'Hajin' #2", "--slug", "raid-hajin")
    assert (code, out) == (0, f"{project / 'events/2018/2018-11-01-raid-hajin.yaml'}\n")
    text = (project / "events/2018/2018-11-01-raid-hajin.yaml").read_text(encoding="utf-8")
    assert "\ntitle: \"Raid: 'Hajin' #2\"\n" in text
    assert '\ndate: "2018-11~"\n' in text


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("SDF takes al-Susah", "sdf-takes-al-susah"),
        ("Coalition\u2019s strike on Baghuz camp", "coalitions-strike-on-baghuz-camp"),
        ("Raqqa: Übergabe — 2/3 of the city", "raqqa-ubergabe-2-3-of-the-city"),
        ("  --  ", ""),
        ("نزوح عائلات من السوسة", "nzwh-aylat-mn-al-swsa"),
    ],
)
def test_slug(title: str, expected: str) -> None:
    """ASCII a-z, 0-9 and single hyphens, accents folded, apostrophes dropped."""
    assert scaffold.slug(title) == expected


def test_long_titles_are_cut_at_a_word_within_the_id_limit() -> None:
    """The id never exceeds the schema's 80 characters and never ends mid-word."""
    words = "-".join(["offensive"] * 12)
    the_id = scaffold.event_id(parse("2018-11-20"), words)
    assert len(the_id) <= 80
    assert the_id == "2018-11-20-" + "-".join(["offensive"] * 7)


def test_arabic_only_title(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An Arabic title keeps its words in the file; the id comes from --slug, or else from a transliteration."""
    code, out, _ = new(project, capsys, "--date", "2018-11-20", "--title", "نزوح عائلات من السوسة", "--slug", "flight")
    assert (code, out) == (0, f"{project / 'events/2018/2018-11-20-flight.yaml'}\n")
    assert "\ntitle: نزوح عائلات من السوسة\n" in (project / "events/2018/2018-11-20-flight.yaml").read_text("utf-8")
    code, out, _ = new(project, capsys, "--date", "2018-11-20", "--title", "السوسة")
    assert (code, out) == (0, f"{project / 'events/2018/2018-11-20-al-swsa.yaml'}\n")


@pytest.mark.parametrize(
    ("when", "comment"),
    [
        ("2018-11-20", "the date falls in: hajin-offensive"),
        ("2019-03-01", "the date falls in: battle-of-baghuz"),
        ("2018-04-10", "the date falls in: operational-pause"),
        ("2018-08-20", "the date falls in: hajin-offensive"),
    ],
)
def test_new_proposes_the_phase_that_contains_the_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], when: str, comment: str
) -> None:
    """With the project's own phases: the one whose start and end contain the date, or the two around a gap."""
    import shutil

    from .conftest import ROOT

    shutil.copytree(ROOT / "events" / "registry", tmp_path / "events" / "registry")
    code, out, _ = new(tmp_path, capsys, "--date", when, "--title", "Something happens")
    assert code == 0
    text = Path(out.strip()).read_text(encoding="utf-8").replace("\n# ", " ")
    assert f" An id from events/registry/phases.yaml; {comment}.\n" in text
