"""The recipe: load, validate, model, render, write. Nothing is written unless everything loaded and validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Catalog, build_catalog
from .exports import data_files
from .load import load_tree
from .problems import Problem, errors
from .render import render_site, templates_for
from .validate import validate
from .write import WriteReport, write_tree

GENERATED_DIR = Path("build/generated")


@dataclass
class CheckResult:
    """Every problem found, and the catalog when there were no errors."""

    problems: list[Problem]
    files_checked: int
    catalog: Catalog | None = None

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


def check(root: Path) -> CheckResult:
    """Load and validate every file under `root`; build the catalog when nothing is wrong."""
    tree, problems = load_tree(root)
    problems = sorted(set(problems + validate(tree)))
    result = CheckResult(problems, tree.files_read)
    if result.ok:
        result.catalog = build_catalog(tree)
    return result


def build(root: Path, out_dir: Path | None = None) -> BuildResult:
    """Check, render the pages and data exports, write the changed ones to `out_dir` (default: build/generated)."""
    checked = check(root)
    if checked.catalog is None:
        return BuildResult(checked)
    # The open-data exports (data/...) are written, and removed when stale, together with the pages.
    pages = {**render_site(checked.catalog, templates_for(root)), **data_files(checked.catalog)}
    report = write_tree(out_dir or root / GENERATED_DIR, pages)
    return BuildResult(checked, pages, report)
