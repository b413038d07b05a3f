"""The site build behind `timeline build`: run a site engine on a staging folder, run the engine-independent
passes over the built HTML (generator/engines/postbuild.py), then swap the staging folder into site/ in one step.

Two engines build the same project:
- **mkdocs** (the default): MkDocs + Material, with the timeline plugin generating the pages inside the build.
- **zensical**: Zensical, the successor of Material for MkDocs, which runs no MkDocs plugins. The pages are
  generated first (into build/zensical/generated), joined with content/ in build/zensical/docs, and Zensical
  builds that with the project's mkdocs.yml less the MkDocs-only settings.

Whatever the engine, nothing reaches site/ unless every page's content area was sanitized, the exports are the
generated ones byte for byte and every internal link resolves.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator import pipeline, settings
from generator.checks import report
from generator.engines import postbuild
from generator.engines.plugin import PERMALINK_TITLE, edition_site_url, last_good_pages
from generator.input import content
from generator.input.load import read_regular, walk_regular
from generator.output import i18n, urls, write
from generator.output.sitelinks import SiteLinks, config_yaml, link_repository, parse_config

ENGINES = urls.ENGINES
ZENSICAL_DIR = Path("build/zensical")
CONFIG_FILE = "mkdocs.yml"
# The editions and the configuration that builds each: the Arabic one INHERITs mkdocs.yml and is built into its
# folder of the site (ar/) when the project has it.
EDITION_CONFIGS = (("en", CONFIG_FILE), ("ar", "mkdocs.ar.yml"))
# mkdocs.yml settings that only MkDocs reads: the plugin's name, hooks and watch folders (serve).
_MKDOCS_ONLY = ("hooks", "watch")
_PLUGIN = "timeline"
# The largest hand-written file the Zensical build copies (an image in content/ can be larger than an event file).
MAX_DOCS_FILE_BYTES = 20 * 1024 * 1024


class SiteBuildFailed(Exception):
    """The engine or a pass failed; `lines` say why, one problem each."""

    def __init__(self, lines: list[str]) -> None:
        """Keep the lines of the report."""
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class EditionBuild:
    """One edition as a build makes it: its language, configuration file and folder of the site ('' or 'ar/')."""

    lang: str
    config: str
    prefix: str


def editions(root: Path) -> list[EditionBuild]:
    """The editions the project configures: English always, Arabic when mkdocs.ar.yml is there."""
    found = []
    for lang, config in EDITION_CONFIGS:
        if lang == i18n.DEFAULT_LANGUAGE or (root / config).is_file():
            found.append(EditionBuild(lang, config, i18n.edition(lang).prefix))
    return found


@dataclass
class Built:
    """What a successful build put into site/."""

    engine: str
    pages: int
    data_files: int


def _run(command: list[str], cwd: Path, env: dict[str, str], name: str) -> None:
    """Run an engine quietly; a failure raises with what the engine said and its exit status."""
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        said = (completed.stdout + completed.stderr).splitlines()
        raise SiteBuildFailed([*said, f"{name} exited with status {completed.returncode}"])


def _mkdocs(root: Path, staging: Path, env: dict[str, str]) -> dict[str, Path]:
    """MkDocs, strict, once per edition (English into the staging folder first, as MkDocs empties the folder it
    builds into, then Arabic into its ar/); the timeline plugin generates each edition's pages into its
    generated folder. Returns them by the edition's folder of the site."""
    generated = {}
    for edition in editions(root):
        target = staging / edition.prefix
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", edition.config]
        _run([*command, "--site-dir", str(target)], root, env, f"mkdocs ({edition.config})")
        generated[edition.prefix] = root / pipeline.generated_dir(edition.lang)
    return generated


def _merged(base: Any, override: Any) -> Any:
    """MkDocs' INHERIT: mappings merged key by key, anything else (lists too) replaced by the child's value."""
    if isinstance(base, dict) and isinstance(override, dict):
        return {**base, **{key: _merged(base.get(key), value) for key, value in override.items()}}
    return override


