"""`timeline new`: a new event file from today's template, with TODO wherever only the contributor knows the value.

Every TODO is an error (E050) until it is replaced, so a half-filled file can never be published.
"""

from __future__ import annotations

import json
import re
import textwrap
import unicodedata
from datetime import date
from pathlib import Path

from generator.input import dates
from generator.input.load import EVENTS_DIR, REGISTRY_DIR, Document, load_file, resolve_plain_scalar
from generator.input.schema import allowed, schema
from generator.settings import CAMPAIGN_BOUNDS

MODELINE = "# yaml-language-server: $schema=../../generator/data/timeline.schema.json"
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_ID_LIMIT: int = schema()["properties"]["id"]["maxLength"]
# Titles of plain words need no quotes; anything YAML could read otherwise is written double-quoted.
_PLAIN_TITLE = re.compile("^[^\\W_][\\w ,.'\u2019()/\u2013-]*$")


class ScaffoldError(ValueError):
    """An argument `timeline new` cannot use; the message says why."""


# A plain, reversible-enough romanisation of Arabic letters for ids only (the title keeps its Arabic): no
# diacritics, 'al-' for the article. Ids need a-z; readers see the title, never this.
_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh",  # noqa: RUF001
    "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "و": "w", "ؤ": "w",  # noqa: RUF001
    "ي": "y", "ى": "a", "ئ": "y", "ء": "", "ـ": "",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",  # noqa: RUF001
}  # fmt: skip
_ARABIC_WORD = re.compile("[\u0621-\u064a\u0660-\u0669\u0671]+")


def transliterate(text: str) -> str:
    """Arabic words in Latin letters for an id: 'السوسة' -> 'al-swsa'; other text is left as it is."""

    def word(match: re.Match[str]) -> str:
        letters = match[0]
        article = letters.startswith("ال") and len(letters) > 3
        body = "".join(_ARABIC.get(c, "") for c in (letters[2:] if article else letters))
        return f"al-{body}" if article else body

    return _ARABIC_WORD.sub(word, text)


def slug(title: str) -> str:
    """'SDF takes al-Susah' -> 'sdf-takes-al-susah': ASCII a-z, 0-9 and single '-' (Arabic transliterated)."""
    ascii_text = unicodedata.normalize("NFKD", transliterate(title)).encode("ascii", "ignore").decode()
    ascii_text = re.sub("['\u2019]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def event_id(when: dates.FuzzyDate, title_slug: str) -> str:
    """The id: the first day the date can mean, then the slug, cut at a word to fit the id's length limit."""
    prefix = when.start.isoformat()
    room = _ID_LIMIT - len(prefix) - 1
    cut = title_slug if len(title_slug) <= room else title_slug[: room + 1].rsplit("-", 1)[0]
    return f"{prefix}-{cut}"


def _yaml_text(text: str) -> str:
    """A one-line YAML scalar that reads back as exactly `text`."""
    if _PLAIN_TITLE.match(text) and resolve_plain_scalar(text) == text:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _comment(text: str) -> str:
    """YAML comment lines of at most 100 characters."""
    return "\n".join(f"# {line}" for line in textwrap.wrap(text, 98, break_on_hyphens=False))


def phase_help(root: Path, when: dates.FuzzyDate) -> str:
    """The comment over `phase:` in a new file: the phase whose start and end contain the date, or what is near."""
    doc, _ = load_file(root / REGISTRY_DIR / "phases.yaml", root)
    data = doc.data if isinstance(doc, Document) and isinstance(doc.data, dict) else {}
    spans: list[tuple[str, date, date]] = []
    for phase_id, phase in data.items():
        try:
            spans.append((phase_id, dates.parse(phase["start"]).start, dates.parse(phase["end"]).end))
        except (TypeError, KeyError, dates.DateError):
            continue
    day = when.start
    matching = [phase_id for phase_id, start, end in spans if start <= day <= end]
    if matching:
        return f"the date falls in: {', '.join(matching)}"
    before = [(end, phase_id) for phase_id, _, end in spans if end < day]
    after = [(start, phase_id) for phase_id, start, _ in spans if start > day]
    near = [f"{max(before)[1]} (ended {max(before)[0].isoformat()})"] if before else []
    near += [f"{min(after)[1]} (began {min(after)[0].isoformat()})"] if after else []
    if near:
        return f"no phase contains {day.isoformat()}; the nearest are {' and '.join(near)}"
    return f"one of: {', '.join(data)}"


def event_text(root: Path, the_id: str, when: dates.FuzzyDate, title: str) -> str:
    """The new file's text: the schema modeline, the fields known from the arguments, TODO for the rest."""
    return f"""{MODELINE}
# Written by `timeline new`. Replace every TODO (each is an error until you do), then run:
#   .venv/bin/timeline check {EVENTS_DIR}/{when.start.year}/{the_id}.yaml
# CONTRIBUTING.md explains every field, with a commented example.
id: {the_id}
title: {_yaml_text(title)}
date: "{when.text}"
{_comment("One of: " + ", ".join(allowed("kind")) + ".")}
kind: TODO
{_comment(f"An id from events/registry/phases.yaml; {phase_help(root, when)}.")}
phase: TODO
# Ids from events/registry/places.yaml and actors.yaml; delete a line that does not apply.
places: [TODO]
actors: [TODO]
summary: TODO What happened and what is known, in a few plain sentences.
# confirmed: several independent sources agree; reported: one or partisan sources only;
# disputed: sources disagree (then also write confidence_note: who says what).
confidence: TODO
sources:
  # Where this is reported; add one entry per source. Claims refer to them by number, 1 for the first.
  - publisher: TODO
    title: TODO
    # Delete url for print or broadcast; add archive_url with a copy from https://web.archive.org/save.
    url: TODO
    published: TODO
    language: en
# Figures are claims, attributed to whoever made them, as a range ("up to 100" is max: 100 only):
# claims:
#   - what: killed
#     about: isis
#     max: 100
#     by: SDF
#     source: 1
"""


def scaffold(root: Path, date_text: str, title: str, title_slug: str | None = None) -> Path:
    """Write a new event file and return its path; refuse bad arguments and an existing file."""
    try:
        when = dates.parse(date_text)
    except dates.DateError as error:
        better = f". {error.suggestion}" if error.suggestion else ""
        raise ScaffoldError(f"--date {date_text!r}: {error}{better}") from None
    low, high = CAMPAIGN_BOUNDS
    if when.end < low or when.start > high:
        raise ScaffoldError(f"--date {date_text!r} lies outside the campaign ({low.year}-{high.year})")
    if not title.strip() or "\n" in title or "\r" in title:
        raise ScaffoldError("--title must be one line of text")
    chosen = slug(title) if title_slug is None else title_slug
    if not SLUG_RE.match(chosen):
        raise ScaffoldError(
            f"--slug {chosen!r} may use only a-z, 0-9 and single '-'"
            if title_slug is not None
            else "the title has no Latin or Arabic letters or digits to make an id from; give the id's words with "
            "--slug, e.g. --slug families-flee-al-susah"
        )
    the_id = event_id(when, chosen)
    target = root / EVENTS_DIR / str(when.start.year) / f"{the_id}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    # Mode "x" refuses an existing file atomically: a second run can never overwrite someone's work.
    with open(target, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(event_text(root, the_id, when, title.strip()))
    return target
