"""`timeline new`: a new event file from today's template, with TODO wherever only the contributor knows the value.

Every TODO is an error (E050) until it is replaced, so a half-filled file can never be published.
"""

from __future__ import annotations

import json
import re
import textwrap
import unicodedata
from pathlib import Path

from . import dates
from .load import EVENTS_DIR, REGISTRY_DIR, load_file, resolve_plain_scalar
from .schema import allowed, schema
from .settings import CAMPAIGN_BOUNDS

MODELINE = "# yaml-language-server: $schema=../../generator/timeline.schema.json"
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_ID_LIMIT: int = schema()["properties"]["id"]["maxLength"]
# Titles of plain words need no quotes; anything YAML could read otherwise is written double-quoted.
_PLAIN_TITLE = re.compile("^[^\\W_][\\w ,.'\u2019()/\u2013-]*$")


class ScaffoldError(ValueError):
    """An argument `timeline new` cannot use; the message says why."""


def slug(title: str) -> str:
    """'SDF takes al-Susah' -> 'sdf-takes-al-susah': ASCII a-z, 0-9 and single '-'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
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
    return "\n".join(f"# {line}" for line in textwrap.wrap(text, 98))


def _phases_of(root: Path, when: dates.FuzzyDate) -> tuple[list[str], list[str]]:
    """(every phase id, the ids whose dates include the event's start), from the project's registry."""
    doc, _ = load_file(root / REGISTRY_DIR / "phases.yaml", root)
    data = doc.data if doc is not None else {}
    every, matching = [], []
    for phase_id, phase in data.items():
        every.append(phase_id)
        try:
            start = dates.parse(phase["start"]).start
            end = dates.parse(phase["end"]).end if phase.get("end") else None
        except (TypeError, KeyError, dates.DateError):
            continue
        if start <= when.start and (end is None or when.start <= end):
            matching.append(phase_id)
    return every, matching


def event_text(root: Path, the_id: str, when: dates.FuzzyDate, title: str) -> str:
    """The new file's text: the schema modeline, the fields known from the arguments, TODO for the rest."""
    every, matching = _phases_of(root, when)
    phase_help = f"the date falls in: {', '.join(matching)}" if matching else f"one of: {', '.join(every)}"
    return f"""{MODELINE}
# Written by `timeline new`. Replace every TODO (each is an error until you do), then run:
#   .venv/bin/timeline check {EVENTS_DIR}/{when.start.year}/{the_id}.yaml
# CONTRIBUTING.md explains every field, with a commented example.
id: {the_id}
title: {_yaml_text(title)}
date: "{when.text}"
{_comment("One of: " + ", ".join(allowed("kind")) + ".")}
kind: TODO
{_comment(f"An id from events/registry/phases.yaml; {phase_help}.")}
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
        raise ScaffoldError(f"--date {date_text!r}: {error}") from None
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
            else "the title has no letters or digits to make an id from; pass --slug, e.g. --slug sdf-takes-hajin"
        )
    the_id = event_id(when, chosen)
    target = root / EVENTS_DIR / str(when.start.year) / f"{the_id}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    # Mode "x" refuses an existing file atomically: a second run can never overwrite someone's work.
    with open(target, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(event_text(root, the_id, when, title.strip()))
    return target
