"""A synthetic, valid and deterministic corpus of N events, for the benchmark and the scale tests.

`python -m tools.synth N --out DIR [--seed S]` writes a whole project into DIR: the real registries (copied byte for
byte), N event files under events/<year>/<id>.yaml with a realistic spread of dates (every supported EDTF form
over September 2017 – March 2019), kinds, places, actors, phases, claims and sources, and what `mkdocs build`
needs to build DIR as a project (mkdocs.yml, content/ and site_templates/; the installed package provides the
timeline plugin that mkdocs.yml names). The same N and seed give byte-identical files: one seeded generator,
sorted inputs, no clock.

The events are made up. Every title, summary, figure and source is random text about real place and actor
names, and every link points at example.org: none of it is a fact about the campaign.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from generator.checks.report import plural
from generator.input import dates
from generator.input.load import REGISTRIES, REGISTRY_DIR, resolve_plain_scalar
from generator.input.schema import schema
from generator.model.records import GROUPS
from generator.settings import CAMPAIGN_BOUNDS, CAMPAIGN_MONTHS

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# What `mkdocs build` needs besides events/: the site config (and the Arabic edition's, mkdocs.ar.yml), the
# contributors' guide (a page of the site), the hand-written pages and the templates (the timeline plugin that
# mkdocs.yml names comes with the installed package).
PROJECT_PARTS = ("mkdocs.yml", "mkdocs.ar.yml", "CONTRIBUTING.md", "content", "site_templates")
MARKER = ".timeline-synth"
FIRST_DAY, LAST_DAY = CAMPAIGN_MONTHS
SCHEMA_LINE = "# yaml-language-server: $schema=../../generator/data/timeline.schema.json\n"

# (weight, form) of the event dates; every supported EDTF form appears.
_DATE_FORMS = (
    (52, "day"),
    (10, "month"),
    (2, "year"),
    (5, "day~"),
    (3, "month~"),
    (4, "day?"),
    (6, "month?"),
    (2, "month%"),
    (11, "days/days"),
    (2, "day~/day~"),
    (3, "months/months"),
)
_KINDS = (
    (18, "territory-taken"),
    (6, "territory-lost"),
    (16, "clash"),
    (8, "counter-attack"),
    (16, "strike"),
    (9, "civilian-harm"),
    (6, "displacement"),
    (4, "offensive-launched"),
    (1, "operational-pause"),
    (10, "statement"),
    (6, "estimate"),
)
_TITLES = {
    "territory-taken": ("{a} takes {p}", "{a} reports the capture of {p}", "{a} enters {p}"),
    "territory-lost": ("{a} loses positions in {p}", "{a} withdraws from {p}"),
    "clash": ("Clashes between {a} and {b} near {p}", "{a} and {b} fight for {p}"),
    "counter-attack": ("{a} counter-attacks at {p}", "{a} raids {b} positions near {p}"),
    "strike": ("{a} strikes {b} targets in {p}", "Air strikes reported on {p}"),
    "civilian-harm": ("Civilians killed in {p}", "Civilians wounded by shelling in {p}"),
    "displacement": ("Families leave {p}", "Evacuation convoy leaves {p}"),
    "offensive-launched": ("{a} launches an offensive towards {p}", "{a} opens a new axis towards {p}"),
    "operational-pause": ("{a} pauses operations near {p}",),
    "statement": ("{a} issues a statement on {p}", "{a} says {b} is besieged in {p}"),
    "estimate": ("{a} estimates {b} fighters left in {p}", "{a} gives figures for {p}"),
}
_SENTENCES = (
    "{a} said its units had advanced along the river towards {p} after several days of fighting.",
    "Reports from {p} described heavy shelling and the movement of {b} fighters at night.",
    "Local sources counted dozens of families leaving {p} on the road east.",
    "The account could not be checked independently, and the figures differ between outlets.",
    "A spokesperson for {a} spoke of *tunnels* and mines left behind in {p}.",
    "{b} denied the report in a statement carried by its own outlets.",
    "Coalition aircraft were reported over {p} during the day, with strikes on positions near the river.",
    "Residents described the area around {p} ({ar}) as largely emptied by the fighting.",
    "The front line moved only a few hundred metres, according to [one report](https://example.org/report/{n}).",
    "Several outlets put the date a day or two later, which is why the date is given as a range.",
)
_PUBLISHERS = (
    ("SOHR", "en", "independent"),
    ("Kurdistan 24", "en", "pro-sdf"),
    ("Hawar News Agency", "ar", "pro-sdf"),
    ("Reuters", "en", "independent"),
    ("Airwars", "en", "independent"),
    ("CJTF-OIR", "en", "coalition"),
    ("SANA", "ar", "government"),
    ("Enab Baladi", "ar", "pro-opposition"),
    ("Deir Ezzor 24", "ar", None),
    ("Amaq", "ar", "isis"),
    ("Rudaw", "ku", None),
    ("Al-Masdar News", "en", "pro-government"),
)
_CLAIMERS = ("SOHR", "SDF media centre", "Coalition spokesperson", "Local activists", "Amaq", "Syrian state media")
_WHAT = (
    "killed",
    "killed",
    "killed",
    "wounded",
    "captured",
    "surrendered",
    "abducted",
    "displaced",
    "evacuated",
    "fled",
    "fighters-present",
    "fighters-involved",
    "area-taken",
    "distance-advanced",
)
_TAGS = ("oil", "river-crossing", "tunnels", "mines", "air-support", "sandstorm", "border", "night-attack")


@dataclass(frozen=True, slots=True)
class SynthReport:
    """What was written."""

    events: int
    files: int
    bytes: int


def _weighted(rng: random.Random, table: tuple[tuple[int, str], ...]) -> str:
    """One value of a (weight, value) table."""
    return rng.choices([v for _, v in table], weights=[w for w, _ in table])[0]


def _zipf(rng: random.Random, items: list[str], skew: float = 1.0) -> str:
    """One item, the first ones far more often: a few places and actors carry most of the events."""
    return rng.choices(items, weights=[1 / (i + 1) ** skew for i in range(len(items))])[0]


def _day(rng: random.Random, low: date = FIRST_DAY, high: date = LAST_DAY) -> date:
    """A day in [low, high]."""
    return low + timedelta(days=rng.randrange((high - low).days + 1))


def _month_text(day: date) -> str:
    """'2018-09'."""
    return f"{day.year}-{day.month:02d}"


def synth_date(rng: random.Random, form: str | None = None) -> str:
    """An EDTF date in one of the supported forms (or the one given), starting between Sep 2017 and Mar 2019."""
    form = form or _weighted(rng, _DATE_FORMS)
    day = _day(rng)
    if form == "year":
        return str(day.year)
    if form.startswith("day") and "/" not in form:
        return day.isoformat() + form[3:]
    if form.startswith("month") and "/" not in form:
        return _month_text(day) + form[5:]
    if form == "days/days":
        return f"{day.isoformat()}/{(day + timedelta(days=rng.randint(1, 14))).isoformat()}"
    if form == "day~/day~":
        return f"{day.isoformat()}~/{(day + timedelta(days=rng.randint(1, 5))).isoformat()}~"
    later = day + timedelta(days=rng.randint(28, 80))
    return f"{_month_text(day)}/{_month_text(later)}"


def _slug(text: str, limit: int = 50) -> str:
    """'SDF takes al-Susah' -> 'sdf-takes-al-susah', cut at a word boundary."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


