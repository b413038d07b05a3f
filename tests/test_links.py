"""From every page back to its source: repository and site addresses as configuration, and what each build links.

Built with TIMELINE_REPO_URL and TIMELINE_SITE_URL set (as the Pages workflow sets them), every event, place, actor
and phase page links to the edit page of its own file and to a prefilled "Report an error" form, carries a canonical
URL, and the sitemap lists every page. Without them (a local build) no page links to a repository at all; that no
link is dead is test_site.test_every_internal_link_resolves.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator import pipeline
from generator.engines import sitebuild
from generator.output import sitelinks
from generator.output.render import render_site
from generator.output.sitelinks import SiteLinks

from .conftest import EPOCH, built_site, local_environment, small_project

REPO = "https://github.com/example-org/jazeera-storm-timeline"
SITE = "https://example-org.github.io/jazeera-storm-timeline/"


@pytest.fixture(scope="module", params=sitebuild.ENGINES)
def published(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small project built as the Pages workflow builds it, with each engine: repository and site address
    known (the rules below hold for any project, so the fixture project's pages prove them)."""
    environment = local_environment(SOURCE_DATE_EPOCH=EPOCH, TIMELINE_REPO_URL=REPO, TIMELINE_SITE_URL=SITE)
    return built_site(
        tmp_path_factory, f"published-{request.param}", small_project, "--engine", request.param, env=environment
    )


@pytest.fixture(scope="module", params=sitebuild.ENGINES)
def local(request: pytest.FixtureRequest, built: Path, built_zensical: Path) -> Path:
    """The real project built locally with each engine: neither address known (the shared builds)."""
    return {"mkdocs": built, "zensical": built_zensical}[request.param]


def hrefs(page: Path) -> list[str]:
    """Every href of a built page, unescaped (engines escape differently: `&amp;`, `&#x2f;`)."""
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8"))]


def test_links_from_configuration() -> None:
    """Edit, file, report and page addresses; anything that is not an http(s) address is unknown."""
    links = SiteLinks.of(REPO + "/", SITE)
    assert links.edit("events/2018/2018-12-14-x.yaml") == f"{REPO}/edit/main/events/2018/2018-12-14-x.yaml"
    assert links.file("events/registry/places.yaml") == f"{REPO}/blob/main/events/registry/places.yaml"
    assert links.page("events/2018-12-14-x.md") == f"{SITE}events/2018-12-14-x/"
    assert links.page("index.md") == SITE
    assert links.page("places/index.md") == f"{SITE}places/"
    report = urlsplit(links.report("2018-12-14-x", "SDF takes Hajin") or "")
    assert parse_qs(report.query) == {
        "template": ["report-an-error.yml"],
        "title": ["Error: SDF takes Hajin (2018-12-14-x)"],
        "event": ["2018-12-14-x"],
    }
    unknown = SiteLinks.of("javascript:alert(1)", "")
    assert (unknown.repo_url, unknown.site_url, unknown.edit("x"), unknown.report("x", "y"), unknown.page("x")) == (
        None,
        None,
        None,
        None,
        None,
    )


def test_mkdocs_yml_reads_the_addresses_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The project's mkdocs.yml takes both addresses from the environment, and has neither without it."""
    root = Path(__file__).resolve().parents[1]
    monkeypatch.delenv("TIMELINE_REPO_URL", raising=False)
    monkeypatch.delenv("TIMELINE_SITE_URL", raising=False)
    assert sitelinks.read(root) == SiteLinks()
    monkeypatch.setenv("TIMELINE_REPO_URL", REPO)
    monkeypatch.setenv("TIMELINE_SITE_URL", SITE)
    assert sitelinks.read(root) == SiteLinks(REPO, SITE.rstrip("/"), "main")


def test_pages_link_their_files_when_the_repository_is_known(project: Path) -> None:
    """The rendered Markdown of an event and a place, with the exact links a reader follows."""
    result = pipeline.check(project)
    assert result.catalog is not None
    pages = render_site(result.catalog, links=SiteLinks.of(REPO, SITE))
    event = pages["events/2018-09-20-sdf-takes-al-susah.md"]
    edit = f"{REPO}/edit/main/events/2018/2018-09-20-sdf-takes-al-susah.yaml"
    report = (
        f"{REPO}/issues/new?template=report-an-error.yml&title=Error%3A+SDF+takes+al-Susah+%282018-09-20-sdf-takes-al-"
        "susah%29&event=2018-09-20-sdf-takes-al-susah"
    )
    assert (
        "This page is built from the file `events/2018/2018-09-20-sdf-takes-al-susah.yaml`.\n"
        f"To correct it, [edit this file]({edit}) and open a pull request with your source, or\n"
        f"[report a problem]({report}): the form opens with this event's id, `2018-09-20-sdf-takes-al-susah`, "
        "filled in."
    ) in event
    assert f'<span class="tl-permalink">{SITE}events/2018-09-20-sdf-takes-al-susah/</span>' in event
    place = pages["places/al-susah.md"]
    assert "This page is built from the entry `al-susah` of the file `events/registry/places.yaml`." in place
    assert f"[edit this file]({REPO}/edit/main/events/registry/places.yaml)" in place


