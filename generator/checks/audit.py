"""`timeline audit`: compare the content with the fact bases in ../shared/reference/, on demand (`make audit`).

The test suite states rules every good contribution meets; whether a source address or a coordinate appears in the
project's fact bases is a question for a person reviewing content, so it is a report, not a test. It lists event
source addresses found in neither fact base, place coordinates that no fact base gives, coordinates published for a
place a fact base marks UNVERIFIED, and the dated rows of the fact bases that no event starts on yet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.input.dates import MONTH_NAMES
from generator.model.catalog import Catalog
from generator.model.records import Place

FACT_BASES = ("campaign-facts.md", "campaign-facts-2.md")
DEFAULT_REFERENCE = Path("..") / "shared" / "reference"

_URL = re.compile(r"https?://[^\s|>\]]+")
_DECIMAL_PAIR = re.compile(r"(-?\d{1,3}\.\d+)\s*,\s*(-?\d{1,3}\.\d+)")
_DMS = re.compile(r"(\d{1,3})°(?:(\d{1,2})′)?(?:(\d{1,2})″)?([NSEW])")
_MONTHS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, 1)}
# The first day a row's Date column names: '12–13 Sep 2017', '~10–13 Oct 2018', '31 Oct / 11 Nov 2018'.
_ROW_DATE = re.compile(r"^~?\s*(\d{1,2})\b[^|]*?\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{4})")


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One row of a fact base's places table: the names it gives, its points, and whether it says UNVERIFIED."""

    base: str
    line: int
    names: frozenset[str]
    points: tuple[tuple[float, float, float], ...]  # (lat, lon, tolerance in degrees)
    unverified: bool


@dataclass(frozen=True, slots=True)
class DatedRow:
    """One dated row of a fact base's timeline table."""

    base: str
    line: int
    start: date
    text: str


@dataclass
class FactBase:
    """What the audit reads from the reference files."""

    files: list[Path] = field(default_factory=list)
    urls: set[str] = field(default_factory=set)
    places: list[PlaceRow] = field(default_factory=list)
    rows: list[DatedRow] = field(default_factory=list)


