"""The command line: `timeline check | new | docs | generate | build | export`. Arguments and exit codes only."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import audit, exports, fielddocs, history, pipeline, report, scaffold, settings, sitebuild, urls, write
from .load import read_regular

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXPORT_DIR = Path("build/export")


def _print_problems(result: pipeline.CheckResult) -> None:
    """Every problem of a check, and what could not be checked because a registry is unreadable."""
    for line in report.text_lines(result.problems, result.not_checked):
        print(line)


def _project_paths(root: Path, paths: list[Path]) -> list[str]:
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


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every event and registry file, reporting on all of them or only on the files named."""
    try:
        only = _project_paths(args.root, args.paths) if args.paths else None
    except ValueError as error:
        print(f"timeline check: {error}", file=sys.stderr)
        return EXIT_USAGE
    # Naming files means "I am working on these": they get every warning, advisory ones included.
    result = pipeline.check(args.root, only=only, advisory=args.strict or only is not None, strict=args.strict)
    if args.format == "json":
        print(report.json_report(result.problems, result.files_checked, result.hidden, result.not_checked))
    elif args.format == "github":
        for problem in result.problems:
            print(report.github_line(problem))
        for line in report.github_notes(result.not_checked):
            print(line)
        print(report.summary(result.problems, result.files_checked, result.hidden))
    else:
        _print_problems(result)
        print(report.summary(result.problems, result.files_checked, result.hidden))
    n_errors, n_warnings = report.counts(result.problems)
    return EXIT_PROBLEMS if n_errors or (args.strict and n_warnings) else EXIT_OK


def _shown(path: Path) -> Path:
    """A path as the user can type it: relative to the current folder when it lies inside it."""
    cwd = Path.cwd()
    return path.relative_to(cwd) if path.is_relative_to(cwd) else path


def cmd_new(args: argparse.Namespace) -> int:
    """Scaffold a new event file with TODO placeholders; print its path."""
    try:
        target = scaffold.scaffold(args.root, args.date, args.title, args.slug)
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


def cmd_docs(args: argparse.Namespace) -> int:
    """Regenerate the field reference in CONTRIBUTING.md from the schema (or, with --check, report drift)."""
    path = args.root / fielddocs.CONTRIBUTING
    # Read as the build reads it: a link (to /dev/zero, say) or a pipe in a pull request must not stall CI.
    raw, refused = read_regular(path, args.root)
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
    if args.check:
        print(f"{path}: the field reference differs from the schema; run `make docs`", file=sys.stderr)
        return EXIT_PROBLEMS
    path.write_text(fresh, encoding="utf-8")
    print(f"{path}: rewrote the field reference from the schema")
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    """Write the generated Markdown; nothing is written when any file has an error."""
    out = args.out or args.root / pipeline.GENERATED_DIR
    try:
        result = pipeline.build(args.root, out)
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


