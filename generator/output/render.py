"""Render the Catalog into Markdown pages through the Jinja2 templates in site_templates/. Pure: no I/O but
reading templates, no clock."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
import markupsafe
from markupsafe import Markup

from generator.checks import report
from generator.input.dates import MONTH_NAMES
from generator.model.catalog import Catalog, CivilianMonth
from generator.model.records import Actor, CivilianHarm, Claim, Event, Phase, Place
from generator.model.timeline import (
    INDEX_PATH,
    PAGE_LIMIT,
    TimelinePage,
    month_key,
    month_label,
    page_of_event,
    timeline_pages,
)
from generator.output import citations, filters, i18n, maps, urls
from generator.output.i18n import ENGLISH, Edition
from generator.output.sitelinks import SiteLinks
from generator.output.urls import (
    CIVILIAN_HARM_PAGE,
    CONTRIBUTING_PAGE,
    ERRORS_PAGE,
    INDEX_PAGE,
    actor_path,
    event_path,
    phase_path,
    place_path,
    registry_index,
)
from generator.problems import CODES, Code, Severity
from generator.settings import SITE_TITLE

# site_templates/ at the top of the repository is shipped inside the package as generator.site_templates
# (pyproject.toml maps it), so the editable install and an installed wheel find the same templates.
TEMPLATES_DIR = Path(str(files("generator.site_templates")))


def month_anchor(key: str) -> str:
    """The id of a month's first heading in the timeline: 'month-2018-09' (urls.RESERVED_ID_FORMS keeps headings
    off it)."""
    return f"month-{key}"


def _events_at(paths: Collection[str], catalog: Catalog) -> list[Event]:
    """The catalog's events whose pages are among `paths`, in date order."""
    wanted = set(paths)
    return [event for event in catalog.events if event_path(event.id) in wanted]


def isolated(edition: Edition, text: str) -> Markup:
    """Text escaped for HTML (markup passes as it is) and, on the Arabic edition, isolated for direction when it
    is Latin (<bdi>): a name or a publication keeps its letters and figures in order in right-to-left text."""
    escaped = markupsafe.escape(text)
    return Markup(filters.isolate_latin(escaped)) if edition.arabic else escaped


def isolated_runs(edition: Edition, text: str) -> Markup:
    """Text or sanitized HTML escaped like `isolated`, with the runs of Latin words inside an Arabic translation
    isolated for direction on the Arabic edition."""
    escaped = markupsafe.escape(text)
    return Markup(filters.isolate_latin_runs(escaped)) if edition.arabic else escaped