def _read_config(path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """A configuration file as MkDocs reads it, with its INHERIT resolved (relative to the file)."""
    try:
        config = parse_config(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SiteBuildFailed([f"{path}: {error}"]) from None
    if not isinstance(config, dict):
        raise SiteBuildFailed([f"{path}: not a mapping of settings"])
    parent = config.pop("INHERIT", None)
    if isinstance(parent, str):
        parent_path = (path.parent / parent).resolve()
        if parent_path in seen:
            raise SiteBuildFailed([f"{path}: INHERIT loops back to {parent}"])
        merged: dict[str, Any] = _merged(_read_config(parent_path, (*seen, path.resolve())), config)
        return merged
    return config


def engine_config(root: Path, config_file: str = CONFIG_FILE) -> dict[str, Any]:
    """The project's mkdocs.yml (or an edition's configuration, its INHERIT resolved) as MkDocs reads it (`!ENV`
    resolved: repo_url, site_url and the branch come from the environment the same way), without what only
    MkDocs understands (the timeline plugin, hooks, watch)."""
    config = _read_config(root / config_file)
    for key in _MKDOCS_ONLY:
        config.pop(key, None)
    plugins = config.get("plugins", [])
    config["plugins"] = [p for p in plugins if p != _PLUGIN and not (isinstance(p, dict) and _PLUGIN in p)]
    return config


def links_of(config: dict[str, Any]) -> SiteLinks:
    """The repository's and the site's addresses an engine config gives (as the plugin reads them from MkDocs')."""
    extra = config.get("extra")
    branch = extra.get("repo_branch") if isinstance(extra, dict) else None
    return SiteLinks.of(config.get("repo_url"), config.get("site_url"), branch)


def _hand_written(file: Path, root: Path, target: Path, *, links: SiteLinks) -> None:
    """Copy one hand-written file, read as a regular file only (a link swapped in since the check is not followed);
    a Markdown page's repository mentions become a link, as the plugin makes them."""
    raw, problems = read_regular(file, root, MAX_DOCS_FILE_BYTES, walked=True)
    if raw is None:
        raise SiteBuildFailed([f"{problem.path}: {problem.code} {problem.message}" for problem in problems])
    target.parent.mkdir(parents=True, exist_ok=True)
    if file.suffix == ".md":
        target.write_text(link_repository(raw.decode("utf-8"), links), encoding="utf-8")
    else:
        target.write_bytes(raw)


def docs_files(root: Path, docs_dir: str) -> list[Path]:
    """The docs folder's files the Zensical build may copy: regular files inside the project of the types content/
    allows (generator/input/content.py), or SiteBuildFailed naming every other one. The check refuses them first (E060,
    E061); this keeps the copy from publishing what the check did not see, as the plugin's on_files does for MkDocs."""
    folder = Path(os.path.normpath(root / docs_dir))
    if not folder.is_relative_to(os.path.normpath(root)) or folder == Path(os.path.normpath(root)):
        raise SiteBuildFailed([f"{CONFIG_FILE}: docs_dir {docs_dir!r} is not a folder inside the project"])
    relative = folder.relative_to(root).as_posix()
    files, problems = walk_regular(root, relative)
    problems += [found for file in files if (found := content.type_problem(file, root, relative)) is not None]
    if problems:
        lines = [f"{p.path}:{p.line}:{p.col}: {p.code} {p.message}" for p in sorted(problems)]
        summary = f"{len(problems)} file(s) in {relative}/ cannot be published: nothing was built."
        raise SiteBuildFailed([*lines, summary])
    return files


def join_docs(
    root: Path,
    docs_dir: str,
    generated: dict[str, Path],
    docs: Path,
    links: SiteLinks,
    skip: tuple[str, ...] = (),
    shared: tuple[str, ...] = (),
) -> None:
    """docs = the hand-written pages (regular files of allowed types only, less the top-level folders in `skip`:
    other editions') plus the generated ones (hard links: nothing is copied twice); `shared` names files of
    content/ an edition with its own docs folder takes from the English one (its stylesheet and script)."""
    files = docs_files(root, docs_dir)
    source_dir = Path(os.path.normpath(root / docs_dir))
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir(parents=True)
    for file in files:
        relative = file.relative_to(source_dir)
        if relative.parts[0] not in skip:
            _hand_written(file, root, docs / relative, links=links)
    for name in shared:
        target = docs / name
        if not target.exists() and (root / content.CONTENT_DIR / name).is_file():
            _hand_written(root / content.CONTENT_DIR / name, root, target, links=links)
    for src_uri, source in generated.items():
        target = docs / src_uri
        if target.exists():
            raise SiteBuildFailed(
                [f"content/{src_uri} and a generated page have the same path; rename the file in content/"]
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(source, target)


def _zensical(root: Path, staging: Path, env: dict[str, str]) -> dict[str, Path]:
    """For each edition: generate the pages for Zensical, join them with its hand-written pages, build with
    Zensical (English into the staging folder, Arabic into its ar/); the generated folders by site folder."""
    work = root / ZENSICAL_DIR
    built = editions(root)
    others = tuple(edition.prefix.rstrip("/") for edition in built if edition.prefix)
    generated_dirs = {}
    staging.rmdir()
    for edition in built:
        suffix = f"-{edition.lang}" if edition.prefix else ""
        generated = work / f"generated{suffix}"
        config = engine_config(root, edition.config)
        language = i18n.edition(edition.lang)
        config["site_url"] = edition_site_url(config.get("site_url"), language)
        links = links_of(config)
        result = pipeline.build(root, generated, engine="zensical", links=links, lang=edition.lang)
        if result.written is None:
            check = result.check
            lines = report.text_lines(check.problems, check.not_checked)
            count = len(check.problems)
            raise SiteBuildFailed([*lines, f"{count} problem(s) in the inputs: nothing was generated or built."])
        # The config's docs_dir is relative to the file that set it (mkdocs.yml and mkdocs.ar.yml are both at the
        # project's root); the English edition leaves the other editions' folders of content/ out.
        docs, site = f"docs{suffix}", f"site{suffix}"
        skip = () if edition.prefix else others
        shared = tuple(sorted(content.SHIPPED_ASSETS)) if edition.prefix else ()
        docs_dir = str(config.get("docs_dir", "docs"))
        join_docs(root, docs_dir, last_good_pages(generated), work / docs, links, skip, shared)
        theme = config.get("theme")
        if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
            # The theme overrides stay in the project; Zensical reads the folder relative to its config file.
            theme["custom_dir"] = os.path.relpath(root / theme["custom_dir"], work)
        config.pop("exclude_docs", None)
        _name_permalinks(config, language)
        config |= {
            "docs_dir": docs,
            # Zensical wants its site folder inside its project folder; the result moves to the staging folder after.
            "site_dir": site,
            "site_name": language.t(settings.SITE_TITLE),
            "site_description": language.t(settings.SITE_DESCRIPTION),
        }
        header = f"# Made by `timeline build --engine zensical` from {edition.config}; rewritten on every build.\n"
        (work / edition.config).write_text(header + config_yaml(config))
        shutil.rmtree(work / site, ignore_errors=True)
        command = [sys.executable, "-m", "zensical", "build", "--config-file", edition.config]
        _run(command, work, env, f"zensical ({edition.config})")
        (work / site).rename(staging / edition.prefix)
        generated_dirs[edition.prefix] = generated
    return generated_dirs


def _name_permalinks(config: dict[str, Any], language: i18n.Edition) -> None:
    """The headings' permalinks named in the edition's language, as the plugin names them for MkDocs."""
    if not language.arabic:
        return
    for extension in config.get("markdown_extensions") or []:
        toc = extension.get("toc") if isinstance(extension, dict) else None
        if isinstance(toc, dict) and toc.get("permalink"):
            toc["permalink_title"] = language.t(PERMALINK_TITLE)


def _passes(staging: Path, generated: dict[str, Path], root_path: str) -> int:
    """The engine-independent passes over the built site (published at `root_path`) and each edition in it
    (`generated` gives each edition's folder of the site its generated folder); how many data files were placed."""
    refused = postbuild.sanitize_site(staging)
    if refused:
        raise SiteBuildFailed([f"site/{line}: cannot be sanitized" for line in refused])
    placed = 0
    for prefix, folder in generated.items():
        postbuild.sanitize_search_index(staging / prefix)
        postbuild.normalize_search_index(staging / prefix)
        data = {path: file for path, file in last_good_pages(folder).items() if not urls.is_page(path)}
        placed += postbuild.place_exports(staging / prefix, data)
    prefixes = [prefix for prefix in generated if prefix]
    postbuild.link_editions(staging, prefixes)
    postbuild.merge_sitemaps(staging, prefixes)
    broken = postbuild.broken_links(staging, root_path)
    if broken:
        raise SiteBuildFailed([f"site/{line.replace(': ', ': broken link ', 1)}" for line in broken])
    return placed


def build(root: Path, site: Path, engine: str = "mkdocs", epoch: str | None = None) -> Built:
    """Build the site with `engine` into a staging folder beside `site`, run the passes, swap it in."""
    if engine not in ENGINES:
        raise SiteBuildFailed([f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}"])
    write.recover(site)
    staging = write.new_tree_beside(site)
    # The epoch makes the sitemap's dates, and so the whole site, the same on every build of the same sources.
    env = settings.engine_environment(**({"SOURCE_DATE_EPOCH": epoch} if epoch else {}))
    try:
        # With a site_url, both engines write the 404 page's links from its path (it is served at any depth).
        root_path = urlsplit(links_of(engine_config(root)).site_url or "/").path or "/"
        generated = (_mkdocs if engine == "mkdocs" else _zensical)(root, staging, env)
        placed = _passes(staging, generated, root_path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    write.swap_in(staging, site)
    return Built(engine, sum(1 for _ in site.rglob("*.html")), placed)
