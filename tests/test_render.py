"""The renderer: autoescaping by default, and the decisions the templates get ready-made from Python."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from markupsafe import Markup

from generator import pipeline
from generator.model.catalog import Catalog
from generator.model.records import Actor, ArabicText, CivilianHarm
from generator.model.timeline import page_of_event, timeline_pages
from generator.output import citations, render
from generator.output.i18n import ARABIC, ENGLISH, Edition
from generator.output.render import render_site
from generator.output.sitelinks import SiteLinks
from generator.problems import CODES, Severity

SCRIPT = '<script>alert(1)</script> & "quoted"'


def fixture_catalog(project: Path) -> Catalog:
    """The fixture project's catalog."""
    catalog = pipeline.check(project).catalog
    assert catalog is not None
    return catalog


def helper(catalog: Catalog, edition: Edition = ENGLISH, here: str = "index.md") -> render._Page:
    """The templates' helpers for one page of `catalog` in `edition`."""
    of = page_of_event(timeline_pages(catalog))
    return render._Page(catalog, here, of, (), SiteLinks(), "mkdocs", edition)


def test_a_value_without_a_filter_is_escaped(project: Path) -> None:
    """Contributor text a template prints with no filter is escaped for HTML, in text and in an attribute."""
    event = dataclasses.replace(fixture_catalog(project).events[0], title=SCRIPT)
    template = render.environment().from_string('# {{ event.title }}\n<a title="{{ event.title }}">x</a>')
    assert template.render(event=event) == (
        "# &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quoted&#34;\n"
        '<a title="&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quoted&#34;">x</a>'
    )


def test_a_template_that_forgets_its_filter_still_escapes(project: Path, tmp_path: Path) -> None:
    """An event page whose template prints the raw title (no `md`) shows a script title as text, not a tag."""
    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES_DIR, templates)
    event_template = templates / "event.md.j2"
    text = event_template.read_text(encoding="utf-8")
    assert "# {{ title_md(event) }}\n" in text
    event_template.write_text(text.replace("# {{ title_md(event) }}\n", "# {{ event.title }}\n"), encoding="utf-8")
    catalog = fixture_catalog(project)
    hostile = Catalog(
        (dataclasses.replace(catalog.events[0], title=SCRIPT), *catalog.events[1:]),
        catalog.places,
        catalog.actors,
        catalog.phases,
    )
    page = render_site(hostile, templates)[f"events/{catalog.events[0].id}.md"]
    assert page.startswith("# &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quoted&#34;\n")
    assert "<script" not in page


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("{{ x | md }}", "&#60;b&#62; &#38; &#42;"),
        ("{{ x | code_span }}", "`<b> & *`"),
        ("{{ x | paragraph }}", "<p>&lt;b&gt; &amp; *</p>"),
        ("{{ x | ltr }}", "&lt;b&gt; &amp; *"),
        ("{{ x | md | ltr }}", "&#60;b&#62; &#38; &#42;"),
    ],
)
def test_markup_filters_are_escaped_once(source: str, shown: str) -> None:
    """A filter that makes Markdown or HTML returns Markup: autoescaping leaves its output as it is."""
    template = render.environment().from_string(source)
    assert template.render(x="<b> & *", ed=ENGLISH) == shown


def test_messages_escape_their_values_unless_markup(project: Path) -> None:
    """`t` gives the catalogue's text as markup, with plain values escaped and markup values kept."""
    page = helper(fixture_catalog(project))
    assert page.message("{n} events", n="<b>") == "&lt;b&gt; events"
    assert page.message("{n} events", n=Markup("<b>2</b>")) == "<b>2</b> events"
    assert isinstance(page.message("Events"), Markup)
    arabic = helper(fixture_catalog(project), ARABIC)
    assert arabic.message("{n} events", n="<b>") == ARABIC.t("{n} events", n="&lt;b&gt;")


def test_latin_text_is_isolated_and_escaped_on_the_arabic_edition() -> None:
    """The `ltr` filter escapes plain text in both editions; on the Arabic edition it isolates Latin text."""
    assert render.isolated(ENGLISH, "A & B") == "A &amp; B"
    assert render.isolated(ARABIC, "A & B") == '<bdi dir="ltr">A &amp; B</bdi>'
    assert render.isolated(ARABIC, "السوسة") == "السوسة"
    assert render.isolated(ARABIC, Markup("<i>x</i>")) == '<bdi dir="ltr"><i>x</i></bdi>'
    assert render.isolated_runs(ARABIC, "قسد & SDF") == 'قسد &amp; <bdi dir="ltr">SDF</bdi>'
    assert render.isolated_runs(ENGLISH, "<b>") == "&lt;b&gt;"


