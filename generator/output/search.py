"""The event pages' search entries, written from the catalog instead of parsed back out of each page's HTML.

The search plugin of MkDocs + Material parses every built page into sections; for 10,000 event pages that was a
sixth of a cold build, and under `mkdocs serve` an edit could leave the old entry beside the new one. The entries
here say what a reader searches an event by: its title, then its date, kind, places and actors, its summary, the
claims in words with who made them, and the publishers of its sources. Every piece of contributor text is escaped
or sanitized, as the search box shows an entry's text as HTML.

Each edition's entries are in its language, as its pages are (the Arabic edition: the Arabic title and summary
where the event has them, dates, kinds and claims in Arabic words); both list every name of each place and actor,
Arabic and Latin, so that either edition finds an event by any spelling. The plugin then adds the normalized forms
of the Arabic words (postbuild.add_search_forms).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from generator.model.catalog import Catalog
from generator.model.records import GROUPS, Claim, Event
from generator.output import filters, i18n
from generator.output.i18n import ENGLISH, Edition


def _who(about: str, catalog: Catalog, edition: Edition) -> str:
    """Whom a claim is about, as the edition's pages name them."""
    if not edition.arabic:
        return catalog.who(about)
    if about in GROUPS:
        return i18n.ARABIC_GROUPS.get(about, about)
    actor = catalog.actors[about]
    return i18n.arabic_short_name(actor.name_ar, actor.aliases, actor.short_name)


def _claim(claim: Claim, catalog: Catalog, edition: Edition) -> str:
    """A claim in the edition's words, without its claimant."""
    who = _who(claim.about, catalog, edition)
    if not edition.arabic:
        return filters.claim_sentence(claim.what, claim.what_label, who, claim.min, claim.max, claim.unit_label)
    unit = edition.label("claim.unit", claim.unit, claim.unit_label)
    what = edition.label("claim.what", claim.what, claim.what_label)
    return filters.arabic_claim_sentence(claim.what, what, who, claim.min, claim.max, unit)


def event_text(event: Event, catalog: Catalog, edition: Edition = ENGLISH) -> str:
    """The searchable text of an event page, as HTML paragraphs."""
    # Every name a reader may type: the page shows each place's aliases and Arabic name beside it.
    where = "; ".join(
        _names(catalog.places[p].name, catalog.places[p].aliases, catalog.places[p].name_ar) for p in event.places
    )
    who = "; ".join(
        _names(catalog.actors[a].name, catalog.actors[a].aliases, catalog.actors[a].name_ar) for a in event.actors
    )
    kind = edition.label("kind", event.kind, event.kind_label)
    facts = " · ".join(x for x in (edition.date(event.date), kind, where, who) if x)
    summary = event.ar.summary if edition.arabic and event.ar else event.summary
    parts = [f"<p>{html.escape(facts)}</p>", filters.paragraph_html(summary)]
    for claim in event.claims:
        parts.append(f"<p>{html.escape(_claim(claim, catalog, edition))} ({html.escape(claim.by)})</p>")
    publishers = sorted({s.publisher for s in event.sources})
    if publishers:
        sources = edition.t("Sources: {publishers}", publishers=edition.t(", ").join(publishers))
        parts.append(f"<p>{html.escape(sources)}</p>")
    return "".join(parts)


def _names(name: str, aliases: Iterable[str], arabic: str | None) -> str:
    """'Al-Susah (Sousa, Souseh, السوسة)'."""
    others = [*aliases, *([arabic] if arabic else [])]
    return f"{name} ({', '.join(others)})" if others else name


def event_entries(
    events: Iterable[tuple[Event, str]], catalog: Catalog, edition: Edition = ENGLISH
) -> list[dict[str, str]]:
    """One search entry per (event, its page's URL), in Material's index format, in the edition's language."""
    return [
        {
            "location": url,
            "title": html.escape(event.ar.title if edition.arabic and event.ar else event.title),
            "text": event_text(event, catalog, edition),
        }
        for event, url in events
    ]
