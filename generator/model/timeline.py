"""How the timeline is cut into pages: one page while it is small, then a page per phase, then per month, so
that no page grows without bound as the data set does."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import groupby

from generator.input.dates import MONTH_NAMES, Precision
from generator.model.catalog import Catalog
from generator.model.records import Event, Phase
from generator.output import urls

# A timeline page holds at most this many events (about 1 KB of HTML each, well under 500 KB a page).
PAGE_LIMIT = 300
INDEX_PATH = urls.TIMELINE_INDEX


@dataclass(frozen=True, slots=True)
class MonthGroup:
    """The events of one phase that start in one month (or one year, when the month is unknown)."""

    label: str
    events: tuple[Event, ...]
    # The month as '2018-09' ('2018-00' when only the year is known), for another edition's words.
    key: str = ""
    # False when an earlier phase on the same page has this month too: the month's anchor (the target of the
    # overview's links) stands before its first group on the page only.
    first_of_month: bool = True


@dataclass(frozen=True, slots=True)
class PhaseGroup:
    """The events of one phase on a page, by month."""

    phase: Phase
    months: tuple[MonthGroup, ...]


@dataclass(frozen=True, slots=True)
class TimelinePage:
    """One page of the timeline."""

    path: str
    title: str
    phases: tuple[PhaseGroup, ...]
    # What the title names, for another edition's words: the phase (None for the whole timeline), the month key
    # ('2018-09') of a phase's month page, and (number, of) when a month is split into parts.
    phase: Phase | None = None
    key: str | None = None
    part: tuple[int, int] | None = None

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event on the page, in page order."""
        return tuple(e for group in self.phases for month in group.months for e in month.events)

    @property
    def is_index(self) -> bool:
        """True for timeline/index.md, the page of the whole timeline while it fits on one (else the overview of
        the timeline's pages stands there)."""
        return self.path == INDEX_PATH


def month_key(event: Event) -> str:
    """'2018-09' for the month an event starts in; '2018-00' when only its year is known (sorts first)."""
    start = event.date.first
    return f"{start.year}-00" if start.precision is Precision.YEAR else f"{start.year}-{start.month:02d}"


def month_label(key: str) -> str:
    """'September 2018', or '2018, month unknown'."""
    year, month = key.split("-")
    return f"{year}, month unknown" if month == "00" else f"{MONTH_NAMES[int(month) - 1]} {year}"


def _months(events: Iterable[Event]) -> tuple[MonthGroup, ...]:
    """Group date-ordered events by start month."""
    ordered = sorted(events, key=lambda e: (month_key(e), e.sort_key))
    return tuple(MonthGroup(month_label(k), tuple(group), k) for k, group in groupby(ordered, key=month_key))


def _phase_groups(catalog: Catalog, events: Sequence[Event]) -> tuple[PhaseGroup, ...]:
    """Group events by phase (in campaign order), then by month."""
    wanted = {e.id for e in events}
    groups = []
    seen: set[str] = set()
    for phase in catalog.phases.values():
        mine = [e for e in catalog.by_phase[phase.id] if e.id in wanted]
        if mine:
            months = tuple(m if m.key not in seen else replace(m, first_of_month=False) for m in _months(mine))
            seen.update(m.key for m in months)
            groups.append(PhaseGroup(phase, months))
    return tuple(groups)


def _chunks(events: Sequence[Event], size: int) -> list[Sequence[Event]]:
    """Consecutive slices of at most `size` events."""
    return [events[i : i + size] for i in range(0, len(events), size)]


def timeline_pages(catalog: Catalog, limit: int = PAGE_LIMIT) -> list[TimelinePage]:
    """The pages of the timeline: everything on timeline/index.md while it fits, else split by phase and month."""
    if len(catalog.events) <= limit:
        return [TimelinePage(INDEX_PATH, "Timeline", _phase_groups(catalog, catalog.events))]
    pages = []
    for phase in catalog.phases.values():
        events = catalog.by_phase[phase.id]
        if not events:
            continue
        if len(events) <= limit:
            group = (PhaseGroup(phase, _months(events)),)
            pages.append(TimelinePage(urls.timeline_phase_path(phase.id), phase.name, group, phase))
            continue
        for key, month_events in groupby(sorted(events, key=lambda e: (month_key(e), e.sort_key)), key=month_key):
            parts = _chunks(list(month_events), limit)
            for number, part in enumerate(parts, start=1):
                title = f"{phase.name}: {month_label(key)}"
                if len(parts) > 1:
                    title += f" (part {number} of {len(parts)})"
                path = urls.timeline_month_path(phase.id, key, number if len(parts) > 1 else None)
                of = (number, len(parts)) if len(parts) > 1 else None
                pages.append(TimelinePage(path, title, (PhaseGroup(phase, _months(part)),), phase, key, of))
    return pages


def page_of_event(pages: Iterable[TimelinePage]) -> dict[str, TimelinePage]:
    """Which timeline page lists each event."""
    return {event.id: page for page in pages for event in page.events}
