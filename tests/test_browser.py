"""The built site in a real headless Chromium: filters and their URL state, search in English and Arabic, no
console errors, no request leaving the local server, and screenshots kept in tests/artifacts/."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator import pipeline
from generator.model.catalog import Catalog

from .conftest import ROOT
from .test_site import allowed_latin

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on PATH (Debian: apt-get install chromium)"),
]

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        """Stay silent."""


@pytest.fixture(scope="module")
def site_url(built: Path) -> Iterator[str]:
    """The real project's shared build, served on a free local port."""
    handler = functools.partial(_QuietHandler, directory=str(built / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (no browser download)."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """One page in a fresh context, recording console errors and every request."""

    def __init__(self, browser: object, site_url: str, *, width: int = 1280, javascript: bool = True) -> None:
        """Open a context of the given width."""
        self.context = browser.new_context(  # type: ignore[attr-defined]
            viewport={"width": width, "height": 900}, java_script_enabled=javascript
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.site_url = site_url

    def open(self, path: str) -> object:
        """Go to a path of the site and wait for its load event (the page's scripts have run by then; waiting for
        the network to idle as well would add half a second to every page for nothing these tests read)."""
        self.page.goto(self.site_url + path, wait_until="load")
        return self.page

    def close(self) -> None:
        """Close the context, asserting nothing went wrong on the way."""
        self.context.close()
        local = urlsplit(self.site_url).netloc
        assert [u for u in self.requests if urlsplit(u).netloc not in (local, "") and not u.startswith("data:")] == []
        assert self.errors == []


@pytest.fixture
def visit(browser: object, site_url: str) -> Iterator[Visit]:
    """A desktop visit, checked for console errors and outside requests when the test ends."""
    current = Visit(browser, site_url)
    yield current
    current.close()


def visible_ids(page: object) -> list[str]:
    """Ids of the timeline entries the reader can see."""
    return page.eval_on_selector_all("li.tl-entry:not([hidden])", "els => els.map(e => e.id)")  # type: ignore[attr-defined,no-any-return]


@functools.cache
def real_catalog() -> Catalog:
    """The real project's catalog, read once."""
    catalog = pipeline.check(ROOT).catalog
    assert catalog is not None
    return catalog


def catalog_ids(**wanted: str) -> list[str]:
    """Ids of the real events matching field=value filters, as the page orders them (phase, then date); `harm`
    is the civilian-harm view, `from` and `to` months ('2018-03') that the event's period must overlap."""
    catalog = real_catalog()
    ids = []
    for phase_id in catalog.phases:
        for event in catalog.by_phase[phase_id]:
            values = {
                "actor": event.actors,
                "kind": (event.kind,),
                "place": event.places,
                "harm": ("civilians",) if event.harms_civilians else (),
            }
            start, end = f"{event.date.start:%Y-%m}", f"{event.date.end:%Y-%m}"
            ok = all(
                end >= value if field == "from" else start <= value if field == "to" else value in values[field]
                for field, value in wanted.items()
            )
            if ok:
                ids.append(event.id)
    return ids


def test_filters_change_the_url_and_the_back_button_restores_them(visit: Visit) -> None:
    """Selecting filters narrows the list, counts it, records it in the URL; Back undoes one step."""
    page = visit.open("timeline/")
    total = len(catalog_ids())
    assert page.inner_text(".tl-count") == f"{total} events"  # type: ignore[attr-defined]
    page.select_option("select[name=actor]", "isis")  # type: ignore[attr-defined]
    page.select_option("select[name=kind]", "strike")  # type: ignore[attr-defined]
    expected = catalog_ids(actor="isis", kind="strike")
    assert visible_ids(page) == expected
    assert page.inner_text(".tl-count") == f"{len(expected)} of {total} events match the filters"  # type: ignore[attr-defined]
    assert page.url.endswith("timeline/?actor=isis&kind=strike")  # type: ignore[attr-defined]
    page.go_back()  # type: ignore[attr-defined]
    assert page.url.endswith("timeline/?actor=isis")  # type: ignore[attr-defined]
    assert page.input_value("select[name=kind]") == ""  # type: ignore[attr-defined]
    assert visible_ids(page) == catalog_ids(actor="isis")


def test_a_filtered_link_opens_filtered(visit: Visit) -> None:
    """A shared link reproduces the view: filters applied, controls set."""
    page = visit.open("timeline/?place=al-susah")
    assert visible_ids(page) == catalog_ids(place="al-susah")
    assert page.input_value("select[name=place]") == "al-susah"  # type: ignore[attr-defined]


def test_filters_work_from_the_keyboard(visit: Visit) -> None:
    """Tab to a filter, change it with the arrow keys; Clear filters is a button."""
    page = visit.open("timeline/")
    page.focus("select[name=kind]")  # type: ignore[attr-defined]
    page.keyboard.press("ArrowDown")  # type: ignore[attr-defined]
    first_kind = page.input_value("select[name=kind]")  # type: ignore[attr-defined]
    assert first_kind != ""
    assert visible_ids(page) == catalog_ids(kind=first_kind)
    page.focus("form.tl-filters button[type=reset]")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_function("document.querySelectorAll('li.tl-entry[hidden]').length === 0")  # type: ignore[attr-defined]
    assert page.url.endswith("timeline/")  # type: ignore[attr-defined]


def test_without_javascript_everything_is_listed_and_controls_hidden(browser: object, site_url: str) -> None:
    """No JavaScript: every event visible, the filter form hidden."""
    plain = Visit(browser, site_url, javascript=False)
    page = plain.open("timeline/?actor=isis")
    assert visible_ids(page) == catalog_ids()
    assert not page.is_visible("form.tl-filters")  # type: ignore[attr-defined]
    plain.close()


@pytest.mark.parametrize("query", ["Sousa", "السوسة"])
def test_search_finds_al_susah_events_with_their_dates(visit: Visit, query: str) -> None:
    """Material search, in English and Arabic, finds the al-Susah events; results show the date."""
    page = visit.open("")
    # Typing "/" focuses Material's search box, as a keyboard user would.
    page.keyboard.press("/")  # type: ignore[attr-defined]
    # Material searches on keyup; Arabic text arrives as composed input (as from an IME), then a key is released.
    page.keyboard.insert_text(query)  # type: ignore[attr-defined]
    page.keyboard.press("End")  # type: ignore[attr-defined]
    page.wait_for_selector(".md-search-result__item")  # type: ignore[attr-defined]
    # The rule, whatever the data: at least every al-Susah event matches, and among the results Material renders
    # (its first batches; it ranks the rest by relevance) are al-Susah events shown with their dates.
    susah = [e for e in real_catalog().events if "al-susah" in e.places]
    meta = page.inner_text(".md-search-result__meta")  # type: ignore[attr-defined]
    matches = int(re.sub(r"\D", "", meta) or 0)
    assert matches >= len(susah), meta
    results = page.inner_text(".md-search-result")  # type: ignore[attr-defined]
    # A title can also stand in another page's section (a place page lists its events): one event result at
    # least shows its date, as every event page starts with it.
    dated = [e for e in susah if e.title in results and e.date.label in results]
    assert dated, results[:500]


# A screenshot shows at most this many screens from the top: the whole timeline is some 60 screens tall on a phone,
# and drawing and encoding all of it took longer than every check of the page together.
SCREENSHOT_SCREENS = 6


def keep_screenshot(page: object, name: str) -> None:
    """Save the page, from its top down to SCREENSHOT_SCREENS screens, as tests/artifacts/NAME."""
    ARTIFACTS.mkdir(exist_ok=True)
    width, screen, height = page.evaluate(  # type: ignore[attr-defined]
        "[innerWidth, innerHeight, document.documentElement.scrollHeight]"
    )
    clip = {"x": 0, "y": 0, "width": width, "height": min(height, SCREENSHOT_SCREENS * screen)}
    page.screenshot(path=str(ARTIFACTS / name), full_page=True, clip=clip)  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("home", ""),
        ("timeline", "timeline/"),
        ("event", "events/2019-01-18-sdf-takes-al-susah/"),
        ("event-wide-claims", "events/2019-03-18-coalition-strike-on-baghuz-camp/"),
        ("civilian-harm", "civilian-harm/"),
        ("place", "places/al-baghuz/"),
    ],
)
def test_screenshots(browser: object, site_url: str, name: str, path: str, width: int) -> None:
    """Screenshots at desktop and phone widths, kept as artifacts; nothing on the whole page overflows sideways."""
    current = Visit(browser, site_url, width=width)
    page = current.open(path)
    keep_screenshot(page, f"{name}-{width}.png")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")  # type: ignore[attr-defined]
    assert overflow <= 0
    current.close()


