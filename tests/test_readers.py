"""Issue 15, what readers and researchers use: the civilian-harm view, the GED-aligned figures and claims.csv,
the TimelineJS slides, the citation files read back by real parsers, and the maps' geometry and colours."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import bibtexparser
import pytest
import rispy

from generator import pipeline
from generator.model.catalog import Catalog
from generator.output import citations, exports, maps
from generator.output.render import render_site
from generator.output.sitelinks import SiteLinks

from .conftest import ROOT

STRIKE = """\
id: 2018-10-07-strike-on-al-susah
title: Strike on al-Susah
date: "2018-10-07"
kind: strike
phase: hajin-offensive
places: [al-susah]
actors: [sdf, isis]
summary: A strike hit the town.
claims:
  - {what: killed, about: isis, min: 10, max: 10, by: SDF, source: 1}
  - {what: killed, about: civilians, min: 4, max: 4, by: SDF, source: 1}
  - {what: killed, about: civilians, min: 20, max: 30, by: Monitor, source: 2}
  - {what: killed, about: children, max: 12, by: Monitor, source: 2}
  - {what: killed, about: civilians, max: 25, by: Monitor, source: 2, note: a later count}
confidence: reported
sources:
  - publisher: SDF press office
    url: https://example.org/sdf
    title: "Operations & {results}"
  - publisher: Example Monitor
    url: https://example.org/monitor
"""


def catalog_with(project: Path, *events: tuple[str, str]) -> Catalog:
    """The fixture project's catalog with extra event files (path, text) added."""
    for path, text in events:
        (project / path).write_text(text, encoding="utf-8")
    result = pipeline.check(project)
    assert result.catalog is not None, [p.format_text() for p in result.problems]
    return result.catalog


@pytest.fixture
def catalog(project: Path) -> Catalog:
    """The fixture project plus a strike with competing civilian figures."""
    return catalog_with(project, ("events/2018/2018-10-07-strike-on-al-susah.yaml", STRIKE))


def test_the_view_holds_every_event_with_a_claim_about_civilians(catalog: Catalog) -> None:
    """Membership: kind civilian-harm or any claim about civilians, children or women; other events stay out."""
    expected = [
        e.id
        for e in catalog.events
        if e.kind == "civilian-harm" or any(c.about in ("civilians", "children", "women") for c in e.claims)
    ]
    assert [e.id for e in catalog.civilian_events] == expected
    assert "2018-10-07-strike-on-al-susah" in expected  # a strike, not of kind civilian-harm
    assert "2018-09-20-sdf-takes-al-susah" not in expected


def test_the_month_chart_shows_one_claimants_range_never_a_sum(catalog: Catalog) -> None:
    """October 2018's figure is the Monitor's 20–30, the largest single claim, not 4 + 20–30 or 20–30 + 25."""
    october = [m for m in catalog.civilian_deaths_per_month() if m.key == "2018-10"]
    assert len(october) == 1
    month = october[0]
    assert month.largest is not None
    assert (month.low, month.high, month.largest[1].by) == (20, 30, "Monitor")
    page = render_site(catalog)["civilian-harm.md"]
    assert "20–30 civilians killed, claimed by Monitor" in page
    assert 'id="chart-civilians-title"' in page


def ged_row(catalog: Catalog, event_id: str) -> dict[str, str]:
    """The events.csv row of an event."""
    rows = list(csv.DictReader(io.StringIO(exports.events_csv(catalog), newline="")))
    return next(r for r in rows if r["event_id"] == event_id)


def test_ged_columns_come_from_single_claimants(catalog: Catalog) -> None:
    """Claimants disagree on civilians: no best, no deaths_civilians; low and high are one claimant's totals."""
    row = ged_row(catalog, "2018-10-07-strike-on-al-susah")
    assert {k: row[k] for k in exports.GED_COLUMNS} == {
        "year": "2018",
        "country": "Syria",  # al-Susah's point lies inside the base map's outline of Syria
        "adm_1": "",
        "adm_2": "",
        "side_a": "SDF",
        "side_b": "ISIS",
        "deaths_a": "",
        "deaths_b": "10",  # only the SDF reports ISIS's dead
        "deaths_civilians": "",  # 4 (SDF) against 20–30 (Monitor)
        "deaths_unknown": "",
        "low": "14",  # the SDF's own total, 10 + 4
        "best": "",
        "high": "30",  # the Monitor's largest civilian claim, its update not added
        "source_publishers": "SDF press office; Example Monitor",
    }
    as_json = json.loads(exports.events_json(catalog))
    event = next(e for e in as_json["events"] if e["id"] == "2018-10-07-strike-on-al-susah")
    assert (event["ged"]["low"], event["ged"]["best"], event["ged"]["high"], event["harms_civilians"]) == (
        14,
        None,
        30,
        True,
    )


