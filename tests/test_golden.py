"""Golden files: the exact Markdown every template produces for the fixture project, and the exact bytes of every
data file a build publishes (events.json and its schema, the CSVs, the GeoJSON, the TimelineJS JSON, the Atom feed,
the published event schema and each event's BibTeX, RIS and CSL-JSON citation), locally and, for the files that
name the site's address, as the Pages workflow builds them.

Run `pytest tests/test_golden.py --update-golden` after an intended change, and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.input import schema
from generator.output import citations, exports, urls
from generator.output.i18n import ARABIC, ENGLISH, Edition
from generator.output.render import render_site
from generator.output.sitelinks import SiteLinks

from .test_i18n import ARABIC_BLOCK

GOLDEN = Path(__file__).resolve().parent / "golden"
# The Arabic edition of the same project, one of whose events has Arabic text and one not.
GOLDEN_AR = Path(__file__).resolve().parent / "golden-ar"
# The data files of a local build, by docs-relative path (data/..., schema/...), and those of a published build
# that differ from them, under published/.
DATA_FOLDERS = ("data", "schema")
PUBLISHED = GOLDEN / "published"
REPO = "https://github.com/example-org/jazeera-storm-timeline"
SITE = "https://example-org.github.io/jazeera-storm-timeline/"


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


def data_files(project: Path, links: SiteLinks | None = None) -> dict[str, bytes]:
    """Every file but the pages that a build of the project writes, as bytes."""
    result = pipeline.build(project, project / "build" / "golden", links=links or SiteLinks())
    assert result.written is not None, [p.format_text() for p in result.check.problems]
    return {path: text.encode("utf-8") for path, text in result.pages.items() if not urls.is_page(path)}


def golden_files(folder: Path, names: tuple[str, ...]) -> dict[str, bytes]:
    """The golden files under `folder`'s subfolders `names`, by path relative to `folder`."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for name in names
        for p in sorted((folder / name).rglob("*"))
        if p.is_file()
    }


def rewrite(folder: Path, names: tuple[str, ...], files: dict[str, bytes]) -> None:
    """Replace the golden files under `folder`'s subfolders `names` with `files`."""
    for name in names:
        for old in (folder / name).rglob("*"):
            if old.is_file():
                old.unlink()
    for relative, data in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(data)


@pytest.mark.parametrize("kind", ["local", "published"])
def test_data_files_match_golden_bytes(project: Path, update_golden: bool, kind: str) -> None:
    """Every data file of the fixture project's build is byte-identical to its golden file: a local build's
    under tests/golden/data and schema/; the published build's, where they differ (the citations carry the
    permalink), under tests/golden/published/."""
    local = data_files(project)
    if kind == "local":
        folder, files = GOLDEN, local
    else:
        published = data_files(project, SiteLinks.of(REPO, SITE))
        folder, files = PUBLISHED, {path: data for path, data in published.items() if data != local[path]}
        assert sorted(published) == sorted(local)
        assert files, "a site address changes no data file: the published golden files test nothing"
    if update_golden:
        rewrite(folder, DATA_FOLDERS, files)
    on_disk = golden_files(folder, DATA_FOLDERS)
    assert sorted(on_disk) == sorted(files), "data files added or removed: run pytest --update-golden and review"
    for relative, data in files.items():
        assert data == on_disk[relative], f"{relative} differs from {(folder / relative).relative_to(GOLDEN.parent)}"


def test_every_export_and_citation_has_golden_bytes(project: Path) -> None:
    """The golden data files hold every export `timeline export` knows, the published event schema, and each
    fixture event's citation in every format (so a new format cannot go without golden bytes)."""
    catalog = pipeline.check(project).catalog
    assert catalog is not None
    wanted = {urls.data_path(name) for name in exports.data_file_names()}
    wanted |= set(citations.citation_paths(catalog.events)) | set(schema.site_files())
    assert sorted(golden_files(GOLDEN, DATA_FOLDERS)) == sorted(wanted)
    assert sorted(golden_files(PUBLISHED, DATA_FOLDERS)) == sorted(citations.citation_paths(catalog.events))