# WCAG 2.1 A and AA, plus axe's best practices (heading order, landmarks, one main, regions).
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# The rules whose outcome depends on the palette: they run in both, every other rule once (in the light one).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# The content's repeated units (timeline entries, table rows, tables): each unit whose markup, classes, styles and
# languages repeat an earlier unit's exactly is marked, and the colour rules skip the marked ones. Colours come only
# from those (the project's stylesheet colours by class, never by position), so a skipped unit has the contrast of
# the one checked; checking all 195 entries of a timeline in both
# palettes took 10 s a page.
MARK_REPEATED_UNITS = """() => {
  const seen = new Set();
  for (const unit of document.querySelectorAll('.md-content li, .md-content tr, .md-content table')) {
    if (unit.closest('[data-axe-repeat]')) continue;
    const shape = el => [el.tagName, el.getAttribute('class'), el.getAttribute('style'), el.getAttribute('lang'),
                         el.getAttribute('dir')].join('|');
    const signature = [...new Set([unit, ...unit.querySelectorAll('*')].map(shape))].sort().join(' ');
    if (seen.has(signature)) unit.setAttribute('data-axe-repeat', ''); else seen.add(signature);
  }
}"""
# The palette Material applies for each `prefers-color-scheme` (mkdocs.yml's `palette`).
SCHEMES = {"light": "default", "dark": "slate"}


