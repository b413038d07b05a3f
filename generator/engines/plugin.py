"""The MkDocs plugin `timeline` (mkdocs.yml: `plugins: [timeline]`), the only module that knows MkDocs. It runs
the pipeline before each build and hands MkDocs the generated pages from the pipeline's result, so that
`mkdocs build` and `mkdocs serve` alone keep the site in step with events/."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
from mkdocs.structure.pages import Page

from generator import pipeline, settings
from generator.checks import report
from generator.engines import postbuild, preview
from generator.engines.sanitize import clean_content
from generator.input import content, schema
from generator.input.load import outside_reason
from generator.model.catalog import Catalog
from generator.output import exports, fielddocs, i18n, search
from generator.output.citations import citation_files
from generator.output.render import TEMPLATES_DIR
from generator.output.sitelinks import CONFIG_FILE, SiteLinks, link_repository
from generator.output.urls import event_path
from generator.output.write import MARKER
from generator.pipeline import CheckResult

log = logging.getLogger("mkdocs.plugins.timeline")

# What Python-Markdown's toc extension names a heading's permalink (its default), in the Arabic catalogue too.
PERMALINK_TITLE = "Permanent link"
# Seconds without an edit before the live preview rewrites the data files (exports) of its last update.
DATA_DELAY = 2.0
# The package's own folder: `mkdocs serve` also rebuilds when the generator's code changes (editable install).
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def root_of(config: MkDocsConfig) -> Path:
    """The project folder: where mkdocs.yml is."""
    return Path(config.config_file_path).resolve().parent


def last_good_pages(generated: Path) -> dict[str, Path]:
    """The pages and data files a previous successful run left in the generated folder, by docs-relative path."""
    if not (generated / MARKER).exists():
        return {}
    # Every file but the marker and half-written temporaries, which are the only names starting with a dot.
    files = (p for p in generated.rglob("*") if p.is_file() and not p.name.startswith("."))
    return {p.relative_to(generated).as_posix(): p for p in sorted(files)}


def edition_site_url(site_url: str | None, edition: i18n.Edition) -> str | None:
    """The address an edition is published at: the site's, and for the Arabic edition its ar/ folder."""
    if not site_url or not edition.prefix:
        return site_url
    return site_url.rstrip("/") + "/" + edition.prefix


class TimelineConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ lacks hints
    """The plugin takes no options: the project folder, where mkdocs.yml is, says everything."""