@dataclass
class Findings:
    """What the audit found, each a line a person can act on."""

    urls: list[str] = field(default_factory=list)
    coordinates: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)
    rows_without_events: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when a published source or coordinate disagrees with the fact bases (rows to do are not failures)."""
        return bool(self.urls or self.coordinates or self.unverified)


def _fold(name: str) -> str:
    """A place name reduced for comparison: no accents, case, article 'al-', apostrophes or punctuation."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"['\u2019ʼ`]", "", text)  # noqa: RUF001
    text = re.sub(r"\b(al|el|as|ash|ad)[- ]", "", text)
    return re.sub(r"[^a-z0-9]+", "", text)


def _names(cell: str) -> frozenset[str]:
    """Every name a place cell gives: 'al-Susah (Sousa, Souseh, Soussa)' -> {susah, sousa, souseh, soussa}."""
    cell = re.sub(r"\*+", "", cell)
    parts = re.split(r"[(),;/]|\bor\b|\bprob\.", cell)
    found = set()
    for part in parts:
        part = re.sub(r"\b(Ku|Tr|now)\.?\s", "", part).strip(" \"'.:")
        part = re.sub(r"\b(refined|coordinate (refinement|note)|district|village|industrial area)\b", "", part)
        if _fold(part):
            found.add(_fold(part))
    return frozenset(found)


def _points(cell: str) -> tuple[tuple[float, float, float], ...]:
    """The coordinates a cell gives, decimal or degrees-minutes-seconds, each with the precision it is written to."""
    points = []
    for lat, lon in _DECIMAL_PAIR.findall(cell):
        digits = min(len(lat.split(".")[1]), len(lon.split(".")[1]))
        points.append((float(lat), float(lon), max(10.0**-digits, 0.0005)))
    dms = _DMS.findall(cell)
    for first, second in zip(dms[::2], dms[1::2], strict=False):
        values, tolerance = [], 1.0
        for degrees, minutes, seconds, hemisphere in (first, second):
            value = int(degrees) + int(minutes or 0) / 60 + int(seconds or 0) / 3600
            values.append(-value if hemisphere in "SW" else value)
            tolerance = min(tolerance, 1 / 3600 if seconds else 1 / 60 if minutes else 1.0)
        points.append((values[0], values[1], tolerance))
    return tuple(points)


def _table_rows(lines: list[str], heading: str) -> Iterable[tuple[int, list[str]]]:
    """(line number, cells) of each data row of the first table under a heading starting with `heading`."""
    inside = False
    for number, line in enumerate(lines, 1):
        if line.startswith("## "):
            inside = line[3:].lstrip("0123456789. ").startswith(heading)
            continue
        if inside and line.startswith("|") and not line.startswith("|---"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if cells and cells[0] not in ("Date", "Place (variants)"):
                yield number, cells


def _row_date(cell: str) -> date | None:
    """The first day a timeline row's Date cell names, or None when it names no day."""
    match = _ROW_DATE.match(cell)
    if match is None:
        return None
    try:
        return date(int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    except ValueError:
        return None


def _trim(url: str) -> str:
    """An address as written in running text, without the punctuation or unbalanced ')' that follows it."""
    url = url.rstrip(".,;")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(".,;")
    return url


def read_fact_bases(folder: Path) -> FactBase:
    """Read the URLs, places and dated rows of every fact base in `folder` (missing files are skipped)."""
    base = FactBase()
    for name in FACT_BASES:
        path = folder / name
        if not path.is_file():
            continue
        base.files.append(path)
        text = path.read_text(encoding="utf-8")
        base.urls |= {_trim(url) for url in _URL.findall(text)}
        lines = text.splitlines()
        for number, cells in _table_rows(lines, "Places"):
            if len(cells) >= 3:
                # A point may stand in the notes too ("al-Boubadran mosque 34.5444, 40.9583").
                points = tuple(point for cell in cells[1:] for point in _points(cell))
                unverified = "UNVERIFIED" in cells[2] and not _points(cells[2])
                base.places.append(PlaceRow(name, number, _names(cells[0]), points, unverified))
        for number, cells in _table_rows(lines, "Timeline"):
            start = _row_date(cells[0])
            if start is not None and len(cells) >= 2:
                base.rows.append(DatedRow(name, number, start, cells[1][:90]))
    return base


def _last_segment(url: str) -> str:
    """The decoded last path segment of an address, case-folded: the article title of a wiki page."""
    return unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]).casefold()


def _url_known(url: str, known: set[str], titles: set[str]) -> bool:
    """True when the fact bases give this address, or it is the Wikipedia article one of their copies reproduces."""
    if url in known or unquote(url) in {unquote(k) for k in known}:
        return True
    host = urlsplit(url).hostname or ""
    return host.endswith(".wikipedia.org") and _last_segment(url) in titles


def _place_names(place: Place) -> set[str]:
    """The folded names a registry place goes by."""
    return {_fold(name) for name in (place.id.replace("-", " "), place.name, *place.aliases)} - {""}


def audit(catalog: Catalog, facts: FactBase) -> Findings:
    """Compare the catalog's sources, coordinates and dates with the fact bases."""
    found = Findings()
    titles = {_last_segment(url) for url in facts.urls}
    for event in catalog.events:
        for source in event.sources:
            if source.url is not None and not _url_known(source.url, facts.urls, titles):
                found.urls.append(f"{event.path}: source {source.number} ({source.publisher}): {source.url}")
    for place in catalog.places.values():
        if place.coordinates is None:
            continue
        rows = [row for row in facts.places if row.names & _place_names(place)]
        lat, lon = place.coordinates.lat, place.coordinates.lon
        where = f"events/registry/places.yaml: {place.id} ({lat}, {lon}, from {place.coordinates.source})"
        # Any point of any places row counts: a site is often given in the notes of the town it lies in.
        if any(
            abs(p_lat - lat) <= tolerance and abs(p_lon - lon) <= tolerance
            for row in facts.places
            for p_lat, p_lon, tolerance in row.points
        ):
            continue
        if any(row.unverified for row in rows):
            marked = ", ".join(f"{row.base}:{row.line}" for row in rows if row.unverified)
            found.unverified.append(f"{where}: published, but the fact base marks it UNVERIFIED ({marked})")
        elif rows:
            given = "; ".join(f"{row.base}:{row.line} gives {_points_text(row)}" for row in rows if row.points)
            found.coordinates.append(f"{where}: no fact base gives this point ({given or 'no point given'})")
        else:
            found.coordinates.append(f"{where}: the place is in neither fact base")
    starts = {event.date.start for event in catalog.events}
    for row in facts.rows:
        if row.start not in starts:
            found.rows_without_events.append(f"{row.base}:{row.line}: {row.start.isoformat()} {row.text}")
    return found


def _points_text(row: PlaceRow) -> str:
    """A row's points as 'lat, lon' joined by ' or '."""
    return " or ".join(f"{lat:.5f}, {lon:.5f}" for lat, lon, _ in row.points)


def report(catalog: Catalog, facts: FactBase, findings: Findings) -> list[str]:
    """The audit as lines of text: each finding, then counts of what was compared (a report, never a test)."""
    sections = (
        ("Source addresses found in neither fact base", findings.urls),
        ("Coordinates that no fact base gives", findings.coordinates),
        ("Coordinates published although a fact base marks them UNVERIFIED", findings.unverified),
        ("Dated fact-base rows that no event starts on (content still to add)", findings.rows_without_events),
    )
    lines = [f"fact bases: {', '.join(str(path) for path in facts.files)}"]
    for title, items in sections:
        lines.append(f"{title}: {len(items)}")
        lines += [f"  {item}" for item in items]
    n_urls = sum(1 for e in catalog.events for s in e.sources if s.url is not None)
    n_points = sum(1 for p in catalog.places.values() if p.coordinates is not None)
    lines.append(
        f"audited {n_urls} source addresses of {len(catalog.events)} events, {n_points} coordinates of "
        f"{len(catalog.places)} places and {len(facts.rows)} dated fact-base rows"
    )
    return lines
