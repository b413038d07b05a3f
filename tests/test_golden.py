"""Golden files: the exact Markdown every template produces for the fixture project.

Run `pytest tests/test_golden.py --update-golden` after an intended change, and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.i18n import ARABIC, ENGLISH, Edition
from generator.render import render_site

from .test_i18n import ARABIC_BLOCK

GOLDEN = Path(__file__).resolve().parent / "golden"
# The Arabic edition of the same project, one of whose events has Arabic text and one not.
GOLDEN_AR = Path(__file__).resolve().parent / "golden-ar"


def rendered(project: Path, edition: Edition = ENGLISH) -> dict[str, str]:
    """Every page of the fixture project."""
    result = pipeline.check(project)
    assert result.catalog is not None, [p.format_text() for p in result.problems]
    return render_site(
        result.catalog, contributing="# Contributing to the timeline\n\nThe guide's own text.\n", edition=edition
    )


@pytest.mark.parametrize(("edition", "golden"), [(ENGLISH, GOLDEN), (ARABIC, GOLDEN_AR)], ids=["en", "ar"])
def test_pages_match_golden_files(project: Path, update_golden: bool, edition: Edition, golden: Path) -> None:
    """Each template's output for the fixture project is byte-identical to its golden file, in both editions."""
    if edition.arabic:
        event = project / "events/2018/2018-09-20-sdf-takes-al-susah.yaml"
        event.write_text(event.read_text(encoding="utf-8") + ARABIC_BLOCK, encoding="utf-8")
    pages = rendered(project, edition)
    if update_golden:
        for old in golden.rglob("*.md"):
            old.unlink()
        for relative, text in pages.items():
            (golden / relative).parent.mkdir(parents=True, exist_ok=True)
            (golden / relative).write_text(text, encoding="utf-8")
    on_disk = {p.relative_to(golden).as_posix(): p.read_text(encoding="utf-8") for p in golden.rglob("*.md")}
    assert sorted(on_disk) == sorted(pages), "pages added or removed: run pytest --update-golden and review"
    for relative, text in pages.items():
        assert text == on_disk[relative], f"{relative} differs from tests/{golden.name}/{relative}"


def test_every_template_is_covered(project: Path) -> None:
    """The golden pages exercise every template in site_templates/."""
    used = {
        "home",
        "timeline",
        "timeline_overview",
        "event",
        "place",
        "actor",
        "phase",
        "places_index",
        "actors_index",
        "phases_index",
        "civilian_harm",
        "errors",
        "contributing",
        "_macros",
    }
    templates = {
        p.name.removesuffix(".md.j2") for p in (Path(__file__).resolve().parents[1] / "site_templates").glob("*.j2")
    }
    assert templates == used


def test_same_events_give_byte_identical_pages(project: Path) -> None:
    """Rendering is deterministic: two runs, and file-system order, change nothing."""
    first = rendered(project)
    # Touch files in reverse order so directory listing order cannot leak into the output.
    for file in sorted((project / "events").rglob("*.yaml"), reverse=True):
        file.write_bytes(file.read_bytes())
    assert rendered(project) == first