def axe_violations(browser: object, url: str) -> list[tuple[str, str, list[object]]]:
    """axe-core's WCAG 2.1 A/AA violations on a page, as (palette, rule, targets): every rule on the whole page in
    the light palette, and the colour rules in both palettes, on one unit of each repeated shape."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python missing").Axe()
    found = []
    for scheme, palette in SCHEMES.items():
        context = browser.new_context(color_scheme=scheme)  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(url, wait_until="load")
        # The test must fail rather than check the wrong palette twice.
        assert page.get_attribute("body", "data-md-color-scheme") == palette
        runs = [({"exclude": [["[data-axe-repeat]"]]}, {"runOnly": {"type": "rule", "values": COLOUR_RULES}})]
        if scheme == "light":
            off = {rule: {"enabled": False} for rule in COLOUR_RULES}
            runs.insert(0, (None, {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "rules": off}))
        page.evaluate(MARK_REPEATED_UNITS)
        for context_spec, options in runs:
            result = axe.run(page, context=context_spec, options=options)
            found += [(scheme, v["id"], [n["target"] for n in v["nodes"]]) for v in result.response["violations"]]
        context.close()
    return found


@pytest.mark.parametrize(
    "path",
    [
        "",
        "timeline/",
        "timeline/?harm=civilians&from=2018-09",
        "events/2019-01-18-sdf-takes-al-susah/",
        "events/2019-03-18-coalition-strike-on-baghuz-camp/",
        "civilian-harm/",
        "places/",
        "places/al-susah/",
        "places/hajin/",
        "actors/",
        "actors/sdf/",
        "phases/",
        "phases/hajin-offensive/",
        "data/",
        "about/",
        "ar/",
        "errors/",
    ],
)
def test_wcag_21_aa(browser: object, site_url: str, path: str) -> None:
    """axe-core finds no WCAG 2.1 A or AA violation (contrast, names, landmarks, headings) in either palette."""
    assert axe_violations(browser, site_url + path) == []


# --- The Arabic edition ----------------------------------------------------------------------------------------

# One page of every kind, at the same path in both editions.
PAGE_KINDS = {
    "home": "",
    "timeline": "timeline/",
    "event": "events/2019-01-18-sdf-takes-al-susah/",
    "place": "places/al-susah/",
    "civilian harm": "civilian-harm/",
    "actor": "actors/sdf/",
    "phase": "phases/hajin-offensive/",
    "places": "places/",
    "actors": "actors/",
    "phases": "phases/",
    "data": "data/",
    "about": "about/",
    "contributors' guide": "contributing/",
    "error codes": "errors/",
}

# The Latin words on a page outside what may be Latin: a name (<bdi>), text marked as another language, code,
# a file name in a link, the theme's table of contents and header title (they repeat the page's own headings),
# and the hidden search forms.
LATIN_OUTSIDE_NAMES = r"""() => {
  const skip = "bdi, [dir=ltr], [dir=auto], [lang]:not([lang=ar]), code, pre, svg, script, style, .md-nav--secondary," +
    ".md-header__topic, .md-sidebar--secondary, [hidden], .md-search";
  const words = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest(skip)) continue;
    for (const word of node.textContent.match(/[A-Za-z][A-Za-z0-9.\/'’_-]*/g) || []) words.push(word);
  }
  return words;
}"""


def arabic_catalog_ids(**wanted: str) -> list[str]:
    """Ids of the real events whose places or actors include the given ones."""
    return [
        e.id
        for e in real_catalog().events
        if all(v in {"place": e.places, "actor": e.actors}[field] for field, v in wanted.items())
    ]


@pytest.mark.parametrize(("kind", "path"), list(PAGE_KINDS.items()))
def test_arabic_pages_are_arabic_right_to_left_and_switch_to_the_same_page(visit: Visit, kind: str, path: str) -> None:
    """Every kind of Arabic page is `<html lang="ar" dir="rtl">`, its switch leads to the same page in English and
    back, and it shows no English interface text (only names, text marked as English, code and format names)."""
    page = visit.open("ar/" + path)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]  # type: ignore[attr-defined]
    latin = [w for w in page.evaluate(LATIN_OUTSIDE_NAMES) if not allowed_latin(w)]  # type: ignore[attr-defined]
    assert latin == [], f"English interface text on ar/{path}"
    page.click("a.tl-language__link[hreflang=en]")  # type: ignore[attr-defined]
    page.wait_for_url(visit.site_url + path)  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.lang") == "en"  # type: ignore[attr-defined]
    page.click("a.tl-language__link[hreflang=ar]")  # type: ignore[attr-defined]
    page.wait_for_url(visit.site_url + "ar/" + path)  # type: ignore[attr-defined]
    alternates = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "link[rel=alternate][hreflang]", "els => els.map(e => [e.hreflang, e.href])"
    )
    # The theme's alternates name each edition's root (its script reads the sitemap beside each, where the build
    # lists every page's alternates).
    assert sorted(alternates) == [["ar", visit.site_url + "ar/"], ["en", visit.site_url]]


def test_arabic_filters_count_in_arabic(visit: Visit) -> None:
    """The Arabic timeline's filters have Arabic labels and options, and the live count speaks Arabic."""
    page = visit.open("ar/timeline/")
    total = len(catalog_ids())
    assert page.inner_text(".tl-count") == f"{total} حدثاً"  # type: ignore[attr-defined]
    labels = page.eval_on_selector_all("form.tl-filters label", "els => els.map(e => e.firstChild.textContent.trim())")  # type: ignore[attr-defined]
    assert labels == ["الطرف", "النوع", "المكان", "المرحلة", "درجة الثقة", "الأذى بالمدنيين", "من", "إلى"]
    page.select_option("select[name=actor]", label="داعش")  # type: ignore[attr-defined]
    page.select_option("select[name=kind]", label="قصف جوي أو مدفعي")  # type: ignore[attr-defined]
    expected = catalog_ids(actor="isis", kind="strike")
    assert visible_ids(page) == expected
    assert page.inner_text(".tl-count") == f"{len(expected)} من {total} حدثاً تطابق عوامل التصفية"  # type: ignore[attr-defined]
    assert page.url.endswith("ar/timeline/?actor=isis&kind=strike")  # type: ignore[attr-defined]


def test_arabic_civilian_harm_and_date_filters_work_with_arabic_labels(visit: Visit) -> None:
    """The civilian-harm filter and the date filter, chosen by their Arabic words (Levantine months), keep the same
    events as in English; the count speaks Arabic and the URL carries the same values."""
    page = visit.open("ar/timeline/")
    total = len(catalog_ids())
    page.select_option("select[name=harm]", label="أذى بالمدنيين")  # type: ignore[attr-defined]
    page.select_option("select[name=from]", label="آذار 2018")  # type: ignore[attr-defined]
    page.select_option("select[name=to]", label="تشرين الأول 2018")  # type: ignore[attr-defined]
    expected = catalog_ids(harm="civilians", **{"from": "2018-03", "to": "2018-10"})
    assert expected and visible_ids(page) == expected
    assert page.inner_text(".tl-count") == f"{len(expected)} من {total} حدثاً تطابق عوامل التصفية"  # type: ignore[attr-defined]
    assert page.url.endswith("ar/timeline/?harm=civilians&from=2018-03&to=2018-10")  # type: ignore[attr-defined]
    # The same state from the URL: the controls show their Arabic words, emptied months leave the contents.
    page = visit.open("ar/timeline/?from=2018-03&to=2018-06")
    assert page.eval_on_selector("select[name=from]", "s => s.selectedOptions[0].textContent") == "آذار 2018"  # type: ignore[attr-defined]
    assert visible_ids(page) == catalog_ids(**{"from": "2018-03", "to": "2018-06"})
    hidden = page.eval_on_selector_all("article h3[hidden][id]", "els => els.map(h => h.textContent.trim())")  # type: ignore[attr-defined]
    assert "أيلول 2018" in [h.rstrip("¶").strip() for h in hidden]
    page.click("form.tl-filters button[type=reset]")  # type: ignore[attr-defined]
    page.wait_for_function("document.querySelector('.tl-count').textContent.indexOf(' من ') < 0")  # type: ignore[attr-defined]
    assert page.inner_text(".tl-count") == f"{total} حدثاً"  # type: ignore[attr-defined]


def test_arabic_civilian_harm_page_lists_every_event_of_the_view(visit: Visit) -> None:
    """The Arabic civilian-harm page has a section per event of the view linking to its Arabic page, the chart
    with Arabic text and its table."""
    page = visit.open("ar/civilian-harm/")
    links = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "article h3 + p a", 'els => els.filter(a => a.textContent.startsWith("صفحة الحدث")).map(a => a.href)'
    )
    assert [link.rstrip("/").rsplit("/", 1)[1] for link in links] == [e.id for e in real_catalog().civilian_events]
    assert all("/ar/events/" in link for link in links)
    chart = page.eval_on_selector("svg[aria-labelledby^=chart-civilians]", "svg => svg.textContent")  # type: ignore[attr-defined]
    assert "آذار 2019" in chart
    summary = page.inner_text("details.tl-data summary")  # type: ignore[attr-defined]
    assert summary == "البيانات نفسها في جدول، مع أحداث كل شهر وادعاءاته"