class TimelinePlugin(BasePlugin[TimelineConfig]):  # type: ignore[no-untyped-call]
    """Generates the timeline's pages before each build and adds them to MkDocs' files, sanitizing every page."""

    def __init__(self) -> None:
        """No pages yet; a build until `on_startup` says otherwise."""
        self.command = "build"
        # The pages of the last good run, by docs-relative path: their text, or (serve fallback) the file on disk.
        # MkDocs keeps one instance per process across rebuilds (so that `serve` can fall back on them), hence the
        # project they belong to.
        self.pages: dict[str, str | Path] = {}
        self.root: Path | None = None
        # The repository's and the site's addresses as this run's mkdocs.yml configures them (on_pre_build).
        self.links = SiteLinks()
        # The edition this configuration builds: its theme language (mkdocs.yml: en; mkdocs.ar.yml: ar).
        self.lang = i18n.DEFAULT_LANGUAGE
        # Under `mkdocs serve`: the last good run's memory (generator/engines/preview.py), and MkDocs' own objects of
        # the last full build, with which an edit to event files rebuilds only the pages it touches.
        self.session: preview.Session | None = None
        self.files: Files | None = None
        self.nav: Any = None
        self.env: Any = None
        self.mkdocs_config: MkDocsConfig | None = None
        self.others: dict[str, preview.Stamp] = {}
        self.catalog: Catalog | None = None
        # The event pages' paths: their search entries come from the catalog.
        self.event_pages: set[str] = set()
        # The delayed rewrite of the data files after a preview update, and the lock it shares with the builder.
        self.data_timer: threading.Timer | None = None
        self.lock = threading.RLock()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember whether this is `mkdocs serve`, which keeps previewing the last good pages on an error."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """The site's identity comes from generator/settings.py, the one place it is kept, in the edition's
        language (the theme's); the Arabic edition is published under the site's address at ar/.

        Under `mkdocs serve` an edition is previewed on its own at the server's root (`make serve`: English;
        `make serve-ar`: Arabic), the address MkDocs gives as site_url: it stays as it is."""
        edition = i18n.edition(config.theme.get("language"))
        self.lang = edition.lang
        config.site_name = edition.t(settings.SITE_TITLE)
        config.site_description = edition.t(settings.SITE_DESCRIPTION)
        if self.command != "serve":
            config.site_url = edition_site_url(config.site_url, edition)
        # The headings' permalinks are named in the edition's language (the toc extension's title is English).
        toc = config.mdx_configs.get("toc")
        if edition.arabic and isinstance(toc, dict) and toc.get("permalink"):
            toc["permalink_title"] = edition.t(PERMALINK_TITLE)
        return config

    def _inherited(self, config: MkDocsConfig) -> list[Path]:
        """What an edition with its own configuration and docs folder (mkdocs.ar.yml, content/ar/) is built from
        besides them: the configuration it inherits (mkdocs.yml) and content/, whose stylesheet and script it
        takes. MkDocs watches neither for it."""
        if self.lang == i18n.DEFAULT_LANGUAGE:
            return []
        root = root_of(config)
        return [root / CONFIG_FILE, root / content.CONTENT_DIR]

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild the preview when an event, a registry, a template, the generator or the contributors' guide
        (CONTRIBUTING.md, published as a page of the site) changes; an edit to event files alone rebuilds only
        the pages it touches (`_preview_builder`)."""
        root = root_of(config)
        for folder in (root / "events", root / "site_templates", TEMPLATES_DIR, PACKAGE_DIR):
            if folder.is_dir():
                server.watch(str(folder))
        guide = root / fielddocs.CONTRIBUTING
        if guide.is_file():
            server.watch(str(guide))
        for inherited in self._inherited(config):
            if inherited.exists():
                server.watch(str(inherited))
        # MkDocs' server calls one builder for every change; this one decides between a full build and an update.
        if builder is not None:
            server.builder = self._preview_builder(builder)
        return server

    def _watched_besides_events(self, config: MkDocsConfig) -> dict[str, preview.Stamp]:
        """The stamps of every watched file that is not an event file: content/, mkdocs.yml, the templates, the
        generator's code and the contributors' guide. Any change there needs a full build."""
        root = root_of(config)
        found: dict[str, preview.Stamp] = {}
        places = [Path(config.docs_dir), Path(config.config_file_path), root / "site_templates", TEMPLATES_DIR]
        places += [PACKAGE_DIR, root / fielddocs.CONTRIBUTING, *self._inherited(config)]
        for place in places:
            walk = [(str(place.parent), [], [place.name])] if place.is_file() else os.walk(place)
            for folder, folders, names in walk:
                folders[:] = [f for f in folders if f != "__pycache__"]
                for name in names:
                    try:
                        status = os.stat(os.path.join(folder, name))
                    except OSError:
                        continue
                    found[os.path.join(folder, name)] = (status.st_mtime_ns, status.st_size)
        return found

    def _preview_builder(self, full: Callable[[], None]) -> Callable[[], None]:
        """The serve builder: an update of the touched pages when only event files changed, else a full build."""

        def build() -> None:
            with self.lock:
                rebuild(full)

        def rebuild(full: Callable[[], None]) -> None:
            """One rebuild, holding the lock the delayed data files take too."""
            config = self.mkdocs_config
            if self.session is None or config is None or self._watched_besides_events(config) != self.others:
                self._cancel_data_files()
                full()
                return
            started = time.perf_counter()
            update = self.session.update()
            if update is None:
                self._cancel_data_files()
                full()
                return
            if not update.ok:
                for line in report.text_lines(update.problems, []):
                    log.error(line)
                log.error(
                    "%d problem(s) in the inputs: the preview shows the last good version until they are fixed",
                    len(update.problems),
                )
                return
            for line in report.text_lines(update.problems, []):
                log.warning(line)
            self._apply(update, config)
            log.info(
                "timeline: %d page(s) rebuilt, %d removed in %.2f s",
                len(update.pages),
                len(update.removed),
                time.perf_counter() - started,
            )

        return build

    def _apply(self, update: preview.Update, config: MkDocsConfig) -> None:
        """Hand MkDocs the changed pages and let it rebuild just those, then the search index, then the data files."""
        assert self.files is not None and self.session is not None
        files, site = self.files, Path(config.site_dir)
        urls = set()
        for src_uri in update.removed:
            file = files.get_file_from_path(src_uri)
            if file is not None:
                urls.add(_page_url(file))
                files.remove(file)
                gone = Path(file.abs_dest_path)
                gone.unlink(missing_ok=True)
                if gone.parent != site and not any(gone.parent.iterdir()):
                    gone.parent.rmdir()
        self.event_pages -= {event_path(event_id) for event_id in update.removed_events}
        self.event_pages |= {event_path(event.id) for event in update.events}
        pages: list[Page] = []
        for src_uri, text in update.pages.items():
            file = files.get_file_from_path(src_uri)
            if file is None:
                file = File.generated(config, src_uri, content=text)
                files.append(file)
                set_exclusions([file], config)
                Page(None, file, config)
            else:
                file.content_string = text
            assert file.page is not None
            urls.add(_page_url(file))
            pages.append(file.page)
            self.pages[src_uri] = text
        for src_uri in update.removed:
            self.pages.pop(src_uri, None)
        index = self._search_index(config)
        if index is not None:
            index.entries = [e for e in index.entries if e["location"].split("#")[0] not in urls]
        for page in pages:
            _populate_page(page, config, files)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for page in pages:
            # Rebuilding a page adds its sections to the search plugin's index again (the old ones went above).
            _build_page(page, config, doc_files, self.nav, self.env)
        if index is not None:
            index.entries += self._event_entries(update.events)
            for entry in index.entries:
                postbuild.add_search_forms(entry)
            _write_atomically(site / "search" / "search_index.json", index.generate_search_index(None).encode())
        self._schedule_data_files(self.session.catalog, site)

    def _schedule_data_files(self, catalog: Catalog, site: Path) -> None:
        """Rewrite the data files (exports) of this catalog once the edits pause for DATA_DELAY seconds.

        At 10,000 events the exports take seconds: done at once they would hold back the next edit's pages, so a
        timer writes them after the pages, and a newer edit (or a full build) cancels one not yet started."""
        self._cancel_data_files()

        def write() -> None:
            """The exports of `catalog`, written where they differ (under the builder's lock)."""
            with self.lock:
                if timer is not self.data_timer or self.files is None:
                    return
                for src_uri, text in self._data_files(catalog).items():
                    if self.pages.get(src_uri) != text:
                        self.pages[src_uri] = text
                        file = self.files.get_file_from_path(src_uri)
                        if file is not None:
                            file.content_string = text
                        _write_atomically(site / src_uri, text.encode())
                log.info("timeline: data files updated")

        timer = threading.Timer(DATA_DELAY, write)
        timer.daemon = True
        self.data_timer = timer
        timer.start()

    def _data_files(self, catalog: Catalog) -> dict[str, str]:
        """The exports, the published schema and the events' citation files of `catalog`, as a full run writes them."""
        edition = i18n.edition(self.lang)
        return {
            **exports.data_files(catalog, edition),
            **schema.site_files(),
            **citation_files(catalog.events, self.links.site_url, edition),
        }

    def _cancel_data_files(self) -> None:
        """Forget a scheduled rewrite of the data files that has not started."""
        if self.data_timer is not None:
            self.data_timer.cancel()
            self.data_timer = None

    @staticmethod
    def _search_index(config: MkDocsConfig) -> Any:
        """The search plugin's index (Material's), or None when the site has no search."""
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if index is not None and hasattr(index, "entries"):
                return index
        return None

    def _event_entries(self, events: list[Any]) -> list[dict[str, str]]:
        """The search entries of these events' pages, from the catalog."""
        assert self.files is not None and self.session is not None
        located = []
        for event in events:
            file = self.files.get_file_from_path(event_path(event.id))
            if file is not None:
                located.append((event, file.url))
        return search.event_entries(located, self.session.catalog, i18n.edition(self.lang))

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Generate the pages, or stop the build before MkDocs touches the site folder."""
        root = root_of(config)
        extra: dict[str, object] = dict(config.extra or {})
        self.links = SiteLinks.of(config.repo_url, config.site_url, extra.get("repo_branch"))
        self.mkdocs_config, self.session = config, None
        if self.command == "serve":
            self.others = self._watched_besides_events(config)
            before = preview.stamps(root)
        result = pipeline.build(root, root / pipeline.generated_dir(self.lang), links=self.links, lang=self.lang)
        if result.written is None:
            self._refuse(result.check, root)
            return
        if self.command == "serve":
            self.session = preview.start(root, result, before)
        self.catalog = result.check.catalog
        self.event_pages = {event_path(e.id) for e in self.catalog.events} if self.catalog is not None else set()
        written = result.written
        log.info(
            "timeline: %d pages (%d written, %d unchanged, %d removed)",
            len(result.pages),
            len(written.written),
            written.unchanged,
            len(written.removed),
        )
        self.pages, self.root = dict(result.pages), root

    def _refuse(self, check: CheckResult, root: Path) -> None:
        """Stop the build on errors; in `mkdocs serve`, log them and keep previewing the last good pages.

        The lines are `timeline check`'s: a broken registry first, with the note that references to it were not
        checked, and every contributor character a terminal would act on shown escaped."""
        lines = report.text_lines(check.problems, check.not_checked)
        count = len(check.problems)
        if self.command == "serve":
            # The last good pages of this session, or before its first good build those the last run left on disk.
            session = self.pages if self.root == root else {}
            previous = session or dict(last_good_pages(root / pipeline.generated_dir(self.lang)))
            if previous:
                # A preview that dies on every typo is useless: say what is wrong and keep showing the last good pages.
                for line in lines:
                    log.error(line)
                log.error(
                    "%d problem(s) in the inputs: the preview shows the last good version until they are fixed",
                    count,
                )
                self.pages, self.root = previous, root
                return
        raise Abort("\n".join([*lines, f"{count} problem(s) in the inputs: nothing was generated or built."]))

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Register the generated pages with MkDocs, refusing one that shadows a hand-written page, and any docs
        file that is not a regular file inside the project."""
        self.files = files
        root = root_of(config)
        docs = Path(config.docs_dir).resolve()
        for file in files:
            # Defence in depth behind the check (E060, E061): MkDocs itself follows links in the docs folder.
            source = Path(file.abs_src_path) if file.abs_src_path else None
            if source is not None and source.is_relative_to(docs):
                reason = outside_reason(source, root) if source.is_relative_to(root) else (str(source), "outside")
                if reason is not None or not source.is_file():
                    shown = source.relative_to(root) if source.is_relative_to(root) else source
                    raise Abort(f"{shown}: not a regular file inside the project; nothing was built")
        if self.lang != i18n.DEFAULT_LANGUAGE:
            # An edition with its own docs folder (content/ar/) takes the English edition's stylesheet and script,
            # the files mkdocs.yml's extra_css and extra_javascript name, from content/.
            shared = root / content.CONTENT_DIR
            for name in sorted(content.SHIPPED_ASSETS):
                if files.get_file_from_path(name) is None and (shared / name).is_file():
                    files.append(File(name, str(shared), config.site_dir, config.use_directory_urls))
        for src_uri, page in self.pages.items():
            if files.get_file_from_path(src_uri) is not None:
                raise Abort(f"content/{src_uri} and a generated page have the same path; rename the file in content/")
            if isinstance(page, Path):
                files.append(File.generated(config, src_uri, abs_src_path=str(page)))
            else:
                files.append(File.generated(config, src_uri, content=page))
        return files

    def on_nav(self, nav: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Remember the navigation, which pages rebuilt under `mkdocs serve` are rendered with."""
        self.nav = nav
        return nav

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Remember the theme's environment, which pages rebuilt under `mkdocs serve` are rendered with."""
        self.env = env
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """Turn the hand-written pages' repository mentions into a link to it, or plain words when it is not known.

        An event page's search entry comes from the catalog (`on_post_build`), so the search plugin skips it."""
        if page.file.src_uri in self.event_pages and page.file.generated_by:
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return link_repository(markdown, self.links)

    def on_page_content(self, html: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """Pass every page's content through the allow-list sanitizer before the theme and the search index see it.

        The build face runs the same sanitizer again over the built HTML (generator/engines/postbuild.py), for both
        engines; this first pass also keeps anything unsafe out of MkDocs' search index."""
        return clean_content(html)

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Add the event pages' search entries, written from the catalog in the edition's language, to the search
        plugin's index, and the normalized forms of every entry's Arabic words (as `timeline build` adds them for
        both engines), so that `mkdocs serve` searches the same way."""
        index = self._search_index(config)
        if index is None:
            return
        if self.catalog is not None and self.files is not None:
            located = []
            for event in self.catalog.events:
                file = self.files.get_file_from_path(event_path(event.id))
                if file is not None and file.page is not None and (file.page.meta.get("search") or {}).get("exclude"):
                    located.append((event, file.url))
            index.entries += search.event_entries(located, self.catalog, i18n.edition(self.lang))
        for entry in index.entries:
            postbuild.add_search_forms(entry)


def _page_url(file: File) -> str:
    """The URL the search index gives a page's entries: the page's ('' for the home page, whose file says './')."""
    return str(file.page.url) if file.page is not None else str(file.url)


def _write_atomically(path: Path, data: bytes) -> None:
    """Replace a file of the served site in one step: the server never serves half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
