"""Every output path and address of the site, computed here and nowhere else, and the check that no two pages
share one (E065); also the element ids a generated heading may never take.

Pages are named by their docs-relative Markdown path (`events/<id>.md`); MkDocs, with directory URLs, writes
each to a file (`events/<id>/index.html`) and links to its folder (`events/<id>/`). Two pages collide when MkDocs
would write them to the same file: `places/x.md` and `places/x/index.md`, or a phase `hajin-offensive-2018-10`
and the October page of the phase `hajin-offensive` once the timeline is split.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from markdown.extensions.toc import slugify

from generator.problems import Problem

INDEX_PAGE = "index.md"
TIMELINE_INDEX = "timeline/index.md"
ERRORS_PAGE = "errors.md"
# The civilian-harm view: every event of kind civilian-harm or with a claim about civilians.
CIVILIAN_HARM_PAGE = "civilian-harm.md"
# The contributors' guide, made from CONTRIBUTING.md.
CONTRIBUTING_PAGE = "contributing.md"
DATA_DIR = "data"
# The file a folder's address serves: MkDocs and Zensical write every page as <folder>/index.html.
INDEX_FILE = "index.html"
ENGINES = ("mkdocs", "zensical")
SCHEMA_FILE = "schema/timeline.schema.json"


def event_path(event_id: str) -> str:
    """Docs-relative path of an event page."""
    return f"events/{event_id}.md"


def place_path(place_id: str) -> str:
    """Docs-relative path of a place page."""
    return f"places/{place_id}.md"


def actor_path(actor_id: str) -> str:
    """Docs-relative path of an actor page."""
    return f"actors/{actor_id}.md"


def phase_path(phase_id: str) -> str:
    """Docs-relative path of a phase page."""
    return f"phases/{phase_id}.md"


def registry_index(kind: str) -> str:
    """The page listing every place, actor or phase: 'places/index.md'."""
    return f"{kind}/index.md"


def timeline_phase_path(phase_id: str) -> str:
    """The timeline page of one phase, once the timeline is split."""
    return f"timeline/{phase_id}.md"


def timeline_month_path(phase_id: str, month: str, part: int | None = None) -> str:
    """The timeline page of one month of a long phase ('2018-10'), and its part when one month is too long."""
    suffix = f"-part-{part}" if part is not None else ""
    return f"timeline/{phase_id}-{month}{suffix}.md"


def data_path(name: str) -> str:
    """Docs-relative path of an export ('data/events.csv')."""
    return f"{DATA_DIR}/{name}"


def citation_path(event_id: str, extension: str) -> str:
    """Docs-relative path of one of an event's citation files ('data/cite/<id>.bib'), copied as it is."""
    return f"{DATA_DIR}/cite/{event_id}.{extension}"


def event_page_url(event_id: str) -> str:
    """The event page's address relative to the site root, as the exports give it."""
    return directory_url(event_path(event_id))


def _is_index(stem: str) -> bool:
    """Whether MkDocs makes a page of this stem its folder's index (index.md, and README.md too)."""
    name = stem.rsplit("/", 1)[-1]
    return name in ("index", "README")


def is_page(path: str) -> bool:
    """Whether a docs-relative path is a Markdown page (which the engine renders) rather than a file it copies."""
    return path.endswith(".md")


def directory_url(path: str) -> str:
    """The URL MkDocs gives a page with use_directory_urls: 'events/x.md' -> 'events/x/', 'a/index.md' -> 'a/'."""
    if not is_page(path):
        return path
    stem = path.removesuffix(".md")
    if _is_index(stem):
        return stem[: -len(stem.rsplit("/", 1)[-1])]
    return stem + "/"


def site_file(path: str) -> str:
    """The file MkDocs writes for a docs-relative path: 'a/b.md' -> 'a/b/index.html'; other files as they are."""
    if not is_page(path):
        return path
    return directory_url(path) + INDEX_FILE


def served_file(target: str, files: Iterable[str] | set[str]) -> bool:
    """Whether a site-relative link target ('events/x', 'data/events.csv', '') is a file of the built site, as a
    web server resolves it (a folder serves its index.html)."""
    present = files if isinstance(files, (set, frozenset)) else set(files)
    return target in present or posixpath.join(target, INDEX_FILE) in present


def relpath(path: str, start: str) -> str:
    """posixpath.relpath for the docs-relative paths of generated pages, without its two os.getcwd() calls: it
    runs for every link of every page (tests/test_speedups.py checks that the two agree)."""
    if ".." in path or ".." in start or path.startswith("/") or start.startswith("/"):
        return posixpath.relpath(path, start)
    to = [part for part in path.split("/") if part and part != "."]
    base = [part for part in start.split("/") if part and part != "."]
    common = 0
    while common < len(to) and common < len(base) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def relative(target: str, here: str) -> str:
    """A Markdown link from the generated page `here` to the page `target`, both relative to the docs root (the
    engines check it and rewrite it into the target's address)."""
    return relpath(target, posixpath.dirname(here) or ".")


