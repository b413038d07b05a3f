"""The event pages' search entries, written from the catalog instead of parsed back out of each page's HTML.

The search plugin of MkDocs + Material parses every built page into sections; for 10,000 event pages that was a
sixth of a cold build, and under `mkdocs serve` an edit could leave the old entry beside the new one. The entries
here say what a reader searches an event by: its title, then its date, kind, places and actors, its summary, the
claims in words with who made them, and the publishers of its sources. Every piece of contributor text is escaped
or sanitized, as the search box shows an entry's text as HTML.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from . import filters
from .catalog import Catalog
from .model import Event


def event_text(event: Event, catalog: Catalog) -> str:
    """The searchable text of an event page, as HTML paragraphs."""
    # Every name a reader may type: the page shows each place's aliases and Arabic name beside it.
    where = "; ".join(
        _names(catalog.places[p].name, catalog.places[p].aliases, catalog.places[p].name_ar) for p in event.places
    )
    who = "; ".join(
        _names(catalog.actors[a].name, catalog.actors[a].aliases, catalog.actors[a].name_ar) for a in event.actors
    )
    facts = " · ".join(x for x in (event.date.label, event.kind_label, where, who) if x)
    parts = [f"<p>{html.escape(facts)}</p>", filters.paragraph_html(event.summary)]
    for claim in event.claims:
        sentence = filters.claim_sentence(
            claim.what, claim.what_label, catalog.who(claim.about), claim.min, claim.max, claim.unit_label
        )
        parts.append(f"<p>{html.escape(sentence)} ({html.escape(claim.by)})</p>")
    publishers = sorted({s.publisher for s in event.sources})
    if publishers:
        parts.append(f"<p>Sources: {html.escape(', '.join(publishers))}</p>")
    return "".join(parts)


def _names(name: str, aliases: Iterable[str], arabic: str | None) -> str:
    """'Al-Susah (Sousa, Souseh, السوسة)'."""
    others = [*aliases, *([arabic] if arabic else [])]
    return f"{name} ({', '.join(others)})" if others else name


def event_entries(events: Iterable[tuple[Event, str]], catalog: Catalog) -> list[dict[str, str]]:
    """One search entry per (event, its page's URL), in Material's index format."""
    return [
        {"location": url, "title": html.escape(event.title), "text": event_text(event, catalog)}
        for event, url in events
    ]
