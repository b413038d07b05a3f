"""The engine-independent passes over a built page: the content area is sanitized and nothing else, a page
without one is refused, and links resolve the way a browser resolves them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.engines.postbuild import NoContentArea, broken_links, sanitize_page, sanitize_search_index, sanitize_site

THEME_HEAD = '<html><head><script src="assets/bundle.js"></script></head><body><nav onclick="theme()">nav</nav>'
ARTICLE = '<article class="md-content__inner md-typeset">'


def test_only_the_content_area_is_sanitized() -> None:
    """The theme's own script and handler stay; the content's go, nested articles included."""
    page = (
        f'{THEME_HEAD}{ARTICLE}<p onclick="x()">Hi</p><article><script>y()</script></article>'
        '<a href="javascript:z()">z</a></article><script src="assets/after.js"></script></body></html>'
    )
    assert sanitize_page(page) == (
        f'{THEME_HEAD}{ARTICLE}<p>Hi</p><a>z</a></article><script src="assets/after.js"></script></body></html>'
    )


@pytest.mark.parametrize(
    ("page", "why"),
    [
        ("<html><body><p>no theme</p></body></html>", 'no <article class="md-content__inner md-typeset">'),
        (f"<html><body>{ARTICLE}<p>never closed</p></body></html>", "its content area is never closed"),
    ],
)
def test_a_page_without_a_content_area_is_refused(page: str, why: str) -> None:
    """Where content cannot be told from theme, the pass refuses the page instead of guessing."""
    with pytest.raises(NoContentArea, match=why):
        sanitize_page(page)


def test_sanitize_site_rewrites_pages_and_lists_refusals(tmp_path: Path) -> None:
    """Every page is cleaned in place; a page without content area is named, not skipped silently."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(f"{ARTICLE}<script>x()</script><p>ok</p></article>")
    (tmp_path / "bare.html").write_text("<p>bare</p>")
    assert sanitize_site(tmp_path) == ['bare.html: no <article class="md-content__inner md-typeset">']
    assert (tmp_path / "a" / "index.html").read_text() == f"{ARTICLE}<p>ok</p></article>"


def test_links_resolve_like_a_browser(tmp_path: Path) -> None:
    """Directory URLs, files, queries, the site root and root-absolute links resolve; the rest is listed."""
    for page in ("index.html", "events/x/index.html", "data/events.csv"):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("")
    (tmp_path / "events" / "x" / "index.html").write_text(
        '<a href="../../">home</a> <a href="../../data/events.csv">csv</a> <a href="./?kind=strike">me</a>'
        ' <a href="/events/x/">root</a> <a href="#top">top</a> <a href="https://example.org/">out</a>'
        ' <a href="../y/">gone</a> <img src="../../../outside.png">'
    )
    assert broken_links(tmp_path) == ["events/x/index.html: ../y/", "events/x/index.html: ../../../outside.png"]


def test_root_absolute_links_start_at_the_site_address(tmp_path: Path) -> None:
    """Published under a path (site_url https://host/timeline/), the 404 page's root-absolute links start there."""
    for page in ("index.html", "events/x/index.html"):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("")
    (tmp_path / "404.html").write_text(
        '<a href="/timeline/">home</a> <a href="/timeline">home too</a> <a href="/timeline/events/x/">x</a>'
        ' <a href="/events/x/">outside</a> <a href="/timeline/y/">gone</a>'
    )
    assert broken_links(tmp_path, "/timeline/") == ["404.html: /events/x/", "404.html: /timeline/y/"]


def test_search_indexes_are_sanitized_and_left_alone_when_clean(tmp_path: Path) -> None:
    """A handler in an entry's text is removed from either engine's index; a clean index keeps its bytes."""
    (tmp_path / "search").mkdir()
    dirty = {"docs": [{"location": "a/", "title": "A", "text": '<p>ok</p><img src="x.png" onerror="alert(1)">'}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(dirty))
    clean = '{"items": [{"location": "b/", "title": "B", "text": "<p>fine</p>"}]}'
    (tmp_path / "search.json").write_text(clean)
    assert sanitize_search_index(tmp_path) == 1
    index = json.loads((tmp_path / "search" / "search_index.json").read_text())
    assert index["docs"][0]["text"] == '<p>ok</p><img src="x.png">'
    assert (tmp_path / "search.json").read_text() == clean
