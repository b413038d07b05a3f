"""Open data: the Catalog as JSON (with its JSON Schema), CSV, GeoJSON, TimelineJS JSON and an Atom feed.

Pure, like render: a Catalog in, {relative path: text} out; no clock and no writing. The only file read is the
published schema beside this module. Every date in the output comes from the data, so two builds of the same
events give byte-identical files.
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache
from typing import Any

from generator.data import DATA
from generator.input.dates import DatePart
from generator.model.catalog import Catalog, claim_bounds
from generator.model.records import (
    CIVILIAN_GROUPS,
    CIVILIANS,
    PEOPLE,
    Actor,
    Assessment,
    CivilianHarm,
    Claim,
    Event,
    Place,
    Source,
)
from generator.output import filters, maps, urls
from generator.output.i18n import ARABIC, ENGLISH, Edition
from generator.output.jsonfmt import dumps_indented
from generator.settings import SITE_TITLE

DATA_DIR = urls.DATA_DIR
EXPORT_VERSION = 1
LICENSE = "CC-BY-4.0"
SCHEMA_PATH = DATA / "export.schema.json"
FEED_SIZE = 50
# Made once with uuid4 and never to be changed: feed readers know entries by ids derived from it, and a new
# namespace would make every entry look new.
FEED_NAMESPACE = uuid.UUID("e71a2327-27db-431d-b701-202a0661baaa")
ATOM = "http://www.w3.org/2005/Atom"

# The UCDP GED columns of events.csv and events.json's `ged`, in column order (see the Data page).
GED_COLUMNS = (
    "year",
    "country",
    "adm_1",
    "adm_2",
    "side_a",
    "side_b",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "low",
    "best",
    "high",
    "source_publishers",
)

# The columns of events.csv, in order. content/data.md documents each one; a test keeps the two equal.
CSV_COLUMNS = (
    "event_id",
    "title",
    "event_date",
    "start_date",
    "end_date",
    "date_precision",
    "kind",
    "phase",
    "actors",
    "actor_ids",
    "place",
    "place_ids",
    "latitude",
    "longitude",
    "location_precision",
    "admin_area",
    "fatalities_min",
    "fatalities_max",
    "fatalities_claimant",
    "fatalities_claims",
    "blamed_ids",
    "harm_assessments",
    "confidence",
    "source_count",
    "source_urls",
    "notes",
    "title_ar",
    "summary_ar",
    "harms_civilians",
    # Aligned with UCDP GED (see GED_COLUMNS above and the Data page).
    *GED_COLUMNS,
)

# Characters XML 1.0 cannot hold at all, not even escaped; a YAML escape such as "\x01" could put one in a title.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, CSV injection); the full-width and
# small forms (U+FF1D, U+FF0B, U+FF0D, U+FF20, U+FE66 ...) are the same characters once normalised (NFKC), as
# some spreadsheets do.
_FORMULA_START = frozenset("=+-@\u2212")
# Skipped before a formula by some spreadsheets, and invisible to a reader checking the cell: spaces of every
# kind, tab, line ends, no-break space, zero-width and other format characters.
_LEADING_SKIPPED = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})


def event_page(event: Event) -> str:
    """The event's page, relative to the site root (MkDocs' directory URLs)."""
    return urls.event_page_url(event.id)


def _dump(data: Any) -> str:
    """Stable, readable JSON with a final newline (json.dumps(..., ensure_ascii=False, indent=2), by orjson)."""
    return dumps_indented(data) + "\n"


# --- events.json -----------------------------------------------------------------------------------------------


def _place_json(place: Place) -> dict[str, Any]:
    """A place with its names and verified coordinates."""
    coords = place.coordinates
    return {
        "id": place.id,
        "name": place.name,
        "aliases": list(place.aliases),
        "name_ar": place.name_ar,
        "admin_area": place.admin_area,
        "coordinates": None
        if coords is None
        else {"lat": coords.lat, "lon": coords.lon, "precision": coords.precision, "source": coords.source},
    }


def _actor_json(actor: Actor) -> dict[str, Any]:
    """An actor with its names."""
    return {
        "id": actor.id,
        "name": actor.name,
        "short_name": actor.short_name,
        "aliases": list(actor.aliases),
        "name_ar": actor.name_ar,
        "parent": actor.parent,
    }


def _claim_json(catalog: Catalog, claim: Claim) -> dict[str, Any]:
    """A claim with its labels."""
    return {
        "what": claim.what,
        "what_label": claim.what_label,
        "about": claim.about,
        "about_name": catalog.who(claim.about),
        "min": claim.min,
        "max": claim.max,
        "unit": claim.unit,
        "by": claim.by,
        "source": claim.source,
        "note": claim.note,
    }


def _assessment_json(assessment: Assessment) -> dict[str, Any]:
    """A grading with its label, its publication date as written."""
    return {
        "by": assessment.by,
        "grade": assessment.grade,
        "grade_label": assessment.grade_label,
        "published": assessment.published.text if assessment.published else None,
        "source": assessment.source,
        "note": assessment.note,
    }


def _civilian_harm_json(catalog: Catalog, harm: CivilianHarm | None) -> dict[str, Any] | None:
    """Who is blamed (ids and names) and every grading; None for an event without a civilian-harm record."""
    if harm is None:
        return None
    return {
        "blamed": [{"id": b, "name": catalog.blamed_name(b)} for b in harm.blamed],
        "contested": harm.contested,
        "assessments": [_assessment_json(a) for a in harm.assessments],
    }


def _assessment_line(assessment: Assessment) -> str:
    """'Airwars: Fair (source 1)', with the publication date when known."""
    published = f", {assessment.published.text}" if assessment.published else ""
    return f"{assessment.by}: {assessment.grade_label}{published} (source {assessment.source})"


def _harm_cells(event: Event) -> tuple[str, str]:
    """The blamed ids and the gradings of an event, as CSV and GeoJSON cells (empty without a record)."""
    harm = event.civilian_harm
    if harm is None:
        return "", ""
    return ";".join(harm.blamed), "; ".join(_assessment_line(a) for a in harm.assessments)


def _source_json(source: Source) -> dict[str, Any]:
    """A source, its publication date as written."""
    return {
        "number": source.number,
        "publisher": source.publisher,
        "title": source.title,
        "url": source.url,
        "archive_url": source.archive_url,
        "published": source.published.text if source.published else None,
        "language": source.language,
        "stance": source.stance,
    }


def _arabic_json(event: Event) -> dict[str, Any] | None:
    """The event's Arabic text, or None when it has none."""
    if event.ar is None:
        return None
    return {
        "title": event.ar.title,
        "summary": event.ar.summary,
        "confidence_note": event.ar.confidence_note,
        "review": "reviewed" if event.ar.reviewed else "unreviewed",
        "date_label": ARABIC.date(event.date),
    }


