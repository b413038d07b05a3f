"""Passes over a built site that do not depend on the engine that built it (MkDocs or Zensical), run by
`timeline build` on the staging folder before it is swapped in: sanitize every page's content area and the
search index, place the open-data exports, and check every internal link.

The generated Markdown is safe by construction (contributor text is escaped or sanitized where it enters a
template); these passes make the same guarantees hold for whatever an engine, a theme or a Markdown extension
does with it.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.engines.sanitize import clean_content
from generator.output import urls
from generator.output.i18n import normalize_arabic

# The content area of a page in Material for MkDocs and in Zensical's theme alike; the rest is the theme's own.
_CONTENT_START = re.compile(r'<article\b[^>]*\bclass="md-content__inner md-typeset"[^>]*>')
_ARTICLE_TAG = re.compile(r"<(/?)article\b[^>]*>", re.IGNORECASE)
# The search index of each engine (file, list of entries): MkDocs' search plugin, Zensical's built-in search.
SEARCH_INDEXES = (("search/search_index.json", "docs"), ("search.json", "items"))
# Script and style bodies are text, not tags; a tag is `<name ...>`; a link is an href or src attribute.
_RAW_TEXT = re.compile(r"(<(script|style)\b[^>]*>).*?(</\2\s*>)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_LINK = re.compile(r"""\s(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


class NoContentArea(ValueError):
    """A built page without the theme's content area: the sanitizer cannot tell content from theme there."""


def sanitize_page(html: str) -> str:
    """The page with its content area (the theme's <article>) passed through the allow-list sanitizer."""
    start = _CONTENT_START.search(html)
    if start is None:
        raise NoContentArea('no <article class="md-content__inner md-typeset">')
    depth = 1
    for tag in _ARTICLE_TAG.finditer(html, start.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html[: start.end()] + clean_content(html[start.end() : tag.start()]) + html[tag.start() :]
    raise NoContentArea("its content area is never closed")


def sanitize_site(site: Path) -> list[str]:
    """Sanitize the content area of every HTML page of the site in place; the pages that have none."""
    refused = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        try:
            clean = sanitize_page(text)
        except NoContentArea as error:
            refused.append(f"{page.relative_to(site).as_posix()}: {error}")
            continue
        if clean != text:
            page.write_text(clean, encoding="utf-8")
    return refused


def sanitize_search_index(site: Path) -> int:
    """Pass the title and text of every entry of the engine's search index through the sanitizer, as the search
    box shows them as HTML; how many entries changed (a file is rewritten only then)."""
    changed = 0
    for name, key in SEARCH_INDEXES:
        path = site / name
        if not path.is_file():
            continue
        index = json.loads(path.read_text(encoding="utf-8"))
        dirty = 0
        for entry in index.get(key, []):
            fields = [field for field in ("title", "text") if isinstance(entry.get(field), str)]
            clean = {field: clean_content(entry[field]) for field in fields}
            if any(entry[field] != value for field, value in clean.items()):
                entry.update(clean)
                dirty += 1
        if dirty:
            path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        changed += dirty
    return changed


_ARABIC_WORD = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]+")
_TAGS_OF_TEXT = re.compile(r"<[^>]*>")
# Marks the paragraph of normalized forms, so that a second pass (the plugin's, then timeline build's) adds none.
_FORMS_MARK = 'class="tl-search-forms"'


def add_search_forms(entry: dict[str, Any]) -> bool:
    """Add to a search-index entry with Arabic words their normalized forms (i18n.normalize_arabic: without the
    article, diacritics and the letters' variants), in a hidden paragraph the results never show; True when it
    changed (an entry that has them already is left alone)."""
    text = " ".join(entry.get(field) or "" for field in ("title", "text") if isinstance(entry.get(field), str))
    words = _ARABIC_WORD.findall(unescape(_TAGS_OF_TEXT.sub(" ", text)))
    forms = sorted({form for word in words if (form := normalize_arabic(word)) != word and form})
    if not forms or _FORMS_MARK in (entry.get("text") or ""):
        return False
    entry["text"] = f"{entry.get('text') or ''}<p hidden {_FORMS_MARK}>{' '.join(forms)}</p>"
    return True


def normalize_search_index(site: Path) -> int:
    """Add the normalized forms of its Arabic words to every entry of the site's search index (add_search_forms);
    the site's script normalizes the reader's query the same way, so that سوسة, السوسه and السوسة find the same
    pages. How many entries changed."""
    changed = 0
    for name, key in SEARCH_INDEXES:
        path = site / name
        if not path.is_file():
            continue
        index = json.loads(path.read_text(encoding="utf-8"))
        dirty = sum(1 for entry in index.get(key, []) if add_search_forms(entry))
        if dirty:
            path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        changed += dirty
    return changed


def place_exports(site: Path, data_files: dict[str, Path]) -> int:
    """Copy the generated data files (exports, published schema) into the site, byte for byte; how many."""
    for relative, source in data_files.items():
        target = site / urls.site_file(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    return len(data_files)


def page_links(html: str) -> list[str]:
    """The href and src values of a page's tags that stay on the site (no scheme or host, not empty, not only a
    fragment).

    Regular expressions over the engines' output, which quotes every attribute: ten times faster than
    html.parser on a thousand pages (tests/test_engines.py checks that both find the same links)."""
    links = []
    for tag in _TAG.finditer(_RAW_TEXT.sub(r"\1\3", html)):
        for match in _LINK.finditer(tag.group()):
            value = unescape(match.group(2) if match.group(2) is not None else match.group(3))
            url = urlsplit(value.strip())
            # An empty href is the page itself; fragments are left to MkDocs' anchor validation (not Zensical's).
            if value and not url.scheme and not url.netloc and not value.startswith("#"):
                links.append(value)
    return links


def broken_links(site: Path, root_path: str = "/") -> list[str]:
    """`page: link` for every relative href and src that points at no file of the site (raw HTML links too).

    `root_path` is the path of the site's address (site_url's, e.g. '/timeline/' on a project's Pages site), where
    root-absolute links start."""
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    prefix = root_path.rstrip("/")
    broken = []
    for page in sorted(f for f in files if f.endswith(".html")):
        base = posixpath.dirname(page)
        for link in page_links((site / page).read_text(encoding="utf-8")):
            path = urlsplit(link).path
            # Root-absolute links (only the 404 page has them, as it is served at any depth) start at the site root;
            # one outside it leaves the site.
            if path.startswith("/"):
                inside = path == prefix or path.startswith(prefix + "/")
                target = posixpath.normpath(path[len(prefix) :].lstrip("/")) if inside else ".."
            else:
                target = posixpath.normpath(posixpath.join(base, path))
            target = "" if target == "." else target
            if target.startswith("..") or not urls.served_file(target, files):
                broken.append(f"{page}: {link}")
    return broken


# The theme's alternate links in each page's head (Material and Zensical write them alike), one per edition root.
_ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([a-z-]+)">')
# The header's language switch (site_templates/theme/partials/alternate.html).
_SWITCH = re.compile(r'<a href="([^"]*)"( hreflang="([a-z-]+)"[^>]*\bclass="md-header__button tl-language__link">)')
_HTML_LANG = re.compile(r'<html lang="([a-z-]+)"(?![^>]*\bdir=)')
DEFAULT_EDITION = "en"


def _edition_of(page: str, prefixes: list[str]) -> tuple[str, str]:
    """(the edition's folder of the site, the page's path inside it) for a page's site-relative path."""
    for prefix in prefixes:
        if page.startswith(prefix):
            return prefix, page[len(prefix) :]
    return "", page


def _href(target_dir: str, here: str) -> str:
    """A directory URL from the folder `here` to the folder `target_dir` (both site-relative; '' is the root)."""
    href = posixpath.relpath(target_dir or ".", here or ".")
    return "./" if href == "." else href + "/"


def link_editions(site: Path, prefixes: list[str]) -> int:
    """Tie the editions together on every page: `dir="rtl"` beside `lang` on the root element of a right-to-left
    page (the theme puts `dir` on <body> only); the header's switch pointing at the same page in the other edition,
    or at its home page where the page is one edition's only (a hand-written page); and neither the switch nor the
    theme's hreflang alternates (edition roots) where that edition was not built (a project without mkdocs.ar.yml).

    The head's alternates stay the theme's edition roots: its script fetches `sitemap.xml` beside each alternate,
    so a page's own address there would cost a failed request on every page. Page-to-page hreflang alternates are
    in the sitemap instead (merge_sitemaps), where search engines read them too. How many pages changed."""
    roots = {DEFAULT_EDITION: ""} | {prefix.rstrip("/").split("/")[-1]: prefix for prefix in prefixes}
    files = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    changed = 0
    for page in sorted(files):
        path = site / page
        text = path.read_text(encoding="utf-8")
        prefix, inside = _edition_of(page, prefixes)
        here = posixpath.dirname(page)
        # A 404 page is served at any address, so its links are root-absolute; another edition's own 404 page is
        # never served, and its alternates would start above the site's root.
        not_found = inside == "404.html"

        def counterpart(lang: str, inside: str = inside) -> str | None:
            """The folder of this page in the edition `lang`, its home page when it has no such page, or None."""
            if lang not in roots:
                return None
            page_there = roots[lang] + inside
            if page_there in files:
                return posixpath.dirname(page_there)
            home = roots[lang] + "index.html"
            return posixpath.dirname(home) if home in files else None

        def edition_root(
            match: re.Match[str], here: str = here, not_found: bool = not_found, prefix: str = prefix
        ) -> str:
            """A head alternate to an edition's root, as the theme makes them (its script reads each root's
            sitemap, where the build lists every page's alternates): dropped where that edition was not built."""
            home = roots.get(match[2])
            if home is None or (home + "index.html") not in files or (not_found and prefix):
                return ""
            return match[0]

        def switch(match: re.Match[str], here: str = here, not_found: bool = not_found) -> str:
            """The language switch to this page in the other edition."""
            target = counterpart(match[3])
            if target is None:
                return "<a hidden" + match[2]  # the theme's markup stays whole; the switch is not shown
            return match[0] if not_found else f'<a href="{_href(target, here)}"{match[2]}'

        new = _SWITCH.sub(switch, _ALTERNATE.sub(edition_root, text))
        new = _HTML_LANG.sub(lambda m: f'{m[0]} dir="rtl"' if m[1].split("-")[0] in _RTL else m[0], new, count=1)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed


_RTL = {"ar", "fa", "he", "ur"}
_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML_NS = "http://www.w3.org/1999/xhtml"


def merge_sitemaps(site: Path, prefixes: list[str]) -> int:
    """Add every page of the other editions' sitemaps (ar/sitemap.xml) to the site's sitemap.xml and its gzip
    copy, which search engines read, and give each page present in several editions its hreflang alternates
    (`xhtml:link`, as search engines and the theme's script read them). How many addresses were added."""
    root_map = site / "sitemap.xml"
    if not root_map.is_file():
        return 0
    ET.register_namespace("", _SITEMAP_NS)
    ET.register_namespace("xhtml", _XHTML_NS)
    tree = ET.parse(root_map)
    urlset = tree.getroot()
    # (edition, page path inside it) -> the <url> element; the English edition's addresses are the site's own.
    entries: dict[tuple[str, str], ET.Element] = {}
    for url in urlset:
        loc = url.findtext(f"{{{_SITEMAP_NS}}}loc") or ""
        entries[(DEFAULT_EDITION, loc)] = url
    added = 0
    for prefix in prefixes:
        other = site / prefix / "sitemap.xml"
        if not other.is_file():
            continue
        lang = prefix.rstrip("/").split("/")[-1]
        for url in ET.parse(other).getroot():
            urlset.append(url)
            added += 1
            loc = url.findtext(f"{{{_SITEMAP_NS}}}loc") or ""
            entries[(lang, loc)] = url
    if added:
        _add_alternates(entries, prefixes)
        ET.indent(tree)
        body = ET.tostring(urlset, encoding="unicode")
        text = f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
        root_map.write_text(text, encoding="utf-8")
        # mtime 0: the same sources give the same bytes (reproducible builds).
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    return added


def _add_alternates(entries: dict[tuple[str, str], ET.Element], prefixes: list[str]) -> None:
    """Each English page with an edition's counterpart (the same address under the edition's folder): both get
    an `xhtml:link rel=alternate` per edition, themselves included, as the sitemap protocol asks."""
    english = [loc for lang, loc in entries if lang == DEFAULT_EDITION]
    if not english:
        return
    # The site's address: the English home page's, the shortest (every other address starts with it).
    root = min(english, key=len)
    for loc in english:
        versions = {DEFAULT_EDITION: loc}
        for prefix in prefixes:
            other_lang = prefix.rstrip("/").split("/")[-1]
            counterpart = root + prefix + loc[len(root) :]
            if loc.startswith(root) and (other_lang, counterpart) in entries:
                versions[other_lang] = counterpart
        if len(versions) < 2:
            continue
        for version_lang, version_loc in versions.items():
            element = entries[(version_lang, version_loc)]
            for alt_lang, alt_loc in sorted(versions.items()):
                ET.SubElement(
                    element, f"{{{_XHTML_NS}}}link", {"rel": "alternate", "hreflang": alt_lang, "href": alt_loc}
                )
