"""Both site engines build the same site: `timeline build` with MkDocs (the default) and with Zensical give the
same pages and the same data files, and the engine-independent passes (sanitizer, link check) hold for both."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator import pipeline
from generator.engines import sitebuild
from generator.engines.postbuild import SEARCH_INDEXES, page_links, sanitize_page
from generator.output import sitelinks

from .conftest import (
    EPOCH,
    FIXTURES,
    add_page,
    digest,
    install_fixture,
    local_environment,
    small_project,
    timeline,
    writable_copy,
)
from .test_site import english_on_arabic_pages, name_words, scan_shared_site

HOSTILE = FIXTURES / "hostile"

ENGINES = ("mkdocs", "zensical")
# What each engine adds of its own: theme assets, its search index, a compressed sitemap (MkDocs).
ENGINE_ASSETS = ("assets/", "search/", "search.json", "sitemap.xml.gz")


def site_files(site: Path) -> set[str]:
    """Every file of a built site but the engines' own assets (of either edition), by site-relative path."""
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    return {f for f in files if not f.removeprefix("ar/").startswith(ENGINE_ASSETS)}


@pytest.fixture(scope="module")
def sites(built: Path, built_zensical: Path) -> dict[str, Path]:
    """The real project with a hostile hand-written page, built once per run with each engine (the shared builds
    of conftest.py); engine -> site folder. Read only: a test that builds again works on a copy."""
    return {"mkdocs": built / "site", "zensical": built_zensical / "site"}


def test_both_engines_publish_the_same_pages_and_files(sites: dict[str, Path]) -> None:
    """The same HTML pages, sitemap and data files from both engines; only theme assets and search differ."""
    mkdocs, zensical = (site_files(sites[engine]) for engine in ENGINES)
    assert sorted(mkdocs ^ zensical) == []
    pages = {f for f in mkdocs if f.endswith(".html")}
    assert {"index.html", "timeline/index.html", "hostile/index.html", "404.html"} <= pages
    catalog = pipeline.check(sites["mkdocs"].parent).catalog
    assert catalog is not None
    assert {f"events/{e.id}/index.html" for e in catalog.events} <= pages
    # The Arabic edition, from mkdocs.ar.yml's INHERIT, by both engines: every event page in Arabic too.
    assert {f"ar/events/{e.id}/index.html" for e in catalog.events} | {"ar/index.html", "ar/about/index.html"} <= pages


@pytest.mark.parametrize("engine", ENGINES)
def test_the_arabic_edition_shows_no_english_interface_text_on_either_engine(
    sites: dict[str, Path], engine: str
) -> None:
    """The theme's words the generator sets (permalinks, the 404 page) are Arabic whichever engine builds."""
    assert english_on_arabic_pages(sites[engine], name_words(sites[engine].parent)) == {}


def test_both_engines_publish_the_generated_data_files_byte_for_byte(sites: dict[str, Path]) -> None:
    """Exports and the published schema are the pipeline's, whatever the engine."""
    result = pipeline.build(sites["mkdocs"].parent, sites["mkdocs"].parent / "build" / "check")
    data = {path: text for path, text in result.pages.items() if not path.endswith(".md")}
    assert len(data) >= 7
    for engine in ENGINES:
        published = {path: (sites[engine] / path).read_bytes() for path in data}
        assert published == {path: text.encode("utf-8") for path, text in data.items()}, engine