def test_claims_csv_has_one_row_per_claim_with_its_source(catalog: Catalog) -> None:
    """Every claim of every event is a row, naming its claimant and its source's publisher."""
    rows = list(csv.DictReader(io.StringIO(exports.claims_csv(catalog), newline="")))
    assert len(rows) == sum(len(e.claims) for e in catalog.events)
    strike = [r for r in rows if r["event_id"] == "2018-10-07-strike-on-al-susah"]
    assert [
        (r["claim_number"], r["side"], r["min"], r["max"], r["claimant"], r["source_publisher"]) for r in strike
    ] == [
        ("1", "b", "10", "10", "SDF", "SDF press office"),
        ("2", "civilians", "4", "4", "SDF", "SDF press office"),
        ("3", "civilians", "20", "30", "Monitor", "Example Monitor"),
        ("4", "civilians", "", "12", "Monitor", "Example Monitor"),
        ("5", "civilians", "", "25", "Monitor", "Example Monitor"),
    ]


def test_timelinejs_slides_carry_sources_claims_and_a_link_back(catalog: Catalog) -> None:
    """The slide's text names each claimant and links each source and the event's page."""
    slides = json.loads(exports.timelinejs_json(catalog))["events"]
    text = next(s for s in slides if s["unique_id"] == "2018-10-07-strike-on-al-susah")["text"]["text"]
    assert "<li>Monitor: 20–30 civilians killed (source 2)</li>" in text
    assert '<a href="https://example.org/monitor">Example Monitor</a>' in text
    assert '<a href="../events/2018-10-07-strike-on-al-susah/">' in text


def test_citation_files_parse_with_real_parsers(catalog: Catalog) -> None:
    """BibTeX through bibtexparser and RIS through rispy give back the title and the absolute address."""
    event = catalog.by_id["2018-10-07-strike-on-al-susah"]
    site = "https://example.org/timeline"
    entry = bibtexparser.loads(citations.bibtex(event, site)).entries[0]
    assert (entry["ID"], entry["ENTRYTYPE"], entry["title"], entry["url"]) == (
        "2018-10-07-strike-on-al-susah",
        "misc",
        "Strike on al-Susah (7 October 2018)",
        "https://example.org/timeline/events/2018-10-07-strike-on-al-susah/",
    )
    record = rispy.loads(citations.ris(event, site))[0]
    assert (record["type_of_reference"], record["title"], record["urls"]) == (
        "ELEC",
        "Strike on al-Susah (7 October 2018)",
        ["https://example.org/timeline/events/2018-10-07-strike-on-al-susah/"],
    )
    csl = json.loads(citations.csl_json(event, site))
    assert (csl[0]["type"], csl[0]["URL"]) == ("webpage", record["urls"][0])
    # Without the site's address no file claims one.
    assert "url" not in bibtexparser.loads(citations.bibtex(event, None)).entries[0]
    assert "urls" not in rispy.loads(citations.ris(event, None))[0]


def test_bibtex_escapes_its_specials(project: Path) -> None:
    """A title with braces, ampersand and percent still parses to the same words."""
    hostile = STRIKE.replace("title: Strike on al-Susah", 'title: "Strike {on} 50% & al_Susah"')
    event = catalog_with(project, ("events/2018/2018-10-07-strike-on-al-susah.yaml", hostile)).by_id[
        "2018-10-07-strike-on-al-susah"
    ]
    entry = bibtexparser.loads(citations.bibtex(event, None)).entries[0]
    assert entry["title"] == r"Strike \{on\} 50\% \& al\_Susah (7 October 2018)"


def real_catalog() -> Catalog:
    """The real project's catalog."""
    result = pipeline.check(ROOT)
    assert result.catalog is not None
    return result.catalog


BOX = re.compile(
    r'<text(?: class="([^"]*)")? x="([-0-9.]+)" y="([-0-9.]+)"(?: text-anchor="(\w+)")?[^>]*>([^<]*)</text>'
)
DOT = re.compile(r'<circle class="map-place[^"]*" cx="([-0-9.]+)" cy="([-0-9.]+)" r="([0-9.]+)"')