def test_arabic_overview_month_opens_the_timeline_at_that_month(visit: Visit) -> None:
    """A column of the Arabic overview opens the Arabic timeline filtered to its month, named in Arabic."""
    page = visit.open("ar/timeline/")
    names = page.eval_on_selector_all("svg.tl-overview a", "els => els.map(a => a.getAttribute('aria-label'))")  # type: ignore[attr-defined]
    assert len(names) == len(real_catalog().events_per_month())
    assert any(name.startswith("أيلول 2018: ") for name in names)
    september = page.eval_on_selector("svg.tl-overview a[href*='from=2018-09']", "a => a.getAttribute('href')")  # type: ignore[attr-defined]
    page.click(f"svg.tl-overview a[href='{september}']")  # type: ignore[attr-defined]
    page.wait_for_url("**/ar/timeline/?from=2018-09&to=2018-09#month-2018-09")  # type: ignore[attr-defined]
    assert visible_ids(page) == catalog_ids(**{"from": "2018-09", "to": "2018-09"})


LEVANTINE_MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
                    "تشرين الأول", "تشرين الثاني", "كانون الأول"]  # fmt: skip


def test_arabic_citation_has_an_arabic_access_date_a_copy_button_and_arabic_files(
    browser: object, site_url: str
) -> None:
    """The Arabic citation: the access date in Arabic (Levantine month, Western digits), Copy says so in Arabic,
    and the BibTeX and RIS files download, parse and cite the Arabic title and the Arabic page."""
    bibtexparser = pytest.importorskip("bibtexparser")
    rispy = pytest.importorskip("rispy")
    current = Visit(browser, site_url)
    current.context.grant_permissions(["clipboard-read", "clipboard-write"])
    event = "2019-01-18-sdf-takes-al-susah"
    page = current.open(f"ar/events/{event}/")
    day, month, year = page.evaluate("[new Date().getDate(), new Date().getMonth(), new Date().getFullYear()]")  # type: ignore[attr-defined]
    citation = page.inner_text(".tl-cite")  # type: ignore[attr-defined]
    assert f"{site_url}ar/events/{event}/" in citation
    assert f"تاريخ الاطلاع: {day} {LEVANTINE_MONTHS[month]} {year}." in citation
    page.click("button.tl-copy")  # type: ignore[attr-defined]
    page.wait_for_selector(".tl-copy-status:has-text('نُسخ الاستشهاد.')")  # type: ignore[attr-defined]
    assert page.evaluate("navigator.clipboard.readText()") == citation.strip()  # type: ignore[attr-defined]
    title = real_catalog().by_id[event].ar
    assert title is not None
    for fmt, parse in (("BibTeX", lambda t: bibtexparser.loads(t).entries[0]), ("RIS", lambda t: rispy.loads(t)[0])):
        href = page.get_attribute(f".tl-cite-actions a:has-text('{fmt}')", "href")  # type: ignore[attr-defined]
        record = parse(current.context.request.get(page.url + href).text())  # type: ignore[attr-defined,operator]
        assert record["title"].startswith(title.title), fmt
    current.close()


