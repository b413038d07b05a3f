"""Maps and charts as SVG made at build time: no tile server, no script, no font from elsewhere.

The outlines (river, countries, border) are Natural Earth 1:50m, public domain; see generator/data/geo/README.md.
Only places with verified coordinates are drawn; the others are listed beside the map by the templates.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path

from generator.data import DATA
from generator.model.records import Place

OUTLINES_PATH = DATA / "geo" / "euphrates-valley.geojson"

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


def _inside(ring: Sequence[Point], lon: float, lat: float) -> bool:
    """Ray casting: True when the point lies inside the closed ring."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def country_of(outlines: Sequence[Outline], lon: float, lat: float) -> str | None:
    """The name of the base map's country whose outline holds the point, or None outside them all."""
    for outline in outlines:
        if outline.kind == "country" and outline.closed and outline.lines and _inside(outline.lines[0], lon, lat):
            return outline.name
    return None


@dataclass(frozen=True, slots=True)
class Frame:
    """An equirectangular view of a lon/lat box, scaled by the cosine of its middle latitude."""

    west: float
    south: float
    east: float
    north: float
    width: int

    @property
    def _cos(self) -> float:
        """How much shorter a degree of longitude is than one of latitude in the middle of the frame."""
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def scale(self) -> float:
        """Pixels per degree of latitude."""
        return self.width / ((self.east - self.west) * self._cos)

    @property
    def height(self) -> int:
        """The frame's height in pixels."""
        return round((self.north - self.south) * self.scale)

    def project(self, lon: float, lat: float) -> Point:
        """(x, y) in pixels of a lon/lat point."""
        x = (lon - self.west) * self._cos * self.scale
        return (round(x, 1), round((self.north - lat) * self.scale, 1))

    def contains(self, lon: float, lat: float) -> bool:
        """True when the point lies inside the frame."""
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    @classmethod
    def around(cls, lon: float, lat: float, half_lat: float, width: int) -> Frame:
        """A square frame centred on a point, `half_lat` degrees of latitude from the centre to each edge."""
        half_lon = half_lat / math.cos(math.radians(lat))
        return cls(lon - half_lon, lat - half_lat, lon + half_lon, lat + half_lat, width)


# Map and chart text is drawn at this size in SVG units, and the SVGs are this many units wide: a 360 px phone
# shows them about 328 px wide, so the text is never smaller than 12 CSS px there (15 x 328 / 400 = 12.3).
FONT = 15
MAP_WIDTH = 400
# How wide a character of the map font is at most, as a share of the font size (a safe bound for sans-serif
# text; the browser test measures the real boxes).
CHAR_WIDTH = 0.62
DOT = 4.5
HERE_DOT = 7.0

# The Euphrates valley from Deir ez-Zor to the Iraqi border, where the campaign was fought.
VALLEY = Frame(west=39.85, south=34.25, east=41.25, north=35.7, width=MAP_WIDTH)
# The Baghuz–Abu Kamal pocket, where the last battles were fought in a few square kilometres: on a map of the
# valley its places are a few pixels apart, so they are drawn again, labelled, in an inset at this frame.
POCKET = Frame(west=40.875, south=34.385, east=41.035, north=34.62, width=MAP_WIDTH)
POCKET_NAME = "Baghuz–Abu Kamal pocket"
# Below this many pixels per degree the pocket's places are too close to label: they go to the inset.
INSET_BELOW = 1500.0

# Where the country names are written: points well inside each outline within VALLEY, chosen by eye.
COUNTRY_LABELS = (("Syria", 40.05, 34.45), ("Iraq", 41.15, 34.3))

Box = tuple[float, float, float, float]

# Right-to-left isolate: a drawn text with Arabic letters is laid out right to left inside the map's
# left-to-right geometry (the stylesheet keeps the SVGs ltr so that text-anchor keeps its meaning), so that
# "5 كم" reads as Arabic does, with the figure first.
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")


