"""Maps and charts as SVG made at build time: no tile server, no script, no font from elsewhere.

The outlines (river, countries, border) are Natural Earth 1:50m, public domain; see generator/geo/README.md.
Only places with verified coordinates are drawn; the others are listed beside the map by the templates.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path

from .model import Place

OUTLINES_PATH = Path(__file__).with_name("geo") / "euphrates-valley.geojson"

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Outline:
    """One drawn feature of the base map: a river, a country or a border, as lists of (lon, lat) lines."""

    kind: str
    name: str
    lines: tuple[tuple[Point, ...], ...]
    closed: bool
    code: str = ""


@cache
def load_outlines(path: Path = OUTLINES_PATH) -> tuple[Outline, ...]:
    """Read the base-map GeoJSON (LineString, MultiLineString and Polygon features), once per process."""
    data = json.loads(path.read_text(encoding="utf-8"))
    outlines = []
    for feature in data["features"]:
        geometry, props = feature["geometry"], feature["properties"]
        kind = geometry["type"]
        if kind == "LineString":
            rings = [geometry["coordinates"]]
        elif kind in ("MultiLineString", "Polygon"):
            rings = geometry["coordinates"]
        else:  # pragma: no cover - the shipped file has no other geometry
            continue
        lines = tuple(tuple((float(x), float(y)) for x, y in ring) for ring in rings)
        code = str(props.get("iso_a3", "")).lower()
        outlines.append(Outline(props["kind"], props["name"], lines, closed=kind == "Polygon", code=code))
    return tuple(outlines)


@dataclass(frozen=True, slots=True)
class Frame:
    """An equirectangular view of a lon/lat box, scaled by the cosine of its middle latitude."""

    west: float
    south: float
    east: float
    north: float
    width: int

    @property
    def _scale(self) -> float:
        """Pixels per degree of latitude."""
        return self.width / ((self.east - self.west) * math.cos(math.radians((self.south + self.north) / 2)))

    @property
    def height(self) -> int:
        """The frame's height in pixels."""
        return round((self.north - self.south) * self._scale)

    def project(self, lon: float, lat: float) -> Point:
        """(x, y) in pixels of a lon/lat point."""
        x = (lon - self.west) * math.cos(math.radians((self.south + self.north) / 2)) * self._scale
        return (round(x, 1), round((self.north - lat) * self._scale, 1))


# The Euphrates valley from Deir ez-Zor to the Iraqi border, where the campaign was fought.
VALLEY = Frame(west=39.85, south=34.25, east=41.25, north=35.7, width=560)

# Where the country names are written: points well inside each outline within VALLEY, chosen by eye.
COUNTRY_LABELS = (("Syria", 40.05, 34.45), ("Iraq", 41.17, 34.3))

_LABEL_OFFSETS = [(8, 4), (-8, 4)] + [(dx, dy) for dy in (16, -12, 28, -24, 40, -36, 52) for dx in (8, -8)]


def _label_box(x: float, y: float, dx: int, dy: int, text: str) -> tuple[float, float, float, float]:
    """The rough box a label covers (7 px per character at the map's font size)."""
    width = 6.6 * len(text)
    left = x + dx if dx > 0 else x + dx - width
    return (left, y + dy - 11, left + width, y + dy + 3)


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """True when two boxes intersect."""
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def _path(frame: Frame, line: Sequence[Point], closed: bool) -> str:
    """An SVG path for one line of lon/lat points."""
    points = [frame.project(lon, lat) for lon, lat in line]
    text = "M" + " L".join(f"{x},{y}" for x, y in points)
    return text + (" Z" if closed else "")


