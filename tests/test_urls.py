"""generator/output/urls.py, the one module for output paths: the addresses and links the engines' pages and the
post-build passes take from it."""

from __future__ import annotations

import pytest

from generator.output import sitelinks, urls


@pytest.mark.parametrize(
    ("target", "here", "mkdocs", "zensical"),
    [
        ("events/x.md", "places/p.md", "../../events/x/", "../events/x/"),
        ("places/p.md", "index.md", "places/p/", "places/p/"),
        ("index.md", "timeline/index.md", "../", "../"),
        ("timeline/h-2018-10.md", "timeline/index.md", "h-2018-10/", "h-2018-10/"),
    ],
)
def test_raw_html_links_for_each_engine(target: str, here: str, mkdocs: str, zensical: str) -> None:
    """MkDocs leaves a raw HTML link as written (relative to the page's address); Zensical rewrites it from the
    Markdown file's folder: the same page is reached either way."""
    assert urls.raw_html_url(target, here, "mkdocs") == mkdocs
    assert urls.raw_html_url(target, here, "zensical") == zensical


def test_an_unknown_engine_has_no_links() -> None:
    """A misspelt engine is an error, not MkDocs' links by default."""
    with pytest.raises(ValueError, match="unknown engine 'mkdoc'"):
        urls.raw_html_url("events/x.md", "index.md", "mkdoc")


@pytest.mark.parametrize(
    ("path", "address"),
    [
        ("index.md", "https://example.org/t/"),
        ("events/2018-10-01-x.md", "https://example.org/t/events/2018-10-01-x/"),
        ("places/index.md", "https://example.org/t/places/"),
        ("guide/README.md", "https://example.org/t/guide/"),
        ("contributing.md", "https://example.org/t/contributing/"),
    ],
)
def test_published_addresses_are_the_pages_folders(path: str, address: str) -> None:
    """Canonical URLs, the sitemap's and citations' permalinks are the folder the engine writes the page to."""
    assert sitelinks.SiteLinks.of(site_url="https://example.org/t/").page(path) == address
    assert urls.site_file(path) == urls.directory_url(path) + urls.INDEX_FILE


def test_a_link_is_served_when_its_file_or_folder_index_exists() -> None:
    """The link check resolves a link as a web server does: a file, or a folder's index.html."""
    files = {"index.html", "events/x/index.html", "data/events.csv"}
    assert urls.served_file("events/x", files) and urls.served_file("", files)
    assert urls.served_file("data/events.csv", files)
    assert not urls.served_file("events/y", files) and not urls.served_file("data", files)
