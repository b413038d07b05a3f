"""Hostile input: one file per attack under tests/fixtures/hostile/, each with its exact outcome.

An attack is either refused with a specific problem code at a specific line, or accepted and rendered inert
(it reads as the plain text it is). Nothing raises, and nothing executable reaches a page.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.load import Document, Tree
from generator.render import render_site
from generator.sanitize import clean_content
from generator.validate import validate

from .conftest import FIXTURES, install_fixture

HOSTILE = FIXTURES / "hostile"

# Attack file -> the exact (code, line) pairs `check` reports; [] means accepted, and rendered inert below.
OUTCOMES: dict[str, list[tuple[str, int]]] = {
    "absolute-path-id.yaml": [("E014", 2)],
    "attribute-list.yaml": [("E038", 3)],
    "bidi-override.yaml": [("E038", 3)],
    "binary.yaml": [("E001", 9)],
    "byte-order-mark.yaml": [],
    "control-character.yaml": [("E038", 3)],
    "crlf-line-ends.yaml": [],
    "data-url.yaml": [("E014", 14)],
    "deep-nesting.yaml": [("E006", 8)],
    "empty.yaml": [("E005", 1)],
    "file-name-mismatch.yaml": [("E030", 2)],
    "img-onerror-in-summary.yaml": [("E038", 9)],
    "impossible-date.yaml": [("E020", 4)],
    "javascript-link-in-summary.yaml": [("E038", 9)],
    "javascript-url.yaml": [("E014", 13)],
    "jinja-syntax.yaml": [("E038", 3)],
    "latin-1.yaml": [("E001", 9)],
    "list-not-mapping.yaml": [("E005", 1)],
    "markdown-in-title.yaml": [],
    "md-in-html.yaml": [("E038", 9)],
    "multi-document.yaml": [("E005", 14)],
    "path-traversal-id.yaml": [("E014", 2)],
    "python-tag.yaml": [("E003", 2)],
    "reserved-registry-id.yaml": [("E039", 15)],
    "reversed-interval.yaml": [("E021", 4)],
    "scalar-not-mapping.yaml": [("E005", 1)],
    "script-in-title.yaml": [("E038", 3)],
    "snippet-include.yaml": [("E038", 9)],
    "tabs.yaml": [("E002", 12)],
    "unknown-field.yaml": [("E012", 14)],
    "vbscript-url.yaml": [("E014", 13)],
    "wrong-type.yaml": [("E011", 10), ("E013", 10)],
    "yaml-bomb.yaml": [("E003", 2)],
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
    assert {p.path for p in problems} <= {relative}


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


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(st.text(max_size=10), _values, max_size=5) | _event_like, max_size=3), _values)
def test_validator_never_raises_on_any_data(events: list[dict[str, object]], registry: object) -> None:
    """Whatever the loader hands it, validation returns problems and never raises."""
    docs = tuple(Document(f"events/2018/2018-09-20-e{i}.yaml", data) for i, data in enumerate(events))
    reg = Document("events/registry/places.yaml", registry if isinstance(registry, dict) else {"x": registry})
    problems = validate(Tree(places=reg, actors=reg, phases=reg, events=docs))
    assert all(p.code for p in problems)
