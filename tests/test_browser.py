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

from .conftest import ROOT
from .test_site import copy_project, timeline

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on PATH (Debian: apt-get install chromium)"),
]

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        """Stay silent."""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real project built once and served on a free local port."""
    project = copy_project(tmp_path_factory.mktemp("browser") / "project")
    result = timeline(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(_QuietHandler, directory=str(project / "site"))
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
        """Go to a path of the site and wait for it to settle."""
        self.page.goto(self.site_url + path, wait_until="networkidle")
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


def catalog_ids(**wanted: str) -> list[str]:
    """Ids of the real events matching field=value filters, as the page orders them (phase, then date)."""
    catalog = pipeline.check(ROOT).catalog
    assert catalog is not None
    ids = []
    for phase_id in catalog.phases:
        for event in catalog.by_phase[phase_id]:
            values = {"actor": event.actors, "kind": (event.kind,), "place": event.places}
            if all(value in values[field] for field, value in wanted.items()):
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
    catalog = pipeline.check(ROOT).catalog
    assert catalog is not None
    susah = [e for e in catalog.events if "al-susah" in e.places]
    meta = page.inner_text(".md-search-result__meta")  # type: ignore[attr-defined]
    matches = int(re.sub(r"\D", "", meta) or 0)
    assert matches >= len(susah), meta
    results = page.inner_text(".md-search-result")  # type: ignore[attr-defined]
    # A title can also stand in another page's section (a place page lists its events): one event result at
    # least shows its date, as every event page starts with it.
    dated = [e for e in susah if e.title in results and e.date.label in results]
    assert dated, results[:500]


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize(
    ("name", "path"), [("home", ""), ("timeline", "timeline/"), ("event", "events/2019-01-18-sdf-takes-al-susah/")]
)
def test_screenshots(browser: object, site_url: str, name: str, path: str, width: int) -> None:
    """Full-page screenshots at desktop and phone widths, kept as artifacts; nothing overflows sideways."""
    current = Visit(browser, site_url, width=width)
    page = current.open(path)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)  # type: ignore[attr-defined]
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")  # type: ignore[attr-defined]
    assert overflow <= 0
    current.close()


# WCAG 2.1 A and AA, plus axe's best practices (heading order, landmarks, one main, regions).
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    ["", "timeline/", "events/2019-01-18-sdf-takes-al-susah/", "places/al-susah/", "actors/sdf/", "data/", "about/"],
)
def test_wcag_21_aa(browser: object, site_url: str, path: str, scheme: str) -> None:
    """axe-core finds no WCAG 2.1 A or AA violation (contrast, names, landmarks, headings) in either palette."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python missing")
    context = browser.new_context(color_scheme=scheme)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(site_url + path, wait_until="networkidle")
    result = axe_module.Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result.response["violations"]]
    context.close()
    assert violations == []


# --- The Arabic edition ----------------------------------------------------------------------------------------

