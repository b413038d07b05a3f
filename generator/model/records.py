"""Typed, immutable records of the timeline, built from validated mappings. Templates only ever see these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.input import dates
from generator.input.dates import FuzzyDate
from generator.input.schema import labels

CIVILIANS = "civilians"
# Civilians counted apart by the source ("including 3 children"): subsets of the civilians, not added to them.
CHILDREN = "children"
WOMEN = "women"
# For figures that do not separate fighters from civilians ("up to 80 killed").
PEOPLE = "people"
GROUPS = (CIVILIANS, CHILDREN, WOMEN, PEOPLE)
# Whom a claim about civilians may be about: the civilians, or the children or women among them.
CIVILIAN_GROUPS = (CIVILIANS, CHILDREN, WOMEN)
# What `civilian_harm.blamed` holds when the sources name no belligerent.
UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Coordinates:
    """A verified point, how precise it is, and where it was read."""

    lat: float
    lon: float
    precision: str
    source: str

    @property
    def precision_label(self) -> str:
        """What the point stands for, in words."""
        return labels("place.coordinates.precision")[self.precision]


@dataclass(frozen=True, slots=True)
class Place:
    """A place from the registry, with every spelling readers may search for."""

    id: str
    name: str
    aliases: tuple[str, ...]
    name_ar: str | None
    admin_area: str | None
    description: str | None
    coordinates: Coordinates | None
    adm_1: str | None = None
    adm_2: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A party to the campaign."""

    id: str
    name: str
    short_name: str
    aliases: tuple[str, ...]
    name_ar: str | None
    description: str
    parent: str | None


@dataclass(frozen=True, slots=True)
class Phase:
    """A phase of the campaign, in campaign order."""

    id: str
    name: str
    name_ar: str | None
    start: FuzzyDate
    end: FuzzyDate | None
    description: str
    order: int

    @property
    def label(self) -> str:
        """The phase's dates in words."""
        if self.end is None:
            return f"from {self.start.label}"
        return f"{self.start.label} – {self.end.label}"


@dataclass(frozen=True, slots=True)
class Source:
    """One source an event cites, numbered from 1 in the order the file lists them."""

    number: int
    publisher: str
    title: str | None
    url: str | None
    archive_url: str | None
    published: FuzzyDate | None
    language: str | None
    stance: str | None

    @property
    def stance_label(self) -> str | None:
        """The outlet's side in words, if it has one."""
        return labels("source.stance")[self.stance] if self.stance else None


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure attributed to whoever claims it, kept as a range."""

    what: str
    about: str
    min: int | None
    max: int | None
    unit: str
    by: str
    source: int
    note: str | None

    @property
    def what_label(self) -> str:
        """What is counted, in words."""
        return labels("claim.what")[self.what]

    @property
    def unit_label(self) -> str:
        """The unit in words ('' for people)."""
        return labels("claim.unit")[self.unit]


@dataclass(frozen=True, slots=True)
class Assessment:
    """One grading of a civilian-harm incident, attributed to whoever graded it."""

    by: str
    grade: str
    source: int
    published: FuzzyDate | None
    note: str | None

    @property
    def grade_label(self) -> str:
        """The grade in words."""
        return labels("assessment.grade")[self.grade]


@dataclass(frozen=True, slots=True)
class CivilianHarm:
    """Who is blamed for harm to civilians, and how the incident was graded."""

    blamed: tuple[str, ...]
    assessments: tuple[Assessment, ...]

    @property
    def unknown(self) -> bool:
        """True when the sources name no belligerent."""
        return self.blamed == (UNKNOWN,)

    @property
    def contested(self) -> bool:
        """True when two or more belligerents are blamed: the sources contest who caused the harm."""
        return len(self.blamed) > 1


@dataclass(frozen=True, slots=True)
class ArabicText:
    """An event's text in Arabic, beside the English, and whether a fluent reader has reviewed it."""

    title: str
    summary: str
    confidence_note: str | None
    reviewed: bool


@dataclass(frozen=True, slots=True)
class Event:
    """One event of the timeline, with its derived date."""

    id: str
    path: str
    title: str
    date: FuzzyDate
    kind: str
    phase: str
    places: tuple[str, ...]
    actors: tuple[str, ...]
    summary: str
    claims: tuple[Claim, ...]
    civilian_harm: CivilianHarm | None
    confidence: str
    confidence_note: str | None
    sources: tuple[Source, ...]
    related: tuple[str, ...]
    tags: tuple[str, ...]
    ar: ArabicText | None = None

    @property
    def year(self) -> int:
        """The year the event starts in."""
        return self.date.start.year

    @property
    def harms_civilians(self) -> bool:
        """True for the civilian-harm view: an event of kind civilian-harm, or with any claim about civilians."""
        return self.kind == "civilian-harm" or any(c.about in CIVILIAN_GROUPS for c in self.claims)

    @property
    def kind_label(self) -> str:
        """The kind in words."""
        return labels("kind")[self.kind]

    @property
    def confirmed(self) -> bool:
        """True when the sources confirm the event; lists mark a reported or disputed one as such."""
        return self.confidence == "confirmed"

    @property
    def disputed(self) -> bool:
        """True when the event's facts or dates are disputed (its confidence note says what: E035)."""
        return self.confidence == "disputed"

    @property
    def confidence_label(self) -> str:
        """The confidence in words."""
        return labels("confidence")[self.confidence]

    @property
    def sort_key(self) -> tuple[str, str, str]:
        """Date order, ties broken by id so the order never depends on file-system order."""
        return (*self.date.sort_key, self.id)