def test_the_largest_claim_cell_names_claim_claimant_and_event(project: Path) -> None:
    """The civilian-harm table's cell: the claim, who claims it and its event linked; empty without one."""
    catalog = fixture_catalog(project)
    event = catalog.events[0]
    claim = dataclasses.replace(event.claims[0], what="killed", about="civilians", by="Local <reports>")
    month = render.CivilianMonth("2018-09", "September 2018", 1, 1, (event, claim))
    assert helper(catalog, here="civilian-harm.md").largest_claim(month) == (
        "up to 100 civilians killed, claimed by Local &lt;reports&gt; "
        '(<a href="../events/2018-09-20-sdf-takes-al-susah/">SDF takes al-Susah</a>)'
    )
    assert helper(catalog).largest_claim(dataclasses.replace(month, largest=None)) == ""


def test_filter_options_mark_latin_text_on_the_arabic_edition(project: Path) -> None:
    """The timeline's menus: a Latin name in the Arabic edition's menu is set left to right, Arabic words not."""
    catalog = fixture_catalog(project)
    options = {f.name: f.options for f in helper(catalog, ARABIC).filter_options(catalog.events)}
    assert {(o.value, o.ltr) for o in options["kind"]} == {("territory-taken", False), ("territory-lost", False)}
    assert ("ypj", True) in {(o.value, o.ltr) for o in options["actor"]}
    english = {f.name: f.options for f in helper(catalog).filter_options(catalog.events)}
    assert not any(o.ltr for field in english.values() for o in field)


def test_the_home_page_gets_the_latest_events_newest_first(project: Path) -> None:
    """The home page's latest events are the last ones in time, the newest first, at most as many as asked."""
    catalog = fixture_catalog(project)
    assert catalog.latest(5) == [catalog.events[1], catalog.events[0]]
    assert catalog.latest(1) == [catalog.events[1]]
    assert catalog.latest(0) == []


def test_places_without_verified_coordinates_are_listed_apart(project: Path) -> None:
    """The home page names the places its map cannot show: those without verified coordinates."""
    assert [place.id for place in fixture_catalog(project).unlocated_places()] == ["al-bahrah"]