def drawn(text: str) -> str:
    """Text to draw in an SVG, escaped; Arabic text isolated right to left (U+2067 … U+2069)."""
    escaped = escape(text)
    return f"\u2067{escaped}\u2069" if _ARABIC.search(text) else escaped


@dataclass(frozen=True, slots=True)
class MapWords:
    """A map's words in the page's language (the English ones by default) and how it names a place."""

    showing: str = "Map showing {names}."
    empty: str = "Map."
    marked: str = "{name} is marked."
    inset_title: str = f"Inset: the {POCKET_NAME}"
    inset_desc: str = "Map of the pocket, larger, showing {names}."
    see_inset: str = "see inset"
    unlabelled: str = " Not labelled for lack of room (each dot names its place on hover): {names}."
    key: str = "Map key"
    key_place: str = "place (links to its page)"
    river: str = "Euphrates"
    border: str = "Syria–Iraq border"
    inset_area: str = "area of the inset"
    km: str = "{n} km"
    separator: str = ", "
    countries: Mapping[str, str] = field(default_factory=dict)
    name: Callable[[Place], str] = lambda place: place.name
    # Escaped HTML text (the key, the caption) as the page shows it: on the Arabic edition, Latin names isolated.
    mixed: Callable[[str], str] = lambda escaped: escaped

    def names(self, places: Sequence[Place]) -> str:
        """The places' names, listed."""
        return self.separator.join(self.name(p) for p in places)


ENGLISH_WORDS = MapWords()


def text_box(x: float, y: float, text: str, anchor: str, size: float = FONT) -> Box:
    """The box a line of text covers at its baseline (x, y), with room for its halo."""
    width = CHAR_WIDTH * size * len(text)
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    return (left - 2, y - size * 0.8 - 2, left + width + 2, y + size * 0.25 + 2)


def _overlaps(a: Box, b: Box) -> bool:
    """True when two boxes intersect."""
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def _crosses(x1: float, y1: float, x2: float, y2: float, box: Box) -> bool:
    """True when the segment passes through the box (sampled finely enough for boxes a few pixels wide)."""
    steps = max(2, int(math.hypot(x2 - x1, y2 - y1) / 2))
    for i in range(1, steps):
        t = i / steps
        x, y = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
        if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
            return True
    return False


def _candidates(x: float, y: float, radius: float) -> list[tuple[float, float, str, bool]]:
    """Label positions around a dot, nearest first: (x, y of the baseline, text-anchor, needs a leader line)."""
    gap = radius + 3
    near = [
        (x + gap, y + FONT * 0.3, "start", False),
        (x - gap, y + FONT * 0.3, "end", False),
        (x, y - gap - 2, "middle", False),
        (x, y + gap + FONT * 0.8, "middle", False),
        (x + gap, y - gap, "start", False),
        (x - gap, y - gap, "end", False),
        (x + gap, y + gap + FONT * 0.6, "start", False),
        (x - gap, y + gap + FONT * 0.6, "end", False),
    ]
    far = []
    for distance in (28, 42, 58, 76, 96, 120):
        for step in range(16):
            angle = math.pi * 2 * step / 16
            dx, dy = math.cos(angle) * distance, math.sin(angle) * distance
            anchor = "start" if dx > 4 else "end" if dx < -4 else "middle"
            far.append((x + dx, y + dy + FONT * 0.3, anchor, True))
    return near + far


@dataclass(frozen=True, slots=True)
class Label:
    """A placed label: its text, baseline, anchor, and the leader line's end when it stands off its dot."""

    text: str
    x: float
    y: float
    anchor: str
    leader: Point | None