def _event_json(catalog: Catalog, event: Event) -> dict[str, Any]:
    """An event with every derived field and its references resolved."""
    phase = catalog.phases[event.phase]
    when = event.date
    return {
        "id": event.id,
        "title": event.title,
        "page": event_page(event),
        "file": event.path,
        "sort_date": when.start.isoformat(),
        "date": {
            "edtf": when.text,
            "start": when.start.isoformat(),
            "end": when.end.isoformat(),
            "precision": str(when.precision),
            "label": when.label,
            "approximate": when.approximate,
            "uncertain": when.uncertain,
            "interval": when.is_interval,
        },
        "kind": event.kind,
        "kind_label": event.kind_label,
        "phase": {"id": phase.id, "name": phase.name},
        "places": [_place_json(catalog.places[p]) for p in event.places],
        "actors": [_actor_json(catalog.actors[a]) for a in event.actors],
        "summary": event.summary,
        "claims": [_claim_json(catalog, c) for c in event.claims],
        "civilian_harm": _civilian_harm_json(catalog, event.civilian_harm),
        "harms_civilians": event.harms_civilians,
        "ged": ged_fields(catalog, event, maps.load_outlines()),
        "confidence": event.confidence,
        "confidence_label": event.confidence_label,
        "confidence_note": event.confidence_note,
        "sources": [_source_json(s) for s in event.sources],
        "related": list(event.related),
        "tags": list(event.tags),
        "ar": _arabic_json(event),
    }


def events_json(catalog: Catalog) -> str:
    """events.json: every event in date order, described by events.schema.json."""
    return _dump(
        {
            "version": EXPORT_VERSION,
            "title": SITE_TITLE,
            "license": LICENSE,
            "event_count": len(catalog.events),
            "events": [_event_json(catalog, e) for e in catalog.events],
        }
    )


