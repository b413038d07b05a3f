"""The MkDocs plugin `timeline` (mkdocs.yml: `plugins: [timeline]`), the only module that knows MkDocs. It runs
the pipeline before each build and hands MkDocs the generated pages from the pipeline's result, so that
`mkdocs build` and `mkdocs serve` alone keep the site in step with events/."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Literal

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import content, fielddocs, i18n, pipeline, postbuild, report, settings
from .load import outside_reason
from .pipeline import CheckResult
from .render import TEMPLATES_DIR
from .sanitize import clean_content
from .sitelinks import SiteLinks, link_repository
from .write import MARKER

log = logging.getLogger("mkdocs.plugins.timeline")

# The package's own folder: `mkdocs serve` also rebuilds when the generator's code changes (editable install).
PACKAGE_DIR = Path(__file__).resolve().parent


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

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember whether this is `mkdocs serve`, which keeps previewing the last good pages on an error."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """The site's identity comes from generator/settings.py, the one place it is kept, in the edition's
        language (the theme's); the Arabic edition is published under the site's address at ar/."""
        edition = i18n.edition(config.theme.get("language"))
        self.lang = edition.lang
        config.site_name = edition.t(settings.SITE_TITLE)
        config.site_description = edition.t(settings.SITE_DESCRIPTION)
        config.site_url = edition_site_url(config.site_url, edition)
        return config

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild the preview when an event, a registry, a template, the generator or the contributors' guide
        (CONTRIBUTING.md, published as a page of the site) changes."""
        root = root_of(config)
        for folder in (root / "events", root / "site_templates", TEMPLATES_DIR, PACKAGE_DIR):
            if folder.is_dir():
                server.watch(str(folder))
        guide = root / fielddocs.CONTRIBUTING
        if guide.is_file():
            server.watch(str(guide))
        return server

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Generate the pages, or stop the build before MkDocs touches the site folder."""
        root = root_of(config)
        extra: dict[str, object] = dict(config.extra or {})
        self.links = SiteLinks.of(config.repo_url, config.site_url, extra.get("repo_branch"))
        result = pipeline.build(root, root / pipeline.generated_dir(self.lang), links=self.links, lang=self.lang)
        if result.written is None:
            self._refuse(result.check, root)
            return
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

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """Turn the hand-written pages' repository mentions into a link to it, or plain words when it is not known."""
        return link_repository(markdown, self.links)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Add the normalized forms of Arabic words to the search index, as `timeline build` does for both
        engines, so that `mkdocs serve` searches the same way."""
        postbuild.normalize_search_index(Path(config.site_dir))

    def on_page_content(self, html: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """Pass every page's content through the allow-list sanitizer before the theme and the search index see it.

        The build face runs the same sanitizer again over the built HTML (generator/postbuild.py), for both
        engines; this first pass also keeps anything unsafe out of MkDocs' search index."""
        return clean_content(html)
