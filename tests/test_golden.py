"""Golden files: the exact Markdown every template produces for the fixture project.

Run `pytest tests/test_golden.py --update-golden` after an intended change, and review the diff.
"""

from __future__ import annotations

from pathlib import Path

from generator import pipeline
from generator.render import render_site

GOLDEN = Path(__file__).resolve().parent / "golden"


def rendered(project: Path) -> dict[str, str]:
    """Every page of the fixture project."""
    result = pipeline.check(project)
    assert result.catalog is not None, [p.format_text() for p in result.problems]
    return render_site(result.catalog, contributing="# Contributing to the timeline\n\nThe guide's own text.\n")


def test_pages_match_golden_files(project: Path, update_golden: bool) -> None:
    """Each template's output for the fixture project is byte-identical to its golden file."""
    pages = rendered(project)
    if update_golden:
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for relative, text in pages.items():
            (GOLDEN / relative).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / relative).write_text(text, encoding="utf-8")
    on_disk = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(on_disk) == sorted(pages), "pages added or removed: run pytest --update-golden and review"
    for relative, text in pages.items():
        assert text == on_disk[relative], f"{relative} differs from tests/golden/{relative}"


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