@cache
def events_schema() -> str:
    """events.schema.json: the JSON Schema of events.json, published as it is kept in the package."""
    return SCHEMA_PATH.read_text(encoding="utf-8")


# --- UCDP GED-aligned figures ------------------------------------------------------------------------------------

# The two sides of the campaign as UCDP GED codes a dyad: side A the SDF with the US-led coalition, side B ISIS.
# Figures about anyone else (the Syrian army, Wagner, Iraqi forces...) stay in claims.csv and fatalities_claims.
SIDE_A = frozenset(
    {"sdf", "deir-ez-zor-military-council", "ypg", "ypj", "cjtf-oir", "united-states", "france", "united-kingdom"}
)
SIDE_B = frozenset({"isis"})
# The GED categories of the dead, in column order.
GED_CATEGORIES = ("a", "b", "civilians", "unknown")


def claim_side(claim: Claim) -> str:
    """Whom a claim counts in GED terms: 'a', 'b', 'civilians' (children and women among them), 'unknown'
    (people, fighters and civilians not told apart) or 'other' (any other party)."""
    if claim.about in SIDE_A:
        return "a"
    if claim.about in SIDE_B:
        return "b"
    if claim.about in CIVILIAN_GROUPS:
        return "civilians"
    return "unknown" if claim.about == PEOPLE else "other"


def _largest(claims: list[Claim]) -> Claim:
    """Of one claimant's figures for one category, the largest: updates and part-counts are never added."""
    return max(claims, key=claim_bounds)


def _claimant_figures(event: Event) -> dict[str, dict[str, Claim]]:
    """Per claimant, per GED category, the claim standing for its figure. A claimant's figure for civilians is its
    civilians claim, or without one its largest about children or women (a subset, so a lower bound)."""
    grouped: dict[str, dict[str, list[Claim]]] = {}
    for claim in _killed(event):
        side = claim_side(claim)
        if side != "other":
            grouped.setdefault(claim.by, {}).setdefault(side, []).append(claim)
    figures: dict[str, dict[str, Claim]] = {}
    for claimant, sides in grouped.items():
        chosen = {}
        for side, claims in sides.items():
            if side == "civilians":
                whole = [c for c in claims if c.about == CIVILIANS]
                claims = whole or claims
            chosen[side] = _largest(claims)
        figures[claimant] = chosen
    return figures


def _agreed(claims: list[Claim]) -> int | None:
    """The exact figure every claimant gives, when they all give the same one; else None."""
    values = {c.min for c in claims if c.min is not None and c.min == c.max}
    return values.pop() if len(values) == 1 and all(c.min == c.max for c in claims) else None


def _country(catalog: Catalog, event: Event, outlines: tuple[maps.Outline, ...]) -> str:
    """The country the event's first located place lies in, read from the base map's outlines; '' when unknown."""
    for place_id in event.places:
        coords = catalog.places[place_id].coordinates
        if coords is not None:
            return maps.country_of(outlines, coords.lon, coords.lat) or ""
    return ""


def _first_place_with(catalog: Catalog, event: Event, field: str) -> str:
    """The first of the event's places' adm_1 or adm_2 the registry gives; never guessed."""
    for place_id in event.places:
        value = getattr(catalog.places[place_id], field)
        if value:
            return str(value)
    return ""


