"""The indexed data set: every record, sorted, with the lookups pages need (by place, actor, phase, month)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.input import dates
from generator.input.dates import MONTH_NAMES, Precision
from generator.input.load import Tree
from generator.model.records import (
    CIVILIAN_GROUPS,
    GROUPS,
    UNKNOWN,
    Actor,
    Claim,
    Event,
    Phase,
    Place,
    actor_from,
    event_from,
    phase_from,
    place_from,
)


@dataclass(frozen=True, slots=True)
class Figures:
    """Counts shown on the home page, computed from the data."""

    events: int
    citations: int
    publishers: int
    claims: int
    places: int
    located_places: int
    actors: int
    phases: int
    disputed: int
    imprecise: int


@dataclass(frozen=True, slots=True)
class CivilianMonth:
    """One month of the civilian-harm chart: its events, and the single largest claim of civilians killed.

    The month's figure is one claim by one claimant about one event, shown as the range it was given in: figures
    of different claimants or incidents are never added up, which would make a precision no source has."""

    key: str
    label: str
    events: int
    claims: int
    largest: tuple[Event, Claim] | None

    @property
    def low(self) -> int:
        """The largest claim's lower bound (0 for 'up to N')."""
        return claim_bounds(self.largest[1])[0] if self.largest else 0

    @property
    def high(self) -> int:
        """The largest claim's upper bound (its lower bound for 'at least N')."""
        return claim_bounds(self.largest[1])[1] if self.largest else 0


def claim_bounds(claim: Claim) -> tuple[int, int]:
    """A claim as (low, high): 'up to N' is 0–N, 'at least N' is N–N (nothing above N is claimed)."""
    low = claim.min if claim.min is not None else 0
    high = claim.max if claim.max is not None else low
    return low, high


def civilian_deaths(event: Event) -> list[Claim]:
    """The event's claims of civilians (or children or women among them) killed, counted in people."""
    return [c for c in event.claims if c.what == "killed" and c.about in CIVILIAN_GROUPS and c.unit == "people"]


