"""The MkDocs hook: the only module that knows MkDocs. It runs the pipeline before each build and hands MkDocs
the generated pages, so that `mkdocs build` and `mkdocs serve` alone keep the site in step with events/."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from generator import pipeline
from generator.load import outside_reason
from generator.sanitize import clean_content
from generator.write import MARKER

log = logging.getLogger("mkdocs.hooks.timeline")

# State of the current MkDocs run: the command, and the generated pages from on_pre_build to on_files.
_command: list[str] = ["build"]
_pages: list[str] = []


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
    result = pipeline.build(root)
    if result.written is None:
        lines = [p.format_text() for p in result.check.problems]
        previous = _last_good_pages(root / pipeline.GENERATED_DIR)
        if _command[0] == "serve" and previous:
            # A preview that dies on every typo is useless: say what is wrong and keep showing the last good pages.
            for line in lines:
                log.error(line)
            log.error(
                "%d problem(s) in the inputs: the preview shows the last good version until they are fixed", len(lines)
            )
            _pages[:] = previous
            return
        raise Abort("\n".join([*lines, f"{len(lines)} problem(s) in the inputs: nothing was generated or built."]))
    report = result.written
    log.info(
        "timeline: %d pages (%d written, %d unchanged, %d removed)",
        len(result.pages),
        len(report.written),
        report.unchanged,
        len(report.removed),
    )
    _pages[:] = sorted(result.pages)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Register the generated pages with MkDocs as real files, refusing one that shadows a hand-written page."""
    root = _root(config)
    generated = root / pipeline.GENERATED_DIR
    docs = Path(config.docs_dir).resolve()
    for file in files:
        # Defence in depth behind the check (E060, E061): MkDocs itself follows links in the docs folder.
        source = Path(file.abs_src_path) if file.abs_src_path else None
        if source is not None and source.is_relative_to(docs):
            reason = outside_reason(source, root) if source.is_relative_to(root) else (str(source), "outside")
            if reason is not None or not source.is_file():
                raise Abort(f"{source.relative_to(root)}: not a regular file inside the project; nothing was built")
    for src_uri in _pages:
        if files.get_file_from_path(src_uri) is not None:
            raise Abort(f"content/{src_uri} and a generated page have the same path; rename the file in content/")
        files.append(
            File(
                src_uri, src_dir=str(generated), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls
            )
        )
    return files


def on_page_content(html: str, page: object, config: MkDocsConfig, files: Files) -> str:
    """Pass every page's content through the allow-list sanitizer (generated and hand-written pages alike)."""
    return clean_content(html)