def ged_fields(catalog: Catalog, event: Event, outlines: tuple[maps.Outline, ...]) -> dict[str, str | int | None]:
    """The GED-aligned figures of an event, computed only from its attributed `killed` claims.

    deaths_* and best hold a number only when every claimant reporting it gives the same exact figure; low and
    high are the smallest lower and the largest upper bound of any one claimant's total (its own figures for
    the four categories added up: a claimant's total, never a sum across claimants)."""
    figures = _claimant_figures(event)
    per_side: dict[str, list[Claim]] = {side: [] for side in GED_CATEGORIES}
    totals = []
    for chosen in figures.values():
        for side, claim in chosen.items():
            per_side[side].append(claim)
        bounds = [claim_bounds(c) for c in chosen.values()]
        exact = all(c.min is not None and c.min == c.max for c in chosen.values())
        totals.append((sum(b[0] for b in bounds), sum(b[1] for b in bounds), exact))
    deaths = {side: _agreed(claims) for side, claims in per_side.items()}
    exact_totals = {low for low, _high, exact in totals if exact}
    best = exact_totals.pop() if len(exact_totals) == 1 and all(t[2] for t in totals) else None
    actors = [catalog.actors[a] for a in event.actors]
    publishers = list(dict.fromkeys(s.publisher for s in event.sources))
    return {
        "year": event.date.start.year,
        "country": _country(catalog, event, outlines),
        "adm_1": _first_place_with(catalog, event, "adm_1"),
        "adm_2": _first_place_with(catalog, event, "adm_2"),
        "side_a": "; ".join(a.short_name for a in actors if a.id in SIDE_A),
        "side_b": "; ".join(a.short_name for a in actors if a.id in SIDE_B),
        "deaths_a": deaths["a"],
        "deaths_b": deaths["b"],
        "deaths_civilians": deaths["civilians"],
        "deaths_unknown": deaths["unknown"],
        "low": min((t[0] for t in totals), default=None),
        "best": best,
        "high": max((t[1] for t in totals), default=None),
        "source_publishers": "; ".join(publishers),
    }


# --- claims.csv ----------------------------------------------------------------------------------------------------

CLAIM_COLUMNS = (
    "event_id",
    "event_date",
    "year",
    "claim_number",
    "what",
    "about",
    "about_name",
    "side",
    "min",
    "max",
    "unit",
    "claimant",
    "source_number",
    "source_publisher",
    "source_url",
    "note",
)


def _claim_rows(catalog: Catalog, event: Event) -> Iterable[dict[str, str]]:
    """One row per claim of an event, numbered from 1 in the order the event lists them."""
    for number, claim in enumerate(event.claims, start=1):
        source = event.sources[claim.source - 1]
        row = {
            "event_id": event.id,
            "event_date": event.date.text,
            "year": str(event.date.start.year),
            "claim_number": str(number),
            "what": claim.what,
            "about": claim.about,
            "about_name": _cell(catalog.who(claim.about)),
            "side": claim_side(claim),
            "min": _number(claim.min),
            "max": _number(claim.max),
            "unit": claim.unit,
            "claimant": _cell(claim.by),
            "source_number": str(claim.source),
            "source_publisher": _cell(source.publisher),
            "source_url": source.url or "",
            "note": _cell(claim.note or ""),
        }
        assert tuple(row) == CLAIM_COLUMNS
        yield row


def claims_csv(catalog: Catalog) -> str:
    """claims.csv: one row per claim, events in date order, RFC 4180 like events.csv."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CLAIM_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for event in catalog.events:
        writer.writerows(_claim_rows(catalog, event))
    return buffer.getvalue()


# --- events.csv ------------------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Text a spreadsheet shows as text (OWASP's advice): a cell that starts with a formula character, or with
    whitespace or an invisible character (which may hide one), gets an apostrophe before it."""
    if not text:
        return text
    first = text[0]
    if first.isspace() or unicodedata.category(first) in _LEADING_SKIPPED:
        return f"'{text}"
    return f"'{text}" if unicodedata.normalize("NFKC", first)[:1] in _FORMULA_START else text


def _number(value: int | float | None) -> str:
    """A number cell, empty when unknown."""
    return "" if value is None else str(value)


def _killed(event: Event) -> list[Claim]:
    """The event's claims of people killed, in the order the event lists them."""
    return [c for c in event.claims if c.what == "killed" and c.unit == "people"]


def _claim_line(catalog: Catalog, claim: Claim) -> str:
    """'ISIS: up to 100 (SDF, source 1)'."""
    return f"{catalog.who(claim.about)}: {filters.figure(claim.min, claim.max)} ({claim.by}, source {claim.source})"


