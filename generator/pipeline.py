"""The recipe: load, validate, model, render, write. Nothing is written unless everything loaded and validated."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from generator.checks.lint import lint
from generator.checks.validate import validate
from generator.input import schema
from generator.input.content import content_pages, content_problems, guide_problems, template_problems
from generator.input.history import last_updated
from generator.input.load import REGISTRIES, REGISTRY_DIR, Document, Tree, load_tree
from generator.model.catalog import Catalog, build_catalog
from generator.output import fielddocs, sitelinks
from generator.output.citations import citation_files, citation_paths
from generator.output.exports import data_file_names, data_files
from generator.output.i18n import DEFAULT_LANGUAGE, ENGLISH, Edition, edition
from generator.output.render import PageOwner, page_plan, render_site, templates_for
from generator.output.sitelinks import SiteLinks
from generator.output.urls import Origin, collisions, data_path, site_file
from generator.output.write import WriteReport, write_tree
from generator.problems import Problem, errors

GENERATED_DIR = Path("build/generated")


def generated_dir(lang: str = DEFAULT_LANGUAGE) -> Path:
    """Where an edition's generated pages go: build/generated for English, build/generated-ar for Arabic."""
    return GENERATED_DIR if lang == DEFAULT_LANGUAGE else GENERATED_DIR.with_name(f"{GENERATED_DIR.name}-{lang}")


@dataclass
class CheckResult:
    """Every problem found, and the catalog when there were no errors."""

    problems: list[Problem]
    files_checked: int
    catalog: Catalog | None = None
    # Advisory warnings found but left out of `problems` (see problems.Code.advisory).
    hidden: int = 0
    # (registry path, sentence) for each registry that could not be read: references to it were not checked.
    not_checked: list[tuple[str, str]] = field(default_factory=list)
    # Every loaded file (the live preview re-checks only what an edit changes, generator/engines/preview.py).
    tree: Tree | None = None

    @property
    def ok(self) -> bool:
        """True when nothing stops the build."""
        return not errors(self.problems)


@dataclass(frozen=True)
class RenderOptions:
    """What a run rendered the pages with besides the catalog (the live preview renders edits with the same)."""

    templates: Path
    updated: dict[str, str]
    links: SiteLinks
    contributing: str | None
    engine: str
    edition: Edition = ENGLISH


@dataclass
class BuildResult:
    """A check, and what writing changed when the check passed."""

    check: CheckResult
    pages: dict[str, str] = field(default_factory=dict)
    written: WriteReport | None = None
    options: RenderOptions | None = None


_WHAT_REFERS = {"places": "place references", "actors": "actor references", "phases": "phase references"}


def _unreadable_registries(tree: Tree) -> list[tuple[str, str]]:
    """(path, sentence) for each registry that did not load, whose references validate leaves unchecked."""
    return [
        (
            f"{REGISTRY_DIR}/{name}.yaml",
            f"{REGISTRY_DIR}/{name}.yaml could not be read, so the {_WHAT_REFERS[name]} in event files were not "
            "checked; fix the error above and check again",
        )
        for name in REGISTRIES
        if getattr(tree, name) is None
    ]


def _registries_first(problem: Problem) -> tuple[bool, Problem]:
    """Sort key: a registry's problems come before the event files', whose references depend on it."""
    return (not problem.path.startswith(f"{REGISTRY_DIR}/"), problem)


