"""EDTF (ISO 8601-2) dates as the timeline uses them: parsing, sort keys, precision and reader's labels.

The forms a contributor may write are parsed by a fast path (a regular expression and `datetime.date`), because
the `edtf` library takes milliseconds per date and a timeline holds thousands. The library is the oracle: the
tests check that the fast path agrees with it on every supported form, and `describe_invalid` asks it whether a
string the fast path refuses is valid EDTF of a form the timeline does not support.
"""

from __future__ import annotations

import calendar
import functools
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

    def __init__(self, message: str, *, reversed_interval: bool = False, suggestion: str = "") -> None:
        """Keep whether the problem is a reversed interval (its own code) and the form to write instead, if known."""
        super().__init__(message)
        self.reversed_interval = reversed_interval
        self.suggestion = suggestion


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
    # For a season or other part of a year (EDTF `2018-23`): its name in words. It is held as the interval of
    # its months, so that sorting, grouping and the exports need nothing new.
    words: str | None = None

    @property
    def is_interval(self) -> bool:
        """True for `start/end` dates (and for seasons, which span months)."""
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
        if self.words is not None:
            return self.words
        if self.last is None:
            return self.first.label()
        return _interval_label(self.first, self.last)

    @property
    def explanation(self) -> str:
        """One sentence telling a reader how precise the date is."""
        if self.words is not None and self.last is not None:
            text = f"Only the part of the year is known: {_interval_label(self.first, self.last)}"
        elif self.last is not None:
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


# EDTF's codes for parts of a year, with their months (as the EDTF library reads them: northern-hemisphere
# seasons). Winter (24) is left out on purpose: it runs from December into the next year, so a source's
# "winter 2018" has to be written as the months it means.
YEAR_PARTS: dict[int, tuple[str, int, int]] = {
    21: ("Spring", 3, 5),
    22: ("Summer", 6, 8),
    23: ("Autumn", 9, 11),
    33: ("First quarter of", 1, 3),
    34: ("Second quarter of", 4, 6),
    35: ("Third quarter of", 7, 9),
    36: ("Fourth quarter of", 10, 12),
    40: ("First half of", 1, 6),
    41: ("Second half of", 7, 12),
}
# Matched whole and with ASCII digits, as _DATE_RE is.
_YEAR_PART_RE = re.compile(r"(?P<y>[0-9]{4})-(?P<code>2[1-9]|3[0-9]|4[01])(?P<q>[?~%])?")


def _year_part(match: re.Match[str]) -> FuzzyDate:
    """A season, quarter or half year (`2018-23`) as the interval of its months, labelled in words."""
    year, code, text = int(match["y"]), int(match["code"]), match[0]
    if year < 1:
        raise DateError("year 0000 is not a date this timeline can use")
    if code == 24:
        raise DateError(
            f"'{text}' (winter) runs from December into the next year, so its months are unclear",
            suggestion=f"Write the months the source means, e.g. {year}-12/{year + 1}-02 for December {year} to "
            f"February {year + 1}.",
        )
    if code not in YEAR_PARTS:
        raise DateError(
            f"'{text}' is an EDTF code this timeline does not support",
            suggestion=f"Use {year}-21 (spring), {year}-22 (summer), {year}-23 (autumn), {year}-33 to {year}-36 "
            f"(quarters), {year}-40 or {year}-41 (halves), or the months as an interval.",
        )
    words, first_month, last_month = YEAR_PARTS[code]
    if match["q"]:
        plain = f"{year}-{code}"
        raise DateError(
            f"'{text}': a season or quarter cannot be marked {match['q']}",
            suggestion=f"Write {plain}, or its months marked: {year}-{first_month:02d}{match['q']}/"
            f"{year}-{last_month:02d}{match['q']}.",
        )
    first = DatePart(year, first_month, None, approximate=False, uncertain=False)
    last = DatePart(year, last_month, None, approximate=False, uncertain=False)
    return FuzzyDate(text, first, last, words=f"{words} {year}")


# Validation, lint and the catalog each parse every event's date, and events share dates: one FuzzyDate for each
# text (they are frozen), instead of three per event. A refused text raises again each time; errors are not kept.
@functools.lru_cache(maxsize=8192)
def parse(text: str) -> FuzzyDate:
    """Parse a supported EDTF string, or raise DateError saying what is wrong with it."""
    part = _YEAR_PART_RE.fullmatch(text)
    if part is not None:
        return _year_part(part)
    match = _DATE_RE.fullmatch(text)
    if match is None:
        hint = suggest(text)
        message = f"'{_shown(text)}' is not an EDTF date" if hint else describe_invalid(text)
        raise DateError(message, suggestion=hint)
    first = _part(match, "a")
    last = _part(match, "b") if match["by"] else None
    if last is not None and last.latest < first.earliest:
        raise DateError(f"interval '{text}' ends before it starts", reversed_interval=True)
    return FuzzyDate(text, first, last)


