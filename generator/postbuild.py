"""Passes over a built site that do not depend on the engine that built it (MkDocs or Zensical), run by
`timeline build` on the staging folder before it is swapped in: sanitize every page's content area and the
search index, place the open-data exports, and check every internal link.

The generated Markdown is safe by construction (contributor text is escaped or sanitized where it enters a
template); these passes make the same guarantees hold for whatever an engine, a theme or a Markdown extension
does with it.
"""

from __future__ import annotations

import json
import posixpath
import re
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

from . import urls
from .sanitize import clean_content

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
