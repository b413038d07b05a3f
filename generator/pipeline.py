"""The recipe: load, validate, model, render, write. Nothing is written unless everything loaded and validated."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from .cache import CACHE_DIR, BuildCache
from .catalog import Catalog, build_catalog
from .citations import citation_files
from .exports import data_files
from .history import last_updated
from .lint import lint
from .load import load_tree
from .parallel import Beside, can_fork
from .problems import Problem, errors
from .render import render_site, templates_for
from .validate import schema_problems, validate
from .write import WriteReport, write_tree

GENERATED_DIR = Path("build/generated")
# The share of event pages this process renders when a helper renders the rest and the exports.
HERE_SHARE = 0.75


@dataclass
class CheckResult:
    """Every problem found, and the catalog when there were no errors."""

    problems: list[Problem]
    files_checked: int
    catalog: Catalog | None = None
    # Advisory warnings found but left out of `problems` (see problems.Code.advisory).
    hidden: int = 0

    @property
    def ok(self) -> bool:
        """True when nothing stops the build."""
        return not errors(self.problems)


@dataclass
class BuildResult:
    """A check, and what writing changed when the check passed."""

    check: CheckResult
    pages: dict[str, str] = field(default_factory=dict)
    written: WriteReport | None = None


def check(
    root: Path, *, only: Collection[str] | None = None, advisory: bool = False, cache: bool = True
) -> CheckResult:
    """Load and validate every file under `root`; build the catalog when nothing is wrong.

    `only` limits the report to those project-relative paths, whose references still resolve against every file;
    advisory warnings are counted in `hidden` instead of reported unless `advisory` is set. With `cache`, event
    files loaded and schema-checked before (same path, same bytes, same code) are not parsed again
    (build/cache/, see generator/cache.py); everything else is checked over all files every time."""
    store = BuildCache(root / CACHE_DIR) if cache else None
    tree, problems = load_tree(root, store)
    problems = problems + validate(tree, store.schema_problems(schema_problems) if store else schema_problems)
    if store is not None:
        store.save()
    # Warnings only for files without errors: they read the data as valid, and errors come first anyway.
    problems = sorted(set(problems + lint(tree, skip={p.path for p in errors(problems)})))
    result = CheckResult(problems, tree.files_read)
    if result.ok:
        result.catalog = build_catalog(tree)
    if only is not None:
        wanted = set(only)
        result.problems = [p for p in result.problems if p.path in wanted]
        result.files_checked = len(wanted)
    if not advisory:
        result.hidden = sum(p.advisory for p in result.problems)
        result.problems = [p for p in result.problems if not p.advisory]
    return result


def build(root: Path, out_dir: Path | None = None, *, cache: bool = True, site_url: str | None = None) -> BuildResult:
    """Check, render the pages and data exports, write the changed ones to `out_dir` (default: build/generated);
    `site_url`, the published site's address when known, makes citations absolute."""
    checked = check(root, cache=cache)
    if checked.catalog is None:
        return BuildResult(checked)
    # The open-data exports (data/...) and the published schema are written, and removed when stale, together
    # with the pages; the history gives each event page its "Last updated" date (none without a repository).
    # Where it is safe, a forked helper renders the later events' pages and the exports on the second core
    # meanwhile (generator/parallel.py); it gets the smaller share of the pages, as the exports are its too.
    catalog, updated, templates = checked.catalog, last_updated(root), templates_for(root)
    fork = can_fork(len(catalog.events))
    split = round(len(catalog.events) * HERE_SHARE) if fork else len(catalog.events)

    def helper_work() -> tuple[dict[str, str], dict[str, str]]:
        """The helper's share: the event pages after `split`, and every export."""
        later = render_site(
            catalog, templates, updated=updated, event_pages=slice(split, None), other_pages=False, site_url=site_url
        )
        return later, {**data_files(catalog), **citation_files(catalog.events, site_url)}

    helper = Beside(helper_work, fork=fork)
    try:
        rendered = render_site(catalog, templates, updated=updated, event_pages=slice(0, split), site_url=site_url)
    except BaseException:
        helper.cancel()
        raise
    later, exported = helper.result()
    pages = {**dict(sorted({**rendered, **later}.items())), **exported, **schema.site_files()}
    report = write_tree(out_dir or root / GENERATED_DIR, pages)
    return BuildResult(checked, pages, report)