@dataclass
class Placer:
    """Greedy label placement: every label goes to the nearest free position around its dot, where it overlaps no
    other label, no dot and nothing reserved (country names, the scale bar), and stays inside the frame; a label
    that must stand off its dot gets a leader line, which may not cross another label or dot."""

    width: float
    height: float
    taken: list[Box]
    dots: list[Box]

    def place(self, x: float, y: float, radius: float, text: str) -> Label | None:
        """Place one label for the dot at (x, y), or None when there is no room anywhere near it."""
        for lx, ly, anchor, leader in _candidates(x, y, radius):
            box = text_box(lx, ly, text, anchor)
            if box[0] < 1 or box[1] < 1 or box[2] > self.width - 1 or box[3] > self.height - 1:
                continue
            if any(_overlaps(box, other) for other in self.taken) or any(_overlaps(box, d) for d in self.dots):
                continue
            end = None
            if leader:
                end = (min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3]))
                own = (x - radius - 1, y - radius - 1, x + radius + 1, y + radius + 1)
                obstacles = [b for b in self.taken + self.dots if b != own]
                if any(_crosses(x, y, end[0], end[1], b) for b in obstacles):
                    continue
            self.taken.append(box)
            return Label(text, round(lx, 1), round(ly, 1), anchor, end)
        return None


def _path(frame: Frame, line: Sequence[Point], closed: bool) -> str:
    """An SVG path for one line of lon/lat points."""
    points = [frame.project(lon, lat) for lon, lat in line]
    text = "M" + " L".join(f"{x},{y}" for x, y in points)
    return text + (" Z" if closed else "")


def _nice_distance(km: float) -> int:
    """The largest of 1, 2, 5, 10, 20, 50, ... km not above `km`."""
    best = 1
    for magnitude in (1, 10, 100, 1000):
        for step in (1, 2, 5):
            if step * magnitude <= km:
                best = step * magnitude
    return best


KM_PER_DEGREE = 111.2


def scale_bar(frame: Frame, words: MapWords = ENGLISH_WORDS) -> tuple[str, Box]:
    """A scale bar about a quarter of the frame wide at its bottom left, and the box it covers."""
    km = _nice_distance(frame.width / 4 / frame.scale * KM_PER_DEGREE)
    length = km / KM_PER_DEGREE * frame.scale
    x, y = 10.0, frame.height - 10.0
    text = words.km.format(n=km)
    svg = (
        f'<g class="map-scale"><path d="M{x},{y - 5} L{x},{y} L{x + length:.1f},{y} L{x + length:.1f},{y - 5}"/>'
        f'<text x="{x + length + 5:.1f}" y="{y + 1}">{drawn(text)}</text></g>'
    )
    right = text_box(x + length + 5, y + 1, text, "start")[2]
    return svg, (x - 2, y - FONT - 2, right, y + 4)


def _label_svg(label: Label, x: float, y: float) -> str:
    """A label's leader line and text."""
    leader = ""
    if label.leader is not None:
        leader = f'<line class="map-leader" x1="{x}" y1="{y}" x2="{label.leader[0]}" y2="{label.leader[1]}"/>'
    return f'{leader}<text x="{label.x}" y="{label.y}" text-anchor="{label.anchor}">{drawn(label.text)}</text>'


