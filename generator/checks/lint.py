"""The warnings tier: likely mistakes that do not stop a build (W1xx). Never raises on bad data.

Each check reads the loaded documents defensively, like validate: a file with errors still gets the warnings
that can be computed from what is well-formed in it.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import defaultdict
from collections.abc import Collection, Iterator
from datetime import date
from itertools import combinations
from typing import Any

from generator.input import dates
from generator.input.load import Document, Tree
from generator.problems import Problem

# A figure as sources write it: 2,500 or 2500. Only from the start of a run of digits: a search that tried every
# digit of a 3,000-digit note as a start, each backtracking over the rest, took seconds (tests/test_dos.py).
_NUMBER = r"(?<![\d,])(?:\d{1,3}(?:,\d{3})+|\d+)"
# 'between 2,500 and 3,000', '2,500 to 3,000', '2,500–3,000' (hyphen, en or em dash).
_RANGE = re.compile(rf"between\s+({_NUMBER})\s+and\s+({_NUMBER})|({_NUMBER})\s*(?:to|-|–|—)\s*({_NUMBER})", re.I)
# Wording that gives only the upper or only the lower end of a range.
_ONLY_MAX = re.compile(rf"\b(?:up to|as many as|at most|no more than)\s+({_NUMBER})", re.I)
_ONLY_MIN = re.compile(rf"\b(?:at least|more than|over|upwards of)\s+({_NUMBER})", re.I)


def _number(text: str) -> int:
    """'2,500' -> 2500."""
    return int(text.replace(",", ""))


def _int(value: Any) -> int | None:
    """A claim bound as validated data: an int (not a bool), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _claims(doc: Document) -> Iterator[tuple[int, dict[str, Any]]]:
    """Every claim mapping of an event with its 0-based index."""
    claims = doc.data.get("claims")
    for index, claim in enumerate(claims if isinstance(claims, list) else []):
        if isinstance(claim, dict):
            yield index, claim


def _range_mismatch(low: int | None, high: int | None, note: str) -> tuple[str, str] | None:
    """(what the note says, what to write) when the note's wording gives another range than min/max."""
    figures = {v for v in (low, high) if v is not None}
    if low is None or high is None or low == high:
        for match in _RANGE.finditer(note):
            first, second = (_number(g) for g in match.groups() if g is not None)
            if first < second and figures & {first, second}:
                return f"'{match[0]}'", f"min: {first} and max: {second}"
    for pattern, wanted, bound in ((_ONLY_MAX, (None, "x"), "max"), (_ONLY_MIN, ("x", None), "min")):
        for match in pattern.finditer(note):
            value = _number(match[1])
            given = (low, high)
            # The wording names this claim's figure but the claim has the other end too, or only the other end.
            if value in figures and any((w is None) != (g is None) for w, g in zip(wanted, given, strict=True)):
                return f"'{match[0]}'", f"only {bound}: {value}"
    return None


def claim_range_problems(doc: Document) -> list[Problem]:
    """A claim whose note words the figure as another range than its min and max give (W103)."""
    found = []
    for index, claim in _claims(doc):
        note = claim.get("note")
        low, high = _int(claim.get("min")), _int(claim.get("max"))
        if not isinstance(note, str) or (low is None and high is None):
            continue
        mismatch = _range_mismatch(low, high, note)
        if mismatch is not None:
            said, wanted = mismatch
            given = " and ".join(f"{k}: {v}" for k, v in (("min", low), ("max", high)) if v is not None)
            found.append(
                doc.problem(
                    ("claims", index, "min" if low is not None else "max"),
                    "W103",
                    f"claims[{index + 1}] gives {given}, but its note says {said}",
                    f"Write {wanted}, as the source words it.",
                )
            )
    return found


def archive_problems(doc: Document) -> list[Problem]:
    """A source with a link but no archived copy (W102, advisory)."""
    found = []
    sources = doc.data.get("sources")
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(source, dict) and isinstance(source.get("url"), str) and not source.get("archive_url"):
            found.append(
                doc.problem(("sources", index, "url"), "W102", f"sources[{index + 1}] has a url but no archive_url")
            )
    return found


