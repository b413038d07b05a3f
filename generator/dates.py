"""EDTF (ISO 8601-2) dates as the timeline uses them: parsing, sort keys, precision and reader's labels.

The forms a contributor may write are parsed by a fast path (a regular expression and `datetime.date`), because
the `edtf` library takes milliseconds per date and a timeline holds thousands. The library is the oracle: the
tests check that the fast path agrees with it on every supported form, and `describe_invalid` asks it whether a
string the fast path refuses is valid EDTF of a form the timeline does not support.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Precision(StrEnum):
    """How much of a calendar date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# ASCII digits only (`\d` would take ٢٠١٨ too), matched whole (`$` would allow a trailing newline).
_PART = r"(?P<{p}y>[0-9]{{4}})(?:-(?P<{p}m>[0-9]{{2}})(?:-(?P<{p}d>[0-9]{{2}}))?)?(?P<{p}q>[?~%])?"
_DATE_RE = re.compile(rf"{_PART.format(p='a')}(?:/{_PART.format(p='b')})?")
# The longest supported form is 2018-12-30~/2019-01-13~ (23 characters); past this the EDTF library, which is
# slow on long input, is not asked what else the text might be.
MAX_DATE_LENGTH = 40


class DateError(ValueError):
    """A date string that the timeline cannot use; the message says why, for a contributor."""

    def __init__(self, message: str, *, reversed_interval: bool = False) -> None:
        """Keep whether the problem is a reversed interval, which has its own problem code."""
        super().__init__(message)
        self.reversed_interval = reversed_interval


@dataclass(frozen=True, slots=True)
class DatePart:
    """One calendar date at some precision, possibly approximate (~) or uncertain (?)."""

    year: int
    month: int | None
    day: int | None
    approximate: bool
    uncertain: bool

    @property
    def precision(self) -> Precision:
        """Day, month or year, by the most specific part given."""
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    @property
    def earliest(self) -> date:
        """The first day this part can mean."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        """The last day this part can mean."""
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    @property
    def is_qualified(self) -> bool:
        """True when the part is approximate or uncertain."""
        return self.approximate or self.uncertain

    def plain_label(self) -> str:
        """The date in words without qualifiers: '20 September 2018', 'September 2018', '2018'."""
        if self.month is None:
            return str(self.year)
        month = MONTH_NAMES[self.month - 1]
        return f"{self.day} {month} {self.year}" if self.day is not None else f"{month} {self.year}"

    def label(self) -> str:
        """The date in words with its qualifiers: 'c. September 2018', 'September 2018 (uncertain)'."""
        text = self.plain_label()
        if self.approximate:
            text = f"c. {text}"
        return f"{text} (uncertain)" if self.uncertain else text


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A parsed EDTF date: one part, or an interval of two."""

    text: str
    first: DatePart
    last: DatePart | None = None

    @property
    def is_interval(self) -> bool:
        """True for `start/end` dates."""
        return self.last is not None

    @property
    def start(self) -> date:
        """The earliest day the date can mean."""
        return self.first.earliest

    @property
    def end(self) -> date:
        """The latest day the date can mean."""
        return (self.last or self.first).latest

    @property
    def sort_key(self) -> tuple[str, str]:
        """Orders events by their earliest day, then the narrower date first."""
        return (self.start.isoformat(), self.end.isoformat())

    @property
    def precision(self) -> Precision:
        """The coarser precision of the parts."""
        parts = [self.first] if self.last is None else [self.first, self.last]
        order = [Precision.DAY, Precision.MONTH, Precision.YEAR]
        return max((p.precision for p in parts), key=order.index)

    @property
    def approximate(self) -> bool:
        """True when any part is approximate."""
        return self.first.approximate or (self.last is not None and self.last.approximate)

    @property
    def uncertain(self) -> bool:
        """True when any part is uncertain."""
        return self.first.uncertain or (self.last is not None and self.last.uncertain)

    @property
    def label(self) -> str:
        """The date as a reader reads it, never more precise than what was written."""
        if self.last is None:
            return self.first.label()
        return _interval_label(self.first, self.last)

    @property
    def explanation(self) -> str:
        """One sentence telling a reader how precise the date is."""
        if self.last is not None:
            text = "The event spans, or is placed by different sources within, this period"
        else:
            text = {
                Precision.DAY: "The day is known",
                Precision.MONTH: "Only the month is known",
                Precision.YEAR: "Only the year is known",
            }[self.precision]
        if self.approximate:
            text += "; the date is approximate"
        if self.uncertain:
            text += "; the date is uncertain"
        return text + "."


