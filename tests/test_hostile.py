"""Hostile input: one file per attack under tests/fixtures/hostile/, each with its exact outcome.

An attack is either refused with a specific problem code at a specific line, or accepted and rendered inert
(it reads as the plain text it is). Nothing raises, and nothing executable reaches a page.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import TocExtension

from generator import cli, pipeline
from generator.checks.validate import validate
from generator.engines.sanitize import clean_content
from generator.input.load import Document, Tree
from generator.output import fielddocs, render
from generator.output.exports import events_csv
from generator.output.filters import paragraph_html
from generator.output.render import render_site
from generator.output.urls import RESERVED_ID_FORMS, heading_id

from .conftest import FIXTURES, ROOT, install_fixture

HOSTILE = FIXTURES / "hostile"

# Attack file -> the exact (code, line) pairs `check` reports; [] means accepted, and rendered inert below.
OUTCOMES: dict[str, list[tuple[str, int]]] = {
    "absolute-path-id.yaml": [("E014", 2)],
    "arabic-digits-date.yaml": [("E020", 4)],
    "arabic-digits-published.yaml": [("E020", 14)],
    "attribute-list.yaml": [("E038", 3)],
    "autolink-protocol-relative.yaml": [("E038", 9)],
    "bidi-override.yaml": [("E038", 3)],
    "binary.yaml": [("E001", 9)],
    "byte-order-mark.yaml": [],
    "collision-content-errors.yaml": [("E065", 1)],
    "collision-content-event-page.yaml": [("E065", 1)],
    "collision-content-place-folder.yaml": [("E065", 1)],
    "collision-content-places-index.yaml": [("E065", 1)],
    "collision-content-readme.yaml": [("E065", 1)],
    "content-dotfile.yaml": [("E061", 1)],
    "content-fake-png.yaml": [("E061", 1)],
    "content-html.yaml": [("E061", 1)],
    "content-js.yaml": [("E061", 1)],
    "content-svg.yaml": [("E061", 1)],
    "content-txt.yaml": [("E061", 1)],
    "content-upper-case-md.yaml": [("E061", 1)],
    "control-character.yaml": [("E038", 3)],
    "crlf-line-ends.yaml": [],
    "csv-fullwidth-at.yaml": [],
    "csv-fullwidth-equals.yaml": [],
    "csv-fullwidth-minus.yaml": [],
    "csv-fullwidth-plus.yaml": [],
    "csv-leading-nbsp.yaml": [],
    "csv-leading-space.yaml": [],
    "csv-leading-tab.yaml": [],
    "csv-newline-summary.yaml": [],
    "csv-zero-width.yaml": [],
    "data-url.yaml": [("E014", 14)],
    "deep-nesting.yaml": [("E006", 8)],
    "empty.yaml": [("E005", 1)],
    "fifo-content.yaml": [("E060", 1)],
    "fifo-contributing.yaml": [("E060", 1)],
    "fifo-event.yaml": [("E060", 1)],
    "file-name-mismatch.yaml": [("E030", 2)],
    "float-count-exponent.yaml": [("E011", 19), ("E016", 19)],
    "float-count-fraction.yaml": [("E011", 19)],
    "float-source.yaml": [("E011", 18)],
    "huge-integer-min.yaml": [("E064", 19)],
    "huge-integer-negative.yaml": [("E064", 19)],
    "huge-integer-source.yaml": [("E064", 18)],
    "image-link-protocol-relative.yaml": [("E038", 9)],
    "img-onerror-in-summary.yaml": [("E038", 9)],
    "impossible-date.yaml": [("E020", 4)],
    "inline-link-protocol-relative.yaml": [("E038", 9)],
    "inline-link-relative.yaml": [("E038", 9)],
    "javascript-link-in-summary.yaml": [("E038", 9)],
    "javascript-url.yaml": [("E014", 13)],
    "jinja-syntax.yaml": [("E038", 3)],
    "latin-1.yaml": [("E001", 9)],
    "link-in-claim-note.yaml": [("E038", 20)],
    "list-not-mapping.yaml": [("E005", 1)],
    "markdown-in-title.yaml": [],
    "md-in-html.yaml": [("E038", 9)],
    "multi-document.yaml": [("E005", 14)],
    "path-traversal-id.yaml": [("E014", 2)],
    "publisher-invisible-only.yaml": [("E063", 12)],
    "python-tag.yaml": [("E003", 2)],
    "reference-link-angle.yaml": [("E038", 9)],
    "reference-link-javascript.yaml": [("E038", 9)],
    "reference-link-protocol-relative.yaml": [("E038", 9)],
    "reference-link-relative.yaml": [("E038", 9)],
    "reserved-registry-id.yaml": [("E039", 15)],
    "reversed-interval.yaml": [("E021", 4)],
    "scalar-not-mapping.yaml": [("E005", 1)],
    "script-in-title.yaml": [("E038", 3)],
    "snippet-include.yaml": [("E038", 9)],
    "symlink-content-environ.yaml": [("E060", 1)],
    # CONTRIBUTING.md is published as the contributors' guide: a link there would publish the build's environment.
    "symlink-contributing.yaml": [("E060", 1)],
    "symlink-content-folder.yaml": [("E060", 1)],
    "symlink-content-git-config.yaml": [("E060", 1)],
    "symlink-events-root.yaml": [("E060", 1), ("E060", 1), ("E060", 1), ("E060", 1)],
    # A registry that cannot be read is reported alone (issue 11): references to it are not checked, so no E032.
    "symlink-registry-file.yaml": [("E060", 1)],
    "symlink-registry-folder.yaml": [("E060", 1), ("E060", 1), ("E060", 1)],
    "symlink-template.yaml": [("E060", 1)],
    "symlink-year-folder.yaml": [("E060", 1)],
    "tabs.yaml": [("E002", 12)],
    "title-chart.yaml": [],
    "title-config.yaml": [],
    "title-joiners-only.yaml": [("E063", 3)],
    "title-palette.yaml": [],
    "title-search.yaml": [],
    "title-source-1.yaml": [],
    "title-tag-characters-only.yaml": [("E063", 3)],
    "title-zero-width-only.yaml": [("E063", 3)],
    "trailing-newline-date.yaml": [("E020", 4)],
    "trailing-newline-id.yaml": [("E014", 2), ("E030", 2)],
    "trailing-newline-phase.yaml": [("E014", 6), ("E032", 6)],
    "trailing-newline-tag.yaml": [("E014", 14)],
    "trailing-newline-url.yaml": [("E014", 13)],
    "unknown-field.yaml": [("E012", 14)],
    "url-archive-bidi.yaml": [("E062", 14)],
    "url-bidi-override.yaml": [("E062", 13)],
    "url-control.yaml": [("E062", 13)],
    "url-tag-character.yaml": [("E062", 13)],
    "url-zero-width.yaml": [("E062", 13)],
    "vbscript-url.yaml": [("E014", 13)],
    "wrong-type.yaml": [("E011", 10), ("E013", 10)],
    "yaml-bomb.yaml": [("E003", 2)],
    "year-zero-date.yaml": [("E020", 4)],
    "year-zero-interval.yaml": [("E020", 4)],
    "year-zero-phase.yaml": [("E020", 4), ("E020", 10)],
    "year-zero-source.yaml": [("E020", 14)],
}

# Attacks whose problems rightly land in other files too: a link in place of events/ or events/registry/ leaves
# every registry unread, each reported at its own path.
ELSEWHERE: dict[str, set[str]] = {
    "symlink-events-root.yaml": {f"events/registry/{name}.yaml" for name in ("actors", "phases", "places")},
    "symlink-registry-folder.yaml": {f"events/registry/{name}.yaml" for name in ("actors", "phases", "places")},
}

SITE_EXTENSIONS = ["tables", "admonition", "toc"]


def test_every_hostile_file_has_an_outcome() -> None:
    """The table and the folder list the same attacks."""
    assert sorted(p.name for p in HOSTILE.glob("*.yaml")) == sorted(OUTCOMES)


@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_attack_outcome(project: Path, name: str) -> None:
    """Each attack gets exactly its codes at its lines, in its own file, or none at all."""
    relative = install_fixture(project, HOSTILE / name)
    problems = pipeline.check(project).problems
    assert [(p.code, p.line) for p in problems] == OUTCOMES[name]
    assert {p.path for p in problems} <= {relative} | ELSEWHERE.get(name, set())


def test_huge_file_is_refused(project: Path) -> None:
    """A file over the size limit is refused before it is parsed."""
    huge = project / "events" / "2018" / "2018-09-20-huge.yaml"
    huge.write_text("summary: " + "x" * 300_000 + "\n")
    assert [(p.code, p.message) for p in pipeline.check(project).problems] == [
        ("E006", "file is 300,010 bytes; the limit is 262,144")
    ]


def event_html(project: Path, event_id: str) -> str:
    """The event page's content HTML as the site makes it: generated Markdown, rendered, sanitized."""
    catalog = pipeline.check(project).catalog
    assert catalog is not None
    page = render_site(catalog)[f"events/{event_id}.md"]
    return clean_content(markdown.markdown(page, extensions=SITE_EXTENSIONS))