def show_every_result(page: object) -> None:
    """Scroll the theme's result list until no more results arrive (it adds them in batches as the list scrolls)."""
    page.wait_for_function("/\\d/.test(document.querySelector('.md-search-result__meta').textContent)")  # type: ignore[attr-defined]
    shown, stable = -1, 0
    for _ in range(200):
        count = page.eval_on_selector_all(".md-search-result__item", "els => els.length")  # type: ignore[attr-defined]
        stable = stable + 1 if count == shown else 0
        if stable == 5:
            return
        shown = count
        page.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTo(0, el.scrollHeight)")  # type: ignore[attr-defined]
        page.wait_for_timeout(100)  # type: ignore[attr-defined]
    raise AssertionError("the search results kept growing")


SEARCH_READY = "!!document.querySelector('.md-search-result__meta') && " + (
    "document.querySelector('.md-search-result__meta').textContent.trim() !== ''"
)


class Search:
    """One open page per edition with the theme's search ready, queried again and again as a reader would: opening
    a page and building the search index again for every query cost three seconds each."""

    def __init__(self, browser: object, site_url: str) -> None:
        """No page open yet."""
        self.browser, self.site_url = browser, site_url
        self.visits: dict[str, Visit] = {}

    def page(self, edition: str) -> object:
        """The edition's home page, its search box focused and its index loaded."""
        if edition not in self.visits:
            visit = self.visits[edition] = Visit(self.browser, self.site_url)
            page = visit.open(edition)
            page.keyboard.press("/")  # type: ignore[attr-defined]
            # Wait for the search worker to have its index.
            page.wait_for_function(SEARCH_READY)  # type: ignore[attr-defined]
            page.wait_for_timeout(300)  # type: ignore[attr-defined]
        return self.visits[edition].page

    def results(self, edition: str, query: str) -> list[str]:
        """The pages (site-relative, without the highlight query) the theme's search lists for a query."""
        page = self.page(edition)
        # Empty the box as a reader would, and wait for the previous query's results to go.
        page.keyboard.press("Control+A")  # type: ignore[attr-defined]
        page.keyboard.press("Backspace")  # type: ignore[attr-defined]
        page.wait_for_function("document.querySelectorAll('.md-search-result__item').length === 0")  # type: ignore[attr-defined]
        page.keyboard.insert_text(query)  # type: ignore[attr-defined]
        page.keyboard.press("End")  # type: ignore[attr-defined]
        page.wait_for_selector(".md-search-result__item")  # type: ignore[attr-defined]
        show_every_result(page)
        hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")  # type: ignore[attr-defined]
        return sorted({urlsplit(h).path.removeprefix(urlsplit(self.site_url).path) for h in hrefs})

    def close(self) -> None:
        """Close every page, asserting that none had a console error or an outside request."""
        for visit in self.visits.values():
            visit.close()


@pytest.fixture(scope="module")
def search(browser: object, site_url: str) -> Iterator[Search]:
    """The search pages shared by this module's search tests."""
    current = Search(browser, site_url)
    yield current
    current.close()