# One page of every kind, at the same path in both editions.
PAGE_KINDS = {
    "home": "",
    "timeline": "timeline/",
    "event": "events/2019-01-18-sdf-takes-al-susah/",
    "place": "places/al-susah/",
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

# Latin text an Arabic page may show outside names (isolated in <bdi>, or dir="ltr" where an element can hold
# no <bdi>, like a filter's option), English marked lang="en" and code: the
# names of formats and standards the Data and About pages describe, and the base map's maker.
ALLOWED_LATIN = {"EDTF", "JSON", "CSV", "GeoJSON", "Atom", "TimelineJS", "Schema", "RFC", "UTF", "ACLED", "MIT",
                 "CC", "BY", "Natural", "Earth", "m", "km", "en", "ar", "YAML", "UTF-8"}  # fmt: skip
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


def allowed_latin(word: str) -> bool:
    """A format's or standard's name, a file name or address, or a problem code (E120), not interface words."""
    return (
        word.rstrip(".-") in ALLOWED_LATIN
        or "." in word.rstrip(".")
        or "/" in word
        or bool(re.fullmatch(r"[EW]\d*", word))
    )


def arabic_catalog_ids(**wanted: str) -> list[str]:
    """Ids of the real events whose places or actors include the given ones."""
    catalog = pipeline.check(ROOT).catalog
    assert catalog is not None
    return [
        e.id
        for e in catalog.events
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
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert page.url == visit.site_url + path  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.lang") == "en"  # type: ignore[attr-defined]
    page.click("a.tl-language__link[hreflang=ar]")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert page.url == visit.site_url + "ar/" + path  # type: ignore[attr-defined]
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
    assert labels == ["الطرف", "النوع", "المكان", "المرحلة", "درجة الثقة"]
    page.select_option("select[name=actor]", label="داعش")  # type: ignore[attr-defined]
    page.select_option("select[name=kind]", label="قصف جوي أو مدفعي")  # type: ignore[attr-defined]
    expected = catalog_ids(actor="isis", kind="strike")
    assert visible_ids(page) == expected
    assert page.inner_text(".tl-count") == f"{len(expected)} من {total} حدثاً تطابق عوامل التصفية"  # type: ignore[attr-defined]
    assert page.url.endswith("ar/timeline/?actor=isis&kind=strike")  # type: ignore[attr-defined]


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


def search_results(visit: Visit, path: str, query: str) -> list[str]:
    """The pages (site-relative, without the highlight query) the theme's search lists for a query."""
    page = visit.open(path)
    page.keyboard.press("/")  # type: ignore[attr-defined]
    # Wait for the search worker to have its index, then type as a reader would.
    page.wait_for_function("!!document.querySelector('.md-search-result__meta') && "  # type: ignore[attr-defined]
                           "document.querySelector('.md-search-result__meta').textContent.trim() !== ''")  # fmt: skip
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    page.keyboard.insert_text(query)  # type: ignore[attr-defined]
    page.keyboard.press("End")  # type: ignore[attr-defined]
    page.wait_for_selector(".md-search-result__item")  # type: ignore[attr-defined]
    show_every_result(page)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")  # type: ignore[attr-defined]
    return sorted({urlsplit(h).path.removeprefix(urlsplit(visit.site_url).path) for h in hrefs})


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
def test_arabic_search_finds_the_right_events(visit: Visit, edition: str, query: str, field: str, value: str) -> None:
    """Whatever the article, ة/ه and spelling, both editions find the events of the place or actor; the Arabic
    edition finds Latin spellings too."""
    found = search_results(visit, edition, query)
    # The rule, whatever the data and the ranking: events of that place or actor are among the results, and
    # every result is a page of the edition searched.
    events = {f"{edition}events/{event_id}/" for event_id in arabic_catalog_ids(**{field: value})}
    assert events & set(found), found[:20]
    assert all(path.startswith(edition) for path in found)


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize(
    ("name", "path"),
    [("home", ""), ("timeline", "timeline/"), ("event", "events/2019-01-18-sdf-takes-al-susah/"),
     ("place", "places/al-susah/")],
)  # fmt: skip
def test_arabic_screenshots(browser: object, site_url: str, name: str, path: str, width: int) -> None:
    """Arabic pages at desktop and phone widths, kept as artifacts; nothing overflows sideways at 360 px."""
    current = Visit(browser, site_url, width=width)
    page = current.open("ar/" + path)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"ar-{name}-{width}.png"), full_page=True)  # type: ignore[attr-defined]
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")  # type: ignore[attr-defined]
    assert overflow <= 0
    current.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path", ["", "timeline/", "events/2019-01-18-sdf-takes-al-susah/", "places/al-susah/", "actors/sdf/", "data/"]
)
def test_arabic_wcag_21_aa(browser: object, site_url: str, path: str, scheme: str) -> None:
    """axe-core finds no WCAG 2.1 A or AA violation on the Arabic edition either, in either palette."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python missing")
    context = browser.new_context(color_scheme=scheme)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(site_url + "ar/" + path, wait_until="networkidle")
    result = axe_module.Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result.response["violations"]]
    context.close()
    assert violations == []
