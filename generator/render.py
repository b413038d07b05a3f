"""Render the Catalog into Markdown pages through the Jinja2 templates in site_templates/. Pure: no I/O but
reading templates, no clock."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any

import jinja2

from . import filters
from .catalog import Catalog
from .dates import MONTH_NAMES, Precision
from .model import GROUPS, Claim, Event

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


def year_path(year: int) -> str:
    """Docs-relative path of a timeline year page."""
    return f"timeline/{year}.md"


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


def month_group(event: Event) -> str:
    """The timeline heading an event is listed under: its start month, or the year when that is all we know."""
    start = event.date.first
    if start.precision is Precision.YEAR:
        return f"{start.year}, month unknown"
    assert start.month is not None
    return f"{MONTH_NAMES[start.month - 1]} {start.year}"


class _Page:
    """Helpers bound to one catalog and one page being rendered, exposed to its template."""

    def __init__(self, catalog: Catalog, here: str) -> None:
        """Remember the catalog and the page's own path, which all links are relative to."""
        self.catalog, self.here = catalog, here

    def link(self, target: str) -> str:
        """A relative link from this page to another generated page."""
        return filters.relative(target, self.here)

    def who(self, actor_id: str) -> str:
        """The short name of an actor, or 'civilians' / 'people'."""
        return actor_id if actor_id in GROUPS else self.catalog.actors[actor_id].short_name

    def claim(self, claim: Claim) -> str:
        """A claim in words, without its claimant."""
        return filters.claim_sentence(
            claim.what, claim.what_label, self.who(claim.about), claim.min, claim.max, claim.unit_label
        )

    def globals(self) -> dict[str, Any]:
        """What every template may call."""
        helpers: dict[str, Callable[..., Any]] = {
            "link": self.link,
            "event_link": lambda e: self.link(event_path(e.id)),
            "place_link": lambda p: self.link(place_path(p.id)),
            "actor_link": lambda a: self.link(actor_path(a.id)),
            "phase_link": lambda p: self.link(phase_path(p.id)),
            "year_link": lambda y: self.link(year_path(y)),
            "who": self.who,
            "claim_text": self.claim,
        }
        return {"catalog": self.catalog, "here": self.here, **helpers}


def templates_for(root: Path) -> Path:
    """The project's own site_templates/ when it has one, else the templates beside this package."""
    own = root / "site_templates"
    return own.resolve() if own.is_dir() else TEMPLATES_DIR


def render_site(catalog: Catalog, templates_dir: Path = TEMPLATES_DIR) -> dict[str, str]:
    """Every generated page, by docs-relative path."""
    env = environment(templates_dir)

    def render_page(catalog: Catalog, template: str, here: str, **context: Any) -> str:
        """Render one template for the page at `here`."""
        return env.get_template(template).render(**_Page(catalog, here).globals(), **context)

    pages = {
        "index.md": render_page(catalog, "home.md.j2", "index.md", figures=catalog.figures()),
        "timeline/index.md": render_page(catalog, "timeline_index.md.j2", "timeline/index.md"),
        "places/index.md": render_page(catalog, "places_index.md.j2", "places/index.md"),
        "actors/index.md": render_page(catalog, "actors_index.md.j2", "actors/index.md"),
        "phases/index.md": render_page(catalog, "phases_index.md.j2", "phases/index.md"),
    }
    for year in catalog.years():
        events = catalog.events_in_year(year)
        groups = [(label, list(items)) for label, items in groupby(events, key=month_group)]
        pages[year_path(year)] = render_page(catalog, "timeline_year.md.j2", year_path(year), year=year, groups=groups)
    for event in catalog.events:
        pages[event_path(event.id)] = render_page(catalog, "event.md.j2", event_path(event.id), event=event)
    for place in catalog.places.values():
        pages[place_path(place.id)] = render_page(catalog, "place.md.j2", place_path(place.id), place=place)
    for actor in catalog.actors.values():
        pages[actor_path(actor.id)] = render_page(catalog, "actor.md.j2", actor_path(actor.id), actor=actor)
    for phase in catalog.phases.values():
        pages[phase_path(phase.id)] = render_page(catalog, "phase.md.j2", phase_path(phase.id), phase=phase)
    return dict(sorted(pages.items()))