@pytest.mark.parametrize("edition", ["ar/", ""])
@pytest.mark.parametrize(
    ("query", "field", "value"),
    [
        ("سوسة", "place", "al-susah"),
        ("السوسه", "place", "al-susah"),
        ("باغوز", "place", "baghuz-fawqani"),
        ("داعش", "actor", "isis"),
        ("قسد", "actor", "sdf"),
        ("Sousa", "place", "al-susah"),
    ],
)
def test_arabic_search_finds_the_right_events(search: Search, edition: str, query: str, field: str, value: str) -> None:
    """Whatever the article, ة/ه and spelling, both editions find the events of the place or actor; the Arabic
    edition finds Latin spellings too."""
    found = search.results(edition, query)
    # The rule, whatever the data and the ranking: events of that place or actor are among the results, and
    # every result is a page of the edition searched.
    events = {f"{edition}events/{event_id}/" for event_id in arabic_catalog_ids(**{field: value})}
    assert events & set(found), found[:20]
    assert all(path.startswith(edition) for path in found)


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize(
    ("name", "path"),
    [("home", ""), ("timeline", "timeline/"), ("event", "events/2019-01-18-sdf-takes-al-susah/"),
     ("place", "places/al-susah/"), ("civilian-harm", "civilian-harm/")],
)  # fmt: skip
def test_arabic_screenshots(browser: object, site_url: str, name: str, path: str, width: int) -> None:
    """Arabic pages at desktop and phone widths, kept as artifacts; nothing overflows sideways at 360 px."""
    current = Visit(browser, site_url, width=width)
    page = current.open("ar/" + path)
    keep_screenshot(page, f"ar-{name}-{width}.png")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")  # type: ignore[attr-defined]
    assert overflow <= 0
    current.close()


# --- issue 15: civilian harm, time, phones, maps, citations, TimelineJS, layout shift -------------------------


def test_civilian_harm_filter_returns_every_event_with_a_civilian_claim(visit: Visit) -> None:
    """The filter keeps events of kind civilian-harm and every other event with a claim about civilians."""
    page = visit.open("timeline/")
    page.select_option("select[name=harm]", "civilians")  # type: ignore[attr-defined]
    expected = catalog_ids(harm="civilians")
    with_claims = [e.id for e in real_catalog().events if any(c.about == "civilians" for c in e.claims)]
    assert set(with_claims) <= set(expected)
    assert visible_ids(page) == expected
    assert page.url.endswith("timeline/?harm=civilians")  # type: ignore[attr-defined]


def test_civilian_harm_page_lists_every_event_of_the_view(visit: Visit) -> None:
    """The page has a section per event of the view, each linking to its event page, and the monthly chart."""
    page = visit.open("civilian-harm/")
    links = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "article h3 + p a", 'els => els.filter(a => a.textContent.startsWith("The event\'s page")).map(a => a.href)'
    )
    assert [link.rstrip("/").rsplit("/", 1)[1] for link in links] == [e.id for e in real_catalog().civilian_events]
    assert page.is_visible("svg#chart-civilians, svg[aria-labelledby^=chart-civilians]")  # type: ignore[attr-defined]


def test_date_filter_restores_from_the_url_and_the_contents_follow(visit: Visit) -> None:
    """?from=&to= sets the controls, keeps the events whose period overlaps, and hides emptied months in the TOC."""
    page = visit.open("timeline/?from=2018-03&to=2018-06")
    assert (page.input_value("select[name=from]"), page.input_value("select[name=to]")) == ("2018-03", "2018-06")  # type: ignore[attr-defined]
    expected = catalog_ids(**{"from": "2018-03", "to": "2018-06"})
    assert expected and visible_ids(page) == expected
    hidden_in_toc = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".md-nav--secondary li[hidden] > a.md-nav__link", "els => els.map(a => a.getAttribute('href'))"
    )
    hidden_headings = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "article h2[hidden][id], article h3[hidden][id]", "els => els.map(h => '#' + h.id)"
    )
    # Material repeats the contents in the phone drawer: each heading has two entries, both follow.
    assert hidden_headings and sorted(set(hidden_in_toc)) == sorted(hidden_headings)
    assert len(hidden_in_toc) == 2 * len(hidden_headings)
    page.select_option("select[name=kind]", "strike")  # type: ignore[attr-defined]
    assert visible_ids(page) == catalog_ids(kind="strike", **{"from": "2018-03", "to": "2018-06"})
    assert page.url.endswith("timeline/?from=2018-03&to=2018-06&kind=strike")  # type: ignore[attr-defined]


def test_overview_month_opens_the_timeline_at_that_month(visit: Visit) -> None:
    """Each column of the overview links into the timeline filtered to its month."""
    page = visit.open("timeline/")
    links = page.eval_on_selector_all("svg.tl-overview a", "els => els.map(a => a.getAttribute('href'))")  # type: ignore[attr-defined]
    assert len(links) == len(real_catalog().events_per_month())
    september = next(link for link in links if "from=2018-09" in link)
    page.click(f"svg.tl-overview a[href='{september}']")  # type: ignore[attr-defined]
    page.wait_for_url("**/timeline/?from=2018-09&to=2018-09#month-2018-09")  # type: ignore[attr-defined]
    assert visible_ids(page) == catalog_ids(**{"from": "2018-09", "to": "2018-09"})