def test_markdown_in_a_title_is_inert(project: Path) -> None:
    """Markdown and table syntax in a title reads as the characters typed: no bold, no link, no new cell."""
    install_fixture(project, HOSTILE / "markdown-in-title.yaml")
    html = event_html(project, "2018-09-20-markdown-in-title")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html)
    assert heading is not None
    assert "<" not in heading.group(1)
    import html as html_lib

    assert html_lib.unescape(heading.group(1)) == "# **Not bold** [not a link](https://example.org) | a_b_c ~~x~~ ==y=="


@pytest.mark.parametrize("name", ["byte-order-mark.yaml", "crlf-line-ends.yaml"])
def test_harmless_encodings_load_as_usual(project: Path, name: str) -> None:
    """A byte-order mark or Windows line ends change nothing in the page."""
    install_fixture(project, HOSTILE / name)
    event_id = "2018-09-20-" + name.removesuffix(".yaml")
    assert "<p>The SDF took al-Susah.</p>" in event_html(project, event_id)


def test_sanitizer_drops_what_escaping_might_miss() -> None:
    """The second line of defence: handlers, scripts and unsafe schemes go; the theme's markup stays."""
    dirty = (
        '<p onclick="x()">a</p><script>alert(1)</script><a href="javascript:alert(1)">b</a>'
        '<a href="../x/" class="headerlink">c</a><li class="tl-entry" data-kind="strike" hidden>d</li>'
        '<svg viewBox="0 0 1 1" role="img"><circle cx="1" cy="1" r="1"/></svg><iframe src="https://x"></iframe>'
    )
    assert clean_content(dirty) == (
        '<p>a</p><a>b</a><a href="../x/" class="headerlink">c</a>'
        '<li class="tl-entry" data-kind="strike" hidden="">d</li>'
        '<svg viewBox="0 0 1 1" role="img"><circle cx="1" cy="1" r="1"></circle></svg>'
    )


