"""The Arabic edition's words: dates as Syrian readers write them, the search normalization, the catalogue
complete and in use, and the pages and exports of an event with and without Arabic text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.engines import plugin
from generator.input import dates
from generator.output import citations, exports, i18n, search
from generator.output.i18n import ARABIC, ENGLISH, Edition, normalize_arabic
from generator.output.i18n_ar import MESSAGES
from generator.output.render import render_site
from generator.output.sitelinks import SiteLinks
from generator.output.urls import event_path

LINKS = SiteLinks.of("https://github.com/example/timeline", "https://example.github.io/timeline")
ARABIC_BLOCK = """
ar:
  title: "قسد تسيطر على السوسة"
  summary: >-
    سيطرت قوات سوريا الديمقراطية على السوسة *بحسب التقارير*، وفق [التقرير](https://example.org/report).
  review: unreviewed
"""


@pytest.mark.parametrize(
    ("edtf", "words"),
    [
        ("2018-09-20", "20 أيلول 2018"),
        ("2018-09", "أيلول 2018"),
        ("2018", "2018"),
        ("2018-09~", "نحو أيلول 2018"),
        ("2018-09?", "أيلول 2018 (غير مؤكد)"),
        ("2018-09%", "نحو أيلول 2018 (غير مؤكد)"),
        ("2017-09-12/2017-09-13", "من 12 إلى 13 أيلول 2017"),
        ("2018-10-26/2018-11-11", "من 26 تشرين الأول إلى 11 تشرين الثاني 2018"),
        ("2018-12-30/2019-01-13", "من 30 كانون الأول 2018 إلى 13 كانون الثاني 2019"),
        ("2018-10/2018-11", "من تشرين الأول إلى تشرين الثاني 2018"),
        ("2018-10~/2018-11", "من نحو تشرين الأول 2018 إلى تشرين الثاني 2018"),
        ("2018-23", "خريف 2018"),
        ("2018-40", "النصف الأول من 2018"),
    ],
)
def test_arabic_dates_use_levantine_months_and_western_digits(edtf: str, words: str) -> None:
    """Every date form in Arabic words, never more precise than written; the English edition is unchanged."""
    parsed = dates.parse(edtf)
    assert ARABIC.date(parsed) == words
    assert ENGLISH.date(parsed) == parsed.label


@pytest.mark.parametrize(
    ("edtf", "sentence"),
    [
        ("2018-09-20", "اليوم معروف."),
        ("2018-09", "الشهر وحده معروف، لا اليوم."),
        ("2018-09~", "الشهر وحده معروف، لا اليوم؛ والتاريخ تقريبي."),
        ("2018-09?", "الشهر وحده معروف، لا اليوم؛ والتاريخ غير مؤكد."),
        ("2018-12-30/2019-01-13", "يمتد الحدث على هذه الفترة، أو تضعه المصادر المختلفة ضمنها."),
        ("2018-23", "لا يُعرف إلا جزء السنة: خريف 2018."),
    ],
)
def test_arabic_date_precision_is_explained(edtf: str, sentence: str) -> None:
    """The precision sentence of an event page, in Arabic."""
    assert ARABIC.explanation(dates.parse(edtf)) == sentence


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("سوسة", "السوسة"),
        ("السوسه", "السوسة"),
        ("باغوز", "الباغوز"),
        ("المراشدة", "ٱلْمَرَاشِدَة"),
        ("اعزاز", "أعزاز"),
        ("مستشفى", "مستشفي"),
        ("بالسوسة", "السوسة"),
    ],
)
def test_search_normalization_ignores_article_letter_variants_and_diacritics(typed: str, stored: str) -> None:
    """What a reader types and what a page says meet in one form."""
    assert normalize_arabic(typed) == normalize_arabic(stored)


def test_search_normalization_leaves_latin_and_short_words() -> None:
    """Latin text is untouched; a two-letter word that only starts like the article keeps its letters."""
    assert normalize_arabic("al-Susah Sousa") == "al-Susah Sousa"
    assert normalize_arabic("الى") == "الي"


@pytest.mark.parametrize(
    ("text", "arabic"),
    [("قسد تسيطر على السوسة", True), ("SDF takes al-Susah", False), ("غارة قرب al-Susah بحسب SOHR", True), ("", False)],
)
def test_arabic_script_is_recognized(text: str, arabic: bool) -> None:
    """E120's test: Arabic letters, more of them than Latin ones."""
    assert i18n.is_arabic_text(text) is arabic


def test_a_missing_message_stops_the_arabic_edition() -> None:
    """English text cannot reach an Arabic page untranslated: the catalogue refuses an unknown message."""
    with pytest.raises(i18n.MissingMessage, match="no Arabic for the message 'Not a message'"):
        ARABIC.t("Not a message")
    assert ENGLISH.t("Not a message") == "Not a message"


class _Recording(dict[str, str]):
    """The Arabic catalogue, noting which messages are asked for."""

    def __init__(self, messages: dict[str, str]) -> None:
        """Start with nothing asked."""
        super().__init__(messages)
        self.asked: set[str] = set()

    def __getitem__(self, key: str) -> str:
        """Note the message, then look it up."""
        self.asked.add(key)
        return super().__getitem__(key)


def _with_arabic(project: Path) -> pipeline.CheckResult:
    """The fixture project with Arabic text for its first event only."""
    event = project / "events/2018/2018-09-20-sdf-takes-al-susah.yaml"
    event.write_text(event.read_text(encoding="utf-8") + ARABIC_BLOCK, encoding="utf-8")
    result = pipeline.check(project)
    assert result.catalog is not None, [p.format_text() for p in result.problems]
    return result


def test_every_page_renders_in_arabic_and_every_message_is_used(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both editions render every page (a missing message would raise), and no Arabic message goes unused."""
    event = project / "events/2018/2018-10-01-isis-retakes-al-susah.yaml"
    data = yaml.safe_load(event.read_text(encoding="utf-8"))
    data["sources"][0]["archive_url"] = "https://web.archive.org/web/2018/https://example.org/x"
    # A reported event with a note: its box says "uncertain" (the disputed one says "disputed").
    other = project / "events/2018/2018-09-20-sdf-takes-al-susah.yaml"
    other.write_text(other.read_text(encoding="utf-8") + "confidence_note: Only one source.\n", encoding="utf-8")
    # A claim of civilians killed without a civilian-harm record (in all but the first round, whose chart has no
    # figure at all): the civilian-harm page says so, and its chart and table give the month's largest claim.
    plain = other.read_text(encoding="utf-8")
    killed = "  - {what: killed, about: civilians, min: 3, max: 5, by: Local reports, source: 1}\n"
    # A place of al-Susah's events farther than its map reaches: the map's caption names it.
    places = project / "events/registry/places.yaml"
    far = "far-town:\n  name: Far Town\n  coordinates: {lat: 35.33, lon: 40.14, precision: area, source: Test}\n"
    places.write_text(places.read_text(encoding="utf-8") + far, encoding="utf-8")
    plain = plain.replace("places: [al-susah]", "places: [al-susah, far-town]")
    # Lists longer than this become a month index into the timeline, with words of their own.
    monkeypatch.setattr("generator.output.render.LIST_LIMIT", 1)
    recording = _Recording(MESSAGES)
    edition = Edition("ar", "rtl", "ar/", recording)
    # Harm blamed on two actors (contested), on one, and on no known one: each has its own words.
    for blamed in (["isis", "sdf"], ["isis"], ["unknown"]):
        data["civilian_harm"]["blamed"] = blamed
        other.write_text(
            plain if blamed == ["isis", "sdf"] else plain.replace("claims:\n", "claims:\n" + killed, 1),
            encoding="utf-8",
        )
        event.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        catalog = _with_arabic(project).catalog if blamed == ["isis", "sdf"] else pipeline.check(project).catalog
        assert catalog is not None
        updated = {event.path: "2024-01-01" for event in catalog.events}
        for limit in (1, 100):
            for links in (SiteLinks(), LINKS):
                english = render_site(catalog, page_limit=limit, links=links, contributing="# Guide\n", updated=updated)
                arabic = render_site(
                    catalog, page_limit=limit, links=links, contributing="# Guide\n", updated=updated, edition=edition
                )
                assert sorted(arabic) == sorted(english)
    exports.data_files(catalog, edition)
    citations.citation_files(catalog.events, None, edition)
    search.event_entries([(e, event_path(e.id)) for e in catalog.events], catalog, edition)
    from generator import settings

    edition.t(settings.SITE_TITLE), edition.t(settings.SITE_DESCRIPTION), edition.t(plugin.PERMALINK_TITLE)
    edition.t("No {what}.", what="")
    unused = sorted(set(MESSAGES) - recording.asked)
    assert unused == [], "\n".join(unused)


def test_arabic_event_pages_say_how_their_text_stands(project: Path) -> None:
    """A translated event shows its Arabic with the unreviewed label and a correction link; one without Arabic
    shows its English marked as English, with a note; names are Arabic where the registry verifies them."""
    catalog = _with_arabic(project).catalog
    assert catalog is not None
    pages = render_site(catalog, links=LINKS, edition=ARABIC)
    translated = pages["events/2018-09-20-sdf-takes-al-susah.md"]
    assert translated.startswith("# قسد تسيطر على السوسة\n")
    assert "**20 أيلول 2018**" in translated
    assert "ترجمة غير مراجعة: لم يراجع هذا النص العربي بعد" in translated
    assert '<a href="https://github.com/example/timeline/issues/new?' in translated
    assert "سيطرت قوات سوريا الديمقراطية على السوسة <em>بحسب التقارير</em>" in translated
    assert 'المكان: السوسة (<bdi dir="ltr">al-Susah</bdi>)' in translated
    untranslated = pages["events/2018-10-01-isis-retakes-al-susah.md"]
    title = catalog.by_id["2018-10-01-isis-retakes-al-susah"].title
    assert untranslated.startswith(f'# <span lang="en" dir="ltr">{title}</span>\n')
    assert "لا نص عربياً لهذا الحدث بعد: عنوانه وملخصه معروضان بالإنجليزية." in untranslated
    assert '<div class="event-summary" lang="en" dir="ltr">' in untranslated


def test_exports_carry_the_arabic_text_and_the_arabic_feed_is_in_arabic(project: Path) -> None:
    """events.json and events.csv hold the Arabic beside the English; the Arabic edition's feed is Arabic."""
    catalog = _with_arabic(project).catalog
    assert catalog is not None
    data = json.loads(exports.events_json(catalog))
    by_id = {event["id"]: event for event in data["events"]}
    assert by_id["2018-09-20-sdf-takes-al-susah"]["ar"] == {
        "title": "قسد تسيطر على السوسة",
        "summary": "سيطرت قوات سوريا الديمقراطية على السوسة *بحسب التقارير*، وفق [التقرير](https://example.org/report).",
        "confidence_note": None,
        "review": "unreviewed",
        "date_label": "20 أيلول 2018",
    }
    assert by_id["2018-10-01-isis-retakes-al-susah"]["ar"] is None
    rows = {row["event_id"]: row for row in csv.DictReader(io.StringIO(exports.events_csv(catalog)))}
    assert rows["2018-09-20-sdf-takes-al-susah"]["title_ar"] == "قسد تسيطر على السوسة"
    assert rows["2018-10-01-isis-retakes-al-susah"]["title_ar"] == ""
    feed = exports.data_files(catalog, ARABIC)["data/feed.xml"]
    assert '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">' in feed
    assert '<title type="text">عاصفة الجزيرة: خط زمني موثّق — أحدث الأحداث</title>' in feed
    assert '<title type="text">قسد تسيطر على السوسة</title>' in feed
    assert exports.data_files(catalog)["data/feed.xml"] == exports.feed_xml(catalog)