def _places_without_coordinates(tree: Tree) -> set[str]:
    """Ids of registry places that have no coordinates."""
    data = tree.places.data if tree.places is not None else {}
    return {k for k, v in data.items() if isinstance(v, dict) and not v.get("coordinates")}


def unplaced_problems(doc: Document, unplaced: set[str]) -> list[Problem]:
    """An event at a place the maps cannot show (W104, advisory)."""
    found = []
    places = doc.data.get("places")
    for index, place in enumerate(places if isinstance(places, list) else []):
        if isinstance(place, str) and place in unplaced:
            message = f"place '{place}' has no coordinates, so the maps cannot show this event there"
            found.append(doc.problem(("places", index), "W104", message))
    return found


def _dated(doc: Document) -> dates.FuzzyDate | None:
    """The event's parsed date, or None when it is missing or invalid (validate reports that)."""
    text = doc.data.get("date")
    try:
        return dates.parse(text) if isinstance(text, str) else None
    except dates.DateError:
        return None


def _related(doc: Document) -> set[str]:
    """The ids an event lists under related."""
    related = doc.data.get("related")
    return {r for r in related if isinstance(r, str)} if isinstance(related, list) else set()


# A file gets at most this many W101 warnings; beyond, one more says there are further candidates. Real data has
# groups of hundreds of events of one kind at one place in one season: naming every pair is quadratic in output.
DUPLICATE_LIMIT = 5


def _duplicate_groups(
    events: tuple[Document, ...],
) -> tuple[dict[tuple[str, str], list[Document]], dict[str, dates.FuzzyDate]]:
    """Events of one kind at one place, by (kind, place), and each dated event's parsed date by path."""
    by_kind_place: dict[tuple[str, str], list[Document]] = defaultdict(list)
    parsed: dict[str, dates.FuzzyDate] = {}
    for doc in events:
        kind, places, when = doc.data.get("kind"), doc.data.get("places"), _dated(doc)
        if not isinstance(kind, str) or not isinstance(places, list) or when is None:
            continue
        parsed[doc.path] = when
        for place in sorted({p for p in places if isinstance(p, str)}):
            by_kind_place[(kind, place)].append(doc)
    return by_kind_place, parsed


def _linked(first: Document, second: Document) -> bool:
    """Listing each other under related says they were told apart on purpose."""
    ids = {i for i in (first.data.get("id"), second.data.get("id")) if isinstance(i, str)}
    return bool(ids & (_related(first) | _related(second)))


def duplicate_problems(events: tuple[Document, ...], limit: int | None = DUPLICATE_LIMIT) -> list[Problem]:
    """Two events of one kind at one place with overlapping dates (W101), reported once, on the later file.

    A sweep over each (kind, place) group in start order keeps the events whose dates are still open; an event
    overlaps exactly the open ones. Each file collects at most `limit` partners (the first the sweep meets), so
    the work is n log n plus n times the limit however crowded a group is; `limit=None` names every pair."""
    by_kind_place, parsed = _duplicate_groups(events)
    rank = {path: i for i, path in enumerate(sorted(parsed))}
    cap = limit if limit is not None else len(rank)
    partners: dict[str, list[tuple[Document, str]]] = defaultdict(list)  # later file -> (earlier file, place)
    seen: set[tuple[str, str]] = set()
    more: dict[str, str] = {}  # a file with more than `cap` partners -> the place of the first one left out

    def pair(first: Document, second: Document, place: str) -> bool:
        """Record first (the earlier path) as a partner of second; False when second is already full."""
        key = (first.path, second.path)
        if key in seen or _linked(first, second):
            return True
        mine = partners[second.path]
        if len(mine) >= cap:
            more.setdefault(second.path, place)
            return False
        seen.add(key)
        mine.append((first, place))
        return True

    for (_, place), docs in sorted(by_kind_place.items()):
        ordered = sorted(docs, key=lambda d: (parsed[d.path].start, rank[d.path]))
        closing: list[tuple[date, int]] = []  # heap of (end, rank) of the open events
        open_by_rank: list[int] = []  # ranks of the open events, sorted
        open_docs: dict[int, Document] = {}
        receiving: list[int] = []  # ranks of the open events that can still take a partner, sorted
        for doc in ordered:
            when, here = parsed[doc.path], rank[doc.path]
            while closing and closing[0][0] < when.start:
                _, gone = heapq.heappop(closing)
                del open_by_rank[bisect.bisect_left(open_by_rank, gone)]
                where = bisect.bisect_left(receiving, gone)
                if where < len(receiving) and receiving[where] == gone:
                    del receiving[where]
                del open_docs[gone]
            # Earlier files among the open events are this file's partners, the earliest first, up to the cap.
            for other in open_by_rank:
                if other >= here or not pair(open_docs[other], doc, place):
                    break
            # This file is a partner of the later files among the open events that still take one.
            position = bisect.bisect_right(receiving, here)
            while position < len(receiving):
                other = receiving[position]
                if pair(doc, open_docs[other], place):
                    position += 1
                else:
                    del receiving[position]
            heapq.heappush(closing, (when.end, here))
            bisect.insort(open_by_rank, here)
            bisect.insort(receiving, here)
            open_docs[here] = doc
    found = []
    by_path = {doc.path: doc for doc in events}
    for path, mine in partners.items():
        second = by_path[path]
        for first, place in mine:
            found.append(
                second.problem(
                    ("date",),
                    "W101",
                    f"may describe the same event as {first.path}: both {second.data['kind']} at '{place}', "
                    f"dates {parsed[second.path].text} and {parsed[first.path].text} overlap",
                )
            )
        if path in more:
            found.append(
                second.problem(
                    ("date",),
                    "W101",
                    f"may describe the same event as more than {cap} other files: {second.data['kind']} at "
                    f"'{more[path]}' with dates overlapping {parsed[path].text}; only the first {cap} are named",
                )
            )
    return found