def test_no_label_overlaps_another_or_a_dot_on_any_generated_map() -> None:
    """Every map of the real site (the valley, its inset, every place page): label boxes, estimated from the
    font's widest characters, are disjoint, cover no dot, and stay inside the map."""
    pages = render_site(real_catalog())
    maps_seen = 0
    for path, text in pages.items():
        for svg in re.findall(r'<svg[^>]*class="tl-map"[^>]*>.*?</svg>', text):
            maps_seen += 1
            width, height = (float(v) for v in re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg).groups())  # type: ignore[union-attr]
            labels = []
            for css, x, y, anchor, words in BOX.findall(svg):
                if "chart" in css:
                    continue
                shown = words.upper() if "country-name" in css else words
                labels.append(maps.text_box(float(x), float(y), shown.replace("&#x27;", "'"), anchor or "start"))
            dots = [
                (float(x) - float(r), float(y) - float(r), float(x) + float(r), float(y) + float(r))
                for x, y, r in DOT.findall(svg)
            ]
            for i, a in enumerate(labels):
                assert a[0] >= 0 and a[1] >= 0 and a[2] <= width and a[3] <= height, (path, a)
                for b in labels[i + 1 :]:
                    assert not maps._overlaps(a, b), (path, a, b)
                for d in dots:
                    assert not maps._overlaps(a, d), (path, a, d)
    assert maps_seen > len(real_catalog().places) // 10


def test_place_maps_are_centred_on_their_place_at_a_closer_scale() -> None:
    """A place page's map has the place in the middle, a larger scale than the valley's, and its events' places."""
    catalog = real_catalog()
    place = catalog.places["hajin"]
    assert place.coordinates is not None
    others = {p for e in catalog.by_place["hajin"] for p in e.places} - {"hajin"}
    frame = maps.place_frame(place, [catalog.places[p] for p in others])
    assert frame.project(place.coordinates.lon, place.coordinates.lat) == pytest.approx(
        (frame.width / 2, frame.height / 2), abs=1
    )
    assert frame.scale > maps.VALLEY.scale
    page = render_site(catalog)["places/hajin.md"]
    located = [catalog.places[p] for p in others if catalog.places[p].coordinates]
    assert all(
        f"<title>{p.name}</title>" in page for p in located if frame.contains(p.coordinates.lon, p.coordinates.lat)
    )  # type: ignore[union-attr]


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def palette(scheme: str) -> dict[str, str]:
    """The map and chart colours the stylesheet sets for a scheme (':root' for light, slate for dark)."""
    css = (ROOT / "content" / "stylesheets" / "timeline.css").read_text(encoding="utf-8")
    selector = ":root {" if scheme == "light" else '[data-md-color-scheme="slate"] {'
    block = css.split(selector, 1)[1].split("}", 1)[0]
    return dict(re.findall(r"--tl-((?:map|chart|ov)-[a-z]+):\s*(#[0-9a-f]{6})", block))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_map_and_chart_colours_meet_wcag_contrast(scheme: str) -> None:
    """Labels 4.5:1 and marks 3:1 against the land of both countries and the water; chart text 4.5:1 and bars
    3:1 against the page."""
    colours = palette(scheme)
    grounds = [colours["map-water"], colours["map-syr"], colours["map-irq"]]
    for ground in grounds:
        assert contrast(colours["map-label"], ground) >= 4.5
        for mark in ("map-mark", "map-here", "map-river", "map-line"):
            assert contrast(colours[mark], ground) >= 3, (mark, ground)
    page = colours["map-water"]
    assert contrast(colours["chart-text"], page) >= 4.5
    for bar in ("chart-bar", "ov-fighting", "ov-strikes", "ov-civilians", "ov-statements"):
        assert contrast(colours[bar], page) >= 3, bar


def test_the_citation_carries_the_absolute_address_from_site_url(catalog: Catalog) -> None:
    """With site_url configured the page itself holds the address, not a script; the file links are relative."""
    links = SiteLinks.of(None, "https://example.org/timeline")
    page = render_site(catalog, links=links)["events/2018-10-07-strike-on-al-susah.md"]
    address = "https://example.org/timeline/events/2018-10-07-strike-on-al-susah/"
    assert f'data-permalink="{address}"' in page
    assert f'<span class="tl-permalink">{address}</span>' in page
    assert '<a href="../../data/cite/2018-10-07-strike-on-al-susah.bib" download>BibTeX</a>' in page