def _interval_label(first: DatePart, last: DatePart) -> str:
    """'12–13 September 2017', '26 October – 11 November 2018' or the full form when qualified."""
    if not (first.is_qualified or last.is_qualified) and first.precision == last.precision:
        same_year = first.year == last.year
        if first.precision is Precision.DAY and same_year and first.month == last.month:
            return f"{first.day}–{last.plain_label()}"
        if first.precision is Precision.DAY and same_year:
            assert first.month is not None
            return f"{first.day} {MONTH_NAMES[first.month - 1]} – {last.plain_label()}"
        if first.precision is Precision.MONTH and same_year:
            assert first.month is not None
            return f"{MONTH_NAMES[first.month - 1]} – {last.plain_label()}"
    return f"{first.label()} – {last.label()}"


def _part(match: re.Match[str], prefix: str) -> DatePart:
    """Build one DatePart from the named groups of a match, checking the calendar."""
    year = int(match[f"{prefix}y"])
    if year < 1:  # ISO 8601 has a year 0000, Python's calendar does not; no event of this timeline needs it
        raise DateError("year 0000 is not a date this timeline can use")
    month = int(match[f"{prefix}m"]) if match[f"{prefix}m"] else None
    day = int(match[f"{prefix}d"]) if match[f"{prefix}d"] else None
    qualifier = match[f"{prefix}q"] or ""
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"month {month:02d} does not exist")
    if month is not None and day is not None:
        last_day = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last_day:
            raise DateError(f"{MONTH_NAMES[month - 1]} {year} has no day {day}")
    return DatePart(year, month, day, approximate=qualifier in ("~", "%"), uncertain=qualifier in ("?", "%"))


def parse(text: str) -> FuzzyDate:
    """Parse a supported EDTF string, or raise DateError saying what is wrong with it."""
    match = _DATE_RE.fullmatch(text)
    if match is None:
        raise DateError(describe_invalid(text))
    first = _part(match, "a")
    last = _part(match, "b") if match["by"] else None
    if last is not None and last.latest < first.earliest:
        raise DateError(f"interval '{text}' ends before it starts", reversed_interval=True)
    return FuzzyDate(text, first, last)


SUPPORTED_FORMS = "2018-09-20, 2018-09, 2018, 2018-09~ (approximate), 2018-09? (uncertain), 2018-12-30/2019-01-13"


def describe_invalid(text: str) -> str:
    """Say why a string is not a usable date, asking the EDTF library whether it is EDTF at all."""
    if len(text) > MAX_DATE_LENGTH or not (text.isascii() and text.isprintable()):
        return f"'{_shown(text)}' is not an EDTF date; use one of: {SUPPORTED_FORMS}"
    try:
        import edtf  # the library is slow to import and parse: only consulted for strings the fast path refuses

        edtf.parse_edtf(text)
    except Exception:
        return f"'{_shown(text)}' is not an EDTF date; use one of: {SUPPORTED_FORMS}"
    return f"'{text}' is valid EDTF but not a form this timeline supports; use one of: {SUPPORTED_FORMS}"


def _shown(text: str) -> str:
    """A refused date as a message shows it: control characters visible, and never more than a line long."""
    shown = text.encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= MAX_DATE_LENGTH else shown[:MAX_DATE_LENGTH] + "…"
