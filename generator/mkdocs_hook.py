"""The MkDocs hook: the only module that knows MkDocs. It runs the pipeline before each build and hands MkDocs
the generated pages, so that `mkdocs build` and `mkdocs serve` alone keep the site in step with events/."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from generator import pipeline, report
from generator.sanitize import clean_content
from generator.sitelinks import SiteLinks
from generator.write import MARKER

log = logging.getLogger("mkdocs.hooks.timeline")

# State of the current MkDocs run: the command, and the generated pages from on_pre_build to on_files.
_command: list[str] = ["build"]
_pages: list[str] = []
_links: list[SiteLinks] = [SiteLinks()]
# Hand-written pages write `[the project's repository][repository]`: a link when the repository is known, else words.
_REPOSITORY_LINK = "[the project's repository][repository]"


def _root(config: MkDocsConfig) -> Path:
    """The project folder: where mkdocs.yml is."""
    return Path(config.config_file_path).resolve().parent


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`, which keeps previewing the last good pages on an error."""
    _command[0] = command


def _last_good_pages(generated: Path) -> list[str]:
    """The pages and data files a previous successful run left in the generated folder."""
    if not (generated / MARKER).exists():
        return []
    # Every file but the marker and half-written temporaries, which are the only names starting with a dot.
    files = (p for p in generated.rglob("*") if p.is_file() and not p.name.startswith("."))
    return sorted(p.relative_to(generated).as_posix() for p in files)


def on_pre_build(config: MkDocsConfig) -> None:
    """Generate the pages, or stop the build before MkDocs touches the site folder."""
    root = _root(config)
    extra: dict[str, object] = dict(config.extra or {})
    links = SiteLinks.of(config.repo_url, config.site_url, extra.get("repo_branch"))
    _links[0] = links
    result = pipeline.build(root, links=links)
    if result.written is None:
        lines = report.text_lines(result.check.problems, result.check.not_checked)
        previous = _last_good_pages(root / pipeline.GENERATED_DIR)
        if _command[0] == "serve" and previous:
            # A preview that dies on every typo is useless: say what is wrong and keep showing the last good pages.
            for line in lines:
                log.error(line)
            log.error(
                "%d problem(s) in events/: the preview shows the last good version until they are fixed",
                len(result.check.problems),
            )
            _pages[:] = previous
            return
        raise Abort(
            "\n".join([*lines, f"{len(result.check.problems)} problem(s) in events/: nothing was generated or built."])
        )
    written = result.written
    log.info(
        "timeline: %d pages (%d written, %d unchanged, %d removed)",
        len(result.pages),
        len(written.written),
        written.unchanged,
        len(written.removed),
    )
    _pages[:] = sorted(result.pages)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Register the generated pages with MkDocs as real files, refusing one that shadows a hand-written page."""
    generated = _root(config) / pipeline.GENERATED_DIR
    for src_uri in _pages:
        if files.get_file_from_path(src_uri) is not None:
            raise Abort(f"content/{src_uri} and a generated page have the same path; rename the file in content/")
        files.append(
            File(
                src_uri, src_dir=str(generated), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls
            )
        )
    return files


def on_page_markdown(markdown: str, page: object, config: MkDocsConfig, files: Files) -> str:
    """Turn the hand-written pages' repository mentions into a link to it, or plain words when it is not known."""
    if _REPOSITORY_LINK not in markdown:
        return markdown
    repo = _links[0].repo_url
    if repo is None:
        return markdown.replace(_REPOSITORY_LINK, "the project's repository")
    return f"{markdown.rstrip()}\n\n[repository]: <{repo}>\n"


def on_page_content(html: str, page: object, config: MkDocsConfig, files: Files) -> str:
    """Pass every page's content through the allow-list sanitizer (generated and hand-written pages alike)."""
    return clean_content(html)
