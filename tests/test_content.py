"""Data-quality tests on the real event content (events/ and events/registry/), not on fixtures.

They protect what the reference (shared/reference/campaign-facts.md) promises readers: every dated row of its
timeline has an event, every figure is an attributed claim, every source address comes from the reference,
and places without verified coordinates stay off the map.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator import pipeline
from generator.catalog import Catalog
from generator.model import Event

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference" / "campaign-facts.md"

# One pair per dated row of section 1 ("Timeline") of the reference: (start date, place id or title keyword).
# A date row that names a span ("12-13 Sep 2017") must become an event whose date is an interval starting there.
REFERENCE_ROWS: list[tuple[str, str]] = [
    ("2017-09-08", "ground attacks"),
    ("2017-09-09", "jazeera storm"),
    ("2017-09-10", "deir-ez-zor-industrial-zone"),
    ("2017-09-12", "brigade-113-base"),
    ("2017-09-22", "derro-oil-field"),
    ("2017-09-23", "conoco-gas-field"),
    ("2017-09-30", "al-saad"),
    ("2017-10-15", "al-suwar"),
    ("2017-10-22", "al-omar-oil-field"),
    ("2017-11-12", "al-busayrah"),
    ("2017-11-19", "abu-kamal"),
    ("2017-12-09", "gharanij"),
    ("2017-12-12", "al-bahrah"),
    ("2017-12-28", "hajin"),
    ("2018-03-05", "operational pause"),
    ("2018-04-01", "iraqi air force"),
    ("2018-05-01", "operation roundup"),
    ("2018-06-03", "dashisha"),
    ("2018-07-20", "dashisha"),
    ("2018-08-04", "iraq-syria-border"),
    ("2018-09-10", "hajin"),
    ("2018-09-20", "baghuz-fawqani"),
    ("2018-10-10", "counter-offensive"),
    ("2018-10-12", "al-bahrah"),
    ("2018-10-18", "al-boubadran-mosque"),
    ("2018-10-26", "shajlah"),
    ("2018-10-31", "suspends"),
    ("2018-11-03", "al-shafa"),
    ("2018-12-14", "hajin"),
    ("2018-12-19", "trump"),
    ("2018-12-30", "al-shafa"),
    ("2019-01-18", "al-susah"),
    ("2019-01-23", "baghuz-fawqani"),
    ("2019-02-07", "al-marashidah"),
    ("2019-02-09", "huwayjat-khanafirah"),
    ("2019-02-20", "evacuation"),
    ("2019-03-01", "baghuz-fawqani"),
    ("2019-03-18", "baghuz-fawqani"),
    ("2019-03-19", "tent camp"),
    ("2019-03-23", "territorial defeat"),
]

# Rows of the reference whose date is a span: their event must be an interval starting on that day.
MULTI_DAY_ROW_STARTS = {
    "2017-09-12",
    "2018-03-05",
    "2018-09-10",
    "2018-10-10",
    "2018-10-18",
    "2018-10-26",
    "2018-12-30",
    "2019-03-01",
}

# Further events inside reference rows that hold more than one event, and the al-Susah report of October 2018
# from the reference's notes (EA WorldView, N54).
EVENTS_WITHIN_ROWS: list[tuple[str, str]] = [
    ("2017-12-21", "gharanij"),  # ISIS retakes Gharanij
    ("2018-02-01", "gharanij"),  # SDF again "late February", year not stated
    ("2018-10-01", "al-susah"),  # EA WorldView: al-Susah taken, October 2018
    ("2018-11-09", "al-shafa"),  # second coalition strike of "3 & 9 Nov 2018"
    ("2018-11-11", "resumes"),  # "31 Oct / 11 Nov 2018": the offensive resumes
    ("2019-01-24", "baghuz-fawqani"),  # ISIS suicide attacks retake parts of Baghuz Fawqani
    ("2019-02-11", "mosque"),  # coalition strikes a Baghuz mosque
]

# Places the reference marks UNVERIFIED, and places added from timeline rows that no source locates.
PLACES_WITHOUT_VERIFIED_COORDINATES = {
    "al-bahrah",
    "baghuz-tahtani",
    "al-marashidah",
    "al-kishmah",
    "dashisha",
    "abu-fas",
    "deir-ez-zor-industrial-zone",
    "brigade-113-base",
    "al-niran-base",
    "al-bazikh-hills",
    "derro-oil-field",
    "al-izba-field",
    "al-saad",
    "hasiyat",
    "jayshiyah",
    "jadleh",
    "shajlah",
    "arqoub",
    "huwayjat-khanafirah",
    "iraq-syria-border",
}

# Every address in the reference's Sources list (and the seed article's, section 4), split where an entry
# joins two with '+', plus the Wikipedia articles that the reference's W-sources are copies of.
REFERENCE_URLS = {
    "https://wikisum.wiki/wiki/Deir_ez-Zor_campaign_(2017%E2%80%932019)",
    "https://pt.qaz.wiki/wiki/Deir_ez-Zor_campaign_(2017%E2%80%9319)",
    "https://en.wikipedia.org/wiki/Al-Baghuz_Fawqani",
    "https://wiki.gravy.cc/wiki/Battle_of_Baghuz_Fawqani",
    "https://encyclopedia.datana.cloud/content/wikipedia_en_all_mini_2024-04/A/Busayrah",
    "https://wiki.av1.space/content/wikipedia_en_all_mini_2025-06/Gharanij",
    "https://readtiger.com/wkp/en/Hajin",
    "https://inspiration-a-day.com/history/browse/08-04-03",
    "https://wikiwand.com/zh-hant/articles/阿布凱馬勒",
    "https://wikiclassic.com/wiki/Al-Shaafah",
    "https://profilbaru.com/article/Battle_of_Baghuz_Fawqani",
    "https://en.wikipedia.org/wiki/?oldid=1003064095&title=Deir_ez-Zor",
    "https://muhtawa.org/حقل_كونيكو_للغاز",
    "https://hmong.in.th/wiki/Al-Omar_field",
    "https://de.zxc.wiki/wiki/As-Suwar",
    "https://dewiki.de/Lexikon/Al-Baghuz_Fawqani",
    "https://kids.kiddle.co/Battle_of_Baghuz_Fawqani",
    "https://wiki.gravy.cc/wiki/Al-Marashidah",
    "https://de.zxc.wiki/wiki/Abu_Kamal",
    "https://de-academic.com/dic.nsf/dewiki/26274",
    "http://de.WikiPedia.org/wiki/Grenzübergang_al-Qa'im",
    "https://en.wikipedia.org/wiki/Deir_ez-Zor_offensive_(September%E2%80%93November_2017)",
    "https://historica.fandom.com/wiki/Battle_of_Baghuz_Fawqani",
    "http://theregion.org/article/11510-defeating-islamic-state-what-you-need-to-know-as-sdf-forces-approach-deir-ez-zour",
    "http://rudaw.net/english/middleeast/syria/09092017",
    "http://www.rudaw.net/english/middleeast/syria/10092017",
    "http://www.channelnewsasia.com/news/world/syrian-democratic-forces-say-reach-deir-al-zor-industrial-zone---statement-9202970",
    "https://www.almasdarnews.com/article/kurdish-fighters-capture-key-mountain-overlooking-euphrates-river-deir-ezzor/",
    "https://arabnews.com/node/1166181/",
    "https://www.middleeasteye.net/news/us-backed-sdf-captures-one-syrias-largest-gas-fields-commander",
    "https://en.news-front.info/2017/10/01/isis-conducted-counter-attack-against-us-backed-forces-in-northern-deir-ezzor/",
    "https://www.voanews.com/a/us-backed-forces-capture-syria-largest-oil-field/4081066.html",
    "http://www.dailystar.com.lb/News/Middle-East/2017/Oct-23/423595-us-allied-fighters-takes-syrias-largest-oil-field.ashx",
    "https://www.trtworld.com:443/article/13105120",
    "https://alshahidwitness.com/sdf-isis-operation-deir-ez-zour/",
    "https://www.defense.gov/News/News-Stories/Article/Article/1626731/phase-3-of-operation-roundup-starts-in-syria/",
    "https://www.eurasiareview.com/22052018-operation-roundup-targets-islamic-state-remnants-in-syria/",
    "https://sdf-press.com/en/2018/06/to-the-public-opinion-4/",
    "https://southfront.org/us-backed-forces-are-in-only-8km-away-from-isis-held-town-of-dashisha-video/",
    "https://www.stripes.com/news/us-strikes-prepare-ground-for-syrian-democratic-forces-in-anti-isis-operation-1.546988",
    "https://southfront.org/sdf-liberates-key-town-in-euphrates-valley/",
    "https://syriancivilwarmap.com/islamic-state-launches-counteroffensive-in-eastern-syria/",
    "https://shoebat.com/2018/10/16/islamic-terrorists-invade-refugee-camp-and-kidnap-one-hundred-families/",
    "http://www.kurdistan24.net/en/news/f3a57d2b-dbf5-4902-bea2-94d3ee6fd7c8",
    "https://airwars.org/civilian-casualties/cs1812-october-18-2018",
    "https://airwars.org/civilian-casualties/cs1814a-october-22-2018",
    "https://en.deirezzor24.net/the-caolaition-our-strikes-against-al-sussah-town-hit-daesh-targets-not-civilians/",
    "https://www.thenationalnews.com/world/mena/isis-expels-us-backed-force-from-eastern-syria-holdout-1.785208",
    "https://ademocracynet.com/article_print.php?id=25952&section=news",
    "https://syriancivilwarmap.com/massive-isis-counterattack-rolls-back-major-sdf-gains/",
    "http://ademocracynet.com/article_print.php?id=26221&section=news",
    "https://archive.siasat.com/news/us-backed-force-says-resuming-anti-assault-eastern-syria-1431223/",
    "http://www.arabnews.com/node/1398716/middle-east",
    "https://trt.global/world/article/12710460",
    "https://www.rappler.com/world/regions/middle-east/218906-us-backed-forces-retake-isis-hub-east-syria",
    "https://www.thenationalnews.com/world/mena/isis-entering-end-days-as-sdf-takes-last-town-1.802784",
    "https://www.apnews.com/b585b673e17f466cbe758824efca690e",
    "https://southfront.org/sdf-fighters-storm-another-key-town-in-euphrates-valley-map/",
    "https://www.altaposten.no/lokalt/NTB/NTB_utenriks/2019/01/08/SOHR-Mange-drept-i-kamper-mellom-SDF-og-IS-i-Syria-18203600.ece",
    "https://smartnews-agency.com/en/wires/2019-01-13-sdf-clashes-with-is-and-gains-control-of-shaafa-deir-al-zor",
    "https://southfront.org/isis-withdraws-from-another-town-in-euphrates-valley-amid-heavy-u-s-bombardment/",
    "https://smartnews-agency.com/en/reports/2019-01-18-sdf-controls-al-susah-town-deir-al-zor-following-is-with--673",
    "http://rudaw.net/english/middleeast/syria/230120191",
    "https://sputnikglobe.com/20190208/SDF-Prepares-Final-Push-Daesh-1072263856.html",
    "https://rudaw.net/english/middleeast/syria/200220192-amp",
    "https://www.thedefensepost.com/2019/03/05/sdf-resume-evacuations-isis-baghuz-syria/",
    "https://latestly.com/world/kurdish-led-forces-in-eastern-syria-captures-400-jihadists-trying-to-flee-enclave-679349.html",
    "https://airwars.org/reports/monthly-annual-assessment/",
    "https://www.pbs.org/newshour/show/what-we-know-about-a-2019-u-s-airstrike-in-syria-and-its-alleged-cover-up",
    "https://www.trtworld.com:443/article/12723184",
    "http://rudaw.net/english/middleeast/syria/23032019",
    "https://www.kurdistan24.net/en/story/19201-SDF-announces-the-end-of-the-self-proclaimed-Islamic-State-Caliphate",
    "https://airwars.org/civilian-casualties/cs1476-rs2434-september-12-2017",
    "https://fotoartbook.net/vb/node/80460",
    "https://alshahidwitness.com/sdf-isf-iraq-border-isis/",
    "https://fotoartbook.net/vb/node/80448?p=80454",
    "https://alshahidwitness.com/sdf-counter-isis-hajin-operations/",
    "https://theintercept.com/2019/01/18/isis-iraq-syria-us-iran/",
    "https://maps.southfront.press/us-backed-forces-advance-towards-hajin-in-euphrates-valley-videos",
    "https://southfront.org/sdf-attacks-isis-positions-around-al-susah-in-euphrates-valley/",
    "https://eaworldview.com/2018/10/syria-daily-kurds-led-sdf-key-isis-town/",
    "https://en.wikipedia.org/wiki/Syrian_Democratic_Forces",
    "https://kurdwatch.ezks.org/?e3634",
    "https://wikimili.com/en/Women's_Protection_Units",
    "https://rojavainformationcenter.com/2023/08/deir-ez-zor-explainer/",
    "https://en.wikipedia.org/wiki/Combined_Joint_Task_Force_%E2%80%93_Operation_Inherent_Resolve",
    "https://alshahidwitness.com/sdf-deir-ez-zour-isis/",
}
WIKIPEDIA_URLS_BUILT_FROM_COPIES = {
    "https://en.wikipedia.org/wiki/Deir_ez-Zor_campaign_(2017%E2%80%932019)",  # W1
    "https://en.wikipedia.org/wiki/Deir_ez-Zor_campaign_(2017%E2%80%9319)",  # W2
    "https://en.wikipedia.org/wiki/Battle_of_Baghuz_Fawqani",  # W4, W11, W17, W22
    "https://en.wikipedia.org/wiki/Busayrah",  # W5
    "https://en.wikipedia.org/wiki/Gharanij",  # W6
    "https://en.wikipedia.org/wiki/Hajin",  # W7
    "https://zh.wikipedia.org/wiki/阿布凱馬勒",  # W9
    "https://en.wikipedia.org/wiki/Al-Shaafah",  # W10
    "https://ar.wikipedia.org/wiki/حقل_كونيكو_للغاز",  # W13
    "https://en.wikipedia.org/wiki/Al-Omar_field",  # W14
    "https://de.wikipedia.org/wiki/As-Suwar",  # W15
    "https://de.wikipedia.org/wiki/Al-Baghuz_Fawqani",  # W16
    "https://en.wikipedia.org/wiki/Al-Marashidah",  # W18
    "https://de.wikipedia.org/wiki/Abu_Kamal",  # W19
}
ALLOWED_URLS = REFERENCE_URLS | WIKIPEDIA_URLS_BUILT_FROM_COPIES

CAMPAIGN_START = date(2017, 9, 8)
CAMPAIGN_END = date(2019, 3, 23)


@pytest.fixture(scope="module")
def result() -> pipeline.CheckResult:
    """The check of the real project, run once for the module."""
    return pipeline.check(ROOT)


@pytest.fixture(scope="module")
def catalog(result: pipeline.CheckResult) -> Catalog:
    """The catalog of the real content; fails the test when the check did not build one."""
    assert result.catalog is not None, "the content check failed; see test_content_check_finds_no_problem"
    return result.catalog


def _matches(event: Event, keyword: str) -> bool:
    """True when the event names the place id, or its title contains the keyword."""
    return keyword in event.places or keyword in event.title.lower()


def _label(event: Event) -> str:
    return f"{event.path} ({event.id})"


def test_content_check_finds_no_problem(result: pipeline.CheckResult) -> None:
    assert result.problems == [], "\n".join(str(p) for p in result.problems)


def test_every_event_cites_a_source(catalog: Catalog) -> None:
    assert [_label(e) for e in catalog.events if not e.sources] == []


def test_every_claim_names_its_claimant(catalog: Catalog) -> None:
    missing = [f"{_label(e)} claim {i}" for e in catalog.events for i, c in enumerate(e.claims, 1) if not c.by.strip()]
    assert missing == []


def test_every_claim_cites_a_source_the_event_lists(catalog: Catalog) -> None:
    bad = [
        f"{_label(e)} claim {i} cites source {c.source} of {len(e.sources)}"
        for e in catalog.events
        for i, c in enumerate(e.claims, 1)
        if not 1 <= c.source <= len(e.sources)
    ]
    assert bad == []


@pytest.mark.parametrize("place_id", sorted(PLACES_WITHOUT_VERIFIED_COORDINATES))
def test_unverified_place_has_no_coordinates(catalog: Catalog, place_id: str) -> None:
    assert place_id in catalog.places, f"place '{place_id}' is missing from the registry"
    assert catalog.places[place_id].coordinates is None, f"'{place_id}' has no verified coordinates"


@pytest.mark.parametrize(("start", "keyword"), REFERENCE_ROWS)
def test_reference_row_has_an_event(catalog: Catalog, start: str, keyword: str) -> None:
    starting = [e for e in catalog.events if e.date.start.isoformat() == start]
    assert starting, f"no event starts on {start}"
    assert any(_matches(e, keyword) for e in starting), f"no event on {start} names '{keyword}'"


@pytest.mark.parametrize("start", sorted(MULTI_DAY_ROW_STARTS))
def test_multi_day_reference_row_is_an_interval(catalog: Catalog, start: str) -> None:
    assert any(e.date.is_interval and e.date.start.isoformat() == start for e in catalog.events), (
        f"no event has an interval date starting on {start}"
    )


@pytest.mark.parametrize(("start", "keyword"), EVENTS_WITHIN_ROWS)
def test_each_event_within_a_reference_row_exists(catalog: Catalog, start: str, keyword: str) -> None:
    assert any(e.date.start.isoformat() == start and _matches(e, keyword) for e in catalog.events), (
        f"no event on {start} names '{keyword}'"
    )


def test_disputed_events_explain_the_dispute(catalog: Catalog) -> None:
    unexplained = [_label(e) for e in catalog.events if e.confidence == "disputed" and not e.confidence_note]
    assert unexplained == []


def test_competing_accounts_stay_disputed(catalog: Catalog) -> None:
    al_shafa = [e for e in catalog.events if "al-shafa" in e.places and e.date.text == "2018-12-30/2019-01-13"]
    strike = [e for e in catalog.events if e.date.text == "2019-03-18" and e.kind == "strike"]
    assert len(al_shafa) == 1 and al_shafa[0].confidence == "disputed"
    assert len(strike) == 1 and strike[0].confidence == "disputed"
    assert {"New York Times", "US military review", "SOHR", "Airwars"} <= {c.by for c in strike[0].claims}


def test_every_source_url_comes_from_the_reference(catalog: Catalog) -> None:
    foreign = [
        f"{_label(e)} source {s.number}: {url}"
        for e in catalog.events
        for s in e.sources
        for url in (s.url, s.archive_url)
        if url is not None and url not in ALLOWED_URLS
    ]
    assert foreign == []


def test_allowed_urls_match_the_reference_file() -> None:
    if not REFERENCE.is_file():
        pytest.skip("shared/reference/campaign-facts.md is not available here (e.g. on CI)")
    text = REFERENCE.read_text(encoding="utf-8")
    assert [url for url in sorted(REFERENCE_URLS) if url not in text] == []


def test_timeline_spans_the_campaign(catalog: Catalog) -> None:
    assert min(e.date.start for e in catalog.events) == CAMPAIGN_START
    assert max(e.date.end for e in catalog.events) == CAMPAIGN_END