def _csv_row(catalog: Catalog, event: Event) -> dict[str, str]:
    """One row: the first listed place stands for the event, fatalities only from a single uncontested claim."""
    place = catalog.places[event.places[0]] if event.places else None
    coords = place.coordinates if place else None
    actors = [catalog.actors[a] for a in event.actors]
    killed = _killed(event)
    # With several `killed` claims (competing claimants, or figures about different sides) no one number is
    # right and adding them up would be wrong: the figure columns stay empty and fatalities_claims lists them all.
    single = killed[0] if len(killed) == 1 else None
    blamed_ids, assessments = _harm_cells(event)
    row = {
        "event_id": event.id,
        "title": _cell(event.title),
        "event_date": event.date.text,
        "start_date": event.date.start.isoformat(),
        "end_date": event.date.end.isoformat(),
        "date_precision": str(event.date.precision),
        "kind": event.kind,
        "phase": event.phase,
        "actors": _cell("; ".join(a.short_name for a in actors)),
        "actor_ids": ";".join(event.actors),
        "place": _cell(place.name) if place else "",
        "place_ids": ";".join(event.places),
        "latitude": _number(coords.lat if coords else None),
        "longitude": _number(coords.lon if coords else None),
        "location_precision": coords.precision if coords else "",
        "admin_area": _cell(place.admin_area or "") if place else "",
        "fatalities_min": _number(single.min if single else None),
        "fatalities_max": _number(single.max if single else None),
        "fatalities_claimant": _cell(single.by) if single else "",
        "fatalities_claims": _cell("; ".join(_claim_line(catalog, c) for c in killed)),
        "blamed_ids": blamed_ids,
        "harm_assessments": _cell(assessments),
        "confidence": event.confidence,
        "source_count": str(len(event.sources)),
        "source_urls": _cell(" ".join(s.url for s in event.sources if s.url)),
        "notes": _cell(event.summary),
        "title_ar": _cell(event.ar.title) if event.ar else "",
        "summary_ar": _cell(event.ar.summary) if event.ar else "",
        "harms_civilians": "yes" if event.harms_civilians else "no",
    }
    for name, value in ged_fields(catalog, event, maps.load_outlines()).items():
        row[name] = _cell(value) if isinstance(value, str) else _number(value)
    assert tuple(row) == CSV_COLUMNS
    return row


def events_csv(catalog: Catalog) -> str:
    """events.csv: one row per event in date order, RFC 4180 (CRLF line ends), UTF-8, a header row."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(_csv_row(catalog, e) for e in catalog.events)
    return buffer.getvalue()


# --- events.geojson --------------------------------------------------------------------------------------------


def _feature(catalog: Catalog, event: Event, place: Place) -> dict[str, Any]:
    """One RFC 7946 Point feature for an event at a place with verified coordinates."""
    assert place.coordinates is not None
    coords = place.coordinates
    blamed_ids, assessments = _harm_cells(event)
    return {
        "type": "Feature",
        "id": f"{event.id}/{place.id}",
        # RFC 7946: longitude first.
        "geometry": {"type": "Point", "coordinates": [coords.lon, coords.lat]},
        "properties": {
            "event_id": event.id,
            "title": event.title,
            "date": event.date.text,
            "start_date": event.date.start.isoformat(),
            "end_date": event.date.end.isoformat(),
            "date_precision": str(event.date.precision),
            "date_label": event.date.label,
            "kind": event.kind,
            "kind_label": event.kind_label,
            "phase": event.phase,
            "phase_name": catalog.phases[event.phase].name,
            "confidence": event.confidence,
            "blamed_ids": blamed_ids,
            "harm_assessments": assessments,
            "harms_civilians": event.harms_civilians,
            "place_id": place.id,
            "place_name": place.name,
            "admin_area": place.admin_area,
            "location_precision": coords.precision,
            "coordinates_source": coords.source,
            "page": event_page(event),
        },
    }


def events_geojson(catalog: Catalog) -> str:
    """events.geojson: a FeatureCollection with a Point per (event, located place), in date order."""
    located = [
        (event, catalog.places[place_id])
        for event in catalog.events
        for place_id in event.places
        if catalog.places[place_id].coordinates is not None
    ]
    features = [_feature(catalog, *pair) for pair in located]
    return _dump({"type": "FeatureCollection", "features": features})


# --- timelinejs.json -------------------------------------------------------------------------------------------


def _tl_date(part: DatePart) -> dict[str, int]:
    """A TimelineJS date object with only the parts the date has: year, year and month, or all three."""
    result = {"year": part.year}
    if part.month is not None:
        result["month"] = part.month
    if part.day is not None:
        result["day"] = part.day
    return result


def _tl_text(catalog: Catalog, event: Event) -> str:
    """A slide's text: the summary, the claims with their claimants, the sources linked, and the event's page."""
    parts: list[str] = [filters.paragraph_html(event.summary)]
    if event.claims:
        claims = "".join(
            f"<li>{html.escape(claim.by)}: {html.escape(_claim_words(catalog, claim))} (source {claim.source})</li>"
            for claim in event.claims
        )
        parts.append(f"<p>Claims, attributed to whoever made them:</p><ul>{claims}</ul>")
    sources = "".join(
        f'<li><a href="{html.escape(s.url)}">{html.escape(s.publisher)}</a>{_tl_source_title(s)}</li>'
        if s.url
        else f"<li>{html.escape(s.publisher)}{_tl_source_title(s)}</li>"
        for s in event.sources
    )
    parts.append(f"<p>Sources:</p><ol>{sources}</ol>")
    # Relative to data/timelinejs.json, where the file is published, like the feed's links.
    parts.append(f'<p><a href="../{event_page(event)}">The event\'s page in the timeline</a></p>')
    return "".join(parts)


def _tl_source_title(source: Source) -> str:
    """', “Title”' for a source with a title."""
    return f", “{html.escape(source.title)}”" if source.title else ""


def _claim_words(catalog: Catalog, claim: Claim) -> str:
    """A claim in words, as the pages say it."""
    return filters.claim_sentence(
        claim.what, claim.what_label, catalog.who(claim.about), claim.min, claim.max, claim.unit_label
    )


def _tl_slide(catalog: Catalog, event: Event) -> dict[str, Any]:
    """One TimelineJS slide; TimelineJS puts headline, text, display_date and group in as HTML, so all is escaped."""
    slide: dict[str, Any] = {"start_date": _tl_date(event.date.first)}
    if event.date.last is not None:
        slide["end_date"] = _tl_date(event.date.last)
    slide.update(
        {
            "display_date": html.escape(event.date.label),
            "text": {"headline": html.escape(event.title), "text": _tl_text(catalog, event)},
            "group": html.escape(catalog.phases[event.phase].name),
            "unique_id": event.id,
        }
    )
    return slide


def timelinejs_json(catalog: Catalog) -> str:
    """timelinejs.json: TimelineJS 3's JSON format, a title slide and one slide per event."""
    title = {
        "text": {
            "headline": html.escape(SITE_TITLE),
            "text": html.escape(
                f"{len(catalog.events)} events, each with its sources. "
                "Every figure is a claim attributed to whoever made it."
            ),
        }
    }
    slides = [_tl_slide(catalog, e) for e in catalog.events]
    return _dump({"title": title, "events": slides, "scale": "human"})