SUPPORTED_FORMS = (
    "2018-09-20, 2018-09, 2018, 2018-09~ (approximate), 2018-09? (uncertain), 2018-12-30/2019-01-13, 2018-23 (autumn)"
)
_MONTH_WORDS = (
    {name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)}
    | {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, 1)}
    | {"sept": 9}
)
_SEASON_WORDS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23}
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_NUMERIC_YMD = re.compile(r"^(\d{4})[/.-](\d{1,2})(?:[/.-](\d{1,2}))?$")
_WORDS_DMY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_WORDS_MDY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_WORDS_MY = re.compile(r"^([a-z]+)\.?,?\s+(\d{4})$")
_QUARTER = re.compile(r"^q([1-4])\s+(\d{4})$|^(\d{4})[\s-]+q([1-4])$")
_CIRCA = re.compile(r"^(?:c\.|ca\.|circa|about|around|approximately)\s*(.+)$")


def _valid_day(year: int, month: int, day: int) -> bool:
    """True when the numbers make a calendar date."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _iso(year: int, month: int, day: int | None = None) -> str | None:
    """'2019-03-18' or '2019-03' when the numbers make a real date, else None."""
    if not 1 <= month <= 12 or (day is not None and not _valid_day(year, month, day)):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def _suggested_form(text: str) -> str | None:
    """The EDTF form of a date written another common way ('18/03/2019', 'autumn 2018', 'March 2019')."""
    low = " ".join(text.strip().lower().split())
    if circa := _CIRCA.match(low):
        inner = _suggested_form(circa[1]) or (circa[1] if _DATE_RE.fullmatch(circa[1]) else None)
        return f"{inner}~" if inner and "/" not in inner and inner[-1] not in "~?%" else None
    if match := _NUMERIC_DMY.match(low):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        # Day first, as written outside the US; when only month-first makes a date, it is that.
        return _iso(year, month, day) or _iso(year, day, month)
    if match := _NUMERIC_YMD.match(low):
        return _iso(int(match[1]), int(match[2]), int(match[3]) if match[3] else None)
    return _suggested_words(low)


def _suggested_words(low: str) -> str | None:
    """The EDTF form of a date written with words: '18 march 2019', 'march 18, 2019', 'autumn 2018', 'q3 2018'."""
    if match := _WORDS_DMY.match(low):
        named = _MONTH_WORDS.get(match[2])
        return _iso(int(match[3]), named, int(match[1])) if named else None
    if match := _WORDS_MDY.match(low):
        named = _MONTH_WORDS.get(match[1])
        return _iso(int(match[3]), named, int(match[2])) if named else None
    if match := _WORDS_MY.match(low):
        year = int(match[2])
        if match[1] in _SEASON_WORDS:
            return f"{year}-{_SEASON_WORDS[match[1]]}"
        if match[1] == "winter":
            return f"{year}-12/{year + 1}-02"
        named = _MONTH_WORDS.get(match[1])
        return _iso(year, named) if named else None
    if match := _QUARTER.match(low):
        quarter, quarter_year = (match[1], match[2]) if match[1] else (match[4], match[3])
        return f"{quarter_year}-{32 + int(quarter)}"
    return None


def suggest(text: str) -> str:
    """A hint naming the exact EDTF form of a date written another common way, or '' when there is none."""
    # Past the longest date anyone writes there is nothing to suggest (and no pattern is tried on long text).
    form = _suggested_form(text) if len(text) <= MAX_DATE_LENGTH else None
    if form is None:
        return ""
    try:
        meaning = parse(form).label
    except DateError:  # pragma: no cover - every suggested form is a supported one
        return ""
    ambiguous = _NUMERIC_DMY.match(text.strip())
    if ambiguous and int(ambiguous[1]) <= 12 and int(ambiguous[2]) <= 12 and ambiguous[1] != ambiguous[2]:
        other = _iso(int(ambiguous[3]), int(ambiguous[1]), int(ambiguous[2]))
        return f'Write "{form}" ({meaning}, day first), or "{other}" if the month comes first.'
    return (
        f'Write "{form}" ({meaning}): year, month, day.'
        if form.count("-") == 2 and "/" not in form
        else (f'Write "{form}" ({meaning}).')
    )


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