def test_every_record_page_links_its_file_and_a_report_form(published: Path) -> None:
    """Each event, place, actor and phase page links the edit page of its own file and the form naming its id."""
    catalog = pipeline.check(published).catalog
    assert catalog is not None
    expected = (
        [(f"events/{e.id}", e.path, e.id) for e in catalog.events]
        + [(f"places/{p}", "events/registry/places.yaml", p) for p in catalog.places]
        + [(f"actors/{a}", "events/registry/actors.yaml", a) for a in catalog.actors]
        + [(f"phases/{p}", "events/registry/phases.yaml", p) for p in catalog.phases]
    )
    missing = []
    for folder, path, subject in expected:
        links = hrefs(published / "site" / folder / "index.html")
        if f"{REPO}/edit/main/{path}" not in links:
            missing.append(f"{folder}: no edit link to {path}")
        forms = [parse_qs(urlsplit(h).query) for h in links if h.startswith(f"{REPO}/issues/new?")]
        if [form.get("event") for form in forms] != [[subject]]:
            missing.append(f"{folder}: no report form naming {subject}")
    assert missing == []


def test_every_page_has_its_canonical_url_and_the_sitemap_lists_it(published: Path) -> None:
    """A canonical link on every page, and every page in sitemap.xml, by its absolute address."""
    site = published / "site"
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    wanted = {SITE if page == "." else f"{SITE}{page}/" for page in pages}
    canonical = {}
    for page in pages:
        found = re.findall(r'<link rel="canonical" href="([^"]+)"', (site / page / "index.html").read_text("utf-8"))
        canonical[page] = found
    assert {page: urls for page, urls in canonical.items() if urls != [SITE if page == "." else f"{SITE}{page}/"]} == {}
    assert set(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text("utf-8"))) == wanted


def test_the_repository_link_asks_no_third_party(published: Path) -> None:
    """The header links the repository, without Material's script that would ask the GitHub API for its stars."""
    home = (published / "site" / "index.html").read_text(encoding="utf-8")
    header = re.findall(r'<a href="([^"]+)" title="Go to repository" class="md-source">', home)
    assert header and {unescape(h) for h in header} == {REPO}  # the header and the navigation drawer
    offenders = [
        p.name for p in (published / "site").rglob("*.html") if 'data-md-component="source"' in p.read_text("utf-8")
    ]
    assert offenders == []


def test_about_links_to_the_repository(published: Path, local: Path) -> None:
    """About names and links the repository when it is known, and only names it otherwise."""
    assert REPO in hrefs(published / "site" / "about" / "index.html")
    text = (local / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert re.search("in the project(\u2019|'|&#39;)s repository", text)
    assert "[repository]" not in text


def test_a_local_build_links_no_repository(local: Path) -> None:
    """Without a repository address no page has an edit, report or repository link; each names its file instead."""
    site = local / "site"
    offenders = [
        f"{page.relative_to(site)}: {h}"
        for page in site.rglob("*.html")
        for h in hrefs(page)
        if "github.com" in h or "/edit/" in h or "/issues/new" in h
    ]
    assert offenders == []
    text = (site / "events" / "2018-12-14-sdf-takes-hajin" / "index.html").read_text(encoding="utf-8")
    assert "This page is built from the file <code>events/2018/2018-12-14-sdf-takes-hajin.yaml</code>." in text
    assert not re.findall(r'<link rel="canonical"', text)


def test_error_codes_are_for_contributors_beside_the_guide(local: Path) -> None:
    """The readers' navigation ends with a Contribute section holding the guide and the error codes."""
    site = local / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    tabs = re.findall(
        r'<li class="md-tabs__item[^"]*">\s*<a href="([^"]+)" class="md-tabs__link">\s*([^<]+?)\s*</a>', home
    )
    assert [title for _, title in tabs][-1] == "Contribute"
    assert "Error codes" not in [title for _, title in tabs]
    guide = (site / "contributing" / "index.html").read_text(encoding="utf-8")
    assert "Contributing to the timeline" in guide
    assert 'href="../errors/"' in guide  # the error codes beside it, in the contributors' section
    errors = (site / "errors" / "index.html").read_text(encoding="utf-8")
    assert "E040" in errors and 'href="../contributing/"' in errors
