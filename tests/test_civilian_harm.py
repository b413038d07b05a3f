"""Civilian harm: who is blamed and each grading, checked as references, shown on the page, carried by exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from generator import pipeline
from generator.output import exports
from generator.output.render import render_site

EVENT = """\
id: 2018-10-05-civilians-killed-in-al-susah
title: Local reports say civilians were killed in al-Susah
date: "2018-10-05"
kind: civilian-harm
phase: hajin-offensive
places: [al-susah]
summary: Local reports say a strike killed civilians.
claims:
  - {{what: killed, about: civilians, min: 4, max: 6, by: Local reports, source: 1}}
  - {{what: killed, about: women, min: 2, max: 2, by: Local reports, source: 1}}
civilian_harm:
{harm}
confidence: reported
sources:
  - publisher: Example Monitor
    url: https://example.org/incident
  - publisher: Example Ministry
"""
PATH = "events/2018/2018-10-05-civilians-killed-in-al-susah.yaml"


def write(project: Path, harm: str) -> None:
    """Put the event with the given `civilian_harm:` body (indented YAML) into the project."""
    (project / PATH).write_text(EVENT.format(harm=harm), encoding="utf-8")


def page(project: Path) -> str:
    """The event's rendered page, failing with the problems when the project does not check."""
    result = pipeline.check(project)
    assert result.catalog is not None, [p.format_text() for p in result.problems]
    return render_site(result.catalog)["events/2018-10-05-civilians-killed-in-al-susah.md"]


def test_one_blamed_party_and_gradings_attributed_to_their_graders(project: Path) -> None:
    """The suspected belligerent links to its page; each grading is a row naming its grader and source."""
    write(
        project,
        "  blamed: [sdf]\n  assessments:\n    - {by: Example Monitor, grade: fair, source: 1}\n"
        "    - {by: SDF, grade: credible, published: '2019-02', source: 2, note: Admits 2 deaths.}",
    )
    text = page(project)
    assert "Blamed: [SDF](../actors/sdf.md), the suspected belligerent.\n" in text
    assert (
        '<tr><td data-label="Grading">Fair</td><td data-label="Graded by">Example Monitor</td>'
        '<td data-label="Published"></td><td data-label="Source"><a href="#source-1">1</a></td>'
        '<td data-label="Note"></td></tr>'
    ) in text
    assert (
        '<tr><td data-label="Grading">Credible</td><td data-label="Graded by">SDF</td>'
        '<td data-label="Published">February 2019</td><td data-label="Source"><a href="#source-2">2</a></td>'
        '<td data-label="Note">Admits 2 deaths.</td></tr>'
    ) in text
    assert (
        '<tr><td data-label="Claim">2 women killed</td><td data-label="Claimed by">Local reports</td>'
        '<td data-label="Source"><a href="#source-1">1</a></td><td data-label="Note"></td></tr>'
    ) in text


def test_unknown_belligerent_is_said_in_words(project: Path) -> None:
    """`unknown` is not a link and not an actor: the page says the sources name no one; no empty table."""
    write(project, "  blamed: [unknown]")
    text = page(project)
    assert "Blamed: **not known**. The sources name no belligerent.\n" in text
    assert "| Grading |" not in text


@pytest.mark.parametrize(
    ("harm", "expected"),
    [
        (
            "  blamed: [sdf, coalition]",
            [("E032", 12, "unknown actor 'coalition'")],
        ),
        (
            "  blamed: [isis]\n  assessments:\n    - {by: Example Monitor, grade: fair, source: 3}",
            [("E034", 14, "civilian_harm.assessments[1] cites source 3, but the event lists 2")],
        ),
        (
            "  blamed: [isis]\n  assessments:\n    - {by: Example Monitor, grade: fair, source: 1, published: soon}",
            [("E020", 14, "civilian_harm.assessments[1].published")],
        ),
        (
            "  blamed: [isis]\n  assessments:\n    - {by: Example Monitor, grade: likely, source: 1}",
            [("E013", 14, "civilian_harm.assessments[1].grade 'likely' is not allowed")],
        ),
    ],
)
def test_blamed_and_gradings_are_checked(project: Path, harm: str, expected: list[tuple[str, int, str]]) -> None:
    """Blamed ids are actor references, gradings cite the event's own sources and carry valid dates and grades."""
    write(project, harm)
    problems = pipeline.check(project).problems
    assert [(p.code, p.line) for p in problems] == [(code, line) for code, line, _ in expected]
    for problem, (_, _, words) in zip(problems, expected, strict=True):
        assert problem.path == PATH
        assert words in problem.message


def test_exports_carry_blamed_parties_and_gradings(project: Path) -> None:
    """events.json has the record (null for other events); the CSV and GeoJSON have it as two cells."""
    write(project, "  blamed: [isis, sdf]\n  assessments:\n    - {by: Example Monitor, grade: contested, source: 1}")
    result = pipeline.check(project)
    assert result.catalog is not None
    files = exports.export(result.catalog, exports.FORMATS)
    by_id = {e["id"]: e for e in json.loads(files["events.json"])["events"]}
    assert by_id["2018-10-05-civilians-killed-in-al-susah"]["civilian_harm"] == {
        "blamed": [{"id": "isis", "name": "ISIS"}, {"id": "sdf", "name": "SDF"}],
        "contested": True,
        "assessments": [
            {
                "by": "Example Monitor",
                "grade": "contested",
                "grade_label": "Contested",
                "published": None,
                "source": 1,
                "note": None,
            }
        ],
    }
    assert by_id["2018-09-20-sdf-takes-al-susah"]["civilian_harm"] is None
    rows = {r["event_id"]: r for r in csv.DictReader(io.StringIO(files["events.csv"]))}
    row = rows["2018-10-05-civilians-killed-in-al-susah"]
    assert (row["blamed_ids"], row["harm_assessments"]) == ("isis;sdf", "Example Monitor: Contested (source 1)")
    features = json.loads(files["events.geojson"])["features"]
    mine = [f["properties"] for f in features if f["properties"]["event_id"].startswith("2018-10-05")]
    assert [(p["blamed_ids"], p["harm_assessments"]) for p in mine] == [
        ("isis;sdf", "Example Monitor: Contested (source 1)")
    ]
