"""End to end: `timeline build` makes the real site with MkDocs, strict; search finds aliases; failures keep it."""

from __future__ import annotations

import functools
import json
import posixpath
import re
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator import pipeline

from .conftest import (
    EPOCH,
    FIXTURES,
    ROOT,
    copy_project,
    digest,
    install_fixture,
    local_environment,
    timeline,
    writable_copy,
)

__all__ = ["copy_project", "digest", "timeline"]  # where other modules, and other branches, import them from


def html_text(page: Path) -> str:
    """The visible text of a built page, roughly: tags removed, whitespace folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))


def test_every_record_has_a_page(built: Path) -> None:
    """Each event, place, actor and phase gets its own page."""
    catalog = pipeline.check(built).catalog
    assert catalog is not None
    site = built / "site"
    expected = (
        [f"events/{e.id}" for e in catalog.events]
        + [f"places/{p}" for p in catalog.places]
        + [f"actors/{a}" for a in catalog.actors]
        + [f"phases/{p}" for p in catalog.phases]
    )
    missing = [path for path in expected if not (site / path / "index.html").is_file()]
    assert missing == []


def test_timeline_lists_every_event_in_date_order_with_labels(built: Path) -> None:
    """The year pages together list every event once, in date order, each with its date label."""
    catalog = pipeline.check(built).catalog
    assert catalog is not None
    page = (built / "site" / "timeline" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<a class="tl-title" href="\.\./events/([a-z0-9-]+)/"', page)
    # Grouped by phase, then month: within each phase the events keep date order.
    assert sorted(listed) == sorted(e.id for e in catalog.events)
    for phase_id, events in catalog.by_phase.items():
        assert [i for i in listed if catalog.by_id[i].phase == phase_id] == [e.id for e in events]
    text = html_text(built / "site" / "timeline" / "index.html")
    assert "September 2018 (uncertain) SDF advances on al-Susah from the south and the east" in text


def search_docs(built: Path) -> list[dict[str, str]]:
    """The documents of the built Material search index."""
    index = json.loads((built / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs: list[dict[str, str]] = index["docs"]
    return docs


@pytest.mark.parametrize("query", ["Sousa", "Souseh", "السوسة"])
def test_search_index_finds_al_susah_events_by_any_spelling(built: Path, query: str) -> None:
    """Every al-Susah event page is in the index with the alias or Arabic name readers may type."""
    catalog = pipeline.check(built).catalog
    assert catalog is not None
    susah_events = {e.id for e in catalog.by_place["al-susah"]}
    assert len(susah_events) >= 4
    found = {
        doc["location"].split("/")[1]
        for doc in search_docs(built)
        if doc["location"].startswith("events/") and query in doc["text"] + doc["title"]
    }
    assert susah_events <= found


def test_search_is_configured_for_english_and_arabic(built: Path) -> None:
    """Material search is built with both languages."""
    index = json.loads((built / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en", "ar"]


def test_broken_event_fails_the_build_and_keeps_the_site(built: Path, tmp_path: Path) -> None:
    """`timeline build` and plain `mkdocs build` refuse a broken file with its exact line; site/ is untouched."""
    project = writable_copy(built, tmp_path / "project")
    before = digest(project / "site")
    install_fixture(project, FIXTURES / "problems" / "E013-enum.yaml")
    result = timeline(project, "build")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(
        "events/2018/2018-09-20-enum.yaml:5:7: E013 kind 'battle' is not allowed"
    )
    assert result.stdout.endswith(f"the site was not built, {project / 'site'} is unchanged\n")
    mkdocs = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert mkdocs.returncode == 1
    assert "events/2018/2018-09-20-enum.yaml:5:7: E013" in mkdocs.stdout + mkdocs.stderr
    assert digest(project / "site") == before


def test_no_external_requests_in_pages(built: Path) -> None:
    """No page loads a script, style or font from another host: a visit tells no third party anything."""
    offenders = []
    for page in (built / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        offenders += [
            f"{page.name}: {m}" for m in re.findall(r'(?:src|href)="(https?://[^"]+\.(?:js|css|woff2?))"', text)
        ]
        offenders += [f"{page.name}: {m}" for m in re.findall(r"fonts\.(?:googleapis|gstatic)\.com", text)]
    assert offenders == []


@pytest.mark.slow
def test_two_builds_are_byte_identical(small_site: Callable[[str], Path], tmp_path: Path) -> None:
    """Same sources, same bytes: no build timestamps, no randomness, sorted inputs, nothing of the folder's path.
    The small project's shared build, copied to another folder and built again over its own site, cache and
    generated pages, gives the same site. (A second, fresh build of the real project in another folder gives the
    shared build's bytes too: tests/test_wheel.py builds it from the wheel.)"""
    first = small_site("mkdocs")
    again = writable_copy(first, tmp_path / "elsewhere")
    result = timeline(again, "build", env=local_environment(SOURCE_DATE_EPOCH=EPOCH))
    assert result.returncode == 0, result.stderr
    assert digest(again / "site") == digest(first / "site")


class _PageScan(HTMLParser):
    """Collects what a security and link scan needs from one HTML page."""

    def __init__(self) -> None:
        """Start with empty findings."""
        super().__init__()
        self.links: list[str] = []
        self.handlers: list[str] = []
        self.unsafe_urls: list[str] = []
        self.scripts: list[str] = []
        self.depth_in_content = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record links, event-handler attributes, URL schemes and scripts."""
        if tag == "article":
            self.depth_in_content += 1
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value is not None:
                scheme = urlsplit(value.strip()).scheme.lower()
                if scheme and scheme not in ("http", "https", "mailto"):
                    self.unsafe_urls.append(value)
                elif not scheme and not value.startswith("#"):
                    self.links.append(value)
        if tag == "script":
            source = dict(attrs).get("src") or "inline"
            self.scripts.append(("content:" if self.depth_in_content else "") + source)

    def handle_endtag(self, tag: str) -> None:
        """Track leaving the content area."""
        if tag == "article":
            self.depth_in_content -= 1


def scan_site(site: Path) -> dict[str, _PageScan]:
    """Every HTML page of the site, scanned."""
    scans = {}
    for page in sorted(site.rglob("*.html")):
        scan = _PageScan()
        scan.feed(page.read_text(encoding="utf-8"))
        scans[page.relative_to(site).as_posix()] = scan
    return scans


@functools.cache
def scan_shared_site(site: Path) -> dict[str, _PageScan]:
    """scan_site of a shared build (read only, so it cannot change): scanned once per process, for every test
    that reads its scans (the real site's has thousands of pages and takes seconds); not for a writable copy."""
    return scan_site(site)


def test_no_script_handler_or_unsafe_url_in_the_built_site(built: Path) -> None:
    """Scripts only from the theme and our own file, none in the content area; no on…= attribute; no
    javascript:, data: or vbscript: URL anywhere."""
    scans = scan_shared_site(built / "site")
    # The 404 page uses root-absolute addresses (it can be served at any depth); every other page is relative.
    allowed_sources = re.compile(r"^(/|(\.\./)*)(assets/javascripts/[\w./-]+\.js|javascripts/timeline\.js)$|^inline$")
    assert [f"{p}: {s}" for p, scan in scans.items() for s in scan.scripts if not allowed_sources.match(s)] == []
    assert [f"{p}: {h}" for p, scan in scans.items() for h in scan.handlers] == []
    assert [f"{p}: {u}" for p, scan in scans.items() for u in scan.unsafe_urls] == []


def test_every_internal_link_resolves(built: Path) -> None:
    """Every relative href and src of every page points at a file of the site (raw HTML links included)."""
    site = built / "site"
    broken = []
    for page, scan in scan_shared_site(site).items():
        base = posixpath.dirname(page)
        for link in scan.links:
            path_part = urlsplit(link).path
            # Root-absolute links (only the 404 page has them) resolve from the site root.
            target = posixpath.normpath(
                path_part.lstrip("/") if path_part.startswith("/") else posixpath.join(base, path_part)
            )
            path = site / target
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{page}: {link}")
    assert broken == []


# Latin text an Arabic page may show outside names (isolated in <bdi>, or dir="ltr" where an element can hold no
# <bdi>, like a filter's option), English marked lang="en" and code: the names of formats and standards the Data
# and About pages describe, and the base map's maker.
ALLOWED_LATIN = {"EDTF", "JSON", "CSV", "GeoJSON", "Atom", "TimelineJS", "Schema", "RFC", "UTF", "ACLED", "MIT",
                 "CC", "BY", "Natural", "Earth", "m", "km", "en", "ar", "YAML", "UTF-8", "UCDP", "GED", "BibTeX",
                 "RIS", "CSL-JSON"}  # fmt: skip
_LATIN_WORD = re.compile("[A-Za-z][A-Za-z0-9./'\u2019_-]*")


def allowed_latin(word: str) -> bool:
    """A format's or standard's name, a file name or address, or a problem code (E120), not interface words."""
    return (
        word.rstrip(".-") in ALLOWED_LATIN
        or "." in word.rstrip(".")
        or "/" in word
        or bool(re.fullmatch(r"[EW]\d*", word))
    )


# What may be Latin on an Arabic page: names isolated in <bdi> or marked dir="ltr"/"auto", text marked as another
# language, code, the head (its title repeats the page's heading and can hold no <bdi>), the theme's table of
# contents and header title (they repeat the page's headings), hidden elements and the search.
_SKIP_TAGS = frozenset({"head", "bdi", "code", "pre", "kbd", "script", "style", "template"})
_SKIP_CLASSES = frozenset({"md-nav--secondary", "md-header__topic", "md-sidebar--secondary", "md-search"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
# The attributes that name an element for a screen reader.
_NAMING = ("aria-label", "title", "alt", "placeholder")


class LatinOutsideNames(HTMLParser):
    """The Latin words of a page's text and accessible names outside what may be Latin (above). Inside a map or
    chart (SVG, which has no <bdi>) a Latin word must be one of a name's: a place without a verified Arabic name
    keeps its Latin one there too."""

    def __init__(self, names: set[str]) -> None:
        """Start outside every element; `names` are the words names may have (case-folded)."""
        super().__init__(convert_charrefs=True)
        self.names = names
        # (tag, skipped, inside an SVG) of each open element.
        self.stack: list[tuple[str, bool, bool]] = []
        self.words: list[str] = []

    def _add(self, text: str, in_svg: bool) -> None:
        """Record the words of a text that may not be Latin."""
        for word in _LATIN_WORD.findall(text):
            if in_svg and word.strip(".,;:()").casefold() in self.names:
                continue
            if not allowed_latin(word):
                self.words.append(word)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element, and check the accessible name it carries."""
        values = {name: value or "" for name, value in attrs}
        outer_skipped, outer_svg = self.stack[-1][1:] if self.stack else (False, False)
        skipped = (
            outer_skipped
            or tag in _SKIP_TAGS
            or values.get("dir") in ("ltr", "auto")
            or values.get("lang", "ar") != "ar"
            or "hidden" in values
            or bool(set(values.get("class", "").split()) & _SKIP_CLASSES)
        )
        in_svg = outer_svg or tag == "svg"
        if tag not in _VOID:
            self.stack.append((tag, skipped, in_svg))
        if not skipped:
            for name in _NAMING:
                if name in values:
                    self._add(values[name], in_svg)

    def handle_endtag(self, tag: str) -> None:
        """Close up to the matching element (the theme leaves none open, but a stray end tag is harmless)."""
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        """Check a text outside the skipped elements."""
        if not (self.stack and self.stack[-1][1]):
            self._add(data, bool(self.stack) and self.stack[-1][2])


def name_words(root: Path) -> set[str]:
    """Every word of the names of places, actors, phases, publishers and claimants (as SVGs may show them)."""
    catalog = pipeline.check(root).catalog
    assert catalog is not None
    names = [n for p in catalog.places.values() for n in (p.name, *p.aliases)]
    names += [n for a in catalog.actors.values() for n in (a.name, a.short_name, *a.aliases)]
    names += [p.name for p in catalog.phases.values()]
    names += [s.publisher for e in catalog.events for s in e.sources] + [c.by for e in catalog.events for c in e.claims]
    return {w.strip(".,;:()").casefold() for n in names for w in _LATIN_WORD.findall(n)}


def english_on_arabic_pages(site: Path, names: set[str]) -> dict[str, list[str]]:
    """Per Arabic page (site/ar/...), the Latin words it shows outside names, quotes and text marked English."""
    found = {}
    for page in sorted((site / "ar").rglob("*.html")):
        parser = LatinOutsideNames(names)
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.words:
            found[page.relative_to(site).as_posix()] = parser.words
    return found


def test_no_arabic_page_shows_english_interface_text(built: Path) -> None:
    """Every page of the Arabic edition (events, places, actors, phases, the timeline, the civilian-harm, Data and
    About pages, the error page) speaks Arabic: Latin text only as names, text marked English (an untranslated
    event, a source's own note or quote), code, addresses and the formats' own names."""
    site = built / "site"
    arabic = {p.relative_to(site / "ar").as_posix() for p in (site / "ar").rglob("*.html")}
    english = {p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "ar"}
    # Every page exists in both editions, except a hand-written page content/ar/ does not translate (the shared
    # build's hostile page); the project's own hand-written pages all have their Arabic page (next test).
    untranslated = {
        f"{page.stem}/index.html"
        for page in (built / "content").glob("*.md")
        if not (built / "content" / "ar" / page.name).is_file()
    }
    assert untranslated == {"hostile/index.html"}
    assert arabic == english - untranslated
    assert english_on_arabic_pages(site, name_words(built)) == {}


def test_every_hand_written_page_has_its_arabic_page() -> None:
    """A page added to content/ is translated in content/ar/ under the same name, or the Arabic edition lacks it."""
    english = sorted(page.name for page in (ROOT / "content").glob("*.md"))
    assert english and sorted(page.name for page in (ROOT / "content" / "ar").glob("*.md")) == english


def test_the_english_check_catches_english_interface_text(tmp_path: Path) -> None:
    """The check above finds an English word in an Arabic page's text, an accessible name and a chart, and lets
    names, marked English and code pass."""
    page = tmp_path / "ar" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<html lang="ar"><body><p>نص <bdi dir="ltr">Jubeyla</bdi> <span lang="en">An English note</span> '
        '<code>id: x</code> Previous</p><ul aria-label="Map key"></ul>'
        "<svg><text>Jubeyla</text><text>see inset</text></svg></body></html>",
        encoding="utf-8",
    )
    assert english_on_arabic_pages(tmp_path, {"jubeyla"}) == {
        "ar/x/index.html": ["Previous", "Map", "key", "see", "inset"]
    }