# JSON-like values: what a YAML document can hold once loaded.
_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=6),
    max_leaves=25,
)
_event_like = st.fixed_dictionaries(
    {},
    optional={
        key: _values
        for key in ("id", "title", "date", "kind", "phase", "places", "actors", "summary", "claims", "sources",
                    "confidence", "confidence_note", "related", "tags")
    },
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(st.text(max_size=10), _values, max_size=5) | _event_like, max_size=3), _values)
def test_validator_never_raises_on_any_data(events: list[dict[str, object]], registry: object) -> None:
    """Whatever the loader hands it, validation returns problems and never raises."""
    docs = tuple(Document(f"events/2018/2018-09-20-e{i}.yaml", data) for i, data in enumerate(events))
    reg = Document("events/registry/places.yaml", registry if isinstance(registry, dict) else {"x": registry})
    problems = validate(Tree(places=reg, actors=reg, phases=reg, events=docs))
    # Each problem points into one of the files it was given, at a real position (what the report prints).
    files = {reg.path, *(doc.path for doc in docs)}
    assert [p for p in problems if p.path not in files or p.line < 1 or p.col < 1] == []


# --- exports: CSV cells a spreadsheet would evaluate --------------------------------------------------------

CSV_ATTACKS = {name: "notes" if "summary" in name else "title" for name in OUTCOMES if name.startswith("csv-")}


def _looks_like_formula(cell: str) -> bool:
    """Whether a spreadsheet might evaluate the cell, or hide a formula behind what a reader sees first."""
    if not cell or cell.startswith("'"):
        return False
    first = cell[0]
    return (
        first.isspace()
        or unicodedata.category(first) in ("Cc", "Cf", "Zs")
        or unicodedata.normalize("NFKC", first)[:1] in "=+-@\u2212"
    )