def _texts(value: Any) -> tuple[str, ...]:
    """A list of strings from validated data, or an empty tuple."""
    return tuple(value or ())


def place_from(place_id: str, data: dict[str, Any]) -> Place:
    """Build a Place from its validated registry entry."""
    coords = data.get("coordinates")
    return Place(
        id=place_id,
        name=data["name"],
        aliases=_texts(data.get("aliases")),
        name_ar=data.get("name_ar"),
        admin_area=data.get("admin_area"),
        description=data.get("description"),
        coordinates=Coordinates(float(coords["lat"]), float(coords["lon"]), coords["precision"], coords["source"])
        if coords
        else None,
        adm_1=data.get("adm_1"),
        adm_2=data.get("adm_2"),
    )


def actor_from(actor_id: str, data: dict[str, Any]) -> Actor:
    """Build an Actor from its validated registry entry."""
    return Actor(
        id=actor_id,
        name=data["name"],
        short_name=data.get("short_name", data["name"]),
        aliases=_texts(data.get("aliases")),
        name_ar=data.get("name_ar"),
        description=data["description"],
        parent=data.get("parent"),
    )


def phase_from(phase_id: str, data: dict[str, Any], order: int) -> Phase:
    """Build a Phase from its validated registry entry."""
    end = data.get("end")
    return Phase(
        id=phase_id,
        name=data["name"],
        name_ar=data.get("name_ar"),
        start=dates.parse(data["start"]),
        end=dates.parse(end) if end else None,
        description=data["description"],
        order=order,
    )


def _date_or_none(text: str | None) -> FuzzyDate | None:
    """An optional EDTF field, parsed."""
    return dates.parse(text) if text else None


def civilian_harm_from(data: dict[str, Any] | None) -> CivilianHarm | None:
    """Build the civilian-harm record of an event from its validated mapping, if it has one."""
    if data is None:
        return None
    assessments = tuple(
        Assessment(
            by=item["by"],
            grade=item["grade"],
            source=item["source"],
            published=_date_or_none(item.get("published")),
            note=item.get("note"),
        )
        for item in data.get("assessments", ())
    )
    return CivilianHarm(blamed=_texts(data["blamed"]), assessments=assessments)


def event_from(data: dict[str, Any], path: str) -> Event:
    """Build an Event from its validated mapping."""
    sources = tuple(
        Source(
            number=index,
            publisher=source["publisher"],
            title=source.get("title"),
            url=source.get("url"),
            archive_url=source.get("archive_url"),
            published=dates.parse(source["published"]) if source.get("published") else None,
            language=source.get("language"),
            stance=source.get("stance"),
        )
        for index, source in enumerate(data["sources"], start=1)
    )
    claims = tuple(
        Claim(
            what=claim["what"],
            about=claim["about"],
            min=claim.get("min"),
            max=claim.get("max"),
            unit=claim.get("unit", "people"),
            by=claim["by"],
            source=claim["source"],
            note=claim.get("note"),
        )
        for claim in data.get("claims", ())
    )
    return Event(
        id=data["id"],
        path=path,
        title=data["title"],
        date=dates.parse(data["date"]),
        kind=data["kind"],
        phase=data["phase"],
        places=_texts(data.get("places")),
        actors=_texts(data.get("actors")),
        summary=data["summary"],
        claims=claims,
        civilian_harm=civilian_harm_from(data.get("civilian_harm")),
        confidence=data["confidence"],
        confidence_note=data.get("confidence_note"),
        sources=sources,
        related=_texts(data.get("related")),
        tags=_texts(data.get("tags")),
        ar=arabic_from(data.get("ar")),
    )


def arabic_from(data: dict[str, Any] | None) -> ArabicText | None:
    """An event's validated `ar` block as ArabicText, or None when it has none."""
    if not data:
        return None
    return ArabicText(
        title=data["title"],
        summary=data["summary"],
        confidence_note=data.get("confidence_note"),
        reviewed=data.get("review") == "reviewed",
    )