# --- a tiny YAML writer: the style of the real event files, no dependence on an emitter's choices -------------

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 .,'()/\-–]*$")


def _scalar(value: Any) -> str:
    """A scalar as YAML: plain when it reads back as the same text, else double-quoted (JSON is valid YAML)."""
    if isinstance(value, bool) or value is None:  # pragma: no cover - the corpus has none
        raise TypeError(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    plain = _PLAIN.match(text) and resolve_plain_scalar(text) == text and text.lower() not in ("yes", "no", "on", "off")
    return text if plain and not text.endswith(" ") else json.dumps(text, ensure_ascii=False)


def _flow(values: list[str]) -> str:
    """[a, b, c] for lists of ids."""
    return "[" + ", ".join(_scalar(v) for v in values) + "]"


def _folded(text: str, indent: str) -> str:
    """A long single-spaced paragraph as a `>-` block, which folds back into the same text."""
    lines = textwrap.wrap(text, 100, break_long_words=False, break_on_hyphens=False)
    return ">-\n" + "".join(f"{indent}{line}\n" for line in lines)


def _mapping(data: dict[str, Any], indent: str = "") -> str:
    """A block mapping; lists of ids in flow style, lists of mappings as block sequences."""
    out = []
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            out.append(f"{indent}{key}:\n")
            for item in value:
                body = _mapping(item, indent + "    ")
                out.append(f"{indent}  - {body[len(indent) + 4 :]}")
        elif isinstance(value, list):
            out.append(f"{indent}{key}: {_flow(value)}\n")
        elif isinstance(value, str) and len(value) > 100:
            out.append(f"{indent}{key}: {_folded(value, indent + '  ')}")
        else:
            out.append(f"{indent}{key}: {_scalar(value)}\n")
    return "".join(out)


# --- the corpus ------------------------------------------------------------------------------------------------


class _Registries:
    """The ids and names of the real registries, in a fixed order."""

    def __init__(self, registry_dir: Path) -> None:
        """Read the three registry files (plain PyYAML is enough: they are the project's own, valid files)."""
        raw = {name: yaml.safe_load((registry_dir / f"{name}.yaml").read_text(encoding="utf-8")) for name in REGISTRIES}
        places, actors = raw["places"], raw["actors"]
        # The places with coordinates first: they carry most events, as the towns of the valley did.
        self.places = sorted(places, key=lambda p: ("coordinates" not in places[p], p))
        self.place_names = {k: v["name"] for k, v in places.items()}
        self.place_ar = {k: v.get("name_ar") for k, v in places.items()}
        order = ["sdf", "isis", "cjtf-oir", "deir-ez-zor-military-council", "syrian-arab-army"]
        self.actors = [a for a in order if a in actors] + sorted(a for a in actors if a not in order)
        self.actor_names = {k: v.get("short_name", v["name"]) for k, v in actors.items()}
        self.phases: list[tuple[date, str]] = sorted(
            (dates.parse(v["start"]).start, str(k)) for k, v in raw["phases"].items()
        )

    def phase_of(self, day: date) -> str:
        """The last phase that started on or before the day (the first phase for earlier days)."""
        current = self.phases[0][1]
        for start, phase_id in self.phases:
            if start <= day:
                current = phase_id
        return current


def _claims(rng: random.Random, actors: list[str], n_sources: int) -> list[dict[str, Any]]:
    """0-3 attributed figures, each a sane range citing one of the event's sources."""
    claims = []
    for _ in range(rng.choices([0, 1, 2, 3], weights=[35, 35, 20, 10])[0]):
        what = rng.choice(_WHAT)
        about = rng.choice([*actors, *GROUPS])
        claim: dict[str, Any] = {"what": what, "about": about}
        low = rng.randint(1, 400)
        shape = rng.random()
        if shape < 0.4:
            claim["min"] = claim["max"] = low
        elif shape < 0.8:
            claim["min"], claim["max"] = low, low + rng.randint(1, 200)
        else:
            claim["max"] = low
        if what == "area-taken":
            claim["unit"] = "km2"
        elif what == "distance-advanced":
            claim["unit"] = "km"
        elif what in ("displaced", "abducted") and rng.random() < 0.5:
            claim["unit"] = "families"
        claim["by"] = rng.choice(_CLAIMERS)
        claim["source"] = rng.randint(1, n_sources)
        if rng.random() < 0.3:
            claim["note"] = "Reported as a round figure; the period it covers is not stated."
        claims.append(claim)
    return claims


def _sources(rng: random.Random, start: date, slug: str) -> list[dict[str, Any]]:
    """1-4 sources with example.org addresses, some with a title, a publication day and a stance."""
    sources = []
    for number in range(rng.choices([1, 2, 3, 4], weights=[45, 30, 15, 10])[0]):
        publisher, language, stance = rng.choice(_PUBLISHERS)
        source: dict[str, Any] = {"publisher": publisher}
        if rng.random() < 0.7:
            source["title"] = f"{publisher} report on {slug.replace('-', ' ')}"
        if rng.random() < 0.9:
            source["url"] = f"https://example.org/{_slug(publisher)}/{start.year}/{start.month:02d}/{slug}-{number + 1}"
        if "url" in source:  # every linked source has an archived copy, as the contributing guide asks
            source["archive_url"] = f"https://archive.example.org/{start.isoformat()}/{slug}-{number + 1}"
        if rng.random() < 0.6:
            source["published"] = (start + timedelta(days=rng.randint(0, 10))).isoformat()
        source["language"] = language
        if stance is not None and rng.random() < 0.5:
            source["stance"] = stance
        sources.append(source)
    return sources


class _Slots:
    """Which days each (kind, place) already holds, so that no two events look like duplicates of one another.

    The warnings tier flags two events of one kind at one place with overlapping dates (W101) unless they list
    each other as related; a valid corpus should raise no problem at all, so events are placed apart."""

    def __init__(self) -> None:
        """No day taken yet."""
        self.taken: dict[tuple[str, str], list[tuple[date, date, str]]] = {}

    def clashes(self, kind: str, places: list[str], start: date, end: date) -> list[str]:
        """The ids of earlier events of this kind at these places whose dates overlap [start, end]."""
        return sorted(
            {
                event_id
                for place in places
                for first, last, event_id in self.taken.get((kind, place), ())
                if first <= end and start <= last
            }
        )

    def take(self, kind: str, places: list[str], start: date, end: date, event_id: str) -> None:
        """Record the event's days."""
        for place in places:
            self.taken.setdefault((kind, place), []).append((start, end, event_id))


def synth_events(n: int, seed: int, registries: _Registries) -> list[dict[str, Any]]:
    """N event mappings, in generation order, each valid against the registries and each other."""
    rng = random.Random(seed)
    slots = _Slots()
    events: list[dict[str, Any]] = []
    for index in range(n):
        kind = _weighted(rng, _KINDS)
        # Find a date and places no event of this kind holds yet; after a few tries, take a single day at any
        # place, and if even that is taken, call the clashing events related (as a contributor would).
        for attempt in range(30):
            # The first events take each date form in turn, so that even a small corpus has every one.
            first = _DATE_FORMS[index][1] if index < len(_DATE_FORMS) and attempt == 0 else None
            text = synth_date(rng, first) if attempt < 10 else _day(rng).isoformat()
            parsed = dates.parse(text)
            count = rng.choices([1, 2, 3], [60, 30, 10])[0] if attempt < 10 else 1
            if attempt < 10:
                places = sorted({_zipf(rng, registries.places, 0.8) for _ in range(count)})
            else:
                places = [rng.choice(registries.places)]
            clashing = slots.clashes(kind, places, parsed.start, parsed.end)
            if not clashing:
                break
        actors = sorted({_zipf(rng, registries.actors, 1.3) for _ in range(rng.choices([1, 2, 3], [35, 45, 20])[0])})
        other = actors[-1] if len(actors) > 1 else ("isis" if actors[0] != "isis" else "sdf")
        a, b = registries.actor_names[actors[0]], registries.actor_names[other]
        p = registries.place_names[places[0]]
        title = rng.choice(_TITLES[kind]).format(a=a, b=b, p=p)
        slug = f"{_slug(title)}-{index + 1}"
        event_id = f"{parsed.start.isoformat()}-{slug}"
        slots.take(kind, places, parsed.start, parsed.end, event_id)
        ar = registries.place_ar[places[0]] or p
        sentences = rng.sample(_SENTENCES, rng.randint(2, 4))
        summary = " ".join(s.format(a=a, b=b, p=p, ar=ar, n=index + 1) for s in sentences)
        sources = _sources(rng, parsed.start, slug)
        confidence = rng.choices(["confirmed", "reported", "disputed"], weights=[50, 40, 10])[0]
        event: dict[str, Any] = {
            "id": event_id,
            "title": title,
            "date": text,
            "kind": kind,
            "phase": registries.phase_of(parsed.start),
            "places": places,
            "actors": actors,
            "summary": summary,
        }
        claims = _claims(rng, actors, len(sources))
        if claims:
            event["claims"] = claims
        event["confidence"] = confidence
        if confidence == "disputed" or rng.random() < 0.1:
            event["confidence_note"] = (
                f"{a} and {b} give different accounts of what happened in {p}; the sources disagree on the date."
            )
        event["sources"] = sources
        related = set(clashing)
        if events and rng.random() < 0.25:
            related |= {events[rng.randrange(len(events))]["id"] for _ in range(rng.randint(1, 2))}
        if related:
            event["related"] = sorted(related)
        if rng.random() < 0.15:
            event["tags"] = sorted(set(rng.sample(_TAGS, rng.randint(1, 2))))
        events.append(event)
    return events


def event_yaml(event: dict[str, Any]) -> str:
    """One event file's text."""
    return SCHEMA_LINE + _mapping(event)


def _clear(out: Path) -> None:
    """Make `out` an empty folder, refusing to empty one that synth did not make."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise FileExistsError(f"{out} is not empty and was not made by `python -m tools.synth`; choose another folder")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)


def _project(out: Path, project: Path, command: str, what: str) -> None:
    """Make `out` a project folder: the marker, a README saying what it is, the site's parts and the registries."""
    _clear(out)
    (out / MARKER).write_text(f"{command}\n", encoding="utf-8")
    (out / "README.md").write_text(
        f"# Benchmark corpus: {what}\n\nMade by `{command}` for the benchmark. "
        "Nothing here is a fact about the campaign.\n",
        encoding="utf-8",
    )
    for part in PROJECT_PARTS:
        source = project / part
        if source.is_dir():
            shutil.copytree(source, out / part, ignore=shutil.ignore_patterns("__pycache__", "*.py", "*.pyc"))
        else:
            shutil.copyfile(source, out / part)
    registry = out / REGISTRY_DIR
    registry.mkdir(parents=True)
    for name in REGISTRIES:
        shutil.copyfile(project / REGISTRY_DIR / f"{name}.yaml", registry / f"{name}.yaml")


def synth(n: int, out: Path, seed: int = 0, project: Path = PROJECT_ROOT) -> SynthReport:
    """Write a synthetic project of `n` events into `out` (replacing a previous synthetic corpus there)."""
    if n < 0:
        raise ValueError("the number of events must be at least 0")
    _project(out, project, f"python -m tools.synth {n} --seed {seed}", f"{n} made-up events (seed {seed})")
    registry = out / REGISTRY_DIR
    total = 0
    events = synth_events(n, seed, _Registries(registry))
    for event in events:
        data = event_yaml(event).encode("utf-8")
        target = out / "events" / event["id"][:4] / f"{event['id']}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        total += len(data)
    return SynthReport(events=len(events), files=len(events) + len(REGISTRIES), bytes=total)


# --- the real-shaped corpus --------------------------------------------------------------------------------------

# Each copy of the real events moves by the same number of days (months for dates known to the month), so the
# duplicates and related links inside the real data stay as they are, and copies overlap one another as crowded
# real data would.
_SHIFT_DAYS = 45
_DAY_TOKEN = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH_TOKEN = re.compile(r"(?<![\d-])(\d{4})-(0[1-9]|1[0-2])(?![\d-])")


def _shift_date(text: str, days: int) -> str:
    """An EDTF date moved by `days` (whole months, rounded, for a date known only to the month)."""
    moved = _DAY_TOKEN.sub(lambda m: (date(int(m[1]), int(m[2]), int(m[3])) + timedelta(days=days)).isoformat(), text)
    months = round(days / 30)

    def month(match: re.Match[str]) -> str:
        """One YYYY-MM token moved by `months`."""
        index = int(match[1]) * 12 + int(match[2]) - 1 + months
        return f"{index // 12:04d}-{index % 12 + 1:02d}"

    return _MONTH_TOKEN.sub(month, moved)


def _real_events(project: Path) -> list[tuple[dict[str, Any], str]]:
    """The project's event files, (data, text), in path order."""
    found = []
    for file in sorted((project / "events").glob("[0-9]*/*.yaml")):
        text = file.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        if isinstance(data, dict) and isinstance(data.get("id"), str) and isinstance(data.get("date"), str):
            found.append((data, text))
    return found


def _copy_id(start: str, slug: str, copy: int) -> str:
    """The id of a copy of a real event: its new start date, its slug cut to fit the schema's id length, `-k<copy>`
    (the longest real ids would pass the limit from the tenth copy on, and the corpus would not build)."""
    suffix = f"-k{copy}"
    stem = f"{start}{slug}"[: schema()["properties"]["id"]["maxLength"] - len(suffix)].rstrip("-")
    return stem + suffix


def real_copy_texts(n: int, seed: int = 0, project: Path = PROJECT_ROOT) -> list[tuple[str, str]]:
    """(id, file text) of n events: the project's real events copied over and over, each copy with new ids
    (`-k<copy>`), its dates moved by one random shift, and its related links pointing into the same copy."""
    reals = _real_events(project)
    if not reals:
        raise ValueError(f"{project / 'events'} holds no event files to copy")
    rng = random.Random(seed)
    low, high = CAMPAIGN_BOUNDS
    copies = -(-n // len(reals))
    shifts = [0] + [rng.randint(-_SHIFT_DAYS, _SHIFT_DAYS) for _ in range(copies - 1)]
    ids_of: list[dict[str, str]] = []
    dates_of: list[dict[str, str]] = []
    for copy, days in enumerate(shifts):
        ids, moved = {}, {}
        for data, _ in reals:
            text = _shift_date(data["date"], days)
            try:
                parsed = dates.parse(text)
                fits = low <= parsed.start and parsed.end <= high
            except dates.DateError:
                fits = False
            text = text if fits else data["date"]
            moved[data["id"]] = text
            ids[data["id"]] = _copy_id(dates.parse(text).start.isoformat(), data["id"][10:], copy)
        if len(set(ids.values())) != len(ids):
            raise ValueError(f"two real ids give one id in copy {copy}; shorten one of them")
        ids_of.append(ids)
        dates_of.append(moved)
    out = []
    for index in range(n):
        copy, (data, text) = index // len(reals), reals[index % len(reals)]
        # The last copy may be partial: a link to an event it lacks points into the copy before (or is dropped).
        present = {d["id"] for d, _ in reals[: n - copy * len(reals)]}

        def target(ref: str, copy: int = copy, present: set[str] = present) -> str | None:
            """Where a related id of this copy points."""
            if ref in present:
                return ids_of[copy].get(ref)
            return ids_of[copy - 1].get(ref) if copy > 0 else None

        related = [t for t in (target(r) for r in data.get("related") or []) if t is not None]
        new_id = ids_of[copy][data["id"]]
        text = re.sub(r"^id: .*$", f"id: {new_id}", text, count=1, flags=re.M)
        text = re.sub(r"^date: .*$", f"date: {_scalar(dates_of[copy][data['id']])}", text, count=1, flags=re.M)
        if related:
            text = re.sub(r"^related: .*$", f"related: {_flow(related)}", text, count=1, flags=re.M)
        else:
            text = re.sub(r"^related: .*\n", "", text, count=1, flags=re.M)
        out.append((new_id, text))
    return out


def synth_real(n: int, out: Path, seed: int = 0, project: Path = PROJECT_ROOT) -> SynthReport:
    """Write a project of `n` real-shaped events into `out`: the real events copied (see real_copy_texts)."""
    if n < 0:
        raise ValueError("the number of events must be at least 0")
    _project(out, project, f"python -m tools.synth {n} --shape real --seed {seed}", "copies of the real events, moved")
    total = 0
    for event_id, text in real_copy_texts(n, seed, project):
        data = text.encode("utf-8")
        target = out / "events" / event_id[:4] / f"{event_id}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        total += len(data)
    return SynthReport(events=n, files=n + len(REGISTRIES), bytes=total)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m tools.synth N --out DIR [--seed S] [--shape synthetic|real]`: 0, or 2 on a usage error."""
    parser = argparse.ArgumentParser(prog="python -m tools.synth", description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, metavar="N", help="number of events")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the project into")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0); same N and seed, same files")
    parser.add_argument(
        "--shape",
        choices=("synthetic", "real"),
        default="synthetic",
        help="synthetic: made-up events placed apart (default); real: the project's events copied with new ids and "
        "dates, keeping their duplicates and related links",
    )
    args = parser.parse_args(argv)
    if args.count < 0:
        print(f"{parser.prog}: N must be 0 or more", file=sys.stderr)
        return 2
    try:
        made = (synth_real if args.shape == "real" else synth)(args.count, args.out, seed=args.seed)
    except FileExistsError as error:
        print(f"{parser.prog}: {error}", file=sys.stderr)
        return 2
    print(f"wrote {plural(made.events, 'event')} ({made.bytes:,} bytes) and the project into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
