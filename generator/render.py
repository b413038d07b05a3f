"""Render the Catalog into Markdown pages through the Jinja2 templates in site_templates/. Pure: no I/O but
reading templates, no clock."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from . import filters, maps
from .catalog import Catalog
from .model import GROUPS, Claim, Event, Place
from .timeline import INDEX_PATH, PAGE_LIMIT, TimelinePage, page_of_event, timeline_pages

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "site_templates"


def event_path(event_id: str) -> str:
    """Docs-relative path of an event page."""
    return f"events/{event_id}.md"


def place_path(place_id: str) -> str:
    """Docs-relative path of a place page."""
    return f"places/{place_id}.md"


def actor_path(actor_id: str) -> str:
    """Docs-relative path of an actor page."""
    return f"actors/{actor_id}.md"


def phase_path(phase_id: str) -> str:
    """Docs-relative path of a phase page."""
    return f"phases/{phase_id}.md"


@cache
def environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """The Jinja environment, created once per process: templates compile once."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        undefined=jinja2.StrictUndefined,
        # Output is Markdown, not HTML: escaping is explicit through the `md` filter, which also covers
        # Markdown syntax that HTML autoescaping would let through.
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        md=filters.md,
        md_url=filters.md_url,
        paragraph=filters.paragraph_html,
        number=filters.number,
        arabic=filters.arabic,
        also_known_as=lambda record: filters.also_known_as(record.aliases, record.name_ar),
    )
    return env


class _Page:
    """Helpers bound to one catalog and one page being rendered, exposed to its template."""

    def __init__(
        self, catalog: Catalog, here: str, timeline_of: dict[str, TimelinePage], outlines: tuple[maps.Outline, ...]
    ) -> None:
        """Remember the catalog, which timeline page lists each event, the base map and this page's path."""
        self.catalog, self.here, self.timeline_of, self.outlines = catalog, here, timeline_of, outlines

    def valley_map(self, highlight: Place | None = None) -> str:
        """The valley map, linked from this page, with one place highlighted or none."""
        title = f"Where {highlight.name} lies" if highlight else "Places of the campaign with verified coordinates"
        return maps.valley_map(
            list(self.catalog.places.values()),
            self.outlines,
            lambda p: self.url(place_path(p.id)),
            title=title,
            highlight=highlight,
        )

    def month_chart(self) -> str:
        """Events per month as an SVG column chart."""
        bars = [maps.Bar(label, n) for label, n in self.catalog.events_per_month()]
        return maps.bar_chart(
            bars,
            title="Events per month",
            description=maps.describe_bars(bars, "Events per month, busiest first:"),
            ident="chart-months",
            horizontal=False,
        )

    def kind_chart(self) -> str:
        """Events by kind as an SVG bar chart."""
        bars = [maps.Bar(label, n) for label, n in self.catalog.events_per_kind()]
        return maps.bar_chart(
            bars,
            title="Events by kind",
            description=maps.describe_bars(bars, "Events by kind, most frequent first:"),
            ident="chart-kinds",
            horizontal=True,
        )

    def link(self, target: str) -> str:
        """A relative Markdown link from this page to another generated page (MkDocs checks and rewrites it)."""
        return filters.relative(target, self.here)

    def url(self, target: str) -> str:
        """A relative URL for raw HTML, which MkDocs does not rewrite: directory URLs, as the site uses."""
        return filters.relative_url(target, self.here)

    def who(self, actor_id: str) -> str:
        """The short name of an actor, or 'civilians' / 'people'."""
        return actor_id if actor_id in GROUPS else self.catalog.actors[actor_id].short_name

    def claim(self, claim: Claim) -> str:
        """A claim in words, without its claimant."""
        return filters.claim_sentence(
            claim.what, claim.what_label, self.who(claim.about), claim.min, claim.max, claim.unit_label
        )

    def filter_options(self, events: tuple[Event, ...]) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """The timeline filters: (field, label, [(value, text)]) for the values present among `events`."""
        catalog = self.catalog
        fields: list[tuple[str, str, dict[str, str]]] = [
            ("actor", "Actor", {a: catalog.actors[a].short_name for e in events for a in e.actors}),
            ("kind", "Kind", {e.kind: e.kind_label for e in events}),
            ("place", "Place", {p: catalog.places[p].name for e in events for p in e.places}),
            ("phase", "Phase", {e.phase: catalog.phases[e.phase].name for e in events}),
            ("confidence", "Confidence", {e.confidence: e.confidence_label for e in events}),
        ]
        # Phases keep campaign order; everything else is alphabetical by what the reader sees.
        order = {p: i for i, p in enumerate(catalog.phases)}
        return [
            (name, label, sorted(values.items(), key=lambda kv: (order.get(kv[0], 0), kv[1].casefold(), kv[0])))
            if name == "phase"
            else (name, label, sorted(values.items(), key=lambda kv: (kv[1].casefold(), kv[0])))
            for name, label, values in fields
        ]

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
            "timeline_link": lambda e: self.link(self.timeline_of[e.id].path),
            "who": self.who,
            "claim_text": self.claim,
            "filter_options": self.filter_options,
            "valley_map": self.valley_map,
            "month_chart": self.month_chart,
            "kind_chart": self.kind_chart,
        }
        return {"catalog": self.catalog, "here": self.here, **helpers}


def templates_for(root: Path) -> Path:
    """The project's own site_templates/ when it has one, else the templates beside this package."""
    own = root / "site_templates"
    return own.resolve() if own.is_dir() else TEMPLATES_DIR


def render_site(
    catalog: Catalog,
    templates_dir: Path = TEMPLATES_DIR,
    outlines: tuple[maps.Outline, ...] | None = None,
    page_limit: int = PAGE_LIMIT,
) -> dict[str, str]:
    """Every generated page, by docs-relative path."""
    env = environment(templates_dir)
    base_map = maps.load_outlines() if outlines is None else outlines
    timeline = timeline_pages(catalog, page_limit)
    timeline_of = page_of_event(timeline)

    def render(template: str, here: str, **context: Any) -> str:
        """Render one template for the page at `here`."""
        return env.get_template(template).render(**_Page(catalog, here, timeline_of, base_map).globals(), **context)

    pages = {
        "index.md": render("home.md.j2", "index.md", figures=catalog.figures()),
        "places/index.md": render("places_index.md.j2", "places/index.md"),
        "actors/index.md": render("actors_index.md.j2", "actors/index.md"),
        "phases/index.md": render("phases_index.md.j2", "phases/index.md"),
    }
    if timeline[0].path != INDEX_PATH:
        pages[INDEX_PATH] = render("timeline_overview.md.j2", INDEX_PATH, timeline=timeline)
    for page in timeline:
        pages[page.path] = render("timeline.md.j2", page.path, page=page, timeline=timeline)
    for event in catalog.events:
        pages[event_path(event.id)] = render("event.md.j2", event_path(event.id), event=event)
    for place in catalog.places.values():
        pages[place_path(place.id)] = render("place.md.j2", place_path(place.id), place=place)
    for actor in catalog.actors.values():
        pages[actor_path(actor.id)] = render("actor.md.j2", actor_path(actor.id), actor=actor)
    for phase in catalog.phases.values():
        pages[phase_path(phase.id)] = render("phase.md.j2", phase_path(phase.id), phase=phase)
    return dict(sorted(pages.items()))