def phone(browser: object, site_url: str) -> Visit:
    """A visit at 360 x 740, a common phone screen."""
    current = Visit(browser, site_url, width=360)
    current.page.set_viewport_size({"width": 360, "height": 740})
    return current


@pytest.mark.parametrize("edition", ["", "ar/"])
def test_filters_take_less_than_half_a_phone_screen(browser: object, site_url: str, edition: str) -> None:
    """At 360 x 740 the filter form is under 370 px high, in either edition."""
    current = phone(browser, site_url)
    page = current.open(edition + "timeline/")
    height = page.eval_on_selector("form.tl-filters", "f => f.getBoundingClientRect().height")  # type: ignore[attr-defined]
    assert 0 < height < 370
    current.close()


def widest_claim_pages() -> list[str]:
    """The event pages with the most claims (the widest claims tables), and the civilian-harm page."""
    events = sorted(real_catalog().events, key=lambda e: (-len(e.claims), e.id))[:3]
    return [f"events/{e.id}/" for e in events] + ["civilian-harm/", "places/", "actors/"]


@pytest.mark.parametrize("edition", ["", "ar/"])
@pytest.mark.parametrize("path", widest_claim_pages())
def test_no_sideways_scrolling_at_360_px(browser: object, site_url: str, path: str, edition: str) -> None:
    """Neither the page nor any table in it scrolls sideways on a phone, in either edition: the rows stack."""
    current = phone(browser, site_url)
    page = current.open(edition + path)
    overflow = page.evaluate(  # type: ignore[attr-defined]
        "Math.max(document.documentElement.scrollWidth - document.documentElement.clientWidth, "
        "...[...document.querySelectorAll('.md-typeset__scrollwrap, .md-typeset__table, table')]"
        ".map(el => el.scrollWidth - el.clientWidth))"
    )
    assert overflow <= 0
    current.close()


@pytest.mark.parametrize(
    "path",
    [
        "",
        "timeline/",
        "timeline/?harm=civilians&from=2018-09",
        "events/2019-01-18-sdf-takes-al-susah/",
        "events/2019-03-18-coalition-strike-on-baghuz-camp/",
        "civilian-harm/",
        "places/al-susah/",
        "actors/sdf/",
        "data/",
        "errors/",
    ],
)
def test_arabic_wcag_21_aa(browser: object, site_url: str, path: str) -> None:
    """axe-core finds no WCAG 2.1 A or AA violation on the Arabic edition either, in either palette."""
    assert axe_violations(browser, site_url + "ar/" + path) == []


SVG_TEXT_SIZES = """() => [...document.querySelectorAll('svg.tl-map text, svg.tl-chart text')]
  .filter(t => t.getBoundingClientRect().width > 0)
  .map(t => parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a)"""


@pytest.mark.parametrize("edition", ["", "ar/"])
@pytest.mark.parametrize("path", ["", "timeline/", "civilian-harm/", "places/hajin/", "places/al-baghuz/"])
def test_no_map_or_chart_text_under_12_px_on_a_phone(browser: object, site_url: str, path: str, edition: str) -> None:
    """Every text of every map and chart is drawn at 12 CSS px or more at 360 px, in either edition."""
    current = phone(browser, site_url)
    page = current.open(edition + path)
    sizes = page.evaluate(SVG_TEXT_SIZES)  # type: ignore[attr-defined]
    assert sizes and min(sizes) >= 12
    current.close()


LABEL_GEOMETRY = """() => [...document.querySelectorAll('svg.tl-map:not(.tl-swatch)')].map(svg => {
  const box = el => { const b = el.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; };
  return {
    labels: [...svg.querySelectorAll('text')].map(t => [t.textContent, box(t)]),
    dots: [...svg.querySelectorAll('circle')].map(c => [c.querySelector('title').textContent, box(c)]),
  };
})"""


def _overlap(a: list[float], b: list[float]) -> bool:
    """True when two boxes (x1, y1, x2, y2) share more than a hair."""
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


@pytest.mark.parametrize("edition", ["", "ar/"])
def test_map_labels_never_overlap_in_the_browser(visit: Visit, edition: str) -> None:
    """The glyph boxes Chromium lays out: no two labels overlap and no dot covers a label, on every map of either
    edition (the Arabic one labels places with their Arabic names)."""
    catalog = real_catalog()
    paths = [""] + [f"places/{p.id}/" for p in catalog.places.values() if p.coordinates]
    checked = 0
    for path in paths:
        page = visit.open(edition + path)
        for svg in page.evaluate(LABEL_GEOMETRY):  # type: ignore[attr-defined]
            labels, dots = svg["labels"], svg["dots"]
            for i, (text, box) in enumerate(labels):
                for other, other_box in labels[i + 1 :]:
                    assert not _overlap(box, other_box), (path, text, other)
                for name, dot in dots:
                    assert not _overlap(box, dot), (path, text, name)
            checked += 1
    assert checked >= len(paths)


