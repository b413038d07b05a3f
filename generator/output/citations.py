"""Citations of an event in the formats reference managers import: BibTeX, RIS and CSL-JSON (Zotero reads all three).

Pure, like the other exports. Each edition cites its own page in its own language (the Arabic edition: the
event's Arabic title where it has one, and the date in Arabic words). The address is the page's absolute URL
when the site's address (`site_url`) is configured; without it the files carry no URL at all rather than one
that would be wrong elsewhere. The access date is the reader's, so it is added by the page's script to the text
citation, never written into the files.
"""

from __future__ import annotations

import re

from generator.model.records import Event
from generator.output import urls
from generator.output.i18n import ENGLISH, Edition
from generator.output.jsonfmt import dumps_indented
from generator.settings import SITE_TITLE

FORMATS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}

_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~])")
_RIS_BREAKS = re.compile(r"[\r\n]+")


def page_url(site_url: str | None, event: Event) -> str | None:
    """The event page's absolute address, when the site's address is known."""
    return urls.page_address(site_url, urls.event_path(event.id)) if site_url else None


def cite_title(event: Event, edition: Edition = ENGLISH) -> str:
    """The cited title: the event's title with its date as the timeline gives it (in the edition's language)."""
    title = event.ar.title if edition.arabic and event.ar else event.title
    return f"{title} ({edition.date(event.date)})"


def _note(event: Event, edition: Edition) -> str:
    """The note on the event's date and sources."""
    return edition.t(
        "Event dated {date} (EDTF {edtf}); {n} sources",
        date=edition.date(event.date),
        edtf=event.date.text,
        n=len(event.sources),
    )


def _bibtex_text(text: str) -> str:
    """Text safe inside a braced BibTeX field: specials escaped, line breaks folded."""
    escaped = _BIBTEX_SPECIAL.sub(lambda m: "\\textbackslash{}" if m.group(1) == "\\" else "\\" + m.group(1), text)
    return " ".join(escaped.split())


def bibtex(event: Event, site_url: str | None, edition: Edition = ENGLISH) -> str:
    """A BibTeX @misc entry keyed by the event id."""
    key = re.sub(r"[^A-Za-z0-9-]", "-", event.id)
    site = edition.t(SITE_TITLE)
    fields = [
        ("title", _bibtex_text(cite_title(event, edition))),
        ("howpublished", _bibtex_text(edition.t("{site}, event {id}", site=site, id=event.id))),
        ("organization", _bibtex_text(site)),
        ("note", _bibtex_text(_note(event, edition))),
    ]
    url = page_url(site_url, event)
    if url:
        fields.append(("url", url))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def _ris_line(tag: str, value: str) -> str:
    """One RIS line: a two-letter tag, two spaces, a dash, a space, the value on one line."""
    return f"{tag}  - {' '.join(_RIS_BREAKS.sub(' ', value).split())}\r\n"


def ris(event: Event, site_url: str | None, edition: Edition = ENGLISH) -> str:
    """An RIS record of type ELEC (a web page)."""
    site = edition.t(SITE_TITLE)
    lines = [
        _ris_line("TY", "ELEC"),
        _ris_line("TI", cite_title(event, edition)),
        _ris_line("T2", site),
        _ris_line("PB", site),
        _ris_line("ID", event.id),
        _ris_line("N1", _note(event, edition)),
    ]
    url = page_url(site_url, event)
    if url:
        lines.append(_ris_line("UR", url))
    lines.append("ER  - \r\n")
    return "".join(lines)


def csl_json(event: Event, site_url: str | None, edition: Edition = ENGLISH) -> str:
    """A CSL-JSON item list with one item of type webpage (the format of citeproc and Zotero)."""
    site = edition.t(SITE_TITLE)
    item: dict[str, object] = {
        "id": event.id,
        "type": "webpage",
        "title": cite_title(event, edition),
        "container-title": site,
        "publisher": site,
        "note": _note(event, edition),
    }
    if edition.arabic:
        item["language"] = "ar"
    url = page_url(site_url, event)
    if url:
        item["URL"] = url
    return dumps_indented([item]) + "\n"


def citation_paths(events: tuple[Event, ...]) -> list[str]:
    """The docs-relative paths of every event's citation files, without making them."""
    return [urls.citation_path(e.id, ext) for e in events for ext in FORMATS]


def citation_files(events: tuple[Event, ...], site_url: str | None, edition: Edition = ENGLISH) -> dict[str, str]:
    """Every event's three citation files, by docs-relative path, in the edition's language; `site_url` is the
    edition's address (the Arabic edition's ends in ar/)."""
    files = {}
    for event in events:
        files[urls.citation_path(event.id, "bib")] = bibtex(event, site_url, edition)
        files[urls.citation_path(event.id, "ris")] = ris(event, site_url, edition)
        files[urls.citation_path(event.id, "json")] = csl_json(event, site_url, edition)
    return files
