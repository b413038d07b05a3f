"""Timeline paging: one page while small, then by phase and month, never over the page limit."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator import pipeline
from generator.input import dates
from generator.model.catalog import Catalog
from generator.model.timeline import month_label, timeline_pages
from generator.output.render import render_site


def catalog_of(project: Path) -> Catalog:
    """The fixture project's catalog."""
    catalog = pipeline.check(project).catalog
    assert catalog is not None
    return catalog


def test_small_timeline_is_one_page(project: Path) -> None:
    """Two events fit on timeline/index.md, grouped by phase then month."""
    pages = timeline_pages(catalog_of(project), limit=300)
    assert [(p.path, [g.phase.id for g in p.phases]) for p in pages] == [("timeline/index.md", ["hajin-offensive"])]
    assert [m.label for m in pages[0].phases[0].months] == ["September 2018", "October 2018"]
    assert pages[0].is_index


def test_a_month_two_phases_share_is_anchored_once(project: Path) -> None:
    """On a page of several phases, only the first group of a month opens it (where the month's anchor goes)."""
    catalog = catalog_of(project)
    first, second = catalog.events
    moved = dataclasses.replace(second, phase="first-phase", date=dates.parse("2018-09-25"))
    shared = Catalog((first, moved), catalog.places, catalog.actors, catalog.phases)
    (page,) = timeline_pages(shared, limit=300)
    months = [(group.phase.id, month.key, month.first_of_month) for group in page.phases for month in group.months]
    assert months == [("first-phase", "2018-09", True), ("hajin-offensive", "2018-09", False)]


def test_large_timeline_splits_by_phase_then_month(project: Path) -> None:
    """Over the limit, each phase gets a page, and a phase over the limit a page per month."""
    pages = timeline_pages(catalog_of(project), limit=1)
    assert not any(page.is_index for page in pages)
    assert [(p.path, p.title, [e.id for e in p.events]) for p in pages] == [
        ("timeline/hajin-offensive-2018-09.md", "Hajin offensive: September 2018", ["2018-09-20-sdf-takes-al-susah"]),
        ("timeline/hajin-offensive-2018-10.md", "Hajin offensive: October 2018", ["2018-10-01-isis-retakes-al-susah"]),
    ]


def test_split_timeline_has_an_overview_page(project: Path) -> None:
    """When split, timeline/index.md lists the pages, and event pages link to the page that lists them."""
    pages = render_site(catalog_of(project), page_limit=1)
    assert (
        "[Hajin offensive: September 2018](hajin-offensive-2018-09.md) | 1 | 20 September 2018"
        in pages["timeline/index.md"]
    )
    assert (
        "[This event in the timeline](../timeline/hajin-offensive-2018-10.md#2018-10-01-isis-retakes-al-susah)"
        in pages["events/2018-10-01-isis-retakes-al-susah.md"]
    )


def test_month_labels() -> None:
    """A year-only date is grouped under 'month unknown'."""
    assert (month_label("2018-09"), month_label("2018-00")) == ("September 2018", "2018, month unknown")