# --- feed.xml --------------------------------------------------------------------------------------------------


def _timestamp(day: date) -> str:
    """An RFC 3339 timestamp for midnight UTC of a day."""
    return f"{day.isoformat()}T00:00:00Z"


def entry_id(event: Event) -> str:
    """The event's Atom entry id: the same on every build for as long as the event keeps its id."""
    return f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, event.id)}"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """Append an Atom element; ElementTree escapes text and attributes, characters XML cannot hold are dropped."""
    element = ET.SubElement(parent, tag, {k: _NOT_XML.sub("", v) for k, v in attributes.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def _entry_html(catalog: Catalog, event: Event, edition: Edition = ENGLISH) -> str:
    """The entry's content: date, kind and places, the sanitized summary, the sources (in the edition's language;
    an event without Arabic text keeps its English summary, marked as English)."""
    if not edition.arabic:
        places = ", ".join(catalog.places[p].name for p in event.places)
        facts = " · ".join(x for x in (event.date.label, event.kind_label, places) if x)
        summary: str = filters.paragraph_html(event.summary)
        said = "Sources"
    else:
        names = (catalog.places[p] for p in event.places)
        places = "، ".join(p.name_ar or p.name for p in names)
        kind = edition.label("kind", event.kind, event.kind_label)
        facts = " · ".join(x for x in (edition.date(event.date), kind, places) if x)
        text = filters.paragraph_html(event.ar.summary if event.ar else event.summary)
        summary = text if event.ar else f'<div lang="en" dir="ltr">{text}</div>'
        said = edition.t("Sources")
    sources = ", ".join(
        f'<a href="{html.escape(s.url)}">{html.escape(s.publisher)}</a>' if s.url else html.escape(s.publisher)
        for s in event.sources
    )
    return f"<p>{html.escape(facts)}</p>{summary}<p>{html.escape(said)}: {sources}</p>"


def _entry(feed: ET.Element, catalog: Catalog, event: Event, edition: Edition = ENGLISH) -> None:
    """One entry; published and updated are the first and last day the event's date can mean."""
    entry = _add(feed, "entry")
    _add(entry, "id", entry_id(event))
    title = event.ar.title if edition.arabic and event.ar else event.title
    _add(entry, "title", title, type="text")
    # Relative to the feed at data/feed.xml, so it works wherever the site is served.
    _add(entry, "link", rel="alternate", type="text/html", href=f"../{event_page(event)}")
    _add(entry, "published", _timestamp(event.date.start))
    _add(entry, "updated", _timestamp(event.date.end))
    _add(entry, "category", term=event.kind, label=edition.label("kind", event.kind, event.kind_label))
    _add(entry, "content", _entry_html(catalog, event, edition), type="html")