def _map_svg(
    frame: Frame,
    located: Sequence[Place],
    outlines: Sequence[Outline],
    link: Callable[[Place], str],
    *,
    ident: str,
    title: str,
    desc: str,
    highlight: Place | None,
    unlabelled: Sequence[Place] = (),
    box: Frame | None = None,
    words: MapWords = ENGLISH_WORDS,
) -> tuple[str, list[Place]]:
    """One map: the base outlines, a scale bar, a dot per place; labels for all but `unlabelled` (drawn as small
    dots inside `box`, outlined and named, when given). Returns the SVG and the places no label found room for."""
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
    bar, bar_box = scale_bar(frame, words)
    parts.append(bar)
    positions = {p.id: frame.project(p.coordinates.lon, p.coordinates.lat) for p in located if p.coordinates}
    radius = {p.id: (HERE_DOT if p == highlight else DOT) for p in located}
    small = {p.id for p in unlabelled}
    dots = [
        (x - radius[i] - 1, y - radius[i] - 1, x + radius[i] + 1, y + radius[i] + 1)
        for i, (x, y) in positions.items()
        if i not in small
    ]
    taken = [bar_box]
    if box is not None:
        # The inset's outline on the big map, named beside it; the places inside are labelled in the inset.
        left, top = frame.project(box.west, box.north)
        right, bottom = frame.project(box.east, box.south)
        parts.append(
            f'<rect class="map-inset-box" x="{left}" y="{top}" width="{right - left:.1f}" height="{bottom - top:.1f}"/>'
        )
        dots.append((left - 1, top - 1, right + 1, bottom + 1))
    if box is not None:
        centre_x, centre_y = (left + right) / 2, (top + bottom) / 2
        inset_label = Placer(frame.width, frame.height, taken, dots).place(
            centre_x, centre_y, (right - left) / 2 + 1, words.see_inset
        )
        if inset_label is not None:
            parts.append(_label_svg(inset_label, centre_x, centre_y))
    for country, lon, lat in COUNTRY_LABELS:
        if not frame.contains(lon, lat):
            continue
        name = words.countries.get(country, country)
        px, py = frame.project(lon, lat)
        # The chosen point, else a little to its left or below (still well inside the country): a longer name
        # (Arabic) may need the room.
        shifts = ((0, 0), (-FONT, 0), (-2 * FONT, 0), (0, FONT), (-FONT, FONT))
        for x, y in ((round(px + dx, 1), round(py + dy, 1)) for dx, dy in shifts):
            label_box = text_box(x, y, name.upper(), "middle")
            outside = label_box[0] < 0 or label_box[1] < 0 or label_box[2] > frame.width or label_box[3] > frame.height
            if not outside and not any(_overlaps(label_box, b) for b in taken + dots):
                taken.append(label_box)
                parts.append(
                    f'<text class="map-country-name" x="{x}" y="{y}" text-anchor="middle">{drawn(name)}</text>'
                )
                break
    # The highlighted place first, so that its label gets the best position; then north to south. A place left
    # without room goes first in the next round, until every label fits or the rounds run out.
    queue = sorted((p for p in located if p.id not in small), key=lambda p: (p != highlight, positions[p.id][1], p.id))
    labels: dict[str, Label] = {}
    for _round in range(6):
        placer = Placer(frame.width, frame.height, list(taken), dots)
        labels = {}
        missing = []
        for place in queue:
            x, y = positions[place.id]
            label = placer.place(x, y, radius[place.id], words.name(place))
            if label is None:
                missing.append(place)
            else:
                labels[place.id] = label
        if not missing:
            break
        queue = missing + [p for p in queue if p not in missing]
    unplaced = [p for p in located if p.id not in small and p.id not in labels]
    for place in sorted(located, key=lambda p: p.id):
        x, y = positions[place.id]
        mark = "map-place map-here" if place == highlight else "map-place"
        r = 2.5 if place.id in small else radius[place.id]
        label_svg = _label_svg(labels[place.id], x, y) if place.id in labels else ""
        parts.append(
            f'<a href="{escape(link(place))}"><circle class="{mark}" cx="{x}" cy="{y}" r="{r}">'
            f"<title>{escape(words.name(place))}</title></circle>{label_svg}</a>"
        )
    parts.append("</svg>")
    return "".join(parts), unplaced


# A place's map reaches at most this far from it (degrees of latitude, about 33 km), so that it is always drawn
# at a closer scale than the valley map; farther places of its events are named in the caption instead.
PLACE_REACH = 0.3