@pytest.mark.parametrize("engine", ENGINES)
def test_no_script_handler_or_unsafe_url_from_either_engine(sites: dict[str, Path], engine: str) -> None:
    """The hostile page's script, handler and javascript: link are gone from both sites and their search indexes;
    its text stays."""
    scans = scan_shared_site(sites[engine])
    assert [s for scan in scans.values() for s in scan.scripts if s.startswith("content:")] == []
    assert [h for scan in scans.values() for h in scan.handlers] == []
    assert [u for scan in scans.values() for u in scan.unsafe_urls] == []
    hostile = (sites[engine] / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "Click me" in hostile and "alert(2)" not in hostile
    (index,) = [sites[engine] / name for name, _ in SEARCH_INDEXES if (sites[engine] / name).is_file()]
    searchable = index.read_text(encoding="utf-8")
    assert "Click me" in searchable and "onclick" not in searchable and "alert(2)" not in searchable


@pytest.mark.parametrize("engine", ENGINES)
def test_every_page_is_already_sanitized(sites: dict[str, Path], engine: str) -> None:
    """Sanitizing a built page again changes nothing: the pass ran over every page of both engines."""
    unsanitized = [
        page.relative_to(sites[engine]).as_posix()
        for page in sorted(sites[engine].rglob("*.html"))
        if sanitize_page(text := page.read_text(encoding="utf-8")) != text
    ]
    assert unsanitized == []


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_a_broken_internal_link_fails_the_build_and_keeps_the_site(
    small_site: Callable[[str], Path], tmp_path: Path, engine: str
) -> None:
    """A raw HTML link to no page (which MkDocs' own checks do not see) stops either engine's build."""
    project = writable_copy(small_site(engine), tmp_path / "project")
    before = digest(project / "site")
    add_page(project, "broken.md", '# Broken\n\n<p><a href="../nowhere/">gone</a></p>\n')
    result = timeline(project, "build", "--engine", engine)
    assert result.returncode == 1
    # Zensical rewrites raw HTML links from the Markdown file's folder (one more ../ here); MkDocs does not.
    link = {"mkdocs": "../nowhere/", "zensical": "../../nowhere/"}[engine]
    assert result.stderr.splitlines()[-2:] == [
        f"site/broken/index.html: broken link {link}",
        f"{engine} build failed; {project / 'site'} is unchanged",
    ]
    assert digest(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.")] == []


def test_zensical_gets_the_config_without_the_mkdocs_plugin(sites: dict[str, Path]) -> None:
    """Zensical builds from the project's settings less the MkDocs plugin; mkdocs.yml itself is untouched."""
    project = sites["zensical"].parent
    made = sitelinks.parse_config((project / "build" / "zensical" / "mkdocs.yml").read_text(encoding="utf-8"))
    own = sitelinks.load_config(project)
    assert "timeline" in own["plugins"]
    assert made["plugins"] == [p for p in own["plugins"] if p != "timeline"]
    assert {key: made[key] for key in ("nav", "markdown_extensions", "repo_url", "site_url", "edit_uri")} == {
        key: own[key] for key in ("nav", "markdown_extensions", "repo_url", "site_url", "edit_uri")
    }
    # toc's slugify is the same `!!python/name:` tag, which Zensical imports as MkDocs does.
    toc = next(e["toc"] for e in made["markdown_extensions"] if isinstance(e, dict) and "toc" in e)
    assert isinstance(toc["slugify"], sitelinks.PythonName) and toc["slugify"] == "generator.output.urls.heading_id"
    # The theme overrides stay in the project, named from where Zensical reads its config.
    theme, own_theme = made["theme"], own["theme"]
    assert (project / "build" / "zensical" / theme.pop("custom_dir")).resolve() == (
        project / own_theme.pop("custom_dir")
    ).resolve()
    assert theme == own_theme


class _ParsedLinks(HTMLParser):
    """The reference reading of a page's on-site links: html.parser's, attribute by attribute."""

    def __init__(self) -> None:
        """No links yet."""
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep each href and src without scheme or host that is not only a fragment."""
        for name, value in attrs:
            url = urlsplit((value or "").strip())
            if name in ("href", "src") and value and not url.scheme and not url.netloc and value[0] != "#":
                self.links.append(value)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_link_check_reads_every_link_html_parser_reads(sites: dict[str, Path], engine: str) -> None:
    """The link check's fast scan finds exactly the links a real HTML parser finds, page by page."""
    differing = []
    for page in sorted(sites[engine].rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        parsed = _ParsedLinks()
        parsed.feed(text)
        if page_links(text) != parsed.links:
            differing.append(page.relative_to(sites[engine]).as_posix())
    assert differing == []
    assert page_links("<p><a href='../x/'>x</a> <script src=\"a.js\">var s = '<a href=\"y\">';</script></p>") == [
        "../x/",
        "a.js",
    ]


@pytest.mark.slow
def test_two_zensical_builds_are_byte_identical(small_site: Callable[[str], Path], tmp_path: Path) -> None:
    """Same sources, same bytes with Zensical too (its cache in build/zensical/ changes nothing): the small
    project's shared build, copied to another folder and built again over its own site and cache, gives the same
    site."""
    first = small_site("zensical")
    project = writable_copy(first, tmp_path / "elsewhere")
    result = timeline(project, "build", "--engine", "zensical", env=local_environment(SOURCE_DATE_EPOCH=EPOCH))
    assert result.returncode == 0, result.stderr
    assert digest(project / "site") == digest(first / "site")


@pytest.mark.parametrize("engine", ENGINES)
def test_heading_ids_keep_clear_of_the_theme_on_both_engines(sites: dict[str, Path], engine: str) -> None:
    """Both engines take heading ids from generator.output.urls.heading_id (mkdocs.yml's toc slugify, which the Zensical
    config keeps): a heading `__config` cannot take the theme's #__config, `Source 1` not a source's id."""
    html = (sites[engine] / "hostile" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<h2 id="([^"]*)"', html) == ["h-__config", "h-source-1"]
    assert html.count('id="__config"') == 1  # the theme's own configuration element, once


# Hostile files in content/ (tests/fixtures/hostile/), refused by the Zensical build as by MkDocs': the check
# refuses them first, and the copy into Zensical's docs folder would refuse them again.
CONTENT_ATTACKS = {
    "symlink-content-environ.yaml": "E060",
    "symlink-content-git-config.yaml": "E060",
    "symlink-content-folder.yaml": "E060",
    "fifo-content.yaml": "E060",
    "content-svg.yaml": "E061",
    "content-html.yaml": "E061",
    "content-dotfile.yaml": "E061",
}


@pytest.mark.parametrize("name", sorted(CONTENT_ATTACKS))
def test_zensical_build_refuses_hostile_content(tmp_path: Path, name: str) -> None:
    """`timeline build --engine zensical` with a link, pipe or disallowed file in content/ fails with its code,
    builds nothing and copies nothing into Zensical's docs folder; the last good site stays."""
    project = small_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("last good\n", encoding="utf-8")
    relative = install_fixture(project, HOSTILE / name)
    result = timeline(project, "build", "--engine", "zensical")
    assert result.returncode != 0
    assert f"{relative}:1:1: {CONTENT_ATTACKS[name]} " in result.stdout + result.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "last good\n"
    copied = project / "build" / "zensical" / "docs" / Path(relative).relative_to("content")
    assert not os.path.lexists(copied)


@pytest.mark.parametrize("name", sorted(CONTENT_ATTACKS))
def test_zensical_docs_copy_refuses_what_the_check_would(tmp_path: Path, name: str) -> None:
    """Behind the check: the join of content/ and the generated pages copies only regular files of allowed
    types, and refuses the build naming any other, before it copies anything."""
    project = small_project(tmp_path / "project")
    relative = install_fixture(project, HOSTILE / name)
    docs = project / "build" / "zensical" / "docs"
    with pytest.raises(sitebuild.SiteBuildFailed) as refused:
        sitebuild.join_docs(project, "content", {}, docs, sitelinks.SiteLinks())
    assert any(line.startswith(f"{relative}:1:1: {CONTENT_ATTACKS[name]} ") for line in refused.value.lines)
    assert not docs.exists()


def test_zensical_docs_copy_is_the_allowed_content(tmp_path: Path) -> None:
    """What the join copies is content/'s files as they are (repository mentions aside), no more."""
    project = small_project(tmp_path / "project")
    docs = project / "build" / "zensical" / "docs"
    sitebuild.join_docs(project, "content", {}, docs, sitelinks.SiteLinks())
    content = project / "content"
    expected = sorted(p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file())
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()) == expected
    assert all(not p.is_symlink() for p in docs.rglob("*"))
    css = "stylesheets/timeline.css"
    assert (docs / css).read_bytes() == (content / css).read_bytes()
