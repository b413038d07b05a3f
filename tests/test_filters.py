"""Formatting filters: escaping contributor text, rendering the summary subset, figures and claims."""

from __future__ import annotations

import markdown
import pytest
from markupsafe import Markup

from generator.output import filters


def as_html(markdown_text: str) -> str:
    """Render Markdown the way the site does (tables, admonitions, toc and attr_list for good measure)."""
    return markdown.markdown(markdown_text, extensions=["tables", "admonition", "toc", "attr_list"])


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "Hajin {: onclick=alert(1) }",
        "*emphasis* and [a link](javascript:alert(1))",
        "--8<-- /etc/passwd",
        "{{ config }} {% include x %}",
        "a | b | c",
        "# not a heading",
        "<img src=x onerror=alert(1)>",
        "&amp; &lt;b&gt;",
    ],
)
def test_plain_text_reads_exactly_as_written(text: str) -> None:
    """Escaped text renders to the same characters, and to no tag or attribute."""
    html = as_html(f"Title: {filters.md(text)}")
    assert html.startswith("<p>Title: ") and html.endswith("</p>")
    inner = html.removeprefix("<p>Title: ").removesuffix("</p>")
    assert "<" not in inner.replace("&lt;", "")
    import html as html_lib

    assert html_lib.unescape(inner) == text


def test_plain_text_in_a_table_cell_stays_in_its_cell() -> None:
    """A pipe in contributor text cannot add a column."""
    table = f"| a | b |\n| --- | --- |\n| {filters.md('x | y')} | z |\n"
    assert as_html(table).count("<td>") == 2


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("The SDF *reportedly* took it.", "<p>The SDF <em>reportedly</em> took it.</p>"),
        (
            "See [the report](https://example.org/a).",
            '<p>See <a href="https://example.org/a" rel="noopener nofollow">the report</a>.</p>',
        ),
        ("Bad [link](javascript:alert(1)).", '<p>Bad <a rel="noopener nofollow">link</a>.</p>'),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("Two\n\nparagraphs", "<p>Two</p> <p>paragraphs</p>"),
        ("x {: onclick=alert(1) }", "<p>x {: onclick=alert(1) }</p>"),
    ],
)
def test_summary_subset_is_sanitized(summary: str, expected: str) -> None:
    """Emphasis and http(s) links survive; HTML, unsafe schemes and attribute lists do not, on one line."""
    assert filters.paragraph_html(summary) == expected


@pytest.mark.parametrize(
    ("low", "high", "unit", "expected"),
    [
        (None, 100, "", "up to 100"),
        (2500, 3000, "", "2,500–3,000"),
        (65, 65, "", "65"),
        (250, None, "km²", "at least 250 km²"),
        (100, 130, "families", "100–130 families"),
    ],
)
def test_figures_keep_the_claimed_range(low: int | None, high: int | None, unit: str, expected: str) -> None:
    """'Up to' stays 'up to', a range stays a range, a single figure stays single."""
    assert filters.figure(low, high, unit) == expected


@pytest.mark.parametrize(
    ("what", "label", "who", "low", "high", "unit", "expected"),
    [
        ("killed", "killed", "ISIS", None, 100, "", "up to 100 ISIS killed"),
        ("abducted", "abducted", "civilians", 100, 130, "families", "100–130 families (civilians) abducted"),
        ("fighters-present", "fighters present", "ISIS", 2500, 3000, "", "2,500–3,000 ISIS fighters present"),
        ("distance-advanced", "distance advanced", "SDF", 7, 7, "km", "SDF advanced 7 km"),
        ("area-taken", "area taken", "SDF", 250, None, "km²", "at least 250 km² taken by SDF"),
        ("area-held", "area still held", "ISIS", None, 30, "km²", "up to 30 km² still held by ISIS"),
        ("killed", "killed", "children", 1, 1, "", "1 child killed"),
        ("killed", "killed", "women", 2, 2, "", "2 women killed"),
    ],
)
def test_claim_sentences(
    what: str, label: str, who: str, low: int | None, high: int | None, unit: str, expected: str
) -> None:
    """A claim reads as a short phrase a reader understands."""
    assert filters.claim_sentence(what, label, who, low, high, unit) == expected


def test_arabic_is_marked_right_to_left() -> None:
    """Arabic names carry lang and dir so they are shaped and read correctly."""
    assert filters.arabic("السوسة") == '<span lang="ar" dir="rtl">السوسة</span>'
    assert filters.also_known_as(("Sousa", "Souseh"), "السوسة") == (
        ' Also written: Sousa, Souseh. Arabic: <span lang="ar" dir="rtl">السوسة</span>.'
    )


def test_relative_links() -> None:
    """Links between generated pages are relative, so the site works under any base URL."""
    assert filters.relative("places/al-susah.md", "events/x.md") == "../places/al-susah.md"
    assert filters.relative("timeline/2018.md", "index.md") == "timeline/2018.md"


def test_code_block_indents_every_line_and_keeps_the_text() -> None:
    """An indented code block shows the project's example exactly as written: no escaping, blank lines bare."""
    assert filters.code_block("kind: <battle> & 'x'\n\ndate: 2018") == "    kind: <battle> & 'x'\n\n    date: 2018"


@pytest.mark.parametrize(
    "made",
    [
        filters.md("<b>"),
        filters.md_code("`x` <b>"),
        filters.code_span("<b>"),
        filters.code_block("<b>"),
        filters.md_url("https://example.org/?a=1&b=2"),
        filters.paragraph_html("<b>"),
        filters.arabic("السوسة"),
        filters.also_known_as(("A",), None),
    ],
)
def test_filters_that_make_markup_say_so(made: str) -> None:
    """What a filter escaped or made on purpose is Markup, so the templates' autoescaping does not escape it again."""
    assert isinstance(made, Markup)


@pytest.mark.parametrize(
    ("items", "joined"),
    [
        ([], ""),
        (["A"], "A"),
        (["A", "B"], "A and B"),
        (["A", "B", "C"], "A, B and C"),
        (["<b>", Markup("<i>x</i>")], "&lt;b&gt; and <i>x</i>"),
    ],
)
def test_series_reads_as_a_list(items: list[str], joined: str) -> None:
    """A list of names reads 'A, B and C'; plain items are escaped, markup ones kept."""
    assert filters.series(items) == joined


def test_series_takes_the_editions_words() -> None:
    """The comma and the conjunction come from the edition: Arabic writes 'أ، ب وج'."""
    assert filters.series(["أ", "ب", "ج"], "، ", " و") == "أ، ب وج"