def place_frame(place: Place, others: Sequence[Place]) -> Frame:
    """A square frame centred on a place, just wide enough for the other places given (at least 5 km, at most
    PLACE_REACH each way)."""
    assert place.coordinates is not None
    lat, lon = place.coordinates.lat, place.coordinates.lon
    cos = math.cos(math.radians(lat))
    reach = [max(abs(o.coordinates.lat - lat), abs(o.coordinates.lon - lon) * cos) for o in others if o.coordinates]
    half = min(max([0.04, *reach]) * 1.2, PLACE_REACH)
    return Frame.around(lon, lat, half, MAP_WIDTH)


def _legend(highlight: Place | None, inset: bool, words: MapWords = ENGLISH_WORDS) -> str:
    """The map's key, as an HTML list with a drawn swatch per symbol."""

    def item(swatch: str, text: str) -> str:
        """One entry of the key."""
        return (
            '<li><svg class="tl-map tl-swatch" viewBox="0 0 24 16" width="24" height="16" aria-hidden="true">'
            f"{swatch}</svg> {words.mixed(escape(text))}</li>"
        )

    items = [item('<circle class="map-place" cx="12" cy="8" r="4.5"/>', words.key_place)]
    if highlight is not None:
        items.append(item('<circle class="map-place map-here" cx="12" cy="8" r="6"/>', words.name(highlight)))
    items += [
        item('<path class="map-river" d="M0,8 L24,8"/>', words.river),
        item('<path class="map-border" d="M0,8 L24,8"/>', words.border),
    ]
    if inset:
        items.append(item('<rect class="map-inset-box" x="3" y="2" width="18" height="12"/>', words.inset_area))
    return f'<ul class="tl-legend" aria-label="{escape(words.key)}">' + "".join(items) + "</ul>"