def check(
    root: Path,
    *,
    only: Collection[str] | None = None,
    advisory: bool = False,
    strict: bool = False,
) -> CheckResult:
    """Load and validate every file under `root`; build the catalog when nothing is wrong.

    `only` limits the report to those project-relative paths, whose references still resolve against every file
    (a registry with an error is reported with them: it stops their build, and one that cannot be read leaves their
    references unchecked); advisory warnings are counted in `hidden` instead of reported unless `advisory` is set;
    `strict` also gives files with errors their warnings. Every file is loaded and checked every time."""
    tree, problems = load_tree(root)
    # content/, site_templates/ and CONTRIBUTING.md are published or executed as they are: only regular files (of
    # allowed types).
    problems += content_problems(root) + template_problems(root) + guide_problems(root)
    problems = problems + validate(tree)
    # By default warnings only for files without errors (errors come first anyway); --strict asks for them all.
    skip = set() if strict else {p.path for p in errors(problems)}
    problems = sorted(set(problems + lint(tree, skip=skip)), key=_registries_first)
    result = CheckResult(problems, tree.files_read, not_checked=_unreadable_registries(tree), tree=tree)
    if result.ok:
        catalog = build_catalog(tree)
        # Two pages at one address would silently lose one: a collision is an error like any other.
        clashes = collision_problems(root, tree, catalog)
        result.problems = sorted(result.problems + clashes)
        result.catalog = None if clashes else catalog
    if only is not None:
        # Every event depends on the registries: an error in one (or one that cannot be read) is reported with the
        # named files, since it stops their build too.
        registry_errors = {p.path for p in errors(result.problems) if p.path.startswith(f"{REGISTRY_DIR}/")}
        wanted = set(only) | registry_errors | {path for path, _ in result.not_checked}
        result.problems = [p for p in result.problems if p.path in wanted]
        result.files_checked = len(wanted)
    if not advisory:
        result.hidden = sum(p.advisory for p in result.problems)
        result.problems = [p for p in result.problems if not p.advisory]
    return result


def _origin(tree: Tree, owner: PageOwner) -> Origin:
    """Where a page's owner is written: an event's id, a registry entry's key, or nowhere (the generator's)."""
    kind, ident = owner
    if kind == "event":
        doc = next(d for d in tree.events if d.data.get("id") == ident)
        return Origin(doc.path, *doc.position(("id",)), f"event {ident}")
    registry: Document | None = {"place": tree.places, "actor": tree.actors}.get(kind, tree.phases)
    if kind == "generator" or registry is None:
        return Origin("", 0, 0, ident)
    what = f"the timeline page of phase {ident}" if kind == "timeline" else f"{kind} {ident}"
    return Origin(registry.path, *registry.position((ident,), key=True), what)


def collision_problems(root: Path, tree: Tree, catalog: Catalog) -> list[Problem]:
    """E065: two pages of the site (generated, exported, or hand-written in content/) at one address."""
    guide = fielddocs.read_contributing(root) is not None
    owners: list[tuple[str, PageOwner]] = list(page_plan(catalog, contributing=guide))
    owners += [(data_path(name), ("generator", f"the export {name}")) for name in data_file_names()]
    owners += [(path, ("generator", "a citation file")) for path in citation_paths(catalog.events)]
    owners += [(path, ("generator", "the published schema")) for path in schema.site_files()]
    owners += [(path, ("content", path)) for path in content_pages(root)]
    files = Counter(site_file(path) for path, _ in owners)
    # Positions only for the pages that clash.
    clashing = []
    for path, (kind, ident) in owners:
        if files[site_file(path)] > 1:
            origin = Origin(f"content/{ident}", 1, 1, f"content/{ident}") if kind == "content" else None
            clashing.append((path, origin or _origin(tree, (kind, ident))))
    return collisions(clashing)


def build(
    root: Path,
    out_dir: Path | None = None,
    *,
    links: SiteLinks | None = None,
    engine: str = "mkdocs",
    lang: str = DEFAULT_LANGUAGE,
) -> BuildResult:
    """Check, render the pages and data exports of the edition `lang` (en or ar, generator/output/i18n.py), write the
    changed ones to `out_dir` (default: the edition's generated_dir), for the site engine `engine` (mkdocs or
    zensical, see render.render_site).

    `links` are the repository's and the site's addresses (default: as mkdocs.yml configures them)."""
    checked = check(root)
    if checked.catalog is None:
        return BuildResult(checked)
    # The open-data exports (data/...) and the published schema are written, and removed when stale, together
    # with the pages; the history gives each event page its "Last updated" date (none without a repository).
    catalog, updated, templates = checked.catalog, last_updated(root), templates_for(root)
    language = edition(lang)
    links = links if links is not None else sitelinks.read(root)
    contributing = fielddocs.read_contributing(root)
    rendered = render_site(
        catalog, templates, updated=updated, links=links, contributing=contributing, engine=engine, edition=language
    )
    exported = {**data_files(catalog, language), **citation_files(catalog.events, links.site_url, language)}
    pages = {**rendered, **exported, **schema.site_files()}
    report = write_tree(out_dir or root / generated_dir(lang), pages)
    options = RenderOptions(templates, dict(updated), links, contributing, engine, language)
    return BuildResult(checked, pages, report, options)