def feed_xml(catalog: Catalog, edition: Edition = ENGLISH) -> str:
    """feed.xml: an Atom feed (RFC 4287) of the FEED_SIZE latest events by date, newest first, in the edition's
    language (the Arabic edition's feed has its own id, as it is another feed)."""
    latest = list(reversed(catalog.events[-FEED_SIZE:]))
    t = edition.t
    # Unprefixed names with the namespace declared on the root: ElementTree's default_namespace option refuses
    # the unqualified attributes (rel, href) that Atom uses.
    feed = ET.Element("feed", {"xmlns": ATOM, "{http://www.w3.org/XML/1998/namespace}lang": edition.lang})
    feed_id = FEED_NAMESPACE if not edition.arabic else uuid.uuid5(FEED_NAMESPACE, edition.lang)
    _add(feed, "id", f"urn:uuid:{feed_id}")
    _add(feed, "title", t("{site} — latest events", site=t(SITE_TITLE)), type="text")
    _add(feed, "subtitle", t("The {n} latest events of the timeline by date, newest first.", n=FEED_SIZE), type="text")
    _add(feed, "link", rel="self", type="application/atom+xml", href="feed.xml")
    _add(feed, "link", rel="alternate", type="text/html", href="../")
    # The newest date the entries hold, not the build time: rebuilding never makes the feed look new. An empty
    # feed falls back to the Unix epoch, which is as deterministic.
    newest = max((e.date.end for e in latest), default=date(1970, 1, 1))
    _add(feed, "updated", _timestamp(newest))
    _add(_add(feed, "author"), "name", t(SITE_TITLE))
    _add(feed, "rights", t("Data: CC BY 4.0"), type="text")
    for event in latest:
        _entry(feed, catalog, event, edition)
    ET.indent(feed)
    body = ET.tostring(feed, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


# --- all of them -----------------------------------------------------------------------------------------------

_WRITERS: dict[str, Callable[[Catalog], str]] = {
    "events.json": events_json,
    "events.schema.json": lambda _catalog: events_schema(),
    "events.csv": events_csv,
    "claims.csv": claims_csv,
    "events.geojson": events_geojson,
    "timelinejs.json": timelinejs_json,
    "feed.xml": feed_xml,
}

# `timeline export --format NAME` writes these files.
FORMATS: dict[str, tuple[str, ...]] = {
    "json": ("events.json", "events.schema.json"),
    "csv": ("events.csv", "claims.csv"),
    "geojson": ("events.geojson",),
    "timelinejs": ("timelinejs.json",),
    "atom": ("feed.xml",),
}


def export(catalog: Catalog, formats: Iterable[str]) -> dict[str, str]:
    """The files of the given formats, by file name."""
    names = sorted({name for fmt in formats for name in FORMATS[fmt]})
    return {name: _WRITERS[name](catalog) for name in names}


def data_files(catalog: Catalog, edition: Edition = ENGLISH) -> dict[str, str]:
    """Every export, by path relative to the docs root (data/...), for the site's edition: the same data in both,
    and each edition's feed in its language."""
    files = export(catalog, FORMATS)
    if edition.arabic:
        files["feed.xml"] = feed_xml(catalog, edition)
    return {urls.data_path(name): text for name, text in files.items()}


def data_file_names() -> list[str]:
    """The names of every export, without making them."""
    return sorted({name for names in FORMATS.values() for name in names})