def map_figure(
    places: Sequence[Place],
    outlines: Sequence[Outline],
    link: Callable[[Place], str],
    *,
    title: str,
    ident: str,
    caption: str,
    highlight: Place | None = None,
    frame: Frame = VALLEY,
    words: MapWords = ENGLISH_WORDS,
) -> str:
    """A figure with a map of the places that have verified coordinates inside the frame, each linked to its page;
    an inset of the Baghuz–Abu Kamal pocket when the map is too small to label it; a key and a caption."""
    located = sorted(
        (p for p in places if p.coordinates and frame.contains(p.coordinates.lon, p.coordinates.lat)),
        key=lambda p: p.id,
    )
    in_pocket = [p for p in located if p.coordinates and POCKET.contains(p.coordinates.lon, p.coordinates.lat)]
    use_inset = frame.scale < INSET_BELOW and len(in_pocket) > 1 and frame != POCKET
    desc = words.showing.format(names=words.names(located)) if located else words.empty
    if highlight is not None:
        desc = words.marked.format(name=words.name(highlight)) + " " + desc
    main, unplaced = _map_svg(
        frame,
        located,
        outlines,
        link,
        ident=ident,
        title=title,
        desc=desc,
        highlight=highlight,
        unlabelled=in_pocket if use_inset else (),
        box=POCKET if use_inset else None,
        words=words,
    )
    svgs = [main]
    if use_inset:
        inset, more = _map_svg(
            POCKET,
            in_pocket,
            outlines,
            link,
            ident=f"{ident}-inset",
            title=words.inset_title,
            desc=words.inset_desc.format(names=words.names(in_pocket)),
            highlight=highlight if highlight in in_pocket else None,
            words=words,
        )
        svgs.append(inset)
        unplaced += more
    note = words.unlabelled.format(names=words.names(unplaced)) if unplaced else ""
    return (
        # Out of the search index: the maps name every place, and every page with one would match every name.
        '<figure class="tl-figure tl-map-figure" data-search-exclude>'
        + "".join(svgs)
        + _legend(highlight, use_inset, words)
        + f"<figcaption>{words.mixed(escape(caption + note))}</figcaption></figure>"
    )


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a chart: its label, its value, and (month charts) a shorter label drawn under the column."""

    label: str
    value: int
    tick: str = ""

    @property
    def axis_label(self) -> str:
        """What is drawn under the column: the short label where there is one."""
        return self.tick or self.label


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
    width, height, base, top, left = MAP_WIDTH, 250, 165, 22, 44
    # Room under the axis for the longest label, rotated by 60 degrees.
    longest = max((len(b.axis_label) for b in bars), default=0)
    height = max(height, math.ceil(base + 14 + CHAR_WIDTH * FONT * longest * math.sin(math.radians(60))))
    most = max((b.value for b in bars), default=0) or 1
    step = (width - left - 6) / max(len(bars), 1)
    parts = [_svg_open(width, height, ident, title, description)]
    parts.append(f'<line class="chart-axis" x1="{left - 2}" y1="{base}" x2="{width - 6}" y2="{base}"/>')
    for index, bar in enumerate(bars):
        x = left + index * step
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
        label_x, label_y = x + step * 0.35 + 4, base + 8
        parts.append(
            f'<text class="chart-label" x="{label_x:.1f}" y="{label_y}" text-anchor="end" '
            f'transform="rotate(-60 {label_x:.1f} {label_y})">{drawn(bar.axis_label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _horizontal_bars(bars: Sequence[Bar], *, title: str, description: str, ident: str) -> str:
    """Rows with the label on the left (category charts)."""
    width, row, left = MAP_WIDTH, 26, 218
    height = row * len(bars) + 10
    most = max((b.value for b in bars), default=0) or 1
    parts = [_svg_open(width, height, ident, title, description)]
    for index, bar in enumerate(bars):
        y = 5 + index * row
        bar_width = (width - left - 40) * bar.value / most
        parts.append(
            f'<text class="chart-label" x="{left - 8}" y="{y + 17}" text-anchor="end">{drawn(bar.label)}</text>'
            f'<rect class="chart-bar" x="{left}" y="{y + 4}" width="{bar_width:.1f}" height="{row - 8}">'
            f"<title>{escape(bar.label)}: {bar.value}</title></rect>"
            f'<text class="chart-value" x="{left + bar_width + 6:.1f}" y="{y + 17}">{bar.value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class RangeRow:
    """One row of a range chart: its label, the range, the text beside the bar, and whether there is a range."""

    label: str
    low: int
    high: int
    note: str
    present: bool


def range_chart(rows: Sequence[RangeRow], *, title: str, description: str, ident: str, label_width: int = 78) -> str:
    """Horizontal ranges on one linear scale: a bar from low to high (at least a tick wide), one row each, with
    `label_width` units for the labels on the left."""
    width, row, left, right = MAP_WIDTH, 26, label_width, 80
    height = row * len(rows) + 30
    most = max((r.high for r in rows if r.present), default=0) or 1
    span = width - left - right
    parts = [_svg_open(width, height, ident, title, description)]
    parts.append(f'<line class="chart-axis" x1="{left}" y1="4" x2="{left}" y2="{height - 24}"/>')
    parts.append(f'<text class="chart-label" x="{left}" y="{height - 6}" text-anchor="middle">0</text>')
    parts.append(f'<text class="chart-label" x="{left + span}" y="{height - 6}" text-anchor="middle">{most:,}</text>')
    for index, item in enumerate(rows):
        y = 4 + index * row
        parts.append(
            f'<text class="chart-label" x="{left - 6}" y="{y + 17}" text-anchor="end">{drawn(item.label)}</text>'
        )
        x_text = left + 5.0
        if item.present:
            x1 = left + span * item.low / most
            x2 = max(left + span * item.high / most, x1 + 3)
            parts.append(
                f'<rect class="chart-bar" x="{x1:.1f}" y="{y + 5}" width="{x2 - x1:.1f}" height="{row - 10}">'
                f"<title>{escape(item.label)}: {escape(item.note)}</title></rect>"
            )
            x_text = x2 + 5
        parts.append(f'<text class="chart-value" x="{x_text:.1f}" y="{y + 17}">{drawn(item.note)}</text>')
    parts.append("</svg>")
    return "".join(parts)


# The overview strip of the timeline colours its columns by these groups of kinds (eleven colours could not be
# told apart); each column's name and the table beside it give the counts.
KIND_GROUPS = (
    ("fighting", "Fighting", ("offensive-launched", "territory-taken", "territory-lost", "clash", "counter-attack",
                              "operational-pause")),
    ("strikes", "Strikes", ("strike",)),
    ("civilians", "Civilian harm and displacement", ("civilian-harm", "displacement")),
    ("statements", "Statements and estimates", ("statement", "estimate")),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class OverviewMonth:
    """One column of the overview: a month, its link, its events by kind group, and its name for screen readers."""

    initial: str
    year: int
    href: str
    counts: tuple[int, ...]
    name: str


def overview_chart(months: Sequence[OverviewMonth], *, ident: str, title: str, description: str) -> str:
    """A compact strip of stacked columns, one link per month, with month initials and years under them."""
    width, base, top = MAP_WIDTH, 74, 4
    height = base + 42
    step = (width - 4) / max(len(months), 1)
    most = max((sum(m.counts) for m in months), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="group" '
        f'aria-labelledby="{ident}-title {ident}-desc" class="tl-chart tl-overview">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(description)}</desc>'
    ]
    previous_year = None
    for index, month in enumerate(months):
        x = 2 + index * step
        y = float(base)
        column = [f'<a href="{escape(month.href)}" aria-label="{escape(month.name)}">']
        column.append(f'<rect class="ov-hit" x="{x:.1f}" y="0" width="{step:.1f}" height="{base + 20}"/>')
        for (group, _label, _kinds), count in zip(KIND_GROUPS, month.counts, strict=True):
            if not count:
                continue
            h = (base - top) * count / most
            y -= h
            column.append(
                f'<rect class="ov-{group}" x="{x + 1:.1f}" y="{y:.1f}" width="{step - 2:.1f}" height="{h:.1f}"/>'
            )
        column.append(
            f'<text class="chart-label" x="{x + step / 2:.1f}" y="{base + 16}" text-anchor="middle">'
            f"{drawn(month.initial)}</text>"
        )
        column.append("</a>")
        parts.append("".join(column))
        if month.year != previous_year:
            parts.append(f'<text class="chart-label ov-year" x="{x + 3:.1f}" y="{base + 36}">{month.year}</text>')
            parts.append(f'<line class="chart-axis" x1="{x:.1f}" y1="{base + 20}" x2="{x:.1f}" y2="{base + 38}"/>')
            previous_year = month.year
    parts.append(f'<line class="chart-axis" x1="0" y1="{base}" x2="{width}" y2="{base}"/>')
    parts.append("</svg>")
    return "".join(parts)


def overview_legend(labels: Mapping[str, str] | None = None, name: str = "Colours of the overview") -> str:
    """The overview's key: a swatch per group of kinds (`labels` gives a group's words in the page's language)."""
    words = labels or {}
    items = "".join(
        f'<li><svg class="tl-chart tl-swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">'
        f'<rect class="ov-{group}" x="1" y="1" width="14" height="14"/></svg> {escape(words.get(group, label))}</li>'
        for group, label, _kinds in KIND_GROUPS
    )
    return f'<ul class="tl-legend" aria-label="{escape(name)}">{items}</ul>'


def describe_bars(bars: Sequence[Bar], unit: str, empty: str | None = None) -> str:
    """A one-sentence text alternative: the largest values first (`empty` when there are none)."""
    ranked = sorted((b for b in bars if b.value), key=lambda b: (-b.value, b.label))
    listed = "; ".join(f"{b.label}: {b.value}" for b in ranked)
    if listed:
        return f"{unit} {listed}."
    return empty if empty is not None else f"No {unit.lower()}."