def valley_map(
    places: Sequence[Place],
    outlines: Sequence[Outline],
    link: Callable[[Place], str],
    *,
    title: str,
    highlight: Place | None = None,
    frame: Frame = VALLEY,
    name: Callable[[Place], str] = lambda place: place.name,
    words: MapWords | None = None,
) -> str:
    """An inline SVG map of the valley with the places that have verified coordinates, each linked to its page;
    `name` gives a place's name and `words` the map's text in the page's language."""
    words = words or MapWords()
    located = sorted((p for p in places if p.coordinates), key=lambda p: p.coordinates.lat if p.coordinates else 0)
    names = ", ".join(name(p) for p in located)
    desc = words.showing.format(names=names)
    if highlight is not None:
        desc = words.marked.format(name=name(highlight)) + " " + desc
    ident = "map-" + (highlight.id if highlight else "valley")
    parts = [
        # A group, not an image: the map holds links to the place pages, and an image may not contain controls.
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {frame.width} {frame.height}" role="group" '
        f'aria-labelledby="{ident}-title {ident}-desc" class="tl-map">',
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<rect class="map-water" x="0" y="0" width="{frame.width}" height="{frame.height}"/>',
    ]
    order = {"country": 0, "border": 1, "river": 2}
    for outline in sorted(outlines, key=lambda o: (order.get(o.kind, 3), o.name)):
        css = f"map-{outline.kind}" + (f" map-{outline.code}" if outline.code else "")
        for line in outline.lines:
            parts.append(f'<path class="{css}" d="{_path(frame, line, outline.closed)}"/>')
    for country, lon, lat in COUNTRY_LABELS:
        x, y = frame.project(lon, lat)
        shown = words.countries.get(country, country)
        parts.append(f'<text class="map-country-name" x="{x}" y="{y}" text-anchor="middle">{escape(shown)}</text>')
    taken: list[tuple[float, float, float, float]] = []
    # Highlighted place first, so its label gets the best position.
    for place in sorted(located, key=lambda p: (p != highlight, -(p.coordinates.lat if p.coordinates else 0))):
        assert place.coordinates is not None
        x, y = frame.project(place.coordinates.lon, place.coordinates.lat)
        mark = "map-place map-here" if place == highlight else "map-place"
        radius = 6 if place == highlight else 4
        label = ""
        for dx, dy in _LABEL_OFFSETS:
            box = _label_box(x, y, dx, dy, name(place))
            if box[0] >= 0 and box[2] <= frame.width and box[1] >= 0 and not any(_overlaps(box, t) for t in taken):
                taken.append(box)
                anchor = "start" if dx > 0 else "end"
                leader = (
                    f'<line class="map-leader" x1="{x}" y1="{y}" x2="{x + dx * 0.8}" y2="{y + dy - 4}"/>'
                    if abs(dy) > 4
                    else ""
                )
                label = f'{leader}<text x="{x + dx}" y="{y + dy}" text-anchor="{anchor}">{escape(name(place))}</text>'
                break
        parts.append(
            f'<a href="{escape(link(place))}"><circle class="{mark}" cx="{x}" cy="{y}" r="{radius}">'
            f"<title>{escape(name(place))}</title></circle>{label}</a>"
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class MapWords:
    """A map's text in the page's language: its description ({names}, {name}) and the countries' names."""

    showing: str = "Map of the Euphrates valley from Deir ez-Zor to the Iraqi border, showing {names}."
    marked: str = "{name} is marked in the valley."
    countries: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a chart: its label and its value."""

    label: str
    value: int


def bar_chart(bars: Sequence[Bar], *, title: str, description: str, ident: str, horizontal: bool) -> str:
    """An inline SVG bar chart with a title and description for screen readers."""
    if horizontal:
        return _horizontal_bars(bars, title=title, description=description, ident=ident)
    return _vertical_bars(bars, title=title, description=description, ident=ident)


def _svg_open(width: int, height: int, ident: str, title: str, description: str) -> str:
    """The opening of an accessible chart SVG."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" class="tl-chart">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(description)}</desc>'
    )


def _vertical_bars(bars: Sequence[Bar], *, title: str, description: str, ident: str) -> str:
    """Columns with a label under each (month charts)."""
    width, height, base, top = 640, 220, 170, 20
    most = max((b.value for b in bars), default=0) or 1
    step = (width - 40) / max(len(bars), 1)
    parts = [_svg_open(width, height, ident, title, description)]
    parts.append(f'<line class="chart-axis" x1="30" y1="{base}" x2="{width - 10}" y2="{base}"/>')
    for index, bar in enumerate(bars):
        x = 32 + index * step
        bar_height = (base - top) * bar.value / most
        parts.append(
            f'<rect class="chart-bar" x="{x:.1f}" y="{base - bar_height:.1f}" width="{step * 0.7:.1f}" '
            f'height="{bar_height:.1f}"><title>{escape(bar.label)}: {bar.value}</title></rect>'
        )
        if bar.value:
            parts.append(
                f'<text class="chart-value" x="{x + step * 0.35:.1f}" y="{base - bar_height - 4:.1f}" '
                f'text-anchor="middle">{bar.value}</text>'
            )
        label_x, label_y = x + step * 0.35, base + 10
        parts.append(
            f'<text class="chart-label" x="{label_x:.1f}" y="{label_y}" text-anchor="end" '
            f'transform="rotate(-60 {label_x:.1f} {label_y})">{escape(bar.label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _horizontal_bars(bars: Sequence[Bar], *, title: str, description: str, ident: str) -> str:
    """Rows with the label on the left (category charts)."""
    width, row, left = 640, 24, 210
    height = row * len(bars) + 10
    most = max((b.value for b in bars), default=0) or 1
    parts = [_svg_open(width, height, ident, title, description)]
    for index, bar in enumerate(bars):
        y = 5 + index * row
        bar_width = (width - left - 40) * bar.value / most
        parts.append(
            f'<text class="chart-label" x="{left - 8}" y="{y + 15}" text-anchor="end">{escape(bar.label)}</text>'
            f'<rect class="chart-bar" x="{left}" y="{y + 3}" width="{bar_width:.1f}" height="{row - 8}">'
            f"<title>{escape(bar.label)}: {bar.value}</title></rect>"
            f'<text class="chart-value" x="{left + bar_width + 6:.1f}" y="{y + 15}">{bar.value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def describe_bars(bars: Sequence[Bar], unit: str, empty: str | None = None) -> str:
    """A one-sentence text alternative: the largest values first (`empty` when there are none)."""
    ranked = sorted((b for b in bars if b.value), key=lambda b: (-b.value, b.label))
    listed = "; ".join(f"{b.label}: {b.value}" for b in ranked)
    if listed:
        return f"{unit} {listed}."
    return empty if empty is not None else f"No {unit.lower()}."