def cmd_build(args: argparse.Namespace) -> int:
    """Build the whole site into a staging folder with the chosen engine, run the engine-independent passes over
    it (sanitizer, exports, link check), then swap it in; a failure keeps the old site."""
    root: Path = args.root
    site = root / "site"
    checked = pipeline.check(root)
    if not checked.ok:
        _print_problems(checked)
        print(f"{report.summary(checked.problems, checked.files_checked)}; the site was not built, {site} is unchanged")
        return EXIT_PROBLEMS
    try:
        built = sitebuild.build(root, site, args.engine, build_epoch(root))
    except sitebuild.SiteBuildFailed as failure:
        for line in failure.lines:
            print(line, file=sys.stderr)
        print(f"{args.engine} build failed; {site} is unchanged", file=sys.stderr)
        return EXIT_PROBLEMS
    print(
        f"built {built.pages} HTML pages from {checked.files_checked} files into {site}/ with {built.engine} "
        f"(preview: python3 -m http.server -d {site} 8000)"
    )
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write the chosen open-data files into a folder; nothing is written when any file has an error."""
    out: Path = args.out or args.root / EXPORT_DIR
    if out.exists() and not out.is_dir():
        print(f"timeline export: {out} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    checked = pipeline.check(args.root)
    _print_problems(checked)
    if checked.catalog is None:
        print(f"{report.summary(checked.problems, checked.files_checked)}; nothing was exported, {out} is unchanged")
        return EXIT_PROBLEMS
    files = exports.export(checked.catalog, exports.FORMATS if args.format == "all" else [args.format])
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        # Bytes, not text mode: the CSV's CRLF line ends must reach the file unchanged.
        (out / name).write_bytes(text.encode("utf-8"))
    print(f"exported {report.plural(len(checked.catalog.events), 'event')} as {', '.join(files)} into {out}")
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    """Compare the content with the fact bases in ../shared/reference/ and print what differs (a report)."""
    folder: Path = (args.reference or (args.root / audit.DEFAULT_REFERENCE)).resolve()
    facts = audit.read_fact_bases(folder)
    if not facts.files:
        print(f"timeline audit: no fact base ({' or '.join(audit.FACT_BASES)}) in {folder}", file=sys.stderr)
        return EXIT_USAGE
    checked = pipeline.check(args.root)
    if checked.catalog is None:
        _print_problems(checked)
        print(f"{report.summary(checked.problems, checked.files_checked)}; fix these before auditing")
        return EXIT_PROBLEMS
    findings = audit.audit(checked.catalog, facts)
    for line in audit.report(checked.catalog, facts, findings):
        print(line)
    return EXIT_PROBLEMS if findings.failed else EXIT_OK


def cmd_synth(args: argparse.Namespace) -> int:
    """Write a synthetic, valid, deterministic project of N events (for the benchmark and scale tests)."""
    from . import synth  # only this command needs it

    if args.count < 0:
        print("timeline synth: N must be 0 or more", file=sys.stderr)
        return EXIT_USAGE
    try:
        make = synth.synth_real if args.shape == "real" else synth.synth
        made = make(args.count, args.out, seed=args.seed)
    except FileExistsError as error:
        print(f"timeline synth: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {report.plural(made.events, 'event')} ({made.bytes:,} bytes) and the project into {args.out}")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    """The argument parser with its sub-commands."""
    top = argparse.ArgumentParser(prog="timeline", description="Build the Jazeera Storm campaign timeline.")
    top.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: the current one)")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate every event and registry file")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="report only on these files (or folders)")
    check.add_argument("--format", choices=report.FORMATS, default="text", help="text (default), github or json")
    check.add_argument("--strict", action="store_true", help="list advisory warnings and fail on any warning")
    check.set_defaults(run=cmd_check)
    new = commands.add_parser("new", help="write a new event file with TODO placeholders and print its path")
    new.add_argument("--date", required=True, help="EDTF date, e.g. 2018-09-20, 2018-09 or 2018-12-30/2019-01-13")
    new.add_argument("--title", required=True, help="what happened, in one line")
    new.add_argument("--slug", help="the id's words, a-z, 0-9 and '-' (default: from the title)")
    new.set_defaults(run=cmd_new)
    docs = commands.add_parser("docs", help="rewrite CONTRIBUTING.md's field reference from the schema")
    docs.add_argument("--check", action="store_true", help="only report whether it is out of date (exit 1)")
    docs.set_defaults(run=cmd_docs)
    generate = commands.add_parser("generate", help="write the generated Markdown (default: build/generated)")
    generate.add_argument("--out", type=Path, help="output folder")
    generate.set_defaults(run=cmd_generate)
    build = commands.add_parser("build", help="check, then build the site into site/ (MkDocs by default)")
    build.add_argument("--engine", choices=sitebuild.ENGINES, default="mkdocs", help="mkdocs (default) or zensical")
    build.set_defaults(run=cmd_build)
    export = commands.add_parser("export", help=f"write open-data files (default folder: {EXPORT_DIR})")
    export.add_argument("--format", required=True, choices=[*exports.FORMATS, "all"], help="which files to write")
    export.add_argument("--out", type=Path, help="output folder")
    export.set_defaults(run=cmd_export)
    audit_command = commands.add_parser("audit", help="compare the content with the fact bases (../shared/reference)")
    audit_command.add_argument(
        "--reference", type=Path, help=f"folder of the fact bases (default: {audit.DEFAULT_REFERENCE} of the project)"
    )
    audit_command.set_defaults(run=cmd_audit)
    synth = commands.add_parser("synth", help="write a synthetic project of N made-up events (for benchmarks)")
    synth.add_argument("count", type=int, metavar="N", help="number of events")
    synth.add_argument("--out", type=Path, required=True, help="folder to write the project into")
    synth.add_argument("--seed", type=int, default=0, help="random seed (default 0); same N and seed, same files")
    synth.add_argument(
        "--shape",
        choices=("synthetic", "real"),
        default="synthetic",
        help="synthetic: made-up events placed apart (default); real: the project's events copied with new ids and "
        "dates, keeping their duplicates and related links",
    )
    synth.set_defaults(run=cmd_synth, needs_events=False)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; argparse exits with 2 on a usage error."""
    args = parser().parse_args(argv)
    if getattr(args, "needs_events", True) and not (args.root / "events").is_dir():
        print(
            f"timeline: no events/ folder in {args.root}; run from the project folder or pass --root",
            file=sys.stderr,
        )
        return EXIT_USAGE
    code: int = args.run(args)
    return code