@pytest.mark.parametrize("name", sorted(CSV_ATTACKS))
def test_csv_cells_are_never_formulas(project: Path, name: str) -> None:
    """OWASP's advice: a cell starting with a formula character, whitespace or an invisible one gets an apostrophe."""
    install_fixture(project, HOSTILE / name)
    catalog = pipeline.check(project).catalog
    assert catalog is not None
    rows = list(csv.DictReader(io.StringIO(events_csv(catalog), newline="")))
    row = next(r for r in rows if r["event_id"] == "2018-09-20-" + name.removesuffix(".yaml"))
    assert row[CSV_ATTACKS[name]].startswith("'")
    assert [column for column, cell in row.items() if _looks_like_formula(cell)] == []


# --- element ids: a heading never takes an id the theme or the page's own HTML uses ------------------------------

THEME_IDS = re.compile(r"__.*")  # Material's: __config, __search, __drawer, __toc, __palette_0, __code_0 ...


def content_ids(page_markdown: str) -> list[str]:
    """Every id in a generated page's content HTML, rendered the way mkdocs.yml configures toc."""
    extensions = ["tables", "admonition", TocExtension(permalink=True, slugify=heading_id)]
    html = clean_content(markdown.markdown(page_markdown, extensions=extensions))
    return re.findall(r'\bid="([^"]*)"', html)


def test_mkdocs_uses_the_heading_id_rule() -> None:
    """The site's toc extension takes its ids from generator.output.urls.heading_id, as the tests here do."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "slugify: !!python/name:generator.output.urls.heading_id" in config


@pytest.mark.parametrize("name", sorted(n for n in OUTCOMES if n.startswith("title-") and not OUTCOMES[n]))
def test_titles_never_take_a_reserved_id(project: Path, name: str) -> None:
    """`__config` as a title would break the theme's JSON.parse of #__config; 'Source 1' would repeat source-1."""
    install_fixture(project, HOSTILE / name)
    catalog = pipeline.check(project).catalog
    assert catalog is not None
    event_id = "2018-09-20-" + name.removesuffix(".yaml")
    pages = render_site(catalog)
    for page in (pages[f"events/{event_id}.md"], pages["timeline/index.md"]):
        ids = content_ids(page)
        assert [i for i in ids if THEME_IDS.fullmatch(i)] == []
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert content_ids(pages[f"events/{event_id}.md"])[0].startswith("h-")


def test_phase_names_never_take_a_reserved_id(project: Path) -> None:
    """A phase's name is a heading on the timeline and on its page: `__drawer` or `source-1` are moved aside."""
    phases = project / "events" / "registry" / "phases.yaml"
    text = phases.read_text(encoding="utf-8")
    phases.write_text(text.replace("name: Hajin offensive", "name: __drawer").replace("First phase", "Source 1"))
    catalog = pipeline.check(project).catalog
    assert catalog is not None
    pages = render_site(catalog)
    for path in ("timeline/index.md", "phases/hajin-offensive.md", "phases/first-phase.md", "phases/index.md"):
        ids = content_ids(pages[path])
        assert [i for i in ids if THEME_IDS.fullmatch(i)] == [], path
        assert len(ids) == len(set(ids)), path


@pytest.mark.parametrize(
    ("text", "slug"),
    [("__config", "h-__config"), ("Source 12", "h-source-12"), ("chart-kinds-desc", "h-chart-kinds-desc"),
     ("Map valley title", "h-map-valley-title"),
     ("2018-09-20-sdf-takes-al-susah", "h-2018-09-20-sdf-takes-al-susah"), ("h-x", "h-h-x"),
     ("Reporting an error", "reporting-an-error"), ("سوسة", "h-")],
)  # fmt: skip
def test_heading_ids(text: str, slug: str) -> None:
    """Ordinary headings keep toc's ids (links to #reporting-an-error hold); reserved forms get the prefix."""
    assert heading_id(text, "-") == slug


# --- links: one rule for every way Markdown makes one --------------------------------------------------------