def relative_url(target: str, here: str) -> str:
    """A relative URL from the page `here` to the page `target` in the built site (for raw HTML links, which
    MkDocs leaves as written)."""
    base, destination = directory_url(here), directory_url(target)
    result = relpath(destination or ".", base.rstrip("/") or ".")
    return "./" if result == "." else result.rstrip("/") + "/"


def relative_source_url(target: str, here: str) -> str:
    """A relative URL from the folder of the Markdown file `here` to the page `target`: how Zensical reads raw
    HTML links, which it rewrites like Markdown links (MkDocs leaves them as written, see relative_url)."""
    result = relpath(directory_url(target) or ".", posixpath.dirname(here) or ".")
    return "./" if result == "." else result.rstrip("/") + "/"


def raw_html_url(target: str, here: str, engine: str) -> str:
    """The href a raw HTML link on the page `here` to the page `target` needs for the site engine `engine`."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}")
    return relative_source_url(target, here) if engine == "zensical" else relative_url(target, here)


def raw_html_file_url(target: str, here: str, engine: str) -> str:
    """The href a raw HTML link on the page `here` to a file of the site (not a page: 'data/cite/x.bib') needs:
    from the page's folder for MkDocs, which leaves it as written, from the Markdown file's for Zensical."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}")
    base = posixpath.dirname(here) if engine == "zensical" else directory_url(here).rstrip("/")
    return relpath(target, base or ".")


def page_address(site_url: str, docs_path: str) -> str:
    """The published address of a page under the site's address: 'events/x.md' -> '<site_url>/events/x/'."""
    return f"{site_url.rstrip('/')}/{quote(directory_url(docs_path))}"


@dataclass(frozen=True, slots=True, order=True)
class Origin:
    """Where a page comes from: a file and position, or the generator itself (path '')."""

    path: str
    line: int
    col: int
    what: str

    def named(self) -> str:
        """How a message names it."""
        return f"{self.what} ({self.path}:{self.line})" if self.path and self.path != self.what else self.what


def _rank(origin: Origin) -> int:
    """Which of two claimants of one address keeps it: the generator's pages, generated pages, content/."""
    if not origin.path:
        return 0
    return 2 if origin.path.startswith("content/") else 1


def collisions(pages: Iterable[tuple[str, Origin]]) -> list[Problem]:
    """E065 for every page that MkDocs would write to the same file as another, naming both; reported at the
    contributor's file (a page the generator makes on its own, such as an index, has none and is kept)."""
    by_file: dict[str, list[tuple[Origin, str]]] = {}
    for path, origin in pages:
        by_file.setdefault(site_file(path), []).append((origin, path))
    found = []
    for file, claimants in sorted(by_file.items()):
        # Kept: the generator's own page, then a generated page of an event or registry entry; the page in
        # content/ (or the later entry) is the one reported.
        ordered = sorted(claimants, key=lambda pair: (_rank(pair[0]), pair))
        keeper, keeper_path = ordered[0]
        for origin, path in ordered[1:]:
            found.append(
                Problem(
                    origin.path or keeper.path,
                    origin.line,
                    origin.col,
                    "E065",
                    f"{origin.named()} ({path}) and {keeper.named()} ({keeper_path}) would both be written to "
                    f"{file}; one would silently replace the other",
                )
            )
    return sorted(found)


# Element ids that Material's templates and scripts look up (`__config`, `__search`, `__drawer`, `__toc`,
# `__palette_0`, `__consent`, `__code_0`, `__nav_1` ... all begin with '__'), and the ids the project's own
# templates give: `source-N` on every event page, the charts' `chart-*-title`/`-desc`, the maps' `map-*-title`
# and `map-*-desc` (generator/output/maps.py), event ids and the months' `month-YYYY-MM` anchors on the
# timeline. A heading's id never takes one of these forms, whatever its text.
RESERVED_ID_FORMS = re.compile(
    r"_.*|source-[0-9]+|chart-.*|map-.*|[0-9]{4}-[0-9]{2}-[0-9]{2}-.*|h-.*|month-[0-9]{4}-[0-9]{2}"
)


def heading_id(text: str, separator: str) -> str:
    """Python-Markdown's toc slugify, moved aside ('h-' prefix) when the id is one the theme or the site uses.

    toc itself keeps two headings of one page apart (`x`, `x_1`); the prefix keeps a heading from taking an id
    that the page's raw HTML or the theme already holds, which toc cannot see. 'h-' ids are the prefix's own."""
    slug = slugify(text, separator)
    return f"h-{slug}" if not slug or RESERVED_ID_FORMS.fullmatch(slug) else slug