@cache
def environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """The Jinja environment, created once per process: templates compile once."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        undefined=jinja2.StrictUndefined,
        # Every value is escaped for HTML unless it is Markup: the pages are Markdown with raw HTML in them, and a
        # value that reaches one without a filter must read as text, never run. The filters that make Markdown
        # or HTML (`md` for Markdown inline, which also escapes Markdown's own syntax, `paragraph`, …) return
        # Markup, escaped inside, so nothing is escaped twice.
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        md=filters.md,
        md_code=filters.md_code,
        code_span=filters.code_span,
        code_block=filters.code_block,
        md_url=filters.md_url,
        paragraph=filters.paragraph_html,
        number=filters.number,
        arabic=filters.arabic,
        # On the Arabic edition, Latin text isolated for direction (<bdi>); the English edition leaves it.
        ltr=jinja2.pass_context(lambda context, text: isolated(context["ed"], text)),
        # On the Arabic edition, the Latin names inside an Arabic translation isolated (<bdi>).
        ltr_runs=jinja2.pass_context(lambda context, text: isolated_runs(context["ed"], text)),
    )
    return env


# The home page ends with the campaign's latest events, this many, newest first.
HOME_LATEST = 5

# A place, actor or phase page lists its events while they are at most this many; beyond, it gives a month index
# into the timeline instead, so that no page grows with the data set (a listed event is about 0.5 KB of HTML).
LIST_LIMIT = 200


@dataclass(frozen=True, slots=True)
class MonthRow:
    """One month of a long event list: its label, how many events, and (title, URL) of the timeline pages."""

    label: str
    count: int
    pages: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class FilterOption:
    """One value a timeline filter offers: what it matches, what the reader sees, and whether that is Latin text
    to set left to right on the Arabic edition (a name in a right-to-left menu)."""

    value: str
    text: str
    ltr: bool


@dataclass(frozen=True, slots=True)
class Filter:
    """One filter of the timeline: the field it matches (`data-<name>` of the entries), its label, its values."""

    name: str
    label: str
    options: tuple[FilterOption, ...]


NO_MARKUP = Markup("")


@dataclass(frozen=True, slots=True)
class CodeGroup:
    """The problem codes of one severity, under their heading in the error catalogue."""

    heading: str
    codes: tuple[Code, ...]


def code_groups(codes: Collection[Code], edition: Edition) -> list[CodeGroup]:
    """The error catalogue's sections: the errors, then the warnings, each headed in `edition`'s words."""
    sections = ((Severity.ERROR, "Errors"), (Severity.WARNING, "Warnings"))
    return [CodeGroup(edition.t(heading), tuple(c for c in codes if c.severity is s)) for s, heading in sections]


@dataclass(frozen=True, slots=True)
class Citation:
    """How an event page cites the event: the address its copy script starts from, the address the citation
    shows, and (label, URL) of each downloadable file."""

    address: str
    shown: str
    files: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Admonition:
    """A box beside the text (Material's admonition): its kind (warning, note: the CSS class that colours it),
    its title and its body as HTML."""

    kind: str
    title: Markup
    body: Markup


@dataclass(frozen=True, slots=True)
class EventListing:
    """The events of a place, actor or phase page: listed one by one while they are at most LIST_LIMIT, else a
    month index into the timeline (`months`), introduced by `intro`."""

    events: tuple[Event, ...]
    months: tuple[MonthRow, ...] = ()
    intro: Markup = NO_MARKUP


class _Page:
    """Helpers bound to one catalog and one page being rendered, exposed to its template."""

    def __init__(
        self,
        catalog: Catalog,
        here: str,
        timeline_of: dict[str, TimelinePage],
        outlines: tuple[maps.Outline, ...],
        links: SiteLinks,
        engine: str = "mkdocs",
        edition: Edition = ENGLISH,
    ) -> None:
        """Remember the catalog, which timeline page lists each event, the base map, the project's addresses,
        the edition (language) and this page's path."""
        self.catalog, self.here, self.timeline_of, self.outlines = catalog, here, timeline_of, outlines
        self.links = links
        self.ed = edition
        # Zensical rewrites raw HTML links from the Markdown file's folder; MkDocs leaves them as written.
        self.engine = engine

    def map_words(self) -> maps.MapWords:
        """The maps' words and place names in this edition."""
        if not self.ed.arabic:
            return maps.ENGLISH_WORDS
        t = self.ed.t
        return maps.MapWords(
            showing=t("Map showing {names}."),
            empty=t("Map."),
            marked=t("{name} is marked."),
            inset_title=t("Inset: the Baghuz–Abu Kamal pocket"),
            inset_desc=t("Map of the pocket, larger, showing {names}."),
            see_inset=t("see inset"),
            unlabelled=t(" Not labelled for lack of room (each dot names its place on hover): {names}."),
            key=t("Map key"),
            key_place=t("place (links to its page)"),
            river=t("Euphrates"),
            border=t("Syria–Iraq border"),
            inset_area=t("area of the inset"),
            km=t("{n} km"),
            separator=t(", "),
            countries=i18n.ARABIC_COUNTRIES,
            name=self.place_name,
            mixed=filters.isolate_latin,
        )

    def valley_map(self) -> Markup:
        """The valley map as a figure with its key, every located place linked from this page."""
        caption = self.ed.t(
            "River and border lines from Natural Earth (1:50m, public domain): positions along the river are "
            "schematic to within a few kilometres. Only places with verified coordinates are drawn."
        )
        return Markup(
            maps.map_figure(
                list(self.catalog.places.values()),
                self.outlines,
                lambda p: self.url(place_path(p.id)),
                title=self.ed.t("Places of the campaign with verified coordinates"),
                ident="map-valley",
                caption=caption,
                words=self.map_words(),
            )
        )

    def place_map(self, place: Place) -> Markup:
        """A map centred on a place at a closer scale, with the other places of its events."""
        t = self.ed.t
        caption = t(
            "{name} and the other places of its events. River and border lines from Natural Earth (1:50m, public "
            "domain), schematic to within a few kilometres.",
            name=self.place_name(place),
        )
        others = {p for e in self.catalog.by_place[place.id] for p in e.places if p != place.id}
        shown = [place, *(self.catalog.places[p] for p in sorted(others))]
        frame = maps.place_frame(place, shown[1:])
        far = [p for p in shown[1:] if p.coordinates and not frame.contains(p.coordinates.lon, p.coordinates.lat)]
        if far:
            caption += t(" Farther away, off this map: {names}.", names=t(", ").join(self.place_name(p) for p in far))
        return Markup(
            maps.map_figure(
                shown,
                self.outlines,
                lambda p: self.url(place_path(p.id)),
                title=t("Where {name} lies, with the other places of its events", name=self.place_name(place)),
                ident=f"map-{place.id}",
                caption=caption,
                highlight=place,
                frame=frame,
                words=self.map_words(),
            )
        )

    def cite(self, event: Event) -> Citation:
        """The event's citation: its address (absolute when the site's is known) and its downloadable files."""
        permalink = self.links.page(event_path(event.id))
        files = tuple(
            (label, urls.raw_html_file_url(urls.citation_path(event.id, ext), self.here, self.engine))
            for ext, label in citations.FORMATS.items()
        )
        # Without the site's address the page's script reads its own ('./'), and the text shows the page's path.
        return Citation(permalink or "./", permalink or f"events/{event.id}/", files)

    def short_month(self, key: str) -> str:
        """A month in a short form for charts and menus: 'Sep 2018' (Arabic: 'أيلول 2018', which has no shorter)."""
        if self.ed.arabic:
            return self.ed.month(key)
        return f"{MONTH_NAMES[int(key[5:]) - 1][:3]} {key[:4]}"

    def civilian_chart(self) -> Markup:
        """Per month, the largest single claim of civilians killed, as the range it was claimed in."""
        t = self.ed.t
        rows = []
        described = []
        for month in self.catalog.civilian_deaths_per_month():
            label = self.short_month(month.key)
            if month.largest is None:
                note = t("no figure") if month.events else ""
                rows.append(maps.RangeRow(label, 0, 0, note, False))
                continue
            event, claim = month.largest
            figure = self.figure(claim)
            rows.append(maps.RangeRow(label, month.low, month.high, figure, True))
            described.append(
                t(
                    "{month}: {figure}, claimed by {by} ({title})",
                    month=label,
                    figure=figure,
                    by=claim.by,
                    title=self.title(event),
                )
            )
        description = t(
            "The largest single claim of civilians killed in each month, as the range it was claimed in: {claims}.",
            claims=t("; ").join(described) if described else t("none"),
        )
        # Arabic month names are longer than 'Sep 2018': their column is as wide as the longest needs (Arabic
        # letters are narrower than maps.CHAR_WIDTH's bound for Latin ones).
        longest = max((len(row.label) for row in rows), default=0)
        label_width = max(78, math.ceil(longest * 0.5 * maps.FONT) + 10) if self.ed.arabic else 78
        return Markup(
            maps.range_chart(
                rows,
                title=t("Civilians reported killed: the largest claim each month"),
                description=description,
                ident="chart-civilians",
                label_width=label_width,
            )
        )

    def largest_claim(self, month: CivilianMonth) -> Markup:
        """The table cell of a month's largest claim of civilians killed: the claim, its claimant and its event
        linked ('' for a month without one)."""
        if month.largest is None:
            return NO_MARKUP
        event, claim = month.largest
        # Each edition's words escaped as its pages always had them (the English table from the plain texts).
        what = self.claim_html(claim) if self.ed.arabic else self.claim(claim)
        title = self.event_title_html(event) if self.ed.arabic else event.title
        link = Markup('<a href="{url}">{title}</a>').format(url=self.url(event_path(event.id)), title=title)
        return self.message(
            "{claim}, claimed by {by} ({event})", claim=what, by=isolated(self.ed, claim.by), event=link
        )

    def figure(self, claim: Claim) -> str:
        """A claim's figure alone, never more precise than claimed: 'up to 100', '2,500–3,000'."""
        if self.ed.arabic:
            return filters.arabic_figure(claim.min, claim.max)
        return filters.figure(claim.min, claim.max)

    def overview(self) -> Markup:
        """The campaign at a glance: events per month by group of kinds, each month a link into the timeline."""
        t = self.ed.t
        by_month: dict[str, list[Event]] = {}
        for event in self.catalog.events:
            by_month.setdefault(month_key(event), []).append(event)
        keys = [k for k in sorted(by_month) if not k.endswith("-00")]
        if not keys:
            return NO_MARKUP
        groups = {group: label for group, label, _kinds in maps.KIND_GROUPS}
        if self.ed.arabic:
            groups = {group: t(label) for group, label in groups.items()}
        first, last = keys[0], keys[-1]
        year, month = int(first[:4]), int(first[5:])
        columns = []
        while f"{year}-{month:02d}" <= last:
            key = f"{year}-{month:02d}"
            events = by_month.get(key, [])
            counts = tuple(sum(1 for e in events if e.kind in kinds) for _g, _l, kinds in maps.KIND_GROUPS)
            named = [(groups[g], n) for (g, _l, _k), n in zip(maps.KIND_GROUPS, counts, strict=True) if n]
            if self.ed.arabic:
                parts = t(", ").join(f"{label}: {n}" for label, n in named)
                name = t("{month}: {n} events", month=self.ed.month(key), n=len(events))
                initial = str(month)
            else:
                parts = ", ".join(f"{n} {label.lower()}" for label, n in named)
                name = f"{month_label(key)}: {len(events)} event{'s' if len(events) != 1 else ''}"
                initial = month_label(key)[0]
            name += f" ({parts})" if parts else ""
            page = self.timeline_of[events[0].id].path if events else self.timeline_of[self.catalog.events[0].id].path
            href = f"{self.url(page)}?{urlencode({'from': key, 'to': key})}#{month_anchor(key)}"
            columns.append(maps.OverviewMonth(initial, year, href, counts, name))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        chart = maps.overview_chart(
            columns,
            ident="chart-overview",
            title=t("The campaign month by month"),
            description=t("Events per month, by group of kinds; each month links to its events in the timeline."),
        )
        return Markup(chart + maps.overview_legend(groups, t("Colours of the overview")))

    def _chart(
        self,
        rows: list[tuple[str, int]],
        title: str,
        ranking: str,
        ident: str,
        *,
        horizontal: bool,
        ticks: list[str] | None = None,
    ) -> Markup:
        """An accessible SVG bar chart of (label, count) rows, described for screen readers busiest first;
        `ticks` are shorter labels to draw under the columns."""
        bars = [maps.Bar(label, n, tick) for (label, n), tick in zip(rows, ticks or [""] * len(rows), strict=True)]
        empty = self.ed.t("No {what}.", what=title) if self.ed.arabic else None
        description = maps.describe_bars(bars, f"{title}, {ranking}:", empty)
        return Markup(maps.bar_chart(bars, title=title, description=description, ident=ident, horizontal=horizontal))

    def events_per_month(self) -> list[tuple[str, int]]:
        """(month, n) from the first event's month to the last's, in this edition's words."""
        if not self.ed.arabic:
            return self.catalog.events_per_month()
        return [(self.ed.month(key), n) for key, n in self.catalog.month_counts()]

    def events_per_kind(self) -> list[tuple[str, int]]:
        """(kind, n) for every kind in use, most frequent first, in this edition's words."""
        if not self.ed.arabic:
            return self.catalog.events_per_kind()
        rows = [(self.ed.label("kind", kind, kind), n) for kind, n in self.catalog.kind_counts()]
        return sorted(rows, key=lambda row: (-row[1], row[0]))

    def month_chart(self) -> Markup:
        """Events per month as an SVG column chart."""
        t = self.ed.t
        # Arabic month names are too long to stand side by side under 19 columns: the columns are numbered as
        # Syrians write a month, '9/2017', and the names stay in the columns' titles, the description and the table.
        ticks = [f"{int(key[5:])}/{key[:4]}" for key, _n in self.catalog.month_counts()] if self.ed.arabic else None
        return self._chart(
            self.events_per_month(),
            t("Events per month"),
            t("busiest first"),
            "chart-months",
            horizontal=False,
            ticks=ticks,
        )

    def kind_chart(self) -> Markup:
        """Events by kind as an SVG bar chart."""
        t = self.ed.t
        return self._chart(
            self.events_per_kind(), t("Events by kind"), t("most frequent first"), "chart-kinds", horizontal=True
        )

    # Names and text in the edition's language: the Arabic name where the registry verifies one, else the Latin.
    def place_name(self, place: Place) -> str:
        """A place's name in this edition."""
        return i18n.unvocalized(place.name_ar) if self.ed.arabic and place.name_ar else place.name

    def actor_name(self, actor: Actor) -> str:
        """An actor's full name in this edition."""
        return i18n.unvocalized(actor.name_ar) if self.ed.arabic and actor.name_ar else actor.name

    def phase_name(self, phase: Phase) -> str:
        """A phase's name in this edition."""
        return i18n.unvocalized(phase.name_ar) if self.ed.arabic and phase.name_ar else phase.name

    def phase_dates(self, phase: Phase) -> str:
        """A phase's dates in words."""
        if not self.ed.arabic:
            return phase.label
        if phase.end is None:
            return f"منذ {self.ed.date(phase.start)}"
        if phase.start.is_interval or phase.end.is_interval:
            # An interval is already worded 'من … إلى …': the phase's two ends stand apart with a dash.
            return f"{self.ed.date(phase.start)} – {self.ed.date(phase.end)}"
        return f"من {self.ed.date(phase.start)} إلى {self.ed.date(phase.end)}"

    def title(self, event: Event) -> str:
        """An event's title in this edition (the English one where it has no Arabic)."""
        return event.ar.title if self.ed.arabic and event.ar else event.title

    def summary(self, event: Event) -> str:
        """An event's summary in this edition (the English one where it has no Arabic)."""
        return event.ar.summary if self.ed.arabic and event.ar else event.summary

    def confidence_note(self, event: Event) -> str | None:
        """An event's confidence note in this edition (the English one where it has no Arabic)."""
        if self.ed.arabic and event.ar and event.ar.confidence_note:
            return event.ar.confidence_note
        return event.confidence_note

    def prose(self, event: Event, text: str) -> Markup:
        """An event's summary or note as sanitized HTML: on the Arabic edition the Latin names of a translation
        isolated, an English fallback left as it is (its element is marked English instead)."""
        html = filters.paragraph_html(text)
        return html if self.untranslated(event) else isolated_runs(self.ed, html)

    def summary_html(self, event: Event) -> Markup:
        """An event's summary as this edition's page shows it (see `prose`)."""
        return self.prose(event, self.summary(event))

    def confidence_box(self, event: Event) -> Admonition | None:
        """The box of an event with a confidence note: a warning titled 'Disputed' when the event is disputed,
        else a note titled 'Uncertain'; None for an event without a note."""
        note = self.confidence_note(event)
        if not event.confidence_note or note is None:
            return None
        body = self.prose(event, note)
        if self.untranslated(event):
            body = Markup("<div{}>{}</div>").format(self.english(event), body)
        if event.disputed:
            return Admonition("warning", self.message("Disputed"), body)
        return Admonition("note", self.message("Uncertain"), body)

    def short_name(self, actor: Actor) -> str | None:
        """An actor's short name in this edition where it differs from its full name (pages give it after the
        name, in parentheses), else None."""
        short = self.who(actor.id)
        return short if short != self.actor_name(actor) else None

    def other_names(self, place: Place) -> Markup:
        """What an event page gives in parentheses after a place's name: on the Arabic edition its Latin name
        where an Arabic one leads, on the English its aliases and its Arabic name ('' for none)."""
        if self.ed.arabic:
            return isolated(self.ed, filters.md(place.name)) if place.name_ar else NO_MARKUP
        names = [filters.md(alias) for alias in place.aliases]
        if place.name_ar:
            names.append(filters.arabic(place.name_ar))
        return Markup(", ").join(names)

    def spellings(self, record: Place | Actor) -> list[str]:
        """The spellings an index lists beside a place's or actor's name: on the Arabic edition its Latin name
        and aliases, on the English its aliases."""
        return [record.name, *record.aliases] if self.ed.arabic else list(record.aliases)

    def english_text(self, text: str) -> Markup:
        """Contributor text that is always in English (a claim's or grading's note), escaped, and marked as
        English on the Arabic edition."""
        if self.ed.arabic:
            return Markup('<span lang="en" dir="ltr">{}</span>').format(text)
        return markupsafe.escape(text)

    def source_count(self, event: Event) -> str:
        """How many sources an event has, in this edition's words: '1 source', '3 sources'."""
        n = len(event.sources)
        return self.ed.t("sources: {n}", n=n) if self.ed.arabic else report.plural(n, "source")

    def unreviewed(self, event: Event) -> bool:
        """True on the Arabic edition for an event whose Arabic text no fluent reader has reviewed yet."""
        return self.ed.arabic and event.ar is not None and not event.ar.reviewed

    def blamed_name(self, actor_id: str) -> str:
        """How this edition names a belligerent a civilian-harm record blames: by its full Arabic name on the
        Arabic edition, by its short name on the English."""
        return self.actor_name(self.catalog.actors[actor_id]) if self.ed.arabic else self.catalog.blamed_name(actor_id)

    def blamed(self, harm: CivilianHarm) -> Markup:
        """Whom a civilian-harm record blames, as a sentence with each belligerent linked: not known, contested
        between A, B and C, or the one suspected."""
        t = self.message
        if harm.unknown:
            return t("Blamed: **not known**. The sources name no belligerent.")
        links = [
            Markup("[{name}]({href})").format(
                name=isolated(self.ed, filters.md(self.blamed_name(actor_id))), href=self.link(actor_path(actor_id))
            )
            for actor_id in harm.blamed
        ]
        if harm.contested:
            return t("Blamed: **contested** between") + " " + filters.series(links, t(", "), t(" and ")) + "."
        return t("Blamed:") + " " + filters.series(links) + t(", the suspected belligerent.")

    def untranslated(self, event: Event) -> bool:
        """True on the Arabic edition for an event without Arabic text: its English is shown, marked."""
        return self.ed.arabic and event.ar is None

    def english(self, event: Event) -> Markup:
        """The attributes marking an element's text as English where this edition shows the English fallback."""
        return Markup(' lang="en" dir="ltr"') if self.untranslated(event) else NO_MARKUP

    def event_title_md(self, event: Event) -> Markup:
        """An event's title for Markdown: escaped, and marked as English where it falls back to English."""
        text = str(filters.md(self.title(event)))
        return Markup(f'<span lang="en" dir="ltr">{text}</span>' if self.untranslated(event) else self.mixed(text))

    def event_title_html(self, event: Event) -> Markup:
        """An event's title for raw HTML: escaped, and marked as English where it falls back to English."""
        text = str(escape(self.title(event)))
        return Markup(f'<span lang="en" dir="ltr">{text}</span>' if self.untranslated(event) else self.mixed(text))

    def mixed(self, escaped: str) -> str:
        """Escaped text of this edition with Latin runs isolated on the Arabic edition (see filters)."""
        return filters.isolate_latin_runs(escaped) if self.ed.arabic else escaped

    def kind(self, event: Event) -> str:
        """An event's kind in words."""
        return self.ed.label("kind", event.kind, event.kind_label)

    def confidence(self, event: Event) -> str:
        """An event's confidence in words."""
        return self.ed.label("confidence", event.confidence, event.confidence_label)

    def ltr(self, escaped: str) -> str:
        """Escaped text isolated for direction on the Arabic edition when it is Latin (a name, a publication):
        `<bdi>` keeps its letters and figures in order inside right-to-left text."""
        return filters.isolate_latin(escaped) if self.ed.arabic else escaped

    def link(self, target: str) -> str:
        """A relative Markdown link from this page to another generated page (MkDocs checks and rewrites it)."""
        return urls.relative(target, self.here)

    def url(self, target: str) -> str:
        """A relative URL for raw HTML, as the engine reads it: directory URLs, as the site uses."""
        return urls.raw_html_url(target, self.here, self.engine)

    def who(self, actor_id: str) -> str:
        """The short name of an actor, or 'civilians' / 'people' (on the Arabic edition the shortest of its Arabic
        name and aliases, such as قسد, else the Latin short name)."""
        if not self.ed.arabic:
            return self.catalog.who(actor_id)
        if actor_id in i18n.ARABIC_GROUPS:
            return i18n.ARABIC_GROUPS[actor_id]
        actor = self.catalog.actors[actor_id]
        return i18n.unvocalized(i18n.arabic_short_name(actor.name_ar, actor.aliases, actor.short_name))

    def claim(self, claim: Claim) -> str:
        """A claim in words, without its claimant."""
        if not self.ed.arabic:
            return filters.claim_sentence(
                claim.what, claim.what_label, self.who(claim.about), claim.min, claim.max, claim.unit_label
            )
        return self._arabic_claim(claim, self.who(claim.about))

    def _arabic_claim(self, claim: Claim, who: str) -> str:
        """A claim in Arabic words, with `who` (plain text, or markup already escaped) whom it is about."""
        unit = self.ed.label("claim.unit", claim.unit, claim.unit_label)
        what = self.ed.label("claim.what", claim.what, claim.what_label)
        return filters.arabic_claim_sentence(claim.what, what, who, claim.min, claim.max, unit)

    def claim_html(self, claim: Claim) -> Markup:
        """A claim escaped for raw HTML; on the Arabic edition a Latin name in it is isolated."""
        if not self.ed.arabic:
            return Markup(escape(self.claim(claim)))
        # A NUL stands for the name while the sentence is escaped (no escape touches it, and no text holds one).
        sentence = escape(self._arabic_claim(claim, "\x00"))
        return Markup(sentence.replace("\x00", self.ltr(escape(self.who(claim.about))), 1))

    def message(self, message: str, **values: object) -> Markup:
        """An interface message in this edition, for a template: the catalogue's text is the project's own
        Markdown and HTML, and each value filled into it is escaped unless it is markup already."""
        text = Markup(self.ed.t(message))
        return text.format(**values) if values else text

    def filter_options(self, events: tuple[Event, ...]) -> list[Filter]:
        """The timeline filters, each with the values present among `events`."""
        catalog, t = self.catalog, self.ed.t
        fields: list[tuple[str, str, dict[str, str]]] = [
            ("actor", t("Actor"), {a: self.who(a) for e in events for a in e.actors}),
            ("kind", t("Kind"), {e.kind: self.kind(e) for e in events}),
            ("place", t("Place"), {p: self.place_name(catalog.places[p]) for e in events for p in e.places}),
            ("phase", t("Phase"), {e.phase: self.phase_name(catalog.phases[e.phase]) for e in events}),
            ("confidence", t("Confidence"), {e.confidence: self.confidence(e) for e in events}),
            (
                "harm",
                t("Civilian harm"),
                {"civilians": t("Harm to civilians")} if any(e.harms_civilians for e in events) else {},
            ),
        ]
        # Phases keep campaign order; everything else is alphabetical by what the reader sees.
        order = {p: i for i, p in enumerate(catalog.phases)}
        filters_ = []
        for name, label, values in fields:
            if name == "phase":
                ordered = sorted(values.items(), key=lambda kv: (order.get(kv[0], 0), kv[1].casefold(), kv[0]))
            else:
                ordered = sorted(values.items(), key=lambda kv: (kv[1].casefold(), kv[0]))
            options = tuple(
                FilterOption(value, text, self.ed.arabic and filters.isolate_latin(text) != text)
                for value, text in ordered
            )
            filters_.append(Filter(name, label, options))
        return filters_

    def month_options(self, events: tuple[Event, ...]) -> list[tuple[str, str]]:
        """The months the date filter offers: ('2018-09', 'Sep 2018') from the first event's month to the last's."""
        starts = [e.date.start for e in events]
        ends = [e.date.end for e in events]
        if not starts:
            return []
        (year, month), last = (min(starts).year, min(starts).month), (max(ends).year, max(ends).month)
        options = []
        while (year, month) <= last:
            options.append((f"{year}-{month:02d}", self.short_month(f"{year}-{month:02d}")))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return options

    def event_listing(self, events: tuple[Event, ...], field: str, value: str) -> EventListing:
        """The events of the place, actor or phase `value` (`field` names which) as its page shows them: listed,
        or a month index when there are too many for one page."""
        if len(events) <= LIST_LIMIT:
            return EventListing(events)
        intro = self.message(
            "{n} events, too many for one page. The timeline lists them month by month; each link opens it showing "
            f"only this {field}'s events.",
            n=filters.number(len(events)),
        )
        return EventListing((), tuple(self.month_index(events, field, value)), intro)

    def month_index(self, events: tuple[Event, ...], field: str, value: str) -> list[MonthRow]:
        """For a list too long for one page: per month, how many events, and the timeline pages listing them,
        each linked with the timeline's filter set to this place, actor or phase (`?place=hajin`)."""
        by_month: dict[str, list[Event]] = {}
        for event in events:
            by_month.setdefault(month_key(event), []).append(event)
        query = f"?{urlencode({field: value})}"
        rows = []
        for key, mine in sorted(by_month.items()):
            # in order, once
            pages = {page.path: self.timeline_title(page) for page in (self.timeline_of[e.id] for e in mine)}
            links = tuple((title, self.url(path) + query) for path, title in pages.items())
            rows.append(MonthRow(self.ed.month(key), len(mine), links))
        return rows

    def also_known_as(self, record: Place | Actor) -> Markup:
        """' Also written: A, B. Arabic: <span…>.' (Arabic edition: the other spellings, Latin ones isolated)."""
        if not self.ed.arabic:
            return filters.also_known_as(record.aliases, record.name_ar)
        spellings = [record.name] if record.name_ar else []
        spellings += [alias for alias in record.aliases if alias != record.name_ar]
        if not spellings:
            return NO_MARKUP
        names = "، ".join(self.ltr(filters.md(s)) for s in spellings)
        return Markup(" " + self.ed.t("Also written:") + " " + names + ".")

    def timeline_title(self, page: TimelinePage) -> str:
        """A timeline page's title in this edition: 'Timeline', a phase, or a phase's month (and part)."""
        if not self.ed.arabic:
            return page.title
        if page.phase is None:
            return self.ed.t("Timeline")
        title = self.phase_name(page.phase)
        if page.key is not None:
            title += f": {self.ed.month(page.key)}"
        if page.part is not None:
            title += f" (الجزء {page.part[0]} من {page.part[1]})"
        return title

    def globals(self) -> dict[str, Any]:
        """What every template may call."""
        helpers: dict[str, Callable[..., Any]] = {
            "link": self.link,
            "event_link": lambda e: self.link(event_path(e.id)),
            "place_link": lambda p: self.link(place_path(p.id)),
            "actor_link": lambda a: self.link(actor_path(a.id)),
            "phase_link": lambda p: self.link(phase_path(p.id)),
            "url": self.url,
            "event_url": lambda e: self.url(event_path(e.id)),
            "place_url": lambda p: self.url(place_path(p.id)),
            "actor_url": lambda a: self.url(actor_path(a.id)),
            "timeline_link": lambda e: self.link(self.timeline_of[e.id].path) + f"#{e.id}",
            "month_span": lambda e: (f"{e.date.start:%Y-%m}", f"{e.date.end:%Y-%m}"),
            "month_anchor": month_anchor,
            "month_options": self.month_options,
            "short_month": self.short_month,
            "place_map": self.place_map,
            "civilian_chart": self.civilian_chart,
            "overview": self.overview,
            "cite": self.cite,
            "who": self.who,
            "claim_html": self.claim_html,
            "largest_claim": self.largest_claim,
            "filter_options": self.filter_options,
            "valley_map": self.valley_map,
            "month_chart": self.month_chart,
            "kind_chart": self.kind_chart,
            "event_listing": self.event_listing,
            "t": self.message,
            "date": self.ed.date,
            "explain": self.ed.explanation,
            "label": self.ed.label,
            "kind": self.kind,
            "confidence": self.confidence,
            "place_name": self.place_name,
            "actor_name": self.actor_name,
            "phase_name": self.phase_name,
            "phase_dates": self.phase_dates,
            "title": self.title,
            "title_md": self.event_title_md,
            "title_html": self.event_title_html,
            "summary_html": self.summary_html,
            "confidence_box": self.confidence_box,
            "blamed": self.blamed,
            "short_name": self.short_name,
            "other_names": self.other_names,
            "spellings": self.spellings,
            "english_text": self.english_text,
            "source_count": self.source_count,
            "unreviewed": self.unreviewed,
            "untranslated": self.untranslated,
            "english": self.english,
            "timeline_title": self.timeline_title,
            "per_month": self.events_per_month,
            "per_kind": self.events_per_kind,
            "aka": self.also_known_as,
        }
        helpers["permalink"] = lambda e: self.links.page(event_path(e.id))
        return {
            "catalog": self.catalog,
            "ed": self.ed,
            "here": self.here,
            "links": self.links,
            "site_title": SITE_TITLE,
            "contributing_page": CONTRIBUTING_PAGE,
            **helpers,
        }


def templates_for(root: Path) -> Path:
    """The project's own page templates (site_templates/*.j2) when it has them, else the package's.

    A project may have site_templates/ for its theme overrides alone (site_templates/theme, mkdocs.yml's
    custom_dir): that folder without page templates still builds with the package's."""
    own = root / "site_templates"
    return own.resolve() if any(own.glob("*.j2")) else TEMPLATES_DIR


# Who a page belongs to: ("event", id), ("place", id), ("actor", id), ("phase", id), ("timeline", phase id) for a
# timeline page of one phase, or ("generator", what) for a page the generator makes on its own.
PageOwner = tuple[str, str]


def page_plan(
    catalog: Catalog, page_limit: int | None = None, *, contributing: bool = False
) -> list[tuple[str, PageOwner]]:
    """Every page render_site makes, by docs-relative path, with whose page it is (for the collision check);
    `contributing` when the project has a contributors' guide (CONTRIBUTING.md) to publish."""
    timeline = timeline_pages(catalog, PAGE_LIMIT if page_limit is None else page_limit)
    plan: list[tuple[str, PageOwner]] = [(event_path(e.id), ("event", e.id)) for e in catalog.events]
    plan += [(INDEX_PAGE, ("generator", "the home page")), (ERRORS_PAGE, ("generator", "the error catalogue"))]
    plan.append((CIVILIAN_HARM_PAGE, ("generator", "the civilian-harm page")))
    if contributing:
        plan.append((CONTRIBUTING_PAGE, ("generator", "the contributors' guide")))
    plan += [(registry_index(kind), ("generator", f"the {kind} index")) for kind in ("places", "actors", "phases")]
    if timeline[0].path != INDEX_PATH:
        plan.append((INDEX_PATH, ("generator", "the timeline overview")))
    for page in timeline:
        owner = ("generator", "the timeline") if page.path == INDEX_PATH else ("timeline", page.phases[0].phase.id)
        plan.append((page.path, owner))
    plan += [(place_path(p), ("place", p)) for p in catalog.places]
    plan += [(actor_path(a), ("actor", a)) for a in catalog.actors]
    plan += [(phase_path(p), ("phase", p)) for p in catalog.phases]
    return plan


def _put(pages: dict[str, str], path: str, text: str) -> None:
    """Add a page, never over another: the check refuses collisions (E065), so one here is a bug."""
    if path in pages:
        raise ValueError(f"two pages at {path}")
    pages[path] = text


def render_site(
    catalog: Catalog,
    templates_dir: Path = TEMPLATES_DIR,
    outlines: tuple[maps.Outline, ...] | None = None,
    page_limit: int = PAGE_LIMIT,
    updated: Mapping[str, str] | None = None,
    *,
    links: SiteLinks | None = None,
    contributing: str | None = None,
    engine: str = "mkdocs",
    only: Collection[str] | None = None,
    timeline: list[TimelinePage] | None = None,
    edition: Edition = ENGLISH,
) -> dict[str, str]:
    """Every generated page, by docs-relative path; `updated` maps event files to their last-change date; `links`
    gives the repository's and the site's addresses when they are configured; `contributing` is the text of
    CONTRIBUTING.md, published as the contributors' guide page beside the error codes.

    `engine` is the site engine the pages are
    for: MkDocs and Zensical read relative links in raw HTML differently (see urls.raw_html_url). `edition` is the
    language the pages are in (generator/output/i18n.py): both editions render the same catalog through the same
    templates."""
    env = environment(templates_dir)
    base_map = maps.load_outlines() if outlines is None else outlines
    timeline = timeline if timeline is not None else timeline_pages(catalog, page_limit)
    timeline_of = page_of_event(timeline)

    # One helper and one set of globals for the whole run, pointed at each page in turn, and each template looked
    # up once: with 10,000 pages, building them per page cost more than some of the pages themselves.
    helper = _Page(catalog, INDEX_PATH, timeline_of, base_map, links or SiteLinks(), engine, edition)
    shared = {**helper.globals(), "has_guide": contributing is not None}
    templates: dict[str, jinja2.Template] = {}

    def render(template: str, here: str, **context: Any) -> str:
        """Render one template for the page at `here`."""
        helper.here = here
        if template not in templates:
            templates[template] = env.get_template(template)
        return templates[template].render({**shared, "here": here, **context})

    pages: dict[str, str] = {}
    wanted: Callable[[str], bool] = (lambda _: True) if only is None else set(only).__contains__
    for event in catalog.events if only is None else _events_at(only, catalog):
        last = (updated or {}).get(event.path)
        _put(pages, event_path(event.id), render("event.md.j2", event_path(event.id), event=event, updated=last))
    # The pages of which there is one each, rendered only when wanted.
    singles: dict[str, Callable[[], str]] = {
        INDEX_PAGE: lambda: render(
            "home.md.j2",
            INDEX_PAGE,
            figures=catalog.figures(),
            latest=catalog.latest(HOME_LATEST),
            unlocated=catalog.unlocated_places(),
        ),
        registry_index("places"): lambda: render("places_index.md.j2", registry_index("places")),
        registry_index("actors"): lambda: render("actors_index.md.j2", registry_index("actors")),
        registry_index("phases"): lambda: render("phases_index.md.j2", registry_index("phases")),
        ERRORS_PAGE: lambda: render("errors.md.j2", ERRORS_PAGE, code_groups=code_groups(CODES.values(), edition)),
    }
    if contributing is not None:
        # The project's own guide, reviewed like its code and published as the Markdown it is (the sanitizer
        # pass still runs over the built page).
        guide = Markup(contributing)
        singles[CONTRIBUTING_PAGE] = lambda: render("contributing.md.j2", CONTRIBUTING_PAGE, text=guide)
    singles[CIVILIAN_HARM_PAGE] = lambda: render(
        "civilian_harm.md.j2", CIVILIAN_HARM_PAGE, months=catalog.civilian_deaths_per_month()
    )
    if timeline[0].path != INDEX_PATH:
        singles[INDEX_PATH] = lambda: render("timeline_overview.md.j2", INDEX_PATH, timeline=timeline)
    for path, make in singles.items():
        if wanted(path):
            _put(pages, path, make())
    for page in timeline:
        if wanted(page.path):
            _put(pages, page.path, render("timeline.md.j2", page.path, page=page, timeline=timeline))
    for place in catalog.places.values():
        if wanted(place_path(place.id)):
            _put(pages, place_path(place.id), render("place.md.j2", place_path(place.id), place=place))
    for actor in catalog.actors.values():
        if wanted(actor_path(actor.id)):
            _put(pages, actor_path(actor.id), render("actor.md.j2", actor_path(actor.id), actor=actor))
    for phase in catalog.phases.values():
        if wanted(phase_path(phase.id)):
            _put(pages, phase_path(phase.id), render("phase.md.j2", phase_path(phase.id), phase=phase))
    return dict(sorted(pages.items()))