@dataclass(frozen=True)
class Catalog:
    """Everything the renderer needs, derived once from validated data."""

    events: tuple[Event, ...]
    places: dict[str, Place]
    actors: dict[str, Actor]
    phases: dict[str, Phase]
    by_id: dict[str, Event] = field(init=False)
    by_place: dict[str, tuple[Event, ...]] = field(init=False)
    by_actor: dict[str, tuple[Event, ...]] = field(init=False)
    by_phase: dict[str, tuple[Event, ...]] = field(init=False)
    position: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        """Build the indexes from the sorted events."""
        by_place: dict[str, list[Event]] = defaultdict(list)
        by_actor: dict[str, list[Event]] = defaultdict(list)
        by_phase: dict[str, list[Event]] = defaultdict(list)
        for event in self.events:
            for place_id in event.places:
                by_place[place_id].append(event)
            for actor_id in event.actors:
                by_actor[actor_id].append(event)
            by_phase[event.phase].append(event)
        object.__setattr__(self, "by_id", {e.id: e for e in self.events})
        object.__setattr__(self, "by_place", {k: tuple(by_place.get(k, ())) for k in self.places})
        object.__setattr__(self, "by_actor", {k: tuple(by_actor.get(k, ())) for k in self.actors})
        object.__setattr__(self, "by_phase", {k: tuple(by_phase.get(k, ())) for k in self.phases})
        object.__setattr__(self, "position", {e.id: i for i, e in enumerate(self.events)})

    def previous(self, event: Event) -> Event | None:
        """The event before this one in time."""
        index = self.position[event.id]
        return self.events[index - 1] if index > 0 else None

    def next(self, event: Event) -> Event | None:
        """The event after this one in time."""
        index = self.position[event.id]
        return self.events[index + 1] if index + 1 < len(self.events) else None

    def who(self, actor_id: str) -> str:
        """How a claim names whom it is about: the actor's short name, or the group ('civilians', 'people')."""
        return actor_id if actor_id in GROUPS else self.actors[actor_id].short_name

    def blamed_name(self, actor_id: str) -> str:
        """How a civilian-harm record names a suspected belligerent: its short name, or 'unknown'."""
        return actor_id if actor_id == UNKNOWN else self.actors[actor_id].short_name

    def figures(self) -> Figures:
        """The data set in numbers."""
        return Figures(
            events=len(self.events),
            citations=sum(len(e.sources) for e in self.events),
            publishers=len({s.publisher for e in self.events for s in e.sources}),
            claims=sum(len(e.claims) for e in self.events),
            places=len(self.places),
            located_places=sum(1 for p in self.places.values() if p.coordinates),
            actors=len(self.actors),
            phases=len(self.phases),
            disputed=sum(1 for e in self.events if e.disputed),
            imprecise=sum(1 for e in self.events if e.date.precision is not Precision.DAY or e.date.is_interval),
        )

    def month_counts(self) -> list[tuple[str, int]]:
        """('2017-09', n) for every month from the first event's to the last's, empty months included.

        Events known only to the year are left out: they belong to no month."""
        counts: dict[tuple[int, int], int] = defaultdict(int)
        for event in self.events:
            if event.date.first.month is not None:
                counts[(event.date.first.year, event.date.first.month)] += 1
        if not counts:
            return []
        (year, month), last = min(counts), max(counts)
        months = []
        while (year, month) <= last:
            months.append((f"{year}-{month:02d}", counts.get((year, month), 0)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months

    def events_per_month(self) -> list[tuple[str, int]]:
        """('Sep 2017', n) for every month from the first event's to the last's (see month_counts)."""
        return [(f"{MONTH_NAMES[int(key[5:]) - 1][:3]} {key[:4]}", n) for key, n in self.month_counts()]

    def kind_counts(self) -> list[tuple[str, int]]:
        """(kind, n) for every kind in use."""
        counts: dict[str, int] = defaultdict(int)
        for event in self.events:
            counts[event.kind] += 1
        return sorted(counts.items())

    def events_per_kind(self) -> list[tuple[str, int]]:
        """(kind label, n) for every kind in use, most frequent first."""
        counts: dict[str, int] = defaultdict(int)
        for event in self.events:
            counts[event.kind_label] += 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def latest(self, n: int) -> list[Event]:
        """The last `n` events in time, newest first."""
        return list(reversed(self.events[-n:])) if n > 0 else []

    def unlocated_places(self) -> list[Place]:
        """The places without verified coordinates, which no map shows, in the registry's order."""
        return [place for place in self.places.values() if place.coordinates is None]

    @property
    def civilian_events(self) -> tuple[Event, ...]:
        """The civilian-harm view: events of kind civilian-harm or with a claim about civilians, in date order."""
        return tuple(e for e in self.events if e.harms_civilians)

    def civilian_deaths_per_month(self) -> list[CivilianMonth]:
        """Per month from the first civilian-harm event's to the last's: its events and its largest claim of
        civilians killed (events known only to the year belong to no month and are left out)."""
        months: dict[tuple[int, int], list[Event]] = defaultdict(list)
        for event in self.civilian_events:
            if event.date.first.month is not None:
                months[(event.date.first.year, event.date.first.month)].append(event)
        if not months:
            return []
        (year, month), last = min(months), max(months)
        rows = []
        while (year, month) <= last:
            events = months.get((year, month), [])
            claims = [(e, c) for e in events for c in civilian_deaths(e)]
            # Highest upper bound first, then highest lower bound; ties go to the earlier event, listed first.
            largest = max(claims, key=lambda ec: claim_bounds(ec[1]), default=None)
            label = f"{MONTH_NAMES[month - 1][:3]} {year}"
            rows.append(CivilianMonth(f"{year}-{month:02d}", label, len(events), len(claims), largest))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return rows

    def children(self, actor: Actor) -> list[Actor]:
        """The actors whose parent is this one, by name."""
        return sorted((a for a in self.actors.values() if a.parent == actor.id), key=lambda a: a.name)


def build_catalog(tree: Tree, made: Mapping[str, Event] | None = None) -> Catalog:
    """Turn a validated tree into a Catalog; call only when validation found no errors.

    `made` holds events already built from unchanged files, by path (the live preview's catalog after an edit)."""
    assert tree.places is not None and tree.actors is not None and tree.phases is not None
    known = made or {}
    events = sorted(
        (known.get(doc.path) or event_from(doc.data, doc.path) for doc in tree.events), key=lambda e: e.sort_key
    )
    places = {k: place_from(k, v) for k, v in sorted(tree.places.data.items())}
    actors = {k: actor_from(k, v) for k, v in sorted(tree.actors.data.items())}
    ordered = sorted(tree.phases.data.items(), key=lambda item: (dates.parse(item[1]["start"]).sort_key, item[0]))
    phases = {k: phase_from(k, v, i) for i, (k, v) in enumerate(ordered)}
    return Catalog(tuple(events), places, actors, phases)
