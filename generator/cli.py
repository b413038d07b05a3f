"""The command line: `timeline check | new | docs | generate | build | export | audit`, parsed by click.

Arguments and exit codes only: 0 when all is well, 1 when the project has problems (or a command failed on it),
2 for a usage error (click's own, and the few only the project can tell: a named file outside it, no events/)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from generator import pipeline, settings
from generator.checks import audit, report
from generator.engines import sitebuild
from generator.input import history
from generator.input.load import read_regular
from generator.output import exports, fielddocs, scaffold, urls, write

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXPORT_DIR = Path("build/export")
# A path option or argument as a pathlib.Path, checked by the command (the messages name the project).
PATH = click.Path(path_type=Path)


def _print_problems(result: pipeline.CheckResult) -> None:
    """Every problem of a check, and what could not be checked because a registry is unreadable."""
    for line in report.text_lines(result.problems, result.not_checked):
        print(line)


def _project_paths(root: Path, paths: Sequence[Path]) -> list[str]:
    """Project-relative paths of the named files (a folder names every file in it); ValueError when one is not."""
    base, found = root.resolve(), []
    for path in paths:
        full = path.resolve()
        if not full.exists():
            raise ValueError(f"{path}: no such file")
        if not full.is_relative_to(base):
            raise ValueError(f"{path} is not inside the project folder {root}")
        files = sorted(p for p in full.rglob("*") if p.is_file()) if full.is_dir() else [full]
        found += [f.relative_to(base).as_posix() for f in files]
    return found


def _root() -> Path:
    """The project folder given to the command group (`--root`); a usage error (exit 2) when it has no events/."""
    root: Path = click.get_current_context().find_root().params["root"]
    if not (root / "events").is_dir():
        print(f"timeline: no events/ folder in {root}; run from the project folder or pass --root", file=sys.stderr)
        raise click.exceptions.Exit(EXIT_USAGE)
    return root


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 120})
@click.option("--root", type=PATH, default=Path.cwd, show_default="the current folder", help="The project folder.")
def timeline(root: Path) -> None:
    """Build the Jazeera Storm campaign timeline."""


@timeline.command(short_help="Validate every event and registry file.")
@click.argument("paths", nargs=-1, type=PATH, metavar="[PATH]...")
@click.option("--format", "form", type=click.Choice(report.FORMATS), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="List advisory warnings and fail on any warning.")
def check(paths: tuple[Path, ...], form: str, strict: bool) -> int:
    """Validate every event and registry file (or report only on the files or folders named)."""
    root = _root()
    try:
        only = _project_paths(root, paths) if paths else None
    except ValueError as error:
        print(f"timeline check: {error}", file=sys.stderr)
        return EXIT_USAGE
    # Naming files means "I am working on these": they get every warning, advisory ones included.
    result = pipeline.check(root, only=only, advisory=strict or only is not None, strict=strict)
    if form == "json":
        print(report.json_report(result.problems, result.files_checked, result.hidden, result.not_checked))
    elif form == "github":
        for problem in result.problems:
            print(report.github_line(problem))
        for line in report.github_notes(result.not_checked):
            print(line)
        print(report.summary(result.problems, result.files_checked, result.hidden))
    else:
        _print_problems(result)
        print(report.summary(result.problems, result.files_checked, result.hidden))
    n_errors, n_warnings = report.counts(result.problems)
    return EXIT_PROBLEMS if n_errors or (strict and n_warnings) else EXIT_OK


def _shown(path: Path) -> Path:
    """A path as the user can type it: relative to the current folder when it lies inside it."""
    cwd = Path.cwd()
    return path.relative_to(cwd) if path.is_relative_to(cwd) else path


@timeline.command(short_help="Write a new event file with TODO placeholders and print its path.")
@click.option("--date", required=True, help="EDTF date, e.g. 2018-09-20, 2018-09 or 2018-12-30/2019-01-13.")
@click.option("--title", required=True, help="What happened, in one line.")
@click.option("--slug", help="The id's words, a-z, 0-9 and '-' (default: from the title).")
def new(date: str, title: str, slug: str | None) -> int:
    """Write a new event file with TODO placeholders and print its path."""
    try:
        target = scaffold.scaffold(_root(), date, title, slug)
    except scaffold.ScaffoldError as error:
        print(f"timeline new: {error}", file=sys.stderr)
        return EXIT_USAGE
    except FileExistsError as error:
        existing = _shown(Path(error.filename))
        print(f"timeline new: {existing} already exists; edit it, or choose another --slug", file=sys.stderr)
        return EXIT_PROBLEMS
    shown = _shown(target)
    print(shown)
    print(f"Replace every TODO in it, then run: .venv/bin/timeline check {shown}", file=sys.stderr)
    return EXIT_OK


@timeline.command(short_help="Rewrite CONTRIBUTING.md's field reference from the schema.")
@click.option("--check", "only_check", is_flag=True, help="Only report whether it is out of date (exit 1).")
def docs(only_check: bool) -> int:
    """Rewrite CONTRIBUTING.md's field reference from the schema."""
    root = _root()
    path = root / fielddocs.CONTRIBUTING
    # Read as the build reads it: a link (to /dev/zero, say) or a pipe in a pull request must not stall CI.
    raw, refused = read_regular(path, root)
    if raw is None:
        print(f"timeline docs: {path}: {refused[0].code} {refused[0].message}", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        text = raw.decode("utf-8")
        fresh = fielddocs.with_field_reference(text)
    except (OSError, ValueError) as error:
        print(f"timeline docs: {path}: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    if fresh == text:
        print(f"{path}: the field reference is up to date")
        return EXIT_OK
    if only_check:
        print(f"{path}: the field reference differs from the schema; run `make docs`", file=sys.stderr)
        return EXIT_PROBLEMS
    path.write_text(fresh, encoding="utf-8")
    print(f"{path}: rewrote the field reference from the schema")
    return EXIT_OK


@timeline.command(short_help=f"Write the generated Markdown (default: {pipeline.GENERATED_DIR}).")
@click.option("--out", type=PATH, help=f"Output folder (default: {pipeline.GENERATED_DIR}).")
def generate(out: Path | None) -> int:
    """Write the generated Markdown; nothing is written when any file has an error."""
    root = _root()
    out = out or root / pipeline.GENERATED_DIR
    try:
        result = pipeline.build(root, out)
    except (write.UnsafeOutputDir, NotADirectoryError, FileExistsError) as error:
        print(f"timeline generate: {error}", file=sys.stderr)
        return EXIT_USAGE
    _print_problems(result.check)
    if result.written is None:
        checked = report.summary(result.check.problems, result.check.files_checked)
        print(f"{checked}; nothing was written, {out} is unchanged")
        return EXIT_PROBLEMS
    written = result.written
    # Pages are Markdown; everything else (data exports, the published schema) is a data file.
    n_data = sum(1 for path in result.pages if not urls.is_page(path))
    pages, data = report.plural(len(result.pages) - n_data, "page"), report.plural(n_data, "data file")
    print(
        f"generated {pages} and {data} into {out}: "
        f"{len(written.written)} written, {written.unchanged} unchanged, {len(written.removed)} removed"
    )
    return EXIT_OK


def build_epoch(root: Path) -> str:
    """The build date for reproducible output: SOURCE_DATE_EPOCH, else the last commit, else the newest input."""
    if epoch := settings.source_date_epoch():
        return epoch
    commit = (history.git_output(root, "log", "-1", "--format=%ct") or "").strip()
    if commit.isdigit():
        return commit
    # A tarball has no history, but it keeps file times: the newest input is as reproducible as a commit.
    inputs = [p for part in ("events", "content", "site_templates", "mkdocs.yml") for p in (root / part).rglob("*")]
    return str(max((int(p.stat().st_mtime) for p in inputs if p.is_file()), default=0))


@timeline.command(short_help="Check, then build the site into site/ (MkDocs by default).")
@click.option("--engine", type=click.Choice(sitebuild.ENGINES), default="mkdocs", show_default=True)
def build(engine: str) -> int:
    """Check, then build the site into site/ (engine-independent sanitizer, exports and link check included)."""
    root = _root()
    site = root / "site"
    checked = pipeline.check(root)
    if not checked.ok:
        _print_problems(checked)
        print(f"{report.summary(checked.problems, checked.files_checked)}; the site was not built, {site} is unchanged")
        return EXIT_PROBLEMS
    try:
        built = sitebuild.build(root, site, engine, build_epoch(root))
    except sitebuild.SiteBuildFailed as failure:
        for line in failure.lines:
            print(line, file=sys.stderr)
        print(f"{engine} build failed; {site} is unchanged", file=sys.stderr)
        return EXIT_PROBLEMS
    print(
        f"built {built.pages} HTML pages from {checked.files_checked} files into {site}/ with {built.engine} "
        f"(preview: python3 -m http.server -d {site} 8000)"
    )
    return EXIT_OK


@timeline.command(short_help=f"Write open-data files (default folder: {EXPORT_DIR}).")
@click.option("--format", "form", required=True, type=click.Choice([*exports.FORMATS, "all"]), help="Which files.")
@click.option("--out", type=PATH, help=f"Output folder (default: {EXPORT_DIR}).")
def export(form: str, out: Path | None) -> int:
    """Write open-data files; nothing is written when any file has an error."""
    root = _root()
    out = out or root / EXPORT_DIR
    if out.exists() and not out.is_dir():
        print(f"timeline export: {out} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    checked = pipeline.check(root)
    _print_problems(checked)
    if checked.catalog is None:
        print(f"{report.summary(checked.problems, checked.files_checked)}; nothing was exported, {out} is unchanged")
        return EXIT_PROBLEMS
    files = exports.export(checked.catalog, exports.FORMATS if form == "all" else [form])
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        # Bytes, not text mode: the CSV's CRLF line ends must reach the file unchanged.
        (out / name).write_bytes(text.encode("utf-8"))
    print(f"exported {report.plural(len(checked.catalog.events), 'event')} as {', '.join(files)} into {out}")
    return EXIT_OK


@timeline.command("audit", short_help="Compare the content with the fact bases (../shared/reference).")
@click.option("--reference", type=PATH, help=f"Folder of the fact bases (default: {audit.DEFAULT_REFERENCE}).")
def audit_command(reference: Path | None) -> int:
    """Compare the content with the fact bases (../shared/reference) and print what differs."""
    root = _root()
    folder: Path = (reference or (root / audit.DEFAULT_REFERENCE)).resolve()
    facts = audit.read_fact_bases(folder)
    if not facts.files:
        print(f"timeline audit: no fact base ({' or '.join(audit.FACT_BASES)}) in {folder}", file=sys.stderr)
        return EXIT_USAGE
    checked = pipeline.check(root)
    if checked.catalog is None:
        _print_problems(checked)
        print(f"{report.summary(checked.problems, checked.files_checked)}; fix these before auditing")
        return EXIT_PROBLEMS
    findings = audit.audit(checked.catalog, facts)
    for line in audit.report(checked.catalog, facts, findings):
        print(line)
    return EXIT_PROBLEMS if findings.failed else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line: a command's exit code, or SystemExit(2) after click reports a usage error."""
    try:
        code = timeline.main(list(argv) if argv is not None else None, prog_name="timeline", standalone_mode=False)
    except click.ClickException as error:
        error.show()
        raise SystemExit(error.exit_code) from None
    except click.Abort:
        print("Aborted!", file=sys.stderr)
        return EXIT_PROBLEMS
    return int(code or 0)