def test_citation_has_an_access_date_a_copy_button_and_parsable_files(browser: object, site_url: str) -> None:
    """The reader's browser adds today's date; Copy puts the citation on the clipboard; the BibTeX and RIS files
    download and parse."""
    bibtexparser = pytest.importorskip("bibtexparser")
    rispy = pytest.importorskip("rispy")
    current = Visit(browser, site_url)
    current.context.grant_permissions(["clipboard-read", "clipboard-write"])
    event = "2019-01-18-sdf-takes-al-susah"
    page = current.open(f"events/{event}/")
    today = page.evaluate("new Date().toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'})")  # type: ignore[attr-defined]
    citation = page.inner_text(".tl-cite")  # type: ignore[attr-defined]
    assert f"{site_url}events/{event}/" in citation
    assert f"Accessed {today}." in citation
    page.click("button.tl-copy")  # type: ignore[attr-defined]
    page.wait_for_selector(".tl-copy-status:has-text('Citation copied.')")  # type: ignore[attr-defined]
    assert page.evaluate("navigator.clipboard.readText()") == citation.strip()  # type: ignore[attr-defined]
    bib_href = page.get_attribute(".tl-cite-actions a:has-text('BibTeX')", "href")  # type: ignore[attr-defined]
    ris_href = page.get_attribute(".tl-cite-actions a:has-text('RIS')", "href")  # type: ignore[attr-defined]
    bib = current.context.request.get(page.url + bib_href).text()  # type: ignore[attr-defined,operator]
    ris = current.context.request.get(page.url + ris_href).text()  # type: ignore[attr-defined,operator]
    title = real_catalog().by_id[event].title
    assert bibtexparser.loads(bib).entries[0]["title"].startswith(title)
    assert rispy.loads(ris)[0]["title"].startswith(title)
    current.close()


def test_this_event_in_the_timeline_opens_at_the_event(visit: Visit) -> None:
    """The link lands on the timeline with the event's entry on screen."""
    event = "2019-01-18-sdf-takes-al-susah"
    page = visit.open(f"events/{event}/")
    page.click("text=This event in the timeline")  # type: ignore[attr-defined]
    page.wait_for_url(f"**/timeline/#{event}")  # type: ignore[attr-defined]
    top = page.eval_on_selector(f"li[id='{event}']", "el => el.getBoundingClientRect().top")  # type: ignore[attr-defined]
    assert 0 <= top < 900


CLS_OBSERVER = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("width", [360, 1280])
def test_timeline_does_not_shift_while_loading(browser: object, site_url: str, width: int) -> None:
    """Cumulative layout shift, measured by a PerformanceObserver from the first byte, stays under 0.1."""
    current = Visit(browser, site_url, width=width)
    current.page.add_init_script(CLS_OBSERVER)
    page = current.open("timeline/")
    page.wait_for_timeout(1000)  # type: ignore[attr-defined]
    cls = page.evaluate("window.__cls")  # type: ignore[attr-defined]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"cls-timeline-{width}.txt").write_text(f"{cls:.4f}\n", encoding="utf-8")
    assert cls < 0.1
    current.close()


TIMELINEJS = ROOT / "tests" / "timelinejs" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"


@pytest.mark.skipif(
    not (TIMELINEJS / "js" / "timeline.js").is_file(),
    reason="TimelineJS is not installed: run `npm ci --prefix tests/timelinejs` (.ci/run does)",
)
def test_real_timelinejs_shows_an_events_sources(browser: object, site_url: str) -> None:
    """TimelineJS from its npm package loads data/timelinejs.json and shows a slide's claims and linked sources."""
    catalog = real_catalog()
    event = next(e for e in catalog.events if e.claims and any(s.url for s in e.sources))
    source = next(s for s in event.sources if s.url)
    embed = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>'
        '<link rel="stylesheet" href="css/timeline.css"></head><body>'
        '<div id="timeline-embed" style="width: 100%; height: 700px"></div><script src="js/timeline.js"></script>'
        "<script>window.tl = new TL.Timeline('timeline-embed', '../data/timelinejs.json', {hash_bookmark: false});"
        "</script></body></html>"
    )
    context = browser.new_context(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    local = urlsplit(site_url).netloc
    page.route(lambda url: urlsplit(url).netloc != local, lambda route: route.abort())

    def serve(route: object) -> None:
        """The embed page, or a file of the TimelineJS package."""
        path = urlsplit(route.request.url).path.split("/tljs/", 1)[1]  # type: ignore[attr-defined]
        if path == "index.html":
            route.fulfill(body=embed, content_type="text/html")  # type: ignore[attr-defined]
        else:
            route.fulfill(path=str(TIMELINEJS / path))  # type: ignore[attr-defined]

    page.route("**/tljs/**", serve)
    page.goto(site_url + "tljs/index.html", wait_until="networkidle")
    page.wait_for_function("window.tl && window.tl.ready")
    page.evaluate(f"window.tl.goToId({event.id!r})")
    slide = page.locator(f"[id='{event.id}'] .tl-slide-content")
    slide.wait_for()
    text = slide.inner_text()
    assert event.title in text
    assert f"{event.claims[0].by}:" in text
    link = page.locator(f"[id='{event.id}'] .tl-slide-content a[href='{source.url}']")
    assert link.count() >= 1 and source.publisher in link.first.inner_text()
    context.close()