def test_a_long_list_of_events_becomes_a_month_index(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A place's events are listed while they are at most LIST_LIMIT; beyond, the page gets a month index into
    the timeline, filtered to the place, with a sentence saying why."""
    catalog = fixture_catalog(project)
    events = catalog.by_place["al-susah"]
    page = helper(catalog, here="places/al-susah.md")
    assert page.event_listing(events, "place", "al-susah") == render.EventListing(events)
    monkeypatch.setattr(render, "LIST_LIMIT", 1)
    listing = page.event_listing(events, "place", "al-susah")
    assert listing.events == ()
    assert listing.intro == (
        "2 events, too many for one page. The timeline lists them month by month; each link opens it showing only "
        "this place's events."
    )
    assert listing.months == (
        render.MonthRow("September 2018", 1, (("Timeline", "../../timeline/?place=al-susah"),)),
        render.MonthRow("October 2018", 1, (("Timeline", "../../timeline/?place=al-susah"),)),
    )


def test_confirmed_and_disputed_events_are_known_by_the_model(project: Path) -> None:
    """Lists mark every event that is not confirmed; a disputed one is told apart from a merely reported one."""
    reported, disputed = fixture_catalog(project).events
    assert (reported.confirmed, reported.disputed) == (False, False)
    assert (disputed.confirmed, disputed.disputed) == (False, True)
    assert dataclasses.replace(reported, confidence="confirmed").confirmed


def test_the_confidence_box_warns_of_a_dispute_and_notes_an_uncertainty(project: Path) -> None:
    """A disputed event's note is a warning titled Disputed, a reported one's a note titled Uncertain; no note, no
    box. On the Arabic edition an English note is marked as English."""
    reported, disputed = fixture_catalog(project).events
    page = helper(fixture_catalog(project))
    assert page.confidence_box(disputed) == render.Admonition(
        "warning", Markup("Disputed"), Markup("<p>Sources disagree on the month.</p>")
    )
    assert page.confidence_box(reported) is None
    noted = dataclasses.replace(reported, confidence_note="One *source* & no other.")
    assert page.confidence_box(noted) == render.Admonition(
        "note", Markup("Uncertain"), Markup("<p>One <em>source</em> &amp; no other.</p>")
    )
    arabic = helper(fixture_catalog(project), ARABIC)
    assert arabic.confidence_box(disputed) == render.Admonition(
        "warning",
        Markup(ARABIC.t("Disputed")),
        Markup('<div lang="en" dir="ltr"><p>Sources disagree on the month.</p></div>'),
    )


def test_a_summary_isolates_latin_names_only_in_an_arabic_translation(project: Path) -> None:
    """The Latin names inside an Arabic summary are isolated for direction; an English fallback is left whole."""
    event = fixture_catalog(project).events[1]
    translated = dataclasses.replace(event, ar=ArabicText("عنوان", "استعاد ISIS البلدة.", None, False))
    arabic = helper(fixture_catalog(project), ARABIC)
    assert arabic.summary_html(translated) == '<p>استعاد <bdi dir="ltr">ISIS</bdi> البلدة.</p>'
    assert arabic.summary_html(event) == "<p>ISIS retook the town.</p>"
    assert helper(fixture_catalog(project)).summary_html(translated) == "<p>ISIS retook the town.</p>"


def test_the_error_catalogue_lists_errors_then_warnings() -> None:
    """Each code stands once, under the heading of its severity, errors first, in the edition's words."""
    groups = render.code_groups(CODES.values(), ENGLISH)
    assert [group.heading for group in groups] == ["Errors", "Warnings"]
    assert {code.severity for code in groups[0].codes} == {Severity.ERROR}
    assert {code.severity for code in groups[1].codes} == {Severity.WARNING}
    assert sorted(c.code for g in groups for c in g.codes) == sorted(CODES)
    assert [g.heading for g in render.code_groups(CODES.values(), ARABIC)] == [ARABIC.t("Errors"), ARABIC.t("Warnings")]


def test_whom_a_civilian_harm_record_blames(project: Path) -> None:
    """Not known; the one suspected belligerent, linked; or contested between several, linked, as a list reads."""
    catalog = fixture_catalog(project)
    page = helper(catalog, here="events/x.md")
    assert page.blamed(CivilianHarm(("unknown",), ())) == "Blamed: **not known**. The sources name no belligerent."
    assert page.blamed(CivilianHarm(("isis",), ())) == "Blamed: [ISIS](../actors/isis.md), the suspected belligerent."
    assert page.blamed(CivilianHarm(("isis", "sdf", "ypj"), ())) == (
        "Blamed: **contested** between [ISIS](../actors/isis.md), [SDF](../actors/sdf.md) and [YPJ](../actors/ypj.md)."
    )
    arabic = helper(catalog, ARABIC, here="events/x.md")
    assert arabic.blamed(CivilianHarm(("isis", "sdf"), ())) == (
        f'{ARABIC.t("Blamed: **contested** between")} [<bdi dir="ltr">Islamic State</bdi>](../actors/isis.md)'
        f'{ARABIC.t(" and ")}[<bdi dir="ltr">Syrian Democratic Forces</bdi>](../actors/sdf.md).'
    )


def test_an_actors_short_name_is_given_where_it_differs(project: Path) -> None:
    """'Syrian Democratic Forces (SDF)': the short name follows the full one, unless they are the same."""
    catalog = fixture_catalog(project)
    sdf = catalog.actors["sdf"]

    def with_sdf(actor: Actor) -> Catalog:
        """The catalog with this record of the SDF."""
        return Catalog(catalog.events, catalog.places, {**catalog.actors, "sdf": actor}, catalog.phases)

    assert helper(catalog).short_name(sdf) == "SDF"
    unnamed = dataclasses.replace(sdf, short_name=sdf.name)
    assert helper(with_sdf(unnamed)).short_name(unnamed) is None
    arabic = dataclasses.replace(sdf, name_ar="قوات سوريا الديمقراطية", aliases=("قسد",))
    assert helper(with_sdf(arabic), ARABIC).short_name(arabic) == "قسد"
    assert helper(catalog, ARABIC).short_name(sdf) == "SDF"


def test_a_places_other_names_follow_its_name_on_an_event_page(project: Path) -> None:
    """English: the aliases and the Arabic name; Arabic: the Latin name where the Arabic one leads; else none."""
    catalog = fixture_catalog(project)
    susah, bahrah = catalog.places["al-susah"], catalog.places["al-bahrah"]
    assert helper(catalog).other_names(susah) == 'Sousa, Souseh, <span lang="ar" dir="rtl">السوسة</span>'
    assert helper(catalog).other_names(bahrah) == ""
    assert helper(catalog, ARABIC).other_names(susah) == '<bdi dir="ltr">al-Susah</bdi>'
    assert helper(catalog, ARABIC).other_names(bahrah) == ""


def test_the_indexes_list_a_records_spellings(project: Path) -> None:
    """Beside a name the English index lists the aliases, the Arabic one the Latin name and the aliases."""
    catalog = fixture_catalog(project)
    susah = catalog.places["al-susah"]
    assert helper(catalog).spellings(susah) == ["Sousa", "Souseh"]
    assert helper(catalog, ARABIC).spellings(susah) == ["al-Susah", "Sousa", "Souseh"]


def test_english_notes_are_escaped_and_marked_on_the_arabic_edition(project: Path) -> None:
    """A contributor's English note reads as text, and the Arabic edition says it is English."""
    catalog = fixture_catalog(project)
    assert helper(catalog).english_text("<b> & x") == "&lt;b&gt; &amp; x"
    assert helper(catalog, ARABIC).english_text("<b>") == '<span lang="en" dir="ltr">&lt;b&gt;</span>'


def test_the_number_of_sources_in_words(project: Path) -> None:
    """'1 source', '2 sources'; the Arabic edition's own words."""
    catalog = fixture_catalog(project)
    two = catalog.events[0]
    assert len(two.sources) == 2
    assert helper(catalog).source_count(dataclasses.replace(two, sources=two.sources[:1])) == "1 source"
    assert helper(catalog).source_count(two) == "2 sources"
    assert helper(catalog, ARABIC).source_count(two) == ARABIC.t("sources: {n}", n=2)


def test_only_an_arabic_translation_can_be_unreviewed(project: Path) -> None:
    """The unreviewed label is for Arabic text not yet reviewed: never on the English edition or without Arabic."""
    catalog = fixture_catalog(project)
    event = catalog.events[0]
    draft = dataclasses.replace(event, ar=ArabicText("عنوان", "ملخص", None, False))
    reviewed = dataclasses.replace(event, ar=ArabicText("عنوان", "ملخص", None, True))
    arabic = helper(catalog, ARABIC)
    assert (arabic.unreviewed(draft), arabic.unreviewed(reviewed), arabic.unreviewed(event)) == (True, False, False)
    assert not helper(catalog).unreviewed(draft)


def test_a_citation_without_the_sites_address_cites_the_page_path(project: Path) -> None:
    """With the site's address the citation gives the permalink; without, the page's path (its script reads
    the page's own address), and the files to download either way."""
    catalog = fixture_catalog(project)
    event = catalog.events[0]
    here = f"events/{event.id}.md"
    citation = helper(catalog, here=here).cite(event)
    assert (citation.address, citation.shown) == ("./", f"events/{event.id}/")
    assert [label for label, _href in citation.files] == list(citations.FORMATS.values())
    linked = render._Page(
        catalog, here, page_of_event(timeline_pages(catalog)), (), SiteLinks.of(None, "https://example.org/t/")
    ).cite(event)
    assert linked.address == linked.shown == f"https://example.org/t/events/{event.id}/"


def test_a_claim_in_raw_html_is_escaped_and_its_latin_name_isolated(project: Path) -> None:
    """A claim for a table cell reads as text; on the Arabic edition the Latin name inside it keeps its order."""
    catalog = fixture_catalog(project)
    claim = catalog.events[0].claims[0]
    assert helper(catalog).claim_html(claim) == "up to 100 ISIS killed"
    renamed = dataclasses.replace(catalog.actors["isis"], short_name="<ISIS>")
    odd = Catalog(catalog.events, catalog.places, {**catalog.actors, "isis": renamed}, catalog.phases)
    assert helper(odd).claim_html(claim) == "up to 100 &lt;ISIS&gt; killed"
    arabic = helper(catalog, ARABIC).claim_html(claim)
    assert arabic == 'قتلى (<bdi dir="ltr">ISIS</bdi>): حتى 100'