@pytest.mark.parametrize(
    "summary",
    [
        "[x][r]\n\n[r]: //evil.example/phish",
        "[x][]\n\n[x]: ../../secret/",
        "[r]\n\n[r]: <javascript:alert(1)>",
        "[x](//evil.example)",
        "[x](evil.html)",
        "[x]( /absolute/path )",
        "![x](//evil.example/p.png)",
        "<//evil.example>",
        "[x](HTTPS:/evil.example)",
    ],
)
def test_rendered_links_are_absolute_web_addresses(summary: str) -> None:
    """Whatever the check missed, a summary's rendered links point only at absolute http(s) addresses."""
    html = paragraph_html(summary)
    assert [h for h in re.findall(r'href="([^"]*)"', html) if not re.match(r"https?://[^/]", h, re.I)] == []


def test_reference_links_to_the_web_still_work() -> None:
    """The rule keeps what it should: a reference-style link to an https address is a link."""
    html = paragraph_html("The [report][r].\n\n[r]: https://example.org/report")
    assert '<a href="https://example.org/report"' in html


# --- collisions: two pages, one address -----------------------------------------------------------------------


def test_a_phase_named_like_a_month_page_collides(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the timeline is split, a phase `hajin-offensive-2018-10` would be written over the October page of
    `hajin-offensive`: an error naming both, at the later phase's id."""
    monkeypatch.setattr(render, "PAGE_LIMIT", 1)
    phases = project / "events" / "registry" / "phases.yaml"
    phases.write_text(
        phases.read_text(encoding="utf-8")
        + "hajin-offensive-2018-10:\n  name: Look-alike\n  start: 2018-10\n  end: 2018-10\n"
        + "  description: A clash of names.\n"
    )
    event = project / "events" / "2018" / "2018-10-05-look-alike.yaml"
    source = (project / "events" / "2018" / "2018-10-01-isis-retakes-al-susah.yaml").read_text(encoding="utf-8")
    event.write_text(
        source.replace("2018-10-01-isis-retakes-al-susah", "2018-10-05-look-alike")
        .replace("phase: hajin-offensive", "phase: hajin-offensive-2018-10")
        .replace("2018-10~", "2018-10-05")
        .replace("ISIS retook the town.", "Something else happened.")
        .replace("territory-lost", "clash")
    )
    result = pipeline.check(project)
    assert [(p.path, p.code, p.line) for p in result.problems] == [("events/registry/phases.yaml", "E065", 11)]
    message = result.problems[0].message
    assert "hajin-offensive-2018-10" in message and "timeline/hajin-offensive-2018-10.md" in message
    assert "the timeline page of phase hajin-offensive" in message
    assert result.catalog is None


def test_every_id_the_templates_give_is_reserved_from_headings(project: Path) -> None:
    """Each id a page's own HTML holds (not a heading's) has a form heading ids never take: a new id in a
    template or map must be added to generator/output/urls.py, or a heading could repeat it."""
    catalog = pipeline.check(project).catalog
    assert catalog is not None
    template_ids = set()
    for text in render_site(catalog).values():
        html = markdown.markdown(text, extensions=["tables", "admonition", TocExtension(slugify=heading_id)])
        template_ids |= {m[1] for m in re.finditer(r'<(?!h[1-6]\b)\w+\b[^>]*\bid="([^"]*)"', html)}
    assert template_ids, "the fixture pages hold ids (sources, charts, maps, timeline entries)"
    assert sorted(i for i in template_ids if not RESERVED_ID_FORMS.fullmatch(i)) == []


@pytest.mark.parametrize("name", ["symlink-contributing.yaml", "fifo-contributing.yaml"])
def test_a_linked_contributors_guide_is_never_published(project: Path, name: str) -> None:
    """CONTRIBUTING.md as a link or a pipe is refused (E060) and its target never becomes the guide's page."""
    install_fixture(project, HOSTILE / name)
    assert fielddocs.read_contributing(project) is None
    assert [p.path for p in pipeline.check(project).problems] == ["CONTRIBUTING.md"]


def test_docs_check_does_not_follow_a_linked_guide(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline docs --check` (run by CI on every pull request) refuses a CONTRIBUTING.md that links to /dev/zero
    instead of reading it without end, and does not write through it."""
    (project / "CONTRIBUTING.md").unlink(missing_ok=True)
    (project / "CONTRIBUTING.md").symlink_to("/dev/zero")
    assert cli.main(["--root", str(project), "docs", "--check"]) == 1
    assert cli.main(["--root", str(project), "docs"]) == 1
    assert (
        capsys.readouterr()
        .err.splitlines()[-1]
        .endswith("CONTRIBUTING.md: E060 a symbolic link: the build reads only regular files inside the project")
    )
