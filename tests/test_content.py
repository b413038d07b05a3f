"""Data-quality rules on the real event content (events/ and events/registry/), not on fixtures.

Each test states a rule every good contribution meets (every event cites a source, every figure is a claim with a
claimant, coordinates only with their source, no source on a blocked copy or spam site ...), so a new, valid event
never breaks them. None counts or lists today's events, addresses or warnings, and none reads ../shared: whether
the content agrees with the fact bases there is `make audit` (generator/checks/audit.py), run on demand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.checks.validate import CAMPAIGN_BOUNDS, blocked_domain
from generator.model.catalog import Catalog
from generator.model.records import Event

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def result() -> pipeline.CheckResult:
    """The check of the real project, run once for the module."""
    return pipeline.check(ROOT)


@pytest.fixture(scope="module")
def catalog(result: pipeline.CheckResult) -> Catalog:
    """The catalog of the real content; fails the test when the check did not build one."""
    assert result.catalog is not None, "the content check failed; see test_content_check_finds_no_problem"
    return result.catalog


def _label(event: Event) -> str:
    return f"{event.path} ({event.id})"


def test_content_check_finds_no_problem(result: pipeline.CheckResult) -> None:
    assert result.problems == [], "\n".join(str(p) for p in result.problems)


def test_every_event_cites_a_source(catalog: Catalog) -> None:
    assert [_label(e) for e in catalog.events if not e.sources] == []


def test_every_claim_names_its_claimant(catalog: Catalog) -> None:
    missing = [f"{_label(e)} claim {i}" for e in catalog.events for i, c in enumerate(e.claims, 1) if not c.by.strip()]
    assert missing == []


def test_every_claim_cites_a_source_the_event_lists(catalog: Catalog) -> None:
    bad = [
        f"{_label(e)} claim {i} cites source {c.source} of {len(e.sources)}"
        for e in catalog.events
        for i, c in enumerate(e.claims, 1)
        if not 1 <= c.source <= len(e.sources)
    ]
    assert bad == []


def test_disputed_events_explain_the_dispute(catalog: Catalog) -> None:
    unexplained = [_label(e) for e in catalog.events if e.confidence == "disputed" and not e.confidence_note]
    assert unexplained == []


def test_coordinates_only_with_their_source(catalog: Catalog) -> None:
    unsourced = [
        p.id for p in catalog.places.values() if p.coordinates is not None and not p.coordinates.source.strip()
    ]
    assert unsourced == []


def test_no_source_on_a_blocked_copy_or_spam_site(catalog: Catalog) -> None:
    blocked = [
        f"{_label(e)} source {s.number}: {url} ({blocked_domain(url)})"
        for e in catalog.events
        for s in e.sources
        for url in (s.url, s.archive_url)
        if url is not None and blocked_domain(url) is not None
    ]
    assert blocked == []


def test_every_source_names_its_publisher_and_links_over_http(catalog: Catalog) -> None:
    bad = [
        f"{_label(e)} source {s.number}"
        for e in catalog.events
        for s in e.sources
        if not s.publisher.strip()
        or any(u is not None and not u.startswith(("https://", "http://")) for u in (s.url, s.archive_url))
    ]
    assert bad == []


def test_every_event_overlaps_the_campaign(catalog: Catalog) -> None:
    low, high = CAMPAIGN_BOUNDS
    outside = [_label(e) for e in catalog.events if e.date.end < low or e.date.start > high]
    assert outside == []


def test_every_event_falls_in_its_phase_or_between_phases(catalog: Catalog) -> None:
    """An event's start lies in its phase, or in a gap between phases next to it (never in another phase)."""
    wrong = []
    for event in catalog.events:
        containing = [
            p.id
            for p in catalog.phases.values()
            if p.end is not None and p.start.start <= event.date.start <= p.end.end
        ]
        if containing and event.phase not in containing:
            wrong.append(f"{_label(event)} starts in {containing}, not in {event.phase}")
    assert wrong == []


def test_every_phase_has_an_end_after_its_start(catalog: Catalog) -> None:
    bad = [p.id for p in catalog.phases.values() if p.end is None or p.end.end < p.start.start]
    assert bad == []