def duplicate_problems_pairwise(events: tuple[Document, ...]) -> list[Problem]:
    """W101 by comparing every pair in a group: the reference the sweep is tested against (quadratic)."""
    by_kind_place, parsed = _duplicate_groups(events)
    pairs: dict[tuple[str, str], tuple[Document, Document, str]] = {}
    for (_, place), docs in sorted(by_kind_place.items()):
        for first, second in combinations(sorted(docs, key=lambda d: d.path), 2):
            a, b = parsed[first.path], parsed[second.path]
            if a.start <= b.end and b.start <= a.end and not _linked(first, second):
                pairs.setdefault((first.path, second.path), (first, second, place))
    return [
        second.problem(
            ("date",),
            "W101",
            f"may describe the same event as {first.path}: both {second.data['kind']} at '{place}', "
            f"dates {parsed[second.path].text} and {parsed[first.path].text} overlap",
        )
        for first, second, place in pairs.values()
    ]


def _groups_of(doc: Document) -> set[tuple[str, str]]:
    """The (kind, place) groups an event belongs to."""
    kind, places = doc.data.get("kind"), doc.data.get("places")
    if not isinstance(kind, str) or not isinstance(places, list):
        return set()
    return {(kind, p) for p in places if isinstance(p, str)}


def lint_touching(tree: Tree, paths: Collection[str]) -> list[Problem]:
    """The warnings that concern the files in `paths` (the live preview's edited files): their own, and W101
    between them and the events that share a kind and a place with them."""
    mine = [doc for doc in tree.events if doc.path in paths]
    groups = set().union(*(_groups_of(doc) for doc in mine))
    mates = tuple(doc for doc in tree.events if _groups_of(doc) & groups)
    found = [p for p in duplicate_problems(mates) if p.path in paths or any(path in p.message for path in paths)]
    unplaced = _places_without_coordinates(tree)
    for doc in mine:
        found += archive_problems(doc) + claim_range_problems(doc) + unplaced_problems(doc, unplaced)
    return sorted(set(found))


def lint(tree: Tree, skip: Collection[str] = ()) -> list[Problem]:
    """Every warning in the tree, sorted by file and position, leaving out the event files named in `skip`."""
    events = tuple(doc for doc in tree.events if doc.path not in skip)
    unplaced = _places_without_coordinates(tree)
    found = duplicate_problems(events)
    for doc in events:
        found += archive_problems(doc) + claim_range_problems(doc) + unplaced_problems(doc, unplaced)
    return sorted(set(found))
